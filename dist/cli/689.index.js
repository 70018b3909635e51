export const id = 689;
export const ids = [689];
export const modules = {

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

/***/ 9580:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D0: () => (/* binding */ isOwnedBy),
/* harmony export */   Dk: () => (/* reexport safe */ _core_tags_js__WEBPACK_IMPORTED_MODULE_1__.D),
/* harmony export */   EZ: () => (/* binding */ tagValue),
/* harmony export */   Hk: () => (/* binding */ ownerFilters),
/* harmony export */   Kf: () => (/* reexport safe */ _core_tags_js__WEBPACK_IMPORTED_MODULE_1__.K),
/* harmony export */   dc: () => (/* binding */ ownedResourceName),
/* harmony export */   iI: () => (/* binding */ isOfRepository),
/* harmony export */   s3: () => (/* binding */ toTagList),
/* harmony export */   v7: () => (/* binding */ tagSpecifications)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_tags_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2766);
/**
 * Tags identify everything a deployment owns: no local state file is kept,
 * so `status`, `destroy` and `sweep` find resources by these tags alone.
 */



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
    { Name: `tag:${_core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.deployment}`, Values: [owner.deploymentId] },
    ...(owner.repository ? [{ Name: `tag:${_core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.repository}`, Values: [owner.repository] }] : []),
];
/** True when the tags name exactly this deployment of exactly this repository (or, for none, no repository). */
const isOwnedBy = (tags, owner) => tagValue(tags, _core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.deployment) === owner.deploymentId && (tagValue(tags, _core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.repository) ?? '') === owner.repository;
/** True when the tags belong to this repository (any deployment); see `isOwnedBy` for the empty repository. */
const isOfRepository = (tags, repository) => (tagValue(tags, _core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .D.repository) ?? '') === repository;
/**
 * The name of a resource the deployment owns in a region (its security group,
 * its launch template): the deployment id, and the repository hashed, so two
 * repositories' same-named deployments never share one. Both name rules
 * (`[a-zA-Z0-9().\-/_]`, up to 128 characters for templates) hold.
 */
const ownedResourceName = (owner) => owner.repository
    ? `spot-deployer-${owner.deploymentId}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(owner.repository).digest('hex').slice(0, 8)}`
    : `spot-deployer-${owner.deploymentId}`;


/***/ }),

/***/ 5689:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   costOf: () => (/* binding */ costOf),
/* harmony export */   describeAll: () => (/* binding */ describeAll),
/* harmony export */   groupByRegion: () => (/* binding */ groupByRegion),
/* harmony export */   priceBook: () => (/* binding */ priceBook),
/* harmony export */   terminateAll: () => (/* binding */ terminateAll),
/* harmony export */   withPrices: () => (/* binding */ withPrices)
/* harmony export */ });
/* harmony import */ var _aws_instances_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9210);
/* harmony import */ var _aws_pricing_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6163);


const groupByRegion = (instances) => {
    const byRegion = new Map();
    for (const instance of instances)
        byRegion.set(instance.region, [...(byRegion.get(instance.region) ?? []), instance.id]);
    return [...byRegion.entries()];
};
async function describeAll(pool, instances) {
    const views = await Promise.all(groupByRegion(instances).map(([region, ids]) => (0,_aws_instances_js__WEBPACK_IMPORTED_MODULE_0__/* .describeInstances */ .cf)(pool.forRegion(region), ids)));
    return views.flat();
}
/** Terminates instances wherever they are, without waiting; returns what was asked per region. */
async function terminateAll(pool, instances) {
    const groups = groupByRegion(instances);
    await Promise.all(groups.map(([region, ids]) => (0,_aws_instances_js__WEBPACK_IMPORTED_MODULE_0__/* .terminateInstances */ .ch)(pool.forRegion(region), ids, { wait: false })));
    return groups;
}
function priceBook(pool, prefetch = []) {
    const asked = new Map();
    const ask = (region, instanceTypes) => {
        const prices = (0,_aws_pricing_js__WEBPACK_IMPORTED_MODULE_1__/* .readSpotPrices */ .ln)(pool.forRegion(region), [...new Set(instanceTypes)]);
        asked.set(region, { types: new Set(instanceTypes), prices });
        return prices;
    };
    for (const { region, instanceTypes } of prefetch)
        void ask(region, instanceTypes);
    return {
        prices: (region, instanceTypes) => {
            const have = asked.get(region);
            return have && instanceTypes.every((type) => have.types.has(type)) ? have.prices : ask(region, instanceTypes);
        },
    };
}
/** Builds each instance's report and adds its current spot price when it can be read (every region at once). */
async function withPrices(pool, views, build, book = priceBook(pool)) {
    const perRegion = await Promise.all(groupByRegion(views).map(async ([region]) => {
        const here = views.filter((view) => view.region === region);
        const prices = await book.prices(region, [...new Set(here.map((view) => view.instanceType))]);
        return here.map((view) => {
            const report = build(view);
            const price = view.lifecycle === 'spot' ? prices.get((0,_aws_pricing_js__WEBPACK_IMPORTED_MODULE_1__/* .priceKey */ .nr)(view.instanceType, view.availabilityZone)) : undefined;
            return price === undefined ? report : { ...report, price };
        });
    }));
    return perRegion.flat();
}
/** Sum of the known prices, or undefined when no price is known. */
const costOf = (reports) => reports.some((report) => report.price !== undefined)
    ? Number(reports.reduce((sum, report) => sum + (report.price ?? 0), 0).toFixed(6))
    : undefined;


/***/ })

};
