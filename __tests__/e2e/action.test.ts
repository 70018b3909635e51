/**
 * The action as the runner runs it: the built `dist/main` and `dist/post` on
 * Node 24, against moto over HTTP, with the test playing the instance's side
 * (it PUTs the status object through the URL found in the user-data).
 */
import { DescribeInstancesCommand, DescribeVolumesCommand, EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action-runner.js';
import { runCli } from '../helpers/run-cli.js';
import { readLoaderConf, reportBootstrap, userDataOf, type AgentConf } from '../helpers/fake-instance.js';
import { startLocalAws, type LocalAws } from '../helpers/local-aws.js';

let aws: LocalAws;
let ec2: EC2Client;
let s3: S3Client;

const project = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'hello-web-'));
  cpSync(resolve('examples/hello-web'), dir, { recursive: true });
  return dir;
};

const actionEnv = (): Record<string, string> => ({
  ...aws.env,
  SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1',
  GITHUB_REPOSITORY: 'acme/hello-web',
  GITHUB_SHA: 'abc123',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_RUN_ID: '42',
  GITHUB_RUN_ATTEMPT: '1',
});

async function instancesOf(deploymentId: string, states = ['pending', 'running']): Promise<Instance[]> {
  const described = await ec2.send(
    new DescribeInstancesCommand({
      Filters: [
        { Name: 'tag:spot-deployer:deployment', Values: [deploymentId] },
        { Name: 'instance-state-name', Values: states },
      ],
    }),
  );
  return (described.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
}

beforeAll(async () => {
  aws = await startLocalAws({ env: { MOTO_AMIS_PATH: resolve('__tests__/fixtures/amis.json') } });
  const config = { endpoint: aws.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  ec2 = new EC2Client(config);
  s3 = new S3Client({ ...config, forcePathStyle: true });
});

beforeEach(async () => {
  await aws.reset();
  await s3.send(new CreateBucketCommand({ Bucket: 'spot-deployer-demo' }));
});

afterAll(async () => {
  ec2?.destroy();
  s3?.destroy();
  await aws?.stop();
});

describe('the action against the local AWS endpoint', () => {
  it('deploys hello-web, waits for the bootstrap, reports, then the post step leaves it alone and destroy removes it', async () => {
    const dir = project();
    const secret = 'API_TOKEN=action-secret-91e2c4';
    writeFileSync(join(dir, 'deployment/.env'), `${secret}\n`);
    const main = runAction({
      entry: 'main',
      inputs: { command: 'deploy', 'working-directory': dir, 'ready-timeout-minutes': '2' },
      env: actionEnv(),
    });
    const confs = new Map<string, AgentConf>();
    const reported = await reportBootstrap(ec2, { deploymentId: 'hello-web', status: 'ok', onConf: (id, conf) => confs.set(id, conf) });
    const run = await main;
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);

    const outputs = run.outputs;
    expect(outputs['deployment-id']).toBe('hello-web');
    expect(outputs.status).toBe('success');
    expect(JSON.parse(outputs['instance-ids']!)).toEqual(reported);
    const instances = JSON.parse(outputs.instances!) as Array<Record<string, unknown>>;
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({
      id: reported[0],
      region: 'us-east-1',
      type: 't3.micro',
      lifecycle: 'spot',
      state: 'running',
      bootstrap: 'ok',
    });
    expect(JSON.parse(outputs['public-ips']!)).toEqual([instances[0]!.public_ip]);
    // hello-web opens no port, so there is no page to link to.
    expect(outputs.url).toBe('');
    expect(run.stdout).not.toContain('deprecated');
    expect(outputs['bundle-key']).toMatch(/^spot-deployer\/acme\/hello-web\/hello-web\/[0-9a-f]{64}\.tar\.gz$/);
    expect(outputs['bundle-key']).toContain(outputs['bundle-sha256']);
    expect(Number(outputs['user-data-bytes'])).toBeGreaterThan(1000);
    expect(Number(outputs['user-data-bytes'])).toBeLessThanOrEqual(16_384);

    expect(run.summary.split('\n')[0]).toBe('### ✅ `hello-web` deployed');
    expect(run.summary).toContain(reported[0]);
    expect(run.summary).toContain('running · ✅ ready');
    expect(run.summary).toContain(outputs['bundle-sha256']);

    // What EC2 received: tags, IMDSv2, encrypted root, spot market, terminate on shutdown.
    const [instance] = await instancesOf('hello-web');
    const tags = Object.fromEntries((instance!.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
    expect(tags).toMatchObject({
      'spot-deployer:deployment': 'hello-web',
      'spot-deployer:managed-by': 'spot-deployer',
      'spot-deployer:repository': 'acme/hello-web',
      'spot-deployer:sha': 'abc123',
      'spot-deployer:ref': 'refs/heads/main',
      'spot-deployer:run-id': '42-1',
      'spot-deployer:bundle-sha256': outputs['bundle-sha256'],
      Name: 'hello-web',
    });
    expect(Date.parse(tags['spot-deployer:expires-at']!)).toBeGreaterThan(Date.now() + 1.9 * 3600_000);
    expect(instance!.MetadataOptions?.HttpTokens).toBe('required');
    expect(instance!.InstanceLifecycle).toBe('spot');
    const volumes = await ec2.send(
      new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instance!.InstanceId!] }] }),
    );
    expect(volumes.Volumes?.[0]?.Encrypted).toBe(true);

    const userData = await userDataOf(ec2, instance!.InstanceId!);
    expect(userData.startsWith('#cloud-config\n')).toBe(true);
    const conf = confs.get(instance!.InstanceId!)!;
    expect(conf.bundleSha256).toBe(outputs['bundle-sha256']);
    expect(conf.bundleUrl).toContain(outputs['bundle-key']);
    // The user-data names only the launch's conf; its URL, the bundle URL and the status policy's
    // signature are masked before anything could print them (workflow commands escape `%` as `%25`).
    const { confUrl } = readLoaderConf(userData);
    const masked = [confUrl, conf.bundleUrl, conf.statusFields.Policy!, conf.statusFields['X-Amz-Signature']!];
    for (const value of masked) expect(run.stdout).toContain(`::add-mask::${value.replaceAll('%', '%25')}`);
    expect(run.stdout).not.toContain(conf.bundleUrl);
    expect(run.stdout).not.toContain(confUrl);
    // Once the instance reported, its launch's conf has served: the deployer removed it.
    expect((await fetch(confUrl)).status).toBe(404);

    // The secret travels only inside the bundle.
    for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(outputs), userData]) expect(text).not.toContain(secret);

    const post = await runAction({ entry: 'post', env: actionEnv(), state: run.state, runnerDir: run.runnerDir });
    expect(post.code).toBe(0);
    expect(post.stdout).toContain('nothing to clean up');
    expect(await instancesOf('hello-web')).toHaveLength(1);

    const destroy = await runAction({ entry: 'main', inputs: { command: 'destroy', 'working-directory': dir }, env: actionEnv() });
    expect(destroy.code, destroy.stdout).toBe(0);
    expect(destroy.summary).toContain(instance!.InstanceId!);
    expect(await instancesOf('hello-web', ['pending', 'running', 'stopping', 'stopped'])).toHaveLength(0);
  });

  it('reports a failed bootstrap with its step, exits 1, and the post step terminates what the run launched', async () => {
    const dir = project();
    const main = runAction({
      entry: 'main',
      inputs: { command: 'deploy', 'working-directory': dir, 'timeout-minutes': '2' },
      env: actionEnv(),
    });
    await reportBootstrap(ec2, { deploymentId: 'hello-web', status: 'failed', failedStep: 'script: deployment/setup.sh' });
    const run = await main;
    expect(run.code).toBe(1);
    // The old input name still works, with a warning that names the new one.
    expect(run.stdout).toContain('::warning::timeout-minutes is deprecated');
    expect(run.stdout).toContain('use ready-timeout-minutes');
    expect(run.outputs.status).toBe('failed');
    expect(run.summary.split('\n')[0]).toBe('### ❌ `hello-web` failed, 0 of 1 instance ready');
    expect(run.summary).toContain('❌ bootstrap failed');
    expect(run.summary).toMatch(
      /<details><summary>i-\w+: bootstrap log<\/summary>\n\nFailed at `script: deployment\/setup\.sh`\. The end of the agent's log:\n\n```\nsimulated\n```/,
    );
    expect(run.stdout).toContain('::error::deployment hello-web is failed');
    expect(run.summary).toContain('**SD500** the bootstrap of');

    const launched = JSON.parse(run.outputs['instance-ids']!) as string[];
    const post = await runAction({ entry: 'post', env: actionEnv(), state: run.state, runnerDir: run.runnerDir });
    expect(post.code).toBe(0);
    expect(post.stdout).toContain(`terminating ${launched[0]}`);
    expect(await instancesOf('hello-web')).toHaveLength(0);
  });

  it('validate on a broken .spot/config.yaml exits 1 naming the file and key, without a stack trace', async () => {
    const dir = project();
    writeFileSync(join(dir, '.spot/config.yaml'), 'version: 1\nregions: [us-east-1]\nbucket: b\ninstance_typs: [t3.micro]\n');
    const run = await runAction({ entry: 'main', inputs: { command: 'validate', 'working-directory': dir }, env: actionEnv() });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error title=SD1\d\d instance_typs,file=\.spot\/config\.yaml,line=4,col=1::/);
    expect(run.stdout).toContain('instance_typs');
    expect(run.stdout).toContain('instance_types');
    expect(run.stdout).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
    expect(run.stderr).toBe('');
  });

  it('with AWS unreachable still writes a job summary that names the error and its hint, and exits 1', async () => {
    const run = await runAction({
      entry: 'main',
      inputs: { command: 'deploy', 'working-directory': project() },
      // A loopback port nothing listens on: every AWS call fails to connect.
      env: { ...actionEnv(), AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_EC2_METADATA_DISABLED: 'true' },
    });
    expect(run.code).toBe(1);
    expect(run.summary.split('\n')[0]).toBe('### ❌ deploy of `hello-web` failed');
    expect(run.summary).toContain('SD299');
    expect(run.summary).toContain('ECONNREFUSED');
    expect(run.summary).toContain('Hint: Nothing answered at AWS\\_ENDPOINT\\_URL=');
    expect(run.stdout).toMatch(/::error::SD299 .*ECONNREFUSED/);
  });

  it('names a pull request preview <name>-pr-<n>, and the closed event destroys it', async () => {
    const dir = project();
    const eventFile = (action: string, headRepo = 'acme/hello-web'): string => {
      const file = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
      writeFileSync(file, JSON.stringify({ action, number: 12, pull_request: { number: 12, head: { repo: { full_name: headRepo } } } }));
      return file;
    };
    const prEnv = (action: string, headRepo?: string) => ({
      ...actionEnv(),
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventFile(action, headRepo),
    });

    const opened = await runAction({
      entry: 'main',
      inputs: { command: 'deploy', 'working-directory': dir, wait: 'running' },
      env: prEnv('opened'),
    });
    expect(opened.code, opened.stdout).toBe(0);
    expect(opened.outputs['deployment-id']).toBe('hello-web-pr-12');
    const [instance] = await instancesOf('hello-web-pr-12');
    expect(instance?.Tags).toContainEqual({ Key: 'spot-deployer:pr', Value: '12' });

    const closed = await runAction({ entry: 'main', inputs: { command: 'deploy', 'working-directory': dir }, env: prEnv('closed') });
    expect(closed.code, closed.stdout).toBe(0);
    expect(closed.summary).toContain('`hello-web-pr-12` destroyed');
    expect(await instancesOf('hello-web-pr-12')).toHaveLength(0);

    const fork = await runAction({
      entry: 'main',
      inputs: { command: 'validate', 'working-directory': dir },
      env: prEnv('opened', 'stranger/hello-web'),
    });
    expect(fork.code).toBe(0);
    const forkDeploy = await runAction({
      entry: 'main',
      inputs: { command: 'deploy', 'working-directory': dir, 'dry-run': 'true' },
      env: prEnv('opened', 'stranger/hello-web'),
    });
    expect(forkDeploy.stdout).toContain('::notice::This pull request comes from a fork');
  });

  it('a CLI deploy in a pull_request job names and tags the deployment exactly as the action does', async () => {
    const dir = project();
    const event = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
    writeFileSync(
      event,
      JSON.stringify({
        action: 'synchronize',
        number: 7,
        pull_request: { number: 7, head: { sha: 'feedface', repo: { full_name: 'acme/hello-web' } } },
      }),
    );
    const jobEnv = { ...actionEnv(), GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event };
    const tagsOf = async (): Promise<Record<string, string>> => {
      const [instance] = await instancesOf('hello-web-pr-7');
      const tags = Object.fromEntries((instance?.Tags ?? []).map((tag) => [tag.Key!, tag.Value!]));
      delete tags['spot-deployer:expires-at']; // the launch time, which differs by a second or two
      return tags;
    };

    const action = await runAction({
      entry: 'main',
      inputs: { command: 'deploy', 'working-directory': dir, wait: 'running' },
      env: jobEnv,
    });
    expect(action.code, action.stdout).toBe(0);
    expect(action.outputs['deployment-id']).toBe('hello-web-pr-7');
    const byAction = await tagsOf();
    await aws.reset();
    await s3.send(new CreateBucketCommand({ Bucket: 'spot-deployer-demo' }));

    const cli = await runCli(['deploy', '--dir', dir, '--wait', 'running', '--json'], jobEnv);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ deploymentId: 'hello-web-pr-7' });
    const byCli = await tagsOf();
    expect(byCli).toEqual(byAction);
    expect(byCli).toMatchObject({
      'spot-deployer:pr': '7',
      'spot-deployer:repository': 'acme/hello-web',
      // The pull request's head commit, not the temporary merge commit GITHUB_SHA names.
      'spot-deployer:sha': 'feedface',
    });
  });
});
