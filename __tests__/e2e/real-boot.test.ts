/**
 * A real boot: the built CLI deploys an example to moto, and the instance it
 * launched is booted for real: a Debian bookworm userland with systemd as
 * PID 1 (systemd-nspawn) and Debian's cloud-init, seeded through NoCloud
 * with the exact user-data EC2 received, a fake IMDSv2 at 169.254.169.254
 * and a route to the local S3 endpoint and nothing else. The agent in the
 * user-data downloads the bundle, runs the example's setup.sh (apt-get
 * served by an offline copy of the packages it needs) and reports `ok`; the
 * deploy sees `ready` and exits 0.
 *
 * Needs root, systemd-nspawn, iproute2 and the cached rootfs (`npm run rootfs`;
 * built here when missing, which takes about a minute with debootstrap).
 * When something is missing it fails under CI=true and skips elsewhere,
 * naming what to install. Artifacts: .tmp/artifacts/real-boot/<example>/.
 *
 * One example (TTL_EXAMPLE) is then rebooted and its TTL timer let fire, on
 * the same booted container, so the TTL check adds a reboot and a few seconds
 * rather than a deploy (ttl-reboot.ts).
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { localAwsEnv, startLocalAws, type LocalAws } from '../helpers/local-aws.js';
import { bootInstance } from '../helpers/real-boot/boot-instance.js';
import { BOOT_EXAMPLES, COMPOSE_EXAMPLE, type BootExample } from '../helpers/real-boot/examples.js';
import { startForwarder, startMirror, type HostService } from '../helpers/real-boot/host-services.js';
import { waitForInstance } from '../helpers/real-boot/instance.js';
import { createBootNetwork, type BootNetwork } from '../helpers/real-boot/network.js';
import { missingForBoot, missingTools } from '../helpers/real-boot/prerequisites.js';
import { buildRootfs, cachedRootfs, type RootfsCache } from '../helpers/real-boot/rootfs.js';
import { runCli } from '../helpers/run-cli.js';
import type { TtlReboot } from '../helpers/real-boot/ttl-reboot.js';
import { tool } from '../helpers/tools.js';

const IN_CI = process.env.CI === 'true';
const missing = missingForBoot();
if (missing.length > 0 && !IN_CI) console.warn(`real-boot test SKIPPED: ${missing.join('; ')}`);

let aws: LocalAws | undefined;
let network: BootNetwork | undefined;
let cache: RootfsCache | undefined;
let rootfsProblem = '';
const services: HostService[] = [];
/** The example whose instance is also rebooted and powered off by its TTL timer. */
const TTL_EXAMPLE = 'examples/python-web';

/** The cached rootfs, built now if missing; a failure is kept as the reason to skip (or fail in CI). */
async function rootfsOrReason(): Promise<RootfsCache | undefined> {
  const cached = cachedRootfs();
  if (cached) return cached;
  const tools = missingTools(['debootstrap', 'chroot']);
  try {
    if (tools.length > 0) throw new Error(tools.join('; '));
    console.warn('real-boot: no cached rootfs; building it now (run `npm run rootfs` beforehand to keep it out of the test)');
    return await buildRootfs();
  } catch (error) {
    rootfsProblem = `no cached rootfs and building it failed; run \`npm run rootfs\` as root (needs debootstrap and the Debian mirror): ${String(error).slice(0, 2000)}`;
    if (IN_CI) throw new Error(rootfsProblem, { cause: error });
    console.warn(`real-boot test SKIPPED: ${rootfsProblem}`);
    return undefined;
  }
}

beforeAll(async () => {
  if (missing.length > 0) throw new Error(`real-boot prerequisites missing (CI=true, so this fails): ${missing.join('; ')}`);
  cache = await rootfsOrReason();
  if (!cache) return;
  aws = await startLocalAws({ env: { MOTO_AMIS_PATH: resolve('__tests__/fixtures/amis.json') } });
  network = await createBootNetwork();
  services.push(await startForwarder(network.hostIp, new URL(aws.motoUrl)));
  services.push(await startMirror(network.hostIp, cache.mirror));
}, 20 * 60_000);

afterAll(async () => {
  for (const service of services) await service.close().catch(() => {});
  await network?.close();
  await aws?.stop();
});

interface ExampleConfig {
  name: string;
  regions?: string[];
  health_check?: { port: number; path?: string };
}

function exampleConfig(example: BootExample): ExampleConfig {
  return parse(readFileSync(resolve(example.dir, '.spot/config.yaml'), 'utf8')) as ExampleConfig;
}

/** A copy of the example (the CLI writes state next to it), its deployment name and its (first) region. */
function copyExample(example: BootExample): { dir: string; deploymentId: string; region: string } {
  const dir = mkdtempSync(join(tmpdir(), `${basename(example.dir)}-`));
  cpSync(resolve(example.dir), dir, { recursive: true });
  const config = exampleConfig(example);
  return { dir, deploymentId: config.name, region: config.regions?.[0] ?? 'us-east-1' };
}

