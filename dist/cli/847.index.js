export const id = 847;
export const ids = [847,201];
export const modules = {

/***/ 7469:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CK: () => (/* binding */ bundleKey),
/* harmony export */   Cs: () => (/* binding */ sealedKey),
/* harmony export */   JS: () => (/* binding */ keyScopeOf),
/* harmony export */   TL: () => (/* binding */ lockKey),
/* harmony export */   XX: () => (/* binding */ parseStatusKey),
/* harmony export */   iR: () => (/* binding */ deploymentFolder),
/* harmony export */   iX: () => (/* binding */ launchSlotsKey),
/* harmony export */   t5: () => (/* binding */ launchConfKey),
/* harmony export */   zO: () => (/* binding */ statusPrefix)
/* harmony export */ });
/* unused harmony exports keyOf, repositorySegments, statusKey */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Where a deployment's objects live in the bucket: the bundle the loader
 * fetches and the status objects the agent writes. The deployer and the
 * agent's grants both derive from these functions, so the layout is written
 * down once.
 *
 * A deployment is (repository, deployment id): two repositories that use the
 * same deployment name in one bucket get separate folders, and no folder is
 * a prefix of another deployment's folder (see `repositorySegments`).
 */

/** Joins key parts, trimming slashes and dropping empty parts. */
const keyOf = (...parts) => parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part !== '')
    .join('/');
/** The scope of a plan-like value: its bucket prefix, repository and deployment id. */
const keyScopeOf = (plan) => ({
    prefix: plan.bucket.prefix,
    repository: plan.run.repository,
    deploymentId: plan.deploymentId,
});
/** GitHub's shapes: an owner never starts with `_` or `.`, so `_local` and `_repo-…` cannot clash with one. */
const GITHUB_REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/;
/**
 * The repository as key segments: `owner/repo` stays readable as two
 * segments; no repository is `_local`; anything else (a `--repository` with
 * more slashes or odd characters) is one hashed segment. No segment holds a
 * `/` of its own, so folders never nest inside one another.
 */
function repositorySegments(repository) {
    if (repository === '')
        return ['_local'];
    if (GITHUB_REPOSITORY.test(repository) && !repository.split('/').includes('..'))
        return repository.split('/');
    return [`_repo-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(repository).digest('hex').slice(0, 16)}`];
}
/** `<prefix>/<owner>/<repo>/<deployment>/`, with the trailing slash that keeps `demo` from matching `demo-pr-1`. */
const deploymentFolder = (scope) => `${keyOf(scope.prefix, ...repositorySegments(scope.repository), scope.deploymentId)}/`;
/** `<folder><sha256>.tar.gz`: the key is the content, so an existing object is never re-uploaded. */
const bundleKey = (scope, sha256) => `${deploymentFolder(scope)}${sha256}.tar.gz`;
/** `<folder>status/<launchId>/`: the status objects of one launch call. */
const statusPrefix = (scope, launchId) => `${deploymentFolder(scope)}${keyOf('status', launchId)}/`;
/**
 * One status object per instance of a launch call, named by its instance id:
 * EC2 Fleet numbers `ami-launch-index` per request, so two instances of one
 * fleet call can share an index (on moto every spot instance has 0).
 */
const statusKey = (scope, launchId, instance) => `${statusPrefix(scope, launchId)}${instance}.json`;
/**
 * `<folder>launch/<launchId>.conf`: the agent's settings for one launch call
 * (bundle URL, status grant, sealed-secret URLs), fetched by the loader the
 * user-data carries, so the user-data does not grow with the count.
 */
const launchConfKey = (scope, launchId) => `${deploymentFolder(scope)}${keyOf('launch', launchId)}.conf`;
/**
 * `<folder>launch/<launchId>.slots`: which sealed-secret slot each instance of
 * the launch reads (`<instance id> <slot>` lines), written once the launch
 * call returned its instance ids. EC2 Fleet can give two instances of one
 * call the same `ami-launch-index`, so the index cannot choose the slot.
 */
