export const id = 634;
export const ids = [634];
export const modules = {

/***/ 9210:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gh: () => (/* binding */ waitForRunning),
/* harmony export */   N0: () => (/* binding */ findManagedInstances),
/* harmony export */   cf: () => (/* binding */ describeInstances),
/* harmony export */   ch: () => (/* binding */ terminateInstances),
/* harmony export */   lY: () => (/* binding */ wasReclaimedBySpot),
/* harmony export */   n0: () => (/* binding */ findDeploymentInstances)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5193);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9378);
/* harmony import */ var _tags_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9580);
/**
 * Finding, waiting for and terminating a deployment's instances, always by
 * tag: there is no local state file.
 */



/** Spot reclaimed the instance: these are replaced, not reported as failures of the project. */
const SPOT_RECLAIM = /Server\.SpotInstance(Termination|Shutdown)|Server\.InsufficientInstanceCapacity/;
const wasReclaimedBySpot = (instance) => SPOT_RECLAIM.test(instance.stateReason ?? '');
function toView(region, instance) {
    return {
        id: instance.InstanceId,
        region,
        availabilityZone: instance.Placement?.AvailabilityZone ?? '',
        instanceType: instance.InstanceType ?? '',
        lifecycle: instance.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand',
        state: instance.State?.Name ?? 'unknown',
        stateReason: instance.StateReason?.Code,
        publicIp: instance.PublicIpAddress,
        privateIp: instance.PrivateIpAddress,
        launchTime: instance.LaunchTime?.toISOString(),
        launchId: (0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .tagValue */ .EZ)(instance.Tags, _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.launchId),
        bundleSha256: (0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .tagValue */ .EZ)(instance.Tags, _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.bundleSha256),
        indexSha256: (0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .tagValue */ .EZ)(instance.Tags, _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.indexSha256),
        expiresAt: (0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .tagValue */ .EZ)(instance.Tags, _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.expiresAt),
        deploymentId: (0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .tagValue */ .EZ)(instance.Tags, _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.deployment),
        repository: (0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .tagValue */ .EZ)(instance.Tags, _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.repository),
        specSha256: (0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .tagValue */ .EZ)(instance.Tags, _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.specSha256),
        pullRequest: (0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .tagValue */ .EZ)(instance.Tags, _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.pr),
    };
}
async function describe(clients, input) {
    const views = [];
    let NextToken;
    try {
        do {
            const page = await clients.ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DescribeInstancesCommand */ .bNs({ ...input, NextToken }));
            for (const reservation of page.Reservations ?? []) {
                for (const instance of reservation.Instances ?? [])
                    views.push(toView(clients.region, instance));
            }
            NextToken = page.NextToken;
        } while (NextToken);
    }
    catch (error) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .wrapAwsError */ .AH)(error, { action: 'ec2:DescribeInstances', resource: clients.region });
    }
    return views.sort((a, b) => a.id.localeCompare(b.id));
}
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down'];
const viewOwnedBy = (view, owner) => (0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .isOwnedBy */ .D0)([
    { Key: _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.deployment, Value: view.deploymentId },
    { Key: _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.repository, Value: view.repository },
], owner);
/** The deployment's instances in a region that still cost money or may: this deployment id of this repository only. */
const findDeploymentInstances = async (clients, owner, states = LIVE_STATES) => (await describe(clients, { Filters: [...(0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .ownerFilters */ .Hk)(owner), { Name: 'instance-state-name', Values: states }] })).filter((view) => viewOwnedBy(view, owner));
/** Every live instance spot-deployer launched for `repository` in a region, whatever the deployment. */
const findManagedInstances = async (clients, repository) => (await describe(clients, {
    Filters: [
        { Name: `tag:${_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.managedBy}`, Values: [_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .MANAGED_BY */ .Kf] },
        ...(repository ? [{ Name: `tag:${_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.repository}`, Values: [repository] }] : []),
        { Name: 'instance-state-name', Values: LIVE_STATES },
    ],
})).filter((view) => (0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .isOfRepository */ .iI)([{ Key: _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.repository, Value: view.repository }], repository));
const describeInstances = (clients, ids) => ids.length === 0 ? Promise.resolve([]) : describe(clients, { InstanceIds: ids });
/**
 * Waits with the SDK's own waiter, capped so a stuck instance cannot hang the
 * job; returns the instances as its last DescribeInstances saw them (all
 * running), so the caller need not ask again.
 */
async function waitForRunning(clients, ids, maxWaitTime) {
    if (ids.length === 0)
        return [];
    try {
        const result = await (0,_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .waitUntilInstanceRunning */ .kAk)({ client: clients.ec2, maxWaitTime, minDelay: 2, maxDelay: 10 }, { InstanceIds: ids });
        const last = result.reason;
        const views = (last?.Reservations ?? [])
            .flatMap((reservation) => reservation.Instances ?? [])
            .map((instance) => toView(clients.region, instance));
        // A page short of any id (should not happen for InstanceIds) is described again by the caller.
        return views.length === ids.length ? views.sort((a, b) => a.id.localeCompare(b.id)) : [];
    }
    catch (error) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .wrapAwsError */ .AH)(error, { action: 'ec2:DescribeInstances (wait for running)', resource: `${clients.region} ${ids.join(', ')}` });
    }
}
async function terminateInstances(clients, ids, options) {
    if (ids.length === 0)
        return;
    try {
        await clients.ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .TerminateInstancesCommand */ .NaF({ InstanceIds: ids }));
        if (options.wait) {
            await (0,_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .waitUntilInstanceTerminated */ .GJr)({ client: clients.ec2, maxWaitTime: options.maxWaitTime ?? 600, minDelay: 2, maxDelay: 10 }, { InstanceIds: ids });
        }
    }
    catch (error) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .wrapAwsError */ .AH)(error, { action: 'ec2:TerminateInstances', resource: `${clients.region} ${ids.join(', ')}` });
    }
}


