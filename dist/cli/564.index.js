export const id = 564;
export const ids = [564,201];
export const modules = {

/***/ 7469:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CK: () => (/* binding */ bundleKey),
/* harmony export */   Cs: () => (/* binding */ sealedKey),
/* harmony export */   JS: () => (/* binding */ keyScopeOf),
/* harmony export */   TL: () => (/* binding */ lockKey),
/* harmony export */   XX: () => (/* binding */ parseStatusKey),
/* harmony export */   cy: () => (/* binding */ statusKey),
/* harmony export */   iR: () => (/* binding */ deploymentFolder),
/* harmony export */   zO: () => (/* binding */ statusPrefix)
/* harmony export */ });
/* unused harmony exports keyOf, repositorySegments */
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
/** One status object per instance of a launch call, by its launch index. */
const statusKey = (scope, launchId, index) => `${statusPrefix(scope, launchId)}${index}.json`;
/** `<folder>deploy.lock`: held by the one deploy of this deployment that is running. */
const lockKey = (scope) => `${deploymentFolder(scope)}deploy.lock`;
/** The secret part sealed to one instance of a launch call (ciphertext only), by its launch index. */
const sealedKey = (scope, launchId, index) => `${deploymentFolder(scope)}${keyOf('sealed', launchId)}/${index}.bin`;
/** Where a status key's launch id and index are: `<folder>status/<launchId>/<index>.json`. */
function parseStatusKey(scope, key) {
    const match = /^status\/([^/]+)\/(\d+)\.json$/.exec(key.slice(deploymentFolder(scope).length));
    return key.startsWith(deploymentFolder(scope)) && match ? { launchId: match[1], index: Number(match[2]) } : undefined;
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

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ClientPool: () => (/* binding */ ClientPool),
/* harmony export */   createClients: () => (/* binding */ createClients)
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
function createClients(region, env = process.env) {
    const common = { region, maxAttempts: maxAttempts(env) };
    return {
        region,
        ec2: new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__/* .EC2Client */ .gu5(common),
        s3: new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__.S3Client({
            ...common,
            forcePathStyle: customS3Endpoint(env),
            // Presigned URLs must work with plain curl: no checksum headers unless required.
            requestChecksumCalculation: 'WHEN_REQUIRED',
            responseChecksumValidation: 'WHEN_REQUIRED',
        }),
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

/***/ 5873:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  WA: () => (/* binding */ assertUserDataFits),
  UW: () => (/* binding */ renderUserData)
});

// UNUSED EXPORTS: USER_DATA_LIMIT

// EXTERNAL MODULE: ./src/core/codes.ts
var codes = __webpack_require__(7265);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/agent/shell-quote.ts
var shell_quote = __webpack_require__(6350);
;// CONCATENATED MODULE: ./src/agent/agent-conf.ts
/**
 * `agent.conf`: the settings cloud-init writes next to the agent, which the
 * agent sources (templates/bootstrap.sh reads exactly these SD_* names).
 * Every value is shell-quoted here, once.
 */

const AGENT_PATH = '/etc/spot-deployer/agent.sh';
const AGENT_CONF_PATH = '/etc/spot-deployer/agent.conf';
function renderAgentConf(settings) {
    const lines = [
        '# Written by spot-deployer; read by agent.sh.',
        `SD_DEPLOYMENT=${(0,shell_quote/* shellQuote */.Z)(settings.deploymentId)}`,
        `SD_BUNDLE_URL=${(0,shell_quote/* shellQuote */.Z)(settings.bundleUrl)}`,
        `SD_BUNDLE_SHA256=${(0,shell_quote/* shellQuote */.Z)(settings.bundleSha256)}`,
        `SD_STATUS_URLS=(${settings.statusUrls.map(shell_quote/* shellQuote */.Z).join(' ')})`,
        ...(settings.secretUrls?.length ? [`SD_SECRET_URLS=(${settings.secretUrls.map(shell_quote/* shellQuote */.Z).join(' ')})`] : []),
        `SD_TARGET=${(0,shell_quote/* shellQuote */.Z)(settings.target)}`,
        `SD_TTL_SECONDS=${Math.max(0, Math.floor(settings.ttlSeconds))}`,
        `SD_IMDS_URL=${(0,shell_quote/* shellQuote */.Z)(settings.imdsUrl ?? 'http://169.254.169.254')}`,
    ];
    return `${lines.join('\n')}\n`;
}

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
const SCRIPT = `set -eu
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
/** The bootcmd entries that arm the TTL for an absolute expiry (ISO 8601). */
function ttlBootcmd(expiresAtIso) {
    const expiresAt = new Date(expiresAtIso);
    if (Number.isNaN(expiresAt.getTime()))
        throw new TypeError(`not an ISO time: ${expiresAtIso}`);
    return [['sh', '-c', SCRIPT, 'spot-deployer-ttl', calendarOf(expiresAt), String(Math.floor(expiresAt.getTime() / 1000))]];
}

;// CONCATENATED MODULE: ./src/cloudinit/user-data.ts
/**
 * Renders the cloud-init user-data: a base template from `templates/`, the
 * bootstrap agent and its settings, written with the YAML library (never by
 * string concatenation). Holds no secret contents: only presigned URLs
 * (short-lived) and the bundle's sha256.
 */







/** EC2 refuses user-data over 16 KiB (before base64). */
const USER_DATA_LIMIT = 16_384;
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
 * The user-data: the base template, then what the agent needs (its script,
 * its settings, the SSH key), then the project's fragment, merged by the
 * rules in merge.ts. Pure: every text it uses was read into the Plan.
 */
function renderUserData(options) {
    const ours = {
        // First, so the TTL holds even when a later module or the agent fails.
        ...(options.settings.expiresAt ? { bootcmd: ttlBootcmd(options.settings.expiresAt) } : {}),
        ...sshKeys(options.ssh),
        write_files: [
            { path: AGENT_PATH, owner: 'root:root', permissions: '0700', content: options.sources.agentScript },
            { path: AGENT_CONF_PATH, owner: 'root:root', permissions: '0600', content: renderAgentConf(options.settings) },
        ],
        // runcmd runs under sh without -e; the agent is a bash script with its own error handling.
        runcmd: [['bash', AGENT_PATH]],
    };
    const withAgent = mergeCloudConfig(options.sources.template.document, ours);
    const document = options.sources.fragment ? mergeCloudConfig(withAgent, options.sources.fragment.document) : withAgent;
    const text = `#cloud-config\n${stringifyForCloudInit(document)}`;
    const plain = Buffer.from(text, 'utf8');
    const gzipped = plain.length > USER_DATA_LIMIT;
    const payload = gzipped ? (0,external_node_zlib_.gzipSync)(plain, { level: 9 }) : plain;
    return { text, payload, gzipped, bytes: payload.length };
}
/** Fails before any AWS call when the user-data cannot fit EC2's limit. */
function assertUserDataFits(rendered, context) {
    if (rendered.bytes <= USER_DATA_LIMIT)
        return;
    throw new errors/* SpotError */.Pl(codes/* CODE */.Sq.userDataTooBig, `user-data for ${context} is ${rendered.bytes} bytes${rendered.gzipped ? ' after gzip' : ''}; EC2 allows ${USER_DATA_LIMIT}`, {
        hint: 'Fewer instances per region (each adds a status URL), a shorter .spot/cloud-init.yaml, or move content into the bundle.',
    });
}


