// The deploy half of `npm run bench`: whole deploys (`wait: running`)
// against moto's server behind the fault proxy, which adds a round trip per
// region to every request (15/70/80/220 ms). Each deploy runs in this
// process through `execute()`, as the CLI runs it, into a freshly reset
// moto (so the bucket and the security groups are created each time).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { median } from './bench-bundle.mjs';
import { generateTree } from './bench-tree.mjs';

const { startLocalAws } = await import('../__tests__/helpers/local-aws.ts');
const { startFaultProxy } = await import('../__tests__/helpers/fault-proxy.ts');
const { execute } = await import('../src/commands/execute.ts');
const { parseOptions } = await import('../src/commands/options.ts');
const { localRun } = await import('../__tests__/helpers/run-context.ts');

/** Round trips per region, added by the proxy to every request signed for that region. */
export const DELAYS = { 'us-east-1': 15, 'us-west-2': 70, 'eu-west-1': 80, 'ap-southeast-2': 220 };
export const REGIONS = Object.keys(DELAYS);

export async function startBenchAws() {
  let proxy;
  const aws = await startLocalAws({
    env: { MOTO_AMIS_PATH: resolve('__tests__/fixtures/amis.json') },
    proxy: async (moto) => (proxy = await startFaultProxy(moto)),
  });
  Object.assign(process.env, aws.env, { SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '3' });
  setLatencies(proxy);
  return { aws, proxy };
}

/**
 * Each region's round trip for EC2 and SSM (`POST /`) and for S3 (path-style
 * `/bucket/…`); `bucketMs` gives S3 its own, for a deploy whose one region is
 * far but whose bucket is near (as the 4-region deploy's bucket is, in its
 * first region).
 */
export function setLatencies(proxy, { bucketMs } = {}) {
  proxy.clearFaults();
  for (const [region, ms] of Object.entries(DELAYS)) {
    proxy.addLatency({ region, path: '/', ms });
    proxy.addLatency({ region, path: /^\/./, ms: bucketMs ?? ms });
  }
}

/** A project for `regions × per-region` instances; `data` (a folder) is uploaded too when given. */
export function deployProject(dir, { regions, instances, data }) {
  mkdirSync(join(dir, '.spot'), { recursive: true });
  mkdirSync(join(dir, 'deployment'), { recursive: true });
  writeFileSync(
    join(dir, '.spot', 'config.yaml'),
    [
      'version: 1',
      'name: bench',
      `regions: [${regions.join(', ')}]`,
      `instances: ${instances}`,
      // Three types × every AZ: the pools of one EC2 Fleet request per region.
      'instance_types: [t3.micro, t3a.micro, t2.micro]',
      'bucket: {name: spot-bench, create: true}',
      'wait: running',
      'ttl: 2h',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'deployment', 'setup.sh'), '#!/bin/bash\necho bench\n', { mode: 0o755 });
  if (data) {
    writeFileSync(
      join(dir, '.spot', 'deployment.yaml'),
      ['version: 1', 'uploads:', `  - {source: ${data}, dest: /opt/data}`, 'scripts:', '  - echo bench', ''].join('\n'),
    );
  }
  return dir;
}

/** S3 requests have no Action: name them by method, sub-resource and bucket or object. */
export function actionOf(request) {
  if (request.action) return request.action;
  const sub = /^(tagging|lifecycle|encryption|publicAccessBlock|uploads|uploadId|partNumber|list-type)/.exec(request.query)?.[1];
  const target = request.path.split('/').filter(Boolean).length > 1 ? 'object' : 'bucket';
  return `S3 ${request.method} ${sub ? `?${sub}` : target}`;
}