/***/ }),

/***/ 1075:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Db: () => (/* binding */ readObjectText),
/* harmony export */   W: () => (/* binding */ deleteObjectsUnder),
/* harmony export */   XR: () => (/* binding */ deleteObject),
/* harmony export */   _J: () => (/* binding */ putSmallObject),
/* harmony export */   gn: () => (/* binding */ storedObjectBytes),
/* harmony export */   he: () => (/* binding */ ensureBucket),
/* harmony export */   sd: () => (/* binding */ uploadBundle),
/* harmony export */   t_: () => (/* binding */ readStatusObjects),
/* harmony export */   wp: () => (/* binding */ presignPut),
/* harmony export */   xW: () => (/* binding */ presignGet),
/* harmony export */   zk: () => (/* binding */ putObjectIfAbsent)
/* harmony export */ });
/* unused harmony exports PART_SIZE, MAX_PRESIGN_SECONDS, BUNDLE_EXPIRY_DAYS, STATUS_EXPIRY_DAYS, STATUS_MAX_BYTES, LIFECYCLE_RULE_IDS, wrapS3Error, BUCKET_MARK, presignExpirySeconds */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3711);
/* harmony import */ var _aws_sdk_lib_storage__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2358);
/* harmony import */ var _aws_sdk_s3_request_presigner__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8505);
/* harmony import */ var _core_codes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7265);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4296);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9378);
/**
 * The deployment's S3 side: the bucket (optionally created private,
 * encrypted and with expiry rules), content-addressed bundle uploads,
 * presigned URLs for the instance, and the status objects instances write.
 */








