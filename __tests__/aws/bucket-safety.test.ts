/**
 * The bucket is shared ground: the deployer changes the settings only of a
 * bucket it created (marked with a bucket tag), reads each setting before
 * writing it, scopes its expiry rules to its prefix, refuses an empty prefix,
 * and deletes nothing outside one deployment's folder.
 */
import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketTaggingCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deploymentFolder } from '../../src/agent/keys.js';
import { createClients } from '../../src/aws/clients.js';
import { deleteObjectsUnder, ensureBucket } from '../../src/aws/s3.js';
import { ConfigError } from '../../src/core/errors.js';
import { loadProject } from '../../src/plan/load-project.js';
import { cleanProjectsAfterEach, makeProject, SETUP } from '../config/helpers.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { startLocalAws, type LocalAws } from '../helpers/local-aws.js';
import { localRun } from '../helpers/run-context.ts';

const BUCKET = 'shared-bucket';
const KMS = 'arn:aws:kms:us-east-1:123456789012:key/team-key';
let aws: LocalAws;
let proxy!: FaultProxy;
let s3: S3Client;

cleanProjectsAfterEach();

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
});

/** PUTs that change a bucket setting (encryption, public access block, lifecycle, tags). */
const settingWrites = (): number => proxy.count({ method: 'PUT', query: /^(encryption|publicAccessBlock|lifecycle|tagging)=?/ });

const algorithm = async (): Promise<string | undefined> =>
  (await s3.send(new GetBucketEncryptionCommand({ Bucket: BUCKET }))).ServerSideEncryptionConfiguration?.Rules?.[0]
    ?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;

describe('a bucket the deployer did not create', () => {
  it('is used as it is, even with create: true: its SSE-KMS default encryption stays', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: BUCKET,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KMS } }],
        },
      }),
    );
    proxy.clearRequests();
    expect(await ensureBucket(s3, { name: BUCKET, create: true, prefix: 'spot-deployer' }, 'us-east-1')).toEqual({
      created: false,
      managed: false,
    });
    expect(settingWrites()).toBe(0);
    expect(await algorithm()).toBe('aws:kms');
    await expect(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKET }))).rejects.toMatchObject({
      name: 'NoSuchLifecycleConfiguration',
    });
  });
});

describe('a bucket the deployer created', () => {
  it('is marked, and its settings are read first and written only when wrong', async () => {
    expect(await ensureBucket(s3, { name: BUCKET, create: true, prefix: 'deployments' }, 'us-east-1')).toEqual({
      created: true,
      managed: true,
    });
    const tags = await s3.send(new GetBucketTaggingCommand({ Bucket: BUCKET }));
    expect(tags.TagSet).toEqual([{ Key: 'spot-deployer:managed-by', Value: 'spot-deployer' }]);
    const lifecycle = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKET }));
    expect(lifecycle.Rules?.map((rule) => rule.Filter?.Prefix ?? rule.Filter?.And?.Prefix)).toEqual(['deployments/', 'deployments/']);

    proxy.clearRequests();
    expect(await ensureBucket(s3, { name: BUCKET, create: true, prefix: 'deployments' }, 'us-east-1')).toEqual({
      created: false,
      managed: true,
    });
    expect(settingWrites()).toBe(0);

    // someone weakened it: only that setting is put back
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: BUCKET,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KMS } }],
        },
      }),
    );
    proxy.clearRequests();
    await ensureBucket(s3, { name: BUCKET, create: true, prefix: 'deployments' }, 'us-east-1');
    expect(settingWrites()).toBe(1);
    expect(proxy.count({ method: 'PUT', query: /^encryption/ })).toBe(1);
    expect(await algorithm()).toBe('AES256');
  });
});

describe('an empty bucket.prefix', () => {
  it('is refused as a configuration error (SD137) naming the key', async () => {
    const dir = makeProject({
      '.spot/config.yaml': 'regions: [us-east-1]\nbucket:\n  name: shared-bucket\n  prefix: ""\n',
      'deployment/setup.sh': SETUP,
    });
    const error = await loadProject({ dir, overrides: {}, run: localRun() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      expect.objectContaining({ code: 'SD137', key: 'bucket.prefix', message: 'bucket.prefix must not be empty', line: 4 }),
    ]);
  });
});

describe('deleting a deployment’s objects', () => {
  it('deletes only under its own folder and refuses anything that is not one', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const put = (Key: string) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'x' }));
    const folder = deploymentFolder({ prefix: 'spot-deployer', repository: 'acme/web', deploymentId: 'web' });
    await put('team-data/important.csv');
    await put('web/notes.txt');
    await put(`${folder}abc.tar.gz`);
    for (const unsafe of ['', '/', 'web/', 'web', 'spot-deployer']) {
      await expect(deleteObjectsUnder(s3, BUCKET, unsafe)).rejects.toMatchObject({ code: 'SD137' });
    }
    expect(await deleteObjectsUnder(s3, BUCKET, folder)).toBe(1);
    for (const kept of ['team-data/important.csv', 'web/notes.txt']) {
      expect((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: kept }))).$metadata.httpStatusCode).toBe(200);
    }
  });
});
