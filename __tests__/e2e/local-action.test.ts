/**
 * The action's TypeScript entries (src/action/main.ts and post.ts export
 * run()) under GitHub's own local runner, @github/local-action, against moto.
 * local-action exits 0 even after setFailed, so the tests read its output:
 * the log lines it prints and its table of outputs.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalAws, type LocalAws } from '../helpers/local-aws.js';

let aws: LocalAws;
let s3: S3Client;

const BIN = resolve('node_modules/.bin');

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-action-'));
  cpSync(resolve('examples/hello-web'), dir, { recursive: true });
  return dir;
}

/** Runs `local-action run . src/action/main.ts ENV --post src/action/post.ts` and returns what it printed. */
async function localAction(inputs: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'local-action-env-'));
  const env: Record<string, string> = {
    ...aws.env,
    SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1',
    GITHUB_REPOSITORY: 'acme/hello-web',
    GITHUB_SHA: 'abc123',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '7',
    GITHUB_RUN_ATTEMPT: '1',
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  };
  const dotenv = join(dir, '.env');
  writeFileSync(
    dotenv,
    Object.entries(env)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
  );
  const child = spawn(join(BIN, 'local-action'), ['run', '.', 'src/action/main.ts', dotenv, '--post', 'src/action/post.ts'], {
    // node_modules/.bin first: its `node` is Node 24 (the runtime action.yml names), and tsx is there.
    env: {
      PATH: `${BIN}:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? '/root',
      ...env,
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number>((done) => child.on('close', (exit) => done(exit ?? -1)));
  expect(code, output).toBe(0);
  return output;
}

/** The value local-action's outputs table shows for one output. */
const outputOf = (output: string, name: string): string | undefined =>
  new RegExp(`│\\s*\\d+\\s*│\\s*'${name}'\\s*│\\s*'([^']*)'`).exec(output.slice(output.lastIndexOf('Action Outputs')))?.[1];

beforeAll(async () => {
  aws = await startLocalAws({ env: { MOTO_AMIS_PATH: resolve('__tests__/fixtures/amis.json') } });
  s3 = new S3Client({
    endpoint: aws.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
});

beforeEach(async () => {
  await aws.reset();
  await s3.send(new CreateBucketCommand({ Bucket: 'spot-deployer-demo' }));
});

afterAll(async () => {
  s3?.destroy();
  await aws?.stop();
});

describe('the action under @github/local-action', () => {
  it('validates the example', async () => {
    const output = await localAction({ command: 'validate', 'working-directory': project() });
    expect(output).toContain('.spot/config.yaml, deployment/setup.sh: valid');
    expect(output).not.toContain('::error::');
  });

  it('reports a bad input as a usage error, with the hint', async () => {
    const output = await localAction({ command: 'deploy', 'working-directory': project(), wait: 'forever' });
    expect(output).toContain('SD100 input wait must be none, running or ready, got "forever"');
  });

  it('does a dry run: bundle and user-data, nothing launched', async () => {
    const output = await localAction({ command: 'deploy', 'working-directory': project(), 'dry-run': 'true' });
    expect(outputOf(output, 'bundle-sha256')).toMatch(/^[0-9a-f]{64}$/);
    expect(outputOf(output, 'instance-ids')).toBe('[]');
    expect(output).not.toContain('::error::');
  });

  it('deploys with wait: running, sets the outputs, and the post step leaves a success alone', async () => {
    const output = await localAction({ command: 'deploy', 'working-directory': project(), wait: 'running' });
    expect(outputOf(output, 'deployment-id')).toBe('hello-web');
    expect(outputOf(output, 'status')).toBe('success');
    expect(JSON.parse(outputOf(output, 'instance-ids') ?? '[]')).toEqual([expect.stringMatching(/^i-/)]);
    expect(outputOf(output, 'url')).toBe('');
    expect(output).toContain('deploy succeeded; nothing to clean up');
    expect(output).not.toContain('::error::');
  });
});
