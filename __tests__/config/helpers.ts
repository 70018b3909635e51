import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const temps: string[] = [];

/** Removes every project made by makeProject after each test. */
export function cleanProjectsAfterEach(): void {
  afterEach(() => {
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
}

/**
 * Writes a throwaway project; keys are project-relative paths, a trailing
 * `/` makes a folder. `.sh` files are executable unless `mode` says otherwise.
 */
export function makeProject(files: Record<string, string>, modes: Record<string, number> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'spot-config-'));
  temps.push(root);
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(root, file);
    if (file.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    const mode = modes[file] ?? (file.endsWith('.sh') ? 0o755 : undefined);
    if (mode !== undefined) chmodSync(target, mode);
  }
  return root;
}

export const BASIC_CONFIG = 'regions: [us-east-1]\nbucket: demo-bucket\n';
export const SETUP = '#!/usr/bin/env bash\necho hi\n';
