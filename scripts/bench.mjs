// `npm run bench`: what issue 10 asks to be measured, as ratios taken in the
// same run, printed and written into docs/performance.md (between the
// `bench:begin` / `bench:end` markers).
//
// 1. The bundle against `tar -czf` and `tar | pigz` on three trees: the
//    bench tree (half text, half random), a tree shaped like a project with
//    its node_modules (many small files), and one large incompressible file.
// 2. Deploys of 1×1, 1×10, 4×2 and 1×600 (regions × instances) against moto
//    behind the fault proxy, with 15/70/80/220 ms per region on every
//    request: wall time, time to the first launch request, requests by
//    action, the 4-region / 1-region ratio.
// 3. The unchanged redeploy of the 200 MB bench tree.
// 4. `validate` cold start against `node -e 0`.
//
// Runs on Node 24 (npm puts it on PATH): Node strips the types of our
// TypeScript sources itself and bench-ts-hooks.mjs maps their `.js` import
// suffixes to the `.ts` files, so nothing is compiled first (the cold start
// uses the built dist/cli/index.js).
//
// Knobs (environment): BENCH_FILES (5000) and BENCH_MB (200) for the bench
// tree, BENCH_NM_FILES (16000) and BENCH_NM_MB (400) for the node_modules
// tree, BENCH_LARGE_MB (256), BENCH_RUNS (3), BENCH_DEPLOY_RUNS (3), BENCH_COLD_RUNS (30),
// BENCH_ONLY (comma list of bundle,deploy,unchanged,cold), BENCH_DOC=0 (do
// not write docs/performance.md), BENCH_KEEP=1 (keep the generated trees).
import './bench-ts-hooks.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { compareBundle } from './bench-bundle.mjs';
import { coldStart } from './bench-cold.mjs';
import { deployScenario, REGIONS, startBenchAws, unchangedRedeploy } from './bench-deploy.mjs';
import { renderReport, writeReport } from './bench-report.mjs';
import { generateLargeFile, generateNodeModulesTree, generateTree } from './bench-tree.mjs';

const number = (name, fallback) => Number(process.env[name] ?? fallback);
const RUNS = number('BENCH_RUNS', 3);
const DEPLOY_RUNS = number('BENCH_DEPLOY_RUNS', 3);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'bundle,deploy,unchanged,cold').split(','));
const say = (text) => process.stdout.write(`${text}\n`);

const SCENARIOS = [
  { name: '1×1', regions: REGIONS.slice(0, 1), instances: 1 },
  // The 4-region deploy cannot end before its slowest region would alone: this is that region alone,
  // with the bucket as near as the 4-region deploy has it (in its first region, at 15 ms).
  { name: '1×1 far (220 ms, bucket 15 ms)', regions: REGIONS.slice(-1), instances: 1, bucketMs: 15 },
  { name: '1×10', regions: REGIONS.slice(0, 1), instances: 10 },
  { name: '4×2', regions: REGIONS, instances: 8 },
  { name: '1×600', regions: REGIONS.slice(0, 1), instances: 600 },
  // The same two shapes for a project with 20 MB of files, whose bundle builds while the regions are prepared.
  { name: '1×1, 20 MB project', regions: REGIONS.slice(0, 1), instances: 1, dataMb: 20 },
  { name: '4×2, 20 MB project', regions: REGIONS, instances: 8, dataMb: 20 },
  { name: '1×1 far, 20 MB project', regions: REGIONS.slice(-1), instances: 1, dataMb: 20, bucketMs: 15 },
];

async function bundleSection(work, benchRoot, generated) {
  const trees = [];
  const shapes = [
    { name: 'bench tree', root: benchRoot, make: async () => generated },
    {
      name: 'node_modules tree',
      root: join(work, 'nm'),
      make: (root) =>
        generateNodeModulesTree(root, { files: number('BENCH_NM_FILES', 16000), bytes: number('BENCH_NM_MB', 400) * 1048576 }),
    },
    {
      name: 'one large random file',
      root: join(work, 'large'),
      make: (root) => generateLargeFile(root, { bytes: number('BENCH_LARGE_MB', 256) * 1048576 }),
    },
  ];
  for (const shape of shapes) {
    const made = await shape.make(shape.root);
    say(`bundle: ${shape.name}, ${made.files} files ...`);
    const out = join(work, `out-${trees.length}`);
    mkdirSync(out, { recursive: true });
    trees.push({ name: shape.name, ...made, ...(await compareBundle(shape.root, out, RUNS)) });
    rmSync(out, { recursive: true, force: true });
    say(
      `  ours ${trees.at(-1).ms.ours.toFixed(0)} ms, tar ${trees.at(-1).ms.tar.toFixed(0)} ms, pigz ${trees.at(-1).ms.pigz.toFixed(0)} ms`,
    );
  }
  return trees;
}

/** A tool's first version line, or that it is missing: only the bundle bench needs pigz. */
function toolVersion(tool) {
  try {
    return execFileSync(tool, ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] })
      .toString()
      .trim()
      .split('\n')[0];
  } catch {
    return `${tool} not installed`;
  }
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'spot-bench-'));
  const project = join(work, 'project');
  const benchRoot = join(project, 'data');
  const report = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${toolVersion('tar')}, ${toolVersion('pigz')}`,
  };
  if (ONLY.has('bundle') && report.machine.includes('pigz not installed'))
    throw new Error('the bundle bench compares with pigz: apt-get install pigz');
  // The bench tree serves the bundle and the unchanged redeploy; a cold-start run alone writes no 200 MB first.
  let generated;
  if (ONLY.has('bundle') || ONLY.has('unchanged')) {
    say(`generating the bench tree in ${benchRoot}`);
    generated = await generateTree(benchRoot, { files: number('BENCH_FILES', 5000), bytes: number('BENCH_MB', 200) * 1048576 });
    report.benchTree = generated;
  }
  try {
    if (ONLY.has('bundle')) {
      report.bundle = await bundleSection(work, benchRoot, generated);
    }
    if (ONLY.has('deploy') || ONLY.has('unchanged')) {
      const bench = await startBenchAws();
      try {
        if (ONLY.has('deploy')) {
          report.deploys = [];
          for (const scenario of SCENARIOS) {
            say(`deploy ${scenario.name} ...`);
            report.deploys.push(await deployScenario(bench, work, scenario, DEPLOY_RUNS));
            say(`  ${report.deploys.at(-1).status}, ${report.deploys.at(-1).ms.toFixed(0)} ms`);
          }
        }
        if (ONLY.has('unchanged')) {
          say('unchanged redeploy of the bench tree ...');
          report.unchanged = await unchangedRedeploy(bench, project, DEPLOY_RUNS);
          say(`  first ${report.unchanged.first.ms.toFixed(0)} ms, unchanged ${report.unchanged.ms.toFixed(0)} ms`);
        }
      } finally {
        await bench.aws.stop();
      }
    }
    if (ONLY.has('cold')) report.cold = await coldStart(number('BENCH_COLD_RUNS', 30));
    const markdown = renderReport(report);
    say(`\n${markdown}`);
    if (process.env.BENCH_DOC !== '0') writeReport('docs/performance.md', markdown);
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
  }
}

await main();
