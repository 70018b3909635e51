/**
 * The network an instance lands in: the VPC and its subnets (one pool per
 * AZ), and a security group owned by the deployment that opens only the
 * configured ports to the configured CIDRs, and only those: every deploy
 * reconciles the rules with the config. With no ingress configured the
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
  RevokeSecurityGroupIngressCommand,
  type DescribeSubnetsCommandInput,
  type IpPermission,
  type SecurityGroup,
  type Subnet,
} from '@aws-sdk/client-ec2';
import { SpotError } from '../core/errors.js';
import type { IngressRule, NetworkPlan } from '../plan/types.js';
import type { AwsClients } from './clients.js';
import { awsErrorCode, awsErrorMessage, wrapAwsError } from './errors.js';
import { isOwnedBy, ownedResourceName, ownerFilters, tagSpecifications, toTagList, type DeploymentOwner } from './tags.js';

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

const listedSubnetsNotThere = (region: string, detail: string): SpotError =>
  new SpotError(CODE.noNetwork, `a subnet listed for ${region} is not there: ${detail}`, {
    key: 'network.subnets',
    hint: `List subnet ids of ${region} (\`aws ec2 describe-subnets --region ${region}\`).`,
  });

async function describeSubnets(clients: AwsClients, input: DescribeSubnetsCommandInput, resource: string): Promise<Subnet[]> {
  try {
    return (await clients.ec2.send(new DescribeSubnetsCommand(input))).Subnets ?? [];
  } catch (error) {
    if (input.SubnetIds && awsErrorCode(error) === 'InvalidSubnetID.NotFound')
      throw listedSubnetsNotThere(clients.region, awsErrorMessage(error));
    throw wrapAwsError(error, { action: 'ec2:DescribeSubnets', resource: `${clients.region} ${resource}` });
  }
}

/** One subnet per availability zone (a zone's default subnet first, then the lowest id), ordered by zone. */
export function onePerZone(described: Subnet[]): SubnetChoice[] {
  const byZone = new Map<string, SubnetChoice>();
  const ordered = [...described].sort(
    (a, b) => Number(b.DefaultForAz ?? false) - Number(a.DefaultForAz ?? false) || (a.SubnetId ?? '').localeCompare(b.SubnetId ?? ''),
  );
  for (const subnet of ordered) {
    const zone = subnet.AvailabilityZone;
    if (zone && subnet.SubnetId && !byZone.has(zone)) byZone.set(zone, { subnetId: subnet.SubnetId, availabilityZone: zone });
  }
  return [...byZone.values()].sort((a, b) => a.availabilityZone.localeCompare(b.availabilityZone));
}

/** The VPC of listed subnets: theirs, which must be one, and `network.vpc` when that is set. */
function vpcOfListed(region: string, described: Subnet[], vpc: NetworkPlan['vpc']): string | undefined {
  const vpcs = [...new Set(described.map((subnet) => subnet.VpcId ?? ''))];
  if (vpcs.length > 1) {
    throw new SpotError(CODE.noNetwork, `the subnets listed for ${region} are in ${vpcs.length} VPCs (${vpcs.join(', ')})`, {
      key: 'network.subnets',
      hint: "List subnets of one VPC per region: the deployment's security group lives in one VPC.",
    });
  }
  if (vpc !== 'default' && vpcs[0] !== undefined && vpcs[0] !== vpc) {
    throw new SpotError(CODE.noNetwork, `the subnets listed for ${region} are in ${vpcs[0]}, not in network.vpc ${vpc}`, {
      key: 'network.subnets',
      hint: 'List subnets of network.vpc, or set network.vpc to their VPC.',
    });
  }
  return vpcs[0];
}

/**
 * One subnet per availability zone: each is a separate capacity pool. One
 * request in the usual case, so a far region spends one round trip here: the
 * default VPC is found through its zones' default subnets, a named VPC
 * through its subnets, listed subnets name their own VPC. DescribeVpcs is
 * asked only to tell "no such VPC" from "a VPC without subnets", or for a
 * default VPC whose default subnets were deleted.
 */
