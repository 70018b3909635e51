export const id = 936;
export const ids = [936];
export const modules = {

/***/ 6936:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  executeWithAws: () => (/* binding */ executeWithAws)
});

// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
;// CONCATENATED MODULE: ./src/core/surface.ts
/**
 * How a `wait: running` deploy with secrets words its wait: each instance's
 * hello must be answered with its sealed secret part, which only the deploy
 * can hand over. The terminal adapts its local-endpoint note to it.
 */
const WAITING_FOR_SECRETS = 'waiting for the instances to ask for their secrets';
const realSleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

;// CONCATENATED MODULE: ./src/plan/types.ts
const totalInstances = (plan) => plan.regions.reduce((sum, region) => sum + region.count, 0);

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var dist_cjs = __webpack_require__(5193);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/core/tags.ts
var core_tags = __webpack_require__(2766);
;// CONCATENATED MODULE: ./src/aws/tags.ts
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
    { Name: `tag:${core_tags/* TAG */.D.deployment}`, Values: [owner.deploymentId] },
    ...(owner.repository ? [{ Name: `tag:${core_tags/* TAG */.D.repository}`, Values: [owner.repository] }] : []),
];
/** True when the tags name exactly this deployment of exactly this repository (or, for none, no repository). */
const isOwnedBy = (tags, owner) => tagValue(tags, core_tags/* TAG */.D.deployment) === owner.deploymentId && (tagValue(tags, core_tags/* TAG */.D.repository) ?? '') === owner.repository;
/** True when the tags belong to this repository (any deployment); see `isOwnedBy` for the empty repository. */
const isOfRepository = (tags, repository) => (tagValue(tags, core_tags/* TAG */.D.repository) ?? '') === repository;
/**
 * The name of a resource the deployment owns in a region (its security group,
 * its launch template): the deployment id, and the repository hashed, so two
 * repositories' same-named deployments never share one. Both name rules
 * (`[a-zA-Z0-9().\-/_]`, up to 128 characters for templates) hold.
 */
const ownedResourceName = (owner) => owner.repository
    ? `spot-deployer-${owner.deploymentId}-${(0,external_node_crypto_.createHash)('sha256').update(owner.repository).digest('hex').slice(0, 8)}`
    : `spot-deployer-${owner.deploymentId}`;

;// CONCATENATED MODULE: ./src/aws/instances.ts
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
        launchId: tagValue(instance.Tags, core_tags/* TAG */.D.launchId),
        bundleSha256: tagValue(instance.Tags, core_tags/* TAG */.D.bundleSha256),
        indexSha256: tagValue(instance.Tags, core_tags/* TAG */.D.indexSha256),
        expiresAt: tagValue(instance.Tags, core_tags/* TAG */.D.expiresAt),
        deploymentId: tagValue(instance.Tags, core_tags/* TAG */.D.deployment),
        repository: tagValue(instance.Tags, core_tags/* TAG */.D.repository),
        specSha256: tagValue(instance.Tags, core_tags/* TAG */.D.specSha256),
        pullRequest: tagValue(instance.Tags, core_tags/* TAG */.D.pr),
    };
}
async function describe(clients, input) {
    const views = [];
    let NextToken;
    try {
        do {
            const page = await clients.ec2.send(new dist_cjs/* DescribeInstancesCommand */.bNs({ ...input, NextToken }));
            for (const reservation of page.Reservations ?? []) {
                for (const instance of reservation.Instances ?? [])
                    views.push(toView(clients.region, instance));
            }
            NextToken = page.NextToken;
        } while (NextToken);
    }
    catch (error) {
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:DescribeInstances', resource: clients.region });
    }
    return views.sort((a, b) => a.id.localeCompare(b.id));
}
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down'];
const viewOwnedBy = (view, owner) => isOwnedBy([
    { Key: core_tags/* TAG */.D.deployment, Value: view.deploymentId },
    { Key: core_tags/* TAG */.D.repository, Value: view.repository },
], owner);
/** The deployment's instances in a region that still cost money or may: this deployment id of this repository only. */
const findDeploymentInstances = async (clients, owner, states = LIVE_STATES) => (await describe(clients, { Filters: [...ownerFilters(owner), { Name: 'instance-state-name', Values: states }] })).filter((view) => viewOwnedBy(view, owner));
/** Every live instance spot-deployer launched for `repository` in a region, whatever the deployment. */
const findManagedInstances = async (clients, repository) => (await describe(clients, {
    Filters: [
        { Name: `tag:${core_tags/* TAG */.D.managedBy}`, Values: [core_tags/* MANAGED_BY */.K] },
        ...(repository ? [{ Name: `tag:${core_tags/* TAG */.D.repository}`, Values: [repository] }] : []),
        { Name: 'instance-state-name', Values: LIVE_STATES },
    ],
})).filter((view) => isOfRepository([{ Key: core_tags/* TAG */.D.repository, Value: view.repository }], repository));
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
        const result = await (0,dist_cjs/* waitUntilInstanceRunning */.kAk)({ client: clients.ec2, maxWaitTime, minDelay: 2, maxDelay: 10 }, { InstanceIds: ids });
        const last = result.reason;
        const views = (last?.Reservations ?? [])
            .flatMap((reservation) => reservation.Instances ?? [])
            .map((instance) => toView(clients.region, instance));
        // A page short of any id (should not happen for InstanceIds) is described again by the caller.
        return views.length === ids.length ? views.sort((a, b) => a.id.localeCompare(b.id)) : [];
    }
    catch (error) {
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:DescribeInstances (wait for running)', resource: `${clients.region} ${ids.join(', ')}` });
    }
}
async function terminateInstances(clients, ids, options) {
    if (ids.length === 0)
        return;
    try {
        await clients.ec2.send(new dist_cjs/* TerminateInstancesCommand */.NaF({ InstanceIds: ids }));
        if (options.wait) {
            await (0,dist_cjs/* waitUntilInstanceTerminated */.GJr)({ client: clients.ec2, maxWaitTime: options.maxWaitTime ?? 600, minDelay: 2, maxDelay: 10 }, { InstanceIds: ids });
        }
    }
    catch (error) {
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:TerminateInstances', resource: `${clients.region} ${ids.join(', ')}` });
    }
}

// EXTERNAL MODULE: ./src/core/codes.ts
var codes = __webpack_require__(7265);
// EXTERNAL MODULE: ./src/core/errors.ts
var core_errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/sanitize.ts
var sanitize = __webpack_require__(9528);
;// CONCATENATED MODULE: ./src/deploy/bootstrap-errors.ts
/**
 * What went wrong on the instances, as errors with codes and hints: a
 * bootstrap that failed (SD500, with its step and log tail) and instances
 * that never reported before `ready_timeout` (SD400).
 */



const failuresOf = (statuses) => [...statuses.values()]
    .filter((status) => status.status === 'failed')
    .map((status) => ({ id: status.instance_id, failedStep: status.failed_step ?? 'unknown', logTail: status.log_tail ?? '' }));
const minutes = (seconds) => `${Math.round(seconds / 60)}m`;
function bootstrapErrors(plan, failures, instances) {
    const errors = failures.map((failure) => 
    // The step's name comes from the instance: one plain line, as it goes into annotations and the log as well.
    new core_errors/* SpotError */.Pl(codes/* CODE */.Sq.bootstrapFailed, `the bootstrap of ${failure.id} failed at step ${(0,sanitize/* sanitizedLine */.gN)(failure.failedStep, 200)}`, {
        hint: 'The end of the agent log is in the summary (and in --json as failures); the full log is /var/log/spot-deployer.log on the instance.',
    }));
    const silent = instances.filter((instance) => instance.bootstrap === 'pending').map((instance) => instance.id);
    if (plan.wait === 'ready' && silent.length > 0) {
        errors.push(new core_errors/* SpotError */.Pl(codes/* CODE */.Sq.bootstrapTimeout, `${silent.join(', ')} did not report a bootstrap status within ${minutes(plan.readyTimeoutSeconds)}`, {
            hint: 'Raise ready_timeout (or timeout-minutes) for slow setups; otherwise check the console output and /var/log/cloud-init-output.log: the instance needs outbound HTTPS to S3.',
        }));
    }
    return errors;
}

;// CONCATENATED MODULE: ./src/deploy/decide.ts


/**
 * Same bundle, same launch spec (its fingerprint per region, spec-hash.ts),
 * right count per region, all running: nothing to do. An instance without a
 * fingerprint (launched before it existed) counts as different.
 */
function isUnchanged(regions, existing, wanted) {
    return regions.every((region) => {
        const here = existing.filter((instance) => instance.region === region.name);
        return (here.length === region.count &&
            here.every((instance) => instance.state === 'running' &&
                instance.bundleSha256 === wanted.bundleSha256 &&
                instance.specSha256 !== undefined &&
                instance.specSha256 === wanted.specHashes[region.name]));
    });
}
/**
 * The bundle already running for this file index, so it need not be built
 * again: the bundle sha256 of the live instances tagged with the same index.
 * Undefined when none is, or when they disagree (then the build decides).
 */
function bundleToReuse(existing, indexSha256) {
    const shas = new Set(existing
        .filter((instance) => instance.indexSha256 === indexSha256 && instance.bundleSha256 !== undefined)
        .map((instance) => instance.bundleSha256));
    return shas.size === 1 ? [...shas][0] : undefined;
}
function bootstrapStateOf(wait, id, statuses, reclaimed) {
    if (reclaimed.has(id))
        return 'reclaimed';
    const status = statuses.get(id);
    if (status)
        return status.status;
    return wait === 'ready' ? 'pending' : 'not-waited';
}
/** An instance counts when it did what `wait` asked of it. */
const isGood = (wait, report) => wait === 'ready' ? report.bootstrap === 'ok' : wait === 'none' || report.state === 'running';
function overallStatus(wanted, wait, reports, errorCount) {
    const good = reports.filter((report) => isGood(wait, report)).length;
    if (good >= wanted && errorCount === 0)
        return 'success';
    return good === 0 ? 'failed' : 'partial';
}
/** The error for a launch that found less capacity than wanted and said nothing else. */
function shortfallError(launched, wanted, regions) {
    if (launched >= wanted)
        return undefined;
    return new core_errors/* SpotError */.Pl(codes/* CODE */.Sq.noCapacity, `only ${launched} of ${wanted} instance(s) found spot capacity in ${regions.join(', ')}`, {
        hint: 'Every pool tried is in the capacity attempts table. Add instance types or regions (a region with count: 0 is a fallback), or use market: spot-then-on-demand.',
    });
}
/** When an instance launched now should stop itself; undefined for `ttl: never`. */
const expiresAt = (ttlSeconds, now) => ttlSeconds === 'never' ? undefined : new Date(now.getTime() + ttlSeconds * 1000).toISOString();

// EXTERNAL MODULE: ./src/agent/keys.ts
var keys = __webpack_require__(7469);
// EXTERNAL MODULE: ./src/aws/s3.ts
var aws_s3 = __webpack_require__(1075);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var client_ssm_dist_cjs = __webpack_require__(4736);
;// CONCATENATED MODULE: ./src/aws/ami.ts
/**
 * Resolves `image` (an alias, an AMI id or `ssm:/path`) to an AMI in a
 * region, with the root device name the launch needs for an encrypted root.
 */





