// Builds the three entries with ncc into the committed dist/.
// Run with `npm run build`; a test fails when dist/ is stale.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, rmSync } from 'node:fs';

const entries = [
  ['src/index.ts', 'dist/main'],
  ['src/post.ts', 'dist/post'],
  ['src/bin.ts', 'dist/cli'],
];

rmSync('dist', { recursive: true, force: true });
for (const [entry, out] of entries) {
  execFileSync('npx', ['ncc', 'build', entry, '-o', out, '--no-source-map-register', '--quiet', '--target', 'es2023'], { stdio: 'inherit' });
}
// The bundles read the agent and cloud-init templates from templates/ two levels up;
// a copy inside dist/ keeps the npm package and the action self-contained.
cpSync('templates', 'dist/templates', { recursive: true });
chmodSync('dist/cli/index.js', 0o755);
