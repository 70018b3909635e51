/**
 * The bundle into the bucket (skipped when its content-addressed key is
 * already there) and the presigned URL the instances fetch it by.
 */
import type { AwsClients } from '../aws/clients.js';
import { ensureBucket, presignGet, uploadBundle } from '../aws/s3.js';
import { bundleKey, keyScopeOf } from '../agent/keys.js';
import type { Surface } from '../core/surface.js';
import type { Plan } from '../plan/types.js';
import type { Prepared } from './prepare.js';

/** The bundle URL outlives the wait by this much, for instances that boot late. */
export const PRESIGN_MARGIN_SECONDS = 30 * 60;

export interface Uploaded {
  key: string;
  url: string;
  /** Lifetime of the presigned URLs, in seconds. */
  lifetime: number;
  uploadedBytes: number;
}

export async function uploadAndPresign(plan: Plan, prepared: Prepared, bucket: AwsClients, surface: Surface): Promise<Uploaded> {
  const key = bundleKey(keyScopeOf(plan), prepared.bundle.sha256);
  const ensured = await ensureBucket(
    bucket.s3,
    { name: plan.bucket.name, create: plan.bucket.create, prefix: plan.bucket.prefix, kmsKeyId: plan.bucket.kmsKeyId },
    bucket.region,
  );
  if (plan.bucket.create && !ensured.managed) {
    surface.info(`s3://${plan.bucket.name} was not created by spot-deployer: its settings are left exactly as they are`);
  }
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
  const lifetime = plan.readyTimeoutSeconds + PRESIGN_MARGIN_SECONDS;
  const url = await presignGet(bucket.s3, plan.bucket.name, key, lifetime);
  surface.mask(url);
  return { key, url, lifetime, uploadedBytes: upload.uploaded ? upload.bytes : 0 };
}