const ubuntuArch = (arch) => (arch === 'arm64' ? 'arm64' : 'amd64');
const CANONICAL = '099720109477';
const AMAZON = '137112412989';
const ubuntu = (version, codename) => ({
    ssm: (arch) => `/aws/service/canonical/ubuntu/server/${version}/stable/current/${ubuntuArch(arch)}/hvm/ebs-gp3/ami-id`,
    owner: CANONICAL,
    name: (arch) => `ubuntu/images/hvm-ssd-gp3/ubuntu-${codename}-${version}-${ubuntuArch(arch)}-server-*`,
});
const ALIASES = {
    'ubuntu-24.04': ubuntu('24.04', 'noble'),
    'ubuntu-22.04': ubuntu('22.04', 'jammy'),
    al2023: {
        ssm: (arch) => `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${arch}`,
        owner: AMAZON,
        name: (arch) => `al2023-ami-2023.*-kernel-*-${arch}`,
    },
};
async function readSsmImageId(clients, path) {
    try {
        const result = await clients.ssm.send(new client_ssm_dist_cjs/* GetParameterCommand */.lhy({ Name: path }));
        return result.Parameter?.Value;
    }
    catch (error) {
        if ((0,errors/* awsErrorCode */.J6)(error) === 'ParameterNotFound')
            return undefined;
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ssm:GetParameter', resource: `${clients.region} ${path}` });
    }
}
async function describeImages(clients, input) {
    try {
        return (await clients.ec2.send(new dist_cjs/* DescribeImagesCommand */.ji5(input))).Images ?? [];
    }
    catch (error) {
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:DescribeImages', resource: clients.region });
    }
}
/** Newest by creation date; publishers put the build date in the name, which breaks ties. */
const newest = (images) => [...images].sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? '') || (b.Name ?? '').localeCompare(a.Name ?? ''))[0];
function toResolved(image, source, wanted, region) {
    if (!image?.ImageId) {
        throw new core_errors/* SpotError */.Pl(codes/* CODE */.Sq.imageNotFound, `image ${wanted} was not found in ${region}`, {
            key: 'image',
            hint: 'Use ubuntu-24.04, ubuntu-22.04, al2023, an AMI id that exists in this region, or ssm:/path/to/parameter.',
        });
    }
    return {
        imageId: image.ImageId,
        rootDeviceName: image.RootDeviceName ?? '/dev/xvda',
        name: image.Name ?? image.ImageId,
        source,
    };
}
async function byId(clients, imageId, source, wanted) {
    const images = await describeImages(clients, { ImageIds: [imageId] });
    return toResolved(images[0], source, wanted, clients.region);
}
/**
 * Aliases resolve through the public SSM parameter; where a partition or
 * region lacks it (and on local endpoints) we fall back to the newest image
 * of the publisher's account whose name matches the release.
 */
async function resolveImage(clients, image, arch) {
    if (image.startsWith('ami-'))
        return byId(clients, image, image, image);
    if (image.startsWith('ssm:')) {
        const path = image.slice('ssm:'.length);
        const imageId = await readSsmImageId(clients, path);
        if (!imageId)
            return toResolved(undefined, image, image, clients.region);
        return byId(clients, imageId, image, image);
    }
    const alias = ALIASES[image];
    if (!alias)
        return toResolved(undefined, image, image, clients.region);
    const ssmPath = alias.ssm(arch);
    const fromSsm = await readSsmImageId(clients, ssmPath);
    if (fromSsm) {
        const images = await describeImages(clients, { ImageIds: [fromSsm] }).catch(() => []);
        if (images[0])
            return toResolved(images[0], `ssm:${ssmPath}`, image, clients.region);
    }
    const images = await describeImages(clients, {
        Owners: [alias.owner],
        Filters: [
            { Name: 'name', Values: [alias.name(arch)] },
            { Name: 'architecture', Values: [arch] },
            { Name: 'state', Values: ['available'] },
        ],
    });
    return toResolved(newest(images), `owner ${alias.owner}, name ${alias.name(arch)}`, image, clients.region);
}

;// CONCATENATED MODULE: ./src/aws/fleet-input.ts

/** The data of one launch template version: everything but the pool (type, subnet) and the market. */
function buildLaunchTemplateData(input) {
    const { spec } = input;
    return {
        ImageId: input.image.imageId,
        UserData: input.userData,
        // The TTL shutdown inside the instance must end its bill, not stop it.
        InstanceInitiatedShutdownBehavior: 'terminate',
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: spec.metadataHopLimit },
        BlockDeviceMappings: [
            {
                DeviceName: input.image.rootDeviceName,
                Ebs: { Encrypted: true, VolumeSize: spec.rootVolume.sizeGb, VolumeType: spec.rootVolume.type, DeleteOnTermination: true },
            },
        ],
        // No subnet here: each fleet override names its own.
        NetworkInterfaces: [
            { DeviceIndex: 0, Groups: [input.securityGroupId], AssociatePublicIpAddress: spec.publicIp, DeleteOnTermination: true },
        ],
        ...(spec.keyName ? { KeyName: spec.keyName } : {}),
        ...(spec.iamInstanceProfile
            ? {
                IamInstanceProfile: spec.iamInstanceProfile.startsWith('arn:')
                    ? { Arn: spec.iamInstanceProfile }
                    : { Name: spec.iamInstanceProfile },
            }
            : {}),
        TagSpecifications: tagSpecifications(toTagList(input.tags), ['instance', 'volume', 'network-interface']),
    };
}
/** `allocation` in EC2 Fleet's words: the config's names are the API's. */
const spotAllocationStrategy = (allocation) => allocation;
/**
 * Every instance type × every subnet, types in the order written. On-demand
 * fleets use `prioritized`: the first type written is tried first (priority
 * 0), as the ladder did before Fleet; every subnet of a type has the same
 * priority, so EC2 spreads across AZs within it.
 */
function buildOverrides(instanceTypes, subnets, options) {
    return instanceTypes.flatMap((type, priority) => subnets.map((subnet) => ({
        InstanceType: type,
        SubnetId: subnet.subnetId,
        ...(options.market === 'on-demand' ? { Priority: priority } : {}),
        ...(options.market === 'spot' && options.maxPrice !== undefined ? { MaxPrice: String(options.maxPrice) } : {}),
    })));
}
/** One CreateFleet `instant` for `count` instances of one market. */
function buildFleetInput(input) {
    const { market } = input;
    return {
        Type: 'instant',
        ClientToken: input.clientToken,
        LaunchTemplateConfigs: [
            {
                LaunchTemplateSpecification: { LaunchTemplateId: input.template.id, Version: input.template.version },
                Overrides: buildOverrides(input.instanceTypes, input.subnets, {
                    market,
                    ...(input.spec.maxPrice === undefined ? {} : { maxPrice: input.spec.maxPrice }),
                }),
            },
        ],
        TargetCapacitySpecification: { TotalTargetCapacity: input.count, DefaultTargetCapacityType: market },
        ...(market === 'spot'
            ? { SpotOptions: { AllocationStrategy: spotAllocationStrategy(input.spec.allocation), InstanceInterruptionBehavior: 'terminate' } }
            : { OnDemandOptions: { AllocationStrategy: 'prioritized' } }),
        TagSpecifications: tagSpecifications(toTagList(input.tags), ['fleet']),
    };
}

;// CONCATENATED MODULE: ./src/aws/launch-template.ts
/**
 * The deployment's launch template: one per deployment and region, found by
 * its ownership tags (like the security group) and named from the owner, so
 * two repositories never share one. Each fleet call writes a new version
 * (its user-data points under that call's launch id); `destroy` deletes the
 * template with all its versions.
 */



async function ownedTemplates(clients, owner) {
    const found = await clients.ec2.send(new dist_cjs/* DescribeLaunchTemplatesCommand */.fmI({ Filters: ownerFilters(owner) }));
    return (found.LaunchTemplates ?? []).filter((template) => isOwnedBy(template.Tags, owner));
}
/** The deployment's template in this region, if there is one (read-only: asked together with the image and subnets). */
async function findLaunchTemplate(clients, owner) {
    try {
        const [template] = await ownedTemplates(clients, owner);
        return template?.LaunchTemplateId ? { id: template.LaunchTemplateId } : {};
    }
    catch (error) {
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:DescribeLaunchTemplates', resource: clients.region });
    }
}
/**
 * Writes `data` as a new version of the deployment's template (creating the
 * template, as version 1, when the slot holds none) and returns the version
 * to launch. One call in the usual case.
 */
async function putLaunchTemplateVersion(clients, options) {
    const { slot } = options;
    const name = ownedResourceName(options.owner);
    if (!slot.id) {
        try {
            const created = await clients.ec2.send(new dist_cjs/* CreateLaunchTemplateCommand */.xMu({
                LaunchTemplateName: name,
                LaunchTemplateData: options.data,
                TagSpecifications: tagSpecifications(toTagList(options.tags), ['launch-template']),
            }));
            slot.id = created.LaunchTemplate.LaunchTemplateId;
            return { id: slot.id, version: String(created.LaunchTemplate.LatestVersionNumber ?? 1) };
        }
        catch (error) {
            // Created since the lookup (an earlier round of this run): use it, if it is ours.
            if ((0,errors/* awsErrorCode */.J6)(error) !== 'InvalidLaunchTemplateName.AlreadyExistsException') {
                throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:CreateLaunchTemplate', resource: `${clients.region} ${name}` });
            }
            const found = await findLaunchTemplate(clients, options.owner);
            if (!found.id)
                throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:CreateLaunchTemplate', resource: `${clients.region} ${name}` });
            slot.id = found.id;
        }
    }
    try {
        const version = await clients.ec2.send(new dist_cjs/* CreateLaunchTemplateVersionCommand */.B_$({ LaunchTemplateId: slot.id, LaunchTemplateData: options.data }));
        return { id: slot.id, version: String(version.LaunchTemplateVersion.VersionNumber) };
    }
    catch (error) {
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:CreateLaunchTemplateVersion', resource: `${clients.region} ${slot.id}` });
    }
}
/** Deletes the deployment's templates (all versions) in this region; returns their ids. */
async function deleteLaunchTemplates(clients, owner) {
    let templates;
    try {
        templates = await ownedTemplates(clients, owner);
    }
    catch (error) {
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:DescribeLaunchTemplates', resource: clients.region });
    }
    const deleted = [];
    for (const template of templates) {
        try {
            await clients.ec2.send(new dist_cjs/* DeleteLaunchTemplateCommand */.s9K({ LaunchTemplateId: template.LaunchTemplateId }));
            deleted.push(template.LaunchTemplateId);
        }
        catch (error) {
            if ((0,errors/* awsErrorCode */.J6)(error) === 'InvalidLaunchTemplateId.NotFound')
                continue;
            throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:DeleteLaunchTemplate', resource: `${clients.region} ${template.LaunchTemplateId}` });
        }
    }
    return deleted;
}

;// CONCATENATED MODULE: ./src/aws/launch.ts
/**
 * Gets capacity in one region with EC2 Fleet `instant`: one CreateFleet per
 * market step, every instance type × subnet (AZ) an override of it, so EC2
 * picks the pools (spot with the configured allocation strategy, on-demand
 * by the written type order). Spot first, then on-demand for the shortfall
 * when the market allows it; the per-pool `Errors` of each response become
 * attempts for the summary. A non-capacity error stops at once.
 */







