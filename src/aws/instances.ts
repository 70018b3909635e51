/**
 * Finding, waiting for and terminating a deployment's instances, always by
 * tag: there is no local state file.
 */
import {
  DescribeInstancesCommand,
  type DescribeInstancesCommandInput,
  type DescribeInstancesCommandOutput,
  TerminateInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceTerminated,
  type Instance,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from './clients.js';
import { wrapAwsError } from './errors.js';
import { MANAGED_BY, TAG, isOfRepository, isOwnedBy, ownerFilters, tagValue, type DeploymentOwner } from './tags.js';

export interface InstanceView {
  id: string;
  region: string;
  availabilityZone: string;
  instanceType: string;
  lifecycle: 'spot' | 'on-demand';
  state: string;
  stateReason?: string;
  publicIp?: string;
  privateIp?: string;
  launchTime?: string;
  launchId?: string;
  bundleSha256?: string;
  indexSha256?: string;
  expiresAt?: string;
  deploymentId?: string;
  repository?: string;
  specSha256?: string;
  pullRequest?: string;
}

/** Spot reclaimed the instance: these are replaced, not reported as failures of the project. */
const SPOT_RECLAIM = /Server\.SpotInstance(Termination|Shutdown)|Server\.InsufficientInstanceCapacity/;

export const wasReclaimedBySpot = (instance: InstanceView): boolean => SPOT_RECLAIM.test(instance.stateReason ?? '');

function toView(region: string, instance: Instance): InstanceView {
  return {
    id: instance.InstanceId!,
    region,
    availabilityZone: instance.Placement?.AvailabilityZone ?? '',
    instanceType: instance.InstanceType ?? '',
    lifecycle: instance.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand',
    state: instance.State?.Name ?? 'unknown',
    stateReason: instance.StateReason?.Code,
    publicIp: instance.PublicIpAddress,
    privateIp: instance.PrivateIpAddress,
    launchTime: instance.LaunchTime?.toISOString(),
    launchId: tagValue(instance.Tags, TAG.launchId),
    bundleSha256: tagValue(instance.Tags, TAG.bundleSha256),
    indexSha256: tagValue(instance.Tags, TAG.indexSha256),
    expiresAt: tagValue(instance.Tags, TAG.expiresAt),
    deploymentId: tagValue(instance.Tags, TAG.deployment),
    repository: tagValue(instance.Tags, TAG.repository),
    specSha256: tagValue(instance.Tags, TAG.specSha256),
    pullRequest: tagValue(instance.Tags, TAG.pr),
  };
}

async function describe(clients: AwsClients, input: DescribeInstancesCommandInput): Promise<InstanceView[]> {
  const views: InstanceView[] = [];
  let NextToken: string | undefined;
  try {
    do {
      const page = await clients.ec2.send(new DescribeInstancesCommand({ ...input, NextToken }));
      for (const reservation of page.Reservations ?? []) {
        for (const instance of reservation.Instances ?? []) views.push(toView(clients.region, instance));
      }
      NextToken = page.NextToken;
    } while (NextToken);
  } catch (error) {
    throw wrapAwsError(error, { action: 'ec2:DescribeInstances', resource: clients.region });
  }
  return views.sort((a, b) => a.id.localeCompare(b.id));
}

const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down'];

const viewOwnedBy = (view: InstanceView, owner: DeploymentOwner): boolean =>
  isOwnedBy(
    [
      { Key: TAG.deployment, Value: view.deploymentId },
      { Key: TAG.repository, Value: view.repository },
    ],
    owner,
  );

/** The deployment's instances in a region that still cost money or may: this deployment id of this repository only. */
export const findDeploymentInstances = async (
  clients: AwsClients,
  owner: DeploymentOwner,
  states: string[] = LIVE_STATES,
): Promise<InstanceView[]> =>
  (await describe(clients, { Filters: [...ownerFilters(owner), { Name: 'instance-state-name', Values: states }] })).filter((view) =>
    viewOwnedBy(view, owner),
  );

/** Every live instance spot-deployer launched for `repository` in a region, whatever the deployment. */
export const findManagedInstances = async (clients: AwsClients, repository: string): Promise<InstanceView[]> =>
  (
    await describe(clients, {
      Filters: [
        { Name: `tag:${TAG.managedBy}`, Values: [MANAGED_BY] },
        ...(repository ? [{ Name: `tag:${TAG.repository}`, Values: [repository] }] : []),
        { Name: 'instance-state-name', Values: LIVE_STATES },
      ],
    })
  ).filter((view) => isOfRepository([{ Key: TAG.repository, Value: view.repository }], repository));

export const describeInstances = (clients: AwsClients, ids: string[]): Promise<InstanceView[]> =>
  ids.length === 0 ? Promise.resolve([]) : describe(clients, { InstanceIds: ids });

/**
 * Waits with the SDK's own waiter, capped so a stuck instance cannot hang the
 * job; returns the instances as its last DescribeInstances saw them (all
 * running), so the caller need not ask again.
 */
export async function waitForRunning(clients: AwsClients, ids: string[], maxWaitTime: number): Promise<InstanceView[]> {
  if (ids.length === 0) return [];
  try {
    const result = await waitUntilInstanceRunning({ client: clients.ec2, maxWaitTime, minDelay: 2, maxDelay: 10 }, { InstanceIds: ids });
    const last = result.reason as DescribeInstancesCommandOutput | undefined;
    const views = (last?.Reservations ?? [])
      .flatMap((reservation) => reservation.Instances ?? [])
      .map((instance) => toView(clients.region, instance));
    // A page short of any id (should not happen for InstanceIds) is described again by the caller.
    return views.length === ids.length ? views.sort((a, b) => a.id.localeCompare(b.id)) : [];
  } catch (error) {
    throw wrapAwsError(error, { action: 'ec2:DescribeInstances (wait for running)', resource: `${clients.region} ${ids.join(', ')}` });
  }
}

export async function terminateInstances(
  clients: AwsClients,
  ids: string[],
  options: { wait: boolean; maxWaitTime?: number },
): Promise<void> {
  if (ids.length === 0) return;
  try {
    await clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: ids }));
    if (options.wait) {
      await waitUntilInstanceTerminated(
        { client: clients.ec2, maxWaitTime: options.maxWaitTime ?? 600, minDelay: 2, maxDelay: 10 },
        { InstanceIds: ids },
      );
    }
  } catch (error) {
    throw wrapAwsError(error, { action: 'ec2:TerminateInstances', resource: `${clients.region} ${ids.join(', ')}` });
  }
}
