/**
 * Plays EC2's part for instances that moto launched: takes the user-data
 * each instance received, and runs the real loader from it as root in a
 * private mount namespace, with a fake IMDS that answers the instance's own
 * id and launch index. The loader fetches the launch's conf and the bundle
 * through presigned URLs and starts the agent from the bundle, which reports
 * through the launch's POST grant, exactly as on EC2.
 *
 * Imports carry `.ts` so the demo can load this file on Node 24 directly.
 */
import { DescribeInstancesCommand, type EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { runLoader, startFakeImds, type AgentRun } from '../fixtures/agent/agent-harness.ts';
import { userDataOf } from './fake-instance.ts';

export interface SimulatedBoot {
  instanceId: string;
  exitCode: number | null;
  run: AgentRun;
}

/** Root and unshare are needed to run the agent for real. */
export const canRunAgent = (): boolean => process.getuid?.() === 0;

async function waitForInstances(ec2: EC2Client, deploymentId: string, count: number, timeoutMs: number): Promise<Instance[]> {
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
    const instances = (described.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
    if (instances.length >= count) return instances;
    if (Date.now() > deadline) throw new Error(`only ${instances.length} of ${count} instance(s) of ${deploymentId} appeared`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function bootOne(ec2: EC2Client, instance: Instance): Promise<SimulatedBoot> {
  const userData = parse(await userDataOf(ec2, instance.InstanceId!)) as {
    write_files: Array<{ path: string; content: string; encoding?: string }>;
  };
  // As cloud-init's write_files decodes `encoding: gz+b64`.
  const file = (path: string): string => {
    const entry = userData.write_files.find((candidate) => candidate.path === path);
    if (entry?.encoding === 'gz+b64') return gunzipSync(Buffer.from(entry.content, 'base64')).toString('utf8');
    return entry?.content ?? '';
  };
  const imds = await startFakeImds(instance.InstanceId!, instance.AmiLaunchIndex ?? 0);
  try {
    // The only change to what EC2 would run: IMDS lives on 127.0.0.1 here (loader.conf may name it).
    const conf = `${file('/etc/spot-deployer/loader.conf').trimEnd()}\nSD_IMDS_URL='${imds.url}'`;
    const run = await runLoader(conf, { loaderScript: file('/etc/spot-deployer/loader.sh') });
    return { instanceId: instance.InstanceId!, exitCode: run.code, run };
  } finally {
    await imds.close();
  }
}

/** Boots every instance of the deployment once it exists; resolves when all agents have finished. */
export async function bootDeployment(
  ec2: EC2Client,
  options: { deploymentId: string; count: number; timeoutMs?: number },
): Promise<SimulatedBoot[]> {
  const instances = await waitForInstances(ec2, options.deploymentId, options.count, options.timeoutMs ?? 60_000);
  return Promise.all(instances.map((instance) => bootOne(ec2, instance)));
}
