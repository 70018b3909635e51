// Builds the three entries with ncc into the committed dist/ (or into the
// folder given with --out, which the staleness test uses to compare).
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { classicCli } from './classic-cli.mjs';
import { distInputsHash, INPUTS_FILE } from './dist-inputs.mjs';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' } } });
const out = values.out;
const entries = [
  ['src/action/main-entry.ts', 'main'],
  ['src/action/post-entry.ts', 'post'],
  ['src/cli/bin.ts', 'cli'],
];

rmSync(out, { recursive: true, force: true });
for (const [entry, folder] of entries) {
  execFileSync('npx', ['ncc', 'build', entry, '-o', join(out, folder), '--no-source-map-register', '--quiet', '--target', 'es2023'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
// The bundles read the agent and cloud-init templates from templates/ one level
// up (dist/templates); the copy keeps the action and the npm package self-contained.
classicCli(join(out, 'cli'));
cpSync('templates', join(out, 'templates'), { recursive: true });
chmodSync(join(out, 'cli', 'index.js'), 0o755);
writeFileSync(join(out, INPUTS_FILE), `${distInputsHash()}\n`);
