/**
 * Gets capacity in one region by walking the ladder of pools (instance type
 * × subnet/AZ), spot first and then on-demand when the market allows it.
 * Capacity errors move on to the next pool; anything else stops at once.
 * Every attempt is recorded for the summary.
 */
import { createHash } from 'node:crypto';
import { RunInstancesCommand, type RunInstancesCommandInput } from '@aws-sdk/client-ec2';
import type { SpotError } from '../core/errors.js';
import type { Attempt } from '../core/results.js';

export type { Attempt };
import type { Market } from '../plan/types.js';
import type { ResolvedImage } from './ami.js';
import type { AwsClients } from './clients.js';
import { awsErrorCode, awsErrorMessage, classifyAwsError, wrapAwsError } from './errors.js';
import type { SubnetChoice } from './network.js';
import { TAG, tagSpecifications, toTagList } from './tags.js';

export interface LaunchedInstance {
  id: string;
  region: string;
  availabilityZone: string;
  instanceType: string;
  lifecycle: 'spot' | 'on-demand';
  launchId: string;
}

/** What every instance of a deployment is launched with, whatever the pool. */
export interface LaunchSpec {
  market: Market;
  maxPrice?: number;
  rootVolume: { sizeGb: number; type: string };
  publicIp: boolean;
  keyName?: string;
  iamInstanceProfile?: string;
}

export interface RegionLaunchRequest {
  clients: AwsClients;
  spec: LaunchSpec;
  count: number;
  instanceTypes: string[];
  image: ResolvedImage;
  subnets: SubnetChoice[];
  securityGroupId: string;
  /** Tags without the launch id; each launch call adds its own. */
  tags: Record<string, string>;
  /** Base of the idempotency token: deployment and run. */
  clientTokenBase: string;
  /** Hears each launch call's instances as soon as it returns, so they can be cleaned up if the run is stopped. */
  onLaunched?: (instances: LaunchedInstance[]) => void;
  /** User-data (base64) for one launch call, whose instances report under `launchId`. */
  userDataFor: (launchId: string, count: number) => Promise<string>;
}

export interface RegionLaunchResult {
  instances: LaunchedInstance[];
  attempts: Attempt[];
  /** Set when an error that no other pool can fix stopped the ladder. */
  error?: SpotError;
}

const marketsFor = (market: Market): Array<'spot' | 'on-demand'> =>
  market === 'spot' ? ['spot'] : market === 'on-demand' ? ['on-demand'] : ['spot', 'on-demand'];

/** Names one launch call: its instances report under `status/<launchId>/`. */
const launchIdFor = (base: string, region: string, attempt: number): string =>
  `${region}-${createHash('sha256').update(base).digest('hex').slice(0, 10)}-${attempt}`;

/** EC2 limits ClientToken to 64 ASCII characters. */
const clientToken = (base: string, attempt: number): string => createHash('sha256').update(`${base}#${attempt}`).digest('hex').slice(0, 64);

/** One pool of the ladder, as one RunInstances call asks for it. */
export interface PoolRequest {
  type: string;
  subnet: SubnetChoice;
  market: 'spot' | 'on-demand';
  count: number;
  launchId: string;
  attempt: number;
  userData: string;
}

