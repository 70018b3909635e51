/**
 * What one fleet launch asks EC2 for, as tables: the hardening every
 * instance gets through the launch template, and the CreateFleet request
 * (pools = types × subnets, allocation strategies, target capacity).
 */
import { describe, expect, it } from 'vitest';
import { buildFleetInput, buildLaunchTemplateData, readFleetResult, type LaunchSpec } from '../../src/aws/launch.js';
import { clientToken } from '../../src/aws/launch.js';
import type { Allocation } from '../../src/plan/types.js';

const spec: LaunchSpec = {
  market: 'spot',
  allocation: 'price-capacity-optimized',
  rootVolume: { sizeGb: 20, type: 'gp3' },
  publicIp: true,
  metadataHopLimit: 1,
};
const subnets = [
  { subnetId: 'subnet-a', availabilityZone: 'us-east-1a' },
  { subnetId: 'subnet-b', availabilityZone: 'us-east-1b' },
];
const templateData = (overrides: Partial<LaunchSpec> = {}) =>
  buildLaunchTemplateData({
    spec: { ...spec, ...overrides },
    image: { imageId: 'ami-1', rootDeviceName: '/dev/sda1' },
    securityGroupId: 'sg-1',
    tags: { 'spot-deployer:deployment': 'web', 'spot-deployer:launch-id': 'us-east-1-abc-1', Name: 'web' },
    userData: 'dXNlci1kYXRh',
  });
const fleet = (overrides: Partial<LaunchSpec> = {}, market: 'spot' | 'on-demand' = 'spot') =>
  buildFleetInput({
    spec: { ...spec, ...overrides },
    market,
    count: 600,
    instanceTypes: ['t3.small', 't3a.small', 'm5.large'],
    subnets,
    template: { id: 'lt-1', version: '7' },
    clientToken: clientToken('web:run-1:us-east-1:main', 1),
    tags: { 'spot-deployer:deployment': 'web' },
  });

describe('buildLaunchTemplateData', () => {
  it('hardens every instance: IMDSv2, encrypted root volume, terminate on shutdown', () => {
    const data = templateData();
    expect(data.MetadataOptions).toEqual({ HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 });
    // Containers sit one hop further away: only a container template gets 2.
    expect(templateData({ metadataHopLimit: 2 }).MetadataOptions?.HttpPutResponseHopLimit).toBe(2);
    expect(data.BlockDeviceMappings).toEqual([
      { DeviceName: '/dev/sda1', Ebs: { Encrypted: true, VolumeSize: 20, VolumeType: 'gp3', DeleteOnTermination: true } },
    ]);
    expect(data.InstanceInitiatedShutdownBehavior).toBe('terminate');
    expect(data).toMatchObject({ ImageId: 'ami-1', UserData: 'dXNlci1kYXRh' });
  });

  it('puts the security group and the public IP choice on the network interface, and leaves the subnet to the pool', () => {
    expect(templateData().NetworkInterfaces).toEqual([
      { DeviceIndex: 0, Groups: ['sg-1'], AssociatePublicIpAddress: true, DeleteOnTermination: true },
    ]);
    expect(templateData({ publicIp: false }).NetworkInterfaces?.[0]?.AssociatePublicIpAddress).toBe(false);
    // Spot or not is the fleet's choice: a template with market options cannot be used by a fleet.
    expect(templateData()).not.toHaveProperty('InstanceMarketOptions');
    expect(templateData()).not.toHaveProperty('InstanceType');
  });

  it('tags instance, volume and network interface with the launch id', () => {
    const data = templateData();
    expect(data.TagSpecifications?.map((tags) => tags.ResourceType)).toEqual(['instance', 'volume', 'network-interface']);
    for (const tags of data.TagSpecifications ?? []) {
      expect(tags.Tags).toContainEqual({ Key: 'spot-deployer:launch-id', Value: 'us-east-1-abc-1' });
    }
  });

  it.each([
    ['no key, no profile', {}, undefined, undefined],
    ['a key pair', { keyName: 'laptop' }, 'laptop', undefined],
    ['a profile by name', { iamInstanceProfile: 'app' }, undefined, { Name: 'app' }],
    [
      'a profile by ARN',
      { iamInstanceProfile: 'arn:aws:iam::1:instance-profile/app' },
      undefined,
      { Arn: 'arn:aws:iam::1:instance-profile/app' },
    ],
  ])('%s', (_name, overrides, keyName, profile) => {
    const data = templateData(overrides);
    expect(data.KeyName).toBe(keyName);
    expect(data.IamInstanceProfile).toEqual(profile);
  });
});