/***/ }),

/***/ 1441:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sW: () => (/* binding */ agentSettingsFor),
  K7: () => (/* binding */ bundleFileCount),
  Bh: () => (/* binding */ ingressFor),
  JH: () => (/* binding */ prepareDeployment),
  sk: () => (/* binding */ sshAccessFor),
  Vm: () => (/* binding */ userDataSizeCheck)
});

// UNUSED EXPORTS: PLACEHOLDER_SHA256, SECRETS_SHA256_PATH

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
        if (service.health)
            lines.push(call(`health:${unit}`, 'sd_health', healthArgs(service.health)));
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

// EXTERNAL MODULE: ./src/cloudinit/user-data.ts + 4 modules
var user_data = __webpack_require__(5873);
// EXTERNAL MODULE: ./src/agent/keys.ts
var keys = __webpack_require__(7469);
// EXTERNAL MODULE: ./src/core/abort-cleanups.ts
var abort_cleanups = __webpack_require__(1207);
;// CONCATENATED MODULE: ./src/deploy/prepare.ts
/**
 * The offline half of a deploy, shared with `plan`: the bundle with its
 * generated steps, and the user-data checked against EC2's limit with
 * placeholder URLs as long as real presigned ones, before any AWS call.
 */










/** The public part's record of the secret part's sha256 (read by the agent's open-secrets step). */
const SECRETS_SHA256_PATH = '.spot-bundle/secrets.sha256';
/**
 * A presigned URL with a session token runs to about 1.3 KB; leave room. The
 * user-data is gzipped and a real URL's token and signature do not compress,
 * so the placeholder must not either (a run of one letter would shrink to a
 * few bytes and make the check, and the size plan reports, too small): fixed
 * pseudo-random base64url, the same on every run.
 */
