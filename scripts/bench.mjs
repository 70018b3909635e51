// `npm run bench`: how fast the bundle is built compared with `tar -czf` of
// the same tree, and how many bytes an unchanged re-deploy uploads.
//
// Runs on Node 24 (npm puts it on PATH): Node strips the types of our
// TypeScript sources itself, and bench-ts-hooks.mjs maps their `.js` import
// suffixes to the `.ts` files, so nothing is compiled first.
//
// Knobs (environment): BENCH_FILES (5000), BENCH_MB (200), BENCH_RUNS (5),
// BENCH_KEEP=1 keeps the generated tree. Results go to stdout; the figures
// in docs/performance.md come from this script.
import './bench-ts-hooks.mjs';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { promisify } from 'node:util';
import { generateTree } from './bench-tree.mjs';

const { buildBundle } = await import('../src/bundle/build-bundle.ts');
const { planFor, upload } = await import('../__tests__/bundle/fixtures.ts');
const { uploadRedeploy } = await import('./bench-upload.mjs');

const FILES = Number(process.env.BENCH_FILES ?? 5000);
const MEGABYTES = Number(process.env.BENCH_MB ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const run = promisify(execFile);
const say = (text) => process.stdout.write(`${text}\n`);
const seconds = (ms) => (ms / 1000).toFixed(2);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(action) {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'spot-bench-'));
  const root = join(work, 'project');
  say(`generating ${FILES} files, ${MEGABYTES} MB (half text, half random) in ${root}`);
  const generated = await generateTree(root, { files: FILES, bytes: MEGABYTES * 1024 * 1024 });
  const plan = planFor(root, [upload('.', '/opt/deployment')]);
  const ours = () => buildBundle(plan, { outDir: join(work, 'ours'), extraFiles: [] });
  const gnuTar = () => run('tar', ['-czf', join(work, 'tar.tar.gz'), '-C', root, '.']);

  await ours(); // warm the page cache and the module graph before timing
  await gnuTar();
  const times = { ours: [], tar: [] };
  for (let i = 0; i < RUNS; i += 1) {
    times.ours.push(await timed(ours));
    times.tar.push(await timed(gnuTar));
  }
  const bundle = await ours();
  const tarBytes = statSync(join(work, 'tar.tar.gz')).size;
  const [o, t] = [median(times.ours), median(times.tar)];
  say(`input:        ${generated.files} files, ${(generated.bytes / 1048576).toFixed(1)} MiB`);
  say(`buildBundle:  median ${seconds(o)} s of ${RUNS} (${times.ours.map(seconds).join(', ')}), ${bundle.bytes} bytes`);
  say(`tar -czf:     median ${seconds(t)} s of ${RUNS} (${times.tar.map(seconds).join(', ')}), ${tarBytes} bytes`);
  say(`ratio:        ${(o / t).toFixed(2)} (target <= 1.25)`);

  const upload2 = await uploadRedeploy(bundle);
  say(`first deploy: uploaded ${upload2.first.bytes} bytes in ${upload2.firstParts} parts`);
  say(`re-deploy:    uploaded ${upload2.second.bytes} bytes, ${upload2.secondPuts} PUT requests`);
  if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
}

await main();