describe('buildFleetInput', () => {
  it('asks for the whole remaining count at once, every type × subnet as a pool, from the given template version', () => {
    const input = fleet();
    expect(input.Type).toBe('instant');
    expect(input.TargetCapacitySpecification).toEqual({ TotalTargetCapacity: 600, DefaultTargetCapacityType: 'spot' });
    expect(input.LaunchTemplateConfigs).toHaveLength(1);
    expect(input.LaunchTemplateConfigs?.[0]?.LaunchTemplateSpecification).toEqual({ LaunchTemplateId: 'lt-1', Version: '7' });
    expect(input.LaunchTemplateConfigs?.[0]?.Overrides?.map((pool) => [pool.InstanceType, pool.SubnetId])).toEqual([
      ['t3.small', 'subnet-a'],
      ['t3.small', 'subnet-b'],
      ['t3a.small', 'subnet-a'],
      ['t3a.small', 'subnet-b'],
      ['m5.large', 'subnet-a'],
      ['m5.large', 'subnet-b'],
    ]);
    expect(input.ClientToken).toHaveLength(64);
    expect(clientToken('web:run-1:us-east-1:main', 2)).not.toBe(input.ClientToken);
    expect(input.TagSpecifications).toEqual([{ ResourceType: 'fleet', Tags: [{ Key: 'spot-deployer:deployment', Value: 'web' }] }]);
  });

  it.each<[Allocation]>([['price-capacity-optimized'], ['capacity-optimized'], ['lowest-price'], ['diversified']])(
    'spot with allocation %s asks EC2 Fleet for that strategy, interruptions terminating',
    (allocation) => {
      const input = fleet({ allocation });
      expect(input.SpotOptions).toEqual({ AllocationStrategy: allocation, InstanceInterruptionBehavior: 'terminate' });
      expect(input.OnDemandOptions).toBeUndefined();
    },
  );

  it('spot with max_price caps each pool per instance-hour; without it no pool has a cap', () => {
    expect(fleet({ maxPrice: 0.02 }).LaunchTemplateConfigs?.[0]?.Overrides?.map((pool) => pool.MaxPrice)).toEqual(Array(6).fill('0.02'));
    expect(fleet().LaunchTemplateConfigs?.[0]?.Overrides?.every((pool) => pool.MaxPrice === undefined)).toBe(true);
  });

  it('on-demand goes by the written type order (prioritized), every AZ of a type alike, and ignores spot settings', () => {
    const input = fleet({ maxPrice: 0.02, allocation: 'lowest-price' }, 'on-demand');
    expect(input.OnDemandOptions).toEqual({ AllocationStrategy: 'prioritized' });
    expect(input.SpotOptions).toBeUndefined();
    expect(input.TargetCapacitySpecification?.DefaultTargetCapacityType).toBe('on-demand');
    expect(input.LaunchTemplateConfigs?.[0]?.Overrides?.map((pool) => [pool.InstanceType, pool.Priority, pool.MaxPrice])).toEqual([
      ['t3.small', 0, undefined],
      ['t3.small', 0, undefined],
      ['t3a.small', 1, undefined],
      ['t3a.small', 1, undefined],
      ['m5.large', 2, undefined],
      ['m5.large', 2, undefined],
    ]);
  });
});

describe('readFleetResult', () => {
  const context = { region: 'us-east-1', market: 'spot' as const, launchId: 'us-east-1-abc-1', subnets };
  const pool = (type: string, subnet: string) => ({ Overrides: { InstanceType: type as never, SubnetId: subnet } });

  it('counts instances per pool and turns each per-pool error into an attempt with its AZ, code and message', () => {
    const read = readFleetResult(
      {
        Instances: [
          {
            Lifecycle: 'spot',
            InstanceType: 't3a.small',
            InstanceIds: ['i-1', 'i-2'],
            LaunchTemplateAndOverrides: pool('t3a.small', 'subnet-b'),
          },
        ],
        Errors: [
          {
            Lifecycle: 'spot',
            ErrorCode: 'InsufficientInstanceCapacity',
            ErrorMessage: 'no t3.small here',
            LaunchTemplateAndOverrides: pool('t3.small', 'subnet-a'),
          },
        ],
      },
      context,
    );
    expect(read.instances.map((instance) => [instance.id, instance.availabilityZone, instance.lifecycle, instance.launchId])).toEqual([
      ['i-1', 'us-east-1b', 'spot', 'us-east-1-abc-1'],
      ['i-2', 'us-east-1b', 'spot', 'us-east-1-abc-1'],
    ]);
    expect(read.attempts).toEqual([
      { region: 'us-east-1', instanceType: 't3a.small', availabilityZone: 'us-east-1b', subnetId: 'subnet-b', market: 'spot', launched: 2 },
      {
        region: 'us-east-1',
        instanceType: 't3.small',
        availabilityZone: 'us-east-1a',
        subnetId: 'subnet-a',
        market: 'spot',
        launched: 0,
        errorCode: 'InsufficientInstanceCapacity',
        message: 'no t3.small here',
      },
    ]);
    expect(read.worst).toMatchObject({ decision: 'next-pool', code: 'InsufficientInstanceCapacity', pool: 't3.small us-east-1a' });
  });

  it('keeps the error that decides most: a permission error outranks a quota, a quota outranks capacity', () => {
    const errors = ['InsufficientInstanceCapacity', 'UnauthorizedOperation', 'MaxSpotInstanceCountExceeded'].map((code) => ({
      ErrorCode: code,
      LaunchTemplateAndOverrides: pool('t3.small', 'subnet-a'),
    }));
    expect(readFleetResult({ Errors: errors }, context).worst?.decision).toBe('stop');
    expect(readFleetResult({ Errors: [errors[0]!, errors[2]!] }, context).worst?.decision).toBe('switch-market');
    // moto never sends Errors: a missing key is no error.
    expect(readFleetResult({}, context)).toEqual({ instances: [], attempts: [] });
  });
});