export async function findSubnets(
  clients: AwsClients,
  network: NetworkPlan,
  regionSubnets: 'auto' | string[],
): Promise<{ vpcId: string; subnets: SubnetChoice[] }> {
  const explicit = regionSubnets !== 'auto' ? regionSubnets : network.subnets !== 'auto' ? network.subnets : undefined;
  let described: Subnet[];
  let vpcId: string | undefined;
  if (explicit) {
    described = await describeSubnets(clients, { SubnetIds: explicit }, explicit.join(', '));
    vpcId = vpcOfListed(clients.region, described, network.vpc);
  } else if (network.vpc === 'default') {
    described = await describeSubnets(clients, { Filters: [{ Name: 'default-for-az', Values: ['true'] }] }, 'default subnets');
    vpcId = described[0]?.VpcId;
  } else {
    described = await describeSubnets(clients, { Filters: [{ Name: 'vpc-id', Values: [network.vpc] }] }, network.vpc);
    vpcId = network.vpc;
  }
  if (vpcId === undefined || described.length === 0) {
    if (explicit) throw listedSubnetsNotThere(clients.region, `none of ${explicit.join(', ')} was found`);
    // Say which is missing, the VPC or its subnets; a default VPC without default subnets may still have others.
    vpcId = await findVpcId(clients, network.vpc);
    if (network.vpc === 'default') {
      described = await describeSubnets(clients, { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }, vpcId);
    }
  }
  const subnets = onePerZone(described);
  if (subnets.length === 0) {
    throw new SpotError(CODE.noNetwork, `VPC ${vpcId} in ${clients.region} has no subnets`, {
      key: 'network.subnets',
      hint: 'Add a subnet to the VPC or list subnets in network.subnets.',
    });
  }
  return { vpcId, subnets };
}

async function ownedGroups(clients: AwsClients, owner: DeploymentOwner, vpcId?: string): Promise<SecurityGroup[]> {
  const groups = await clients.ec2.send(
    new DescribeSecurityGroupsCommand({
      Filters: [...ownerFilters(owner), ...(vpcId ? [{ Name: 'vpc-id', Values: [vpcId] }] : [])],
    }),
  );
  return (groups.SecurityGroups ?? []).filter((group) => isOwnedBy(group.Tags, owner));
}

/**
 * The deployment's security groups in every VPC of the region. Read-only and
 * needs no VPC id, so a deploy asks it at the same time as the image and the
 * subnets, and `provideSecurityGroup` picks the one in the chosen VPC.
 */
export async function findOwnedGroups(clients: AwsClients, owner: DeploymentOwner): Promise<SecurityGroup[]> {
  try {
    return await ownedGroups(clients, owner);
  } catch (error) {
    throw wrapAwsError(error, { action: 'ec2:DescribeSecurityGroups', resource: clients.region });
  }
}

/** One inbound rule as EC2 states it: protocol, port range and one source. */
interface Permission {
  protocol: string;
  fromPort?: number;
  toPort?: number;
  source: { cidr: string } | { cidrV6: string } | { group: string } | { prefixList: string };
}

const permissionKey = (rule: Permission): string => JSON.stringify([rule.protocol, rule.fromPort, rule.toPort, rule.source]);

/** Flattens EC2's grouped permissions into one entry per source. */
export function flattenPermissions(permissions: IpPermission[]): Permission[] {
  return permissions.flatMap((permission) => {
    const base = { protocol: permission.IpProtocol ?? '-1', fromPort: permission.FromPort, toPort: permission.ToPort };
    return [
      ...(permission.IpRanges ?? []).map((range) => ({ ...base, source: { cidr: range.CidrIp ?? '' } })),
      ...(permission.Ipv6Ranges ?? []).map((range) => ({ ...base, source: { cidrV6: range.CidrIpv6 ?? '' } })),
      ...(permission.UserIdGroupPairs ?? []).map((pair) => ({ ...base, source: { group: pair.GroupId ?? '' } })),
      ...(permission.PrefixListIds ?? []).map((list) => ({ ...base, source: { prefixList: list.PrefixListId ?? '' } })),
    ];
  });
}

const wanted = (rule: IngressRule): Permission => ({
  protocol: rule.protocol,
  fromPort: rule.port,
  toPort: rule.port,
  source: { cidr: rule.cidr },
});

/** What to add and what to take away so the group holds exactly the configured rules. Pure. */
export function ingressChanges(current: IpPermission[], rules: IngressRule[]): { add: Permission[]; revoke: Permission[] } {
  const have = flattenPermissions(current);
  const want = rules.map(wanted);
  const haveKeys = new Set(have.map(permissionKey));
  const wantKeys = new Set(want.map(permissionKey));
  const unique = (list: Permission[]): Permission[] => [...new Map(list.map((rule) => [permissionKey(rule), rule])).values()];
  return {
    add: unique(want.filter((rule) => !haveKeys.has(permissionKey(rule)))),
    revoke: unique(have.filter((rule) => !wantKeys.has(permissionKey(rule)))),
  };
}