const PART_SIZE = 8 * 1024 * 1024;
/** SigV4 presigned URLs cannot live longer than 7 days. */
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;
const BUNDLE_EXPIRY_DAYS = 30;
const STATUS_EXPIRY_DAYS = 7;
/** Status objects are small; the size filter is how one rule reaches them under every deployment name. */
const STATUS_MAX_BYTES = 64 * 1024;
const LIFECYCLE_RULE_IDS = { bundles: 'spot-deployer-bundles', status: 'spot-deployer-status' };
const NOT_FOUND = new Set(['NotFound', 'NoSuchBucket', 'NoSuchKey', '404']);
const FORBIDDEN = new Set(['Forbidden', 'AccessDenied', '403']);
/** Wraps an S3 failure once, naming the action and the bucket or object. */
function wrapS3Error(error, action, resource) {
    const code = (0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .awsErrorCode */ .J6)(error);
    const status = error?.$metadata?.httpStatusCode;
    if (FORBIDDEN.has(code) || status === 403) {
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_3__/* .CODE */ .Sq.accessDenied, `${action} on ${resource} was denied (${code})`, {
            cause: error,
            hint: `Allow ${action} on ${resource} for the role or user in use; see docs/iam.md for the full policy.`,
        });
    }
    if (code === 'NoSuchBucket')
        return missingBucket(resource.split('/')[0], error);
    return (0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .wrapAwsError */ .AH)(error, { action, resource });
}
function missingBucket(bucket, cause) {
    return new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_3__/* .CODE */ .Sq.missingBucket, `the S3 bucket "${bucket}" does not exist`, {
        cause,
        key: 'bucket',
        hint: 'Create it, correct the name, or let the deployer create it with `bucket: {name: …, create: true}` in .spot/config.yaml.',
    });
}
const isNotFound = (error) => NOT_FOUND.has((0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .awsErrorCode */ .J6)(error)) || error?.$metadata?.httpStatusCode === 404;
async function call(action, resource, run) {
    try {
        return await run();
    }
    catch (error) {
        throw wrapS3Error(error, action, resource);
    }
}
/** True when the bucket exists and is ours to use; false when it does not exist. */
async function bucketExists(s3, name) {
    try {
        await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.HeadBucketCommand({ Bucket: name }));
        return true;
    }
    catch (error) {
        if (isNotFound(error))
            return false;
        throw wrapS3Error(error, 's3:ListBucket', name);
    }
}
/** True when this call created the bucket; false when it turned out to exist already (a race, or ours). */
async function createBucket(s3, name, region) {
    // us-east-1 is the one region that refuses an explicit LocationConstraint.
    const configuration = region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region } };
    try {
        await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.CreateBucketCommand({ Bucket: name, ObjectOwnership: 'BucketOwnerEnforced', ...configuration }));
        return true;
    }
    catch (error) {
        const code = (0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .awsErrorCode */ .J6)(error);
        if (code === 'BucketAlreadyOwnedByYou')
            return false;
        if (code === 'BucketAlreadyExists') {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_3__/* .CODE */ .Sq.bucketTaken, `the S3 bucket name "${name}" belongs to another AWS account`, {
                cause: error,
                key: 'bucket.name',
                hint: 'Bucket names are global: choose another name, e.g. with your account id in it.',
            });
        }
        throw wrapS3Error(error, 's3:CreateBucket', name);
    }
}
/** Our rules replace earlier versions of themselves and leave anyone else's rules alone; scoped to the prefix. */
function mergedLifecycleRules(existing, prefix) {
    const ours = new Set(Object.values(LIFECYCLE_RULE_IDS));
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
const BUCKET_MARK = { Key: 'spot-deployer:managed-by', Value: 'spot-deployer' };
/** Reads a bucket setting; `missing` names the error S3 gives when it was never set. */
async function readSetting(action, name, missing, read) {
    try {
        return await read();
    }
    catch (error) {
        if (missing.includes((0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .awsErrorCode */ .J6)(error)))
            return undefined;
        throw wrapS3Error(error, action, name);
    }
}
async function isMarkedOurs(s3, name) {
    const tagging = await readSetting('s3:GetBucketTagging', name, ['NoSuchTagSet', 'NoSuchTagSetError'], () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.GetBucketTaggingCommand({ Bucket: name })));
    return Boolean(tagging?.TagSet?.some((tag) => tag.Key === BUCKET_MARK.Key && tag.Value === BUCKET_MARK.Value));
}
async function ensurePublicAccessBlock(s3, name) {
    const current = await readSetting('s3:GetBucketPublicAccessBlock', name, ['NoSuchPublicAccessBlockConfiguration'], () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.GetPublicAccessBlockCommand({ Bucket: name })));
    const have = current?.PublicAccessBlockConfiguration;
    if (have && Object.entries(PUBLIC_BLOCK).every(([key, value]) => have[key] === value))
        return false;
    await call('s3:PutBucketPublicAccessBlock', name, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.PutPublicAccessBlockCommand({ Bucket: name, PublicAccessBlockConfiguration: PUBLIC_BLOCK })));
    return true;
}
async function ensureEncryption(s3, name, kmsKeyId) {
    const current = await readSetting('s3:GetEncryptionConfiguration', name, ['ServerSideEncryptionConfigurationNotFoundError'], () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.GetBucketEncryptionCommand({ Bucket: name })));
    const have = current?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
    const right = kmsKeyId ? have?.SSEAlgorithm === 'aws:kms' && have.KMSMasterKeyID === kmsKeyId : have?.SSEAlgorithm === 'AES256';
    if (right)
        return false;
    const byDefault = kmsKeyId ? { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: kmsKeyId } : { SSEAlgorithm: 'AES256' };
    const rule = { ApplyServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: Boolean(kmsKeyId) };
    await call('s3:PutEncryptionConfiguration', name, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.PutBucketEncryptionCommand({ Bucket: name, ServerSideEncryptionConfiguration: { Rules: [rule] } })));
    return true;
}
/**
 * What matters of a lifecycle rule, to compare what S3 holds with what we
 * want. The size filter counts only when S3 reports one: moto drops it from
 * what it reads back, and comparing it there would rewrite the rules on every run.
 */
