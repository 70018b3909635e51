/**
 * The whole path with nothing played by the test: the CLI deploys to moto,
 * and the real bootstrap agent from the user-data EC2 received runs as root
 * in a private mount namespace, downloads the bundle through its presigned
 * URL, runs setup.sh and reports through its status URL; the CLI sees ready.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTemporaryRoots } from '../fixtures/agent/agent-harness.js';
import { bootDeployment, canRunAgent } from '../helpers/instance-simulator.js';
import { startLocalAws, type LocalAws } from '../helpers/local-aws.js';
import { runCli } from '../helpers/run-cli.js';

let aws: LocalAws;
let ec2: EC2Client;

beforeAll(async () => {
  aws = await startLocalAws({ env: { MOTO_AMIS_PATH: resolve('__tests__/fixtures/amis.json') } });
  ec2 = new EC2Client({ endpoint: aws.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
});

afterAll(async () => {
  ec2?.destroy();
  await aws?.stop();
  removeTemporaryRoots();
});

describe.skipIf(!canRunAgent())('deploy with the real agent on a simulated instance', () => {
  it('hello-web becomes ready: the page is written, nginx enabled, status ok; a re-deploy changes nothing; destroy cleans up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hello-web-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });
    const env = { ...aws.env, SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1' };

    const deploy = runCli(['deploy', '--dir', dir, '--json', '--timeout-minutes', '3'], env);
    const [boot] = await bootDeployment(ec2, { deploymentId: 'hello-web', count: 1 });
    const result = await deploy;
    expect(boot!.exitCode, boot!.run.log()).toBe(0);
    expect(result.code, result.stderr).toBe(0);

    const json = JSON.parse(result.stdout) as { status: string; instances: Array<{ id: string; bootstrap: string }> };
    expect(json.status).toBe('success');
    expect(json.instances).toEqual([expect.objectContaining({ id: boot!.instanceId, bootstrap: 'ok' })]);
    expect(readFileSync(boot!.run.upper('var', 'www/html/index.html'), 'utf8')).toContain('Hello from a spot instance');
    expect(boot!.run.calls()).toEqual(expect.arrayContaining(['apt-get install -y -q nginx', 'systemctl enable --now nginx']));
    expect(boot!.run.calls().some((call) => /^shutdown -h \+\d+/.test(call))).toBe(true);

    const again = await runCli(['deploy', '--dir', dir, '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('not uploaded again');
    expect(JSON.parse(again.stdout)).toMatchObject({ unchanged: true, instances: [{ id: boot!.instanceId, bootstrap: 'ok' }] });

    const destroy = await runCli(['destroy', '--dir', dir, '--yes'], env);
    expect(destroy.code, destroy.stderr).toBe(0);
    const status = await runCli(['status', '--dir', dir, '--json'], env);
    expect(JSON.parse(status.stdout)).toMatchObject({ instances: [] });
  });

  it('init on a bare deployment/setup.sh project, then validate is clean and deploy works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bare-'));
    mkdirSync(join(dir, 'deployment'));
    writeFileSync(join(dir, 'deployment/setup.sh'), '#!/bin/bash\nset -eu\necho "bare project" > /opt/bare.txt\n');
    chmodSync(join(dir, 'deployment/setup.sh'), 0o755);
    const env = { ...aws.env, SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1' };

    const init = await runCli(['init', '--dir', dir], env);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('wrote .spot/deployment.yaml');
    const validate = await runCli(['validate', '--dir', dir], env);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stderr).toBe('');

    const deploymentId = (/^name: (.+)$/m.exec(readFileSync(join(dir, '.spot/config.yaml'), 'utf8'))?.[1] ?? '').trim();
    const deploy = runCli(['deploy', '--dir', dir, '--json', '--timeout-minutes', '3'], env);
    const [boot] = await bootDeployment(ec2, { deploymentId, count: 1 });
    const result = await deploy;
    expect(boot!.exitCode, boot!.run.log()).toBe(0);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'success', instances: [{ bootstrap: 'ok', type: 't3.small' }] });
    expect(readFileSync(boot!.run.upper('opt', 'bare.txt'), 'utf8')).toBe('bare project\n');
    expect((await runCli(['destroy', '--dir', dir, '--yes'], env)).code).toBe(0);
  });
});
