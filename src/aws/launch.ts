/**
 * Gets capacity in one region with EC2 Fleet `instant`: one CreateFleet per
 * market step, every instance type × subnet (AZ) an override of it, so EC2
 * picks the pools (spot with the configured allocation strategy, on-demand
 * by the written type order). Spot first, then on-demand for the shortfall
 * when the market allows it; the per-pool `Errors` of each response become
 * attempts for the summary. A non-capacity error stops at once.
 */
import { createHash } from 'node:crypto';
import { CreateFleetCommand, type CreateFleetCommandOutput } from '@aws-sdk/client-ec2';
import type { SpotError } from '../core/errors.js';
import type { Attempt } from '../core/results.js';
import type { Market } from '../plan/types.js';
import type { ResolvedImage } from './ami.js';
import type { AwsClients } from './clients.js';
import { awsErrorCode, awsErrorMessage, classifyAwsError, wrapAwsError, type ErrorClass } from './errors.js';
import { buildFleetInput, buildLaunchTemplateData, type LaunchSpec } from './fleet-input.js';
import { putLaunchTemplateVersion, type LaunchTemplateSlot } from './launch-template.js';
import type { SubnetChoice } from './network.js';
import { TAG, type DeploymentOwner } from './tags.js';

export type { Attempt };
export { buildFleetInput, buildLaunchTemplateData, type LaunchSpec } from './fleet-input.js';

export interface LaunchedInstance {
  id: string;
  region: string;
  availabilityZone: string;
  instanceType: string;
  lifecycle: 'spot' | 'on-demand';
  launchId: string;
}

export interface RegionLaunchRequest {
  clients: AwsClients;
  spec: LaunchSpec;
  count: number;
  instanceTypes: string[];
  image: ResolvedImage;
  subnets: SubnetChoice[];
  securityGroupId: string;
  /** The group's rules being written: each fleet call waits for them (the template version does not). */
  ingress?: Promise<void>;
  /** The deployment's launch template in this region (filled in when the first call creates it). */
  launchTemplate: LaunchTemplateSlot;
  owner: DeploymentOwner;
  /** Tags of the launch template itself: the deployment's, without spec hash or launch id. */
  templateTags: Record<string, string>;
  /** Instance, volume and network-interface tags without the launch id; each fleet call adds its own. */
  tags: Record<string, string>;
  /** Base of the idempotency token: deployment and run. */
  clientTokenBase: string;
  /** Hears each fleet call's instances as soon as it returns, so they can be cleaned up if the run is stopped. */
  onLaunched?: (instances: LaunchedInstance[]) => void;
  /**
   * User-data (base64) for one fleet call, whose instances report under
   * `launchId`, and the write of whatever it points at: the fleet call waits
   * for `written`, the template version does not.
   */
  userDataFor: (launchId: string, count: number) => Promise<{ userData: string; written: Promise<void> }>;
}

export interface RegionLaunchResult {
  instances: LaunchedInstance[];
  attempts: Attempt[];
  /** Set when an error that no other pool can fix stopped the ladder. */
  error?: SpotError;
}

const marketsFor = (market: Market): Array<'spot' | 'on-demand'> =>
  market === 'spot' ? ['spot'] : market === 'on-demand' ? ['on-demand'] : ['spot', 'on-demand'];

/** Names one fleet call: its instances report under `status/<launchId>/`. */
const launchIdFor = (base: string, region: string, attempt: number): string =>
  `${region}-${createHash('sha256').update(base).digest('hex').slice(0, 10)}-${attempt}`;

/** EC2 limits ClientToken to 64 ASCII characters. */
export const clientToken = (base: string, attempt: number): string =>
  createHash('sha256').update(`${base}#${attempt}`).digest('hex').slice(0, 64);

/** What one fleet call gave: its instances, one attempt per pool it touched, and the worst error class seen. */
interface StepOutcome {
  instances: LaunchedInstance[];
  attempts: Attempt[];
  /** The error that decides the next step, with the class it falls in. */
  worst?: { decision: ErrorClass; code: string; message: string; pool: string };
}

const RANK: Record<ErrorClass, number> = { retry: 0, 'next-pool': 1, 'switch-market': 2, stop: 3 };

