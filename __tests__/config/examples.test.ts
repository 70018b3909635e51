import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runValidate } from '../../src/commands/validate.js';
import { formatIssue } from '../../src/config/format-issues.js';
import { localRun } from '../helpers/run-context.ts';

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples');
const projects = readdirSync(examples, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('examples/', () => {
  it.each(projects)('%s validates clean', async (name) => {
    const result = await runValidate({ run: localRun(), dir: path.join(examples, name), overrides: {} });
    expect(result.issues.map(formatIssue)).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
