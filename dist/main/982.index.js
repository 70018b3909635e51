export const id = 982;
export const ids = [982];
export const modules = {

/***/ 5491:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PK: () => (/* binding */ BUNDLE_AGENT_PATH),
/* harmony export */   TX: () => (/* binding */ LOADER_CONF_PATH),
/* harmony export */   eG: () => (/* binding */ renderAgentConf),
/* harmony export */   kP: () => (/* binding */ renderLoaderConf),
/* harmony export */   sv: () => (/* binding */ LOADER_PATH)
/* harmony export */ });
/* unused harmony export AGENT_CONF_PATH */
/* harmony import */ var _shell_quote_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6350);
/**
 * The contract between the deployer, the loader (templates/loader.sh) and
 * the agent (templates/bootstrap.sh), in two shell-sourced files:
 *
 * - `loader.conf`, in the user-data: where this launch's settings are and
 *   their sha256. It never depends on the instance count.
 * - `agent.conf`, one S3 object per launch call (`launch/<launchId>.conf`):
 *   the bundle URL and sha256, the status grant, the sealed-secret URLs by
 *   slot (with the slot map's URL), the target and the TTL. The loader checks its sha256
 *   before it reads a byte of it, then stores it where the agent sources it.
 *
 * Every value is shell-quoted here, once.
 */

const LOADER_PATH = '/etc/spot-deployer/loader.sh';
const LOADER_CONF_PATH = '/etc/spot-deployer/loader.conf';
/** Where the loader stores the checked launch settings for the agent. */
const AGENT_CONF_PATH = '/etc/spot-deployer/agent.conf';
/** The agent's place in the bundle's public part. */
const BUNDLE_AGENT_PATH = '.spot-bundle/agent.sh';
function renderAgentConf(settings) {
    const fields = Object.entries(settings.status.fields).map(([name, value]) => (0,_shell_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(`${name}=${value}`));
    const lines = [
        '# Written by spot-deployer for one launch call; checked by loader.sh, read by agent.sh.',
        `SD_DEPLOYMENT=${(0,_shell_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(settings.deploymentId)}`,
        `SD_BUNDLE_URL=${(0,_shell_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(settings.bundleUrl)}`,
        `SD_BUNDLE_SHA256=${(0,_shell_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(settings.bundleSha256)}`,
        `SD_STATUS_POST_URL=${(0,_shell_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(settings.status.url)}`,
        `SD_STATUS_KEY_PREFIX=${(0,_shell_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(settings.status.keyPrefix)}`,
        `SD_STATUS_FIELDS=(${fields.join(' ')})`,
        ...(settings.secretUrls?.length ? [`SD_SECRET_URLS=(${settings.secretUrls.map(_shell_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z).join(' ')})`] : []),
        ...(settings.slotsUrl ? [`SD_SLOTS_URL=${(0,_shell_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(settings.slotsUrl)}`] : []),
        `SD_TARGET=${(0,_shell_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(settings.target)}`,
        `SD_TTL_SECONDS=${Math.max(0, Math.floor(settings.ttlSeconds))}`,
    ];
    return `${lines.join('\n')}\n`;
}
function renderLoaderConf(settings) {
    return [
        `SD_CONF_URL=${(0,_shell_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(settings.confUrl)}`,
        `SD_CONF_SHA256=${(0,_shell_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(settings.confSha256)}`,
        ...(settings.imdsUrl ? [`SD_IMDS_URL=${(0,_shell_quote_js__WEBPACK_IMPORTED_MODULE_0__/* .shellQuote */ .Z)(settings.imdsUrl)}`] : []),
        '',
    ].join('\n');
}


/***/ }),

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

/***/ 6350:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ shellQuote),
/* harmony export */   y: () => (/* binding */ envFileQuote)
/* harmony export */ });
/* harmony import */ var _core_codes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7265);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/**
 * The one shell quoting used for everything written for the instance
 * (agent.conf in the user-data, steps.sh and env in the bundle).
 */


function refuseNul(value) {
    if (value.includes('\0')) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SpotError */ .Pl(_core_codes_js__WEBPACK_IMPORTED_MODULE_0__/* .CODE */ .Sq.nulByte, `a value for the instance contains a NUL byte: ${JSON.stringify(value.slice(0, 40))}`, {
            hint: 'Remove the NUL character from the value in .spot/deployment.yaml.',
        });
    }
}
/** Quotes one value for bash: single quotes, with `'` written as `'\''`. */
function shellQuote(value) {
    refuseNul(value);
    return `'${value.replaceAll("'", `'\\''`)}'`;
}
/**
 * Quotes one value for a file read by both bash and systemd's env-file
 * parser (`EnvironmentFile=`): double quotes with `\\ " $ \``
 * backslash-escaped mean the same to both, newlines included.
 */
function envFileQuote(value) {
    refuseNul(value);
    return `"${value.replace(/[\\"$`]/g, (char) => `\\${char}`)}"`;
}


/***/ }),

/***/ 201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   oW: () => (/* binding */ s3ClientOptions),
/* harmony export */   sh: () => (/* binding */ ClientPool)
/* harmony export */ });
/* unused harmony export createClients */
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

/***/ 6163:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bL: () => (/* binding */ fetchSpotPrices),
/* harmony export */   ln: () => (/* binding */ readSpotPrices),
/* harmony export */   nr: () => (/* binding */ priceKey)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5193);
/**
 * Current spot prices from the price history (the newest entry per type and
 * AZ). Prices are informative: a failure here never fails a deploy.
 */

const priceKey = (instanceType, availabilityZone) => `${instanceType}|${availabilityZone}`;
/** The newest price per type and AZ; throws when AWS cannot be asked (plan reports that as offline). */
async function fetchSpotPrices(clients, instanceTypes, now = new Date()) {
    const prices = new Map();
    if (instanceTypes.length === 0)
        return prices;
    const history = await clients.ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__/* .DescribeSpotPriceHistoryCommand */ .Sad({
        InstanceTypes: instanceTypes,
        ProductDescriptions: ['Linux/UNIX'],
        StartTime: now,
        MaxResults: 1000,
    }));
    const newestFirst = [...(history.SpotPriceHistory ?? [])].sort((a, b) => (b.Timestamp?.getTime() ?? 0) - (a.Timestamp?.getTime() ?? 0));
    for (const entry of newestFirst) {
        if (!entry.InstanceType || !entry.AvailabilityZone || !entry.SpotPrice)
            continue;
        const key = priceKey(entry.InstanceType, entry.AvailabilityZone);
        if (!prices.has(key))
            prices.set(key, Number(entry.SpotPrice));
    }
    return prices;
}
/** Like fetchSpotPrices, but an unreachable AWS gives no prices: the report shows "unknown". */
const readSpotPrices = (clients, instanceTypes, now) => fetchSpotPrices(clients, instanceTypes, now).catch(() => new Map());


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


/***/ }),

/***/ 7632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  WA: () => (/* binding */ assertUserDataFits),
  UW: () => (/* binding */ renderUserData),
  o8: () => (/* binding */ userDataNotice)
});

// UNUSED EXPORTS: USER_DATA_LIMIT, USER_DATA_TARGET, compactShell, packedLoader