const ruleEssence = (rule, sizeFallback) => JSON.stringify([
    rule?.ID,
    rule?.Status,
    rule?.Filter?.Prefix ?? rule?.Filter?.And?.Prefix,
    rule?.Filter?.And ? (rule.Filter.And.ObjectSizeLessThan ?? sizeFallback) : undefined,
    rule?.Expiration?.Days,
    rule?.AbortIncompleteMultipartUpload?.DaysAfterInitiation,
]);
async function ensureLifecycle(s3, name, prefix) {
    let existing = [];
    try {
        existing = (await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.GetBucketLifecycleConfigurationCommand({ Bucket: name }))).Rules ?? [];
    }
    catch (error) {
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .awsErrorCode */ .J6)(error) !== 'NoSuchLifecycleConfiguration')
            throw wrapS3Error(error, 's3:GetLifecycleConfiguration', name);
    }
    const Rules = mergedLifecycleRules(existing, prefix);
    const ours = new Set(Object.values(LIFECYCLE_RULE_IDS));
    const wanted = Rules.filter((rule) => ours.has(rule.ID ?? ''));
    const same = (rule) => ruleEssence(existing.find((have) => have.ID === rule.ID), rule.Filter?.And?.ObjectSizeLessThan) === ruleEssence(rule);
    if (wanted.every(same))
        return false;
    await call('s3:PutLifecycleConfiguration', name, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.PutBucketLifecycleConfigurationCommand({ Bucket: name, LifecycleConfiguration: { Rules } })));
    return true;
}
/** Reads each setting first and writes only the ones that are wrong. Only for buckets the deployer created. */
async function secureBucket(s3, options) {
    const { name, kmsKeyId } = options;
    // The plan refuses an empty prefix (SD137): rules at the bucket root would expire other people's objects.
    const prefix = options.prefix ?? 'spot-deployer';
    if (prefix === '') {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_3__/* .CODE */ .Sq.unsafeBucket, `bucket.prefix of "${name}" is empty`, { key: 'bucket.prefix' });
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
async function ensureBucket(s3, bucket, region) {
    // Whether it exists and whether it is marked ours are asked together; the mark only counts if it exists.
    const marked = bucket.create ? isMarkedOurs(s3, bucket.name) : undefined;
    marked?.catch(() => undefined);
    const exists = await bucketExists(s3, bucket.name);
    if (!bucket.create) {
        if (!exists)
            throw missingBucket(bucket.name, undefined);
        return { created: false, managed: false };
    }
    let created = false;
    if (!exists) {
        created = await createBucket(s3, bucket.name, region);
        if (created) {
            await call('s3:PutBucketTagging', bucket.name, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.PutBucketTaggingCommand({ Bucket: bucket.name, Tagging: { TagSet: [BUCKET_MARK] } })));
        }
    }
    // Created by someone else since the first look (a race): read its mark again.
    const managed = created || (exists ? await marked : await isMarkedOurs(s3, bucket.name));
    if (managed)
        await secureBucket(s3, bucket);
    return { created, managed };
}
/** The stored object's size, or undefined when there is no such object. */
async function storedObjectBytes(s3, bucket, key) {
    try {
        const head = await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.HeadObjectCommand({ Bucket: bucket, Key: key }));
        return head.ContentLength ?? 0;
    }
    catch (error) {
        if (isNotFound(error) && (0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .awsErrorCode */ .J6)(error) !== 'NoSuchBucket')
            return undefined;
        throw wrapS3Error(error, 's3:GetObject', `${bucket}/${key}`);
    }
}
/**
 * Uploads the bundle unless an object with its key (its sha256) is already
 * there. Large files go in 8 MiB parts, reporting progress as they go.
 */
async function uploadBundle(s3, options) {
    const { bucket, key, file, sha256, kmsKeyId, onProgress } = options;
    if ((await storedObjectBytes(s3, bucket, key)) !== undefined)
        return { uploaded: false, bytes: 0 };
    const { size } = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(file);
    const encryption = kmsKeyId
        ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId }
        : { ServerSideEncryption: 'AES256' };
    const upload = new _aws_sdk_lib_storage__WEBPACK_IMPORTED_MODULE_2__/* .Upload */ ._({
        client: s3,
        partSize: PART_SIZE,
        queueSize: 4,
        leavePartsOnError: false,
        params: {
            Bucket: bucket,
            Key: key,
            Body: (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file),
            ContentType: 'application/gzip',
            Metadata: { sha256 },
            ...encryption,
        },
    });
    if (onProgress)
        upload.on('httpUploadProgress', (p) => onProgress({ loaded: p.loaded ?? 0, total: p.total ?? size }));
    await call('s3:PutObject', `${bucket}/${key}`, () => upload.done());
    return { uploaded: true, bytes: size };
}
/**
 * How long a presigned URL may live: what was asked, at most 7 days, and
 * never past the expiry of temporary credentials (a URL signed with them
 * stops working when they do).
 */
async function presignExpirySeconds(s3, requested, now = Date.now()) {
    const credentials = await s3.config.credentials();
    let seconds = Math.min(Math.floor(requested), MAX_PRESIGN_SECONDS);
    if (credentials.expiration) {
        const left = Math.floor((credentials.expiration.getTime() - now) / 1000);
        if (left <= 0) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_3__/* .CODE */ .Sq.noCredentials, 'the AWS credentials have expired', {
                hint: 'Refresh them (configure-aws-credentials, `aws sso login`) and run again.',
            });
        }
        seconds = Math.min(seconds, left);
    }
    return Math.max(1, seconds);
}
/** A URL the instance can GET the object with, using plain curl. */
async function presignGet(s3, bucket, key, expiresSeconds) {
    const expiresIn = await presignExpirySeconds(s3, expiresSeconds);
    return await (0,_aws_sdk_s3_request_presigner__WEBPACK_IMPORTED_MODULE_7__/* .getSignedUrl */ .A)(s3, new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn });
}
/** A URL the instance can PUT its status object to; the bucket's default encryption applies. */
async function presignPut(s3, bucket, key, expiresSeconds) {
    const expiresIn = await presignExpirySeconds(s3, expiresSeconds);
    return await (0,_aws_sdk_s3_request_presigner__WEBPACK_IMPORTED_MODULE_7__/* .getSignedUrl */ .A)(s3, new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn });
}
async function listKeys(s3, bucket, prefix) {
    const keys = [];
    let token;
    do {
        const page = await call('s3:ListBucket', bucket, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })));
        for (const object of page.Contents ?? [])
            if (object.Key)
                keys.push(object.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
}
/** Every status object under `prefix` (e.g. `<prefix>/<name>/status/<launchId>/`), sorted by key. */
async function readStatusObjects(s3, bucket, prefix) {
    const keys = (await listKeys(s3, bucket, prefix)).filter((key) => key.endsWith('.json')).sort();
    return await Promise.all(keys.map(async (key) => {
        const object = await call('s3:GetObject', `${bucket}/${key}`, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.GetObjectCommand({ Bucket: bucket, Key: key })));
        const text = (await object.Body?.transformToString('utf8')) ?? '';
        try {
            return { key, status: JSON.parse(text) };
        }
        catch {
            return { key, status: undefined, error: `not valid JSON: ${text.slice(0, 200)}` };
        }
    }));
}
/** Deletes every object under `folder` (one deployment's, ending in `/`); returns how many went. */
async function deleteObjectsUnder(s3, bucket, folder) {
    // Never the bucket root, never a key prefix that could be a sibling's: a folder has a parent and a trailing slash.
    if (!/^[^/]+\/.+\/$/.test(folder)) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_3__/* .CODE */ .Sq.unsafeBucket, `refusing to delete under "${folder}" in ${bucket}: not one deployment's folder`, {
            hint: 'This is a bug in spot-deployer; please report it. Nothing was deleted.',
        });
    }
    const keys = await listKeys(s3, bucket, folder);
    for (let start = 0; start < keys.length; start += 1000) {
        const Objects = keys.slice(start, start + 1000).map((Key) => ({ Key }));
        const result = await call('s3:DeleteObject', bucket, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects, Quiet: true } })));
        const failed = result.Errors?.[0];
        if (failed)
            throw wrapS3Error({ name: failed.Code, message: failed.Message }, 's3:DeleteObject', `${bucket}/${failed.Key}`);
    }
    return keys.length;
}
/**
 * Writes the object only if no object has that key (`If-None-Match: *`, S3's
 * conditional write). Returns false when one already exists (412).
 */
