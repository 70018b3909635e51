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
        expiresAt: (0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .tagValue */ .EZ)(instance.Tags, _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.expiresAt),
        deploymentId: (0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .tagValue */ .EZ)(instance.Tags, _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.deployment),
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
/** The deployment's instances in a region that still cost money or may. */
const findDeploymentInstances = (clients, deploymentId, states = LIVE_STATES) => describe(clients, { Filters: [(0,_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .deploymentFilter */ .eE)(deploymentId), { Name: 'instance-state-name', Values: states }] });
/** Every live instance spot-deployer launched for `repository` in a region, whatever the deployment. */
const findManagedInstances = (clients, repository) => describe(clients, {
    Filters: [
        { Name: `tag:${_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.managedBy}`, Values: [_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .MANAGED_BY */ .Kf] },
        ...(repository ? [{ Name: `tag:${_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.repository}`, Values: [repository] }] : []),
        { Name: 'instance-state-name', Values: LIVE_STATES },
    ],
});
const describeInstances = (clients, ids) => ids.length === 0 ? Promise.resolve([]) : describe(clients, { InstanceIds: ids });
/** Waits with the SDK's own waiter, capped so a stuck instance cannot hang the job. */
async function waitForRunning(clients, ids, maxWaitTime) {
    if (ids.length === 0)
        return;
    try {
        await (0,_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .waitUntilInstanceRunning */ .kAk)({ client: clients.ec2, maxWaitTime, minDelay: 2, maxDelay: 10 }, { InstanceIds: ids });
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
/* harmony export */   W: () => (/* binding */ deleteObjectsUnder),
/* harmony export */   he: () => (/* binding */ ensureBucket),
/* harmony export */   sd: () => (/* binding */ uploadBundle),
/* harmony export */   t_: () => (/* binding */ readStatusObjects),
/* harmony export */   wp: () => (/* binding */ presignPut),
/* harmony export */   xW: () => (/* binding */ presignGet)
/* harmony export */ });
/* unused harmony exports PART_SIZE, MAX_PRESIGN_SECONDS, BUNDLE_EXPIRY_DAYS, STATUS_EXPIRY_DAYS, STATUS_MAX_BYTES, LIFECYCLE_RULE_IDS, wrapS3Error, presignExpirySeconds */
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
async function createBucket(s3, name, region) {
    // us-east-1 is the one region that refuses an explicit LocationConstraint.
    const configuration = region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region } };
    try {
        await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.CreateBucketCommand({ Bucket: name, ObjectOwnership: 'BucketOwnerEnforced', ...configuration }));
    }
    catch (error) {
        const code = (0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .awsErrorCode */ .J6)(error);
        if (code === 'BucketAlreadyOwnedByYou')
            return;
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
/** Our rules replace earlier versions of themselves and leave anyone else's rules alone. */
async function mergedLifecycleRules(s3, name, prefix) {
    let existing = [];
    try {
        existing = (await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.GetBucketLifecycleConfigurationCommand({ Bucket: name }))).Rules ?? [];
    }
    catch (error) {
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .awsErrorCode */ .J6)(error) !== 'NoSuchLifecycleConfiguration')
            throw wrapS3Error(error, 's3:GetLifecycleConfiguration', name);
    }
    const ours = new Set(Object.values(LIFECYCLE_RULE_IDS));
    const scope = prefix === '' ? '' : `${prefix}/`;
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
async function secureBucket(s3, options) {
    const { name, kmsKeyId } = options;
    // The plan trims slashes off the prefix; an empty one is refused before this.
    const prefix = options.prefix ?? 'spot-deployer';
    const block = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
    await call('s3:PutBucketPublicAccessBlock', name, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.PutPublicAccessBlockCommand({ Bucket: name, PublicAccessBlockConfiguration: block })));
    const byDefault = kmsKeyId ? { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: kmsKeyId } : { SSEAlgorithm: 'AES256' };
    const rule = { ApplyServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: Boolean(kmsKeyId) };
    await call('s3:PutEncryptionConfiguration', name, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.PutBucketEncryptionCommand({ Bucket: name, ServerSideEncryptionConfiguration: { Rules: [rule] } })));
    const Rules = await mergedLifecycleRules(s3, name, prefix);
    await call('s3:PutLifecycleConfiguration', name, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.PutBucketLifecycleConfigurationCommand({ Bucket: name, LifecycleConfiguration: { Rules } })));
}
/**
 * Makes sure the bucket is usable. With `create`, creates it when missing and
 * (re)applies the private, encrypted, expiring settings every time, so a run
 * that died half-way is repaired by the next one. Without `create`, only
 * checks that it exists and is reachable.
 */