// EXTERNAL MODULE: ./src/core/codes.ts
var codes = __webpack_require__(7265);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/agent/agent-conf.ts
var agent_conf = __webpack_require__(5491);
;// CONCATENATED MODULE: ./src/cloudinit/merge.ts
const isMap = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
function mergeValue(earlier, later) {
    if (Array.isArray(earlier) && Array.isArray(later))
        return [...earlier, ...later];
    if (isMap(earlier) && isMap(later))
        return mergeCloudConfig(earlier, later);
    return later;
}
/** `earlier` then `later`, by the merge rules; neither input is changed. */
function mergeCloudConfig(earlier, later) {
    const merged = { ...earlier };
    for (const [key, value] of Object.entries(later)) {
        merged[key] = key in merged ? mergeValue(merged[key], value) : value;
    }
    return merged;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/cloudinit/yaml-safe.ts
/**
 * YAML for cloud-init's parser (PyYAML, YAML 1.1). Two things differ from
 * the YAML 1.2 the `yaml` library writes for: U+0085, U+2028 and U+2029 are
 * line breaks there (so a value holding one written raw could end its block
 * and start a top-level key), and PyYAML refuses the whole stream when it
 * meets a raw C0/C1 control, U+FFFE/U+FFFF, or a tab where a plain scalar
 * cannot have one (cloud-init then drops the whole user-data).
 *
 * So every string holding such a character is written double-quoted, where
 * YAML has an escape for each of them, and the characters the library leaves
 * raw inside double quotes are written as their escapes (`\N`, `\L`, `\P`,
 * `\xNN`, `\uNNNN`; all YAML 1.1). The replacement runs on the library's
 * output, which is sound because those characters can then only occur inside
 * double-quoted scalars (no comments: the document is built from values).
 */

/** Characters PyYAML reads as something else, or refuses, when written raw. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_QUOTES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\t\r]/u;
const LEFT_RAW = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/gu;
const ESCAPES = { '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P' };
function escapeOf(char) {
    const code = char.codePointAt(0);
    return ESCAPES[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}
/** The document as YAML that PyYAML reads back to the same structure, whatever its strings hold. */
function stringifyForCloudInit(value) {
    const document = new dist/* Document */.yo(value, { aliasDuplicateObjects: false });
    (0,dist/* visit */.YR)(document, {
        Scalar(_, node) {
            if (typeof node.value === 'string' && NEEDS_QUOTES.test(node.value))
                node.type = 'QUOTE_DOUBLE';
        },
    });
    return document.toString({ lineWidth: 0 }).replace(LEFT_RAW, escapeOf);
}

;// CONCATENATED MODULE: ./src/cloudinit/ttl-timer.ts
/**
 * The TTL as cloud-init `bootcmd`: it runs on every boot, in cloud-init's
 * first stage, before any module that could fail. It writes a systemd timer
 * for the absolute expiry time (`OnCalendar=` in UTC, `Persistent=true`) and
 * a service that powers the instance off (a terminate, with
 * InstanceInitiatedShutdownBehavior=terminate). A reboot runs it again with
 * the same absolute time, and a boot after the expiry powers off at once.
 * Started with `--no-block`: cloud-init's first stage runs before
 * sysinit.target, which a timer's start job waits for.
 */

const TTL_TIMER = 'spot-deployer-ttl.timer';
const TTL_SERVICE = 'spot-deployer-ttl.service';
// POSIX sh: bootcmd runs under /bin/sh. $1 = systemd calendar time, $2 = the same as epoch seconds.
const TTL_SCRIPT = `set -eu
if [ "$(date -u +%s)" -ge "$2" ]; then
  echo "spot-deployer: TTL ($1) has passed: powering off"
  systemctl poweroff || shutdown -h now
  exit 0
fi
dir=/etc/systemd/system
printf '[Unit]\\nDescription=spot-deployer TTL: power off at %s\\n\\n[Timer]\\nOnCalendar=%s\\nPersistent=true\\nAccuracySec=1s\\n\\n[Install]\\nWantedBy=timers.target\\n' "$1" "$1" >"$dir/${TTL_TIMER}"
printf '[Unit]\\nDescription=spot-deployer TTL: power off (terminates the instance)\\n\\n[Service]\\nType=oneshot\\nExecStart=/bin/systemctl poweroff\\n' >"$dir/${TTL_SERVICE}"
systemctl daemon-reload
systemctl enable ${TTL_TIMER}
systemctl start --no-block ${TTL_TIMER}
`;
/** `2026-01-01T08:00:00.000Z` → `2026-01-01 08:00:00 UTC`, systemd's calendar syntax. */
function calendarOf(expiresAt) {
    return `${expiresAt.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
/**
 * The script as bootcmd carries it: gzip and base64, unpacked by `base64 -d
 * | gunzip` (coreutils and gzip, on every supported image), which keeps the
 * user-data under its 4,096-byte target; the expiry stays readable as the
 * arguments. Deterministic: the same bytes on every run.
 */
const UNPACK = `echo ${(0,external_node_zlib_.gzipSync)(Buffer.from(TTL_SCRIPT, 'utf8'), { level: 9 }).toString('base64')}|base64 -d|gunzip|sh -s -- "$1" "$2"`;
/** The bootcmd entries that arm the TTL for an absolute expiry (ISO 8601). */
function ttlBootcmd(expiresAtIso) {
    const expiresAt = new Date(expiresAtIso);
    if (Number.isNaN(expiresAt.getTime()))
        throw new TypeError(`not an ISO time: ${expiresAtIso}`);
    return [['sh', '-c', UNPACK, 'spot-deployer-ttl', calendarOf(expiresAt), String(Math.floor(expiresAt.getTime() / 1000))]];
}

;// CONCATENATED MODULE: ./src/cloudinit/user-data.ts
/**
 * Renders the cloud-init user-data: a base template from `templates/`, the
 * TTL, SSH keys, the loader and its two settings, written with the YAML
 * library (never by string concatenation). The agent and everything that
 * grows with the instance count live in the bundle and in the launch's
 * settings object, so the user-data has one size whatever the count. Holds
 * no secret: one presigned URL (short-lived) and a sha256.
 */







/** EC2 refuses user-data over 16 KiB (before base64). */
const USER_DATA_LIMIT = 16_384;
/**
 * spot-deployer's own target: the user-data without a large project fragment
 * stays under it for any count; over it, plan and deploy give a notice. Only
 * over EC2's limit is the text gzipped (cloud-init decompresses by itself).
 */
const USER_DATA_TARGET = 4_096;
const DISTRO_USERS = new Set(['ubuntu', 'ec2-user']);
/** The key goes to the image's own user, or to a user created for it. */
function sshKeys(ssh) {
    if (!ssh)
        return {};
    if (DISTRO_USERS.has(ssh.username))
        return { ssh_authorized_keys: [ssh.publicKey] };
    return {
        users: ['default', { name: ssh.username, shell: '/bin/bash', sudo: 'ALL=(ALL) NOPASSWD:ALL', ssh_authorized_keys: [ssh.publicKey] }],
    };
}
/**
 * The loader as it travels: its comment lines and indentation dropped (the
 * source keeps them). It has no here-document or multi-line string for this
 * to change. With the gzip below, this keeps the user-data under its target
 * while the document itself stays plain text, so `plan`'s byte count is the
 * deploy's exactly (a gzip of the whole document, random-looking signatures
 * and all, varies by a few bytes from one run to the next).
 */
function compactShell(script) {
    const lines = script.split('\n');
    const kept = lines.filter((line, index) => (index === 0 ? true : !/^\s*(#|$)/.test(line))).map((line) => line.trimStart());
    return `${kept.join('\n')}\n`;
}
/**
 * The loader as write_files carries it: compacted, gzipped (deterministic:
 * no name, mtime 0) and base64 (`encoding: gz+b64`, which cloud-init
 * decodes). It holds no URL, so its size is the same for plan and deploy.
 */
const packedLoader = (script) => (0,external_node_zlib_.gzipSync)(Buffer.from(compactShell(script), 'utf8'), { level: 9 }).toString('base64');
/**
 * The user-data: the base template, then what spot-deployer owns (the TTL
 * first, the SSH key, the loader and its settings), then the project's
 * fragment, merged by the rules in merge.ts. Pure: every text it uses was
 * read into the Plan.
 */
function renderUserData(options) {
    const ours = {
        // First, so the TTL holds even when a later module, the loader or the agent fails.
        ...(options.expiresAt ? { bootcmd: ttlBootcmd(options.expiresAt) } : {}),
        ...sshKeys(options.ssh),
        // Owner root:root is write_files' default.
        write_files: [
            {
                path: agent_conf/* LOADER_PATH */.sv,
                permissions: '0700',
                encoding: 'gz+b64',
                content: packedLoader(options.sources.loaderScript),
            },
            { path: agent_conf/* LOADER_CONF_PATH */.TX, permissions: '0600', content: (0,agent_conf/* renderLoaderConf */.kP)(options.loader) },
        ],
        // runcmd runs under sh without -e; the loader is a bash script with its own error handling.
        runcmd: [['bash', agent_conf/* LOADER_PATH */.sv]],
    };
    const withLoader = mergeCloudConfig(options.sources.template.document, ours);
    const document = options.sources.fragment ? mergeCloudConfig(withLoader, options.sources.fragment.document) : withLoader;
    const text = `#cloud-config\n${stringifyForCloudInit(document)}`;
    const plain = Buffer.from(text, 'utf8');
    const gzipped = plain.length > USER_DATA_LIMIT;
    const payload = gzipped ? (0,external_node_zlib_.gzipSync)(plain, { level: 9 }) : plain;
    return { text, payload, gzipped, bytes: payload.length };
}
/** A notice when the user-data is over spot-deployer's 4,096-byte target (EC2 still takes it). */
function userDataNotice(rendered) {
    if (rendered.bytes <= USER_DATA_TARGET)
        return undefined;
    // spot-deployer's own part is about 4 KB whatever the count: the rest is what the project adds.
    return `user-data is ${rendered.bytes} bytes${rendered.gzipped ? ' after gzip' : ''}, over the ${USER_DATA_TARGET}-byte target (EC2 allows ${USER_DATA_LIMIT}, so this deploys): the part that varies is the project's (.spot/cloud-init.yaml, a template of its own, the SSH key); files belong in the bundle`;
}
/** Fails before any AWS call when the user-data cannot fit EC2's limit. */
function assertUserDataFits(rendered, context) {
    if (rendered.bytes <= USER_DATA_LIMIT)
        return;
    throw new errors/* SpotError */.Pl(codes/* CODE */.Sq.userDataTooBig, `user-data for ${context} is ${rendered.bytes} bytes${rendered.gzipped ? ' after gzip' : ''}; EC2 allows ${USER_DATA_LIMIT}`, {
        hint: 'A shorter .spot/cloud-init.yaml or template: move files and scripts into the bundle (the instance count does not change the size).',
    });
}


/***/ }),

