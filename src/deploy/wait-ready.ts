/**
 * Waits until every instance has reported its bootstrap through its status
 * object, or has disappeared (spot took it back), or the time is up. Every
 * report must be signed by the key its instance made at boot, bound to that
 * instance by the EC2 identity document (src/agent/signed-report.ts), name
 * an instance this run launched, sit under that instance's launch, and keep
 * the key the instance's first report showed; anything else is ignored as a
 * forgery. A checked `hello` is answered by sealing the secret part to the
 * instance's key (`onHello`).
 */
import type { AwsClients } from '../aws/clients.js';
import { wasReclaimedBySpot, type InstanceView } from '../aws/instances.js';
import { listObjects, readStatusObject, type StatusObject } from '../aws/s3.js';
import { WAITING_FOR_SECRETS, type Sleep } from '../core/surface.js';
import { clockText } from '../core/clock-text.js';
import { isBootstrapStatus, type BootstrapStatus } from '../agent/status.js';
import { parseStatusKey, type KeyScope } from '../agent/keys.js';
import { openSignedReport } from '../agent/signed-report.js';
import { identityCertificates, type CertificateFor } from './trust.js';
import { sanitizedLine } from '../core/sanitize.js';

/** A checked hello: the instance, its key, and the status slot it reported from. */
export interface Hello {
  instanceId: string;
  publicKey: string;
  launchId: string;
  index: number;
}

/** What a report must match to be believed. */
export interface ReportTrust {
  scope: KeyScope;
  /** The launch id each instance was launched under; undefined = not ours. */
  launchIdOf: (instanceId: string) => string | undefined;
  /** The sealed-secret slot of each instance in its launch (launch/<launchId>.slots); else its signed launch index. */
  slotOf?: (instanceId: string) => number | undefined;
  certificateFor?: CertificateFor;
  /** Public keys already seen, by instance: a report with another key is a forgery. Shared across polls. */
  pinned?: Map<string, string>;
  warn?: (message: string) => void;
}

export interface WaitReadyOptions {
  s3: AwsClients['s3'];
  bucket: string;
  /** Key prefixes holding this run's status objects, one per launch. */
  statusPrefixes: string[];
  instanceIds: string[];
  trust: ReportTrust;
  /** Called once per instance for its first checked hello. */
  onHello?: ((hello: Hello) => Promise<void>) | undefined;
  /** Called once per greeted instance when its final status arrives (the sealed part can go). */
  onFinished?: ((hello: Hello) => Promise<void>) | undefined;
  /** Return once every instance has said hello (or reported), not only once all reported. */
  untilHello?: boolean;
  timeoutSeconds: number;
  /** Objects already read (by key and ETag); pass one across waits of one run to fetch nothing twice. */
  cache?: StatusCache;
  /** A fixed poll interval; by default the schedule of pollDelaySeconds. */
  pollSeconds?: number;
  sleep: Sleep;
  now: () => number;
  /** Current view of the instances, to notice the ones spot reclaimed. */
  describe: () => Promise<InstanceView[]>;
  progress: (message: string) => void;
}

export interface WaitReadyResult {
  statuses: Map<string, BootstrapStatus>;
  reclaimed: InstanceView[];
  timedOut: string[];
}

export interface Reports {
  statuses: Map<string, BootstrapStatus>;
  hellos: Hello[];
}

const warned = new Set<string>();
function warnOnce(trust: ReportTrust, message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  trust.warn?.(message);
}

/** What the loader writes when it fails after it checked the launch's settings: unsigned, since the key is the agent's. */
const isLoaderReport = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && (value as Record<string, unknown>).loader === true;

/** Instance-supplied text on one line, cut short, with nothing a terminal or the runner would act on. */
const plain = (value: unknown): string => sanitizedLine(String(value ?? ''), 300);

/**
 * An unsigned loader report cannot be believed (anyone who read the user-data
 * could write one), so it does not end the instance's wait: it is shown.
 */
const loaderReportWarning = (key: string, report: Record<string, unknown>): string =>
  `${key} (unverified: the loader cannot sign) says instance ${plain(report.instance_id)} failed at ${plain(report.failed_step)}: ${plain(report.log_tail)}`;

/**
 * Status objects already read, by key, with the ETag they had: a poll GETs
 * only the objects that are new or were written again since. Shared across
 * the polls of one wait.
 */
export type StatusCache = Map<string, { etag: string; object: StatusObject }>;

/**
 * What one list call covers: the status prefixes of one region's launches
 * share `<folder>status/<region>-`, so their longest common prefix lists
 * them all at once. A launch id of another shape is listed on its own.
 */
function listPrefixes(prefixes: string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const prefix of new Set(prefixes)) {
    const group = /^(.*\/status\/.+)-[0-9a-f]{10}-\d+\/$/.exec(prefix)?.[1] ?? prefix;
    groups.set(group, [...(groups.get(group) ?? []), prefix]);
  }
  return [...groups.values()].map((members) =>
    members.reduce((common, prefix) => {
      let length = 0;
      while (length < common.length && common[length] === prefix[length]) length += 1;
      return common.slice(0, length);
    }),
  );
}

/** The status objects under `prefixes`, sorted by key: one list per region, a GET only for what is new or changed. */
async function readStatusObjectsCached(
  s3: AwsClients['s3'],
  bucket: string,
  prefixes: string[],
  cache: StatusCache,
): Promise<StatusObject[]> {
  const wanted = (key: string): boolean => key.endsWith('.json') && prefixes.some((prefix) => key.startsWith(prefix));
  const listed = (await Promise.all(listPrefixes(prefixes).map((prefix) => listObjects(s3, bucket, prefix))))
    .flat()
    .filter((object) => wanted(object.key))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return await Promise.all(
    listed.map(async ({ key, etag }) => {
      const cached = cache.get(key);
      if (cached && etag !== '' && cached.etag === etag) return cached.object;
      const object = await readStatusObject(s3, bucket, key);
      cache.set(key, { etag, object });
      return object;
    }),
  );
}

