/**
 * A run cancelled in the middle of its launch rounds (the runner kills the
 * main step) is still cleaned up by its post step: the launched ids are in
 * the step's state after each launch call, not only after all of them.
 */
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFileCommands, runAction } from '../helpers/action-runner.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { startLocalAws, type LocalAws } from '../helpers/local-aws.js';

let aws: LocalAws;
let proxy!: FaultProxy;
let ec2: EC2Client;

beforeAll(async () => {
  aws = await startLocalAws({
    env: { MOTO_AMIS_PATH: resolve('__tests__/fixtures/amis.json') },
    proxy: async (moto) => (proxy = await startFaultProxy(moto)),
  });
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
  ec2 = new EC2Client({ endpoint: aws.motoUrl, region: 'us-east-1', credentials });
  const s3 = new S3Client({ endpoint: aws.motoUrl, region: 'us-east-1', forcePathStyle: true, credentials });
  await s3.send(new CreateBucketCommand({ Bucket: 'spot-deployer-demo' }));
  s3.destroy();
});

afterAll(async () => {
  ec2?.destroy();
  await aws?.stop();
});

const env = (): Record<string, string> => ({
  ...aws.env,
  SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1',
  GITHUB_REPOSITORY: 'acme/hello-web',
  GITHUB_SHA: 'abc123',
  GITHUB_RUN_ID: '77',
});

describe('a main step killed between two launch calls', () => {
  it('leaves the ids of what it launched in its state, and the post step terminates them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hello-web-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });
    // us-east-1 launches at once; us-west-2's launch hangs long enough for the runner to cancel the job.
    proxy.delayAction({ action: 'CreateFleet', region: 'us-west-2', ms: 60_000 });
    let stateFile = '';
    const main = runAction({
      entry: 'main',
      inputs: { command: 'deploy', 'working-directory': dir, regions: 'us-east-1,us-west-2', instances: '2', wait: 'running' },
      env: env(),
      onSpawn: (child, files) => {
        stateFile = files.state;
        const deadline = Date.now() + 60_000;
        const poll = setInterval(() => {
          const saved = parseFileCommands(readFileSync(stateFile, 'utf8'))['launched-ids'];
          if ((saved && JSON.parse(saved).length > 0) || Date.now() > deadline) {
            clearInterval(poll);
            child.kill('SIGKILL');
          }
        }, 100);
      },
    });
    const killed = await main;
    expect(killed.code).not.toBe(0);
    const launched = JSON.parse(killed.state['launched-ids'] ?? '[]') as Array<{ id: string; region: string }>;
    expect(launched.map((instance) => instance.region)).toEqual(['us-east-1']);

    const post = await runAction({ entry: 'post', env: env(), state: killed.state, runnerDir: killed.runnerDir });
    expect(post.code, post.stdout).toBe(0);
    expect(post.stdout).toContain(`terminating ${launched[0]!.id} (us-east-1)`);
    const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [launched[0]!.id] }));
    expect(['shutting-down', 'terminated']).toContain(described.Reservations![0]!.Instances![0]!.State!.Name);
  });
});