const marketsFor = (market) => market === 'spot' ? ['spot'] : market === 'on-demand' ? ['on-demand'] : ['spot', 'on-demand'];
/** Names one fleet call: its instances report under `status/<launchId>/`. */
const launchIdFor = (base, region, attempt) => `${region}-${(0,external_node_crypto_.createHash)('sha256').update(base).digest('hex').slice(0, 10)}-${attempt}`;
/** EC2 limits ClientToken to 64 ASCII characters. */
const clientToken = (base, attempt) => (0,external_node_crypto_.createHash)('sha256').update(`${base}#${attempt}`).digest('hex').slice(0, 64);
const RANK = { retry: 0, 'next-pool': 1, 'switch-market': 2, stop: 3 };
/** Reads a CreateFleet answer: instances and errors per pool (type × subnet), attempts in the order of the overrides. */
function readFleetResult(output, context) {
    const azOf = (subnetId, az) => context.subnets.find((subnet) => subnet.subnetId === subnetId)?.availabilityZone ?? az ?? '';
    const outcome = { instances: [], attempts: [] };
    const pools = new Map();
    for (const entry of output.Instances ?? []) {
        const override = entry.LaunchTemplateAndOverrides?.Overrides;
        const type = entry.InstanceType ?? override?.InstanceType ?? '';
        const availabilityZone = azOf(override?.SubnetId, override?.AvailabilityZone);
        const lifecycle = entry.Lifecycle === 'spot' || entry.Lifecycle === 'on-demand' ? entry.Lifecycle : context.market;
        const key = `${type}|${availabilityZone}|${lifecycle}`;
        const pool = pools.get(key) ?? { region: context.region, instanceType: type, availabilityZone, market: lifecycle, launched: 0 };
        if (!pools.has(key)) {
            if (override?.SubnetId)
                pool.subnetId = override.SubnetId;
            pools.set(key, pool);
            outcome.attempts.push(pool);
        }
        for (const id of entry.InstanceIds ?? []) {
            pool.launched += 1;
            outcome.instances.push({ id, region: context.region, availabilityZone, instanceType: type, lifecycle, launchId: context.launchId });
        }
    }
    for (const error of output.Errors ?? []) {
        const override = error.LaunchTemplateAndOverrides?.Overrides;
        const code = error.ErrorCode ?? 'Unknown';
        const message = error.ErrorMessage ?? '';
        const availabilityZone = azOf(override?.SubnetId, override?.AvailabilityZone);
        const type = override?.InstanceType ?? '';
        outcome.attempts.push({
            region: context.region,
            instanceType: type,
            availabilityZone,
            ...(override?.SubnetId ? { subnetId: override.SubnetId } : {}),
            market: error.Lifecycle === 'on-demand' || error.Lifecycle === 'spot' ? error.Lifecycle : context.market,
            launched: 0,
            errorCode: code,
            message,
        });
        const decision = (0,errors/* classifyAwsError */.u3)(code);
        if (!outcome.worst || RANK[decision] > RANK[outcome.worst.decision]) {
            outcome.worst = { decision, code, message, pool: `${type} ${availabilityZone}`.trim() };
        }
    }
    return outcome;
}
/** The whole call failed (no per-pool answer): one attempt that names every pool it asked for. */
function failedCall(request, market, error) {
    const code = (0,errors/* awsErrorCode */.J6)(error);
    const message = (0,errors/* awsErrorMessage */.X_)(error);
    const attempt = {
        region: request.clients.region,
        instanceType: request.instanceTypes.join(', '),
        availabilityZone: request.subnets.map((subnet) => subnet.availabilityZone).join(', '),
        market,
        launched: 0,
        errorCode: code,
        message,
    };
    return { instances: [], attempts: [attempt], worst: { decision: (0,errors/* classifyAwsError */.u3)(code), code, message, pool: 'every pool' } };
}
/** One market step: a template version with this call's user-data, then one CreateFleet for `count`. */
async function fleetStep(request, step) {
    const region = request.clients.region;
    const launchId = launchIdFor(request.clientTokenBase, region, step.attempt);
    const { userData, written } = await request.userDataFor(launchId, step.count);
    // All three settle before a failure stands: the conf object is never written after the region has given up.
    const [template, ...writes] = await Promise.allSettled([
        putLaunchTemplateVersion(request.clients, {
            owner: request.owner,
            slot: request.launchTemplate,
            tags: request.templateTags,
            data: buildLaunchTemplateData({
                spec: request.spec,
                image: request.image,
                securityGroupId: request.securityGroupId,
                tags: { ...request.tags, [core_tags/* TAG */.D.launchId]: launchId },
                userData,
            }),
        }),
        written,
        request.ingress,
    ]);
    if (template.status === 'rejected')
        throw template.reason;
    for (const write of writes)
        if (write.status === 'rejected')
            throw write.reason;
    const input = buildFleetInput({
        spec: request.spec,
        market: step.market,
        count: step.count,
        instanceTypes: request.instanceTypes,
        subnets: request.subnets,
        template: template.value,
        clientToken: clientToken(request.clientTokenBase, step.attempt),
        tags: { ...request.templateTags, [core_tags/* TAG */.D.launchId]: launchId },
    });
    try {
        const output = await request.clients.ec2.send(new dist_cjs/* CreateFleetCommand */.igL(input));
        return readFleetResult(output, { region, market: step.market, launchId, subnets: request.subnets });
    }
    catch (error) {
        return failedCall(request, step.market, error);
    }
}
/** The ladder's error for a step that ended short: named by the API action and the pool. */
function stepError(request, market, worst) {
    const failure = Object.assign(new Error(worst.message), { name: worst.code });
    return (0,errors/* wrapAwsError */.AH)(failure, { action: 'ec2:CreateFleet', resource: `${request.clients.region} ${worst.pool} ${market}` });
}
/** Launches `count` instances in one region: a spot fleet, then an on-demand fleet for what is missing (when allowed). */
async function launchInRegion(request) {
    const instances = [];
    const attempts = [];
    const markets = marketsFor(request.spec.market);
    for (const [index, market] of markets.entries()) {
        const remaining = request.count - instances.length;
        if (remaining <= 0)
            break;
        let outcome;
        try {
            outcome = await fleetStep(request, { market, count: remaining, attempt: index + 1 });
        }
        catch (error) {
            // The user-data or the template version could not be written: keep what earlier steps launched.
            return {
                instances,
                attempts,
                error: (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:CreateFleet', resource: `${request.clients.region} ${market}` }),
            };
        }
        instances.push(...outcome.instances);
        attempts.push(...outcome.attempts);
        if (outcome.instances.length > 0)
            request.onLaunched?.(outcome.instances);
        const short = instances.length < request.count;
        const worst = outcome.worst;
        if (!worst || !short)
            continue;
        // Capacity: this step got what it could; the next market (or the next region) asks for the rest.
        if (worst.decision === 'next-pool' || worst.decision === 'retry')
            continue;
        // A spot quota applies to every spot pool: on-demand when allowed, else stop with the quota named.
        const onDemandNext = markets[index + 1] === 'on-demand';
        if (worst.decision === 'switch-market' && onDemandNext)
            continue;
        return { instances, attempts, error: stepError(request, market, worst) };
    }
    return { instances, attempts };
}

;// CONCATENATED MODULE: ./src/aws/network.ts
/**
 * The network an instance lands in: the VPC and its subnets (one pool per
 * AZ), and a security group owned by the deployment that opens only the
 * configured ports to the configured CIDRs, and only those: every deploy
 * reconciles the rules with the config. With no ingress configured the
 * group has no inbound rules at all.
 */





async function findVpcId(clients, vpc) {
    const input = vpc === 'default' ? { Filters: [{ Name: 'is-default', Values: ['true'] }] } : { VpcIds: [vpc] };
    let vpcs;
    try {
        vpcs = (await clients.ec2.send(new dist_cjs/* DescribeVpcsCommand */.Dti(input))).Vpcs ?? [];
    }
    catch (error) {
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:DescribeVpcs', resource: `${clients.region} ${vpc}` });
    }
    const found = vpcs[0]?.VpcId;
    if (!found) {
        throw new core_errors/* SpotError */.Pl(codes/* CODE */.Sq.noNetwork, `no ${vpc === 'default' ? 'default VPC' : `VPC ${vpc}`} in ${clients.region}`, {
            key: 'network.vpc',
            hint: 'Create a default VPC (`aws ec2 create-default-vpc`) or set network.vpc and network.subnets in .spot/config.yaml.',
        });
    }
    return found;
}
const listedSubnetsNotThere = (region, detail) => new core_errors/* SpotError */.Pl(codes/* CODE */.Sq.noNetwork, `a subnet listed for ${region} is not there: ${detail}`, {
    key: 'network.subnets',
    hint: `List subnet ids of ${region} (\`aws ec2 describe-subnets --region ${region}\`).`,
});
async function describeSubnets(clients, input, resource) {
    try {
        return (await clients.ec2.send(new dist_cjs/* DescribeSubnetsCommand */.jSW(input))).Subnets ?? [];
    }
    catch (error) {
        if (input.SubnetIds && (0,errors/* awsErrorCode */.J6)(error) === 'InvalidSubnetID.NotFound')
            throw listedSubnetsNotThere(clients.region, (0,errors/* awsErrorMessage */.X_)(error));
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:DescribeSubnets', resource: `${clients.region} ${resource}` });
    }
}
/** One subnet per availability zone (a zone's default subnet first, then the lowest id), ordered by zone. */
function onePerZone(described) {
    const byZone = new Map();
    const ordered = [...described].sort((a, b) => Number(b.DefaultForAz ?? false) - Number(a.DefaultForAz ?? false) || (a.SubnetId ?? '').localeCompare(b.SubnetId ?? ''));
    for (const subnet of ordered) {
        const zone = subnet.AvailabilityZone;
        if (zone && subnet.SubnetId && !byZone.has(zone))
            byZone.set(zone, { subnetId: subnet.SubnetId, availabilityZone: zone });
    }
    return [...byZone.values()].sort((a, b) => a.availabilityZone.localeCompare(b.availabilityZone));
}
/** The VPC of listed subnets: theirs, which must be one, and `network.vpc` when that is set. */
function vpcOfListed(region, described, vpc) {
    const vpcs = [...new Set(described.map((subnet) => subnet.VpcId ?? ''))];
    if (vpcs.length > 1) {
        throw new core_errors/* SpotError */.Pl(codes/* CODE */.Sq.noNetwork, `the subnets listed for ${region} are in ${vpcs.length} VPCs (${vpcs.join(', ')})`, {
            key: 'network.subnets',
            hint: "List subnets of one VPC per region: the deployment's security group lives in one VPC.",
        });
    }
    if (vpc !== 'default' && vpcs[0] !== undefined && vpcs[0] !== vpc) {
        throw new core_errors/* SpotError */.Pl(codes/* CODE */.Sq.noNetwork, `the subnets listed for ${region} are in ${vpcs[0]}, not in network.vpc ${vpc}`, {
            key: 'network.subnets',
            hint: 'List subnets of network.vpc, or set network.vpc to their VPC.',
        });
    }
    return vpcs[0];
}
/**
 * One subnet per availability zone: each is a separate capacity pool. One
 * request in the usual case, so a far region spends one round trip here: the
 * default VPC is found through its zones' default subnets, a named VPC
 * through its subnets, listed subnets name their own VPC. DescribeVpcs is
 * asked only to tell "no such VPC" from "a VPC without subnets", or for a
 * default VPC whose default subnets were deleted.
 */
async function findSubnets(clients, network, regionSubnets) {
    const explicit = regionSubnets !== 'auto' ? regionSubnets : network.subnets !== 'auto' ? network.subnets : undefined;
    let described;
    let vpcId;
    if (explicit) {
        described = await describeSubnets(clients, { SubnetIds: explicit }, explicit.join(', '));
        vpcId = vpcOfListed(clients.region, described, network.vpc);
    }
    else if (network.vpc === 'default') {
        described = await describeSubnets(clients, { Filters: [{ Name: 'default-for-az', Values: ['true'] }] }, 'default subnets');
        vpcId = described[0]?.VpcId;
    }
    else {
        described = await describeSubnets(clients, { Filters: [{ Name: 'vpc-id', Values: [network.vpc] }] }, network.vpc);
        vpcId = network.vpc;
    }
    if (vpcId === undefined || described.length === 0) {
        if (explicit)
            throw listedSubnetsNotThere(clients.region, `none of ${explicit.join(', ')} was found`);
        // Say which is missing, the VPC or its subnets; a default VPC without default subnets may still have others.
        vpcId = await findVpcId(clients, network.vpc);
        if (network.vpc === 'default') {
            described = await describeSubnets(clients, { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }, vpcId);
        }
    }
    const subnets = onePerZone(described);
    if (subnets.length === 0) {
        throw new core_errors/* SpotError */.Pl(codes/* CODE */.Sq.noNetwork, `VPC ${vpcId} in ${clients.region} has no subnets`, {
            key: 'network.subnets',
            hint: 'Add a subnet to the VPC or list subnets in network.subnets.',
        });
    }
    return { vpcId, subnets };
}
async function ownedGroups(clients, owner, vpcId) {
    const groups = await clients.ec2.send(new dist_cjs/* DescribeSecurityGroupsCommand */.jsQ({
        Filters: [...ownerFilters(owner), ...(vpcId ? [{ Name: 'vpc-id', Values: [vpcId] }] : [])],
    }));
    return (groups.SecurityGroups ?? []).filter((group) => isOwnedBy(group.Tags, owner));
}
/**
 * The deployment's security groups in every VPC of the region. Read-only and
 * needs no VPC id, so a deploy asks it at the same time as the image and the
 * subnets, and `provideSecurityGroup` picks the one in the chosen VPC.
 */
async function findOwnedGroups(clients, owner) {
    try {
        return await ownedGroups(clients, owner);
    }
    catch (error) {
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:DescribeSecurityGroups', resource: clients.region });
    }
}
const permissionKey = (rule) => JSON.stringify([rule.protocol, rule.fromPort, rule.toPort, rule.source]);
/** Flattens EC2's grouped permissions into one entry per source. */
function flattenPermissions(permissions) {
    return permissions.flatMap((permission) => {
        const base = { protocol: permission.IpProtocol ?? '-1', fromPort: permission.FromPort, toPort: permission.ToPort };
        return [
            ...(permission.IpRanges ?? []).map((range) => ({ ...base, source: { cidr: range.CidrIp ?? '' } })),
            ...(permission.Ipv6Ranges ?? []).map((range) => ({ ...base, source: { cidrV6: range.CidrIpv6 ?? '' } })),
            ...(permission.UserIdGroupPairs ?? []).map((pair) => ({ ...base, source: { group: pair.GroupId ?? '' } })),
            ...(permission.PrefixListIds ?? []).map((list) => ({ ...base, source: { prefixList: list.PrefixListId ?? '' } })),
        ];
    });
}
const wanted = (rule) => ({
    protocol: rule.protocol,
    fromPort: rule.port,
    toPort: rule.port,
    source: { cidr: rule.cidr },
});
/** What to add and what to take away so the group holds exactly the configured rules. Pure. */
function ingressChanges(current, rules) {
    const have = flattenPermissions(current);
    const want = rules.map(wanted);
    const haveKeys = new Set(have.map(permissionKey));
    const wantKeys = new Set(want.map(permissionKey));
    const unique = (list) => [...new Map(list.map((rule) => [permissionKey(rule), rule])).values()];
    return {
        add: unique(want.filter((rule) => !haveKeys.has(permissionKey(rule)))),
        revoke: unique(have.filter((rule) => !wantKeys.has(permissionKey(rule)))),
    };
}
const toIpPermission = (rule) => ({
    IpProtocol: rule.protocol,
    ...(rule.fromPort === undefined ? {} : { FromPort: rule.fromPort }),
    ...(rule.toPort === undefined ? {} : { ToPort: rule.toPort }),
    ...('cidr' in rule.source ? { IpRanges: [{ CidrIp: rule.source.cidr, Description: 'spot-deployer network.ingress' }] } : {}),
    ...('cidrV6' in rule.source ? { Ipv6Ranges: [{ CidrIpv6: rule.source.cidrV6 }] } : {}),
    ...('group' in rule.source ? { UserIdGroupPairs: [{ GroupId: rule.source.group }] } : {}),
    ...('prefixList' in rule.source ? { PrefixListIds: [{ PrefixListId: rule.source.prefixList }] } : {}),
});
/**
 * Makes the group's inbound rules exactly the configured ones: missing rules
 * are added, anything else (a narrowed CIDR, a removed port, a rule added by
 * hand) is revoked. Runs on every deploy, so a run that died between
 * creating the group and authorizing its rules is repaired by the next.
 */
async function reconcileIngress(clients, group, rules) {
    const { add, revoke } = ingressChanges(group.IpPermissions ?? [], rules);
    if (revoke.length > 0) {
        await clients.ec2.send(new dist_cjs/* RevokeSecurityGroupIngressCommand */.eo3({ GroupId: group.GroupId, IpPermissions: revoke.map(toIpPermission) }));
    }
    if (add.length > 0) {
        await clients.ec2.send(new dist_cjs/* AuthorizeSecurityGroupIngressCommand */.N8i({ GroupId: group.GroupId, IpPermissions: add.map(toIpPermission) }));
    }
}
/**
 * The deployment's security group, found or created (idempotent by tag),
 * with its rules still being brought in line with the config (`ingress`):
 * a launch template can name the group while its rules are written, and
 * only the launch itself waits for them. A rejected `ingress` is handled by
 * whoever awaits it; `created` says this call made the group (not reused it).
 */
async function provideSecurityGroup(clients, options) {
    // Group names are unique per VPC.
    const name = ownedResourceName(options.owner);
    let group;
    let created = false;
    try {
        group = options.owned
            ? options.owned.find((candidate) => candidate.VpcId === options.vpcId)
            : (await ownedGroups(clients, options.owner, options.vpcId))[0];
        if (!group) {
            try {
                const made = await clients.ec2.send(new dist_cjs/* CreateSecurityGroupCommand */.x3C({
                    GroupName: name,
                    Description: `spot-deployer ${options.owner.deploymentId}: ingress only as configured`,
                    VpcId: options.vpcId,
                    TagSpecifications: tagSpecifications(toTagList(options.tags), ['security-group']),
                }));
                group = { GroupId: made.GroupId, IpPermissions: [] };
                created = true;
            }
            catch (error) {
                // Created since `owned` was looked up (by the deploy that held the lock before this one):
                // asking EC2 to create it answers that in the same round trip a second lookup would take.
                if ((0,errors/* awsErrorCode */.J6)(error) !== 'InvalidGroup.Duplicate')
                    throw error;
                group = (await ownedGroups(clients, options.owner, options.vpcId))[0];
                if (!group)
                    throw error;
            }
        }
    }
    catch (error) {
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:CreateSecurityGroup', resource: `${clients.region} ${name}` });
    }
    const groupId = group.GroupId;
    const ingress = reconcileIngress(clients, group, options.ingress).catch((error) => {
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:AuthorizeSecurityGroupIngress', resource: `${clients.region} ${groupId}` });
    });
    ingress.catch(() => undefined);
    return { groupId, created, ingress };
}
/** Deletes the deployment's security groups; a group still in use is retried by the caller later. */
async function deleteSecurityGroups(clients, owner) {
    let groups;
    try {
        groups = await ownedGroups(clients, owner);
    }
    catch (error) {
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:DescribeSecurityGroups', resource: clients.region });
    }
    const deleted = [];
    for (const group of groups)
        if (await deleteSecurityGroup(clients, group.GroupId))
            deleted.push(group.GroupId);
    return deleted;
}
/** Deletes one group; false when an instance or interface still uses it (the caller retries later). */
async function deleteSecurityGroup(clients, groupId) {
    try {
        await clients.ec2.send(new dist_cjs/* DeleteSecurityGroupCommand */.yEh({ GroupId: groupId }));
        return true;
    }
    catch (error) {
        if ((0,errors/* awsErrorCode */.J6)(error) === 'DependencyViolation')
            return false;
        throw (0,errors/* wrapAwsError */.AH)(error, { action: 'ec2:DeleteSecurityGroup', resource: `${clients.region} ${groupId}` });
    }
}

// EXTERNAL MODULE: ./src/cloudinit/user-data.ts + 3 modules
var user_data = __webpack_require__(7632);
// EXTERNAL MODULE: ./src/deploy/prepare.ts + 9 modules
var prepare = __webpack_require__(8148);
// EXTERNAL MODULE: ./src/deploy/launch-conf.ts + 1 modules
var launch_conf = __webpack_require__(3463);
;// CONCATENATED MODULE: ./src/core/clock-text.ts
/** A running time for progress lines: `45s`, `2m05s`, `1h02m`. */
function clockText(milliseconds) {
    const seconds = Math.max(0, Math.round(milliseconds / 1000));
    const pad = (value) => String(value).padStart(2, '0');
    if (seconds < 60)
        return `${seconds}s`;
    if (seconds < 3600)
        return `${Math.floor(seconds / 60)}m${pad(seconds % 60)}s`;
    return `${Math.floor(seconds / 3600)}h${pad(Math.floor((seconds % 3600) / 60))}m`;
}

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
            if (!statuses.has(view.id) && gone && wasReclaimedBySpot(view))
                reclaimed.set(view.id, view);
        }
        const waiting = pending();
        if (waiting.length === 0)
            return { statuses, reclaimed: [...reclaimed.values()], timedOut: [] };
        if (options.now() >= deadline)
            return { statuses, reclaimed: [...reclaimed.values()], timedOut: waiting };
        const left = clockText(deadline - options.now());
        options.progress(options.untilHello
            ? `${WAITING_FOR_SECRETS}: ${greeted.size}/${options.instanceIds.length} asked, ${waiting.length} pending, ${left} left`
            : `waiting for bootstrap: ${statuses.size}/${options.instanceIds.length} reported, ${waiting.length} pending, ${left} left`);
        await options.sleep((options.pollSeconds ?? pollDelaySeconds(round)) * 1000);
    }
}

