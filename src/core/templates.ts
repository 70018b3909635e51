/**
 * Reads the tool's own files from `templates/`. From source the folder is
 * two levels up (src/core/); from a built entry (`dist/<entry>/`) it is the copy the
 * build puts in `dist/templates/`, one level up. The candidates are computed
 * at run time so ncc leaves the path alone instead of relocating it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const candidateDirs = (): string[] => {
  const here = dirname(fileURLToPath(import.meta.url));
  return ['..', '../..'].map((up) => resolve(here, up, 'templates'));
};

let templatesDir: string | undefined;

function findTemplatesDir(): string {
  templatesDir ??= candidateDirs().find((dir) => existsSync(join(dir, 'bootstrap.sh')));
  if (!templatesDir) throw new Error(`templates/ not found next to ${fileURLToPath(import.meta.url)}`);
  return templatesDir;
}

export const templatePath = (name: string): string => (isAbsolute(name) ? name : join(findTemplatesDir(), name));

export const readTemplate = (name: string): string => readFileSync(templatePath(name), 'utf8');
