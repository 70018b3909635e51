/**
 * Which subnets a region's fleet gets (one per zone, each a capacity pool)
 * and which VPC its security group goes in, against moto: the default VPC
 * through its default subnets in one request, a named VPC through its own,
 * listed subnets naming their VPC (which must be one, and network.vpc's when
 * set), and clear errors naming the key when none fit.
 */
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  type Subnet,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { findSubnets, onePerZone } from '../../src/aws/network.js';
import type { NetworkPlan } from '../../src/plan/types.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';

let local: InProcessAws;
let clients: AwsClients;
let defaultVpc: string;
let defaultSubnets: Subnet[];

const network = (over: Partial<NetworkPlan> = {}): NetworkPlan => ({
  vpc: 'default',
  subnets: 'auto',
  publicIp: true,
  ingress: [],
  ...over,
});

beforeAll(async () => {
  local = await startInProcessAws({ proxy: true });
  clients = createClients('us-east-1');
});

beforeEach(async () => {
  await local.aws.reset();
  local.proxy!.clearRequests();
  const vpcs = await clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  defaultVpc = vpcs.Vpcs![0]!.VpcId!;
  defaultSubnets = (await clients.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc] }] }))).Subnets!;
  local.proxy!.clearRequests();
});

afterAll(async () => {
  clients?.ec2.destroy();
  clients?.s3.destroy();
  clients?.ssm.destroy();
  await local?.stop();
});

async function vpcWithSubnets(cidr: string, zones: string[]): Promise<{ vpcId: string; subnetIds: string[] }> {
  const vpcId = (await clients.ec2.send(new CreateVpcCommand({ CidrBlock: `${cidr}.0.0/16` }))).Vpc!.VpcId!;
  const subnetIds: string[] = [];
  for (const [index, zone] of zones.entries()) {
    const made = await clients.ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `${cidr}.${index}.0/24`, AvailabilityZone: zone }),
    );
    subnetIds.push(made.Subnet!.SubnetId!);
  }
  return { vpcId, subnetIds };
}

const failure = (promise: Promise<unknown>): Promise<{ code?: string; key?: string; message: string }> =>
  promise.then(
    () => {
      throw new Error('expected an error');
    },
    (error: unknown) => error as { code?: string; key?: string; message: string },
  );

describe('findSubnets', () => {
  it("takes the default VPC's default subnet in every zone, in one request", async () => {
    const found = await findSubnets(clients, network(), 'auto');
    expect(found.vpcId).toBe(defaultVpc);
    const zones = [...new Set(defaultSubnets.map((subnet) => subnet.AvailabilityZone))].sort();
    expect(found.subnets.map((subnet) => subnet.availabilityZone)).toEqual(zones);
    const defaults = new Set(defaultSubnets.filter((subnet) => subnet.DefaultForAz).map((subnet) => subnet.SubnetId));
    expect(found.subnets.every((subnet) => defaults.has(subnet.subnetId))).toBe(true);
    expect(local.proxy!.requests.map((request) => request.action)).toEqual(['DescribeSubnets']);
  });

  it("falls back to the default VPC's other subnets when its default subnets were deleted", async () => {
    const zone = defaultSubnets[0]!.AvailabilityZone!;
    const own = await clients.ec2.send(
      new CreateSubnetCommand({ VpcId: defaultVpc, CidrBlock: '172.31.200.0/24', AvailabilityZone: zone }),
    );
    for (const subnet of defaultSubnets) await clients.ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId }));
    const found = await findSubnets(clients, network(), 'auto');
    expect(found).toEqual({ vpcId: defaultVpc, subnets: [{ subnetId: own.Subnet!.SubnetId!, availabilityZone: zone }] });
  });

  it('says there is no default VPC when the region has none, naming network.vpc', async () => {
    for (const subnet of defaultSubnets) await clients.ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId }));
    const gateways = await clients.ec2.send(
      new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [defaultVpc] }] }),
    );
    for (const gateway of gateways.InternetGateways ?? []) {
      await clients.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: gateway.InternetGatewayId, VpcId: defaultVpc }));
    }
    await clients.ec2.send(new DeleteVpcCommand({ VpcId: defaultVpc }));
    const error = await failure(findSubnets(clients, network(), 'auto'));
    expect(error).toMatchObject({ code: 'SD151', key: 'network.vpc' });
    expect(error.message).toBe('no default VPC in us-east-1');
  });

  it('takes a named VPC through its own subnets', async () => {
    const { vpcId, subnetIds } = await vpcWithSubnets('10.1', ['us-east-1a', 'us-east-1b']);
    const found = await findSubnets(clients, network({ vpc: vpcId }), 'auto');
    expect(found.vpcId).toBe(vpcId);
    expect(found.subnets.map((subnet) => subnet.subnetId).sort()).toEqual([...subnetIds].sort());
  });

  it('puts the group in the VPC of listed subnets, not in the default VPC', async () => {
    const { vpcId, subnetIds } = await vpcWithSubnets('10.2', ['us-east-1a']);
    const found = await findSubnets(clients, network(), subnetIds);
    expect(found).toEqual({ vpcId, subnets: [{ subnetId: subnetIds[0], availabilityZone: 'us-east-1a' }] });
  });

  it('refuses listed subnets of two VPCs, naming network.subnets', async () => {
    const one = await vpcWithSubnets('10.3', ['us-east-1a']);
    const two = await vpcWithSubnets('10.4', ['us-east-1b']);
    const error = await failure(findSubnets(clients, network(), [...one.subnetIds, ...two.subnetIds]));
    expect(error).toMatchObject({ key: 'network.subnets' });
    expect(error.message).toContain('2 VPCs');
  });

  it('refuses listed subnets outside network.vpc', async () => {
    const { vpcId } = await vpcWithSubnets('10.5', ['us-east-1a']);
    const error = await failure(findSubnets(clients, network({ vpc: vpcId }), [defaultSubnets[0]!.SubnetId!]));
    expect(error).toMatchObject({ key: 'network.subnets' });
    expect(error.message).toContain(`not in network.vpc ${vpcId}`);
  });

  it('says a named VPC has no subnets', async () => {
    const { vpcId } = await vpcWithSubnets('10.6', []);
    const error = await failure(findSubnets(clients, network({ vpc: vpcId }), 'auto'));
    expect(error).toMatchObject({ key: 'network.subnets' });
    expect(error.message).toContain(`VPC ${vpcId} in us-east-1 has no subnets`);
  });
});

describe('onePerZone', () => {
  it("prefers a zone's default subnet, then the lowest id, and orders by zone", () => {
    const chosen = onePerZone([
      { SubnetId: 'subnet-a', AvailabilityZone: 'z-2' },
      { SubnetId: 'subnet-c', AvailabilityZone: 'z-1', DefaultForAz: true },
      { SubnetId: 'subnet-b', AvailabilityZone: 'z-1' },
    ]);
    expect(chosen).toEqual([
      { subnetId: 'subnet-c', availabilityZone: 'z-1' },
      { subnetId: 'subnet-a', availabilityZone: 'z-2' },
    ]);
  });
});

describe('findSubnets with a subnet id that is not there', () => {
  it('names network.subnets and the id', async () => {
    const error = await failure(findSubnets(clients, network(), ['subnet-0123456789abcdef0']));
    expect(error).toMatchObject({ key: 'network.subnets' });
    expect(error.message).toContain('subnet-0123456789abcdef0');
  });
});
