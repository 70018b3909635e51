import path from 'node:path';
import type { RunContext } from '../core/run-context.js';
import { MANAGED_BY, TAG } from '../core/tags.js';
import { CODE } from '../core/codes.js';
import type { ConfigFile } from '../config/config-schema.js';
import { DURATION_HINT, parseDuration, parseTtl } from '../config/duration.js';
import { architectureOf } from '../config/instance-types.js';
import { buildRegions } from './build-regions.js';
import type { BuildPlanInput } from './build-input.js';
import type { Architecture, NetworkPlan, Plan, PlanOverrides, SshPlan } from './types.js';

export const DEFAULTS = {
  instanceTypes: ['t3.small'],
  architecture: 'x86_64',
  image: 'ubuntu-24.04',
  market: 'spot',
  allocation: 'price-capacity-optimized',
  rootVolume: { sizeGb: 20, type: 'gp3' },
  ttl: '24h',
  wait: 'ready',
  readyTimeout: '15m',
  bucketPrefix: 'spot-deployer',
  sshCidr: '0.0.0.0/0',
} as const;

export const MAX_DEPLOYMENT_ID_LENGTH = 40;

export type { BuildPlanInput };

/** Lowercase `[a-z0-9-]`, no leading/trailing/double dashes, at most `max` characters. */
export function sanitizeName(text: string, max = MAX_DEPLOYMENT_ID_LENGTH): string {
  const clean = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return clean.slice(0, max).replace(/-$/, '');
}

/** The deployment name: config, then repository name, then folder name; a pull request adds `-pr-<n>`. */
export function deploymentNames(
  config: ConfigFile,
  overrides: PlanOverrides,
  run: Pick<RunContext, 'repository' | 'pullRequest'>,
  projectRoot: string,
): { name: string; deploymentId: string } {
  const repoName = run.repository.split('/').filter(Boolean).pop();
  const name = sanitizeName(config.name ?? repoName ?? path.basename(projectRoot)) || 'app';
  if (overrides.deploymentName !== undefined)
    return {
      name,
      deploymentId: sanitizeName(overrides.deploymentName) || name,
    };
  if (run.pullRequest === undefined) return { name, deploymentId: name };
  const suffix = `-pr-${run.pullRequest}`;
  return {
    name,
    deploymentId: `${sanitizeName(name, MAX_DEPLOYMENT_ID_LENGTH - suffix.length)}${suffix}`,
  };
}

/** How long the agent polls config.yaml's health_check before it reports failed. */
export const HEALTH_CHECK_TIMEOUT_SECONDS = 300;

/** Builds the Plan from a validated config, the manifest and the overrides (which win). */
export function buildPlan(input: BuildPlanInput): Plan {
  const { config, overrides } = input;
  const { name, deploymentId } = deploymentNames(config, overrides, input.run, input.projectRoot);
  const regions = buildRegions(input);
  const architecture: Architecture = config.architecture ?? architectureOf(regions[0]?.instanceTypes[0] ?? '') ?? DEFAULTS.architecture;
  const ssh = buildSsh(input);
  const healthCheck =
    config.health_check === undefined
      ? undefined
      : { port: config.health_check.port, path: config.health_check.path ?? '/', expect: config.health_check.expect ?? 200 };
  const userTags = {
    ...Object.fromEntries(Object.entries(config.tags ?? {}).map(([key, value]) => [key, String(value)])),
    ...overrides.tags,
  };
  return {
    projectRoot: input.projectRoot,
    sourceFiles: input.sourceFiles,
    name,
    deploymentId,
    run: input.run,
    resourceTags: resourceTags(deploymentId, input.run, userTags),
    regions,
    architecture,
    market: config.market ?? DEFAULTS.market,
    ...(config.max_price === undefined ? {} : { maxPrice: config.max_price }),
    allocation: config.allocation ?? DEFAULTS.allocation,
    rootVolume: {
      sizeGb: config.root_volume?.size_gb ?? DEFAULTS.rootVolume.sizeGb,
      type: config.root_volume?.type ?? DEFAULTS.rootVolume.type,
    },
    network: buildNetwork(config),
    ...(ssh === undefined ? {} : { ssh }),
    ...(config.iam_instance_profile === undefined ? {} : { iamInstanceProfile: config.iam_instance_profile }),
    ttlSeconds: buildTtl(input),
    tags: userTags,
    bucket: buildBucket(input),
    wait: overrides.wait ?? config.wait ?? DEFAULTS.wait,
    readyTimeoutSeconds:
      overrides.timeoutMinutes !== undefined
        ? overrides.timeoutMinutes * 60
        : (parseDuration(config.ready_timeout ?? DEFAULTS.readyTimeout) ?? 900),
    ...(healthCheck === undefined ? {} : { healthCheck }),
    // The agent polls health_check itself before it reports ready: it travels in steps.sh.
    manifest:
      healthCheck === undefined
        ? input.manifest
        : { ...input.manifest, readiness: { ...healthCheck, timeoutSeconds: HEALTH_CHECK_TIMEOUT_SECONDS } },
    userData: input.userData,
    bundleIgnore: input.bundleIgnore,
    notices: [],
  };
}

