import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemas, jsonSchemaText, SCHEMA_FILES } from '../../src/config/json-schema.js';

const schemaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema');

/**
 * schema/*.json are generated from the zod schemas. Regenerate with
 *   UPDATE_SCHEMAS=1 npx vitest run __tests__/config/json-schema.test.ts
 */
describe('schema/ JSON Schemas', () => {
  const schemas = buildJsonSchemas();
  for (const [name, file] of Object.entries(SCHEMA_FILES) as [keyof typeof SCHEMA_FILES, string][]) {
    it(`${file} matches the zod schema`, () => {
      const target = path.join(schemaDir, file);
      const text = jsonSchemaText(schemas[name]);
      if (process.env.UPDATE_SCHEMAS === '1') {
        mkdirSync(schemaDir, { recursive: true });
        writeFileSync(target, text);
      }
      const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
      expect(
        current === text,
        `schema/${file} is stale; regenerate: UPDATE_SCHEMAS=1 npx vitest run __tests__/config/json-schema.test.ts`,
      ).toBe(true);
    });
  }

  it('describes every top-level key and rejects unknown ones', () => {
    const config = schemas.config as {
      properties: Record<string, { description?: string }>;
      additionalProperties: unknown;
    };
    expect(config.additionalProperties).toBe(false);
    const undocumented = Object.entries(config.properties).filter(([key, value]) => key !== '$schema' && !value.description);
    expect(undocumented).toEqual([]);
  });
});
