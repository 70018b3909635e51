/**
 * The user-data has one size whatever the instance count, at most 4,096
 * bytes, and `plan` says that size exactly: the count lives in the launch's
 * conf object, and plan presigns its one URL offline with credentials as
 * long as a GitHub OIDC session's. Deploys run against moto with such
 * credentials in the environment (moto checks no signature).
 */
import { DescribeInstanceAttributeCommand, DescribeInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { REPRESENTATIVE_CREDENTIALS } from '../../src/aws/offline-s3.js';
import { createClients } from '../../src/aws/clients.js';
import { renderLaunchConf } from '../../src/deploy/launch-conf.js';
import { loadProject } from '../../src/plan/load-project.js';
import type { Plan } from '../../src/plan/types.js';
import { localRun } from '../helpers/run-context.ts';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';

let local: InProcessAws;
let ec2: EC2Client;

beforeAll(async () => {
  local = await startInProcessAws();
  ec2 = local.ec2;
  // Credentials of a GitHub OIDC role session's lengths (a session token of about 1,000 characters).
  vi.stubEnv('AWS_ACCESS_KEY_ID', `ASIA${'Q'.repeat(16)}`);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 's'.repeat(40));
  vi.stubEnv('AWS_SESSION_TOKEN', REPRESENTATIVE_CREDENTIALS.sessionToken);
}, 60_000);

afterAll(() => local?.stop());

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(args, {
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    env: { ...process.env, GITHUB_REPOSITORY: 'acme/sizes' },
  });
  return { code, ...out };
}

function project(name: string, instances: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'sizes-'));
  cpSync(resolve('examples/hello-web'), dir, { recursive: true });
  const config = `version: 1\nname: ${name}\ninstances: ${instances}\nregions: [us-east-1]\ninstance_types: [t3.micro]\nbucket: {name: sizes-bucket, create: true}\nttl: 2h\n`;
  writeFileSync(join(dir, '.spot/config.yaml'), config);
  return dir;
}

/** The bytes EC2 received (before base64) for each instance of the deployment. */
async function receivedBytes(deploymentId: string): Promise<number[]> {
  const described = await ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'tag:spot-deployer:deployment', Values: [deploymentId] }] }),
  );
  const ids = (described.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []).map((instance) => instance.InstanceId!);
  const sizes = await Promise.all(
    ids.slice(0, 3).map(async (id) => {
      const attribute = await ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: id, Attribute: 'userData' }));
      return Buffer.from(attribute.UserData?.Value ?? '', 'base64').length;
    }),
  );
  return sizes;
}

describe('user-data size', () => {
  it('is at most 4,096 bytes, the same for 1 and 600 instances, and plan says it exactly', async () => {
    const planned = await cli(['plan', '--dir', project('solo', 1), '--json']);
    expect(planned.code, planned.stderr).toBe(0);
    const planBytes = (JSON.parse(planned.stdout) as { userDataBytes: number }).userDataBytes;

    for (const [name, count] of [
      // (moto's RunInstances gives MinCount, 1, per call: more instances are left to the fleet tests.)
      ['solo', 1],
    ] as const) {
      const deployed = await cli(['deploy', '--dir', project(name, count), '--wait', 'none', '--json']);
      expect(deployed.code, deployed.stderr).toBe(0);
      const bytes = await receivedBytes(name);
      expect(bytes.length).toBeGreaterThan(0);
      expect(new Set(bytes), `${name}: ${bytes.join(', ')}`).toEqual(new Set([planBytes]));
      console.log(`user-data for ${count} instance(s): ${bytes[0]} bytes (plan: ${planBytes})`);
    }
    expect(planBytes).toBeLessThanOrEqual(4_096);

    // 600 instances, each with a sealed secret part: what deployRegion renders for one launch call of them.
    const { plan } = (await loadProject({ run: localRun(), dir: project('wide', 600), overrides: {} })) as { plan: Plan };
    const { s3 } = createClients('us-east-1');
    const launch = (count: number) =>
      renderLaunchConf({
        s3,
        plan,
        launchId: 'us-east-1-0123456789-1',
        count,
        bundleKey: 'k',
        bundleSha256: 'a'.repeat(64),
        withSecrets: true,
        urlLifetimeSeconds: 2700,
        expiresAt: '2030-01-01T00:00:00.000Z',
      });
    const [one, six] = await Promise.all([launch(1), launch(600)]);
    expect(six.userData.bytes).toBe(one.userData.bytes);
    expect(six.userData.bytes).toBeLessThanOrEqual(4_096);
    expect(six.text.match(/\/sealed\//g)).toHaveLength(600);
    expect(six.userData.text).not.toContain('/sealed/');
    console.log(
      `600 instances: user-data ${six.userData.bytes} bytes; the launch's conf object ${six.text.length} bytes (1 instance: ${one.text.length})`,
    );
    s3.destroy();
  }, 300_000);
});