;// CONCATENATED MODULE: ./src/deploy/existing.ts
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
    const perRegion = await Promise.all(plan.regions.map((region) => findDeploymentInstances(pool.forRegion(region.name), ownerOf(plan))));
    return perRegion.flat();
}
/** What each instance's agent reported, read once (no waiting). */
async function readStatusesOf(pool, plan, views) {
    const prefixes = [...new Set(views.flatMap((view) => (view.launchId ? [(0,keys/* statusPrefix */.zO)((0,keys/* keyScopeOf */.JS)(plan), view.launchId)] : [])))];
    const launchIds = new Map(views.map((view) => [view.id, view.launchId]));
    return readReportedStatuses(pool.forRegion(plan.regions[0].name).s3, plan.bucket.name, prefixes, new Set(launchIds.keys()), {
        scope: (0,keys/* keyScopeOf */.JS)(plan),
        launchIdOf: (id) => launchIds.get(id),
    });
}

;// CONCATENATED MODULE: ./src/deploy/deploy-region.ts
/**
 * Everything one region needs before and during launch: the image, the
 * subnets (capacity pools), the deployment's security group and launch template (`prepareRegion`,
 * started by the deploy before the bundle is built), and the ladder. Each
 * fleet call gets its own settings object (`launch/<launchId>.conf`: the
 * bundle URL, the status grant under that call's launch id, the sealed-secret
 * URLs) and a user-data of constant size that points at it.
 */












/**
 * The region's lookups, all at once (image ∥ subnets ∥ the deployment's
 * security groups ∥ its launch template), and its security group, created
 * when missing as soon as the subnets named the VPC and the groups were
 * looked up, while the image is still being resolved: in a far region each
 * round trip is a quarter of a second. Creating is a write, so it also waits
 * for `writes` (the deploy holds its lock, so the bundle's files were chosen
 * without error). The group's rules are written while the launch template
 * is: only the fleet call waits for them. Nothing here depends on the bundle.
 */
