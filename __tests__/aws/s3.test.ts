import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetPublicAccessBlockCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClients } from '../../src/aws/clients.js';
import {
  deleteObjectsUnder,
  ensureBucket,
  presignExpirySeconds,
  presignGet,
  presignPut,
  readStatusObjects,
  PART_SIZE,
  uploadBundle,
  wrapS3Error,
  type UploadProgress,
} from '../../src/aws/s3.js';
import { SpotError } from '../../src/core/errors.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { startLocalAws, type LocalAws } from '../helpers/local-aws.js';
import { tempDir } from '../bundle/fixtures.js';
import { bundleKey, deploymentFolder, statusKey } from '../../src/agent/keys.js';

const BUCKET = 'spot-test-bucket';
/** Async on purpose: the proxy runs in this process, so spawnSync would deadlock against it. */
const curl = (...args: string[]) => promisify(execFile)('curl', ['-sSf', ...args], { encoding: 'utf8' });
let aws: LocalAws;
let proxy!: FaultProxy;
let s3: S3Client;

beforeAll(async () => {
  aws = await startLocalAws({ proxy: async (moto) => (proxy = await startFaultProxy(moto)) });
  Object.assign(process.env, aws.env, { SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1' });
  s3 = createClients('us-east-1', process.env).s3;
});
afterAll(async () => {
  s3?.destroy();
  await aws?.stop();
});
beforeEach(async () => {
  await aws.reset();
  proxy.clearRequests();
  proxy.clearFaults();
});

function bundleFile(bytes = 4096): { file: string; sha256: string } {
  const file = join(tempDir(), 'bundle.tar.gz');
  writeFileSync(file, Buffer.alloc(bytes, 7));
  return { file, sha256: 'a'.repeat(64) };
}

describe('keys', () => {
  it('builds bundle and status keys under the prefix', () => {
    const scope = { prefix: 'spot-deployer', repository: 'acme/web', deploymentId: 'demo' };
    expect(bundleKey(scope, 'ab12')).toBe('spot-deployer/acme/web/demo/ab12.tar.gz');
    expect(bundleKey({ prefix: '/p/', repository: 'acme/web', deploymentId: 'demo' }, 'ab12')).toBe('p/acme/web/demo/ab12.tar.gz');
    expect(statusKey(scope, 'run-7', 2)).toBe('spot-deployer/acme/web/demo/status/run-7/2.json');
  });

  it('gives every (repository, deployment) a folder that is no prefix of another one', () => {
    const folder = (repository: string, deploymentId: string) => deploymentFolder({ prefix: 'p', repository, deploymentId });
    expect(folder('', 'web')).toBe('p/_local/web/');
    expect(folder('orgA/web', 'web')).toBe('p/orgA/web/web/');
    expect(folder('group/sub/repo', 'web')).toMatch(/^p\/_repo-[0-9a-f]{16}\/web\/$/);
    expect(folder('owner/..', 'web')).toMatch(/^p\/_repo-/);
    const folders = [
      folder('', 'orga'),
      folder('orga/web', 'x'),
      folder('orga', 'web'),
      folder('_local/web', 'x'),
      folder('a/b', 'c'),
      folder('a/b/c', 'd'),
    ];
    for (const one of folders) for (const other of folders) if (one !== other) expect(other.startsWith(one)).toBe(false);
  });
});

describe('ensureBucket', () => {
  it('creates a private, encrypted bucket with expiry rules', async () => {
    expect(await ensureBucket(s3, { name: BUCKET, create: true, prefix: 'spot-deployer' }, 'us-east-1')).toEqual({
      created: true,
      managed: true,
    });
    const block = await s3.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET }));
    expect(block.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: BUCKET }));
    expect(encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
    const lifecycle = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKET }));
    const rules = Object.fromEntries((lifecycle.Rules ?? []).map((rule) => [rule.ID, rule]));
    expect(rules['spot-deployer-bundles']?.Expiration?.Days).toBe(30);
    expect(rules['spot-deployer-bundles']?.Filter?.Prefix).toBe('spot-deployer/');
    expect(rules['spot-deployer-status']?.Expiration?.Days).toBe(7);
  });

  it('is idempotent and keeps rules that are not ours', async () => {
    await ensureBucket(s3, { name: BUCKET, create: true }, 'us-east-1');
    expect(await ensureBucket(s3, { name: BUCKET, create: true }, 'us-east-1')).toEqual({ created: false, managed: true });
    const lifecycle = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKET }));
    expect(lifecycle.Rules?.map((rule) => rule.ID).sort()).toEqual(['spot-deployer-bundles', 'spot-deployer-status']);
  });

  it('names a missing bucket and says how to have it created', async () => {
    const error = await ensureBucket(s3, { name: 'no-such-bucket', create: false }, 'us-east-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotError);
    expect((error as SpotError).code).toBe('SD135');
    expect((error as SpotError).message).toBe('the S3 bucket "no-such-bucket" does not exist');
    expect((error as SpotError).hint).toContain('create: true');
  });

  it('reports a forbidden bucket as a permission error naming the action', async () => {
    const forbidden = Object.assign(new Error('Forbidden'), { name: 'Forbidden', $metadata: { httpStatusCode: 403 } });
    const error = wrapS3Error(forbidden, 's3:ListBucket', 'their-bucket');
    expect(error.code).toBe('SD201');
    expect(error.message).toBe('s3:ListBucket on their-bucket was denied (Forbidden)');
  });
});

