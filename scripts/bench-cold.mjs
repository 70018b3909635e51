// Cold start: `validate` of an example project with the built CLI against
// `node -e 0`, both as fresh processes, medians of `runs`.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { promisify } from 'node:util';
import { median } from './bench-bundle.mjs';

const run = promisify(execFile);

async function timedProcess(args, cwd) {
  const start = performance.now();
  await run(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root' } });
  return performance.now() - start;
}

export async function coldStart(runs) {
  const cli = resolve('dist/cli/index.js');
  const project = resolve('examples/hello-web');
  const times = { node: [], validate: [] };
  await timedProcess([cli, 'validate'], project); // the compile cache and the page cache, as on a second run
  for (let i = 0; i < runs; i += 1) {
    times.node.push(await timedProcess(['-e', '0'], project));
    times.validate.push(await timedProcess([cli, 'validate'], project));
  }
  return { node: median(times.node), validate: median(times.validate), runs: times };
}
