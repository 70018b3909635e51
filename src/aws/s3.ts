/**
 * The deployment's S3 side: the bucket (optionally created private,
 * encrypted and with expiry rules), content-addressed bundle uploads,
 * presigned URLs for the instance, and the status objects instances write.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketTaggingCommand,
  GetPublicAccessBlockCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type LifecycleRule,
  type S3Client,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { CODE } from '../core/codes.js';
import { SpotError } from '../core/errors.js';
import { awsErrorCode, wrapAwsError } from './errors.js';

export const PART_SIZE = 8 * 1024 * 1024;
/** SigV4 presigned URLs cannot live longer than 7 days. */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
export const BUNDLE_EXPIRY_DAYS = 30;
export const STATUS_EXPIRY_DAYS = 7;
/** Status objects are small; the size filter is how one rule reaches them under every deployment name. */
export const STATUS_MAX_BYTES = 64 * 1024;
export const LIFECYCLE_RULE_IDS = { bundles: 'spot-deployer-bundles', status: 'spot-deployer-status' } as const;

const NOT_FOUND = new Set(['NotFound', 'NoSuchBucket', 'NoSuchKey', '404']);
const FORBIDDEN = new Set(['Forbidden', 'AccessDenied', '403']);

/** Wraps an S3 failure once, naming the action and the bucket or object. */
export function wrapS3Error(error: unknown, action: string, resource: string): SpotError {
  const code = awsErrorCode(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  if (FORBIDDEN.has(code) || status === 403) {
    return new SpotError(CODE.accessDenied, `${action} on ${resource} was denied (${code})`, {
      cause: error,
      hint: `Allow ${action} on ${resource} for the role or user in use; see docs/iam.md for the full policy.`,
    });
  }
  if (code === 'NoSuchBucket') return missingBucket(resource.split('/')[0]!, error);
  return wrapAwsError(error, { action, resource });
}

function missingBucket(bucket: string, cause: unknown): SpotError {
  return new SpotError(CODE.missingBucket, `the S3 bucket "${bucket}" does not exist`, {
    cause,
    key: 'bucket',
    hint: 'Create it, correct the name, or let the deployer create it with `bucket: {name: …, create: true}` in .spot/config.yaml.',
  });
}

const isNotFound = (error: unknown): boolean =>
  NOT_FOUND.has(awsErrorCode(error)) || (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;

async function call<T>(action: string, resource: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw wrapS3Error(error, action, resource);
  }
}

export interface BucketOptions {
  name: string;
  create: boolean;
  /** Key prefix of everything the deployer writes; the lifecycle rules are scoped to it. */
  prefix?: string;
  kmsKeyId?: string;
}

/** True when the bucket exists and is ours to use; false when it does not exist. */
async function bucketExists(s3: S3Client, name: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: name }));
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw wrapS3Error(error, 's3:ListBucket', name);
  }
}

/** True when this call created the bucket; false when it turned out to exist already (a race, or ours). */
async function createBucket(s3: S3Client, name: string, region: string): Promise<boolean> {
  // us-east-1 is the one region that refuses an explicit LocationConstraint.
  const configuration = region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } };
  try {
    await s3.send(new CreateBucketCommand({ Bucket: name, ObjectOwnership: 'BucketOwnerEnforced', ...configuration }));
    return true;
  } catch (error) {
    const code = awsErrorCode(error);
    if (code === 'BucketAlreadyOwnedByYou') return false;
    if (code === 'BucketAlreadyExists') {
      throw new SpotError(CODE.bucketTaken, `the S3 bucket name "${name}" belongs to another AWS account`, {
        cause: error,
        key: 'bucket.name',
        hint: 'Bucket names are global: choose another name, e.g. with your account id in it.',
      });
    }
    throw wrapS3Error(error, 's3:CreateBucket', name);
  }
}