describe('uploadBundle', () => {
  beforeEach(async () => {
    await ensureBucket(s3, { name: BUCKET, create: true }, 'us-east-1');
    proxy.clearRequests();
  });

  it('uploads once, then finds the object and uploads 0 bytes', async () => {
    const { file, sha256 } = bundleFile();
    const key = bundleKey({ prefix: 'spot-deployer', repository: 'acme/web', deploymentId: 'demo' }, sha256);
    const first = await uploadBundle(s3, { bucket: BUCKET, key, file, sha256 });
    expect(first).toEqual({ uploaded: true, bytes: 4096 });
    expect(proxy.count({ method: 'PUT', path: `/${BUCKET}/${key}` })).toBe(1);
    proxy.clearRequests();
    const second = await uploadBundle(s3, { bucket: BUCKET, key, file, sha256 });
    expect(second).toEqual({ uploaded: false, bytes: 0 });
    expect(proxy.count({ method: 'PUT' })).toBe(0);
    expect(proxy.count({ method: 'HEAD', path: `/${BUCKET}/${key}` })).toBe(1);
  });

  it('stores the object encrypted with its sha256 as metadata', async () => {
    const { file, sha256 } = bundleFile();
    const key = bundleKey({ prefix: 'spot-deployer', repository: 'acme/web', deploymentId: 'demo' }, sha256);
    await uploadBundle(s3, { bucket: BUCKET, key, file, sha256 });
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head.ServerSideEncryption).toBe('AES256');
    expect(head.Metadata).toEqual({ sha256 });
  });

  it('uploads a bundle over the part size in 8 MiB parts, reporting progress', async () => {
    const size = 2 * PART_SIZE + 1234;
    const { file, sha256 } = bundleFile(size);
    const key = bundleKey({ prefix: 'spot-deployer', repository: 'acme/web', deploymentId: 'big' }, sha256);
    const progress: UploadProgress[] = [];
    const result = await uploadBundle(s3, { bucket: BUCKET, key, file, sha256, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ uploaded: true, bytes: size });
    const path = `/${BUCKET}/${key}`;
    expect(proxy.count({ method: 'POST', path, query: /(^|&)uploads=?(&|$)/ })).toBe(1);
    expect(proxy.count({ method: 'PUT', path, query: /partNumber=\d+/ })).toBe(3);
    expect(proxy.count({ method: 'PUT', path, query: /^(?!.*partNumber)/ })).toBe(0);
    expect(proxy.count({ method: 'POST', path, query: /uploadId=/ })).toBe(1);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toEqual({ loaded: size, total: size });
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head.ContentLength).toBe(size);
    expect(head.ServerSideEncryption).toBe('AES256');
  });

  it('names the bucket when it does not exist', async () => {
    const { file, sha256 } = bundleFile();
    const error = await uploadBundle(s3, { bucket: 'gone-bucket', key: 'k', file, sha256 }).catch((e: unknown) => e);
    expect((error as SpotError).code).toBe('SD135');
    expect((error as SpotError).message).toContain('"gone-bucket"');
  });
});

