/**
 * One real boot of an instance a `deploy` launched: its fake IMDS, its
 * container seeded with its user-data, then (once the deploy has exited)
 * what the instance itself says: `cloud-init status`, the journal, the
 * agent's log; optionally a reboot of the same disk and the TTL timer
 * firing (ttl-reboot.ts). Everything is written under the artifacts folder, whether
 * the boot went well or not, and the container, overlay and IMDS are gone
 * when this returns.
 */
import type { EC2Client, Instance } from '@aws-sdk/client-ec2';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CliRun } from '../run-cli.ts';
import { bootContainer, removeAbandonedBoots, type BootSeed, type Container } from './container.ts';
import { metadataOf, startFakeImds, type FakeImds } from './imds.ts';
import { hostnameOf, rawUserData } from './instance.ts';
import type { BootNetwork } from './network.ts';
import { capture, type Captured } from './proc.ts';
import type { RootfsCache } from './rootfs.ts';
import { checkTtlAcrossReboot, type TtlReboot } from './ttl-reboot.ts';

export interface BootReport {
  instanceId: string;
  deploy: CliRun;
  cloudInitStatus: Captured;
  systemState: Captured;
  journal: string;
  console: string;
  /** /var/log/spot-deployer.log inside the instance ('' when missing). */
  agentLog: string;
  imdsLog: string;
  probe: Captured | undefined;
  /** With `ttlReboot`: the timer before and after a reboot, and its firing (the container powered itself off). */
  ttl?: TtlReboot;
  /** From starting nspawn; the agent's report is to the second (its log's clock), the deploy polls every 2 s at first. */
  timings: { bootToAgentReportMs?: number; bootToDeployExitMs: number; bootToCloudInitDoneMs: number; shutdownMs: number };
}

export interface BootOptions {
  ec2: EC2Client;
  instance: Instance;
  region: string;
  network: BootNetwork;
  cache: RootfsCache;
  /** The running CLI deploy; the instance is observed after it exits. */
  deploying: Promise<CliRun>;
  /** A shell command run inside the instance at the end (e.g. curl its page). */
  probe?: string;
  /** Internet hosts the test stands in for (served on the host end of the veth). */
  standIn?: Pick<BootSeed, 'hosts' | 'trustedCa'>;
  /** More paths of the instance (relative to /) to keep under artifacts/instance/, e.g. what the agent unpacked. */
  keep?: string[];
  /** After the first boot: reboot the instance, then let the TTL timer power it off (ttl-reboot.ts). */
  ttlReboot?: boolean;
  artifacts: string;
}

/** Files of the instance kept as artifacts, read from the overlay's upper folder. */
const INSTANCE_LOGS = [
  'var/log/cloud-init.log',
  'var/log/cloud-init-output.log',
  'var/log/spot-deployer.log',
  'var/lib/cloud/data/result.json',
  'var/lib/cloud/data/status.json',
  'var/log/journal', // binary; journal.txt is its text
];

function decodedUserData(raw: Buffer): string {
  return (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
}

type Observed = Omit<BootReport, 'console' | 'imdsLog' | 'agentLog'>;

async function observe(container: Container, options: BootOptions): Promise<Observed> {
  const deploy = await options.deploying;
  const deployExitAt = Date.now();
  // --wait: the agent reports from runcmd, before cloud-init's final stage has ended.
  const cloudInitStatus = await container.exec(['cloud-init', 'status', '--wait', '--long'], 180_000);
  const doneAt = Date.now();
  const systemState = await container.exec(['systemctl', 'is-system-running']);
  const journal = (await container.exec(['journalctl', '--no-pager', '-b', '-o', 'short-precise'])).output;
  const probe = options.probe ? await container.exec(['sh', '-c', options.probe]) : undefined;
  const timings = {
    bootToDeployExitMs: deployExitAt - container.startedAt,
    bootToCloudInitDoneMs: doneAt - container.startedAt,
    shutdownMs: 0,
  };
  return { instanceId: options.instance.InstanceId!, deploy, cloudInitStatus, systemState, journal, probe, timings };
}

async function saveArtifacts(dir: string, upper: string | undefined, texts: Record<string, string>, keep: string[] = []): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const path of upper ? [...INSTANCE_LOGS, ...keep] : []) {
    const source = join(upper!, path);
    if (!existsSync(source)) continue;
    mkdirSync(dirname(join(dir, 'instance', path)), { recursive: true });
    cpSync(source, join(dir, 'instance', path), { recursive: true });
  }
  // When the boot failed before the journal was exported from inside, read the persistent copy.
  if (!texts['journal.txt'] && existsSync(join(dir, 'instance/var/log/journal'))) {
    const files = `--file=${join(dir, 'instance/var/log/journal/*/*.journal')}`;
    texts['journal.txt'] = (await capture('journalctl', [files, '--no-pager', '-o', 'short-precise'])).output;
  }
  for (const [name, text] of Object.entries(texts)) writeFileSync(join(dir, name), text);
}