async function ensureBucket(s3, bucket, region) {
    const exists = await bucketExists(s3, bucket.name);
    if (!bucket.create) {
        if (!exists)
            throw missingBucket(bucket.name, undefined);
        return { created: false };
    }
    if (!exists)
        await createBucket(s3, bucket.name, region);
    await secureBucket(s3, bucket);
    return { created: !exists };
}
async function objectExists(s3, bucket, key) {
    try {
        await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
    }
    catch (error) {
        if (isNotFound(error) && (0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .awsErrorCode */ .J6)(error) !== 'NoSuchBucket')
            return false;
        throw wrapS3Error(error, 's3:GetObject', `${bucket}/${key}`);
    }
}
/**
 * Uploads the bundle unless an object with its key (its sha256) is already
 * there. Large files go in 8 MiB parts, reporting progress as they go.
 */
async function uploadBundle(s3, options) {
    const { bucket, key, file, sha256, kmsKeyId, onProgress } = options;
    if (await objectExists(s3, bucket, key))
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


/***/ }),

/***/ 9580:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dk: () => (/* reexport safe */ _core_tags_js__WEBPACK_IMPORTED_MODULE_0__.D),
/* harmony export */   EZ: () => (/* binding */ tagValue),
/* harmony export */   Kf: () => (/* reexport safe */ _core_tags_js__WEBPACK_IMPORTED_MODULE_0__.K),
/* harmony export */   eE: () => (/* binding */ deploymentFilter),
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
const deploymentFilter = (deploymentId) => ({
    Name: `tag:${_core_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG */ .D.deployment}`,
    Values: [deploymentId],
});


/***/ }),

/***/ 7634:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ readStatusesOf),
/* harmony export */   x: () => (/* binding */ findExisting)
/* harmony export */ });
/* harmony import */ var _agent_keys_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7469);
/* harmony import */ var _aws_instances_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9210);
/* harmony import */ var _wait_ready_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5602);
/**
 * A deployment's live instances and what their agents reported: what
 * `status` shows and what `deploy` compares against before changing anything.
 */



/** The deployment's instances in every configured region (terminated ones excluded). */
async function findExisting(pool, plan) {
    const perRegion = await Promise.all(plan.regions.map((region) => (0,_aws_instances_js__WEBPACK_IMPORTED_MODULE_0__/* .findDeploymentInstances */ .n0)(pool.forRegion(region.name), plan.deploymentId)));
    return perRegion.flat();
}
/** What each instance's agent reported, read once (no waiting). */
async function readStatusesOf(pool, plan, views) {
    const prefixes = [...new Set(views.flatMap((view) => (view.launchId ? [(0,_agent_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .statusPrefix */ .zO)((0,_agent_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .keyScopeOf */ .JS)(plan), view.launchId)] : [])))];
    return (0,_wait_ready_js__WEBPACK_IMPORTED_MODULE_1__/* .readReportedStatuses */ .ol)(pool.forRegion(plan.regions[0].name).s3, plan.bucket.name, prefixes, new Set(views.map((view) => view.id)));
}


/***/ }),

/***/ 5602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ol: () => (/* binding */ readReportedStatuses),
  vU: () => (/* binding */ waitForBootstrap)
});

// UNUSED EXPORTS: pollDelaySeconds

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

;// CONCATENATED MODULE: ./src/deploy/wait-ready.ts




/** Every status object under the prefixes that belongs to one of `ids`. */
async function readReportedStatuses(s3, bucket, prefixes, ids) {
    const statuses = new Map();
    for (const prefix of prefixes) {
        for (const { status } of await (0,aws_s3/* readStatusObjects */.t_)(s3, bucket, prefix)) {
            if (isBootstrapStatus(status) && ids.has(status.instance_id))
                statuses.set(status.instance_id, status);
        }
    }
    return statuses;
}
/**
 * Seconds to wait before poll `round` (0-based): quick at first, since a small
 * bootstrap reports within seconds of the instance running, then every 10 s,
 * which keeps a 15-minute wait to about 90 list calls.
 */
const pollDelaySeconds = (round) => [2, 3, 5][round] ?? 10;
async function waitForBootstrap(options) {
    const statuses = new Map();
    const reclaimed = new Map();
    const deadline = options.now() + options.timeoutSeconds * 1000;
    const pending = () => options.instanceIds.filter((id) => !statuses.has(id) && !reclaimed.has(id));
    const ids = new Set(options.instanceIds);
    for (let round = 0;; round += 1) {
        for (const [id, status] of await readReportedStatuses(options.s3, options.bucket, options.statusPrefixes, ids))
            statuses.set(id, status);
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
