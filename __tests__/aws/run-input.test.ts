/** What one RunInstances call asks EC2 for: the hardening every instance gets, as a table. */
import { describe, expect, it } from 'vitest';
import { buildRunInput, type LaunchSpec, type PoolRequest } from '../../src/aws/launch.js';

const spec: LaunchSpec = { market: 'spot', rootVolume: { sizeGb: 20, type: 'gp3' }, publicIp: true };
const pool: PoolRequest = {
  type: 't3.small',
  subnet: { subnetId: 'subnet-1', availabilityZone: 'us-east-1a' },
  market: 'spot',
  count: 2,
  launchId: 'us-east-1-abc-1',
  attempt: 1,
  userData: 'dXNlci1kYXRh',
};
const input = (overrides: Partial<LaunchSpec> = {}, poolOverrides: Partial<PoolRequest> = {}) =>
  buildRunInput(
    {
      spec: { ...spec, ...overrides },
      image: { imageId: 'ami-1', rootDeviceName: '/dev/sda1' } as never,
      securityGroupId: 'sg-1',
      tags: { 'spot-deployer:deployment': 'web', Name: 'web' },
      clientTokenBase: 'web:run-1:us-east-1:main',
    },
    { ...pool, ...poolOverrides },
  );

describe('buildRunInput', () => {
  it('hardens every instance: IMDSv2, encrypted root volume, terminate on shutdown', () => {
    const built = input();
    expect(built.MetadataOptions).toMatchObject({ HttpTokens: 'required', HttpEndpoint: 'enabled' });
    expect(built.BlockDeviceMappings).toEqual([
      { DeviceName: '/dev/sda1', Ebs: { Encrypted: true, VolumeSize: 20, VolumeType: 'gp3', DeleteOnTermination: true } },
    ]);
    expect(built.InstanceInitiatedShutdownBehavior).toBe('terminate');
    expect(built.NetworkInterfaces?.[0]).toMatchObject({ SubnetId: 'subnet-1', Groups: ['sg-1'], AssociatePublicIpAddress: true });
    expect(built).toMatchObject({ MinCount: 1, MaxCount: 2, ImageId: 'ami-1', InstanceType: 't3.small', UserData: 'dXNlci1kYXRh' });
  });

  it.each([
    [
      'spot without a cap',
      {},
      {},
      { MarketType: 'spot', SpotOptions: { SpotInstanceType: 'one-time', InstanceInterruptionBehavior: 'terminate' } },
    ],
    [
      'spot with max_price',
      { maxPrice: 0.02 },
      {},
      { MarketType: 'spot', SpotOptions: { SpotInstanceType: 'one-time', InstanceInterruptionBehavior: 'terminate', MaxPrice: '0.02' } },
    ],
    ['on-demand', {}, { market: 'on-demand' as const }, undefined],
  ])('%s', (_name, overrides, poolOverrides, expected) => {
    expect(input(overrides, poolOverrides).InstanceMarketOptions).toEqual(expected);
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
    const built = input(overrides);
    expect(built.KeyName).toBe(keyName);
    expect(built.IamInstanceProfile).toEqual(profile);
  });

  it('tags instance, volume and network interface with the launch id, and keeps the token within 64 characters', () => {
    const built = input();
    expect(built.TagSpecifications?.map((spec) => spec.ResourceType)).toEqual(['instance', 'volume', 'network-interface']);
    expect(built.TagSpecifications?.[0]?.Tags).toContainEqual({ Key: 'spot-deployer:launch-id', Value: 'us-east-1-abc-1' });
    expect(built.ClientToken).toHaveLength(64);
    expect(input({}, { attempt: 2 }).ClientToken).not.toBe(built.ClientToken);
  });
});