/***/ 1207:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ onAbort)
/* harmony export */ });
/* unused harmony export runAbortCleanups */
/**
 * What must be undone when a run is stopped from outside (Ctrl-C, SIGTERM
 * from a CI runner) before it could clean up by itself: temporary folders
 * (the bundle's holds the project's secrets) and the deployment lock. Code
 * that creates such a thing registers its undo here and unregisters it once
 * it undid it itself; the CLI's signal handler (cli/signals.ts) runs what is
 * left. A registry, not a parameter, because the signal can come at any
 * depth of the pipeline.
 */
const pending = new Set();
/** Registers an undo; returns the function that unregisters it. */
function onAbort(cleanup) {
    pending.add(cleanup);
    return () => void pending.delete(cleanup);
}
/** Runs every registered undo once, each on its own: one failure does not stop the others. */
async function runAbortCleanups() {
    const failures = [];
    const cleanups = [...pending];
    pending.clear();
    for (const cleanup of cleanups) {
        try {
            await cleanup();
        }
        catch (error) {
            failures.push(error instanceof Error ? error.message : String(error));
        }
    }
    return failures;
}


/***/ }),

/***/ 3463:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sW: () => (/* binding */ agentSettingsFor),
  HX: () => (/* binding */ removeLaunchConfs),
  Uz: () => (/* binding */ renderLaunchConf),
  nK: () => (/* binding */ slotsOf),
  $H: () => (/* binding */ uploadLaunchConf),
  cP: () => (/* binding */ uploadLaunchSlots),
  _c: () => (/* binding */ urlLifetimeOf),
  Nc: () => (/* binding */ userDataFor)
});

// UNUSED EXPORTS: BUNDLE_URL_SECONDS, PRESIGN_MARGIN_SECONDS, sshAccessFor

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/aws/s3.ts
var aws_s3 = __webpack_require__(1075);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/s3-presigned-post/dist-cjs/index.js
var dist_cjs = __webpack_require__(4102);
;// CONCATENATED MODULE: ./src/aws/status-post.ts


/**
 * One presigned POST policy for a whole launch call: any key that starts
 * with `keyPrefix`, a body of 1 to `maxBytes - 1` bytes, and the bucket's
 * encryption. Returns the form's URL and the fields the policy signs
 * (without `key`, which each instance sets to its own object).
 */
