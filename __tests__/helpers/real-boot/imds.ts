/**
 * Starts the fake IMDS (imds-server.ts) for one instance in its own network
 * namespace (see network.ts), answering with what moto's EC2 says about that
 * instance, and stops it by its own pid. `ip netns exec` and setpriv exec
 * the command, so the child's pid is Node's own.
 */
import type { Instance } from '@aws-sdk/client-ec2';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NODE24 } from '../action-runner.ts';
import { IMDS_ADDRESS, type BootNetwork } from './network.ts';
import { signIdentity } from '../../fixtures/identity/identity.ts';

export interface FakeImds {
  url: string;
  /** Everything it printed: one line per request. */
  output(): string;
  stop(): Promise<void>;
}

/** The metadata keys the agent and cloud-init may read, from moto's view of the instance. */
export function metadataOf(instance: Instance, region: string): { metadata: Record<string, string>; identity: Record<string, unknown> } {
  const zone = instance.Placement?.AvailabilityZone ?? `${region}a`;
  const metadata: Record<string, string> = {
    'instance-id': instance.InstanceId!,
    'ami-launch-index': String(instance.AmiLaunchIndex ?? 0),
    'ami-id': instance.ImageId ?? '',
    'instance-type': instance.InstanceType ?? '',
    'instance-life-cycle': instance.InstanceLifecycle ?? 'on-demand',
    'local-ipv4': instance.PrivateIpAddress ?? '',
    'local-hostname': instance.PrivateDnsName ?? '',
    hostname: instance.PrivateDnsName ?? '',
    'placement/availability-zone': zone,
    'placement/region': region,
  };
  const identity = {
    instanceId: instance.InstanceId,
    imageId: instance.ImageId,
    instanceType: instance.InstanceType,
    availabilityZone: zone,
    region,
    privateIp: instance.PrivateIpAddress,
    architecture: instance.Architecture ?? 'x86_64',
    accountId: '123456789012',
    pendingTime: instance.LaunchTime?.toISOString(),
  };
  return { metadata, identity };
}

export async function startFakeImds(
  network: BootNetwork,
  workDir: string,
  config: { metadata: Record<string, string>; identity: Record<string, unknown>; userDataFile?: string },
): Promise<FakeImds> {
  const configFile = join(workDir, 'imds.json');
  // Signed as AWS would, with the test key whose certificate the deployer trusts against a local endpoint.
  const identitySignature = signIdentity(JSON.stringify(config.identity, null, 2));
  writeFileSync(configFile, JSON.stringify({ ...config, identitySignature }));
  const script = join(import.meta.dirname, 'imds-server.ts');
  // setpriv: ends with the test process, even when that is killed before its afterAll.
  const command = ['netns', 'exec', network.imdsName, 'setpriv', '--pdeathsig', 'TERM', '--', NODE24, script];
  const child = spawn('ip', [...command, IMDS_ADDRESS, '80', configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => void (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`fake IMDS did not start:\n${output}`)), 15_000);
    child.stdout.on('data', () => output.includes('listening') && (clearTimeout(timer), ready()));
    child.once('exit', (code) => (clearTimeout(timer), fail(new Error(`fake IMDS exited (${code}):\n${output}`))));
  });
  return {
    url: `http://${IMDS_ADDRESS}`,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
