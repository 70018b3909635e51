/**
 * An S3 client that signs with dummy credentials of real length, for `plan`
 * (and the deploy's first size check) to presign representative URLs
 * without any AWS call: the same endpoint style, region, bucket and key as
 * the deploy, and credentials as long as those of a GitHub OIDC role
 * session. A session token does not compress and is the longest part of a
 * presigned URL, so its length decides the user-data's size.
 */
import { createHash } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { s3ClientOptions } from './clients.js';

/** About the length of an STS session token from AssumeRoleWithWebIdentity (GitHub OIDC). */
export const REPRESENTATIVE_TOKEN_CHARS = 1000;

/** Fixed pseudo-random base64 (with its `+`, `/`, which URL-encode to 3 characters each, as in a real token). */
function pseudoBase64(seed: string, length: number): string {
  let text = '';
  for (let block = 0; text.length < length; block += 1) text += createHash('sha256').update(`${seed} ${block}`).digest('base64');
  return text.replaceAll('=', '').slice(0, length);
}

export const REPRESENTATIVE_CREDENTIALS = {
  accessKeyId: `ASIA${pseudoBase64('access key', 64)
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 16)}`,
  secretAccessKey: pseudoBase64('secret key', 40),
  sessionToken: pseudoBase64('session token', REPRESENTATIVE_TOKEN_CHARS),
};

/** The deploy's S3 client settings for `region`, signing with the representative credentials; it never sends a request. */
export const offlineS3 = (region: string, env: NodeJS.ProcessEnv = process.env): S3Client =>
  new S3Client({ ...s3ClientOptions(region, env), credentials: REPRESENTATIVE_CREDENTIALS });
