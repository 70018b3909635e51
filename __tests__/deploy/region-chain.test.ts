/**
 * A far region's launch waits on as few round trips as the data allows: the
 * default VPC's subnets in one request, the security group created while the
 * image is still being resolved, the launch's conf object written while its
 * template version is. Order is read from the fault proxy's sequence of
 * events, never from a clock; a hold that the order under test would never
 * release fails the order assertion after its timeout instead of hanging.
 * A region whose lookups fail after its group was made removes that group,
 * and a deploy whose regions all fail so leaves no bundle behind.
 */
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execute } from '../../src/commands/execute.js';
import { parseOptions } from '../../src/commands/options.js';
import type { DeployResult } from '../../src/core/results.js';
import type { FaultProxy, RecordedRequest, RequestFilter } from '../helpers/fault-proxy.js';
import { startInProcessAws, type InProcessAws } from '../helpers/in-process-aws.js';
import { localRun } from '../helpers/run-context.ts';
import { silentSurface } from '../helpers/silent-surface.js';

const REGION = 'eu-west-1';
const HOLD_MS = 4_000;
let local: InProcessAws;
let proxy: FaultProxy;

beforeAll(async () => {
  local = await startInProcessAws({ proxy: true });
  proxy = local.proxy!;
});

beforeEach(async () => {
  await local.aws.reset();
  proxy.clearFaults();
  proxy.clearRequests();
});

afterAll(async () => {
  await local?.stop();
});

/** hello-web in `REGION`, with `extra` config lines. */
function project(extra: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'region-chain-'));
  cpSync(resolve('examples/hello-web'), dir, { recursive: true });
  const config = join(dir, '.spot', 'config.yaml');
  writeFileSync(config, [readFileSync(config, 'utf8').replace('regions: [us-east-1]', `regions: [${REGION}]`), ...extra, ''].join('\n'));
  return dir;
}

async function deploy(dir: string): Promise<DeployResult> {
  const options = parseOptions({ command: 'deploy', 'working-directory': dir, wait: 'running' });
  const outcome = await execute(options, { surface: silentSurface, run: { ...localRun(), runId: `run-${Math.random()}` } });
  if (outcome.command !== 'deploy') throw new Error('expected a deploy');
  return outcome.result;
}

const first = (filter: RequestFilter): RecordedRequest | undefined =>
  proxy.requests.find((request) =>
    Object.entries(filter).every(([key, value]) =>
      value instanceof RegExp ? value.test(String(request[key as keyof RecordedRequest])) : request[key as keyof RecordedRequest] === value,
    ),
  );
const CONF_PUT = { method: 'PUT', path: /\/launch\/[^/]+\.conf$/ };
const INGRESS = 'network: {ingress: [{port: 80, cidr: 0.0.0.0/0}]}';