const PLACEHOLDER_URL = `https://bucket.s3.region.amazonaws.com/${incompressible(1500)}`;
function incompressible(length) {
    let text = '';
    for (let block = 0; text.length < length; block += 1) {
        text += (0,external_node_crypto_.createHash)('sha256').update(`spot-deployer placeholder ${block}`).digest('base64url');
    }
    return text.slice(0, length);
}
/** The SSH public key to install, when the config gives one (`key_name` needs none). */
const sshAccessFor = (plan) => plan.ssh?.publicKey ? { username: plan.ssh.username, publicKey: plan.ssh.publicKey } : undefined;
/** Inbound rules: `network.ingress`, plus port 22 from `ssh.cidr` when SSH is configured. */
function ingressFor(plan) {
    const rules = [...plan.network.ingress];
    if (plan.ssh && !rules.some((rule) => rule.port === 22 && rule.cidr === plan.ssh.cidr && rule.protocol === 'tcp')) {
        rules.push({ port: 22, cidr: plan.ssh.cidr, protocol: 'tcp' });
    }
    return rules;
}
function agentSettingsFor(plan, urls) {
    return {
        ...(urls.expiresAt && plan.ttlSeconds !== 'never' ? { expiresAt: urls.expiresAt } : {}),
        deploymentId: plan.deploymentId,
        bundleUrl: urls.bundleUrl,
        bundleSha256: urls.bundleSha256,
        statusUrls: urls.statusUrls,
        ...(urls.secretUrls ? { secretUrls: urls.secretUrls } : {}),
        target: plan.manifest.target,
        ttlSeconds: plan.ttlSeconds === 'never' ? 0 : plan.ttlSeconds,
    };
}
/** Files (and symlinks) in the bundle, folders not counted: the number plan and deploy both report. */
const bundleFileCount = (bundle) => bundle.entries.filter((entry) => entry.type !== 'directory').length;
/** The bundle sha256 as the size check sees it before the bundle exists: 64 hex digits that do not compress. */
const PLACEHOLDER_SHA256 = (0,external_node_crypto_.createHash)('sha256').update('spot-deployer placeholder bundle').digest('hex');
/**
 * User-data as rendered with placeholder URLs for the largest region, checked
 * against EC2's limit. Needs no bundle (a sha256 is 64 hex digits whatever
 * it is), so a deploy runs it before its first AWS call.
 */
function userDataSizeCheck(plan, bundleSha256 = PLACEHOLDER_SHA256) {
    const largest = Math.max(1, ...plan.regions.map((region) => region.count));
    const ssh = sshAccessFor(plan);
    const sizeCheck = (0,user_data/* renderUserData */.UW)({
        sources: plan.userData,
        ...(ssh ? { ssh } : {}),
        settings: agentSettingsFor(plan, {
            bundleUrl: PLACEHOLDER_URL,
            bundleSha256,
            statusUrls: Array.from({ length: largest }, () => PLACEHOLDER_URL),
            secretUrls: Array.from({ length: largest }, () => PLACEHOLDER_URL),
            // Any time: the rendered size does not depend on which.
            expiresAt: new Date(0).toISOString(),
        }),
    });
    (0,user_data/* assertUserDataFits */.WA)(sizeCheck, `${largest} instance(s) in one region`);
    return sizeCheck;
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
    const sizeCheck = userDataSizeCheck(plan, bundle.sha256);
    const ssh = sshAccessFor(plan);
    // Presigned URLs change on every run; the fingerprint must not.
    const specUserData = (0,user_data/* renderUserData */.UW)({
        sources: plan.userData,
        ...(ssh ? { ssh } : {}),
        settings: agentSettingsFor(plan, { bundleUrl: 'bundle-url', bundleSha256: bundle.sha256, statusUrls: ['status-url'] }),
    }).text;
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