async function presignStatusPost(s3, options) {
    const Expires = await (0,aws_s3/* presignExpirySeconds */.py)(s3, options.expiresSeconds);
    const encryption = options.kmsKeyId
        ? { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': options.kmsKeyId }
        : { 'x-amz-server-side-encryption': 'AES256' };
    const post = await (0,dist_cjs/* createPresignedPost */.g)(s3, {
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

// EXTERNAL MODULE: ./src/agent/agent-conf.ts
var agent_conf = __webpack_require__(5491);
// EXTERNAL MODULE: ./src/agent/keys.ts
var keys = __webpack_require__(7469);
// EXTERNAL MODULE: ./src/cloudinit/user-data.ts + 3 modules
var user_data = __webpack_require__(7632);
;// CONCATENATED MODULE: ./src/deploy/launch-conf.ts
/**
 * One launch call's settings: its presigned URLs (the public bundle, the
 * status POST grant, one sealed-secret GET URL per instance), rendered as the
 * `launch/<launchId>.conf` object, and the user-data that points at that
 * object by a presigned URL and its sha256. The same code renders `plan`'s
 * user-data with an offline client (src/aws/offline-s3.ts), so the sizes
 * agree.
 */






/** Status and sealed-secret URLs outlive the wait by this much, for instances that boot late. */
const PRESIGN_MARGIN_SECONDS = 30 * 60;
/**
 * The public bundle URL is presigned for each launch call and lives this
 * long: an instance fetches it within a minute or two of launch. It holds no
 * secret, but a short life limits who can still use a leaked user-data.
 */
const BUNDLE_URL_SECONDS = 20 * 60;
/** Lifetime of the conf, status and sealed-secret URLs, in seconds. */
const urlLifetimeOf = (plan) => plan.readyTimeoutSeconds + PRESIGN_MARGIN_SECONDS;
/** The SSH public key to install, when the config gives one (`key_name` needs none). */
const sshAccessFor = (plan) => plan.ssh?.publicKey ? { username: plan.ssh.username, publicKey: plan.ssh.publicKey } : undefined;
const sha256Of = (text) => (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex');
/** The agent's settings for one launch, with the URLs given (the Plan supplies the rest). */
function agentSettingsFor(plan, urls) {
    return {
        deploymentId: plan.deploymentId,
        ...urls,
        target: plan.manifest.target,
        ttlSeconds: plan.ttlSeconds === 'never' ? 0 : plan.ttlSeconds,
    };
}
/** The user-data for a conf at `confUrl` with `confSha256`; the TTL only when the plan has one. */
function userDataFor(plan, loader, expiresAt) {
    const ssh = sshAccessFor(plan);
    const expires = expiresAt && expiresAt !== 'never' && plan.ttlSeconds !== 'never' ? expiresAt : undefined;
    return (0,user_data/* renderUserData */.UW)({ sources: plan.userData, loader, ...(expires ? { expiresAt: expires } : {}), ...(ssh ? { ssh } : {}) });
}
/** Presigns one launch's URLs and renders its conf and user-data; writes nothing. */
async function renderLaunchConf(request) {
    const { plan, s3, launchId } = request;
    const scope = (0,keys/* keyScopeOf */.JS)(plan);
    const bucket = plan.bucket.name;
    const lifetime = request.urlLifetimeSeconds;
    const keyPrefix = (0,keys/* statusPrefix */.zO)(scope, launchId);
    const indexes = request.withSecrets ? Array.from({ length: request.count }, (_, index) => index) : [];
    const key = (0,keys/* launchConfKey */.t5)(scope, launchId);
    const [bundleUrl, post, secretUrls, confUrl, slotsUrl] = await Promise.all([
        (0,aws_s3/* presignGet */.xW)(s3, bucket, request.bundleKey, Math.min(lifetime, BUNDLE_URL_SECONDS)),
        presignStatusPost(s3, { bucket, keyPrefix, maxBytes: aws_s3/* STATUS_MAX_BYTES */.oU, expiresSeconds: lifetime, kmsKeyId: plan.bucket.kmsKeyId }),
        Promise.all(indexes.map((index) => (0,aws_s3/* presignGet */.xW)(s3, bucket, (0,keys/* sealedKey */.Cs)(scope, launchId, index), lifetime))),
        (0,aws_s3/* presignGet */.xW)(s3, bucket, key, lifetime),
        request.withSecrets ? (0,aws_s3/* presignGet */.xW)(s3, bucket, (0,keys/* launchSlotsKey */.iX)(scope, launchId), lifetime) : Promise.resolve(''),
    ]);
    const text = (0,agent_conf/* renderAgentConf */.eG)(agentSettingsFor(plan, {
        bundleUrl,
        bundleSha256: request.bundleSha256,
        status: { url: post.url, keyPrefix, fields: post.fields },
        ...(request.withSecrets ? { secretUrls, slotsUrl } : {}),
    }));
    const sha256 = sha256Of(text);
    const signed = ['Policy', 'X-Amz-Signature', 'X-Amz-Security-Token'].flatMap((name) => (post.fields[name] ? [post.fields[name]] : []));
    return {
        key,
        text,
        sha256,
        userData: userDataFor(plan, { confUrl, confSha256: sha256 }, request.expiresAt),
        secrets: [bundleUrl, confUrl, ...secretUrls, ...(slotsUrl ? [slotsUrl] : []), ...signed],
    };
}
/** Writes the launch's conf object (encrypted like the bundle) before the launch call that points at it. */
async function uploadLaunchConf(s3, plan, conf) {
    await (0,aws_s3/* putEncryptedObject */.Bo)(s3, { bucket: plan.bucket.name, key: conf.key, body: conf.text, kmsKeyId: plan.bucket.kmsKeyId });
}
/**
 * Removes the conf objects of launches that no instance needs any more: each
 * instance read its conf before it said hello, and a replacement gets a
 * launch of its own. Best effort: the bucket's lifecycle rules and `destroy`
 * remove whatever is left.
 */
async function removeLaunchConfs(s3, plan, launchIds, warn) {
    const scope = (0,keys/* keyScopeOf */.JS)(plan);
    await Promise.all([...new Set(launchIds)]
        .flatMap((launchId) => [(0,keys/* launchConfKey */.t5)(scope, launchId), (0,keys/* launchSlotsKey */.iX)(scope, launchId)])
        .map((key) => (0,aws_s3/* deleteObject */.XR)(s3, plan.bucket.name, key).catch((error) => warn(`could not remove ${key}: ${error instanceof Error ? error.message : String(error)}`))));
}
/**
 * The slot each instance of one launch call reads its sealed part from: its
 * place in the call's answer. Written as `launch/<launchId>.slots` for the
 * agents, and kept by the deployer to seal each hello's part to that slot.
 */
const slotsOf = (instanceIds) => instanceIds.map((id, slot) => [id, slot]);
/** Writes a launch's slot map (`<instance id> <slot>` lines), encrypted like the conf. */
async function uploadLaunchSlots(s3, plan, launchId, slots) {
    const body = slots.map(([id, slot]) => `${id} ${slot}\n`).join('');
    await (0,aws_s3/* putEncryptedObject */.Bo)(s3, {
        bucket: plan.bucket.name,
        key: (0,keys/* launchSlotsKey */.iX)((0,keys/* keyScopeOf */.JS)(plan), launchId),
        body,
        kmsKeyId: plan.bucket.kmsKeyId,
    });
}


/***/ }),

/***/ 8148:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  K7: () => (/* binding */ bundleFileCount),
  Bh: () => (/* binding */ ingressFor),
  JH: () => (/* binding */ prepareDeployment),
  Vm: () => (/* binding */ userDataSizeCheck)
});

// UNUSED EXPORTS: PLACEHOLDER_SHA256, SECRETS_SHA256_PATH, representativeLaunchId, sshAccessFor

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/core/codes.ts
var codes = __webpack_require__(7265);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
;// CONCATENATED MODULE: ./src/bundle/paths.ts
/**
 * Path rules for the bundle: what a source, a destination and an archive
 * path may look like. Kept apart from the file walk so the rules are easy
 * to read and to test.
 */



const hasDotDot = (path) => path.split(/[/\\]/).includes('..');
/** Where the upload's bytes live in the archive: `files/<dest without leading slash>`. */
function archiveBaseFor(upload, index) {
    const { dest } = upload;
    if (!dest.startsWith('/') || hasDotDot(dest) || dest.includes('\0')) {
        throw new errors/* SpotError */.Pl(codes/* CODE */.Sq.unsafeDest, `upload ${index + 1} (${upload.source}): destination "${dest}" must be an absolute path without ".."`, { key: `uploads.${index}.dest`, hint: 'Write the destination as an absolute path on the instance, e.g. /opt/app.' });
    }
    const trimmed = external_node_path_.posix.normalize(dest).replace(/^\/+/, '').replace(/\/+$/, '');
    return trimmed === '' ? 'files' : `files/${trimmed}`;
}
/** The upload's source relative to the project root, normalised; refuses escapes. */
function checkedSource(upload, index) {
    const { source } = upload;
    const absolute = source.startsWith('/') || /^[A-Za-z]:[/\\]/.test(source);
    if (absolute || hasDotDot(source) || source.includes('\0')) {
        throw new errors/* SpotError */.Pl(codes/* CODE */.Sq.pathEscape, `upload ${index + 1}: source "${source}" must be a path inside the project (no absolute path, no "..")`, { key: `uploads.${index}.source`, hint: 'Move the file into the project and name it relative to the project root.' });
    }
    const normal = external_node_path_.posix.normalize(source.replace(/\\/g, '/')).replace(/\/+$/, '');
    return normal === '' ? '.' : normal;
}
/** Extra files are written by our own code, but a bad path must still never escape. */
function checkedExtraPath(path) {
    const normal = external_node_path_.posix.normalize(path);
    if (path.startsWith('/') || hasDotDot(path) || normal.startsWith('files/') || normal === '.') {
        throw new errors/* SpotError */.Pl(codes/* CODE */.Sq.unsafeExtra, `bundle extra file "${path}" must be a relative path outside files/`);
    }
    return normal;
}
/**
 * A symlink is kept only when its target stays inside the upload it belongs
 * to: anything else would point at a different file on the instance than on
 * the machine that built the bundle.
 */
function checkedLinkTarget(target, relPath, projectPath) {
    const resolved = external_node_path_.posix.normalize(external_node_path_.posix.join(external_node_path_.posix.dirname(relPath), target));
    if (target.startsWith('/') || resolved === '..' || resolved.startsWith('../')) {
        throw new errors/* SpotError */.Pl(codes/* CODE */.Sq.pathEscape, `symlink "${projectPath}" points outside the upload (to "${target}")`, {
            position: { file: projectPath },
            hint: 'Replace the link with the file itself, make it relative inside the uploaded folder, or exclude it in .spotignore.',
        });
    }
    return target;
}
/** `0644` style string from a number. */
const octal = (mode) => `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
/** Parses an octal mode string such as `0640` or `640`. */
function parseMode(mode, key) {
    if (!/^0?[0-7]{3,4}$/.test(mode)) {
        throw new errors/* SpotError */.Pl(codes/* CODE */.Sq.badPermissions, `mode "${mode}" is not an octal permission such as 0644`, { key });
    }
    return Number.parseInt(mode, 8);
}

// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./node_modules/tar/dist/esm/index.min.js
var index_min = __webpack_require__(8697);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/bundle/parallel-gzip.ts
/**
 * gzip in independent blocks, compressed in parallel, with the same bytes for
 * any number of cores (as `pigz --independent`): the input is cut into fixed
 * 1 MiB blocks, each block is a raw deflate stream of its own ending in a full
 * flush (so the next one starts on a byte boundary with no shared
 * dictionary), the last one ends the stream, and one gzip header and trailer
 * wrap them all. Node runs asynchronous zlib calls on libuv's thread pool, so
 * keeping several blocks in flight uses every core without worker code of
 * ours; the order of the output never depends on which finishes first.
 *
 * Why not zlib's own gzip stream: it compresses on one thread. Why not a
 * library: pigz-like npm packages shell out to a binary or use worker
 * threads with non-deterministic block boundaries.
 */



const deflate = (0,external_node_util_.promisify)(external_node_zlib_.deflateRaw);
/** Bytes per independent block: large enough that the lost dictionary costs well under 1 % of size. */
const GZIP_BLOCK_BYTES = 1 << 20;
/** gzip header: magic, deflate, no flags, mtime 0, no extra flags, OS Unix (3): the same on every machine. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);
/** Cuts a stream of buffers into exact `size`-byte blocks (the last one shorter). */
async function* fixedBlocks(source, size) {
    let pending = [];
    let pendingBytes = 0;
    for await (const chunk of source) {
        let rest = chunk;
        while (pendingBytes + rest.length >= size) {
            const take = size - pendingBytes;
            pending.push(rest.subarray(0, take));
            yield Buffer.concat(pending, size);
            rest = rest.subarray(take);
            pending = [];
            pendingBytes = 0;
        }
        if (rest.length > 0) {
            pending.push(rest);
            pendingBytes += rest.length;
        }
    }
    yield Buffer.concat(pending, pendingBytes);
}
/**
 * Compresses `source` into one gzip member. Twice `parallel` blocks are in
 * flight: with only `parallel`, a core idles while this thread waits for the
 * oldest block and then reads the next (128 MiB of random data on 2 cores:
 * 1.65 s with 2 in flight, 1.35 s with 4). Memory stays at about
 * 4 × parallel × 1 MiB.
 */
async function* parallelGzip(source, options) {
    const parallel = Math.max(1, options.parallel ?? (0,external_node_os_.availableParallelism)());
    const inFlight = [];
    let crc = 0;
    let length = 0;
    yield GZIP_HEADER;
    // Each block is compressed once the next one exists, so only the real last block ends the stream.
    let previous;
    const start = (block, last) => {
        inFlight.push(deflate(block, { level: options.level, finishFlush: last ? external_node_zlib_.constants.Z_FINISH : external_node_zlib_.constants.Z_FULL_FLUSH }));
    };
    for await (const block of fixedBlocks(source, options.blockBytes ?? GZIP_BLOCK_BYTES)) {
        crc = (0,external_node_zlib_.crc32)(block, crc);
        length += block.length;
        if (previous)
            start(previous, false);
        previous = block;
        if (inFlight.length >= 2 * parallel)
            yield await inFlight.shift();
    }
    start(previous ?? Buffer.alloc(0), true);
    while (inFlight.length > 0)
        yield await inFlight.shift();
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE(length % 2 ** 32, 4);
    yield trailer;
}

;// CONCATENATED MODULE: ./src/bundle/tar-writer.ts
/**
 * Writes a deterministic tar.gz from a list of entries, streaming: a small
 * file is read in one exact-size read, a large one in 1 MiB chunks; every file
 * is hashed on the way through and never held whole in memory when large.
 * Compression runs on every core (parallel-gzip.ts) with the same bytes
 * whatever their number.
 *
 * Why not `tar.create()`: its Pack reads paths, modes, owners and times from
 * the disk and can neither map a source folder to another archive path nor
 * override a mode per entry. We still use the `tar` package for the hard
 * part, the ustar/pax header encoding (`Header`, `Pax`).
 */







/** 2000-01-01T00:00:00Z: a fixed, obviously synthetic time that every tar accepts. */
const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));
/** gzip -6, the default of `gzip` and `tar -czf`, so size and speed compare like for like. */
const GZIP_LEVEL = 6;
const BLOCK = 512;
const READ_CHUNK = 1 << 20;
/**
 * Files up to this size are read whole, in one read of exactly their size: a
 * stream would allocate a 1 MiB buffer for each, which on a tree of many small
 * files (node_modules) costs more time in allocation and GC than in reading.
 */
const SMALL_FILE = READ_CHUNK;
/** Small buffers (headers, padding, tiny files) are batched so zlib sees few large writes. */
const BATCH_BYTES = 1024 * 1024;
const TAR_TYPES = { file: 'File', directory: 'Directory', symlink: 'SymbolicLink' };
/** Header block(s) for one entry; a pax header first when a path is too long for ustar. */
function headerFor(entry) {
    const path = entry.type === 'directory' ? `${entry.path}/` : entry.path;
    const fields = {
        path,
        mode: Number.parseInt(entry.mode, 8),
        uid: 0,
        gid: 0,
        size: entry.type === 'file' ? entry.size : 0,
        mtime: FIXED_MTIME,
        type: TAR_TYPES[entry.type],
        linkpath: entry.linkTarget ?? '',
        uname: '',
        gname: '',
        devmaj: 0,
        devmin: 0,
    };
    const block = Buffer.alloc(BLOCK);
    const needPax = new index_min/* Header */.Y9(fields).encode(block);
    if (!needPax)
        return block;
    const pax = new index_min/* Pax */.un({ path, mtime: FIXED_MTIME, ...(entry.linkTarget ? { linkpath: entry.linkTarget } : {}) });
    return Buffer.concat([pax.encode(), block]);
}
const padding = (size) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
function changedError(entry) {
    return new errors/* SpotError */.Pl(codes/* CODE */.Sq.changedWhileReading, `"${entry.sourcePath}" changed size while it was bundled`, {
        hint: 'Stop whatever is writing to the project folder during the deploy, then run it again.',
    });
}
/** Yields the file's bytes and records their sha256 in `hashes` (also used by file-index.ts, which only hashes). */
async function* fileBytes(entry, hashes) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let read = 0;
    if (entry.content) {
        hash.update(entry.content);
        read = entry.content.length;
        yield entry.content;
    }
    else if (entry.size <= SMALL_FILE) {
        // Synchronous on purpose: an asynchronous read takes four trips through libuv's thread pool
        // (open, stat, read, close), where it queues behind the gzip blocks compressing there.
        const whole = (0,external_node_fs_.readFileSync)(entry.sourcePath);
        if (whole.length !== entry.size)
            throw changedError(entry);
        hash.update(whole);
        read = whole.length;
        yield whole;
    }
    else {
        for await (const chunk of (0,external_node_fs_.createReadStream)(entry.sourcePath, { highWaterMark: READ_CHUNK })) {
            const buffer = chunk;
            read += buffer.length;
            if (read > entry.size)
                throw changedError(entry);
            hash.update(buffer);
            yield buffer;
        }
    }
    if (read !== entry.size)
        throw changedError(entry);
    hashes.set(entry.path, hash.digest('hex'));
}
/**
 * The tar stream: every entry in the given order, then the trailer entry
 * made by `trailer()` once all file hashes are known (the bundle index).
 */
async function* tarBlocks(entries, trailer) {
    const hashes = new Map();
    const all = (async function* () {
        for (const entry of entries) {
            yield headerFor(entry);
            if (entry.type !== 'file')
                continue;
            yield* fileBytes(entry, hashes);
            yield padding(entry.size);
        }
        const last = trailer(hashes);
        yield headerFor(last);
        yield* fileBytes(last, hashes);
        yield padding(last.size);
        yield Buffer.alloc(BLOCK * 2);
    })();
    yield* batched(all);
}
async function* batched(source) {
    let pending = [];
    let pendingBytes = 0;
    for await (const chunk of source) {
        if (chunk.length === 0)
            continue;
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes < BATCH_BYTES)
            continue;
        yield pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
    }
    if (pendingBytes > 0)
        yield Buffer.concat(pending, pendingBytes);
}
/** Hashes and counts the compressed bytes on their way to disk. */
function tap(hash, counter) {
    return async function* (source) {
        for await (const chunk of source) {
            counter.bytes += chunk.length;
            hash.update(chunk);
            yield chunk;
        }
    };
}
/** Writes the tar.gz to `file`; returns the sha256 and size of the compressed bytes. */
async function writeTarGz(file, entries, trailer) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const counter = { bytes: 0 };
    await (0,external_node_stream_promises_.pipeline)(parallelGzip(tarBlocks(entries, trailer), { level: GZIP_LEVEL }), tap(hash, counter), (0,external_node_fs_.createWriteStream)(file));
    return { sha256: hash.digest('hex'), bytes: counter.bytes };
}

;// CONCATENATED MODULE: ./src/bundle/file-index.ts
/**
 * The content sha256 of every file of a bundle, without building it: what
 * an unchanged redeploy needs to know before it spends seconds compressing.
 * Files are read exactly as the archive writer reads them (tar-writer.ts
 * `fileBytes`: one exact-size read for a small file, 1 MiB chunks for a large
 * one, the same "changed while reading" check), several at a time, since on
 * a tree of many small files the time goes into opening them, not hashing.
 */

/** Files read at once: enough to keep the disk and the thread pool busy, few enough to bound memory (≤ 1 MiB each). */
const HASH_PARALLEL = 8;
async function hashFiles(entries, parallel = HASH_PARALLEL) {
    const files = entries.filter((entry) => entry.type === 'file');
    const hashes = new Map();
    let next = 0;
    const worker = async () => {
        while (next < files.length) {
            const entry = files[next];
            next += 1;
            // Only the hash is wanted: the bytes are dropped as they come.
            for await (const chunk of fileBytes(entry, hashes))
                void chunk;
        }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, worker));
    // Insertion order differs with the parallelism; callers look hashes up by path.
    return hashes;
}

// EXTERNAL MODULE: ./node_modules/ignore/index.js
var ignore = __webpack_require__(298);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
// EXTERNAL MODULE: ./src/plan/paths.ts
var paths = __webpack_require__(3935);
;// CONCATENATED MODULE: ./src/bundle/select-files.ts
/**
 * Chooses what goes into the bundle: walks each upload, applies the default
 * excludes, `.spotignore` and the upload's own `exclude`, and decides each
 * entry's archive path and normalised mode. Reads the file system but writes
 * nothing.
 */









const toPosix = (path) => path.split(external_node_path_.sep).join('/');
const isInside = (child, parent) => child === parent || child.startsWith(parent.endsWith(external_node_path_.sep) ? parent : parent + external_node_path_.sep);
/** The default excludes, then the project's rules (read into the Plan), so a rule can re-include with `!`. */
const projectIgnoreOf = (plan) => ignore_default()()
    .add([...paths/* DEFAULT_EXCLUDES */.Wg])
    .add(plan.bundleIgnore.rules);
/** Resolves an upload's source; a symlinked source is followed but must stay in the project. */
function resolveSource(projectRoot, upload, index) {
    const source = checkedSource(upload, index);
    const candidate = (0,external_node_path_.join)(projectRoot, source);
    if (!(0,external_node_fs_.existsSync)(candidate)) {
        throw new errors/* SpotError */.Pl(codes/* CODE */.Sq.missingSource, `upload source "${source}" does not exist in the project`, {
            key: `uploads.${index}.source`,
            hint: `Create ${source} or correct the path; sources are relative to ${projectRoot}.`,
        });
    }
    const real = (0,external_node_fs_.realpathSync)(candidate);
    if (!isInside(real, projectRoot)) {
        throw new errors/* SpotError */.Pl(codes/* CODE */.Sq.pathEscape, `upload source "${source}" is a link that leaves the project`, {
            key: `uploads.${index}.source`,
            hint: 'Copy the file into the project instead of linking to it.',
        });
    }
    return real;
}
/** SPEC §2.2: secrets (by upload or by name) are always 0600, whatever `mode` says; the agent enforces the same. */
function fileMode(upload, stats, index, secret) {
    if (secret)
        return 0o600;
    if (upload.mode !== undefined)
        return parseMode(upload.mode, `uploads.${index}.mode`);
    return stats.mode & 0o100 ? 0o755 : 0o644;
}
function entryFor(ctx, walk, abs, path, stats) {
    const { upload } = walk;
    const projectPath = toPosix((0,external_node_path_.relative)(ctx.projectRoot, abs));
    const secret = upload.secret || (0,paths/* isSecretName */.eh)(projectPath, stats.isDirectory());
    if (stats.isDirectory()) {
        return { path, size: 0, mode: secret ? '0700' : '0755', secret, type: 'directory' };
    }
    if (stats.isFile()) {
        const mode = octal(fileMode(upload, stats, walk.index, secret));
        return { path, size: stats.size, mode, secret, type: 'file', sourcePath: abs };
    }
    throw new errors/* SpotError */.Pl(codes/* CODE */.Sq.unsupportedType, `"${projectPath}" is not a regular file, folder or symlink`, {
        position: { file: projectPath },
        hint: 'Device files, sockets and FIFOs cannot be bundled; exclude it in .spotignore.',
    });
}
async function symlinkEntry(ctx, walk, abs, rel) {
    const projectPath = toPosix((0,external_node_path_.relative)(ctx.projectRoot, abs));
    const linkTarget = checkedLinkTarget(await (0,promises_.readlink)(abs), rel, projectPath);
    const path = `${walk.base}/${rel}`;
    return { path, size: 0, mode: '0777', secret: walk.upload.secret, type: 'symlink', linkTarget };
}
function excluded(ctx, walk, abs, rel, isDir) {
    if (isInside(abs, ctx.outDir))
        return true;
    if (!walk.upload.secret && ctx.secretSources.some((secret) => isInside(abs, secret)))
        return true;
    const suffix = isDir ? '/' : '';
    const projectPath = toPosix((0,external_node_path_.relative)(ctx.projectRoot, abs));
    return ctx.projectIgnore.ignores(projectPath + suffix) || walk.uploadIgnore.ignores(rel + suffix);
}
async function walkFolder(ctx, walk, rel) {
    const dirAbs = rel === '' ? walk.rootAbs : (0,external_node_path_.join)(walk.rootAbs, rel);
    const names = (await (0,promises_.readdir)(dirAbs)).sort();
    for (const name of names) {
        const childRel = rel === '' ? name : `${rel}/${name}`;
        const abs = (0,external_node_path_.join)(dirAbs, name);
        const stats = await (0,promises_.lstat)(abs);
        if (excluded(ctx, walk, abs, childRel, stats.isDirectory()))
            continue;
        if (stats.isSymbolicLink()) {
            ctx.entries.push(await symlinkEntry(ctx, walk, abs, childRel));
            continue;
        }
        ctx.entries.push(entryFor(ctx, walk, abs, `${walk.base}/${childRel}`, stats));
        if (stats.isDirectory())
            await walkFolder(ctx, walk, childRel);
    }
}
async function walkUpload(ctx, upload, index) {
    const rootAbs = resolveSource(ctx.projectRoot, upload, index);
    const base = archiveBaseFor(upload, index);
    const uploadIgnore = ignore_default()().add(upload.exclude);
    const walk = { upload, index, rootAbs, base, uploadIgnore };
    const stats = await (0,promises_.lstat)(rootAbs);
    // An explicitly named source is bundled even if .spotignore would skip it: the user asked for it.
    ctx.entries.push(entryFor(ctx, walk, rootAbs, base, stats));
    if (stats.isDirectory())
        await walkFolder(ctx, walk, '');
    const type = stats.isDirectory() ? 'directory' : 'file';
    return { path: base, dest: upload.dest, type, secret: upload.secret, ...(upload.owner ? { owner: upload.owner } : {}) };
}
/** Same archive path twice: folders merge (the stricter mode wins), anything else is an error. */
function mergeEntries(entries) {
    const byPath = new Map();
    for (const entry of entries) {
        const seen = byPath.get(entry.path);
        if (!seen) {
            byPath.set(entry.path, entry);
        }
        else if (seen.type === 'directory' && entry.type === 'directory') {
            if (entry.secret)
                byPath.set(entry.path, entry);
        }
        else {
            throw new errors/* SpotError */.Pl(codes/* CODE */.Sq.duplicateDest, `two uploads write "/${entry.path.replace(/^files\//, '')}"`, {
                hint: 'Give each upload its own destination, or exclude the file from one of them.',
            });
        }
    }
    return byPath;
}
/** Folders above each entry, so that unpacking never depends on the umask. */
function addAncestors(byPath) {
    for (const path of [...byPath.keys()]) {
        for (let dir = external_node_path_.posix.dirname(path); dir !== '.'; dir = external_node_path_.posix.dirname(dir)) {
            if (byPath.has(dir))
                continue;
            byPath.set(dir, { path: dir, size: 0, mode: '0755', secret: false, type: 'directory' });
        }
    }
}
/** Walks every upload of the plan and returns the entries (unsorted) and the upload roots. */
async function selectUploads(plan, outDir) {
    const projectRoot = (0,external_node_fs_.realpathSync)(plan.projectRoot);
    const uploadsList = plan.manifest.uploads;
    const secretSources = uploadsList
        .map((upload, index) => ({ upload, index }))
        .filter(({ upload }) => upload.secret)
        .map(({ upload, index }) => resolveSource(projectRoot, upload, index));
    const ctx = {
        projectRoot,
        projectIgnore: projectIgnoreOf(plan),
        secretSources,
        outDir: (0,external_node_fs_.existsSync)(outDir) ? (0,external_node_fs_.realpathSync)(outDir) : (0,external_node_path_.resolve)(outDir),
        entries: [],
    };
    const uploads = [];
    for (const [index, upload] of uploadsList.entries())
        uploads.push(await walkUpload(ctx, upload, index));
    return { entries: mergeEntries(ctx.entries), uploads };
}

;// CONCATENATED MODULE: ./src/bundle/size-notice.ts
const LARGE_BUNDLE_BYTES = 50 * 1024 * 1024;
const megabytes = (bytes) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
/** Undefined under the limit; else the notice, naming the three largest folders (files, before compression). */
function largeBundleNotice(entries, limit = LARGE_BUNDLE_BYTES) {
    const files = entries.filter((entry) => entry.type === 'file');
    const total = files.reduce((sum, entry) => sum + entry.size, 0);
    if (total <= limit)
        return undefined;
    const byFolder = new Map();
    for (const entry of files) {
        const parts = entry.path.split('/').slice(0, -1);
        for (let depth = 1; depth <= parts.length; depth += 1) {
            const folder = parts.slice(0, depth).join('/');
            byFolder.set(folder, (byFolder.get(folder) ?? 0) + entry.size);
        }
    }
    const childrenOf = (folder) => [...byFolder.entries()]
        .filter(([other]) => folder === '' ? !other.includes('/') : other.startsWith(`${folder}/`) && !other.slice(folder.length + 1).includes('/'))
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    // Go down while one folder holds nearly everything (files/ → files/opt → files/opt/deployment), then name its heaviest children.
    let at = '';
    for (let next = childrenOf(at)[0]; next && next[1] >= total * 0.9 && childrenOf(next[0]).length > 0; next = childrenOf(at)[0])
        at = next[0];
    const ranked = childrenOf(at)
        .slice(0, 3)
        .map(([folder, size]) => [`/${folder.replace(/^files\//, '')}`, size]);
    const named = ranked.map(([folder, size]) => `${folder} (${megabytes(size)})`).join(', ');
    return `the bundle holds ${megabytes(total)} of files (over ${megabytes(limit)}); largest folders on the instance: ${named}. Exclude what the instance does not need in .spotignore`;
}

;// CONCATENATED MODULE: ./src/bundle/build-bundle.ts
/**
 * Builds the deployment bundle: a deterministic tar.gz holding every upload
 * under `files/<dest>`, the caller's extra files (`.spot-bundle/steps.sh`,
 * `.spot-bundle/env`) and `.spot-bundle/index.json`. The same files give the
 * same bytes and sha256 on any machine, whatever the mtimes, owners or umask.
 */








const BUNDLE_DIR = '.spot-bundle';
const INDEX_PATH = `${BUNDLE_DIR}/index.json`;
const INDEX_VERSION = 1;
function extraEntry(extra, index) {
    const path = checkedExtraPath(extra.path);
    const content = Buffer.from(extra.content, 'utf8');
    const mode = octal(parseMode(extra.mode, `extraFiles.${index}.mode`));
    return { path, size: content.length, mode, secret: extra.secret ?? false, type: 'file', content };
}
/** Byte order, not locale order: the same on every machine. */
const byPath = (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
const publicEntry = ({ path, size, mode, secret, type }) => ({ path, size, mode, secret, type });
/** The index lists every entry with its sha256 and secret flag; never any contents. */
function indexEntry(entries, uploads, hashes) {
    const listed = entries.map((entry) => ({
        ...publicEntry(entry),
        ...(hashes.has(entry.path) ? { sha256: hashes.get(entry.path) } : {}),
        ...(entry.linkTarget ? { linkTarget: entry.linkTarget } : {}),
    }));
    const body = `${JSON.stringify({ version: INDEX_VERSION, entries: listed, uploads }, null, 2)}\n`;
    const content = Buffer.from(body, 'utf8');
    return { path: INDEX_PATH, size: content.length, mode: '0644', secret: false, type: 'file', content };
}
/**
 * Walks the project once: every upload's files, with sizes and modes, but no
 * contents read. Both parts of a bundle (and its index) can share one walk;
 * bad input (a link that leaves the project, a device file) is refused here.
 */
async function selectBundleFiles(plan, outDir) {
    return await selectUploads(plan, (0,external_node_path_.resolve)(outDir));
}
/** Every entry of the archive except the index, sorted by path. */
async function collectEntries(plan, options) {
    const selection = options.selection ?? (await selectUploads(plan, options.outDir));
    // A copy: the extra files of one part must not leak into the shared walk.
    const entries = new Map(selection.entries);
    const { uploads } = selection;
    for (const [index, extra] of options.extraFiles.entries()) {
        const entry = extraEntry(extra, index);
        entries.set(entry.path, entry);
    }
    entries.set(BUNDLE_DIR, { path: BUNDLE_DIR, size: 0, mode: '0755', secret: false, type: 'directory' });
    addAncestors(entries);
    entries.delete(INDEX_PATH);
    return { sorted: inPart([...entries.values()], options.part).sort(byPath), uploads };
}
/** The entries of one part: secret entries go only to the secret part, with the folders above them. */
function inPart(entries, part) {
    if (part === undefined)
        return entries;
    if (part === 'public')
        return entries.filter((entry) => !entry.secret);
    const secret = entries.filter((entry) => entry.secret);
    const above = (dir) => secret.some((entry) => entry.path.startsWith(`${dir.path}/`));
    return [...secret, ...entries.filter((entry) => !entry.secret && entry.type === 'directory' && above(entry))];
}
const sha256Of = (content) => (0,external_node_crypto_.createHash)('sha256')
    .update(content ?? Buffer.alloc(0))
    .digest('hex');
/**
 * The bundle's index (`.spot-bundle/index.json`: every path, mode, size and
 * content sha256, in archive order) without writing the archive: reads and
 * hashes every file, compresses nothing. Its sha256 is the one `buildBundle`
 * reports for the same files, so a deploy can tell that nothing changed
 * before it spends time compressing.
 */
async function indexBundle(plan, options) {
    const { sorted, uploads } = await collectEntries(plan, { ...options, outDir: (0,external_node_path_.resolve)(options.outDir) });
    const index = indexEntry(sorted, uploads, await hashFiles(sorted));
    return { sha256: sha256Of(index.content), entries: [...sorted, index].map(publicEntry) };
}
/**
 * Builds the bundle into `options.outDir` as `<sha256>.tar.gz`. The index
 * comes last in the archive because it records the sha256 of everything
 * before it, computed while those bytes stream through.
 */
async function buildBundle(plan, options) {
    const outDir = (0,external_node_path_.resolve)(options.outDir);
    await (0,promises_.mkdir)(outDir, { recursive: true });
    const { sorted, uploads } = await collectEntries(plan, { ...options, outDir });
    let index;
    const trailer = (hashes) => (index = indexEntry(sorted, uploads, hashes));
    const temporary = (0,external_node_path_.join)(outDir, `.bundle-${process.pid}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`);
    try {
        const { sha256, bytes } = await writeTarGz(temporary, sorted, trailer);
        const file = (0,external_node_path_.join)(outDir, `${sha256}.tar.gz`);
        await (0,promises_.rename)(temporary, file);
        const entries = [...sorted, index].map(publicEntry);
        const notice = largeBundleNotice(entries);
        // From the hashes of the bytes actually archived, not from an earlier look at the files.
        const indexSha256 = sha256Of(index.content);
        return { file, sha256, bytes, indexSha256, entries, notices: notice === undefined ? [] : [notice] };
    }
    catch (error) {
        await (0,promises_.rm)(temporary, { force: true });
        throw error;
    }
}

// EXTERNAL MODULE: ./src/agent/shell-quote.ts
var shell_quote = __webpack_require__(6350);
// EXTERNAL MODULE: ./src/config/env-names.ts
var env_names = __webpack_require__(1572);
;// CONCATENATED MODULE: ./src/agent/steps-script.ts
/**
 * Renders the two files of `.spot-bundle/` that drive the bootstrap agent
 * (templates/bootstrap.sh): `steps.sh`, a list of calls to the agent's `sd_*`
 * functions that the agent sources, and `env`, the deployment's environment.
 * Every value is shell-quoted here, once, so the agent never evaluates user
 * text as code. Contract: docs/bootstrap-agent.md.
 */







const ENV_NAME = env_names/* ENV_NAME_PATTERN */.j;
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
function checkedEnvName(name, where) {
    if (!ENV_NAME.test(name)) {
        throw new errors/* SpotError */.Pl(codes/* CODE */.Sq.badEnvName, `${where}: "${name}" is not a valid environment variable name`, {
            key: where,
            hint: 'Use letters, digits and underscores, not starting with a digit (e.g. APP_PORT).',
        });
    }
    if ((0,env_names/* isShellReservedName */.A)(name)) {
        throw new errors/* SpotError */.Pl(codes/* CODE */.Sq.badEnvName, `${where}: "${name}" is a name bash keeps for itself`, {
            key: where,
            hint: 'Choose another name, e.g. APP_' + name + '.',
        });
    }
    return name;
}
/**
 * The deployment's env file: one `KEY="value"` line per variable, sorted.
 * It is read by bash (`set -a; .`) and by systemd (`EnvironmentFile=`),
 * whose parsers agree on double quotes with exactly `\ " $ \`` escaped
 * (a value may span lines), and disagree on bash's `'it'\''s` idiom.
 */
function renderEnvFile(env) {
    const lines = Object.keys(env)
        .sort(byName)
        .map((name) => `${checkedEnvName(name, 'env')}=${(0,shell_quote/* envFileQuote */.y)(env[name] ?? '')}`);
    return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** `app` → `app.service`; a name that already has a unit suffix is kept. */
const unitName = (name) => (/\.[a-z]+$/.test(name) ? name : `${name}.service`);
/**
 * Services in `after` order; among services that are ready at the same
 * time, the declaration order wins. Names in `after` that are not ours
 * (e.g. `network-online.target`) are systemd's business and are ignored.
 */
function orderServices(services) {
    const names = services.map((service) => unitName(service.name));
    const done = new Set();
    const ordered = [];
    while (ordered.length < services.length) {
        const next = services.findIndex((service, index) => {
            const name = names[index] ?? '';
            if (done.has(name))
                return false;
            return service.after.map(unitName).every((dep) => done.has(dep) || !names.includes(dep) || dep === name);
        });
        if (next === -1) {
            const left = names.filter((name) => !done.has(name));
            throw new errors/* SpotError */.Pl(codes/* CODE */.Sq.serviceCycle, `services ${left.join(', ')} wait for each other in their "after" lists`, {
                key: 'services',
                hint: 'Remove one "after" entry so the services can start one after the other.',
            });
        }
        done.add(names[next] ?? '');
        ordered.push(services[next]);
    }
    return ordered;
}
const call = (name, fn, args) => [`sd_step ${(0,shell_quote/* shellQuote */.Z)(name)} ${fn}`, ...args.map(shell_quote/* shellQuote */.Z)].join(' ');
const hookLines = (phase, hooks, target) => hooks.map((hook, index) => call(`${phase}:${index + 1}`, 'sd_run', [target, 'root', '0', 'command', hook]));
function scriptLine(manifest, script, index) {
    const kind = script.path === undefined ? 'command' : 'script';
    const value = script.path === undefined ? (script.command ?? '') : (0,paths/* instancePath */.VM)(manifest, script.path);
    const name = script.path === undefined ? `script:${index + 1}` : `script:${index + 1}:${external_node_path_.posix.basename(script.path)}`;
    // `KEY=value` words for the agent's `export`, which takes them literally.
    const pairs = Object.keys(script.env)
        .sort(byName)
        .map((key) => `${checkedEnvName(key, `scripts.${index}.env`)}=${script.env[key] ?? ''}`);
    return call(name, 'sd_run', [script.workingDir, script.user, String(script.timeoutSeconds), kind, value, ...pairs]);
}
function healthArgs(health) {
    const timeout = String(health.timeoutSeconds);
    if (health.http !== undefined)
        return ['http', health.http, timeout];
    if (health.tcp !== undefined)
        return ['tcp', String(health.tcp), timeout];
    return ['command', health.command ?? 'true', timeout];
}
function serviceLines(manifest) {
    return orderServices(manifest.services).flatMap((service) => {
        const unit = unitName(service.name);
        const source = service.file === undefined ? ['inline', service.unit ?? ''] : ['file', (0,paths/* instancePath */.VM)(manifest, service.file)];
        const flags = [service.enabled ? 'yes' : 'no', service.start ? 'yes' : 'no'];
        const lines = [call(`service:${unit}`, 'sd_service', [unit, ...flags, ...source])];
        // The unit goes along so that a failed check logs the unit's journal: why it is not answering.
        if (service.health)
            lines.push(call(`health:${unit}`, 'sd_health', [...healthArgs(service.health), unit]));
        return lines;
    });
}
function readinessLines(manifest) {
    const check = manifest.readiness;
    if (check === undefined)
        return [];
    return [call('health_check', 'sd_health_check', [String(check.port), check.path, String(check.expect), String(check.timeoutSeconds)])];
}
/**
 * steps.sh for one bundle: pre_install hooks, packages, tarballs,
 * uploads/secrets, env, scripts, services (+health), compose, post_install
 * hooks, then the project's health_check; on_failure hooks are registered first so any failure can run them.
 * Deterministic: the same manifest gives the same bytes.
 */
function renderStepsScript(manifest) {
    const { hooks, target } = manifest;
    const lines = [
        // Every value is single-quoted on purpose, `$` included: SC2016 is the point.
        '# shellcheck shell=bash disable=SC2016',
        '# Generated by spot-deployer; sourced by the bootstrap agent, which defines the sd_* functions.',
        ...hooks.onFailure.map((hook) => `sd_on_failure ${(0,shell_quote/* shellQuote */.Z)(hook)}`),
        ...hookLines('pre_install', hooks.preInstall, target),
        ...(manifest.packages.length > 0 ? [call('packages', 'sd_packages', manifest.packages)] : []),
        ...manifest.tarballs.map((tarball, index) => call(`tarball:${index + 1}`, 'sd_tarball', [tarball.url, tarball.sha256.replace(/^sha256:/, ''), tarball.extractTo])),
        ...manifest.uploads.map((upload) => {
            const [kind, fn] = upload.secret ? ['secret', 'sd_secret'] : ['upload', 'sd_place'];
            return call(`${kind}:${upload.dest}`, fn, [upload.dest, upload.owner ?? '']);
        }),
        'sd_step env sd_env',
        ...manifest.scripts.map((script, index) => scriptLine(manifest, script, index)),
        ...serviceLines(manifest),
        ...(manifest.compose === undefined ? [] : [call('compose', 'sd_compose', [(0,paths/* instancePath */.VM)(manifest, manifest.compose)])]),
        ...hookLines('post_install', hooks.postInstall, target),
        ...readinessLines(manifest),
    ];
    return `${lines.join('\n')}\n`;
}

// EXTERNAL MODULE: ./src/cloudinit/user-data.ts + 3 modules
var user_data = __webpack_require__(7632);
// EXTERNAL MODULE: ./src/agent/keys.ts
var keys = __webpack_require__(7469);
// EXTERNAL MODULE: ./src/agent/agent-conf.ts
var agent_conf = __webpack_require__(5491);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
;// CONCATENATED MODULE: ./src/aws/offline-s3.ts
/**
 * An S3 client that signs with dummy credentials of real length, for `plan`
 * (and the deploy's first size check) to presign representative URLs
 * without any AWS call: the same endpoint style, region, bucket and key as
 * the deploy, and credentials as long as those of a GitHub OIDC role
 * session. A session token does not compress and is the longest part of a
 * presigned URL, so its length decides the user-data's size.
 */



/** About the length of an STS session token from AssumeRoleWithWebIdentity (GitHub OIDC). */
const REPRESENTATIVE_TOKEN_CHARS = 1000;
/** Fixed pseudo-random base64 (with its `+`, `/`, which URL-encode to 3 characters each, as in a real token). */
function pseudoBase64(seed, length) {
    let text = '';
    for (let block = 0; text.length < length; block += 1)
        text += (0,external_node_crypto_.createHash)('sha256').update(`${seed} ${block}`).digest('base64');
    return text.replaceAll('=', '').slice(0, length);
}
const REPRESENTATIVE_CREDENTIALS = {
    accessKeyId: `ASIA${pseudoBase64('access key', 64)
        .replace(/[^A-Z0-9]/g, '')
        .slice(0, 16)}`,
    secretAccessKey: pseudoBase64('secret key', 40),
    sessionToken: pseudoBase64('session token', REPRESENTATIVE_TOKEN_CHARS),
};
/** The deploy's S3 client settings for `region`, signing with the representative credentials; it never sends a request. */
const offlineS3 = (region, env = process.env) => new dist_cjs.S3Client({ ...(0,clients/* s3ClientOptions */.oW)(region, env), credentials: REPRESENTATIVE_CREDENTIALS });

// EXTERNAL MODULE: ./src/deploy/launch-conf.ts + 1 modules
var launch_conf = __webpack_require__(3463);
// EXTERNAL MODULE: ./src/core/abort-cleanups.ts
var abort_cleanups = __webpack_require__(1207);
;// CONCATENATED MODULE: ./src/deploy/prepare.ts
/**
 * The offline half of a deploy, shared with `plan`: the bundle with its
 * generated steps and the agent, and the user-data checked against EC2's
 * limit with URLs presigned offline, as long as real ones, before any AWS call.
 */














/** The public part's record of the secret part's sha256 (read by the agent's open-secrets step). */
const SECRETS_SHA256_PATH = '.spot-bundle/secrets.sha256';
/** Inbound rules: `network.ingress`, plus port 22 from `ssh.cidr` when SSH is configured. */
function ingressFor(plan) {
    const rules = [...plan.network.ingress];
    if (plan.ssh && !rules.some((rule) => rule.port === 22 && rule.cidr === plan.ssh.cidr && rule.protocol === 'tcp')) {
        rules.push({ port: 22, cidr: plan.ssh.cidr, protocol: 'tcp' });
    }
    return rules;
}
/** Files (and symlinks) in the bundle, folders not counted: the number plan and deploy both report. */
const bundleFileCount = (bundle) => bundle.entries.filter((entry) => entry.type !== 'directory').length;
/** The bundle sha256 as the size check sees it before the bundle exists: 64 hex digits that do not compress. */
const PLACEHOLDER_SHA256 = (0,external_node_crypto_.createHash)('sha256').update('spot-deployer placeholder bundle').digest('hex');
/** A launch id of the shape src/aws/launch.ts gives the first launch call in a region (`<region>-<10 hex>-1`). */
const representativeLaunchId = (region) => `${region}-${'0'.repeat(10)}-1`;
/**
 * User-data as a deploy renders it, with URLs presigned offline by dummy
 * credentials of real length (src/aws/offline-s3.ts) for the first launch
 * call in the bucket's region, checked against EC2's limit. The instance
 * count does not change it (the count lives in the launch's conf object),
 * and the bundle's sha256 neither (it is in the conf too), so a deploy runs
 * it before its first AWS call.
 */
async function userDataSizeCheck(plan, bundleSha256 = PLACEHOLDER_SHA256) {
    const region = plan.regions[0].name;
    const s3 = offlineS3(region);
    try {
        const conf = await (0,launch_conf/* renderLaunchConf */.Uz)({
            s3,
            plan,
            launchId: representativeLaunchId(region),
            count: 1,
            bundleKey: (0,keys/* bundleKey */.CK)((0,keys/* keyScopeOf */.JS)(plan), bundleSha256),
            bundleSha256,
            withSecrets: false,
            urlLifetimeSeconds: (0,launch_conf/* urlLifetimeOf */._c)(plan),
            // Any time with 10 epoch digits (until 2286): the size does not depend on which.
            expiresAt: '2030-01-01T00:00:00.000Z',
        });
        (0,user_data/* assertUserDataFits */.WA)(conf.userData, `the deployment ${plan.deploymentId}`);
        return conf.userData;
    }
    finally {
        s3.destroy();
    }
}
async function prepareDeployment(plan, hooks = {}) {
    const outDir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'spot-deployer-'));
    const remove = () => (0,external_node_fs_.rmSync)(outDir, { recursive: true, force: true });
    // The folder holds the bundle and its secrets: a run stopped by a signal must remove it too.
    const forget = (0,abort_cleanups/* onAbort */.u)(remove);
    const dispose = () => {
        remove();
        forget();
    };
    try {
        return await prepareIn(plan, { outDir, dispose, hooks });
    }
    catch (error) {
        dispose();
        throw error;
    }
}
async function prepareIn(plan, stage) {
    const { outDir, dispose, hooks } = stage;
    const extraFiles = [
        // The agent travels in the public part: the user-data only carries the loader that starts it.
        { path: agent_conf/* BUNDLE_AGENT_PATH */.PK, content: plan.userData.agentScript, mode: '0755' },
        { path: '.spot-bundle/steps.sh', content: renderStepsScript(plan.manifest), mode: '0755' },
        { path: '.spot-bundle/env', content: renderEnvFile(plan.manifest.env), mode: '0600', secret: true },
    ];
    // One walk for both parts and the index.
    const selection = await selectBundleFiles(plan, outDir);
    hooks.onSelected?.();
    const secretBundle = await buildBundle(plan, { outDir: (0,external_node_path_.join)(outDir, 'secret'), extraFiles, part: 'secret', selection });
    // The public part names the secret part's sha256: a changed secret changes the bundle (and its
    // tag, so it redeploys), and the agent checks what it decrypted against the user-data's hash chain.
    const anchor = { path: SECRETS_SHA256_PATH, content: `${secretBundle.sha256}\n`, mode: '0644' };
    const publicOptions = { outDir, extraFiles: [...extraFiles, anchor], part: 'public', selection };
    const bundle = (hooks.reuse ? await reusedBundle(plan, publicOptions, hooks.reuse) : undefined) ?? (await buildBundle(plan, publicOptions));
    const reused = bundle.file === '';
    const sizeCheck = await userDataSizeCheck(plan, bundle.sha256);
    // Presigned URLs change on every run; the fingerprint must not. The conf's other settings (target, ttl) count.
    const specUserData = [
        (0,launch_conf/* userDataFor */.Nc)(plan, { confUrl: 'conf-url', confSha256: 'conf-sha256' }, undefined).text,
        (0,agent_conf/* renderAgentConf */.eG)((0,launch_conf/* agentSettingsFor */.sW)(plan, {
            bundleUrl: 'bundle-url',
            bundleSha256: bundle.sha256,
            status: { url: 'status-url', keyPrefix: 'status-prefix', fields: {} },
        })),
    ].join('\n');
    const hasSecrets = secretBundle.entries.some((entry) => entry.secret && entry.type !== 'directory' && !(entry.path === '.spot-bundle/env' && entry.size === 0));
    return {
        bundle,
        secretBundle,
        hasSecrets,
        bundleKey: (0,keys/* bundleKey */.CK)((0,keys/* keyScopeOf */.JS)(plan), bundle.sha256),
        reused,
        sizeCheck,
        specUserData,
        dispose,
    };
}
/** The stored bundle with the same index, described from the index alone; undefined when there is none. */
async function reusedBundle(plan, options, reuse) {
    const index = await indexBundle(plan, options);
    const stored = await reuse(index.sha256);
    if (!stored)
        return undefined;
    const notice = largeBundleNotice(index.entries);
    return { file: '', ...stored, indexSha256: index.sha256, entries: index.entries, notices: notice === undefined ? [] : [notice] };
}


/***/ })

};