/** Our rules replace earlier versions of themselves and leave anyone else's rules alone; scoped to the prefix. */
function mergedLifecycleRules(existing: LifecycleRule[], prefix: string): LifecycleRule[] {
  const ours = new Set<string>(Object.values(LIFECYCLE_RULE_IDS));
  const scope = `${prefix}/`;
  return [
    ...existing.filter((rule) => !ours.has(rule.ID ?? '')),
    {
      ID: LIFECYCLE_RULE_IDS.bundles,
      Status: 'Enabled',
      Filter: { Prefix: scope },
      Expiration: { Days: BUNDLE_EXPIRY_DAYS },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
    },
    {
      ID: LIFECYCLE_RULE_IDS.status,
      Status: 'Enabled',
      Filter: { And: { Prefix: scope, ObjectSizeLessThan: STATUS_MAX_BYTES } },
      Expiration: { Days: STATUS_EXPIRY_DAYS },
    },
  ];
}

const PUBLIC_BLOCK = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

/** The bucket tag that says the deployer created the bucket, and so may keep its settings right. */
export const BUCKET_MARK = { Key: 'spot-deployer:managed-by', Value: 'spot-deployer' } as const;

/** Reads a bucket setting; `missing` names the error S3 gives when it was never set. */
async function readSetting<T>(action: string, name: string, missing: string[], read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (missing.includes(awsErrorCode(error))) return undefined;
    throw wrapS3Error(error, action, name);
  }
}

async function isMarkedOurs(s3: S3Client, name: string): Promise<boolean> {
  const tagging = await readSetting('s3:GetBucketTagging', name, ['NoSuchTagSet', 'NoSuchTagSetError'], () =>
    s3.send(new GetBucketTaggingCommand({ Bucket: name })),
  );
  return Boolean(tagging?.TagSet?.some((tag) => tag.Key === BUCKET_MARK.Key && tag.Value === BUCKET_MARK.Value));
}

async function ensurePublicAccessBlock(s3: S3Client, name: string): Promise<boolean> {
  const current = await readSetting('s3:GetBucketPublicAccessBlock', name, ['NoSuchPublicAccessBlockConfiguration'], () =>
    s3.send(new GetPublicAccessBlockCommand({ Bucket: name })),
  );
  const have = current?.PublicAccessBlockConfiguration;
  if (have && Object.entries(PUBLIC_BLOCK).every(([key, value]) => have[key as keyof typeof PUBLIC_BLOCK] === value)) return false;
  await call('s3:PutBucketPublicAccessBlock', name, () =>
    s3.send(new PutPublicAccessBlockCommand({ Bucket: name, PublicAccessBlockConfiguration: PUBLIC_BLOCK })),
  );
  return true;
}

async function ensureEncryption(s3: S3Client, name: string, kmsKeyId: string | undefined): Promise<boolean> {
  const current = await readSetting('s3:GetEncryptionConfiguration', name, ['ServerSideEncryptionConfigurationNotFoundError'], () =>
    s3.send(new GetBucketEncryptionCommand({ Bucket: name })),
  );
  const have = current?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
  const right = kmsKeyId ? have?.SSEAlgorithm === 'aws:kms' && have.KMSMasterKeyID === kmsKeyId : have?.SSEAlgorithm === 'AES256';
  if (right) return false;
  const byDefault = kmsKeyId ? { SSEAlgorithm: 'aws:kms' as const, KMSMasterKeyID: kmsKeyId } : { SSEAlgorithm: 'AES256' as const };
  const rule = { ApplyServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: Boolean(kmsKeyId) };
  await call('s3:PutEncryptionConfiguration', name, () =>
    s3.send(new PutBucketEncryptionCommand({ Bucket: name, ServerSideEncryptionConfiguration: { Rules: [rule] } })),
  );
  return true;
}

/**
 * What matters of a lifecycle rule, to compare what S3 holds with what we
 * want. The size filter counts only when S3 reports one: moto drops it from
 * what it reads back, and comparing it there would rewrite the rules on every run.
 */
