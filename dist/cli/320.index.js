export const id = 320;
export const ids = [320,201];
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

/***/ 6279:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   logsCommand: () => (/* binding */ logsCommand)
/* harmony export */ });
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(201);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4296);
/* harmony import */ var _deploy_existing_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7634);
/* harmony import */ var _plan_load_project_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1097);
/**
 * `logs` (CLI only): the end of each instance's bootstrap log, as its agent
 * put it in its status object (`log_tail`, the last 4 KB). Read-only: it
 * lists the deployment's instances and reads their status objects once.
 */




/** Reads the log tails of the deployment's instances, or of the one instance asked for. */
async function logsCommand(options, instanceId, deps) {
    const { plan } = await (0,_plan_load_project_js__WEBPACK_IMPORTED_MODULE_2__/* .loadProject */ .g)({ dir: options.dir, overrides: options.overrides, run: deps.run, env: deps.env });
    const pool = new _aws_clients_js__WEBPACK_IMPORTED_MODULE_3__.ClientPool(deps.env);
    try {
        const all = await (0,_deploy_existing_js__WEBPACK_IMPORTED_MODULE_1__/* .findExisting */ .xx)(pool, plan);
        const views = instanceId === undefined ? all : all.filter((view) => view.id === instanceId);
        if (instanceId !== undefined && views.length === 0) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UsageError */ .eb(`instance ${instanceId} is not one of deployment ${plan.deploymentId}'s instances`, `Run spot-deployer status to list them${all.length === 0 ? ' (it has none running)' : ''}.`);
        }
        const statuses = await (0,_deploy_existing_js__WEBPACK_IMPORTED_MODULE_1__/* .readStatusesOf */ .kw)(pool, plan, views);
        const logs = views.map((view) => {
            const status = statuses.get(view.id);
            return {
                id: view.id,
                region: view.region,
                state: view.state,
                bootstrap: status?.status ?? 'pending',
                ...(status?.failed_step ? { failedStep: status.failed_step } : {}),
                ...(status?.finished_at ? { finishedAt: status.finished_at } : {}),
                logTail: status?.log_tail ?? '',
            };
        });
        return { deploymentId: plan.deploymentId, logs };
    }
    finally {
        pool.destroy();
    }
}


/***/ })

};
