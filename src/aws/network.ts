/**
 * The network an instance lands in: the VPC and its subnets (one pool per
 * AZ), and a security group owned by the deployment that opens only the
 * configured ports to the configured CIDRs. With no ingress configured the
 * group has no inbound rules at all.
 */
import { CODE } from '../core/codes.js';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import { SpotError } from '../core/errors.js';
import type { IngressRule, NetworkPlan } from '../plan/types.js';
import type { AwsClients } from './clients.js';
import { awsErrorCode, wrapAwsError } from './errors.js';
import { deploymentFilter, tagSpecifications, toTagList } from './tags.js';

export interface SubnetChoice {
  subnetId: string;
  availabilityZone: string;
}

async function findVpcId(clients: AwsClients, vpc: NetworkPlan['vpc']): Promise<string> {
  const input = vpc === 'default' ? { Filters: [{ Name: 'is-default', Values: ['true'] }] } : { VpcIds: [vpc] };
  let vpcs;
  try {
    vpcs = (await clients.ec2.send(new DescribeVpcsCommand(input))).Vpcs ?? [];
  } catch (error) {
    throw wrapAwsError(error, { action: 'ec2:DescribeVpcs', resource: `${clients.region} ${vpc}` });
  }
  const found = vpcs[0]?.VpcId;
  if (!found) {
    throw new SpotError(CODE.noNetwork, `no ${vpc === 'default' ? 'default VPC' : `VPC ${vpc}`} in ${clients.region}`, {
      key: 'network.vpc',
      hint: 'Create a default VPC (`aws ec2 create-default-vpc`) or set network.vpc and network.subnets in .spot/config.yaml.',
    });
  }
  return found;
}

/** One subnet per availability zone: each is a separate capacity pool. */
export async function findSubnets(
  clients: AwsClients,
  network: NetworkPlan,
  regionSubnets: 'auto' | string[],
): Promise<{ vpcId: string; subnets: SubnetChoice[] }> {
  const vpcId = await findVpcId(clients, network.vpc);
  const explicit = regionSubnets !== 'auto' ? regionSubnets : network.subnets !== 'auto' ? network.subnets : undefined;
  let described;
  try {
    described =
      (
        await clients.ec2.send(
          new DescribeSubnetsCommand(explicit ? { SubnetIds: explicit } : { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
        )
      ).Subnets ?? [];
  } catch (error) {
    throw wrapAwsError(error, { action: 'ec2:DescribeSubnets', resource: `${clients.region} ${vpcId}` });
  }
  const byZone = new Map<string, SubnetChoice>();
  for (const subnet of [...described].sort((a, b) => (a.SubnetId ?? '').localeCompare(b.SubnetId ?? ''))) {
    const zone = subnet.AvailabilityZone;
    if (zone && subnet.SubnetId && !byZone.has(zone)) byZone.set(zone, { subnetId: subnet.SubnetId, availabilityZone: zone });
  }
  const subnets = [...byZone.values()].sort((a, b) => a.availabilityZone.localeCompare(b.availabilityZone));
  if (subnets.length === 0) {
    throw new SpotError(CODE.noNetwork, `VPC ${vpcId} in ${clients.region} has no subnets`, {
      key: 'network.subnets',
      hint: 'Add a subnet to the VPC or list subnets in network.subnets.',
    });
  }
  return { vpcId, subnets };
}

const groupName = (deploymentId: string): string => `spot-deployer-${deploymentId}`;

async function existingGroup(clients: AwsClients, vpcId: string, deploymentId: string): Promise<string | undefined> {
  const groups = await clients.ec2.send(
    new DescribeSecurityGroupsCommand({
      Filters: [deploymentFilter(deploymentId), { Name: 'vpc-id', Values: [vpcId] }],
    }),
  );
  return groups.SecurityGroups?.[0]?.GroupId;
}

async function authorize(clients: AwsClients, groupId: string, rules: IngressRule[]): Promise<void> {
  if (rules.length === 0) return;
  await clients.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: rules.map((rule) => ({
        IpProtocol: rule.protocol,
        FromPort: rule.port,
        ToPort: rule.port,
        IpRanges: [{ CidrIp: rule.cidr, Description: 'spot-deployer network.ingress' }],
      })),
    }),
  );
}

/** Creates (or reuses) the deployment's security group; idempotent by tag. */
export async function ensureSecurityGroup(
  clients: AwsClients,
  options: { vpcId: string; deploymentId: string; ingress: IngressRule[]; tags: Record<string, string> },
): Promise<string> {
  try {
    const found = await existingGroup(clients, options.vpcId, options.deploymentId);
    if (found) return found;
    const created = await clients.ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: groupName(options.deploymentId),
        Description: `spot-deployer ${options.deploymentId}: ingress only as configured`,
        VpcId: options.vpcId,
        TagSpecifications: tagSpecifications(toTagList(options.tags), ['security-group']),
      }),
    );
    await authorize(clients, created.GroupId!, options.ingress);
    return created.GroupId!;
  } catch (error) {
    throw wrapAwsError(error, { action: 'ec2:CreateSecurityGroup', resource: `${clients.region} ${groupName(options.deploymentId)}` });
  }
}

/** Deletes the deployment's security groups; a group still in use is retried by the caller later. */
export async function deleteSecurityGroups(clients: AwsClients, deploymentId: string): Promise<string[]> {
  const groups = await clients.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [deploymentFilter(deploymentId)] }));
  const deleted: string[] = [];
  for (const group of groups.SecurityGroups ?? []) {
    try {
      await clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: group.GroupId }));
      deleted.push(group.GroupId!);
    } catch (error) {
      if (awsErrorCode(error) !== 'DependencyViolation') {
        throw wrapAwsError(error, { action: 'ec2:DeleteSecurityGroup', resource: `${clients.region} ${group.GroupId}` });
      }
    }
  }
  return deleted;
}
