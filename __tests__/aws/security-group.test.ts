/**
 * The deployment's security group follows the config on every deploy: rules
 * missing are added, rules no longer configured (a narrowed ssh.cidr, a
 * removed port, one added by hand) are revoked, and a group left without its
 * rules by a failed AuthorizeSecurityGroupIngress is repaired next time.
 */
import { AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { flattenPermissions, ingressChanges, provideSecurityGroup, type SecurityGroupRequest } from '../../src/aws/network.js';
import type { IngressRule } from '../../src/plan/types.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';

let local: InProcessAws;
let clients: AwsClients;
let vpcId: string;
const owner = { deploymentId: 'web', repository: 'acme/web' };
const tags = { 'spot-deployer:deployment': 'web', 'spot-deployer:repository': 'acme/web' };

beforeAll(async () => {
  local = await startInProcessAws({ proxy: true });
  clients = createClients('us-east-1');
});

beforeEach(async () => {
  await local.aws.reset();
  local.proxy!.clearFaults();
  const vpcs = await clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  vpcId = vpcs.Vpcs![0]!.VpcId!;
});

afterAll(async () => {
  clients?.ec2.destroy();
  clients?.s3.destroy();
  clients?.ssm.destroy();
  await local?.stop();
});

const rule = (port: number, cidr: string): IngressRule => ({ port, cidr, protocol: 'tcp' });

/** The group, once its rules are in place too (a deploy's fleet call waits for both). */
async function ensureSecurityGroup(client: AwsClients, request: SecurityGroupRequest): Promise<string> {
  const { groupId, ingress } = await provideSecurityGroup(client, request);
  await ingress;
  return groupId;
}

async function rulesOf(groupId: string): Promise<string[]> {
  const described = await clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
  return flattenPermissions(described.SecurityGroups![0]!.IpPermissions ?? [])
    .map((permission) => `${permission.protocol}/${permission.fromPort}-${permission.toPort} ${JSON.stringify(permission.source)}`)
    .sort();
}

describe('ingressChanges', () => {
  it.each([
    ['nothing there, two wanted', [], [rule(80, '0.0.0.0/0'), rule(22, '10.0.0.0/8')], 2, 0],
    [
      'exactly as wanted',
      [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      [rule(80, '0.0.0.0/0')],
      0,
      0,
    ],
    [
      'a narrowed CIDR: one added, one revoked',
      [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      [rule(22, '203.0.113.0/24')],
      1,
      1,
    ],
    [
      'a removed port and a rule added by hand are revoked',
      [
        { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
        { IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }], UserIdGroupPairs: [{ GroupId: 'sg-1' }] },
      ],
      [],
      0,
      3,
    ],
    ['the same rule twice is added once', [], [rule(80, '0.0.0.0/0'), rule(80, '0.0.0.0/0')], 1, 0],
  ])('%s', (_name, current, wanted, adds, revokes) => {
    const changes = ingressChanges(current, wanted);
    expect([changes.add.length, changes.revoke.length]).toEqual([adds, revokes]);
  });
});

describe('provideSecurityGroup against moto', () => {
  it('adds what is missing and revokes what is no longer configured', async () => {
    const first = await ensureSecurityGroup(clients, {
      vpcId,
      owner,
      tags,
      ingress: [rule(80, '0.0.0.0/0'), rule(5432, '10.0.0.0/8'), rule(22, '0.0.0.0/0')],
    });
    expect(await rulesOf(first)).toEqual([
      'tcp/22-22 {"cidr":"0.0.0.0/0"}',
      'tcp/5432-5432 {"cidr":"10.0.0.0/8"}',
      'tcp/80-80 {"cidr":"0.0.0.0/0"}',
    ]);
    // someone opens a port by hand
    await clients.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: first,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    // ssh.cidr narrowed, 5432 removed from network.ingress
    const second = await ensureSecurityGroup(clients, { vpcId, owner, tags, ingress: [rule(80, '0.0.0.0/0'), rule(22, '203.0.113.0/24')] });
    expect(second).toBe(first);
    expect(await rulesOf(second)).toEqual(['tcp/22-22 {"cidr":"203.0.113.0/24"}', 'tcp/80-80 {"cidr":"0.0.0.0/0"}']);
    // no ingress at all: no inbound rule left
    await ensureSecurityGroup(clients, { vpcId, owner, tags, ingress: [] });
    expect(await rulesOf(first)).toEqual([]);
  });

  it('repairs a group whose rules were never authorized (the call failed after CreateSecurityGroup)', async () => {
    local.proxy!.failAction({ action: 'AuthorizeSecurityGroupIngress', code: 'RequestLimitExceeded', times: 1 });
    const failed = await ensureSecurityGroup(clients, { vpcId, owner, tags, ingress: [rule(80, '0.0.0.0/0')] }).catch(
      (error: unknown) => error,
    );
    expect(failed).toMatchObject({ code: 'SD302' });
    const groups = await clients.ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag:spot-deployer:deployment', Values: ['web'] }] }),
    );
    expect(groups.SecurityGroups).toHaveLength(1);
    expect(await rulesOf(groups.SecurityGroups![0]!.GroupId!)).toEqual([]);

    const repaired = await ensureSecurityGroup(clients, { vpcId, owner, tags, ingress: [rule(80, '0.0.0.0/0')] });
    expect(repaired).toBe(groups.SecurityGroups![0]!.GroupId);
    expect(await rulesOf(repaired)).toEqual(['tcp/80-80 {"cidr":"0.0.0.0/0"}']);
  });

  it('reuses a group created after the pre-lock lookup saw none (the create call answers Duplicate)', async () => {
    const first = await ensureSecurityGroup(clients, { vpcId, owner, tags, ingress: [rule(80, '0.0.0.0/0')], owned: [] });
    const again = await ensureSecurityGroup(clients, { vpcId, owner, tags, ingress: [rule(443, '0.0.0.0/0')], owned: [] });
    expect(again).toBe(first);
    const groups = await clients.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
    expect(groups.SecurityGroups!.filter((group) => group.GroupName !== 'default')).toHaveLength(1);
    expect(await rulesOf(again)).toEqual(['tcp/443-443 {"cidr":"0.0.0.0/0"}']);
  });
});
