/**
 * The whole path with nothing played by the test: the CLI deploys to moto,
 * and the real loader from the user-data EC2 received runs as root in a
 * private mount namespace, fetches the launch's conf and the bundle through
 * presigned URLs and starts the agent from the bundle, which runs setup.sh
 * and reports through the launch's POST grant; the CLI sees ready.
 */
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTemporaryRoots } from '../fixtures/agent/agent-harness.js';
import { userDataOf } from '../helpers/fake-instance.js';
import { bootDeployment, canRunAgent } from '../helpers/instance-simulator.js';
import { startLocalAws, type LocalAws } from '../helpers/local-aws.js';
import { runCli } from '../helpers/run-cli.js';
import { NEEDS_ROOT } from '../helpers/tools.js';

/** The bytes as text, and, when they are gzip, the unpacked text too (a tar.gz bundle holds files in clear). */
function readable(body: Buffer): string[] {
  const texts = [body.toString('latin1')];
  try {
    texts.push(gunzipSync(body).toString('latin1'));
  } catch {
    // not gzip
  }
  return texts;
}

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

describe.skipIf(!canRunAgent())(`deploy with the real agent on a simulated instance ${NEEDS_ROOT}`, () => {
  it('hello-web becomes ready: the page is written, nginx enabled, status ok; a re-deploy changes nothing; destroy cleans up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hello-web-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });
    // Secrets by the convention: they travel only inside the bundle and land 0600.
    const secrets = { env: 'API_TOKEN=env-secret-5f1c9e', key: 'db-key-secret-7a3b2d' };
    writeFileSync(join(dir, 'deployment/.env'), `${secrets.env}\n`);
    mkdirSync(join(dir, 'deployment/secrets'));
    writeFileSync(join(dir, 'deployment/secrets/db.key'), secrets.key);
    const env = { ...aws.env, SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1' };

    const plan = await runCli(['plan', '--dir', dir, '--json', '--user-data-out', join(dir, 'user-data.yaml')], env);
    const deploy = runCli(['deploy', '--dir', dir, '--json', '--ready-timeout-minutes', '3'], env);
    const [boot] = await bootDeployment(ec2, { deploymentId: 'hello-web', count: 1 });
    const result = await deploy;
    expect(boot!.exitCode, boot!.run.log()).toBe(0);
    expect(result.code, result.stderr).toBe(0);

    const userData = await userDataOf(ec2, boot!.instanceId);
    for (const secret of Object.values(secrets)) {
      for (const [where, text] of Object.entries({
        plan: plan.stdout + plan.stderr,
        planUserData: readFileSync(join(dir, 'user-data.yaml'), 'utf8'),
        userData,
        stdout: result.stdout,
        stderr: result.stderr,
        agentLog: boot!.run.log(),
      })) {
        expect(text, `${where} must not hold a secret`).not.toContain(secret);
      }
    }
    // The TTL (2h) is armed from bootcmd as an absolute time, before anything else runs.
    const bootcmd = (parse(userData) as { bootcmd: string[][] }).bootcmd[0]!;
    const expiry = Date.parse(bootcmd[4]!.replace(' UTC', 'Z').replace(' ', 'T'));
    expect(Math.abs(expiry - (Date.now() + 2 * 3600_000))).toBeLessThan(5 * 60_000);
    expect(bootcmd[2]).toMatch(/^echo [A-Za-z0-9+/=]+\|base64 -d\|gunzip\|sh -s/);

    // Every URL the user-data holds, and every URL in the launch's conf object it leads to, fetched
    // as anyone who can read the user-data (DescribeInstanceAttribute, a container via IMDS) would:
    // no response holds a secret in clear, even unpacked. The conf is what the loader stored after
    // checking it (the deployer removed the object once the instance had reported).
    // (IMDS's address is in the loader, which the user-data carries gzipped; test traffic stays on loopback.)
    const confText = readFileSync(boot!.run.upper('etc', 'spot-deployer/agent.conf'), 'utf8');
    for (const secret of Object.values(secrets)) expect(confText, 'the conf must not hold a secret').not.toContain(secret);
    expect(userData).toContain("SD_CONF_URL='http://127.0.0.1:");
    expect(userData).not.toContain('SD_BUNDLE_URL');
    const all = [...new Set(`${userData}\n${confText}`.match(/https?:\/\/[^'"\s)}$]+/g) ?? [])].filter((url) => !url.endsWith(':'));
    expect(all.filter((url) => !url.startsWith('http://127.0.0.1:'))).toEqual([]);
    const urls = all.filter((url) => url.startsWith('http://127.0.0.1:'));
    for (const url of urls) {
      const response = await fetch(url);
      const body = Buffer.from(await response.arrayBuffer());
      for (const text of readable(body)) {
        for (const secret of Object.values(secrets)) expect(text, `${url.split('?')[0]} must not hold a secret`).not.toContain(secret);
      }
    }
    expect(urls.length).toBeGreaterThanOrEqual(4); // conf, bundle, status POST grant, sealed secret part
    const confUrl = urls.find((url) => url.includes('/launch/'))!;
    expect((await fetch(confUrl)).status).toBe(404);
    // Once the instance reported, its sealed part (ciphertext) is gone too.
    const sealedUrl = urls.find((url) => url.includes('/sealed/'))!;
    expect((await fetch(sealedUrl)).status).toBe(404);
    for (const [path, content] of [
      ['deployment/.env', `${secrets.env}\n`],
      ['secrets/db.key', secrets.key],
    ] as const) {
      const onInstance = boot!.run.upper('opt', path);
      expect(readFileSync(onInstance, 'utf8')).toBe(content);
      expect(statSync(onInstance).mode & 0o777).toBe(0o600);
    }

    const json = JSON.parse(result.stdout) as { status: string; instances: Array<{ id: string; bootstrap: string }> };
    expect(json.status).toBe('success');
    expect(json.instances).toEqual([expect.objectContaining({ id: boot!.instanceId, bootstrap: 'ok' })]);
    expect(readFileSync(boot!.run.upper('var', 'www/html/index.html'), 'utf8')).toContain('Hello from a spot instance');
    expect(boot!.run.calls()).toEqual(expect.arrayContaining(['apt-get install -y -q nginx', 'systemctl enable --now nginx']));
    expect(boot!.run.calls().some((call) => /^shutdown -h \+\d+/.test(call))).toBe(true);

    const again = await runCli(['deploy', '--dir', dir, '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('nothing was compressed');
    // The instance is kept, not launched again, and the terminal says so.
    expect(result.stderr).toContain(`launched: ${boot!.instanceId}`);
    expect(again.stderr).not.toContain('launched:');
    expect(JSON.parse(again.stdout)).toMatchObject({ unchanged: true, instances: [{ id: boot!.instanceId, bootstrap: 'ok' }] });

    const destroy = await runCli(['destroy', '--dir', dir, '--yes'], env);
    expect(destroy.code, destroy.stderr).toBe(0);
    const status = await runCli(['status', '--dir', dir, '--json'], env);
    expect(JSON.parse(status.stdout)).toMatchObject({ instances: [] });
  });

  it('two spot instances of one fleet call share ami-launch-index 0: each still gets its own sealed secret and reports ok', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pair-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });
    writeFileSync(join(dir, 'deployment/.env'), 'API_TOKEN=pair-secret-3c8e\n');
    const config = readFileSync(join(dir, '.spot/config.yaml'), 'utf8').replace('name: hello-web', 'name: pair\ninstances: 2');
    writeFileSync(join(dir, '.spot/config.yaml'), config);
    const env = { ...aws.env, SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1' };
    const deploy = runCli(['deploy', '--dir', dir, '--json', '--ready-timeout-minutes', '3'], env);
    const boots = await bootDeployment(ec2, { deploymentId: 'pair', count: 2 });
    const result = await deploy;
    expect(result.code, result.stderr).toBe(0);
    const launchIndexes = await Promise.all(
      boots.map(
        async (boot) =>
          (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [boot.instanceId] }))).Reservations![0]!.Instances![0]!
            .AmiLaunchIndex,
      ),
    );
    expect(launchIndexes).toEqual([0, 0]);
    for (const boot of boots) {
      expect(boot.exitCode, boot.run.log()).toBe(0);
      expect(readFileSync(boot.run.upper('opt', 'deployment/.env'), 'utf8')).toBe('API_TOKEN=pair-secret-3c8e\n');
    }
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'success', instances: [{ bootstrap: 'ok' }, { bootstrap: 'ok' }] });
    expect((await runCli(['destroy', '--dir', dir, '--yes'], env)).code).toBe(0);
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
    const deploy = runCli(['deploy', '--dir', dir, '--json', '--ready-timeout-minutes', '3'], env);
    const [boot] = await bootDeployment(ec2, { deploymentId, count: 1 });
    const result = await deploy;
    expect(boot!.exitCode, boot!.run.log()).toBe(0);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'success', instances: [{ bootstrap: 'ok', type: 't3.small' }] });
    expect(readFileSync(boot!.run.upper('opt', 'bare.txt'), 'utf8')).toBe('bare project\n');
    expect((await runCli(['destroy', '--dir', dir, '--yes'], env)).code).toBe(0);
  });

  it('a failing setup.sh: exit 1, the failed step and the end of the agent log reach the user', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'failing-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'deployment/setup.sh'),
      '#!/bin/bash\necho "connecting to the database"\necho "boom: no route to db" >&2\nexit 3\n',
      { mode: 0o755 },
    );
    const env = { ...aws.env, SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1' };

    const deploy = runCli(['deploy', '--dir', dir, '--json', '--ready-timeout-minutes', '3', '--deployment-name', 'failing'], env);
    const [boot] = await bootDeployment(ec2, { deploymentId: 'failing', count: 1 });
    const result = await deploy;
    expect(boot!.exitCode).not.toBe(0);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { status: string; failures: Array<{ id: string; failedStep: string; logTail: string }> };
    expect(json.status).toBe('failed');
    expect(json.failures).toEqual([
      { id: boot!.instanceId, failedStep: 'script:1:setup.sh', logTail: expect.stringContaining('boom: no route to db') },
    ]);
    // Nothing is left running after a failed deploy from a terminal, unless asked.
    expect(result.stderr).toContain(`the deploy did not succeed; terminated ${boot!.instanceId}`);
    const status = await runCli(['status', '--dir', dir, '--json', '--deployment-name', 'failing'], env);
    expect(JSON.parse(status.stdout)).toMatchObject({ instances: [] });
    expect((await runCli(['destroy', '--dir', dir, '--yes', '--deployment-name', 'failing'], env)).code).toBe(0);
  });
});
