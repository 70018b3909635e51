/**
 * The CLI against moto, in-process: `logs` reads what the agents reported,
 * --json speaks camelCase, and plan and deploy report the same sizes.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { reportBootstrap } from '../helpers/fake-instance.js';
import { startLocalAws, type LocalAws } from '../helpers/local-aws.js';

let aws: LocalAws;
let ec2: EC2Client;
let s3: S3Client;
let dir: string;

async function cli(args: string[]) {
  const out = { stdout: '', stderr: '' };
  const env = { ...process.env, GITHUB_REPOSITORY: 'acme/hello-web' };
  const code = await runCli(args, { stdout: (text) => void (out.stdout += text), stderr: (text) => void (out.stderr += text), env });
  return { code, ...out };
}

beforeAll(async () => {
  aws = await startLocalAws({ env: { MOTO_AMIS_PATH: resolve('__tests__/fixtures/amis.json') } });
  // The SDK reads credentials and endpoints from process.env itself.
  for (const [name, value] of Object.entries({ ...aws.env, SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1' })) vi.stubEnv(name, value);
  const config = { endpoint: aws.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  ec2 = new EC2Client(config);
  s3 = new S3Client({ ...config, forcePathStyle: true });
});

beforeEach(async () => {
  await aws.reset();
  await s3.send(new CreateBucketCommand({ Bucket: 'spot-deployer-demo' }));
  dir = mkdtempSync(join(tmpdir(), 'cli-logs-'));
  cpSync(resolve('examples/hello-web'), dir, { recursive: true });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  ec2?.destroy();
  s3?.destroy();
  await aws?.stop();
});

describe('the CLI against the local AWS endpoint', () => {
  it('logs shows pending, then the failed step and the log tail the agent reported', async () => {
    const deployed = await cli(['deploy', '--dir', dir, '--wait', 'none', '--json']);
    expect(deployed.code, deployed.stderr).toBe(0);
    const [instance] = (JSON.parse(deployed.stdout) as { instances: Array<{ id: string }> }).instances;

    const before = await cli(['logs', '--dir', dir, '--json']);
    expect(before.code, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual({
      deploymentId: 'hello-web',
      logs: [{ id: instance!.id, region: 'us-east-1', state: 'running', bootstrap: 'pending', logTail: '' }],
    });

    await reportBootstrap(ec2, { deploymentId: 'hello-web', status: 'failed', failedStep: 'script: deployment/setup.sh' });
    const after = await cli(['logs', instance!.id, '--dir', dir]);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toBe(`== ${instance!.id} (us-east-1, running) bootstrap failed at script: deployment/setup.sh\nsimulated\n`);

    const unknown = await cli(['logs', 'i-0000000000000000', '--dir', dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("SD100 instance i-0000000000000000 is not one of deployment hello-web's instances");
  });

  it('prints what an instance reported without its escape sequences or workflow commands', async () => {
    const deployed = await cli(['deploy', '--dir', dir, '--wait', 'none', '--json']);
    expect(deployed.code, deployed.stderr).toBe(0);
    // A project's script (anyone's, on a pull request) writes the log: it tries to drive the terminal and the runner.
    const hostile = 'npm ERR! build failed\n::add-mask::AKIAEXAMPLE\n  ::stop-commands::token\n\x1b]0;owned\x07\x1b[2Jdone';
    await reportBootstrap(ec2, { deploymentId: 'hello-web', status: 'failed', failedStep: '::error::x\x1b[31m', logTail: hostile });
    const logs = await cli(['logs', '--dir', dir]);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout).toContain('npm ERR! build failed');
    expect(logs.stdout).toContain('add-mask::AKIAEXAMPLE');
    expect(logs.stdout).not.toContain('\x1b');
    expect(logs.stdout.split('\n').filter((line) => /^\s*::/.test(line))).toEqual([]);
    const status = await cli(['status', '--dir', dir]);
    expect(status.stdout).toContain('error::x');
    expect(status.stdout).not.toContain('\x1b');
  });

  it('--json uses camelCase keys for instances (status and deploy)', async () => {
    const deployed = await cli(['deploy', '--dir', dir, '--wait', 'running', '--json']);
    expect(deployed.code, deployed.stderr).toBe(0);
    const status = await cli(['status', '--dir', dir, '--json']);
    expect(status.code, status.stderr).toBe(0);
    for (const text of [deployed.stdout, status.stdout]) {
      expect(text).not.toMatch(/"[a-z]+_[a-z_]+":/);
      const [instance] = (JSON.parse(text) as { instances: Array<Record<string, unknown>> }).instances;
      expect(instance).toMatchObject({ publicIp: expect.any(String), privateIp: expect.any(String), type: 't3.micro' });
    }
  });

  it('plan and deploy report the same bundle file count and user-data bytes', async () => {
    const plan = await cli(['plan', '--dir', dir, '--json']);
    const dry = await cli(['deploy', '--dir', dir, '--dry-run', '--json']);
    const real = await cli(['deploy', '--dir', dir, '--wait', 'running', '--json']);
    const sizes = (text: string) => {
      const json = JSON.parse(text) as { bundle: { files: number; bytes: number }; userDataBytes: number };
      return { files: json.bundle.files, bytes: json.bundle.bytes, userDataBytes: json.userDataBytes };
    };
    expect(sizes(dry.stdout)).toEqual(sizes(plan.stdout));
    expect(sizes(real.stdout)).toEqual(sizes(plan.stdout));
    expect(sizes(plan.stdout).files).toBeGreaterThan(0);
    const text = await cli(['plan', '--dir', dir]);
    expect(text.stdout).toContain(`bundle: ${sizes(plan.stdout).bytes} bytes, ${sizes(plan.stdout).files} files`);
  });
});
