/**
 * The two requests a fleet launch is made of, as pure functions so their
 * hardening and mapping are table-tested without AWS: the launch template
 * data every instance gets whatever its pool (image, IMDSv2, encrypted root
 * volume, network interface, terminate on shutdown, tags, user-data), and
 * the CreateFleet input (overrides = instance types × subnets, allocation
 * strategies, target capacity).
 */
import type {
  CreateFleetCommandInput,
  FleetLaunchTemplateOverridesRequest,
  RequestLaunchTemplateData,
  SpotAllocationStrategy,
} from '@aws-sdk/client-ec2';
import type { Allocation, Market } from '../plan/types.js';
import type { ResolvedImage } from './ami.js';
import type { TemplateVersion } from './launch-template.js';
import type { SubnetChoice } from './network.js';
import { tagSpecifications, toTagList } from './tags.js';

/** What every instance of a deployment is launched with, whatever the pool. */
export interface LaunchSpec {
  market: Market;
  /** USD per instance-hour: the most a spot instance may cost (each override's MaxPrice). */
  maxPrice?: number;
  /** The spot fleet's allocation strategy. */
  allocation: Allocation;
  rootVolume: { sizeGb: number; type: string };
  publicIp: boolean;
  keyName?: string;
  iamInstanceProfile?: string;
  /** IMDS hops: 1 keeps containers from reaching IMDS (user-data, identity); 2 when containers need it. */
  metadataHopLimit: 1 | 2;
}

/** The data of one launch template version: everything but the pool (type, subnet) and the market. */
export function buildLaunchTemplateData(input: {
  spec: LaunchSpec;
  image: Pick<ResolvedImage, 'imageId' | 'rootDeviceName'>;
  securityGroupId: string;
  /** Instance, volume and network-interface tags, the launch id included. */
  tags: Record<string, string>;
  /** Base64. */
  userData: string;
}): RequestLaunchTemplateData {
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
        Ebs: { Encrypted: true, VolumeSize: spec.rootVolume.sizeGb, VolumeType: spec.rootVolume.type as 'gp3', DeleteOnTermination: true },
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
export const spotAllocationStrategy = (allocation: Allocation): SpotAllocationStrategy => allocation;

/**
 * Every instance type × every subnet, types in the order written. On-demand
 * fleets use `prioritized`: the first type written is tried first (priority
 * 0), as the ladder did before Fleet; every subnet of a type has the same
 * priority, so EC2 spreads across AZs within it.
 */
export function buildOverrides(
  instanceTypes: string[],
  subnets: SubnetChoice[],
  options: { market: 'spot' | 'on-demand'; maxPrice?: number },
): FleetLaunchTemplateOverridesRequest[] {
  return instanceTypes.flatMap((type, priority) =>
    subnets.map((subnet) => ({
      InstanceType: type as FleetLaunchTemplateOverridesRequest['InstanceType'],
      SubnetId: subnet.subnetId,
      ...(options.market === 'on-demand' ? { Priority: priority } : {}),
      ...(options.market === 'spot' && options.maxPrice !== undefined ? { MaxPrice: String(options.maxPrice) } : {}),
    })),
  );
}

/** One CreateFleet `instant` for `count` instances of one market. */
export function buildFleetInput(input: {
  spec: LaunchSpec;
  market: 'spot' | 'on-demand';
  count: number;
  instanceTypes: string[];
  subnets: SubnetChoice[];
  template: TemplateVersion;
  clientToken: string;
  /** Tags of the fleet object (instant fleets stay listed for a while). */
  tags: Record<string, string>;
}): CreateFleetCommandInput {
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
