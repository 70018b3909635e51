/**
 * One deploy at a time per deployment: a lock object in the deployment's
 * folder, taken with S3's conditional write (`If-None-Match: *`), so two
 * runs can never both believe they hold it. A second deploy waits, then
 * fails with SD410 naming the holder. A lock whose holder died (its
 * `expires_at` passed) is stale and taken over. Released when the deploy
 * ends, and by the CLI's signal handler when it is stopped.
 */
import { lockKey, keyScopeOf } from '../agent/keys.js';
import type { AwsClients } from '../aws/clients.js';
import { deleteObject, putObjectIfAbsent, readObjectText } from '../aws/s3.js';
import { onAbort } from '../core/abort-cleanups.js';
import { CODE } from '../core/codes.js';
import { SpotError } from '../core/errors.js';
import type { Sleep, Surface } from '../core/surface.js';
import type { Plan } from '../plan/types.js';

/** How long a second deploy waits for the first before SD410. */
export const LOCK_WAIT_SECONDS = 5 * 60;
const LOCK_POLL_SECONDS = 10;
/** A holder that has not finished this long after its own ready timeout is taken for dead. */
const LOCK_MARGIN_SECONDS = 30 * 60;

interface LockBody {
  run_id: string;
  acquired_at: string;
  expires_at: string;
}

export interface HeldLock {
  key: string;
  /** Never throws: a lock that could not be removed expires by itself; the surface hears why. */
  release(): Promise<void>;
}

export interface LockDeps {
  s3: AwsClients['s3'];
  surface: Surface;
  sleep: Sleep;
  now: () => Date;
  waitSeconds?: number;
}

const parse = (text: string | undefined): Partial<LockBody> => {
  try {
    return text ? (JSON.parse(text) as Partial<LockBody>) : {};
  } catch {
    return {};
  }
};

/** Stale: its holder's expiry passed, or it cannot be read (no holder would write that). */
export const isStale = (holder: Partial<LockBody>, now: Date): boolean => {
  const expires = Date.parse(holder.expires_at ?? '');
  return !Number.isFinite(expires) || expires <= now.getTime();
};

export async function acquireDeployLock(plan: Plan, deps: LockDeps): Promise<HeldLock> {
  const bucket = plan.bucket.name;
  const key = lockKey(keyScopeOf(plan));
  const started = deps.now().getTime();
  const waitSeconds = deps.waitSeconds ?? LOCK_WAIT_SECONDS;
  for (;;) {
    const now = deps.now();
    const body: LockBody = {
      run_id: plan.run.runId,
      acquired_at: now.toISOString(),
      expires_at: new Date(now.getTime() + (plan.readyTimeoutSeconds + LOCK_MARGIN_SECONDS) * 1000).toISOString(),
    };
    if (await putObjectIfAbsent(deps.s3, bucket, key, JSON.stringify(body))) return held(deps, { bucket, key, runId: plan.run.runId });
    const holder = parse(await readObjectText(deps.s3, bucket, key));
    if (isStale(holder, now)) {
      deps.surface.warn(
        `${plan.deploymentId}: taking over a stale deploy lock (run ${holder.run_id ?? 'unknown'}, expired ${holder.expires_at ?? '?'})`,
      );
      await deleteObject(deps.s3, bucket, key);
      continue;
    }
    if (now.getTime() - started >= waitSeconds * 1000) {
      throw new SpotError(
        CODE.deploymentLocked,
        `another deploy of ${plan.deploymentId} (run ${holder.run_id ?? 'unknown'}, since ${holder.acquired_at ?? '?'}) still holds s3://${bucket}/${key} after ${waitSeconds}s`,
      );
    }
    deps.surface.info(`${plan.deploymentId}: another deploy (run ${holder.run_id ?? 'unknown'}) is running; waiting for it`);
    await deps.sleep(LOCK_POLL_SECONDS * 1000);
  }
}

function held(deps: LockDeps, lock: { bucket: string; key: string; runId: string }): HeldLock {
  // Only our own lock goes: if ours went stale and another run took it over, theirs stays.
  const remove = async (): Promise<void> => {
    if (parse(await readObjectText(deps.s3, lock.bucket, lock.key)).run_id === lock.runId)
      await deleteObject(deps.s3, lock.bucket, lock.key);
  };
  const forget = onAbort(remove);
  return {
    key: lock.key,
    async release() {
      forget();
      await remove().catch((error: unknown) =>
        deps.surface.warn(
          `the deploy lock s3://${lock.bucket}/${lock.key} stays until it expires: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    },
  };
}
