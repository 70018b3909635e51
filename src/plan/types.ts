import type { RunContext } from '../core/run-context.js';

/**
 * The Plan: everything later stages need, computed once from the inputs and
 * the project's files. Later stages read only the Plan, never the project's
 * configuration files again.
 */

export type Market = 'spot' | 'on-demand' | 'spot-then-on-demand';
/** EC2 Fleet's spot allocation strategy (the API's own names). */
export type Allocation = 'price-capacity-optimized' | 'capacity-optimized' | 'lowest-price' | 'diversified';
export type { WaitMode } from '../config/overrides.js';
import type { WaitMode } from '../config/overrides.js';
export type { Architecture } from '../config/instance-types.js';
import type { Architecture } from '../config/instance-types.js';

export interface RegionPlan {
  name: string;
  count: number;
  instanceTypes: string[];
  /** `ubuntu-24.04`, `ubuntu-22.04`, `al2023`, `ami-…` or `ssm:/path`. */
  image: string;
  subnets: 'auto' | string[];
}

export interface IngressRule {
  port: number;
  cidr: string;
  protocol: 'tcp' | 'udp';
}

export interface NetworkPlan {
  vpc: 'default' | string;
  subnets: 'auto' | string[];
  publicIp: boolean;
  ingress: IngressRule[];
}

export interface SshPlan {
  keyName?: string;
  publicKey?: string;
  username: string;
  cidr: string;
}

export interface HealthCheck {
  http?: string;
  tcp?: number;
  command?: string;
  timeoutSeconds: number;
}

/** A file or folder of the project that goes into the bundle. */
export interface BundleSource {
  /** Path relative to the project root, `/`-separated. */
  source: string;
  /** Absolute path on the instance. */
  dest: string;
  /** Octal string such as `0644`; undefined keeps the normalised mode. */
  mode?: string;
  owner?: string;
  exclude: string[];
  secret: boolean;
}

export interface ScriptStep {
  /** Inline command, or a path (relative to the project root) to a script in the bundle. */
  command?: string;
  path?: string;
  workingDir: string;
  user: string;
  env: Record<string, string>;
  timeoutSeconds: number;
}

export interface ServiceStep {
  name: string;
  /** Path of a unit file in the project, or undefined when `unit` is inline. */
  file?: string;
  unit?: string;
  enabled: boolean;
  start: boolean;
  after: string[];
  health?: HealthCheck;
}

export interface TarballStep {
  url: string;
  sha256: string;
  extractTo: string;
}

export interface Manifest {
  target: string;
  packages: string[];
  env: Record<string, string>;
  uploads: BundleSource[];
  scripts: ScriptStep[];
  services: ServiceStep[];
  compose?: string;
  /** Host ports the compose file publishes, where it says so (for the ingress notice). */
  composePorts?: { port: number; protocol: 'tcp' | 'udp'; key: string; line: number; column: number }[];
  tarballs: TarballStep[];
  hooks: { preInstall: string[]; postInstall: string[]; onFailure: string[] };
  template: string;
  /** config.yaml's `health_check`, polled by the agent last, before it reports ready. */
  readiness?: { port: number; path: string; expect: number; timeoutSeconds: number };
}

/** The parts of the user-data, read at plan time; rendering only combines them. */
export interface UserDataSources {
  /** The base cloud-config: a built-in template (`minimal`, `docker`) or the project's own file. */
  template: { name: string; document: Record<string, unknown> };
  /** `.spot/cloud-init.yaml`, merged after the template by the documented rules. */
  fragment?: { file: string; document: Record<string, unknown> };
  /** The bootstrap agent (templates/bootstrap.sh): it travels in the bundle, as `.spot-bundle/agent.sh`. */
  agentScript: string;
  /** The loader the user-data runs (templates/loader.sh): fetches the launch's settings and the bundle, starts the agent. */
  loaderScript: string;
}

export interface Plan {
  /** Absolute path of the project root. */
  projectRoot: string;
  /** Files of the project that configured this plan, for `plan` output. */
  sourceFiles: string[];
  name: string;
  /** The value of the `spot-deployer:deployment` tag. */
  deploymentId: string;
  /** Where this run comes from: names the deployment (pull requests) and fills the tags. */
  run: RunContext;
  /**
   * Tags every resource gets at creation: the user's, then ours (which win).
   * Deploy adds only what it alone knows: the bundle's hash, the expiry and the launch id.
   */
  resourceTags: Record<string, string>;
  regions: RegionPlan[];
  architecture: Architecture;
  market: Market;
  maxPrice?: number;
  allocation: Allocation;
  rootVolume: { sizeGb: number; type: string };
  network: NetworkPlan;
  ssh?: SshPlan;
  iamInstanceProfile?: string;
  ttlSeconds: number | 'never';
  tags: Record<string, string>;
  bucket: { name: string; create: boolean; prefix: string; kmsKeyId?: string };
  wait: WaitMode;
  readyTimeoutSeconds: number;
  healthCheck?: { port: number; path: string; expect: number };
  manifest: Manifest;
  userData: UserDataSources;
  /** The project's ignore rules (gitignore syntax) and the file they came from. */
  bundleIgnore: { file?: string; rules: string };
  /** Notices (deprecations, warnings) gathered while planning. */
  notices: string[];
}

export const totalInstances = (plan: Plan): number => plan.regions.reduce((sum, region) => sum + region.count, 0);

export type { PlanOverrides } from '../config/overrides.js';
