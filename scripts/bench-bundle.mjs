// The bundle half of `npm run bench`: buildBundle against `tar -czf` and
// against `tar -cf - | pigz` (all cores, level 6) on the same tree, runs
// interleaved after one warm-up each, medians compared.
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

const { buildBundle } = await import('../src/bundle/build-bundle.ts');
const { planFor, upload } = await import('../__tests__/bundle/fixtures.ts');

const run = promisify(execFile);
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(action) {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

/** Medians (ms) and output sizes of the three tools on `root`; `work` holds their outputs. */
export async function compareBundle(root, work, runs) {
  const plan = planFor(root, [upload('.', '/opt/deployment')]);
  let bundle;
  const tools = {
    ours: async () => (bundle = await buildBundle(plan, { outDir: join(work, 'ours'), extraFiles: [] })),
    tar: () => run('tar', ['-czf', join(work, 'tar.tar.gz'), '-C', root, '.']),
    pigz: () => run('sh', ['-c', `tar -cf - -C '${root}' . | pigz -6 > '${join(work, 'pigz.tar.gz')}'`]),
  };
  const times = { ours: [], tar: [], pigz: [] };
  for (const action of Object.values(tools)) await action(); // page cache and module graph warm
  for (let i = 0; i < runs; i += 1) {
    for (const [name, action] of Object.entries(tools)) times[name].push(await timed(action));
  }
  return {
    ms: { ours: median(times.ours), tar: median(times.tar), pigz: median(times.pigz) },
    runs: times,
    outBytes: { ours: bundle.bytes, tar: statSync(join(work, 'tar.tar.gz')).size, pigz: statSync(join(work, 'pigz.tar.gz')).size },
  };
}