async function prepareRegion(clients, plan, region, options) {
    const owner = ownerOf(plan);
    const network = findSubnets(clients, plan.network, region.subnets);
    const securityGroup = Promise.all([network, findOwnedGroups(clients, owner), options.writes]).then(([{ vpcId }, owned]) => 
    // None found before the lock: another deploy may have created it since; the create call says so (Duplicate).
    provideSecurityGroup(clients, {
        vpcId,
        owner,
        ingress: (0,prepare/* ingressFor */.Bh)(plan),
        tags: options.tags,
        owned,
    }));
    const settled = await Promise.allSettled([
        resolveImage(clients, region.image, plan.architecture),
        network,
        findLaunchTemplate(clients, owner),
        securityGroup,
    ]);
    const [image, subnets, launchTemplate, group] = settled;
    if (image.status === 'fulfilled' &&
        subnets.status === 'fulfilled' &&
        launchTemplate.status === 'fulfilled' &&
        group.status === 'fulfilled') {
        return {
            image: image.value,
            subnets: subnets.value.subnets,
            securityGroupId: group.value.groupId,
            ingress: group.value.ingress,
            launchTemplate: launchTemplate.value,
        };
    }
    // A lookup failed (an image not in this region, say) after the group was made: nothing launches here, so it goes again.
    if (group.status === 'fulfilled' && group.value.created) {
        await group.value.ingress.catch(() => undefined);
        await deleteSecurityGroup(clients, group.value.groupId).catch(() => false);
    }
    throw settled.find((outcome) => outcome.status === 'rejected').reason;
}
async function deployRegion(request) {
    const { plan, region, clients } = request;
    const result = {
        region: region.name,
        instances: [],
        attempts: [],
        statusPrefixes: [],
        launchIds: [],
        slots: new Map(),
        userDataBytes: 0,
    };
    // Each launch call's slot map goes up as soon as its instance ids are known; the region waits for them.
    const slotWrites = [];
    const onLaunched = (instances) => {
        request.onLaunched?.(instances);
        if (!request.withSecrets)
            return;
        for (const launchId of new Set(instances.map((instance) => instance.launchId))) {
            const slots = (0,launch_conf/* slotsOf */.nK)(instances.filter((instance) => instance.launchId === launchId).map((instance) => instance.id));
            for (const [id, slot] of slots)
                result.slots.set(id, slot);
            slotWrites.push((0,launch_conf/* uploadLaunchSlots */.cP)(request.bucketClients.s3, plan, launchId, slots));
        }
    };
    try {
        const { image, subnets, securityGroupId, ingress, launchTemplate } = await request.prepared;
        const launched = await launchInRegion({
            clients,
            spec: launchSpecOf(plan),
            count: request.count,
            instanceTypes: region.instanceTypes,
            image,
            subnets,
            securityGroupId,
            ingress,
            launchTemplate,
            owner: ownerOf(plan),
            templateTags: request.tags,
            tags: { ...request.tags, [core_tags/* TAG */.D.specSha256]: request.specSha256 },
            clientTokenBase: request.clientTokenBase,
            onLaunched,
            // The user-data only names the launch's conf object: it is written while the template version is, before the fleet call.
            userDataFor: async (launchId, count) => {
                request.onLaunchCall?.();
                const conf = await (0,launch_conf/* renderLaunchConf */.Uz)({
                    s3: request.bucketClients.s3,
                    plan,
                    launchId,
                    count,
                    bundleKey: request.bundleKey,
                    bundleSha256: request.bundleSha256,
                    withSecrets: request.withSecrets,
                    urlLifetimeSeconds: request.urlLifetimeSeconds,
                    expiresAt: request.tags[core_tags/* TAG */.D.expiresAt],
                });
                for (const secret of conf.secrets)
                    request.mask(secret);
                (0,user_data/* assertUserDataFits */.WA)(conf.userData, region.name);
                result.launchIds.push(launchId);
                const written = (0,launch_conf/* uploadLaunchConf */.$H)(request.bucketClients.s3, plan, conf);
                result.userDataBytes = Math.max(result.userDataBytes, conf.userData.bytes);
                result.statusPrefixes.push((0,keys/* statusPrefix */.zO)((0,keys/* keyScopeOf */.JS)(plan), launchId));
                return { userData: conf.userData.payload.toString('base64'), written };
            },
        });
        await Promise.all(slotWrites);
        return { ...result, ...launched };
    }
    catch (error) {
        await Promise.allSettled(slotWrites);
        const wrapped = error instanceof core_errors/* SpotError */.Pl ? error : new core_errors/* SpotError */.Pl(codes/* CODE */.Sq.awsError, `${region.name}: ${String(error)}`, { cause: error });
        return { ...result, error: wrapped };
    }
}
/** What every instance gets, whatever its pool: the Plan narrowed to what EC2 is told. */
const launchSpecOf = (plan) => ({
    market: plan.market,
    allocation: plan.allocation,
    ...(plan.maxPrice === undefined ? {} : { maxPrice: plan.maxPrice }),
    rootVolume: plan.rootVolume,
    publicIp: plan.network.publicIp,
    ...(plan.ssh?.keyName ? { keyName: plan.ssh.keyName } : {}),
    ...(plan.iamInstanceProfile ? { iamInstanceProfile: plan.iamInstanceProfile } : {}),
    // Containers are one hop further: only a docker template or a compose project gets 2.
    metadataHopLimit: plan.userData.template.name === 'docker' || plan.manifest.compose !== undefined ? 2 : 1,
});

// EXTERNAL MODULE: ./src/aws/pricing.ts
var pricing = __webpack_require__(6163);
;// CONCATENATED MODULE: ./src/deploy/instance-groups.ts


const groupByRegion = (instances) => {
    const byRegion = new Map();
    for (const instance of instances)
        byRegion.set(instance.region, [...(byRegion.get(instance.region) ?? []), instance.id]);
    return [...byRegion.entries()];
};
async function describeAll(pool, instances) {
    const views = await Promise.all(groupByRegion(instances).map(([region, ids]) => describeInstances(pool.forRegion(region), ids)));
    return views.flat();
}
/** Terminates instances wherever they are, without waiting; returns what was asked per region. */
async function terminateAll(pool, instances) {
    const groups = groupByRegion(instances);
    await Promise.all(groups.map(([region, ids]) => terminateInstances(pool.forRegion(region), ids, { wait: false })));
    return groups;
}
function priceBook(pool, prefetch = []) {
    const asked = new Map();
    const ask = (region, instanceTypes) => {
        const prices = (0,pricing/* readSpotPrices */.ln)(pool.forRegion(region), [...new Set(instanceTypes)]);
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
            const price = view.lifecycle === 'spot' ? prices.get((0,pricing/* priceKey */.nr)(view.instanceType, view.availabilityZone)) : undefined;
            return price === undefined ? report : { ...report, price };
        });
    }));
    return perRegion.flat();
}
/** Sum of the known prices, or undefined when no price is known. */
const costOf = (reports) => reports.some((report) => report.price !== undefined)
    ? Number(reports.reduce((sum, report) => sum + (report.price ?? 0), 0).toFixed(6))
    : undefined;

// EXTERNAL MODULE: ./src/core/abort-cleanups.ts
var abort_cleanups = __webpack_require__(1207);
;// CONCATENATED MODULE: ./src/deploy/lock.ts
/**
 * One deploy at a time per deployment: a lock object in the deployment's
 * folder, taken with S3's conditional write (`If-None-Match: *`), so two
 * runs can never both believe they hold it. A second deploy waits, then
 * fails with SD410 naming the holder. A lock whose holder died (its
 * `expires_at` passed) is stale and taken over. Released when the deploy
 * ends, and by the CLI's signal handler when it is stopped.
 */





/** How long a second deploy waits for the first before SD410. */
const LOCK_WAIT_SECONDS = 5 * 60;
const LOCK_POLL_SECONDS = 10;
/** A holder that has not finished this long after its own ready timeout is taken for dead. */
const LOCK_MARGIN_SECONDS = 30 * 60;
const parse = (text) => {
    try {
        return text ? JSON.parse(text) : {};
    }
    catch {
        return {};
    }
};
/** Stale: its holder's expiry passed, or it cannot be read (no holder would write that). */
const isStale = (holder, now) => {
    const expires = Date.parse(holder.expires_at ?? '');
    return !Number.isFinite(expires) || expires <= now.getTime();
};
async function acquireDeployLock(plan, deps) {
    const bucket = plan.bucket.name;
    const key = (0,keys/* lockKey */.TL)((0,keys/* keyScopeOf */.JS)(plan));
    const started = deps.now().getTime();
    const waitSeconds = deps.waitSeconds ?? LOCK_WAIT_SECONDS;
    for (;;) {
        const now = deps.now();
        const body = {
            run_id: plan.run.runId,
            acquired_at: now.toISOString(),
            expires_at: new Date(now.getTime() + (plan.readyTimeoutSeconds + LOCK_MARGIN_SECONDS) * 1000).toISOString(),
        };
        if (await (0,aws_s3/* putObjectIfAbsent */.zk)(deps.s3, bucket, key, JSON.stringify(body)))
            return held(deps, { bucket, key, runId: plan.run.runId });
        const holder = parse(await (0,aws_s3/* readObjectText */.Db)(deps.s3, bucket, key));
        if (isStale(holder, now)) {
            deps.surface.warn(`${plan.deploymentId}: taking over a stale deploy lock (run ${holder.run_id ?? 'unknown'}, expired ${holder.expires_at ?? '?'})`);
            await (0,aws_s3/* deleteObject */.XR)(deps.s3, bucket, key);
            continue;
        }
        if (now.getTime() - started >= waitSeconds * 1000) {
            throw new core_errors/* SpotError */.Pl(codes/* CODE */.Sq.deploymentLocked, `another deploy of ${plan.deploymentId} (run ${holder.run_id ?? 'unknown'}, since ${holder.acquired_at ?? '?'}) still holds s3://${bucket}/${key} after ${waitSeconds}s`);
        }
        deps.surface.info(`${plan.deploymentId}: another deploy (run ${holder.run_id ?? 'unknown'}) is running; waiting for it`);
        await deps.sleep(LOCK_POLL_SECONDS * 1000);
    }
}
function held(deps, lock) {
    // Only our own lock goes: if ours went stale and another run took it over, theirs stays.
    const remove = async () => {
        if (parse(await (0,aws_s3/* readObjectText */.Db)(deps.s3, lock.bucket, lock.key)).run_id === lock.runId)
            await (0,aws_s3/* deleteObject */.XR)(deps.s3, lock.bucket, lock.key);
    };
    const forget = (0,abort_cleanups/* onAbort */.u)(remove);
    return {
        key: lock.key,
        async release() {
            forget();
            await remove().catch((error) => deps.surface.warn(`the deploy lock s3://${lock.bucket}/${lock.key} stays until it expires: ${error instanceof Error ? error.message : String(error)}`));
        },
    };
}

;// CONCATENATED MODULE: ./src/deploy/upload.ts



/**
 * The bucket, created and kept private when the deployer owns it. Needs no
 * bundle: a deploy runs it while the bundle builds, then takes its lock.
 */
async function setUpBucket(plan, bucket, surface) {
    const ensured = await (0,aws_s3/* ensureBucket */.he)(bucket.s3, { name: plan.bucket.name, create: plan.bucket.create, prefix: plan.bucket.prefix, kmsKeyId: plan.bucket.kmsKeyId }, bucket.region);
    if (plan.bucket.create && !ensured.managed) {
        surface.info(`s3://${plan.bucket.name} was not created by spot-deployer: its settings are left exactly as they are`);
    }
}
/**
 * Uploads the bundle unless it is already stored (content-addressed key);
 * returns the bytes sent. A reused bundle was found stored: nothing to do.
 */