/** The user's tags first, so ours win on a clash: the tool finds its resources by them. */
export function resourceTags(deploymentId: string, run: RunContext, userTags: Record<string, string>): Record<string, string> {
  const ours: Record<string, string | undefined> = {
    [TAG.deployment]: deploymentId,
    [TAG.managedBy]: MANAGED_BY,
    [TAG.repository]: run.repository,
    [TAG.ref]: run.ref,
    [TAG.sha]: run.commit,
    [TAG.runId]: run.runId,
    [TAG.pr]: run.pullRequest === undefined ? undefined : String(run.pullRequest),
    [TAG.name]: deploymentId,
  };
  const merged: Record<string, string> = { ...userTags };
  for (const [key, value] of Object.entries(ours)) {
    if (value) merged[key] = value;
    else delete merged[key];
  }
  return merged;
}

function buildTtl(input: BuildPlanInput): number | 'never' {
  const text = input.overrides.ttl ?? input.config.ttl ?? DEFAULTS.ttl;
  const ttl = parseTtl(text);
  if (ttl !== undefined) return ttl;
  input.issues.add({
    code: CODE.badDuration,
    file: '(input)',
    line: 1,
    column: 1,
    key: 'ttl',
    message: `ttl must be a duration like 8h or 3d, or never, got "${text}"`,
    hint: DURATION_HINT,
    severity: 'error',
  });
  return 0;
}

function buildBucket(input: BuildPlanInput): Plan['bucket'] {
  const bucket = input.config.bucket;
  const fromFile = typeof bucket === 'string' ? { name: bucket } : bucket;
  const name = input.overrides.bucket ?? fromFile?.name;
  if (name === undefined) {
    input.issues.report(input.locator, [], CODE.missingValue, 'bucket is required: an S3 bucket for bundles and status objects', {
      key: 'bucket',
      hint: 'add bucket: my-bucket to .spot/config.yaml (or bucket: {name: my-bucket, create: true}), or pass the bucket input / --bucket',
    });
  }
  const prefix = (fromFile?.prefix ?? DEFAULTS.bucketPrefix).replace(/^\/+|\/+$/g, '');
  if (prefix === '') {
    // At the bucket root, destroy's folder and the expiry rules would reach objects that are not the deployer's.
    input.issues.report(input.locator, ['bucket', 'prefix'], CODE.unsafeBucket, 'bucket.prefix must not be empty', {
      at: 'value',
      hint: 'Leave bucket.prefix out (it defaults to spot-deployer) or give it a folder name such as deployments.',
    });
  }
  return {
    name: name ?? '',
    create: fromFile?.create ?? false,
    prefix,
    ...(fromFile?.kms_key ? { kmsKeyId: fromFile.kms_key } : {}),
  };
}

function buildNetwork(config: ConfigFile): NetworkPlan {
  const network = config.network;
  return {
    vpc: network?.vpc ?? 'default',
    subnets: network?.subnets ?? 'auto',
    publicIp: network?.public_ip ?? true,
    ingress: (network?.ingress ?? []).map((rule) => ({
      port: rule.port,
      cidr: rule.cidr,
      protocol: rule.protocol ?? 'tcp',
    })),
  };
}

function buildSsh(input: BuildPlanInput): SshPlan | undefined {
  const ssh = input.config.ssh;
  if (ssh === undefined) return undefined;
  const publicKey = ssh.public_key ?? input.publicKey;
  const image = input.config.image ?? DEFAULTS.image;
  return {
    ...(ssh.key_name === undefined ? {} : { keyName: ssh.key_name }),
    ...(publicKey === undefined ? {} : { publicKey: publicKey.trim() }),
    username: ssh.username ?? (image === 'al2023' ? 'ec2-user' : 'ubuntu'),
    cidr: ssh.cidr ?? DEFAULTS.sshCidr,
  };
}