async function putObjectIfAbsent(s3, bucket, key, body) {
    try {
        await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json', IfNoneMatch: '*' }));
        return true;
    }
    catch (error) {
        const status = error?.$metadata?.httpStatusCode;
        // 409 ConditionalRequestConflict: another conditional write to the key is in flight — it is taken either way.
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .awsErrorCode */ .J6)(error) === 'PreconditionFailed' || status === 412 || status === 409)
            return false;
        throw wrapS3Error(error, 's3:PutObject', `${bucket}/${key}`);
    }
}
/** The object's text, or undefined when there is none. */
async function readObjectText(s3, bucket, key) {
    try {
        const object = await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.GetObjectCommand({ Bucket: bucket, Key: key }));
        return (await object.Body?.transformToString('utf8')) ?? '';
    }
    catch (error) {
        if (isNotFound(error) && (0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .awsErrorCode */ .J6)(error) !== 'NoSuchBucket')
            return undefined;
        throw wrapS3Error(error, 's3:GetObject', `${bucket}/${key}`);
    }
}
/** Deletes one object (no error when it is already gone). */
async function deleteObject(s3, bucket, key) {
    await call('s3:DeleteObject', `${bucket}/${key}`, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.DeleteObjectCommand({ Bucket: bucket, Key: key })));
}
/** Writes one small object (the secret part sealed to one instance); the bucket's default encryption applies. */
async function putSmallObject(s3, bucket, key, body) {
    await call('s3:PutObject', `${bucket}/${key}`, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.PutObjectCommand({ Bucket: bucket, Key: key, Body: body })));
}


/***/ }),

/***/ 9580:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D0: () => (/* binding */ isOwnedBy),
/* harmony export */   Dk: () => (/* reexport safe */ _core_tags_js__WEBPACK_IMPORTED_MODULE_0__.D),
/* harmony export */   EZ: () => (/* binding */ tagValue),
/* harmony export */   Hk: () => (/* binding */ ownerFilters),
/* harmony export */   Kf: () => (/* reexport safe */ _core_tags_js__WEBPACK_IMPORTED_MODULE_0__.K),
/* harmony export */   iI: () => (/* binding */ isOfRepository),
/* harmony export */   s3: () => (/* binding */ toTagList),
/* harmony export */   v7: () => (/* binding */ tagSpecifications)
/* harmony export */ });
/* harmony import */ var _core_tags_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2766);


/** Tag pairs for the SDK, without empty values (EC2 keeps them, but they say nothing). */
const toTagList = (tags) => Object.entries(tags)
    .filter((entry) => entry[1] !== undefined && entry[1] !== '')
    .map(([Key, Value]) => ({ Key, Value }));
const tagSpecifications = (tags, types) => types.map((ResourceType) => ({ ResourceType, Tags: tags }));
const tagValue = (tags, key) => tags?.find((tag) => tag.Key === key)?.Value;
/**
 * Server-side filters for a deployment's resources. EC2 cannot filter on a
 * tag being absent, so an empty repository is checked by `isOwnedBy` on the
 * results; every caller applies both.
 */
const ownerFilters = (owner) => [
    { Name: `tag:${_core_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG */ .D.deployment}`, Values: [owner.deploymentId] },
    ...(owner.repository ? [{ Name: `tag:${_core_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG */ .D.repository}`, Values: [owner.repository] }] : []),
];
/** True when the tags name exactly this deployment of exactly this repository (or, for none, no repository). */
const isOwnedBy = (tags, owner) => tagValue(tags, _core_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG */ .D.deployment) === owner.deploymentId && (tagValue(tags, _core_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG */ .D.repository) ?? '') === owner.repository;
/** True when the tags belong to this repository (any deployment); see `isOwnedBy` for the empty repository. */
const isOfRepository = (tags, repository) => (tagValue(tags, _core_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG */ .D.repository) ?? '') === repository;