const launchSlotsKey = (scope, launchId) => `${deploymentFolder(scope)}${keyOf('launch', launchId)}.slots`;
/** `<folder>deploy.lock`: held by the one deploy of this deployment that is running. */
const lockKey = (scope) => `${deploymentFolder(scope)}deploy.lock`;
/** The secret part sealed to one instance of a launch call (ciphertext only), by its launch index. */
const sealedKey = (scope, launchId, index) => `${deploymentFolder(scope)}${keyOf('sealed', launchId)}/${index}.bin`;
/** Where a status key's launch id is: `<folder>status/<launchId>/<instance id>.json`. */
function parseStatusKey(scope, key) {
    const match = /^status\/([^/]+)\/[^/]+\.json$/.exec(key.slice(deploymentFolder(scope).length));
    return key.startsWith(deploymentFolder(scope)) && match ? { launchId: match[1] } : undefined;
}


/***/ }),

/***/ 201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ClientPool: () => (/* binding */ ClientPool),
/* harmony export */   createClients: () => (/* binding */ createClients),
/* harmony export */   s3ClientOptions: () => (/* binding */ s3ClientOptions)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5193);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3711);
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4736);
/**
 * AWS SDK clients. Credentials come only from the default provider chain.
 * Endpoints follow the standard `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>`
 * variables, which the SDK reads by itself; we only add path-style S3
 * addressing when a custom endpoint is set, because LocalStack, MinIO and
 * moto do not serve virtual-hosted buckets on 127.0.0.1.
 */



const customS3Endpoint = (env) => Boolean(env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL);
/** Retries are the SDK's own (standard mode); tests may lower them. */
const maxAttempts = (env) => Number(env.SPOT_DEPLOYER_AWS_MAX_ATTEMPTS ?? 5);
/** The S3 client's settings; `offlineS3` signs with the same ones, so its URLs have the deploy's shape. */
const s3ClientOptions = (region, env = process.env) => ({
    region,
    maxAttempts: maxAttempts(env),
    forcePathStyle: customS3Endpoint(env),
    // Presigned URLs must work with plain curl: no checksum headers unless required.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
});
function createClients(region, env = process.env) {
    const common = { region, maxAttempts: maxAttempts(env) };
    return {
        region,
        ec2: new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__/* .EC2Client */ .gu5(common),
        s3: new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__.S3Client(s3ClientOptions(region, env)),
        ssm: new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_2__/* .SSMClient */ .jBj(common),
    };
}
/** One set of clients per region, created on first use. */
class ClientPool {
    byRegion = new Map();
    env;
    // A plain field, not a parameter property, so Node's type stripping can run this file (npm run bench).
    constructor(env = process.env) {
        this.env = env;
    }
    forRegion(region) {
        let clients = this.byRegion.get(region);
        if (!clients) {
            clients = createClients(region, this.env);
            this.byRegion.set(region, clients);
        }
        return clients;
    }
    destroy() {
        for (const clients of this.byRegion.values()) {
            clients.ec2.destroy();
            clients.s3.destroy();
            clients.ssm.destroy();
        }
    }
}


/***/ }),

/***/ 9378:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AH: () => (/* binding */ wrapAwsError),
/* harmony export */   J6: () => (/* binding */ awsErrorCode),
/* harmony export */   X_: () => (/* binding */ awsErrorMessage),
/* harmony export */   u3: () => (/* binding */ classifyAwsError)
/* harmony export */ });
/* harmony import */ var _core_codes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7265);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/**
 * The one place AWS errors are wrapped and classified. Every AWS call site
 * passes its failure through `wrapAwsError`, which names the action and the
 * resource and decides what the caller should do next.
 */


