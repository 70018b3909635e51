/**
 * Reads files from `templates/`. The folder sits two levels above both
 * `src/cloudinit/` (tests) and `dist/<entry>/` (the built action), so one
 * relative URL serves both; ncc copies what it finds next to the bundle.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export const templatePath = (name: string): string => (isAbsolute(name) ? name : join(TEMPLATES_DIR, name));

export const readTemplate = (name: string): string => readFileSync(templatePath(name), 'utf8');
