/**
 * The status grant: one presigned POST policy per launch call. moto accepts
 * POST uploads but checks neither the policy nor its signature (a POST to
 * another prefix, or an oversized one, lands too: docs/decisions.md), so
 * what the policy allows is checked in the signed document itself, and the
 * upload path (the agent's form) against moto.
 */
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClients } from '../../src/aws/clients.js';
import { offlineS3, REPRESENTATIVE_CREDENTIALS } from '../../src/aws/offline-s3.js';
import { presignStatusPost } from '../../src/aws/status-post.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';

let local: InProcessAws;
const prefix = 'spot-deployer/acme/web/web/status/us-east-1-0123456789-1/';

beforeAll(async () => {
  local = await startInProcessAws();
  await fetch(`${local.aws.motoUrl}/post-bucket`, { method: 'PUT' });
}, 60_000);
afterAll(() => local?.stop());

const policyOf = (fields: Record<string, string>) =>
  JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };

describe('presignStatusPost', () => {
  it('signs one prefix, a size range and the bucket encryption, for as long as asked', async () => {
    const s3 = offlineS3('us-east-1');
    const started = Date.now();
    const grant = await presignStatusPost(s3, {
      bucket: 'b',
      keyPrefix: prefix,
      maxBytes: 65_536,
      expiresSeconds: 2700,
      kmsKeyId: 'key-1',
    });
    const policy = policyOf(grant.fields);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['starts-with', '$key', prefix],
        ['content-length-range', 1, 65_535],
        { 'x-amz-server-side-encryption': 'aws:kms' },
        { 'x-amz-server-side-encryption-aws-kms-key-id': 'key-1' },
        { bucket: 'b' },
        { 'X-Amz-Security-Token': REPRESENTATIVE_CREDENTIALS.sessionToken },
      ]),
    );
    expect(Math.abs(Date.parse(policy.expiration) - (started + 2700_000))).toBeLessThan(5_000);
    // Each instance sets its own key; every other field is what the policy signed.
    expect(grant.fields.key).toBeUndefined();
    expect(grant.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(grant.fields['x-amz-server-side-encryption']).toBe('aws:kms');
    s3.destroy();
  });

  it('takes the agent-shaped form upload at moto (which does not enforce the policy)', async () => {
    const { s3 } = createClients('us-east-1');
    const grant = await presignStatusPost(s3, { bucket: 'post-bucket', keyPrefix: prefix, maxBytes: 65_536, expiresSeconds: 600 });
    const form = new FormData();
    for (const [name, value] of Object.entries(grant.fields)) form.append(name, value);
    form.append('key', `${prefix}3.json`);
    form.append('file', new Blob(['{"status":"hello"}']));
    const response = await fetch(grant.url, { method: 'POST', body: form });
    expect(response.status).toBeLessThan(300);
    const object = await s3.send(new GetObjectCommand({ Bucket: 'post-bucket', Key: `${prefix}3.json` }));
    expect(await object.Body!.transformToString()).toBe('{"status":"hello"}');
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'post-bucket', Key: `${prefix}3.json` }))).ETag).toBeTruthy();
    s3.destroy();
  });
});
