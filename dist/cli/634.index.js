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
// EXTERNAL MODULE: ./src/core/surface.ts
var surface = __webpack_require__(68);
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

// EXTERNAL MODULE: ./src/core/sanitize.ts
var sanitize = __webpack_require__(9528);
;// CONCATENATED MODULE: ./src/deploy/wait-ready.ts









const warned = new Set();
function warnOnce(trust, message) {
    if (warned.has(message))
        return;
    warned.add(message);
    trust.warn?.(message);
}
/** What the loader writes when it fails after it checked the launch's settings: unsigned, since the key is the agent's. */
const isLoaderReport = (value) => typeof value === 'object' && value !== null && value.loader === true;
/** Instance-supplied text on one line, cut short, with nothing a terminal or the runner would act on. */
const plain = (value) => (0,sanitize/* sanitizedLine */.gN)(String(value ?? ''), 300);
/**
 * An unsigned loader report cannot be believed (anyone who read the user-data
 * could write one), so it does not end the instance's wait: it is shown.
 */
const loaderReportWarning = (key, report) => `${key} (unverified: the loader cannot sign) says instance ${plain(report.instance_id)} failed at ${plain(report.failed_step)}: ${plain(report.log_tail)}`;
/**
 * What one list call covers: the status prefixes of one region's launches
 * share `<folder>status/<region>-`, so their longest common prefix lists
 * them all at once. A launch id of another shape is listed on its own.
 */
function listPrefixes(prefixes) {
    const groups = new Map();
    for (const prefix of new Set(prefixes)) {
        const group = /^(.*\/status\/.+)-[0-9a-f]{10}-\d+\/$/.exec(prefix)?.[1] ?? prefix;
        groups.set(group, [...(groups.get(group) ?? []), prefix]);
    }
    return [...groups.values()].map((members) => members.reduce((common, prefix) => {
        let length = 0;
        while (length < common.length && common[length] === prefix[length])
            length += 1;
        return common.slice(0, length);
    }));
}
/** The status objects under `prefixes`, sorted by key: one list per region, a GET only for what is new or changed. */
async function readStatusObjectsCached(s3, bucket, prefixes, cache) {
    const wanted = (key) => key.endsWith('.json') && prefixes.some((prefix) => key.startsWith(prefix));
    const listed = (await Promise.all(listPrefixes(prefixes).map((prefix) => (0,aws_s3/* listObjects */.L)(s3, bucket, prefix))))
        .flat()
        .filter((object) => wanted(object.key))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return await Promise.all(listed.map(async ({ key, etag }) => {
        const cached = cache.get(key);
        if (cached && etag !== '' && cached.etag === etag)
            return cached.object;
        const object = await (0,aws_s3/* readStatusObject */.WM)(s3, bucket, key);
        cache.set(key, { etag, object });
        return object;
    }));
}
/** Every believable report under the prefixes from one of `ids`: final statuses and hellos. */
async function readReports(s3, bucket, prefixes, ids, trust, cache = new Map()) {
    const reports = { statuses: new Map(), hellos: [] };
    const certificateFor = trust.certificateFor ?? identityCertificates();
    for (const { key, status: value } of await readStatusObjectsCached(s3, bucket, prefixes, cache)) {
        const where = (0,keys/* parseStatusKey */.XX)(trust.scope, key);
        if (isLoaderReport(value)) {
            warnOnce(trust, loaderReportWarning(key, value));
            continue;
        }
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
        // The sealed part's slot: the one the launch's slot map gave the instance (EC2 Fleet repeats launch indexes).
        const index = trust.slotOf?.(id) ?? (typeof report.launch_index === 'number' ? report.launch_index : 0);
        if (report.status === 'hello')
            reports.hellos.push({ instanceId: id, publicKey, launchId: where.launchId, index });
        else if (isBootstrapStatus(report))
            reports.statuses.set(id, report);
    }
    return reports;
}
/** Every final status under the prefixes that belongs to one of `ids` and checks out. */
async function readReportedStatuses(s3, bucket, prefixes, ids, trust) {
    return (await readReports(s3, bucket, prefixes, ids, trust)).statuses;
}
/**
 * Seconds to wait after poll `round` (0-based): 1 s, then every 2 s for
 * about two minutes (most bootstraps report within it, and a late look costs
 * the user the whole interval), then every 5 s. A poll is one list call per
 * region plus a GET of each new or changed report (ETag), so a 15-minute
 * wait is about 210 list calls per region (a fraction of a cent).
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
    const cache = options.cache ?? new Map();
    for (let round = 0;; round += 1) {
        const reports = await readReports(options.s3, options.bucket, options.statusPrefixes, ids, trust, cache);
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
        const left = (0,clock_text/* clockText */.Y)(deadline - options.now());
        options.progress(options.untilHello
            ? `${surface/* WAITING_FOR_SECRETS */.w}: ${greeted.size}/${options.instanceIds.length} asked, ${waiting.length} pending, ${left} left`
            : `waiting for bootstrap: ${statuses.size}/${options.instanceIds.length} reported, ${waiting.length} pending, ${left} left`);
        await options.sleep((options.pollSeconds ?? pollDelaySeconds(round)) * 1000);
    }
}


/***/ })

};
