/**
 * The secret part reaches an instance only sealed to the key it made at
 * boot, and only after its hello checked out; nothing is behind its URL
 * before. With `wait: none` the deployer still answers the hello, or the
 * instance would wait for its secrets for ever.
 */
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { createDecipheriv, pbkdf2Sync, privateDecrypt, constants } from 'node:crypto';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../src/commands/execute.js';
import { parseOptions } from '../../src/commands/options.js';
import { agentKeys, signedStatusText, type AgentKeys } from '../fixtures/identity/identity.js';
import { postStatus, readAgentConf, userDataOf } from '../helpers/fake-instance.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';
import { silentSurface } from '../helpers/silent-surface.js';
import { localRun } from '../helpers/run-context.ts';

let local: InProcessAws;
let ec2: EC2Client;

beforeAll(async () => {
  local = await startInProcessAws();
  ec2 = local.ec2;
});

afterAll(() => local?.stop());

/** What the agent's open-secrets step does with openssl, in Node. */
function open(sealed: Buffer, keys: AgentKeys): Buffer {
  const unwrapped = privateDecrypt(
    { key: keys.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    sealed.subarray(0, 256),
  ).toString('utf8');
  const [passphrase] = unwrapped.split('\n');
  const body = sealed.subarray(256);
  expect(body.subarray(0, 8).toString('ascii')).toBe('Salted__');
  const keyAndIv = pbkdf2Sync(passphrase!, body.subarray(8, 16), 1, 48, 'sha256');
  const decipher = createDecipheriv('aes-256-cbc', keyAndIv.subarray(0, 32), keyAndIv.subarray(32));
  return Buffer.concat([decipher.update(body.subarray(16)), decipher.final()]);
}

async function firstInstance(): Promise<{ id: string }> {
  for (;;) {
    const described = await ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'tag:spot-deployer:deployment', Values: ['hello-web'] }] }),
    );
    const [instance] = (described.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
    if (instance) return { id: instance.InstanceId! };
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('the secret part', () => {
  it('is sealed to the key of the hello, only after it, also with wait: none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sealed-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });
    writeFileSync(join(dir, 'deployment/.env'), 'API_TOKEN=sealed-secret-91d2\n');
    const deploying = execute(parseOptions({ command: 'deploy', 'working-directory': dir, wait: 'none', 'timeout-minutes': '2' }), {
      surface: silentSurface,
      run: localRun(),
    });

    const { id } = await firstInstance();
    const conf = await readAgentConf(await userDataOf(ec2, id));
    const secretUrl = conf.secretUrls[0]!;
    expect((await fetch(secretUrl)).status).toBe(404); // nothing before the hello

    const keys = agentKeys();
    const hello = signedStatusText({ status: 'hello', deployment: 'hello-web', instance_id: id, launch_index: 0 }, { keys });
    expect((await postStatus(conf, id, hello)).ok).toBe(true);
    let sealed: Response;
    while ((sealed = await fetch(secretUrl)).status !== 200) await new Promise((done) => setTimeout(done, 200));
    const body = Buffer.from(await sealed.arrayBuffer());
    expect(body.toString('latin1')).not.toContain('sealed-secret-91d2');
    const secretPart = gunzipSync(open(body, keys)).toString('latin1');
    expect(secretPart).toContain('API_TOKEN=sealed-secret-91d2');

    const outcome = await deploying;
    if (outcome.command !== 'deploy') throw new Error('expected a deploy');
    expect(outcome.result.status).toBe('success');
    expect(outcome.result.instances).toEqual([expect.objectContaining({ id, bootstrap: 'not-waited' })]);
  });
});
