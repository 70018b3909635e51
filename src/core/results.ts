/**
 * What commands produce and every surface shows (outputs, summary, PR
 * comment, console, `--json`). Plain data: the deploy engine fills it in,
 * report/ and the entries read it, and neither has to import the other.
 */
import type { SpotError } from './errors.js';

export type BootstrapState = 'ok' | 'failed' | 'pending' | 'not-waited' | 'reclaimed' | 'unknown';

/** One instance, as every report shows it. */
export interface InstanceReport {
  id: string;
  region: string;
  az: string;
  type: string;
  lifecycle: 'spot' | 'on-demand';
  /** USD per hour, when known. */
  price?: number;
  public_ip?: string;
  private_ip?: string;
  state: string;
  bootstrap: BootstrapState;
  failed_step?: string;
  launched_at?: string;
}

/** One capacity pool (instance type × availability zone × market) as a fleet call answered for it: what it launched, or its error. */
export interface Attempt {
  region: string;
  instanceType: string;
  availabilityZone: string;
  /** The pool's subnet, when the fleet answer names it. */
  subnetId?: string;
  market: 'spot' | 'on-demand';
  /** How many instances the attempt got. */
  launched: number;
  errorCode?: string;
  message?: string;
}

/** An instance whose bootstrap failed, with the end of the agent's log: what went wrong. */
export interface BootstrapFailure {
  id: string;
  failedStep: string;
  logTail: string;
}

export type DeployStatus = 'success' | 'partial' | 'failed';

export interface DeployResult {
  deploymentId: string;
  status: DeployStatus;
  dryRun: boolean;
  unchanged: boolean;
  instances: InstanceReport[];
  bundle: { key: string; sha256: string; bytes: number; files: number; uploadedBytes: number };
  userDataBytes: number;
  attempts: Attempt[];
  costPerHour?: number;
  errors: SpotError[];
  /** Old instances terminated because a new bundle replaced them. */
  retired: string[];
  failures: BootstrapFailure[];
}

export interface StatusResult {
  deploymentId: string;
  instances: InstanceReport[];
  costPerHour?: number;
}

export interface DestroyResult {
  deploymentId: string;
  terminated: Array<{ id: string; region: string }>;
  securityGroups: string[];
  /** The deployment's launch templates (every version went with them). */
  launchTemplates: string[];
  objectsDeleted: number;
}

export interface SweptDeployment {
  deploymentId: string;
  reason: string;
  destroyed: DestroyResult;
}

export interface SweepResult {
  /** Deployments looked at, with their instances' count. */
  seen: Array<{ deploymentId: string; instances: number }>;
  swept: SweptDeployment[];
}