const ruleEssence = (rule: LifecycleRule | undefined, sizeFallback?: number): string =>
  JSON.stringify([
    rule?.ID,
    rule?.Status,
    rule?.Filter?.Prefix ?? rule?.Filter?.And?.Prefix,
    rule?.Filter?.And ? (rule.Filter.And.ObjectSizeLessThan ?? sizeFallback) : undefined,
    rule?.Expiration?.Days,
    rule?.AbortIncompleteMultipartUpload?.DaysAfterInitiation,
  ]);

async function ensureLifecycle(s3: S3Client, name: string, prefix: string): Promise<boolean> {
  let existing: LifecycleRule[] = [];
  try {
    existing = (await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: name }))).Rules ?? [];
  } catch (error) {
    if (awsErrorCode(error) !== 'NoSuchLifecycleConfiguration') throw wrapS3Error(error, 's3:GetLifecycleConfiguration', name);
  }
  const Rules = mergedLifecycleRules(existing, prefix);
  const ours = new Set<string>(Object.values(LIFECYCLE_RULE_IDS));
  const wanted = Rules.filter((rule) => ours.has(rule.ID ?? ''));
  const same = (rule: LifecycleRule): boolean =>
    ruleEssence(
      existing.find((have) => have.ID === rule.ID),
      rule.Filter?.And?.ObjectSizeLessThan,
    ) === ruleEssence(rule);
  if (wanted.every(same)) return false;
  await call('s3:PutLifecycleConfiguration', name, () =>
    s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: name, LifecycleConfiguration: { Rules } })),
  );
  return true;
}

/** Reads each setting first and writes only the ones that are wrong. Only for buckets the deployer created. */
async function secureBucket(s3: S3Client, options: BucketOptions): Promise<void> {
  const { name, kmsKeyId } = options;
  // The plan refuses an empty prefix (SD137): rules at the bucket root would expire other people's objects.
  const prefix = options.prefix ?? 'spot-deployer';
  if (prefix === '') {
    throw new SpotError(CODE.unsafeBucket, `bucket.prefix of "${name}" is empty`, { key: 'bucket.prefix' });
  }
  // Three independent settings: read (and, when wrong, written) at the same time.
  await Promise.all([ensurePublicAccessBlock(s3, name), ensureEncryption(s3, name, kmsKeyId), ensureLifecycle(s3, name, prefix)]);
}

/**
 * Makes sure the bucket is usable. With `create`, creates it when missing,
 * marks it as the deployer's (a bucket tag), and keeps the private,
 * encrypted, expiring settings right on every run, so a run that died
 * half-way is repaired by the next one. A bucket the deployer did not create
 * is used as it is: its settings are never changed. Without `create`, only
 * checks that it exists and is reachable.
 */
export async function ensureBucket(s3: S3Client, bucket: BucketOptions, region: string): Promise<{ created: boolean; managed: boolean }> {
  // Whether it exists and whether it is marked ours are asked together; the mark only counts if it exists.
  const marked = bucket.create ? isMarkedOurs(s3, bucket.name) : undefined;
  marked?.catch(() => undefined);
  const exists = await bucketExists(s3, bucket.name);
  if (!bucket.create) {
    if (!exists) throw missingBucket(bucket.name, undefined);
    return { created: false, managed: false };
  }
  let created = false;
  if (!exists) {
    created = await createBucket(s3, bucket.name, region);
    if (created) {
      await call('s3:PutBucketTagging', bucket.name, () =>
        s3.send(new PutBucketTaggingCommand({ Bucket: bucket.name, Tagging: { TagSet: [BUCKET_MARK] } })),
      );
    }
  }
  // Created by someone else since the first look (a race): read its mark again.
  const managed = created || (exists ? await marked! : await isMarkedOurs(s3, bucket.name));
  if (managed) await secureBucket(s3, bucket);
  return { created, managed };
}

/** The encryption every object the deployer writes asks for: the bucket's KMS key, or S3-managed keys. */
const encryptionOf = (kmsKeyId: string | undefined): { ServerSideEncryption: ServerSideEncryption; SSEKMSKeyId?: string } =>
  kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId } : { ServerSideEncryption: 'AES256' };

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadBundleOptions {
  bucket: string;
  key: string;
  file: string;
  sha256: string;
  kmsKeyId?: string;
  onProgress?: (progress: UploadProgress) => void;
}