async function uploadPrepared(plan, prepared, bucket, surface) {
    const key = (0,keys/* bundleKey */.CK)((0,keys/* keyScopeOf */.JS)(plan), prepared.bundle.sha256);
    if (prepared.reused)
        return 0;
    const upload = await (0,aws_s3/* uploadBundle */.sd)(bucket.s3, {
        bucket: plan.bucket.name,
        key,
        file: prepared.bundle.file,
        sha256: prepared.bundle.sha256,
        kmsKeyId: plan.bucket.kmsKeyId,
        onProgress: ({ loaded, total }) => surface.debug(`uploaded ${loaded} of ${total} bytes`),
    });
    surface.info(upload.uploaded
        ? `uploaded s3://${plan.bucket.name}/${key} (${upload.bytes} bytes)`
        : `bundle already in s3://${plan.bucket.name}/${key}: not uploaded again`);
    return upload.uploaded ? upload.bytes : 0;
}
function deferredUpload(plan, prepared, bucket, surface) {
    let begin;
    const decided = new Promise((resolve) => (begin = resolve));
    const uploaded = decided.then((needed) => (needed ? uploadPrepared(plan, prepared, bucket, surface) : 0));
    uploaded.catch(() => undefined);
    return { begin, uploaded };
}

;// CONCATENATED MODULE: ./src/deploy/early-aws.ts
/**
 * The AWS half of a deploy that needs no bundle, started at its first
 * moment so that it runs while the bundle is indexed and built: every
 * region's image, subnets and security group (all regions at once, each
 * region's lookups at once), the spot prices of every region, the bucket,
 * the deployment's lock and then what already runs.
 *
 * Writes wait for `writes`, which settles once the bundle's files were
 * chosen, so bad input still never leaves anything behind in AWS: the bucket
 * and its settings, then the lock, then (under the lock, as before) each
 * region's security group. Lookups start at once.
 */








/** A promise whose rejection is handled where it is awaited, never reported as unhandled meanwhile. */
function quiet(promise) {
    promise.catch(() => undefined);
    return promise;
}
class Closed extends Error {
}
function startAwsWork(plan, deps, options) {
    const bucket = deps.pool.forRegion(plan.regions[0].name);
    let closed = false;
    // A run that failed while waiting for another deploy's lock stops waiting at the next poll.
    const sleep = async (ms) => {
        if (closed)
            throw new Closed('the deploy ended while waiting for the lock');
        await deps.sleep(ms);
        if (closed)
            throw new Closed('the deploy ended while waiting for the lock');
    };
    const writes = quiet(options.writes);
    const lock = quiet(writes
        .then(() => setUpBucket(plan, bucket, deps.surface))
        .then(() => acquireDeployLock(plan, { s3: bucket.s3, surface: deps.surface, sleep, now: deps.now })));
    const existing = quiet(lock.then(() => findExisting(deps.pool, plan)));
    // A security group is created under the lock, as before: two deploys started together never race to create it.
    const locked = quiet(lock.then(() => undefined));
    const regions = new Map();
    const preparedRegion = (region) => {
        let prepared = regions.get(region.name);
        if (!prepared) {
            prepared = quiet(prepareRegion(deps.pool.forRegion(region.name), plan, region, { tags: options.tags, writes: locked }));
            regions.set(region.name, prepared);
        }
        return prepared;
    };
    // A fallback region (count 0) is prepared only if capacity spills over to it.
    const launching = plan.regions.filter((region) => region.count > 0);
    for (const region of launching)
        preparedRegion(region);
    const prices = priceBook(deps.pool, launching.map((region) => ({ region: region.name, instanceTypes: region.instanceTypes })));
    return {
        lock,
        existing,
        preparedRegion,
        prices,
        async storedBundleFor(indexSha256) {
            const sha256 = bundleToReuse(await existing, indexSha256);
            if (sha256 === undefined)
                return undefined;
            const bytes = await (0,aws_s3/* storedObjectBytes */.gn)(bucket.s3, plan.bucket.name, (0,keys/* bundleKey */.CK)((0,keys/* keyScopeOf */.JS)(plan), sha256));
            return bytes === undefined ? undefined : { sha256, bytes };
        },
        async close() {
            closed = true;
            const prepared = await Promise.allSettled(regions.values());
            // A region's security group rules may still be being written after its lookups settled.
            await Promise.allSettled([existing, ...prepared.flatMap((region) => (region.status === 'fulfilled' ? [region.value.ingress] : []))]);
            const held = await lock.catch(() => undefined);
            await held?.release();
        },
    };
}

