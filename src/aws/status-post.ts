/**
 * The status grant of a launch call: one presigned POST policy that lets
 * every instance of the call write its own status object under the call's
 * prefix, and nothing else (docs/decisions.md, "Constant-size user-data").
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { presignExpirySeconds } from './s3.js';

/**
 * One presigned POST policy for a whole launch call: any key that starts
 * with `keyPrefix`, a body of 1 to `maxBytes - 1` bytes, and the bucket's
 * encryption. Returns the form's URL and the fields the policy signs
 * (without `key`, which each instance sets to its own object).
 */
export async function presignStatusPost(
  s3: S3Client,
  options: { bucket: string; keyPrefix: string; maxBytes: number; expiresSeconds: number; kmsKeyId?: string | undefined },
): Promise<{ url: string; fields: Record<string, string> }> {
  const Expires = await presignExpirySeconds(s3, options.expiresSeconds);
  const encryption: Record<string, string> = options.kmsKeyId
    ? { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': options.kmsKeyId }
    : { 'x-amz-server-side-encryption': 'AES256' };
  const post = await createPresignedPost(s3, {
    Bucket: options.bucket,
    // `${filename}` at the end makes the library sign `starts-with $key <prefix>` instead of one key.
    Key: `${options.keyPrefix}\${filename}`,
    Conditions: [['content-length-range', 1, options.maxBytes - 1]],
    Fields: encryption,
    Expires,
  });
  const { key: _key, ...fields } = post.fields;
  return { url: post.url, fields };
}