/***/ }),

/***/ 7634:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bf: () => (/* binding */ ownerOf),
/* harmony export */   kw: () => (/* binding */ readStatusesOf),
/* harmony export */   xx: () => (/* binding */ findExisting)
/* harmony export */ });
/* harmony import */ var _agent_keys_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7469);
/* harmony import */ var _aws_instances_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9210);
/* harmony import */ var _wait_ready_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8413);
/**
 * A deployment's live instances and what their agents reported: what
 * `status` shows and what `deploy` compares against before changing anything.
 */



/** A deployment is its id within its repository: the same name in another repository is someone else's. */
const ownerOf = (plan) => ({
    deploymentId: plan.deploymentId,
    repository: plan.run.repository,
});
/** The deployment's instances in every configured region (terminated ones excluded). */
async function findExisting(pool, plan) {
    const perRegion = await Promise.all(plan.regions.map((region) => (0,_aws_instances_js__WEBPACK_IMPORTED_MODULE_1__/* .findDeploymentInstances */ .n0)(pool.forRegion(region.name), ownerOf(plan))));
    return perRegion.flat();
}
/** What each instance's agent reported, read once (no waiting). */
async function readStatusesOf(pool, plan, views) {
    const prefixes = [...new Set(views.flatMap((view) => (view.launchId ? [(0,_agent_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .statusPrefix */ .zO)((0,_agent_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .keyScopeOf */ .JS)(plan), view.launchId)] : [])))];
    const launchIds = new Map(views.map((view) => [view.id, view.launchId]));
    return (0,_wait_ready_js__WEBPACK_IMPORTED_MODULE_2__/* .readReportedStatuses */ .ol)(pool.forRegion(plan.regions[0].name).s3, plan.bucket.name, prefixes, new Set(launchIds.keys()), {
        scope: (0,_agent_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .keyScopeOf */ .JS)(plan),
        launchIdOf: (id) => launchIds.get(id),
    });
}


/***/ }),

/***/ 8413:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ol: () => (/* binding */ readReportedStatuses),
  vU: () => (/* binding */ waitForBootstrap)
});

// UNUSED EXPORTS: pollDelaySeconds, readReports

// EXTERNAL MODULE: ./src/aws/instances.ts
var instances = __webpack_require__(9210);
// EXTERNAL MODULE: ./src/aws/s3.ts
var aws_s3 = __webpack_require__(1075);
// EXTERNAL MODULE: ./src/core/clock-text.ts
var clock_text = __webpack_require__(2145);
;// CONCATENATED MODULE: ./src/agent/status.ts
/**
 * The status object the agent (templates/bootstrap.sh, `sd_status_json`)
 * writes when it is done: the only thing an instance tells the deployer.
 * Everything in it comes from the instance, so it is parsed defensively and
 * shown only after escaping (report/).
 */
/** True for a value shaped like a status object: an instance id and a final status. */
function isBootstrapStatus(value) {
    const candidate = value;
    return Boolean(candidate && typeof candidate.instance_id === 'string' && (candidate.status === 'ok' || candidate.status === 'failed'));
}

// EXTERNAL MODULE: ./src/agent/keys.ts
var keys = __webpack_require__(7469);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/agent/signed-report.ts
/**
 * What the agent PUTs to its status URL: a report (the status JSON of
 * status.ts, or the early `hello`) signed with the key pair the agent made at
 * boot, plus that key's public half and the EC2 instance identity document
 * with AWS's signature, which bind the key to one instance. Contract with
 * templates/bootstrap.sh (`sd_envelope`). The plain status fields next to
 * `signed` are for people reading the bucket; the deployer trusts only
 * what `openSignedReport` returns.
 */

const b64 = (value) => typeof value === 'string' && /^[A-Za-z0-9+/=\s]*$/.test(value) ? Buffer.from(value, 'base64') : undefined;
function parseJson(bytes) {
    try {
        const value = JSON.parse(bytes.toString('utf8'));
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
    }
    catch {
        return undefined;
    }
}
function rsa2048(pem) {
    try {
        const key = (0,external_node_crypto_.createPublicKey)(pem);
        return key.asymmetricKeyType === 'rsa' && key.asymmetricKeyDetails?.modulusLength === 2048 ? key : undefined;
    }
    catch {
        return undefined;
    }
}
/** Checks AWS's RSA signature of the identity document against the region's certificate. */
function identitySignatureValid(document, signatureText, certificatePem) {
    try {
        const signature = Buffer.from(signatureText.replace(/\s+/g, ''), 'base64');
        return (0,external_node_crypto_.verify)('sha256', document, new external_node_crypto_.X509Certificate(certificatePem).publicKey, signature);
    }
    catch {
        return false;
    }
}
/**
 * Opens a status object: the report must be signed by the key it carries,
 * name the instance the identity document names, and (when `certificateFor`
 * knows the region) the document must carry AWS's valid signature.
 */