function reportTexts(report: BootReport, userData: string): Record<string, string> {
  return {
    'user-data.yaml': userData,
    'deploy.stdout.json': report.deploy.stdout,
    'deploy.stderr.txt': report.deploy.stderr,
    'cloud-init-status.txt': `${report.cloudInitStatus.output}(exit ${report.cloudInitStatus.code})\n`,
    'journal.txt': report.journal,
    'console.txt': report.console,
    'imds.log': report.imdsLog,
    'timings.json': `${JSON.stringify(report.timings, null, 2)}\n`,
    ...(report.ttl && {
      'ttl-reboot.json': `${JSON.stringify({ ...report.ttl, fired: { ...report.ttl.fired, journal: undefined } }, null, 2)}\n`,
      'journal-last-boot.txt': report.ttl.fired.journal,
    }),
  };
}

/** Observes the instance after the deploy, powers it off, then reads what it left in the overlay. */
async function observeAndStop(container: Container, imds: FakeImds, options: BootOptions): Promise<BootReport> {
  const observed = await observe(container, options);
  if (options.ttlReboot) observed.ttl = await checkTtlAcrossReboot(container, options.probe);
  const stopStarted = Date.now();
  await container.stop();
  observed.timings.shutdownMs = Date.now() - stopStarted;
  const agentLogFile = join(container.upper, 'var/log/spot-deployer.log');
  const agentLog = existsSync(agentLogFile) ? readFileSync(agentLogFile, 'utf8') : '';
  const reportedAt = /^(\S+) \[spot-deployer\] reporting status/m.exec(agentLog)?.[1];
  if (reportedAt) observed.timings.bootToAgentReportMs = Date.parse(reportedAt) - container.startedAt;
  return { ...observed, console: container.console(), imdsLog: imds.output(), agentLog };
}

/** Boots, observes, shuts down, keeps the artifacts; rejects only when nothing could be observed. */
export async function bootInstance(options: BootOptions): Promise<BootReport> {
  await removeAbandonedBoots(tmpdir());
  // The pid in the name lets a later run clean up after a killed one.
  const workDir = mkdtempSync(join(tmpdir(), `sdboot-${process.pid}-`));
  const userData = await rawUserData(options.ec2, options.instance.InstanceId!);
  writeFileSync(join(workDir, 'user-data'), userData);
  let imds: FakeImds | undefined;
  let container: Container | undefined;
  const texts: Record<string, string> = { 'user-data.yaml': decodedUserData(userData) };
  try {
    imds = await startFakeImds(options.network, workDir, {
      ...metadataOf(options.instance, options.region),
      userDataFile: join(workDir, 'user-data'),
    });
    const seed = { instanceId: options.instance.InstanceId!, hostname: hostnameOf(options.instance), userData, ...options.standIn };
    container = await bootContainer({ lower: options.cache.rootfs, workDir, seed, network: options.network });
    const report = await observeAndStop(container, imds, options);
    Object.assign(texts, reportTexts(report, texts['user-data.yaml']!));
    return report;
  } finally {
    await container?.stop(); // no-op when already stopped
    await imds?.stop();
    texts['console.txt'] ??= container?.console() ?? '';
    texts['imds.log'] ??= imds?.output() ?? '';
    await saveArtifacts(options.artifacts, container?.upper, texts, options.keep);
    rmSync(workDir, { recursive: true, force: true });
  }
}