describe('presigned URLs', () => {
  beforeEach(async () => {
    await ensureBucket(s3, { name: BUCKET, create: true }, 'us-east-1');
  });

  it('lets plain curl GET the bundle', async () => {
    const { file, sha256 } = bundleFile(10_000);
    const key = bundleKey({ prefix: 'spot-deployer', repository: 'acme/web', deploymentId: 'demo' }, sha256);
    await uploadBundle(s3, { bucket: BUCKET, key, file, sha256 });
    const url = await presignGet(s3, BUCKET, key, 900);
    const out = join(tempDir(), 'got');
    await curl('-o', out, url);
    expect(readFileSync(out).equals(readFileSync(file))).toBe(true);
  });

  it('lets plain curl PUT a status object that readStatusObjects parses', async () => {
    const key = statusKey({ prefix: 'spot-deployer', repository: 'acme/web', deploymentId: 'demo' }, 'run-1', 0);
    const url = await presignPut(s3, BUCKET, key, 900);
    const body = JSON.stringify({ status: 'ok', instanceId: 'i-123' });
    // With curl's default form content type moto drops the body; the agent sends JSON's own type.
    await curl('-X', 'PUT', '-H', 'Content-Type: application/json', '--data-binary', body, url);
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: statusKey({ prefix: 'spot-deployer', repository: 'acme/web', deploymentId: 'demo' }, 'run-1', 1),
        Body: '{bad',
      }),
    );
    const statuses = await readStatusObjects(s3, BUCKET, 'spot-deployer/acme/web/demo/status/run-1/');
    expect(statuses).toEqual([
      { key: 'spot-deployer/acme/web/demo/status/run-1/0.json', status: { status: 'ok', instanceId: 'i-123' } },
      { key: 'spot-deployer/acme/web/demo/status/run-1/1.json', status: undefined, error: 'not valid JSON: {bad' },
    ]);
  });

  it("caps the expiry at 7 days and at the credentials' own expiry", async () => {
    expect(await presignExpirySeconds(s3, 30 * 24 * 3600)).toBe(7 * 24 * 3600);
    const now = Date.now();
    const temporary = new S3Client({
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'c', expiration: new Date(now + 600_000) },
    });
    expect(await presignExpirySeconds(temporary, 3600, now)).toBe(600);
    const expired = new S3Client({
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b', expiration: new Date(now - 1000) },
    });
    await expect(presignExpirySeconds(expired, 3600, now)).rejects.toMatchObject({ code: 'SD200' });
  });
});

describe('deleteObjectsUnder', () => {
  it("deletes one deployment's objects and leaves a similarly named one alone", async () => {
    await ensureBucket(s3, { name: BUCKET, create: true }, 'us-east-1');
    const put = (Key: string) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: '{}' }));
    await put(bundleKey({ prefix: 'p', repository: 'acme/web', deploymentId: 'demo' }, 'abc'));
    await put(statusKey({ prefix: 'p', repository: 'acme/web', deploymentId: 'demo' }, 'run', 0));
    await put(bundleKey({ prefix: 'p', repository: 'acme/web', deploymentId: 'demo-pr-1' }, 'abc'));
    expect(await deleteObjectsUnder(s3, BUCKET, deploymentFolder({ prefix: 'p', repository: 'acme/web', deploymentId: 'demo' }))).toBe(2);
    expect(await readStatusObjects(s3, BUCKET, 'p/')).toEqual([]);
    const left = await s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: bundleKey({ prefix: 'p', repository: 'acme/web', deploymentId: 'demo-pr-1' }, 'abc') }),
    );
    expect(left.$metadata.httpStatusCode).toBe(200);
  });
});