function openSignedReport(value, certificateFor) {
    const signed = value?.signed;
    if (!signed || typeof signed !== 'object')
        return { ok: false, reason: 'not signed' };
    const [report, signature, publicKeyPem, document, identitySignature] = [
        b64(signed.report),
        b64(signed.signature),
        b64(signed.public_key),
        b64(signed.identity_document),
        b64(signed.identity_signature),
    ];
    if (!report || !signature || !publicKeyPem || !document || !identitySignature)
        return { ok: false, reason: 'malformed' };
    const key = rsa2048(publicKeyPem);
    if (!key)
        return { ok: false, reason: 'the public key is not RSA 2048' };
    if (!(0,external_node_crypto_.verify)('sha256', report, key, signature))
        return { ok: false, reason: "the report's signature does not match its key" };
    const parsed = parseJson(report);
    const identity = parseJson(document);
    if (!parsed || typeof parsed.instance_id !== 'string' || typeof parsed.status !== 'string')
        return { ok: false, reason: 'no report' };
    if (!identity || identity.instanceId !== parsed.instance_id)
        return { ok: false, reason: 'the identity document names another instance' };
    const region = typeof identity.region === 'string' ? identity.region : '';
    const certificate = certificateFor(region);
    const identityVerified = certificate !== undefined && identitySignatureValid(document, identitySignature.toString('utf8'), certificate);
    if (certificate !== undefined && !identityVerified)
        return { ok: false, reason: "AWS's signature of the identity document is not valid" };
    return {
        ok: true,
        opened: {
            report: parsed,
            publicKey: key.export({ type: 'spki', format: 'pem' }).toString(),
            region,
            accountId: typeof identity.accountId === 'string' ? identity.accountId : '',
            identityVerified,
        },
    };
}

;// CONCATENATED MODULE: ./src/agent/identity-certs.ts
/**
 * AWS's public certificates for the base64 (RSA, SHA-256) signature of the
 * EC2 instance identity document, by region, as AWS publishes them
 * ("AWS public certificates for instance identity document signatures" in
 * the EC2 user guide). A region missing here cannot have its instances'
 * identity verified: see docs/decisions.md, "Secrets and status integrity".
 */
const AWS_IDENTITY_CERTIFICATES = {
    // Valid 2024-04-29 to 2029-04-28.
    'us-east-1': `-----BEGIN CERTIFICATE-----
MIIDITCCAoqgAwIBAgIUE1y2NIKCU+Rg4uu4u32koG9QEYIwDQYJKoZIhvcNAQEL
BQAwXDELMAkGA1UEBhMCVVMxGTAXBgNVBAgTEFdhc2hpbmd0b24gU3RhdGUxEDAO
BgNVBAcTB1NlYXR0bGUxIDAeBgNVBAoTF0FtYXpvbiBXZWIgU2VydmljZXMgTExD
MB4XDTI0MDQyOTE3MzQwMVoXDTI5MDQyODE3MzQwMVowXDELMAkGA1UEBhMCVVMx
GTAXBgNVBAgTEFdhc2hpbmd0b24gU3RhdGUxEDAOBgNVBAcTB1NlYXR0bGUxIDAe
BgNVBAoTF0FtYXpvbiBXZWIgU2VydmljZXMgTExDMIGfMA0GCSqGSIb3DQEBAQUA
A4GNADCBiQKBgQCHvRjf/0kStpJ248khtIaN8qkDN3tkw4VjvA9nvPl2anJO+eIB
UqPfQG09kZlwpWpmyO8bGB2RWqWxCwuB/dcnIob6w420k9WY5C0IIGtDRNauN3ku
vGXkw3HEnF0EjYr0pcyWUvByWY4KswZV42X7Y7XSS13hOIcL6NLA+H94/QIDAQAB
o4HfMIHcMAsGA1UdDwQEAwIHgDAdBgNVHQ4EFgQUJdbMCBXKtvCcWdwUUizvtUF2
UTgwgZkGA1UdIwSBkTCBjoAUJdbMCBXKtvCcWdwUUizvtUF2UTihYKReMFwxCzAJ
BgNVBAYTAlVTMRkwFwYDVQQIExBXYXNoaW5ndG9uIFN0YXRlMRAwDgYDVQQHEwdT
ZWF0dGxlMSAwHgYDVQQKExdBbWF6b24gV2ViIFNlcnZpY2VzIExMQ4IUE1y2NIKC
U+Rg4uu4u32koG9QEYIwEgYDVR0TAQH/BAgwBgEB/wIBADANBgkqhkiG9w0BAQsF
AAOBgQAlxSmwcWnhT4uAeSinJuz+1BTcKhVSWb5jT8pYjQb8ZoZkXXRGb09mvYeU
NeqOBr27rvRAnaQ/9LUQf72+SahDFuS4CMI8nwowytqbmwquqFr4dxA/SDADyRiF
ea1UoMuNHTY49J/1vPomqsVn7mugTp+TbjqCfOJTpu0temHcFA==
-----END CERTIFICATE-----
`,
};