const CAPACITY_CODES = new Set([
    'InsufficientInstanceCapacity',
    'InsufficientCapacity',
    'SpotMaxPriceTooLow',
    'InsufficientFreeAddressesInSubnet',
    'Unsupported',
    'InvalidFleetConfiguration',
    'UnfulfillableCapacity',
]);
const QUOTA_CODES = new Set(['MaxSpotInstanceCountExceeded', 'VcpuLimitExceeded', 'InstanceLimitExceeded']);
const THROTTLE_CODES = new Set(['RequestLimitExceeded', 'Throttling', 'ThrottlingException', 'SlowDown']);
const PERMISSION_CODES = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException', 'AuthFailure']);
/** Node's socket errors and the SDK's timeout: AWS was never reached. */
const NETWORK_CODES = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ETIMEDOUT',
    'ECONNRESET',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'TimeoutError',
]);
const CREDENTIAL_CODES = new Set([
    'CredentialsProviderError',
    'ExpiredToken',
    'ExpiredTokenException',
    'InvalidClientTokenId',
    'SignatureDoesNotMatch',
]);
const awsErrorCode = (error) => {
    if (error && typeof error === 'object') {
        const named = error;
        return named.Code ?? named.code ?? named.name ?? 'Unknown';
    }
    return 'Unknown';
};
const awsErrorMessage = (error) => (error instanceof Error ? error.message : String(error));
function classifyAwsError(code) {
    if (THROTTLE_CODES.has(code))
        return 'retry';
    if (CAPACITY_CODES.has(code))
        return 'next-pool';
    if (QUOTA_CODES.has(code) && code === 'MaxSpotInstanceCountExceeded')
        return 'switch-market';
    return 'stop';
}
/** Turns any AWS SDK error into a SpotError with a stable code and a hint. */
function wrapAwsError(error, context) {
    if (error instanceof _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SpotError */ .Pl)
        return error;
    const code = awsErrorCode(error);
    const where = context.resource ? ` (${context.resource})` : '';
    const detail = `${context.action}${where} failed: ${code}: ${awsErrorMessage(error)}`;
    if (CREDENTIAL_CODES.has(code) || /credential/i.test(awsErrorMessage(error))) {
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .CODE */ .Sq.noCredentials, detail, {
            cause: error,
            hint: 'No usable AWS credentials. In Actions, add aws-actions/configure-aws-credentials before this step ' +
                '(pull requests from forks get no secrets or OIDC token); in a terminal, set AWS_PROFILE or run `aws sso login`.',
        });
    }
    if (PERMISSION_CODES.has(code)) {
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .CODE */ .Sq.accessDenied, detail, {
            cause: error,
            hint: `Allow ${context.action} for the role or user in use; see docs/iam.md for the full policy.`,
        });
    }
    if (QUOTA_CODES.has(code)) {
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .CODE */ .Sq.quota, detail, {
            cause: error,
            hint: 'An EC2 quota was reached: raise "All Standard Spot Instance Requests" (or the on-demand vCPU quota) in Service Quotas, or ask for fewer instances.',
        });
    }
    if (CAPACITY_CODES.has(code)) {
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .CODE */ .Sq.noCapacity, detail, {
            cause: error,
            hint: 'No capacity in any pool tried. Add instance types or regions, or use market: spot-then-on-demand.',
        });
    }
    if (THROTTLE_CODES.has(code)) {
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .CODE */ .Sq.throttled, detail, { cause: error, hint: 'AWS throttled the calls; try again in a minute.' });
    }
    if (/^InvalidAMIID/.test(code)) {
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .CODE */ .Sq.imageNotFound, detail, {
            cause: error,
            hint: 'Check `image` in .spot/config.yaml: the AMI must exist in that region and be shared with this account.',
        });
    }
    if (NETWORK_CODES.has(code)) {
        const endpoint = process.env.AWS_ENDPOINT_URL;
        return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .CODE */ .Sq.awsError, detail, {
            cause: error,
            hint: endpoint
                ? `Nothing answered at AWS_ENDPOINT_URL=${endpoint}: start the local endpoint there, or unset AWS_ENDPOINT_URL to reach AWS itself.`
                : 'AWS could not be reached from this machine: check its network, DNS and any HTTPS proxy (HTTPS_PROXY), then run again.',
        });
    }
    return new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .CODE */ .Sq.awsError, detail, {
        cause: error,
        hint: 'Run with debug logging (ACTIONS_STEP_DEBUG or --debug) for the full AWS response.',
    });
}