export const countByAction = (requests) => {
  const counts = {};
  for (const request of requests) counts[actionOf(request)] = (counts[actionOf(request)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
};

/**
 * Each request of one deploy on a line: when it was sent and answered (ms
 * from the deploy's start), its region and action. `BENCH_TRACE=1` prints
 * it for every timed deploy: the chain of dependent calls in the slowest
 * region reads straight off it.
 */
export function timeline(requests, start) {
  const ms = (at) => String(Math.round(at - start)).padStart(6);
  const lines = requests.map(
    (request) => `${ms(request.at)} ${ms(request.doneAt ?? request.at)}  ${(request.region ?? '-').padEnd(15)} ${actionOf(request)}`,
  );
  return `${['  sent answered region          action', ...lines].join('\n')}\n\n`;
}

/** One deploy; its wall time, the time to its first launch request, and its requests. */
export async function timedDeploy(bench, dir, messages = []) {
  bench.proxy.clearRequests();
  const surface = {
    info: (message) => void messages.push(message),
    warn: (message) => void messages.push(`warning: ${message}`),
    debug: () => undefined,
    mask: () => undefined,
    group: (_title, work) => work(),
    instancesLaunched: () => undefined,
  };
  const start = performance.now();
  let outcome;
  let error;
  try {
    outcome = await execute(parseOptions({ command: 'deploy', 'working-directory': dir }), {
      surface,
      run: { ...localRun(), runId: `bench-${Math.random()}` },
    });
  } catch (caught) {
    error = caught;
  }
  const ms = performance.now() - start;
  const requests = [...bench.proxy.requests];
  if (process.env.BENCH_TRACE) process.stdout.write(timeline(requests, start));
  const launch = requests.find((request) => request.action === 'RunInstances' || request.action === 'CreateFleet');
  return {
    ms,
    firstLaunchMs: launch ? launch.at - start : undefined,
    requests,
    byAction: countByAction(requests),
    status: error ? `error ${error.code ?? ''} ${String(error.message).slice(0, 120)}` : outcome.result.status,
    unchanged: outcome?.result.unchanged ?? false,
  };
}

/** `runs` fresh deploys of one shape; the medians and the last run's requests. */
export async function deployScenario(bench, work, { name, regions, instances, dataMb, bucketMs }, runs) {
  setLatencies(bench.proxy, { bucketMs });
  try {
    return await runScenario(bench, work, { name, regions, instances, dataMb }, runs);
  } finally {
    setLatencies(bench.proxy);
  }
}

async function runScenario(bench, work, { name, regions, instances, dataMb }, runs) {
  const root = join(work, `deploy-${name.replace(/[^\w×-]+/g, '-')}`);
  // A project with files of its own: its bundle builds while the AWS work of every region runs.
  if (dataMb) await generateTree(join(root, 'data'), { files: 25 * dataMb, bytes: dataMb * 1048576 });
  const dir = deployProject(root, { regions, instances, ...(dataMb ? { data: 'data' } : {}) });
  const results = [];
  // moto builds each region's default VPC and images on first use after a reset: one run untimed.
  await bench.aws.reset();
  await timedDeploy(bench, dir);
  for (let i = 0; i < runs; i += 1) {
    await bench.aws.reset();
    results.push(await timedDeploy(bench, dir));
  }
  const last = results.at(-1);
  return {
    name,
    status: last.status,
    ms: median(results.map((result) => result.ms)),
    firstLaunchMs: last.firstLaunchMs === undefined ? undefined : median(results.map((result) => result.firstLaunchMs)),
    requests: last.requests.length,
    byAction: last.byAction,
  };
}

/** The first deploy of the project in `dir` with its folder `data/`, then `runs` unchanged redeploys of it. */
export async function unchangedRedeploy(bench, dir, runs) {
  await bench.aws.reset();
  deployProject(dir, { regions: ['us-east-1'], instances: 1, data: 'data' });
  const first = await timedDeploy(bench, dir);
  const again = [];
  for (let i = 0; i < runs; i += 1) {
    const messages = [];
    again.push({ ...(await timedDeploy(bench, dir, messages)), reused: messages.some((m) => m.includes('nothing was compressed')) });
  }
  return { first, again, ms: median(again.map((result) => result.ms)) };
}
