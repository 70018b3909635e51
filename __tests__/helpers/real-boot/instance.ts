/**
 * The EC2 side of a real boot: finds the instance a running `deploy`
 * launched in moto (by the tag the tool puts on it) and reads back the exact
 * user-data bytes EC2 stored, which are what the container's cloud-init gets.
 */
import { DescribeInstanceAttributeCommand, DescribeInstancesCommand, type EC2Client, type Instance } from '@aws-sdk/client-ec2';

/** Waits until the deployment has a pending or running instance in moto. */
export async function waitForInstance(ec2: EC2Client, deploymentId: string, timeoutMs = 120_000): Promise<Instance> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const described = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'tag:spot-deployer:deployment', Values: [deploymentId] },
          { Name: 'instance-state-name', Values: ['pending', 'running'] },
        ],
      }),
    );
    const instance = (described.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? [])[0];
    if (instance) return instance;
    if (Date.now() > deadline) throw new Error(`no instance of deployment ${deploymentId} appeared in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The user-data as stored (gzip or text), not decoded: the seed must be byte-identical. */
export async function rawUserData(ec2: EC2Client, instanceId: string): Promise<Buffer> {
  const attribute = await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'userData' }));
  const value = attribute.UserData?.Value;
  if (!value) throw new Error(`instance ${instanceId} has no user-data`);
  return Buffer.from(value, 'base64');
}

/** `ip-10-0-0-1` from moto's private DNS name, as EC2's own hostname would read. */
export function hostnameOf(instance: Instance): string {
  return (instance.PrivateDnsName ?? '').split('.')[0] || instance.InstanceId!;
}
