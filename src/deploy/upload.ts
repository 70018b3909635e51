/**
 * The bundle into the bucket (skipped when its content-addressed key is
 * already there) and the presigned URL the instances fetch it by.
 */
import type { AwsClients } from '../aws/clients.js';
import { ensureBucket, uploadBundle } from '../aws/s3.js';
import { bundleKey, keyScopeOf } from '../agent/keys.js';
import type { Surface } from '../core/surface.js';
import type { Plan } from '../plan/types.js';
import type { Prepared } from './prepare.js';

export { BUNDLE_URL_SECONDS, PRESIGN_MARGIN_SECONDS, urlLifetimeOf } from './launch-conf.js';

/**
 * The bucket, created and kept private when the deployer owns it. Needs no
 * bundle: a deploy runs it while the bundle builds, then takes its lock.
 */
export async function setUpBucket(plan: Plan, bucket: AwsClients, surface: Surface): Promise<void> {
  const ensured = await ensureBucket(
    bucket.s3,
    { name: plan.bucket.name, create: plan.bucket.create, prefix: plan.bucket.prefix, kmsKeyId: plan.bucket.kmsKeyId },
    bucket.region,
  );
  if (plan.bucket.create && !ensured.managed) {
    surface.info(`s3://${plan.bucket.name} was not created by spot-deployer: its settings are left exactly as they are`);
  }
}

/**
 * Uploads the bundle unless it is already stored (content-addressed key);
 * returns the bytes sent. A reused bundle was found stored: nothing to do.
 */
async function uploadPrepared(plan: Plan, prepared: Prepared, bucket: AwsClients, surface: Surface): Promise<number> {
  const key = bundleKey(keyScopeOf(plan), prepared.bundle.sha256);
  if (prepared.reused) return 0;
  const upload = await uploadBundle(bucket.s3, {
    bucket: plan.bucket.name,
    key,
    file: prepared.bundle.file,
    sha256: prepared.bundle.sha256,
    kmsKeyId: plan.bucket.kmsKeyId,
    onProgress: ({ loaded, total }) => surface.debug(`uploaded ${loaded} of ${total} bytes`),
  });
  surface.info(
    upload.uploaded
      ? `uploaded s3://${plan.bucket.name}/${key} (${upload.bytes} bytes)`
      : `bundle already in s3://${plan.bucket.name}/${key}: not uploaded again`,
  );
  return upload.uploaded ? upload.bytes : 0;
}

/** An upload that starts only once something will download the bundle. */
export interface DeferredUpload {
  /** `true`: upload now (a fleet call is coming, or the deployment already runs this bundle); `false`: never. The first call decides. */
  begin(needed: boolean): void;
  /** The bytes sent: 0 when it was not needed or the bundle was stored already. A rejection is handled by whoever awaits it. */
  uploaded: Promise<number>;
}

export function deferredUpload(plan: Plan, prepared: Prepared, bucket: AwsClients, surface: Surface): DeferredUpload {
  let begin!: (needed: boolean) => void;
  const decided = new Promise<boolean>((resolve) => (begin = resolve));
  const uploaded = decided.then((needed) => (needed ? uploadPrepared(plan, prepared, bucket, surface) : 0));
  uploaded.catch(() => undefined);
  return { begin, uploaded };
}
