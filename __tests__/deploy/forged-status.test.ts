/**
 * Status integrity: anyone who can read a user-data (ec2:DescribeInstanceAttribute,
 * a process on the instance) holds its status PUT URLs. A report counts only
 * when the instance itself made it: signed by the key it made at boot, that
 * key bound to the instance by an EC2 identity document with AWS's signature,
 * naming an instance this run launched, under that instance's launch, with
 * the key it showed first. A forged `ok` must never make a deploy succeed and
 * retire the instances that work.
 */
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../src/commands/execute.js';
import { parseOptions } from '../../src/commands/options.js';
import { readReports, type ReportTrust } from '../../src/deploy/wait-ready.js';
import { statusKey } from '../../src/agent/keys.js';
import { agentKeys, identityDocument, signIdentity, signedStatusText, TEST_IDENTITY_CERT } from '../fixtures/identity/identity.js';
import { postStatus, readAgentConf, reportBootstrap, userDataOf } from '../helpers/fake-instance.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';
import { silentSurface } from '../helpers/silent-surface.js';
import { localRun } from '../helpers/run-context.ts';

let local: InProcessAws;
let ec2: EC2Client;
let s3: S3Client;
const BUCKET = 'forged-status-test';
const scope = { prefix: 'spot-deployer', repository: 'acme/web', deploymentId: 'web' };

beforeAll(async () => {
  local = await startInProcessAws();
  ec2 = local.ec2;
  s3 = new S3Client({
    endpoint: local.aws.motoUrl,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  await fetch(`${local.aws.motoUrl}/${BUCKET}`, { method: 'PUT' });
});

afterAll(async () => {
  s3?.destroy();
  await local?.stop();
});

describe('a status object is believed only when its instance made it', () => {
  const ours = 'i-0000000000000aaaa';
  const other = 'i-0000000000000bbbb';
  const trust = (pinned = new Map<string, string>()): ReportTrust => ({
    scope,
    launchIdOf: (id) => ({ [ours]: 'launch-a', [other]: 'launch-b' })[id],
    certificateFor: () => TEST_IDENTITY_CERT,
    pinned,
  });
  const ok = (instanceId: string) => ({ status: 'ok', instance_id: instanceId, launch_index: 0, failed_step: null, steps: [] });
  let run = 0;

  async function believed(body: string, where = { launchId: 'launch-a', index: 0 }, pinned?: Map<string, string>) {
    run += 1;
    const key = statusKey({ ...scope, deploymentId: `web` }, where.launchId, where.index);
    const prefix = `run-${run}/`;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}${key}`, Body: body }));
    const reports = await readReports(s3, BUCKET, [`${prefix}${key.replace(/[^/]+$/, '')}`], new Set([ours, other]), {
      ...trust(pinned),
      scope: { ...scope, prefix: `${prefix}spot-deployer` },
    });
    return reports.statuses.get(ours);
  }

  it('believes the instance itself (control)', async () => {
    expect(await believed(signedStatusText(ok(ours)))).toMatchObject({ status: 'ok', instance_id: ours });
  });

  it.each([
    ['an unsigned ok (the old forgery)', () => JSON.stringify(ok(ours))],
    [
      'an identity document signed by someone other than AWS',
      () => signedStatusText(ok(ours), { identitySignature: signIdentity(identityDocument(ours), agentKeys().privateKey) }),
    ],
    ["another instance's genuine identity document", () => signedStatusText(ok(ours), { document: identityDocument(other) })],
    [
      'a report changed after it was signed',
      () => {
        const envelope = JSON.parse(signedStatusText({ ...ok(ours), status: 'failed' })) as { signed: { report: string } };
        envelope.signed.report = Buffer.from(`${JSON.stringify(ok(ours))}\n`).toString('base64');
        return JSON.stringify(envelope);
      },
    ],
  ])('refuses %s', async (_, forge) => {
    expect(await believed(forge())).toBeUndefined();
  });

  it('refuses a genuine report of an instance this run did not launch', async () => {
    expect(await believed(signedStatusText(ok('i-0000000000000cccc')))).toBeUndefined();
  });

  it("refuses a genuine report written to another launch's status key", async () => {
    expect(await believed(signedStatusText(ok(ours)), { launchId: 'launch-b', index: 0 })).toBeUndefined();
  });

  it('refuses a report with another key than the instance showed first (its hello)', async () => {
    const first = agentKeys();
    const pinned = new Map([[ours, first.publicKeyPem]]);
    expect(await believed(signedStatusText(ok(ours)), undefined, pinned)).toBeUndefined();
    expect(await believed(signedStatusText(ok(ours), { keys: first }), undefined, pinned)).toMatchObject({ status: 'ok' });
  });
});

describe('a forged ok during a re-deploy', () => {
  it('neither makes the deploy succeed nor retires the instance that works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forged-'));
    cpSync(resolve('examples/hello-web'), dir, { recursive: true });
    const deploy = async (report: (ids: string[]) => Promise<string[]>) => {
      let clock = Date.now();
      // The instance side waits for the new instances by itself.
      const reported = report(await live());
      const deploying = execute(parseOptions({ command: 'deploy', 'working-directory': dir, 'timeout-minutes': '1' }), {
        surface: silentSurface,
        run: { ...localRun(), runId: `run-${Math.random()}` },
        now: () => new Date(clock),
        // Time passes only once the instance side has spoken.
        sleep: async (ms) => {
          await reported;
          clock += ms;
        },
      });
      const outcome = await deploying;
      if (outcome.command !== 'deploy') throw new Error('expected a deploy');
      return outcome.result;
    };

    const first = await deploy(() => reportBootstrap(ec2, { deploymentId: 'hello-web', status: 'ok' }));
    expect(first.status).toBe('success');
    const working = first.instances.map((instance) => instance.id);

    writeFileSync(join(dir, 'deployment/index.html'), '<h1>changed</h1>\n');
    const second = await deploy(async (before) => {
      const [fresh] = await waitForNew(before);
      const conf = await readAgentConf(await userDataOf(ec2, fresh!));
      // What anyone holding the user-data can do: fetch the conf, POST an ok, unsigned and self-signed.
      await postStatus(conf, fresh!, JSON.stringify({ status: 'ok', instance_id: fresh, steps: [] }));
      const forged = signIdentity(identityDocument(fresh!), agentKeys().privateKey);
      await postStatus(conf, fresh!, signedStatusText({ status: 'ok', instance_id: fresh! }, { identitySignature: forged }));
      return [fresh!];
    });
    expect(second.status).not.toBe('success');
    expect(second.retired).toEqual([]);
    expect(second.instances.map((instance) => instance.bootstrap)).toEqual(['pending']);
    expect(await live()).toEqual(expect.arrayContaining(working));
  });
});

async function live(): Promise<string[]> {
  const described = await ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running'] }] }),
  );
  return (described.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []).map((instance) => instance.InstanceId!);
}

async function waitForNew(before: string[]): Promise<string[]> {
  for (;;) {
    const fresh = (await live()).filter((id) => !before.includes(id));
    if (fresh.length > 0) return fresh;
    await new Promise((done) => setTimeout(done, 100));
  }
}