/** The RunInstances input for one pool: pure, so its hardening is table-tested without AWS. */
export function buildRunInput(
  request: Pick<RegionLaunchRequest, 'spec' | 'image' | 'securityGroupId' | 'tags' | 'clientTokenBase'>,
  pool: PoolRequest,
): RunInstancesCommandInput {
  const { spec } = request;
  const tags = toTagList({ ...request.tags, [TAG.launchId]: pool.launchId });
  return {
    ImageId: request.image.imageId,
    InstanceType: pool.type as RunInstancesCommandInput['InstanceType'],
    MinCount: 1,
    MaxCount: pool.count,
    ClientToken: clientToken(request.clientTokenBase, pool.attempt),
    UserData: pool.userData,
    // The TTL shutdown inside the instance must end its bill, not stop it.
    InstanceInitiatedShutdownBehavior: 'terminate',
    MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 2 },
    BlockDeviceMappings: [
      {
        DeviceName: request.image.rootDeviceName,
        Ebs: { Encrypted: true, VolumeSize: spec.rootVolume.sizeGb, VolumeType: spec.rootVolume.type as 'gp3', DeleteOnTermination: true },
      },
    ],
    NetworkInterfaces: [
      {
        DeviceIndex: 0,
        SubnetId: pool.subnet.subnetId,
        Groups: [request.securityGroupId],
        AssociatePublicIpAddress: spec.publicIp,
        DeleteOnTermination: true,
      },
    ],
    ...(pool.market === 'spot'
      ? {
          InstanceMarketOptions: {
            MarketType: 'spot',
            SpotOptions: {
              SpotInstanceType: 'one-time',
              InstanceInterruptionBehavior: 'terminate',
              ...(spec.maxPrice === undefined ? {} : { MaxPrice: String(spec.maxPrice) }),
            },
          },
        }
      : {}),
    ...(spec.keyName ? { KeyName: spec.keyName } : {}),
    ...(spec.iamInstanceProfile
      ? {
          IamInstanceProfile: spec.iamInstanceProfile.startsWith('arn:')
            ? { Arn: spec.iamInstanceProfile }
            : { Name: spec.iamInstanceProfile },
        }
      : {}),
    TagSpecifications: tagSpecifications(tags, ['instance', 'volume', 'network-interface']),
  };
}

/** Launches `count` instances in one region, moving down the ladder on capacity errors. */
export async function launchInRegion(request: RegionLaunchRequest): Promise<RegionLaunchResult> {
  const region = request.clients.region;
  const instances: LaunchedInstance[] = [];
  const attempts: Attempt[] = [];
  let attempt = 0;
  markets: for (const market of marketsFor(request.spec.market)) {
    for (const type of request.instanceTypes) {
      for (const subnet of request.subnets) {
        const remaining = request.count - instances.length;
        if (remaining <= 0) return { instances, attempts };
        attempt += 1;
        const launchId = launchIdFor(request.clientTokenBase, region, attempt);
        const record: Attempt = { region, instanceType: type, availabilityZone: subnet.availabilityZone, market, launched: 0 };
        attempts.push(record);
        try {
          const userData = await request.userDataFor(launchId, remaining);
          const input = buildRunInput(request, { type, subnet, market, count: remaining, launchId, attempt, userData });
          const result = await request.clients.ec2.send(new RunInstancesCommand(input));
          const fresh: LaunchedInstance[] = [];
          for (const instance of result.Instances ?? []) {
            fresh.push({
              id: instance.InstanceId!,
              region,
              availabilityZone: instance.Placement?.AvailabilityZone ?? subnet.availabilityZone,
              instanceType: instance.InstanceType ?? type,
              lifecycle: market,
              launchId,
            });
          }
          instances.push(...fresh);
          record.launched = fresh.length;
          if (fresh.length > 0) request.onLaunched?.(fresh);
        } catch (error) {
          record.errorCode = awsErrorCode(error);
          record.message = awsErrorMessage(error);
          const decision = classifyAwsError(record.errorCode);
          // A spot quota applies to every spot pool: go straight to on-demand when allowed.
          if (decision === 'switch-market' && market === 'spot' && request.spec.market === 'spot-then-on-demand') continue markets;
          if (decision === 'stop' || decision === 'switch-market') {
            const wrapped = wrapAwsError(error, {
              action: 'ec2:RunInstances',
              resource: `${region} ${type} ${subnet.availabilityZone} ${market}`,
            });
            return { instances, attempts, error: wrapped };
          }
        }
      }
    }
  }
  return { instances, attempts };
}