/** The stored object's size, or undefined when there is no such object. */
export async function storedObjectBytes(s3: S3Client, bucket: string, key: string): Promise<number | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return head.ContentLength ?? 0;
  } catch (error) {
    if (isNotFound(error) && awsErrorCode(error) !== 'NoSuchBucket') return undefined;
    throw wrapS3Error(error, 's3:GetObject', `${bucket}/${key}`);
  }
}

/**
 * Uploads the bundle unless an object with its key (its sha256) is already
 * there. Large files go in 8 MiB parts, reporting progress as they go.
 */
export async function uploadBundle(s3: S3Client, options: UploadBundleOptions): Promise<{ uploaded: boolean; bytes: number }> {
  const { bucket, key, file, sha256, kmsKeyId, onProgress } = options;
  if ((await storedObjectBytes(s3, bucket, key)) !== undefined) return { uploaded: false, bytes: 0 };
  const { size } = await stat(file);
  const encryption = encryptionOf(kmsKeyId);
  const upload = new Upload({
    client: s3,
    partSize: PART_SIZE,
    queueSize: 4,
    leavePartsOnError: false,
    params: {
      Bucket: bucket,
      Key: key,
      Body: createReadStream(file),
      ContentType: 'application/gzip',
      Metadata: { sha256 },
      ...encryption,
    },
  });
  if (onProgress) upload.on('httpUploadProgress', (p) => onProgress({ loaded: p.loaded ?? 0, total: p.total ?? size }));
  await call('s3:PutObject', `${bucket}/${key}`, () => upload.done());
  return { uploaded: true, bytes: size };
}

/**
 * How long a presigned URL may live: what was asked, at most 7 days, and
 * never past the expiry of temporary credentials (a URL signed with them
 * stops working when they do).
 */
export async function presignExpirySeconds(s3: S3Client, requested: number, now = Date.now()): Promise<number> {
  const credentials = await s3.config.credentials();
  let seconds = Math.min(Math.floor(requested), MAX_PRESIGN_SECONDS);
  if (credentials.expiration) {
    const left = Math.floor((credentials.expiration.getTime() - now) / 1000);
    if (left <= 0) {
      throw new SpotError(CODE.noCredentials, 'the AWS credentials have expired', {
        hint: 'Refresh them (configure-aws-credentials, `aws sso login`) and run again.',
      });
    }
    seconds = Math.min(seconds, left);
  }
  return Math.max(1, seconds);
}

/** A URL the instance can GET the object with, using plain curl. */
export async function presignGet(s3: S3Client, bucket: string, key: string, expiresSeconds: number): Promise<string> {
  const expiresIn = await presignExpirySeconds(s3, expiresSeconds);
  return await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn });
}

/** A URL the instance can PUT its status object to; the bucket's default encryption applies. */
export async function presignPut(s3: S3Client, bucket: string, key: string, expiresSeconds: number): Promise<string> {
  const expiresIn = await presignExpirySeconds(s3, expiresSeconds);
  return await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn });
}

/** Writes a small object with the deployer's encryption (the launch settings). */
export async function putEncryptedObject(
  s3: S3Client,
  options: { bucket: string; key: string; body: string; kmsKeyId?: string | undefined },
): Promise<void> {
  await call('s3:PutObject', `${options.bucket}/${options.key}`, () =>
    s3.send(new PutObjectCommand({ Bucket: options.bucket, Key: options.key, Body: options.body, ...encryptionOf(options.kmsKeyId) })),
  );
}

/** A listed object: its key and ETag (which changes whenever the object is written again). */
export interface ListedObject {
  key: string;
  etag: string;
}

/** Every object under `prefix`, all pages. */
export async function listObjects(s3: S3Client, bucket: string, prefix: string): Promise<ListedObject[]> {
  const objects: ListedObject[] = [];
  let token: string | undefined;
  do {
    const page = await call('s3:ListBucket', bucket, () =>
      s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })),
    );
    for (const object of page.Contents ?? []) if (object.Key) objects.push({ key: object.Key, etag: object.ETag ?? '' });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

