/**
 * The GitHub surface of the built action, against a local fake of the REST
 * API: one sticky comment per deployment, updated in place on every push and
 * on close, and a GitHub deployment with the preview's URL.
 */
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { appendFileSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../helpers/action-runner.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { startLocalAws, type LocalAws } from '../helpers/local-aws.js';

let aws: LocalAws;
let github: FakeGitHub;

beforeAll(async () => {
  aws = await startLocalAws({ env: { MOTO_AMIS_PATH: resolve('__tests__/fixtures/amis.json') } });
  github = await startFakeGitHub();
  const s3 = new S3Client({
    endpoint: aws.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'spot-deployer-demo' }));
  s3.destroy();
});

afterAll(async () => {
  await github?.close();
  await aws?.stop();
});

function pullRequestEnv(
  action: string,
  sha: string,
  pr: { number?: number; event?: string; headRepo?: string } = {},
): Record<string, string> {
  const event = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
  const number = pr.number ?? 5;
  writeFileSync(
    event,
    JSON.stringify({ action, number, pull_request: { number, head: { sha, repo: { full_name: pr.headRepo ?? 'acme/hello-web' } } } }),
  );
  return {
    ...aws.env,
    SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1',
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: 'acme/hello-web',
    // On pull_request GITHUB_SHA is the temporary merge commit; the head commit is in the event.
    GITHUB_SHA: `merge-of-${sha}`,
    GITHUB_RUN_ID: sha,
    GITHUB_EVENT_NAME: pr.event ?? 'pull_request',
    GITHUB_EVENT_PATH: event,
  };
}

describe('the GitHub surface', () => {
  it('keeps one sticky comment per deployment, updated in place, and records a deployment with its URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hello-web-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });
    // A preview people can open: port 80 open, so the deployment carries a URL.
    appendFileSync(join(dir, '.spot/config.yaml'), 'network:\n  ingress: [{ port: 80, cidr: 0.0.0.0/0 }]\n');
    const inputs = { command: 'deploy', 'working-directory': dir, wait: 'running', 'github-token': 'fake-token', environment: 'preview' };

    const first = await runAction({ entry: 'main', inputs, env: pullRequestEnv('opened', 'sha1') });
    expect(first.code, first.stdout).toBe(0);
    expect(github.comments).toHaveLength(1);
    const [comment] = github.comments;
    expect(comment!.issue).toBe(5);
    expect(comment!.body).toContain('<!-- spot-deployer:deployment=hello-web-pr-5 -->');
    expect(comment!.body).toContain('`hello-web-pr-5` deployed');
    // The PR head commit, in progress while deploying with the run linked, then success with the preview's URL.
    const runUrl = (sha: string): string => `https://github.com/acme/hello-web/actions/runs/${sha}`;
    expect(github.deployments).toEqual([
      {
        id: expect.any(Number),
        ref: 'sha1',
        environment: 'preview',
        statuses: [
          { state: 'in_progress', log_url: runUrl('sha1') },
          { state: 'success', environment_url: first.outputs.url, log_url: runUrl('sha1') },
        ],
      },
    ]);

    writeFileSync(join(dir, 'deployment/setup.sh'), '#!/bin/bash\necho v2\n', { mode: 0o755 });
    const second = await runAction({ entry: 'main', inputs, env: pullRequestEnv('synchronize', 'sha2') });
    expect(second.code, second.stdout).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.id).toBe(comment!.id);
    expect(github.comments[0]!.body).toContain(second.outputs['bundle-sha256']);
    // The second push's deployment is the active one; the first went inactive.
    expect(github.deployments.map((deployment) => [deployment.ref, deployment.statuses.at(-1)!.state])).toEqual([
      ['sha1', 'inactive'],
      ['sha2', 'success'],
    ]);

    const closed = await runAction({ entry: 'main', inputs, env: pullRequestEnv('closed', 'sha2') });
    expect(closed.code, closed.stdout).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain('`hello-web-pr-5` destroyed');
    // Closing creates no deployment and leaves none active.
    expect(github.deployments).toHaveLength(2);
    expect(github.deployments.map((deployment) => deployment.statuses.at(-1)!.state)).toEqual(['inactive', 'inactive']);
  });

  it('updates the comment and fails the deployment on a hard failure (AWS unreachable)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hello-web-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });
    const inputs = { command: 'deploy', 'working-directory': dir, wait: 'running', 'github-token': 'fake-token', environment: 'hard' };
    const ok = await runAction({ entry: 'main', inputs, env: pullRequestEnv('opened', 'sha20', { number: 20 }) });
    expect(ok.code, ok.stdout).toBe(0);
    writeFileSync(join(dir, 'deployment/setup.sh'), '#!/bin/bash\necho v2\n', { mode: 0o755 });
    const down = {
      ...pullRequestEnv('synchronize', 'sha21', { number: 20 }),
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const failed = await runAction({ entry: 'main', inputs, env: down });
    expect(failed.code).toBe(1);
    const onPr = github.comments.filter((comment) => comment.issue === 20);
    expect(onPr).toHaveLength(1);
    expect(onPr[0]!.body.split('\n')[1]).toBe('### ❌ deploy of `hello-web-pr-20` failed');
    expect(onPr[0]!.body).toContain('SD299');
    const hard = github.deployments.filter((deployment) => deployment.environment === 'hard');
    expect(hard.map((deployment) => [deployment.ref, deployment.statuses.map((status) => status.state)])).toEqual([
      ['sha20', ['in_progress', 'success']],
      ['sha21', ['in_progress', 'failure']],
    ]);
  });

  it('warns instead of failing when GitHub refuses, since the deployment itself worked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hello-web-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });
    const run = await runAction({
      entry: 'main',
      inputs: { command: 'deploy', 'working-directory': dir, wait: 'running', 'github-token': 'wrong-token', 'deployment-name': 'refused' },
      env: pullRequestEnv('opened', 'sha3'),
    });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('success');
    expect(run.stdout).toContain('::warning::spot-deployer could not update GitHub (the deployment itself is unaffected): Bad credentials');
  });
});