;// CONCATENATED MODULE: ./src/deploy/trust.ts
/**
 * Which certificate checks AWS's signature of an instance identity
 * document. A test (or a demo) against a local endpoint has no AWS-signed
 * documents, so it may name its own certificate, and only then: the
 * variable is ignored unless an AWS endpoint override is set.
 */

const TEST_IDENTITY_CERT_ENV = 'SPOT_DEPLOYER_TEST_IDENTITY_CERT';
function identityCertificates(env = process.env) {
    const endpointOverride = Boolean(env.AWS_ENDPOINT_URL || env.AWS_ENDPOINT_URL_EC2);
    const test = endpointOverride ? env[TEST_IDENTITY_CERT_ENV] : undefined;
    return (region) => test || AWS_IDENTITY_CERTIFICATES[region];
}

;// CONCATENATED MODULE: ./src/deploy/wait-ready.ts







const warned = new Set();
function warnOnce(trust, message) {
    if (warned.has(message))
        return;
    warned.add(message);
    trust.warn?.(message);
}
/** Every believable report under the prefixes from one of `ids`: final statuses and hellos. */
async function readReports(s3, bucket, prefixes, ids, trust) {
    const reports = { statuses: new Map(), hellos: [] };
    const certificateFor = trust.certificateFor ?? identityCertificates();
    for (const prefix of prefixes) {
        for (const { key, status: value } of await (0,aws_s3/* readStatusObjects */.t_)(s3, bucket, prefix)) {
            const where = (0,keys/* parseStatusKey */.XX)(trust.scope, key);
            const opened = openSignedReport(value, certificateFor);
            if (!opened.ok) {
                warnOnce(trust, `ignored the status object ${key}: ${opened.reason}`);
                continue;
            }
            const { report, publicKey, identityVerified, region } = opened.opened;
            const id = report.instance_id;
            if (!ids.has(id) || !where || trust.launchIdOf(id) !== where.launchId) {
                warnOnce(trust, `ignored the status object ${key}: it speaks for ${id}, which this run did not launch there`);
                continue;
            }
            const pinned = trust.pinned?.get(id);
            if (pinned !== undefined && pinned !== publicKey) {
                warnOnce(trust, `ignored the status object ${key}: ${id} reported with another key than before`);
                continue;
            }
            if (!identityVerified)
                warnOnce(trust, `no AWS identity certificate for ${region || 'an unnamed region'}: ${id} is trusted on its key alone`);
            trust.pinned?.set(id, publicKey);
            if (report.status === 'hello')
                reports.hellos.push({ instanceId: id, publicKey, ...where });
            else if (isBootstrapStatus(report))
                reports.statuses.set(id, report);
        }
    }
    return reports;
}
/** Every final status under the prefixes that belongs to one of `ids` and checks out. */
async function readReportedStatuses(s3, bucket, prefixes, ids, trust) {
    return (await readReports(s3, bucket, prefixes, ids, trust)).statuses;
}
/**
 * Seconds to wait before poll `round` (0-based): 1 s, then every 2 s for
 * about two minutes (most bootstraps report within it, and a late look costs
 * the user the whole interval), then every 5 s. A poll is one list call per
 * launch plus a read of each new report, so a 15-minute wait is about 210
 * list calls (a fraction of a cent).
 */
const pollDelaySeconds = (round) => (round === 0 ? 1 : round <= 60 ? 2 : 5);
async function waitForBootstrap(options) {
    const statuses = new Map();
    const reclaimed = new Map();
    const greeted = new Map();
    const deadline = options.now() + options.timeoutSeconds * 1000;
    const pending = () => options.instanceIds.filter((id) => !statuses.has(id) && !reclaimed.has(id) && !(options.untilHello && greeted.has(id)));
    const ids = new Set(options.instanceIds);
    const trust = { ...options.trust, pinned: options.trust.pinned ?? new Map() };
    for (let round = 0;; round += 1) {
        const reports = await readReports(options.s3, options.bucket, options.statusPrefixes, ids, trust);
        for (const [id, status] of reports.statuses) {
            const hello = greeted.get(id);
            if (!statuses.has(id) && hello)
                await options.onFinished?.(hello);
            statuses.set(id, status);
        }
        for (const hello of reports.hellos) {
            if (greeted.has(hello.instanceId) || statuses.has(hello.instanceId))
                continue;
            greeted.set(hello.instanceId, hello);
            await options.onHello?.(hello);
        }
        for (const view of await options.describe()) {
            const gone = view.state === 'terminated' || view.state === 'shutting-down';
            if (!statuses.has(view.id) && gone && (0,instances/* wasReclaimedBySpot */.lY)(view))
                reclaimed.set(view.id, view);
        }
        const waiting = pending();
        if (waiting.length === 0)
            return { statuses, reclaimed: [...reclaimed.values()], timedOut: [] };
        if (options.now() >= deadline)
            return { statuses, reclaimed: [...reclaimed.values()], timedOut: waiting };
        options.progress(`waiting for bootstrap: ${statuses.size}/${options.instanceIds.length} reported, ${waiting.length} pending, ${(0,clock_text/* clockText */.Y)(deadline - options.now())} left`);
        await options.sleep((options.pollSeconds ?? pollDelaySeconds(round)) * 1000);
    }
}


/***/ })

};