/***/ }),

/***/ 1075:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bo: () => (/* binding */ putEncryptedObject),
/* harmony export */   Db: () => (/* binding */ readObjectText),
/* harmony export */   L: () => (/* binding */ listObjects),
/* harmony export */   W: () => (/* binding */ deleteObjectsUnder),
/* harmony export */   WM: () => (/* binding */ readStatusObject),
/* harmony export */   XR: () => (/* binding */ deleteObject),
/* harmony export */   _J: () => (/* binding */ putSmallObject),
/* harmony export */   gn: () => (/* binding */ storedObjectBytes),
/* harmony export */   he: () => (/* binding */ ensureBucket),
/* harmony export */   oU: () => (/* binding */ STATUS_MAX_BYTES),
/* harmony export */   py: () => (/* binding */ presignExpirySeconds),
/* harmony export */   sd: () => (/* binding */ uploadBundle),
/* harmony export */   xW: () => (/* binding */ presignGet),
/* harmony export */   zk: () => (/* binding */ putObjectIfAbsent)
/* harmony export */ });
/* unused harmony exports PART_SIZE, MAX_PRESIGN_SECONDS, BUNDLE_EXPIRY_DAYS, STATUS_EXPIRY_DAYS, LIFECYCLE_RULE_IDS, wrapS3Error, BUCKET_MARK, presignPut, readStatusObjects */
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
/** The encryption every object the deployer writes asks for: the bucket's KMS key, or S3-managed keys. */
const encryptionOf = (kmsKeyId) => kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId } : { ServerSideEncryption: 'AES256' };
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
    const encryption = encryptionOf(kmsKeyId);
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
    return await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn });
}
/** Writes a small object with the deployer's encryption (the launch settings). */
async function putEncryptedObject(s3, options) {
    await call('s3:PutObject', `${options.bucket}/${options.key}`, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.PutObjectCommand({ Bucket: options.bucket, Key: options.key, Body: options.body, ...encryptionOf(options.kmsKeyId) })));
}
/** Every object under `prefix`, all pages. */
async function listObjects(s3, bucket, prefix) {
    const objects = [];
    let token;
    do {
        const page = await call('s3:ListBucket', bucket, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })));
        for (const object of page.Contents ?? [])
            if (object.Key)
                objects.push({ key: object.Key, etag: object.ETag ?? '' });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
}
const listKeys = async (s3, bucket, prefix) => (await listObjects(s3, bucket, prefix)).map((object) => object.key);
/** One status object, read and parsed. */
async function readStatusObject(s3, bucket, key) {
    const object = await call('s3:GetObject', `${bucket}/${key}`, () => s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__.GetObjectCommand({ Bucket: bucket, Key: key })));
    const text = (await object.Body?.transformToString('utf8')) ?? '';
    try {
        return { key, status: JSON.parse(text) };
    }
    catch {
        return { key, status: undefined, error: `not valid JSON: ${text.slice(0, 200)}` };
    }
}
/** Every status object under `prefix` (e.g. `<prefix>/<name>/status/<launchId>/`), sorted by key. */
async function readStatusObjects(s3, bucket, prefix) {
    const keys = (await listKeys(s3, bucket, prefix)).filter((key) => key.endsWith('.json')).sort();
    return await Promise.all(keys.map((key) => readStatusObject(s3, bucket, key)));
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


/***/ })

};