describe("a region's chain of dependent calls", () => {
  it('finds the default VPC through its default subnets: one DescribeSubnets, no DescribeVpcs', async () => {
    const result = await deploy(project());
    expect(result.status).toBe('success');
    expect(proxy.count({ action: 'DescribeSubnets', region: REGION })).toBe(1);
    expect(proxy.count({ action: 'DescribeVpcs', region: REGION })).toBe(0);
    expect(result.instances[0]!.az.startsWith(REGION)).toBe(true);
  });

  it("creates the security group while the region's image is still being resolved", async () => {
    // DescribeImages is answered only once CreateSecurityGroup has arrived: a group made after the image never arrives in time.
    proxy.holdUntil({ action: 'DescribeImages', region: REGION }, { action: 'CreateSecurityGroup', region: REGION }, HOLD_MS);
    const result = await deploy(project());
    expect(result.status).toBe('success');
    const images = first({ action: 'DescribeImages', region: REGION })!;
    expect(first({ action: 'CreateSecurityGroup', region: REGION })!.arrived).toBeLessThan(images.answered!);
  });

  it("writes the launch's conf object while its template is written, and both before the fleet call", async () => {
    // The conf object's PUT is answered only once the template call has arrived: a template written after the conf never is.
    proxy.holdUntil(CONF_PUT, { action: 'CreateLaunchTemplate', region: REGION }, HOLD_MS);
    const result = await deploy(project());
    expect(result.status).toBe('success');
    const template = first({ action: 'CreateLaunchTemplate', region: REGION })!;
    const conf = first(CONF_PUT)!;
    expect(template.arrived).toBeLessThan(conf.answered!);
    const fleet = first({ action: 'CreateFleet', region: REGION })!;
    expect(fleet.arrived).toBeGreaterThan(conf.answered!);
    expect(fleet.arrived).toBeGreaterThan(template.answered!);
  });

  it("writes the group's rules while the template is written, and launches only once they are in place", async () => {
    proxy.holdUntil(
      { action: 'AuthorizeSecurityGroupIngress', region: REGION },
      { action: 'CreateLaunchTemplate', region: REGION },
      HOLD_MS,
    );
    const result = await deploy(project([INGRESS]));
    expect(result.status).toBe('success');
    const rules = first({ action: 'AuthorizeSecurityGroupIngress', region: REGION })!;
    expect(first({ action: 'CreateLaunchTemplate', region: REGION })!.arrived).toBeLessThan(rules.answered!);
    expect(first({ action: 'CreateFleet', region: REGION })!.arrived).toBeGreaterThan(rules.answered!);
  });

  it('launches nothing when the rules cannot be written, and says which call failed', async () => {
    proxy.failAction({ action: 'AuthorizeSecurityGroupIngress', code: 'UnauthorizedOperation', status: 403 });
    const result = await deploy(project([INGRESS]));
    expect(result.status).toBe('failed');
    expect(proxy.count({ action: 'CreateFleet' })).toBe(0);
    expect(result.errors.map((error) => error.message).join('\n')).toContain('ec2:AuthorizeSecurityGroupIngress');
  });

  it('leaves no conf object behind when the template cannot be written while the conf is still uploading', async () => {
    proxy.failAction({ action: 'CreateLaunchTemplate', code: 'UnauthorizedOperation', status: 403 });
    proxy.addLatency({ ...CONF_PUT, ms: 300 });
    const result = await deploy(project());
    expect(result.status).toBe('failed');
    expect(proxy.count({ action: 'CreateFleet' })).toBe(0);
    expect(first(CONF_PUT)?.answered).toBeDefined();
    const s3 = new S3Client({
      endpoint: local.aws.motoUrl,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'spot-deployer-demo' }));
    s3.destroy();
    expect((listed.Contents ?? []).map((object) => object.Key!).filter((key) => key.includes('/launch/'))).toEqual([]);
  });

  it('removes the security group it made when the image turns out missing in that region', async () => {
    // The image's answer (an error) comes only after the group was asked for, so the group exists when the region fails.
    proxy.holdUntil({ action: 'DescribeImages', region: REGION }, { action: 'CreateSecurityGroup', region: REGION }, HOLD_MS);
    const result = await deploy(project(['image: ami-0123456789abcdef0']));
    expect(result.status).toBe('failed');
    expect(result.instances).toEqual([]);
    expect(result.errors.map((error) => error.message).join('\n')).toContain('ami-0123456789abcdef0');
    expect(proxy.count({ action: 'CreateSecurityGroup', region: REGION })).toBe(1);
    expect(proxy.count({ action: 'DeleteSecurityGroup', region: REGION })).toBe(1);
    // No region got as far as a fleet call, so the bundle was never uploaded.
    expect(proxy.count({ method: 'PUT', path: /\.tar\.gz$/ })).toBe(0);
    expect(result.bundle.uploadedBytes).toBe(0);
    const ec2 = new EC2Client({
      endpoint: local.aws.motoUrl,
      region: REGION,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    const groups = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'tag-key', Values: ['spot-deployer:deployment'] }] }),
    );
    ec2.destroy();
    expect(groups.SecurityGroups ?? []).toEqual([]);
  });
});
