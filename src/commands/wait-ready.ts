/**
 * Waits until every instance has reported its bootstrap through its status
 * object, or has disappeared (spot took it back), or the time is up.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { wasReclaimedBySpot, type InstanceView } from '../aws/instances.js';
import { readStatusObjects } from '../aws/s3.js';
import type { BootstrapStatus } from '../report/instance-report.js';
import type { Sleep } from './surface.js';

export interface WaitReadyOptions {
  s3: S3Client;
  bucket: string;
  /** Key prefixes holding this run's status objects, one per launch. */
  statusPrefixes: string[];
  instanceIds: string[];
  timeoutSeconds: number;
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

function isBootstrapStatus(value: unknown): value is BootstrapStatus {
  const candidate = value as Partial<BootstrapStatus> | null;
  return Boolean(candidate && typeof candidate.instance_id === 'string' && (candidate.status === 'ok' || candidate.status === 'failed'));
}

async function collectStatuses(options: WaitReadyOptions, into: Map<string, BootstrapStatus>): Promise<void> {
  for (const prefix of options.statusPrefixes) {
    for (const { status } of await readStatusObjects(options.s3, options.bucket, prefix)) {
      if (isBootstrapStatus(status) && options.instanceIds.includes(status.instance_id)) into.set(status.instance_id, status);
    }
  }
}

export async function waitForBootstrap(options: WaitReadyOptions): Promise<WaitReadyResult> {
  const statuses = new Map<string, BootstrapStatus>();
  const reclaimed = new Map<string, InstanceView>();
  const deadline = options.now() + options.timeoutSeconds * 1000;
  const pending = (): string[] => options.instanceIds.filter((id) => !statuses.has(id) && !reclaimed.has(id));
  for (;;) {
    await collectStatuses(options, statuses);
    for (const view of await options.describe()) {
      const gone = view.state === 'terminated' || view.state === 'shutting-down';
      if (!statuses.has(view.id) && gone && wasReclaimedBySpot(view)) reclaimed.set(view.id, view);
    }
    const waiting = pending();
    if (waiting.length === 0) return { statuses, reclaimed: [...reclaimed.values()], timedOut: [] };
    if (options.now() >= deadline) return { statuses, reclaimed: [...reclaimed.values()], timedOut: waiting };
    options.progress(`waiting for bootstrap: ${statuses.size}/${options.instanceIds.length} reported, ${waiting.length} pending`);
    await options.sleep((options.pollSeconds ?? 10) * 1000);
  }
}