const toIpPermission = (rule: Permission): IpPermission => ({
  IpProtocol: rule.protocol,
  ...(rule.fromPort === undefined ? {} : { FromPort: rule.fromPort }),
  ...(rule.toPort === undefined ? {} : { ToPort: rule.toPort }),
  ...('cidr' in rule.source ? { IpRanges: [{ CidrIp: rule.source.cidr, Description: 'spot-deployer network.ingress' }] } : {}),
  ...('cidrV6' in rule.source ? { Ipv6Ranges: [{ CidrIpv6: rule.source.cidrV6 }] } : {}),
  ...('group' in rule.source ? { UserIdGroupPairs: [{ GroupId: rule.source.group }] } : {}),
  ...('prefixList' in rule.source ? { PrefixListIds: [{ PrefixListId: rule.source.prefixList }] } : {}),
});

/**
 * Makes the group's inbound rules exactly the configured ones: missing rules
 * are added, anything else (a narrowed CIDR, a removed port, a rule added by
 * hand) is revoked. Runs on every deploy, so a run that died between
 * creating the group and authorizing its rules is repaired by the next.
 */
async function reconcileIngress(clients: AwsClients, group: SecurityGroup, rules: IngressRule[]): Promise<void> {
  const { add, revoke } = ingressChanges(group.IpPermissions ?? [], rules);
  if (revoke.length > 0) {
    await clients.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: group.GroupId, IpPermissions: revoke.map(toIpPermission) }));
  }
  if (add.length > 0) {
    await clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: group.GroupId, IpPermissions: add.map(toIpPermission) }));
  }
}

export interface SecurityGroupRequest {
  vpcId: string;
  owner: DeploymentOwner;
  ingress: IngressRule[];
  tags: Record<string, string>;
  /** The groups `findOwnedGroups` found, when asked already; else they are looked up here. */
  owned?: SecurityGroup[];
}

/**
 * The deployment's security group, found or created (idempotent by tag),
 * with its rules still being brought in line with the config (`ingress`):
 * a launch template can name the group while its rules are written, and
 * only the launch itself waits for them. A rejected `ingress` is handled by
 * whoever awaits it; `created` says this call made the group (not reused it).
 */
export async function provideSecurityGroup(
  clients: AwsClients,
  options: SecurityGroupRequest,
): Promise<{ groupId: string; created: boolean; ingress: Promise<void> }> {
  // Group names are unique per VPC.
  const name = ownedResourceName(options.owner);
  let group: SecurityGroup | undefined;
  let created = false;
  try {
    group = options.owned
      ? options.owned.find((candidate) => candidate.VpcId === options.vpcId)
      : (await ownedGroups(clients, options.owner, options.vpcId))[0];
    if (!group) {
      try {
        const made = await clients.ec2.send(
          new CreateSecurityGroupCommand({
            GroupName: name,
            Description: `spot-deployer ${options.owner.deploymentId}: ingress only as configured`,
            VpcId: options.vpcId,
            TagSpecifications: tagSpecifications(toTagList(options.tags), ['security-group']),
          }),
        );
        group = { GroupId: made.GroupId!, IpPermissions: [] };
        created = true;
      } catch (error) {
        // Created since `owned` was looked up (by the deploy that held the lock before this one):
        // asking EC2 to create it answers that in the same round trip a second lookup would take.
        if (awsErrorCode(error) !== 'InvalidGroup.Duplicate') throw error;
        group = (await ownedGroups(clients, options.owner, options.vpcId))[0];
        if (!group) throw error;
      }
    }
  } catch (error) {
    throw wrapAwsError(error, { action: 'ec2:CreateSecurityGroup', resource: `${clients.region} ${name}` });
  }
  const groupId = group.GroupId!;
  const ingress = reconcileIngress(clients, group, options.ingress).catch((error: unknown) => {
    throw wrapAwsError(error, { action: 'ec2:AuthorizeSecurityGroupIngress', resource: `${clients.region} ${groupId}` });
  });
  ingress.catch(() => undefined);
  return { groupId, created, ingress };
}

/** Deletes the deployment's security groups; a group still in use is retried by the caller later. */
export async function deleteSecurityGroups(clients: AwsClients, owner: DeploymentOwner): Promise<string[]> {
  let groups: SecurityGroup[];
  try {
    groups = await ownedGroups(clients, owner);
  } catch (error) {
    throw wrapAwsError(error, { action: 'ec2:DescribeSecurityGroups', resource: clients.region });
  }
  const deleted: string[] = [];
  for (const group of groups) if (await deleteSecurityGroup(clients, group.GroupId!)) deleted.push(group.GroupId!);
  return deleted;
}

/** Deletes one group; false when an instance or interface still uses it (the caller retries later). */
export async function deleteSecurityGroup(clients: AwsClients, groupId: string): Promise<boolean> {
  try {
    await clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
    return true;
  } catch (error) {
    if (awsErrorCode(error) === 'DependencyViolation') return false;
    throw wrapAwsError(error, { action: 'ec2:DeleteSecurityGroup', resource: `${clients.region} ${groupId}` });
  }
}