/** Runs the CLI deploy and, while it waits for `ready`, boots the instance it launched. */
async function deployAndBoot(example: BootExample, onFinished: (fn: () => Promise<void> | void) => void) {
  const [forwarder] = services as [HostService];
  const { dir, deploymentId, region } = copyExample(example);
  // moto keeps EC2 state per region: look where the example deploys.
  const ec2 = new EC2Client({ endpoint: aws!.endpoint, region, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  const prepared = await example.prepare?.({ dir, hostIp: network!.hostIp });
  onFinished(async () => {
    ec2.destroy();
    rmSync(dir, { recursive: true, force: true });
    await prepared?.close();
  });
  const artifacts = resolve('.tmp/artifacts/real-boot', basename(example.dir));
  rmSync(artifacts, { recursive: true, force: true });
  // The deploy's endpoint is the forwarder on the veth: presigned URLs must name an address the container reaches.
  const env = { ...localAwsEnv(forwarder.url), SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1' };
  const startedAt = Date.now();
  const deploying = runCli(['deploy', '--dir', dir, '--json', '--ready-timeout-minutes', '5'], env);
  const instance = await waitForInstance(ec2, deploymentId);
  const standIn = prepared && { hosts: prepared.hosts, ...(prepared.trustedCa ? { trustedCa: prepared.trustedCa } : {}) };
  const boot = {
    ec2,
    instance,
    region,
    network: network!,
    cache: cache!,
    deploying,
    artifacts,
    probe: example.probe,
    keep: example.keep,
    standIn,
    ttlReboot: example.dir === TTL_EXAMPLE,
  };
  const report = await bootInstance(boot);
  console.log(`real-boot ${example.dir}: ${Date.now() - startedAt} ms in all; ${JSON.stringify(report.timings)}`);
  const why = `see ${artifacts}\n${report.deploy.stderr}\n${report.agentLog.slice(-2000)}`;
  const expiresTag = instance.Tags?.find((tag) => tag.Key === 'spot-deployer:expires-at')?.Value;
  return { report, instanceId: instance.InstanceId!, why, artifacts, prepared, expiresTag };
}

/**
 * Issue 9's TTL on the real boot: the timer is armed for the deployment's
 * absolute expiry (its expires-at tag), holds across a reboot of the same disk,
 * and when it elapses systemd powers the instance off through the TTL service.
 */
function expectTtlHeld(ttl: TtlReboot | undefined, expiresTag: string | undefined, example: BootExample, why: string): void {
  expect(ttl, why).toBeDefined();
  expect(expiresTag).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  const expirySeconds = Math.floor(Date.parse(expiresTag!) / 1000);
  const calendar = `${expiresTag!.slice(0, 19).replace('T', ' ')} UTC`;
  const { first, second, reboot, fired } = ttl!;
  for (const state of [first, second]) {
    expect(state.properties, why).toMatchObject({
      ActiveState: 'active',
      SubState: 'waiting',
      UnitFileState: 'enabled',
      Persistent: 'yes',
      FragmentPath: '/etc/systemd/system/spot-deployer-ttl.timer',
      NextElapseUSecRealtime: `${new Date(expirySeconds * 1000).toUTCString().slice(0, 3)} ${calendar}`,
    });
    expect(state.properties.TimersCalendar).toBe(`{ OnCalendar=${calendar} ; next_elapse=@${expirySeconds} }`);
    expect(state.wantedBy).toBe('/etc/systemd/system/spot-deployer-ttl.timer');
  }
  // The relative layer the agent adds (shutdown -h +N) is scheduled on the first boot and gone after the reboot.
  expect(first.scheduledShutdown).toMatch(/^USEC=\d+$/m);
  expect(second.scheduledShutdown).toContain('No such file');
  // A real reboot (nspawn exits 133 for it), after which bootcmd ran again and rewrote the unit file...
  expect(reboot.exitCode).toBe(133);
  expect(ttl!.cloudInit.output, why).toMatch(/^status: done$/m);
  expect(ttl!.bootcmdRuns).toBe(2);
  expect(second.fileMtime * 1000).toBeGreaterThanOrEqual(Math.floor(reboot.bootedAt / 1000) * 1000);
  // ...while the agent ran only on the first boot (runcmd is per instance) and the app's enabled unit came back.
  expect(ttl!.agentReports).toBe(1);
  expect(ttl!.agentSkipped).toBe(1);
  if (example.probe) for (const text of [example.expect ?? ''].flat()) expect(ttl!.probe?.output, why).toContain(text);
  // The timer elapsing powers the instance off (exit 0, not 133) through the TTL service.
  expect(fired.exitCode, fired.journal.slice(-3000)).toBe(0);
  expect(fired.journal).toMatch(/systemd\[1\]: Starting spot-deployer-ttl\.service[\s\S]*systemd\[1\]: Reached target poweroff\.target/);
  console.log(`real-boot ttl: reboot ${reboot.ms} ms, timer fired and powered off within ${fired.ms} ms`);
}

describe.skipIf(missing.length > 0 && !IN_CI)('real boot: systemd + cloud-init run the user-data deploy gave EC2', () => {
  it.for(BOOT_EXAMPLES)(
    '$dir: deploy exits 0 with the instance ok, cloud-init status done',
    { timeout: 15 * 60_000 },
    async (example, context) => {
      if (!cache) return context.skip(rootfsProblem);
      const { report, instanceId, why, prepared, expiresTag } = await deployAndBoot(example, context.onTestFinished);

      expect(report.deploy.code, why).toBe(0);
      const json = JSON.parse(report.deploy.stdout) as { status: string; instances: Array<{ id: string; bootstrap: string }> };
      expect(json.status).toBe('success');
      expect(json.instances).toEqual([expect.objectContaining({ id: instanceId, bootstrap: 'ok' })]);
      expect(report.cloudInitStatus.output, why).toMatch(/^status: done$/m);
      expect(report.cloudInitStatus.code).toBe(0);
      expect(report.systemState.output.trim(), report.journal.slice(-3000)).toBe('running');
      // The agent logs to its own file, not the journal; the journal shows cloud-init's final stage (runcmd) ending.
      expect(report.agentLog).toContain('reporting status ok');
      expect(report.journal).toMatch(/cloud-init\[\d+\]: Cloud-init v\. [\d.]+ finished/);
      // IMDSv2 as on EC2: a token first, then the instance's own identity.
      expect(report.imdsLog).toMatch(/PUT \/latest\/api\/token 200/);
      expect(report.imdsLog).toMatch(/GET \/latest\/meta-data\/instance-id 200/);
      const mirrorLog = services[1]!.log.join('\n');
      for (const name of example.aptPackages) expect(mirrorLog).toMatch(new RegExp(`GET /debian/pool/\\S+/${name}_\\S+\\.deb 200`));
      // `ok` includes the project's health_check, probed on the instance; its result is in the status object.
      const check = exampleConfig(example).health_check;
      if (check) expect(report.agentLog).toContain(`health check http://127.0.0.1:${check.port}${check.path ?? '/'}: ok (HTTP 200`);
      if (example.probe) for (const text of [example.expect ?? ''].flat()) expect(report.probe?.output, why).toContain(text);
      // A stand-in for an internet host was really asked (e.g. the release download and its redirect).
      for (const request of prepared?.expectRequests ?? []) expect(prepared!.log, why).toContainEqual(expect.stringMatching(request));
      if (example.dir === TTL_EXAMPLE) expectTtlHeld(report.ttl, expiresTag, example, why);
    },
  );

  // As far as this machine allows (see COMPOSE_EXAMPLE): every file reaches the instance, then compose cannot install.
  it(
    'examples/compose-stack: the files compose needs land on the instance and resolve under docker-compose config',
    { timeout: 15 * 60_000 },
    async (context) => {
      if (!cache) return context.skip(rootfsProblem);
      const compose = tool('docker-compose');
      const { report, instanceId, why, artifacts } = await deployAndBoot(COMPOSE_EXAMPLE, context.onTestFinished);

      // Reported through the real status path: a failed bootstrap at the compose step, nothing earlier.
      expect(report.deploy.code, why).not.toBe(0);
      const json = JSON.parse(report.deploy.stdout) as { instances: Array<{ id: string; bootstrap: string; failedStep?: string }> };
      expect(json.instances).toEqual([expect.objectContaining({ id: instanceId, bootstrap: 'failed', failedStep: 'compose' })]);
      expect(report.agentLog, why).toContain('secret placed at /opt/deployment/.env');
      expect(report.agentLog, why).toContain("step 'compose': start");
      expect(report.agentLog, why).toContain('Unable to locate package docker-compose-v2');
      expect(report.cloudInitStatus.output, why).toMatch(/^status: error$/m);
      // On the instance: the .env secret 0600 root, the build context and the bind-mounted folder beside the compose file.
      expect(report.probe?.output.trim().split('\n')).toEqual([
        '600 root .env',
        '644 root compose.yaml',
        '755 root web',
        '644 root web/Dockerfile',
        '755 root static',
        '644 root static/logo.svg',
      ]);

      // A real compose parser over the files the agent unpacked (kept from the instance's disk).
      const root = join(artifacts, 'instance/opt/deployment');
      const parsed = spawnSync(compose, ['-f', join(root, 'compose.yaml'), 'config'], { encoding: 'utf8' });
      expect(parsed.status, parsed.stderr).toBe(0);
      expect(parse(parsed.stdout)).toMatchObject({
        services: {
          web: {
            build: { context: join(root, 'web') },
            environment: { APP_SECRET: 'change-me' }, // from env_file: [.env], the secret
            volumes: [`${join(root, 'static')}:/usr/share/nginx/html/static:ro`],
          },
        },
      });
      // config checks the build context and env_file exist; a bind mount's source it does not.
      expect(existsSync(join(root, 'static/logo.svg'))).toBe(true);
    },
  );
});