/** Reads a CreateFleet answer: instances and errors per pool (type × subnet), attempts in the order of the overrides. */
export function readFleetResult(
  output: Pick<CreateFleetCommandOutput, 'Instances' | 'Errors'>,
  context: { region: string; market: 'spot' | 'on-demand'; launchId: string; subnets: SubnetChoice[] },
): StepOutcome {
  const azOf = (subnetId: string | undefined, az: string | undefined): string =>
    context.subnets.find((subnet) => subnet.subnetId === subnetId)?.availabilityZone ?? az ?? '';
  const outcome: StepOutcome = { instances: [], attempts: [] };
  const pools = new Map<string, Attempt>();
  for (const entry of output.Instances ?? []) {
    const override = entry.LaunchTemplateAndOverrides?.Overrides;
    const type = entry.InstanceType ?? override?.InstanceType ?? '';
    const availabilityZone = azOf(override?.SubnetId, override?.AvailabilityZone);
    const lifecycle = entry.Lifecycle === 'spot' || entry.Lifecycle === 'on-demand' ? entry.Lifecycle : context.market;
    const key = `${type}|${availabilityZone}|${lifecycle}`;
    const pool = pools.get(key) ?? { region: context.region, instanceType: type, availabilityZone, market: lifecycle, launched: 0 };
    if (!pools.has(key)) {
      if (override?.SubnetId) pool.subnetId = override.SubnetId;
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
    const decision = classifyAwsError(code);
    if (!outcome.worst || RANK[decision] > RANK[outcome.worst.decision]) {
      outcome.worst = { decision, code, message, pool: `${type} ${availabilityZone}`.trim() };
    }
  }
  return outcome;
}

/** The whole call failed (no per-pool answer): one attempt that names every pool it asked for. */
function failedCall(request: RegionLaunchRequest, market: 'spot' | 'on-demand', error: unknown): StepOutcome {
  const code = awsErrorCode(error);
  const message = awsErrorMessage(error);
  const attempt: Attempt = {
    region: request.clients.region,
    instanceType: request.instanceTypes.join(', '),
    availabilityZone: request.subnets.map((subnet) => subnet.availabilityZone).join(', '),
    market,
    launched: 0,
    errorCode: code,
    message,
  };
  return { instances: [], attempts: [attempt], worst: { decision: classifyAwsError(code), code, message, pool: 'every pool' } };
}

/** One market step: a template version with this call's user-data, then one CreateFleet for `count`. */
async function fleetStep(
  request: RegionLaunchRequest,
  step: { market: 'spot' | 'on-demand'; count: number; attempt: number },
): Promise<StepOutcome> {
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
        tags: { ...request.tags, [TAG.launchId]: launchId },
        userData,
      }),
    }),
    written,
    request.ingress,
  ]);
  if (template.status === 'rejected') throw template.reason;
  for (const write of writes) if (write.status === 'rejected') throw write.reason;
  const input = buildFleetInput({
    spec: request.spec,
    market: step.market,
    count: step.count,
    instanceTypes: request.instanceTypes,
    subnets: request.subnets,
    template: template.value,
    clientToken: clientToken(request.clientTokenBase, step.attempt),
    tags: { ...request.templateTags, [TAG.launchId]: launchId },
  });
  try {
    const output = await request.clients.ec2.send(new CreateFleetCommand(input));
    return readFleetResult(output, { region, market: step.market, launchId, subnets: request.subnets });
  } catch (error) {
    return failedCall(request, step.market, error);
  }
}

/** The ladder's error for a step that ended short: named by the API action and the pool. */
function stepError(request: RegionLaunchRequest, market: string, worst: NonNullable<StepOutcome['worst']>): SpotError {
  const failure = Object.assign(new Error(worst.message), { name: worst.code });
  return wrapAwsError(failure, { action: 'ec2:CreateFleet', resource: `${request.clients.region} ${worst.pool} ${market}` });
}

/** Launches `count` instances in one region: a spot fleet, then an on-demand fleet for what is missing (when allowed). */
export async function launchInRegion(request: RegionLaunchRequest): Promise<RegionLaunchResult> {
  const instances: LaunchedInstance[] = [];
  const attempts: Attempt[] = [];
  const markets = marketsFor(request.spec.market);
  for (const [index, market] of markets.entries()) {
    const remaining = request.count - instances.length;
    if (remaining <= 0) break;
    let outcome: StepOutcome;
    try {
      outcome = await fleetStep(request, { market, count: remaining, attempt: index + 1 });
    } catch (error) {
      // The user-data or the template version could not be written: keep what earlier steps launched.
      return {
        instances,
        attempts,
        error: wrapAwsError(error, { action: 'ec2:CreateFleet', resource: `${request.clients.region} ${market}` }),
      };
    }
    instances.push(...outcome.instances);
    attempts.push(...outcome.attempts);
    if (outcome.instances.length > 0) request.onLaunched?.(outcome.instances);
    const short = instances.length < request.count;
    const worst = outcome.worst;
    if (!worst || !short) continue;
    // Capacity: this step got what it could; the next market (or the next region) asks for the rest.
    if (worst.decision === 'next-pool' || worst.decision === 'retry') continue;
    // A spot quota applies to every spot pool: on-demand when allowed, else stop with the quota named.
    const onDemandNext = markets[index + 1] === 'on-demand';
    if (worst.decision === 'switch-market' && onDemandNext) continue;
    return { instances, attempts, error: stepError(request, market, worst) };
  }
  return { instances, attempts };
}