;// CONCATENATED MODULE: ./src/deploy/instance-report.ts
function toInstanceReport(view, bootstrap, status, price) {
    return {
        id: view.id,
        region: view.region,
        az: view.availabilityZone,
        type: view.instanceType,
        lifecycle: view.lifecycle,
        ...(price === undefined ? {} : { price }),
        ...(view.publicIp ? { public_ip: view.publicIp } : {}),
        ...(view.privateIp ? { private_ip: view.privateIp } : {}),
        state: view.state,
        bootstrap,
        ...(status?.failed_step ? { failed_step: status.failed_step } : {}),
        ...(view.launchTime ? { launched_at: view.launchTime } : {}),
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/agent/seal.ts
/**
 * The secret part of the bundle, encrypted to one instance's public key so
 * that only that instance (holding the private key it made at boot) can read
 * it. Formats the agent opens with the openssl CLI alone (no AEAD there):
 *
 *   sealed = RSA-OAEP-SHA256(pubkey, "<passphrase hex>\n<sha256 hex of plaintext>\n")   (256 bytes)
 *          || `openssl enc -aes-256-cbc -pbkdf2 -iter 1 -md sha256` of the plaintext with that passphrase
 *
 * The passphrase is 256 random bits, so one PBKDF2 iteration is enough; the
 * sha256 inside the wrapped part lets the agent check the plaintext it got.
 */

const WRAPPED_BYTES = 256;
function sealForInstance(plaintext, publicKeyPem) {
    const passphrase = (0,external_node_crypto_.randomBytes)(32).toString('hex');
    const digest = (0,external_node_crypto_.createHash)('sha256').update(plaintext).digest('hex');
    const wrapped = (0,external_node_crypto_.publicEncrypt)({ key: publicKeyPem, padding: external_node_crypto_.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(`${passphrase}\n${digest}\n`, 'utf8'));
    if (wrapped.length !== WRAPPED_BYTES)
        throw new Error(`expected an RSA 2048 key, got ${wrapped.length * 8} bits`);
    const salt = (0,external_node_crypto_.randomBytes)(8);
    const keyAndIv = (0,external_node_crypto_.pbkdf2Sync)(passphrase, salt, 1, 48, 'sha256');
    const cipher = (0,external_node_crypto_.createCipheriv)('aes-256-cbc', keyAndIv.subarray(0, 32), keyAndIv.subarray(32));
    return Buffer.concat([wrapped, Buffer.from('Salted__', 'ascii'), salt, cipher.update(plaintext), cipher.final()]);
}

;// CONCATENATED MODULE: ./src/deploy/seal-secrets.ts
/**
 * Answers a checked hello: the secret part of the bundle, sealed to the
 * public key that instance made at boot, goes to the one key the instance's
 * secret URL reads. Only ciphertext is ever stored; only that instance's
 * private key opens it.
 */




async function sealSecretsFor(target, hello) {
    const sealed = sealForInstance((0,external_node_fs_.readFileSync)(target.secretBundleFile), hello.publicKey);
    await (0,aws_s3/* putSmallObject */._J)(target.s3, target.bucket, (0,keys/* sealedKey */.Cs)(target.scope, hello.launchId, hello.index), sealed);
}
/** Once the instance has reported, its sealed part has served: remove the ciphertext. */
async function removeSealedFor(target, hello) {
    await (0,aws_s3/* deleteObject */.XR)(target.s3, target.bucket, (0,keys/* sealedKey */.Cs)(target.scope, hello.launchId, hello.index));
}

;// CONCATENATED MODULE: ./src/deploy/launch-all.ts






/** One round: the given count in each region, all regions at once. */
function launchRound(context, wanted, round) {
    return Promise.all(wanted
        .filter(({ count }) => count > 0)
        .map(({ region, count }) => deployRegion({
        clients: context.pool.forRegion(region.name),
        prepared: context.preparedRegion(region),
        bucketClients: context.bucketClients,
        plan: context.plan,
        region,
        count,
        bundleKey: context.bundleKey,
        withSecrets: context.secretBundleFile !== undefined,
        bundleSha256: context.bundleSha256,
        tags: context.tags,
        specSha256: context.specHashes[region.name] ?? '',
        ...(context.onLaunched ? { onLaunched: context.onLaunched } : {}),
        ...(context.onLaunchCall ? { onLaunchCall: context.onLaunchCall } : {}),
        // The round keeps ClientTokens and launch ids apart between rounds of one run.
        clientTokenBase: `${context.plan.deploymentId}:${context.runId}:${region.name}:${round}`,
        urlLifetimeSeconds: context.urlLifetimeSeconds,
        mask: (secret) => context.surface.mask(secret),
    })));
}
const launchedIn = (results, region) => results.filter((result) => result.region === region).reduce((sum, result) => sum + result.instances.length, 0);
/** Each region for its count; then the shortfall, region by region, where capacity was found. */
async function launchWithSpillover(context) {
    const { plan } = context;
    const results = await launchRound(context, plan.regions.map((region) => ({ region, count: region.count })), 'main');
    // An error no pool can fix (permissions, quota, AMI) is not a capacity problem: do not spread it.
    if (results.some((result) => result.error))
        return results;
    let missing = plan.regions.reduce((sum, region) => sum + region.count - launchedIn(results, region.name), 0);
    const withCapacity = plan.regions.filter((region) => launchedIn(results, region.name) >= region.count);
    for (const region of withCapacity) {
        if (missing <= 0)
            break;
        context.surface.info(`${missing} instance(s) short: trying ${region.name}`);
        const [spill] = await launchRound(context, [{ region, count: missing }], `spill-${region.name}`);
        if (!spill)
            continue;
        results.push(spill);
        missing -= spill.instances.length;
        if (spill.error)
            break;
    }
    return results;
}
/** How many times instances that spot took back while booting are replaced. */
const REPLACEMENT_ROUNDS = 2;
/** What answers a checked hello (the secret part sealed to its key) and cleans up after the final report. */
function helloHandlers(context) {
    const file = context.secretBundleFile;
    if (file === undefined)
        return {};
    const target = {
        s3: context.bucketClients.s3,
        bucket: context.plan.bucket.name,
        scope: (0,keys/* keyScopeOf */.JS)(context.plan),
        secretBundleFile: file,
    };
    return { onHello: (hello) => sealSecretsFor(target, hello), onFinished: (hello) => removeSealedFor(target, hello) };
}
/** Once the wait is over, the conf of every launch without an instance still waiting has served (launch-conf.ts). */
async function removeServedConfs(context, all, timedOut) {
    const waiting = new Set(all.flatMap((launch) => launch.instances.filter((instance) => timedOut.has(instance.id)).map((i) => i.launchId)));
    const served = all.flatMap((launch) => launch.launchIds).filter((launchId) => !waiting.has(launchId));
    await (0,launch_conf/* removeLaunchConfs */.HX)(context.bucketClients.s3, context.plan, served, (message) => context.surface.warn(message));
}
/**
 * Waits for every instance's bootstrap. An instance that spot reclaimed
 * meanwhile is replaced in its region, and the replacement is waited for
 * within the same timeout. `onLaunched` hears every instance launched so far
 * after each replacement round, so the caller can publish them at once.
 */
async function waitReadyReplacingReclaimed(context, clock, launches, onLaunched, 
/** Only until every instance has said hello and got its secrets (for `wait: none|running`). */
untilHello = false) {
    const { plan } = context;
    const now = () => clock.now().getTime();
    const deadline = now() + plan.readyTimeoutSeconds * 1000;
    const ready = { statuses: new Map(), reclaimed: new Set(), replacements: [] };
    const pinned = new Map();
    const cache = new Map();
    for (let round = 0;; round += 1) {
        const all = [...launches, ...ready.replacements];
        const launchIds = new Map(all.flatMap((launch) => launch.instances).map((instance) => [instance.id, instance.launchId]));
        const waiting = all
            .flatMap((launch) => launch.instances)
            .filter((instance) => !ready.statuses.has(instance.id) && !ready.reclaimed.has(instance.id));
        const waited = await waitForBootstrap({
            s3: context.bucketClients.s3,
            bucket: plan.bucket.name,
            trust: {
                scope: (0,keys/* keyScopeOf */.JS)(plan),
                launchIdOf: (id) => launchIds.get(id),
                slotOf: (id) => all.find((launch) => launch.slots.has(id))?.slots.get(id),
                pinned,
                warn: (message) => context.surface.warn(message),
            },
            ...helloHandlers(context),
            untilHello,
            cache,
            statusPrefixes: all.flatMap((region) => region.statusPrefixes),
            instanceIds: waiting.map((instance) => instance.id),
            timeoutSeconds: Math.max(0, Math.floor((deadline - now()) / 1000)),
            sleep: clock.sleep,
            now,
            describe: () => describeAll(context.pool, waiting),
            progress: (message) => context.surface.info(message),
        });
        for (const [id, status] of waited.statuses)
            ready.statuses.set(id, status);
        for (const view of waited.reclaimed)
            ready.reclaimed.add(view.id);
        if (waited.reclaimed.length === 0 || round >= REPLACEMENT_ROUNDS || now() >= deadline) {
            await removeServedConfs(context, [...launches, ...ready.replacements], new Set(waited.timedOut));
            return ready;
        }
        context.surface.warn(`spot reclaimed ${waited.reclaimed.map((view) => `${view.id} (${view.region})`).join(', ')} while booting; launching replacements`);
        const wanted = groupByRegion(waited.reclaimed).map(([region, ids]) => ({
            region: plan.regions.find((candidate) => candidate.name === region),
            count: ids.length,
        }));
        ready.replacements.push(...(await launchRound(context, wanted, `replace-${round + 1}`)));
        await onLaunched([...launches, ...ready.replacements]);
    }
}

;// CONCATENATED MODULE: ./src/deploy/spec-hash.ts
/**
 * The launch spec's fingerprint: everything an instance is launched with,
 * hashed, and stored on the instance as the `spot-deployer:spec-sha256` tag.
 * A deploy whose fingerprint differs from the running instances' replaces
 * them (new ones ready before the old ones go); the same fingerprint, count
 * and health change nothing. Pure, table-tested in __tests__/deploy/spec-hash.test.ts.
 *
 * In: the user-data rendered with placeholder URLs (presigned URLs change on
 * every run and must not count), instance types, image as configured (a new
 * AMI behind an alias does not replace running instances), architecture,
 * market, max price, allocation, root volume, network placement and public
 * IP, the inbound rules, ttl, SSH key name and public key, IAM profile. Out:
 * the instance count (scaling is the count check's job) and free-form tags.
 */


/** The facts of one region's launches; `userData` is the text rendered without URLs. */
function launchSpecFactsOf(plan, region, userData) {
    return {
        userData,
        instanceTypes: region.instanceTypes,
        image: region.image,
        architecture: plan.architecture,
        market: plan.market,
        maxPrice: plan.maxPrice ?? null,
        allocation: plan.allocation,
        rootVolume: plan.rootVolume,
        network: {
            vpc: plan.network.vpc,
            subnets: region.subnets !== 'auto' ? region.subnets : plan.network.subnets,
            publicIp: plan.network.publicIp,
        },
        ingress: (0,prepare/* ingressFor */.Bh)(plan),
        ttlSeconds: plan.ttlSeconds,
        keyName: plan.ssh?.keyName ?? null,
        publicKey: plan.ssh?.publicKey ?? null,
        iamInstanceProfile: plan.iamInstanceProfile ?? null,
    };
}
/** JSON with sorted keys, so the same facts give the same text whatever order they were built in. */
function canonical(value) {
    if (Array.isArray(value))
        return `[${value.map(canonical).join(',')}]`;
    if (value && typeof value === 'object') {
        const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
        return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
    }
    return JSON.stringify(value);
}
const ruleKey = (rule) => `${rule.protocol}/${rule.port}/${rule.cidr}`;
/** sha256 of the facts; the order of inbound rules does not matter, the ladder's order does. */
function launchSpecHash(facts) {
    const ingress = [...new Map(facts.ingress.map((rule) => [ruleKey(rule), rule])).values()].sort((a, b) => ruleKey(a).localeCompare(ruleKey(b)));
    return (0,external_node_crypto_.createHash)('sha256')
        .update(canonical({ ...facts, ingress }))
        .digest('hex');
}
/** One fingerprint per region (types, image and subnets may differ between regions). */
const launchSpecHashes = (plan, userData) => Object.fromEntries(plan.regions.map((region) => [region.name, launchSpecHash(launchSpecFactsOf(plan, region, userData))]));

;// CONCATENATED MODULE: ./src/deploy/run-deploy.ts















async function runDeploy(plan, options, deps) {
    // Before any AWS call: a user-data that cannot fit is refused first (a sha256 has the same length whatever it is).
    const notice = (0,user_data/* userDataNotice */.o8)(await (0,prepare/* userDataSizeCheck */.Vm)(plan));
    if (notice)
        deps.surface.warn(notice);
    if (options.dryRun) {
        const prepared = await deps.surface.group('Bundle', () => (0,prepare/* prepareDeployment */.JH)(plan));
        prepared.dispose();
        return plannedResult(plan, prepared, true);
    }
    const expires = expiresAt(plan.ttlSeconds, deps.now()) ?? 'never';
    let selected;
    const writes = new Promise((resolve, reject) => (selected = { resolve, reject }));
    const aws = startAwsWork(plan, deps, { writes, tags: { ...plan.resourceTags, [core_tags/* TAG */.D.expiresAt]: expires } });
    let prepared;
    try {
        prepared = await deps.surface.group('Bundle', () => (0,prepare/* prepareDeployment */.JH)(plan, { onSelected: selected.resolve, reuse: (index) => aws.storedBundleFor(index) }));
        if (prepared.reused) {
            deps.surface.info(`the files are unchanged (index sha256 ${prepared.bundle.indexSha256.slice(0, 12)}): the bundle ${prepared.bundleKey} is reused, nothing was compressed`);
        }
        await aws.lock;
        return await deployLocked(plan, { prepared, aws, expires }, deps);
    }
    catch (error) {
        selected.reject(error);
        throw error;
    }
    finally {
        await aws.close();
        prepared?.dispose();
    }
}
/**
 * Compare, launch, wait, retire: the part of a deploy that runs while it
 * holds the deployment's lock. The bundle uploads meanwhile (its key is its
 * sha256, known already; instances retry the download until it is there),
 * from the moment a region makes its first fleet call: a deploy whose every
 * region failed its lookups (a subnet id that is not there) leaves no bundle
 * behind. A failed upload terminates what was launched and fails the deploy.
 */
async function deployLocked(plan, staged, deps) {
    const { prepared, aws } = staged;
    const planned = plannedResult(plan, prepared, false);
    const upload = deferredUpload(plan, prepared, deps.pool.forRegion(plan.regions[0].name), deps.surface);
    const existing = await aws.existing;
    const specHashes = launchSpecHashes(plan, prepared.specUserData);
    if (isUnchanged(plan.regions, existing, { bundleSha256: prepared.bundle.sha256, specHashes })) {
        upload.begin(true);
        const before = withUploaded(planned, await upload.uploaded);
        const kept = await keptResult(plan, existing, before, { ...deps, aws });
        publishEarly(plan, kept, existing, [], deps.surface);
        if (kept.status === 'success') {
            deps.surface.info(`${plan.deploymentId}: the same bundle and launch spec are already running on ${existing.length} instance(s); nothing to change`);
            return kept;
        }
        // Same bundle, but a bootstrap failed or never reported: a re-run means "try again".
        deps.surface.info(`${plan.deploymentId}: the same bundle is running but not every instance reported ok; launching replacements`);
    }
    const context = { ...launchContextOf(plan, { ...staged, before: planned }, deps, specHashes), onLaunchCall: () => upload.begin(true) };
    const launches = await deps.surface.group('Launch', () => launchWithSpillover(context));
    // No region got as far as a fleet call: nothing will ever download the bundle.
    upload.begin(false);
    const launched = launches.flatMap((launch) => launch.instances);
    const before = withUploaded(planned, await uploadedOrTerminate(upload.uploaded, launched, deps));
    if (plan.wait === 'ready')
        publishEarly(plan, before, await describeAll(deps.pool, launched), launched, deps.surface);
    const ready = await waitForInstances(plan, context, launches, before, deps);
    const all = [...launches, ...ready.replacements];
    const result = await finishedResult(plan, before, all, ready, { pool: deps.pool, aws });
    return await retireOld(plan, result, existing, { ...deps, current: new Set(all.flatMap((launch) => launch.launchIds)) });
}
const withUploaded = (planned, uploadedBytes) => ({
    ...planned,
    bundle: { ...planned.bundle, uploadedBytes },
});
/** The upload's bytes; when it failed, what this run launched is terminated (it could never boot) and the error stands. */
async function uploadedOrTerminate(uploading, launched, deps) {
    try {
        return await uploading;
    }
    catch (error) {
        if (launched.length > 0) {
            deps.surface.warn(`the bundle upload failed: terminating the ${launched.length} instance(s) this run launched`);
            await terminateAll(deps.pool, launched).catch((cleanup) => deps.surface.warn(`could not terminate ${launched.map((instance) => instance.id).join(', ')}: ${String(cleanup)}`));
        }
        throw error;
    }
}
/** What the plan alone says: the bundle and the user-data size, nothing launched yet. */
function plannedResult(plan, prepared, dryRun) {
    return {
        deploymentId: plan.deploymentId,
        status: 'success',
        dryRun,
        unchanged: false,
        instances: [],
        bundle: {
            key: prepared.bundleKey,
            sha256: prepared.bundle.sha256,
            bytes: prepared.bundle.bytes,
            files: (0,prepare/* bundleFileCount */.K7)(prepared.bundle),
            uploadedBytes: 0,
        },
        userDataBytes: prepared.sizeCheck.bytes,
        attempts: [],
        errors: [],
        retired: [],
        failures: [],
    };
}
function launchContextOf(plan, staged, deps, specHashes) {
    const { prepared, before, aws } = staged;
    return {
        specHashes,
        plan,
        pool: deps.pool,
        surface: deps.surface,
        bucketClients: deps.pool.forRegion(plan.regions[0].name),
        bundleKey: prepared.bundleKey,
        bundleSha256: prepared.bundle.sha256,
        onLaunched: launchedReporter(plan, before, deps.surface),
        secretBundleFile: prepared.hasSecrets ? prepared.secretBundle.file : undefined,
        tags: {
            ...plan.resourceTags,
            [core_tags/* TAG */.D.bundleSha256]: prepared.bundle.sha256,
            [core_tags/* TAG */.D.indexSha256]: prepared.bundle.indexSha256,
            [core_tags/* TAG */.D.expiresAt]: staged.expires,
        },
        runId: plan.run.runId,
        urlLifetimeSeconds: (0,launch_conf/* urlLifetimeOf */._c)(plan),
        preparedRegion: (region) => aws.preparedRegion(region),
    };
}
/** The running and bootstrap waits `wait` asks for; replacements of reclaimed instances come back with them. */
async function waitForInstances(plan, context, launches, before, deps) {
    const launched = launches.flatMap((launch) => launch.instances);
    const none = { statuses: new Map(), reclaimed: new Set(), replacements: [] };
    if (launched.length === 0) {
        // No instance will ever read the conf objects the failed launch calls wrote.
        const failed = launches.flatMap((launch) => launch.launchIds);
        await (0,launch_conf/* removeLaunchConfs */.HX)(context.bucketClients.s3, plan, failed, (message) => deps.surface.warn(message));
        return none;
    }
    // Instances wait for their sealed secrets: answer their hellos even when not waiting for ready.
    const answerHellos = () => deps.surface.group('Deliver secrets', () => waitReadyReplacingReclaimed(context, deps, launches, async () => { }, true));
    if (plan.wait === 'none')
        return context.secretBundleFile ? { ...(await answerHellos()), statuses: new Map() } : none;
    const running = await deps.surface.group('Wait for running', () => Promise.all(groupByRegion(launched).map(([region, ids]) => 
    // An instance that never runs (spot took it back at once) is not fatal: the states are
    // reported below, and the bootstrap wait replaces what spot reclaimed.
    waitForRunning(deps.pool.forRegion(region), ids, plan.readyTimeoutSeconds).catch((error) => {
        deps.surface.warn(error instanceof Error ? error.message : String(error));
        return [];
    }))));
    if (plan.wait !== 'ready') {
        return context.secretBundleFile ? { ...(await answerHellos()), statuses: new Map() } : { ...none, running: running.flat() };
    }
    return await deps.surface.group('Wait for bootstrap', () => waitReadyReplacingReclaimed(context, deps, launches, async (all) => {
        const instances = all.flatMap((launch) => launch.instances);
        publishEarly(plan, before, await describeAll(deps.pool, instances), instances, deps.surface);
    }));
}
/** The instances' current views: those the wait for running just saw, the rest described (one call per region). */
async function currentViews(pool, launched, seen = []) {
    const known = new Set(seen.map((view) => view.id));
    const fresh = await describeAll(pool, launched.filter((instance) => !known.has(instance.id)));
    const order = new Map(launched.map((instance, index) => [instance.id, index]));
    return [...seen.filter((view) => order.has(view.id)), ...fresh].sort((a, b) => order.get(a.id) - order.get(b.id));
}
async function finishedResult(plan, before, launches, ready, deps) {
    const launched = launches.flatMap((launch) => launch.instances);
    const views = await currentViews(deps.pool, launched, ready.running);
    const instances = await withPrices(deps.pool, views, (view) => toInstanceReport(view, bootstrapStateOf(plan.wait, view.id, ready.statuses, ready.reclaimed), ready.statuses.get(view.id)), deps.aws.prices);
    const launchErrors = launches.flatMap((launch) => (launch.error ? [launch.error] : []));
    const shortfall = launchErrors.length === 0
        ? shortfallError(launched.length, totalInstances(plan), plan.regions.map((region) => region.name))
        : undefined;
    const failures = failuresOf(ready.statuses);
    const errors = [...launchErrors, ...(shortfall ? [shortfall] : []), ...bootstrapErrors(plan, failures, instances)];
    return {
        ...before,
        instances,
        attempts: launches.flatMap((launch) => launch.attempts),
        userDataBytes: Math.max(before.userDataBytes, ...launches.map((launch) => launch.userDataBytes)),
        failures,
        errors,
        costPerHour: costOf(instances),
        status: overallStatus(totalInstances(plan), plan.wait, instances, errors.length),
    };
}
/** Only a deploy that succeeded retires what ran before it. */
async function retireOld(plan, result, existing, deps) {
    const { pool } = deps;
    if (result.status !== 'success')
        return result;
    const ids = new Set(result.instances.map((instance) => instance.id));
    const old = existing.filter((instance) => !ids.has(instance.id));
    await terminateAll(pool, old);
    // Their launches' conf objects have served (launch ids name the run, so none is this run's).
    const served = old.flatMap((view) => (view.launchId && !deps.current.has(view.launchId) ? [view.launchId] : []));
    await (0,launch_conf/* removeLaunchConfs */.HX)(pool.forRegion(plan.regions[0].name).s3, plan, served, (message) => deps.surface.warn(message));
    return { ...result, retired: old.map((instance) => instance.id) };
}
/** The same bundle already runs: report it as it is. */
async function keptResult(plan, existing, before, deps) {
    const statuses = await readStatusesOf(deps.pool, plan, existing);
    const instances = await withPrices(deps.pool, existing, (view) => toInstanceReport(view, statuses.get(view.id)?.status ?? 'unknown', statuses.get(view.id)), deps.aws.prices);
    const allOk = instances.every((report) => report.bootstrap === 'ok' || plan.wait !== 'ready');
    return { ...before, unchanged: true, instances, costPerHour: costOf(instances), status: allOk ? 'success' : 'partial' };
}
/**
 * Outputs and post-step state after every launch call, not only after all
 * rounds: a run cancelled between two calls still tells its post step (and
 * the CLI's signal handler) exactly what it launched.
 */
function launchedReporter(plan, before, surface) {
    const launched = [];
    return (instances) => {
        launched.push(...instances);
        const views = launched.map((instance) => ({
            id: instance.id,
            region: instance.region,
            availabilityZone: instance.availabilityZone,
            instanceType: instance.instanceType,
            lifecycle: instance.lifecycle,
            state: 'pending',
        }));
        publishEarly(plan, before, views, launched, surface);
    };
}
/** Outputs and post-step state as soon as instance ids exist, before any waiting. */
function publishEarly(plan, result, views, launched, surface) {
    surface.instancesLaunched({
        deploymentId: plan.deploymentId,
        instances: result.unchanged
            ? result.instances
            : views.map((view) => toInstanceReport(view, plan.wait === 'ready' ? 'pending' : 'not-waited')),
        bundleKey: result.bundle.key,
        bundleSha256: result.bundle.sha256,
        userDataBytes: result.userDataBytes,
        launchedIds: launched.map((instance) => instance.id),
        regions: plan.regions.map((region) => region.name),
    });
}

;// CONCATENATED MODULE: ./src/commands/deploy.ts


async function deployCommand(plan, options, deps) {
    deps.surface.info(`deploying ${plan.deploymentId}: ${totalInstances(plan)} instance(s) in ${plan.regions.map((region) => region.name).join(', ')}`);
    return await runDeploy(plan, options, deps);
}

;// CONCATENATED MODULE: ./src/commands/destroy.ts






async function runDestroy(plan, deps) {
    const result = {
        deploymentId: plan.deploymentId,
        terminated: [],
        securityGroups: [],
        launchTemplates: [],
        objectsDeleted: 0,
    };
    await Promise.all(plan.regions.map(async (region) => {
        const clients = deps.pool.forRegion(region.name);
        const found = await findDeploymentInstances(clients, ownerOf(plan));
        const ids = found.map((instance) => instance.id);
        if (ids.length > 0)
            deps.surface.info(`${region.name}: terminating ${ids.join(', ')}`);
        await terminateInstances(clients, ids, { wait: true, maxWaitTime: 600 });
        result.terminated.push(...ids.map((id) => ({ id, region: region.name })));
        result.securityGroups.push(...(await deleteSecurityGroups(clients, ownerOf(plan))));
        result.launchTemplates.push(...(await deleteLaunchTemplates(clients, ownerOf(plan))));
    }));
    const bucketClients = deps.pool.forRegion(plan.regions[0].name);
    result.objectsDeleted = await (0,aws_s3/* deleteObjectsUnder */.W)(bucketClients.s3, plan.bucket.name, (0,keys/* deploymentFolder */.iR)((0,keys/* keyScopeOf */.JS)(plan)));
    return result;
}

;// CONCATENATED MODULE: ./src/commands/status.ts



async function runStatus(plan, deps) {
    const views = await findExisting(deps.pool, plan);
    const statuses = await readStatusesOf(deps.pool, plan, views);
    const instances = await withPrices(deps.pool, views, (view) => toInstanceReport(view, statuses.get(view.id)?.status ?? 'unknown', statuses.get(view.id)));
    return { deploymentId: plan.deploymentId, instances, costPerHour: costOf(instances) };
}

;// CONCATENATED MODULE: ./src/commands/sweep.ts


function byDeployment(instances) {
    const groups = new Map();
    for (const instance of instances) {
        if (!instance.deploymentId)
            continue;
        groups.set(instance.deploymentId, [...(groups.get(instance.deploymentId) ?? []), instance]);
    }
    return groups;
}
async function reasonToSweep(instances, deps) {
    const now = deps.now().getTime();
    const expired = instances.find((instance) => instance.expiresAt && instance.expiresAt !== 'never' && Date.parse(instance.expiresAt) <= now);
    if (expired)
        return `expired at ${expired.expiresAt}`;
    const pullRequest = Number(instances.find((instance) => instance.pullRequest)?.pullRequest);
    if (!Number.isInteger(pullRequest) || pullRequest <= 0 || !deps.isPullRequestClosed)
        return undefined;
    try {
        return (await deps.isPullRequestClosed(pullRequest)) ? `pull request #${pullRequest} is closed` : undefined;
    }
    catch (error) {
        // One unreadable pull request must not stop the sweep of the others; its ttl still applies.
        deps.surface.warn(`could not read pull request #${pullRequest}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
    }
}
async function runSweep(plan, deps) {
    const found = await Promise.all(plan.regions.map((region) => findManagedInstances(deps.pool.forRegion(region.name), plan.run.repository)));
    // Without a repository to match (a terminal outside Actions) only this project's own names qualify.
    const ours = (id) => Boolean(plan.run.repository) || id === plan.name || id.startsWith(`${plan.name}-pr-`);
    const groups = new Map([...byDeployment(found.flat())].filter(([deploymentId]) => ours(deploymentId)));
    const result = {
        seen: [...groups].map(([deploymentId, instances]) => ({ deploymentId, instances: instances.length })),
        swept: [],
    };
    for (const [deploymentId, instances] of groups) {
        const reason = await reasonToSweep(instances, deps);
        if (!reason)
            continue;
        deps.surface.info(`sweeping ${deploymentId}: ${reason}`);
        // The same teardown as `destroy`, aimed at that deployment in this project's regions and bucket.
        const destroyed = await runDestroy({ ...plan, deploymentId }, deps);
        result.swept.push({ deploymentId, reason, destroyed });
    }
    return result;
}

;// CONCATENATED MODULE: ./src/commands/execute-aws.ts
/**
 * The commands that call AWS, loaded on demand by execute.ts so that the
 * offline commands never load the SDK.
 */






async function executeWithAws(options, plan, deps) {
    const pool = new clients/* ClientPool */.sh(deps.env);
    const sleep = deps.sleep ?? realSleep;
    try {
        if (options.command === 'status')
            return { command: 'status', plan, result: await runStatus(plan, { pool }) };
        if (options.command === 'destroy')
            return { command: 'destroy', plan, result: await runDestroy(plan, { pool, surface: deps.surface }) };
        if (options.command === 'sweep') {
            const result = await runSweep(plan, {
                pool,
                surface: deps.surface,
                now: deps.now ?? (() => new Date()),
                ...(deps.isPullRequestClosed ? { isPullRequestClosed: deps.isPullRequestClosed } : {}),
            });
            return { command: 'sweep', plan, result };
        }
        const result = await deployCommand(plan, { dryRun: options.dryRun }, { pool, surface: deps.surface, sleep, now: deps.now ?? (() => new Date()) });
        return { command: 'deploy', plan, result };
    }
    finally {
        pool.destroy();
    }
}


/***/ })

};