const listKeys = async (s3: S3Client, bucket: string, prefix: string): Promise<string[]> =>
  (await listObjects(s3, bucket, prefix)).map((object) => object.key);

export interface StatusObject {
  key: string;
  /** The parsed JSON the instance wrote; undefined when it was not valid JSON (see `error`). */
  status: unknown;
  error?: string;
}

/** One status object, read and parsed. */
export async function readStatusObject(s3: S3Client, bucket: string, key: string): Promise<StatusObject> {
  const object = await call('s3:GetObject', `${bucket}/${key}`, () => s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
  const text = (await object.Body?.transformToString('utf8')) ?? '';
  try {
    return { key, status: JSON.parse(text) as unknown };
  } catch {
    return { key, status: undefined, error: `not valid JSON: ${text.slice(0, 200)}` };
  }
}

/** Every status object under `prefix` (e.g. `<prefix>/<name>/status/<launchId>/`), sorted by key. */
export async function readStatusObjects(s3: S3Client, bucket: string, prefix: string): Promise<StatusObject[]> {
  const keys = (await listKeys(s3, bucket, prefix)).filter((key) => key.endsWith('.json')).sort();
  return await Promise.all(keys.map((key) => readStatusObject(s3, bucket, key)));
}

/** Deletes every object under `folder` (one deployment's, ending in `/`); returns how many went. */
export async function deleteObjectsUnder(s3: S3Client, bucket: string, folder: string): Promise<number> {
  // Never the bucket root, never a key prefix that could be a sibling's: a folder has a parent and a trailing slash.
  if (!/^[^/]+\/.+\/$/.test(folder)) {
    throw new SpotError(CODE.unsafeBucket, `refusing to delete under "${folder}" in ${bucket}: not one deployment's folder`, {
      hint: 'This is a bug in spot-deployer; please report it. Nothing was deleted.',
    });
  }
  const keys = await listKeys(s3, bucket, folder);
  for (let start = 0; start < keys.length; start += 1000) {
    const Objects = keys.slice(start, start + 1000).map((Key) => ({ Key }));
    const result = await call('s3:DeleteObject', bucket, () =>
      s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects, Quiet: true } })),
    );
    const failed = result.Errors?.[0];
    if (failed) throw wrapS3Error({ name: failed.Code, message: failed.Message }, 's3:DeleteObject', `${bucket}/${failed.Key}`);
  }
  return keys.length;
}

/**
 * Writes the object only if no object has that key (`If-None-Match: *`, S3's
 * conditional write). Returns false when one already exists (412).
 */
export async function putObjectIfAbsent(s3: S3Client, bucket: string, key: string, body: string): Promise<boolean> {
  try {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json', IfNoneMatch: '*' }));
    return true;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
    // 409 ConditionalRequestConflict: another conditional write to the key is in flight — it is taken either way.
    if (awsErrorCode(error) === 'PreconditionFailed' || status === 412 || status === 409) return false;
    throw wrapS3Error(error, 's3:PutObject', `${bucket}/${key}`);
  }
}

/** The object's text, or undefined when there is none. */
export async function readObjectText(s3: S3Client, bucket: string, key: string): Promise<string | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await object.Body?.transformToString('utf8')) ?? '';
  } catch (error) {
    if (isNotFound(error) && awsErrorCode(error) !== 'NoSuchBucket') return undefined;
    throw wrapS3Error(error, 's3:GetObject', `${bucket}/${key}`);
  }
}

/** Deletes one object (no error when it is already gone). */
export async function deleteObject(s3: S3Client, bucket: string, key: string): Promise<void> {
  await call('s3:DeleteObject', `${bucket}/${key}`, () => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })));
}

/** Writes one small object (the secret part sealed to one instance); the bucket's default encryption applies. */
export async function putSmallObject(s3: S3Client, bucket: string, key: string, body: Buffer): Promise<void> {
  await call('s3:PutObject', `${bucket}/${key}`, () => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body })));
}
