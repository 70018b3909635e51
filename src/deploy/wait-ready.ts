/**
 * Waits until every instance has reported its bootstrap through its status
 * object, or has disappeared (spot took it back), or the time is up.
 */
import type { AwsClients } from '../aws/clients.js';
import { wasReclaimedBySpot, type InstanceView } from '../aws/instances.js';
import { readStatusObjects } from '../aws/s3.js';
import type { Sleep } from '../core/surface.js';
import { clockText } from '../core/clock-text.js';
import { isBootstrapStatus, type BootstrapStatus } from '../agent/status.js';

export interface WaitReadyOptions {
  s3: AwsClients['s3'];
  bucket: string;
  /** Key prefixes holding this run's status objects, one per launch. */
  statusPrefixes: string[];
  instanceIds: string[];
  timeoutSeconds: number;
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

/** Every status object under the prefixes that belongs to one of `ids`. */
export async function readReportedStatuses(
  s3: AwsClients['s3'],
  bucket: string,
  prefixes: string[],
  ids: ReadonlySet<string>,
): Promise<Map<string, BootstrapStatus>> {
  const statuses = new Map<string, BootstrapStatus>();
  for (const prefix of prefixes) {
    for (const { status } of await readStatusObjects(s3, bucket, prefix)) {
      if (isBootstrapStatus(status) && ids.has(status.instance_id)) statuses.set(status.instance_id, status);
    }
  }
  return statuses;
}

/**
 * Seconds to wait before poll `round` (0-based): quick at first, since a small
 * bootstrap reports within seconds of the instance running, then every 10 s,
 * which keeps a 15-minute wait to about 90 list calls.
 */
export const pollDelaySeconds = (round: number): number => [2, 3, 5][round] ?? 10;

export async function waitForBootstrap(options: WaitReadyOptions): Promise<WaitReadyResult> {
  const statuses = new Map<string, BootstrapStatus>();
  const reclaimed = new Map<string, InstanceView>();
  const deadline = options.now() + options.timeoutSeconds * 1000;
  const pending = (): string[] => options.instanceIds.filter((id) => !statuses.has(id) && !reclaimed.has(id));
  const ids = new Set(options.instanceIds);
  for (let round = 0; ; round += 1) {
    for (const [id, status] of await readReportedStatuses(options.s3, options.bucket, options.statusPrefixes, ids))
      statuses.set(id, status);
    for (const view of await options.describe()) {
      const gone = view.state === 'terminated' || view.state === 'shutting-down';
      if (!statuses.has(view.id) && gone && wasReclaimedBySpot(view)) reclaimed.set(view.id, view);
    }
    const waiting = pending();
    if (waiting.length === 0) return { statuses, reclaimed: [...reclaimed.values()], timedOut: [] };
    if (options.now() >= deadline) return { statuses, reclaimed: [...reclaimed.values()], timedOut: waiting };
    options.progress(
      `waiting for bootstrap: ${statuses.size}/${options.instanceIds.length} reported, ${waiting.length} pending, ${clockText(deadline - options.now())} left`,
    );
    await options.sleep((options.pollSeconds ?? pollDelaySeconds(round)) * 1000);
  }
}