describe('the sticky comment belongs to the token', () => {
  it('never takes over a comment someone else planted with the marker (Actions token: github-actions[bot])', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hello-web-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });
    const planted = { id: 1, issue: 7, body: '<!-- spot-deployer:deployment=hello-web-pr-7 -->\nclick here', user: { login: 'mallory' } };
    github.comments.push(planted);
    const inputs = { command: 'deploy', 'working-directory': dir, wait: 'running', 'github-token': 'fake-token' };
    const first = await runAction({ entry: 'main', inputs, env: pullRequestEnv('opened', 'sha7', { number: 7 }) });
    expect(first.code, first.stdout).toBe(0);
    const onPr = () => github.comments.filter((comment) => comment.issue === 7);
    expect(onPr()).toHaveLength(2);
    expect(onPr()[0]).toEqual(planted);
    const ours = onPr()[1]!;
    expect(ours.user).toEqual({ login: 'github-actions[bot]' });

    writeFileSync(join(dir, 'deployment/setup.sh'), '#!/bin/bash\necho v2\n', { mode: 0o755 });
    const second = await runAction({ entry: 'main', inputs, env: pullRequestEnv('synchronize', 'sha8', { number: 7 }) });
    expect(second.code, second.stdout).toBe(0);
    expect(onPr()).toHaveLength(2);
    expect(onPr()[0]).toEqual(planted);
    expect(onPr()[1]!.id).toBe(ours.id);
    expect(onPr()[1]!.body).toContain(second.outputs['bundle-sha256']);
  });

  it("with a user's token, finds its own comment through GET /user", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hello-web-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });
    github.comments.push({
      id: 2,
      issue: 8,
      body: '<!-- spot-deployer:deployment=hello-web-pr-8 -->\nold',
      user: { login: 'github-actions[bot]' },
    });
    const inputs = { command: 'deploy', 'working-directory': dir, wait: 'running', 'github-token': 'fake-pat' };
    for (const sha of ['sha9', 'sha10']) {
      const run = await runAction({ entry: 'main', inputs, env: pullRequestEnv('synchronize', sha, { number: 8 }) });
      expect(run.code, run.stdout).toBe(0);
    }
    const onPr = github.comments.filter((comment) => comment.issue === 8);
    expect(onPr.map((comment) => [comment.id, comment.user?.login])).toEqual([
      [2, 'github-actions[bot]'],
      [expect.any(Number), 'octo-dev'],
    ]);
    expect(onPr[0]!.body).toContain('old');
  });
});

describe('a fork under pull_request_target', () => {
  const liveOf = async (deployment: string): Promise<number> => {
    const ec2 = new EC2Client({
      endpoint: aws.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    const described = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'tag:spot-deployer:deployment', Values: [deployment] },
          { Name: 'instance-state-name', Values: ['pending', 'running'] },
        ],
      }),
    );
    ec2.destroy();
    return (described.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []).length;
  };

  it("is refused (SD202) instead of deploying the fork's code with this repository's role", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hello-web-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });
    const env = pullRequestEnv('synchronize', 'fork1', { number: 11, event: 'pull_request_target', headRepo: 'mallory/hello-web' });
    const refused = await runAction({ entry: 'main', inputs: { command: 'deploy', 'working-directory': dir, wait: 'running' }, env });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('::error::SD202');
    expect(refused.stdout).not.toContain('cannot reach AWS');
    expect(refused.outputs.status).toBe('failed');
    expect(await liveOf('hello-web-pr-11')).toBe(0);

    const allowed = await runAction({
      entry: 'main',
      inputs: { command: 'deploy', 'working-directory': dir, wait: 'running', 'allow-fork-pull-request-target': 'true' },
      env,
    });
    expect(allowed.code, allowed.stdout).toBe(0);
    expect(await liveOf('hello-web-pr-11')).toBe(1);
  });
});
