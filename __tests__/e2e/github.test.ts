/**
 * The GitHub surface of the built action, against a local fake of the REST
 * API: one sticky comment per deployment, updated in place on every push and
 * on close, and a GitHub deployment with the preview's URL.
 */
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

function pullRequestEnv(action: string, sha: string): Record<string, string> {
  const event = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
  writeFileSync(event, JSON.stringify({ action, number: 5, pull_request: { number: 5, head: { repo: { full_name: 'acme/hello-web' } } } }));
  return {
    ...aws.env,
    SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1',
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: 'acme/hello-web',
    GITHUB_SHA: sha,
    GITHUB_RUN_ID: sha,
    GITHUB_EVENT_NAME: 'pull_request',
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
    expect(github.deployments).toEqual([
      { id: expect.any(Number), ref: 'sha1', environment: 'preview', statuses: [{ state: 'success', environment_url: first.outputs.url }] },
    ]);

    writeFileSync(join(dir, 'deployment/setup.sh'), '#!/bin/bash\necho v2\n', { mode: 0o755 });
    const second = await runAction({ entry: 'main', inputs, env: pullRequestEnv('synchronize', 'sha2') });
    expect(second.code, second.stdout).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.id).toBe(comment!.id);
    expect(github.comments[0]!.body).toContain(second.outputs['bundle-sha256']);

    const closed = await runAction({ entry: 'main', inputs, env: pullRequestEnv('closed', 'sha2') });
    expect(closed.code, closed.stdout).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain('`hello-web-pr-5` destroyed');
    expect(github.deployments.at(-1)!.statuses).toEqual([{ state: 'inactive' }]);
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