/** Every believable report under the prefixes from one of `ids`: final statuses and hellos. */
export async function readReports(
  s3: AwsClients['s3'],
  bucket: string,
  prefixes: string[],
  ids: ReadonlySet<string>,
  trust: ReportTrust,
  cache: StatusCache = new Map(),
): Promise<Reports> {
  const reports: Reports = { statuses: new Map(), hellos: [] };
  const certificateFor = trust.certificateFor ?? identityCertificates();
  for (const { key, status: value } of await readStatusObjectsCached(s3, bucket, prefixes, cache)) {
    const where = parseStatusKey(trust.scope, key);
    if (isLoaderReport(value)) {
      warnOnce(trust, loaderReportWarning(key, value));
      continue;
    }
    const opened = openSignedReport(value, certificateFor);
    if (!opened.ok) {
      warnOnce(trust, `ignored the status object ${key}: ${opened.reason}`);
      continue;
    }
    const { report, publicKey, identityVerified, region } = opened.opened;
    const id = report.instance_id;
    if (!ids.has(id) || !where || trust.launchIdOf(id) !== where.launchId) {
      warnOnce(trust, `ignored the status object ${key}: it speaks for ${id}, which this run did not launch there`);
      continue;
    }
    const pinned = trust.pinned?.get(id);
    if (pinned !== undefined && pinned !== publicKey) {
      warnOnce(trust, `ignored the status object ${key}: ${id} reported with another key than before`);
      continue;
    }
    if (!identityVerified)
      warnOnce(trust, `no AWS identity certificate for ${region || 'an unnamed region'}: ${id} is trusted on its key alone`);
    trust.pinned?.set(id, publicKey);
    // The sealed part's slot: the one the launch's slot map gave the instance (EC2 Fleet repeats launch indexes).
    const index = trust.slotOf?.(id) ?? (typeof report.launch_index === 'number' ? report.launch_index : 0);
    if (report.status === 'hello') reports.hellos.push({ instanceId: id, publicKey, launchId: where.launchId, index });
    else if (isBootstrapStatus(report)) reports.statuses.set(id, report);
  }
  return reports;
}

/** Every final status under the prefixes that belongs to one of `ids` and checks out. */
export async function readReportedStatuses(
  s3: AwsClients['s3'],
  bucket: string,
  prefixes: string[],
  ids: ReadonlySet<string>,
  trust: ReportTrust,
): Promise<Map<string, BootstrapStatus>> {
  return (await readReports(s3, bucket, prefixes, ids, trust)).statuses;
}

/**
 * Seconds to wait after poll `round` (0-based): 1 s, then every 2 s for
 * about two minutes (most bootstraps report within it, and a late look costs
 * the user the whole interval), then every 5 s. A poll is one list call per
 * region plus a GET of each new or changed report (ETag), so a 15-minute
 * wait is about 210 list calls per region (a fraction of a cent).
 */
export const pollDelaySeconds = (round: number): number => (round === 0 ? 1 : round <= 60 ? 2 : 5);

export async function waitForBootstrap(options: WaitReadyOptions): Promise<WaitReadyResult> {
  const statuses = new Map<string, BootstrapStatus>();
  const reclaimed = new Map<string, InstanceView>();
  const greeted = new Map<string, Hello>();
  const deadline = options.now() + options.timeoutSeconds * 1000;
  const pending = (): string[] =>
    options.instanceIds.filter((id) => !statuses.has(id) && !reclaimed.has(id) && !(options.untilHello && greeted.has(id)));
  const ids = new Set(options.instanceIds);
  const trust = { ...options.trust, pinned: options.trust.pinned ?? new Map<string, string>() };
  const cache: StatusCache = options.cache ?? new Map();
  for (let round = 0; ; round += 1) {
    const reports = await readReports(options.s3, options.bucket, options.statusPrefixes, ids, trust, cache);
    for (const [id, status] of reports.statuses) {
      const hello = greeted.get(id);
      if (!statuses.has(id) && hello) await options.onFinished?.(hello);
      statuses.set(id, status);
    }
    for (const hello of reports.hellos) {
      if (greeted.has(hello.instanceId) || statuses.has(hello.instanceId)) continue;
      greeted.set(hello.instanceId, hello);
      await options.onHello?.(hello);
    }
    for (const view of await options.describe()) {
      const gone = view.state === 'terminated' || view.state === 'shutting-down';
      if (!statuses.has(view.id) && gone && wasReclaimedBySpot(view)) reclaimed.set(view.id, view);
    }
    const waiting = pending();
    if (waiting.length === 0) return { statuses, reclaimed: [...reclaimed.values()], timedOut: [] };
    if (options.now() >= deadline) return { statuses, reclaimed: [...reclaimed.values()], timedOut: waiting };
    const left = clockText(deadline - options.now());
    options.progress(
      options.untilHello
        ? `${WAITING_FOR_SECRETS}: ${greeted.size}/${options.instanceIds.length} asked, ${waiting.length} pending, ${left} left`
        : `waiting for bootstrap: ${statuses.size}/${options.instanceIds.length} reported, ${waiting.length} pending, ${left} left`,
    );
    await options.sleep((options.pollSeconds ?? pollDelaySeconds(round)) * 1000);
  }
}
