/**
 * The loader and the bootstrap agent run for real as root (see
 * agent-harness.ts): the loader fetches the launch's conf and the bundle from
 * the local S3 endpoint through presigned URLs and starts the agent the
 * bundle carries, which reports its status object through the launch's
 * presigned POST grant, as on an instance.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEnvFile, renderStepsScript } from '../../src/agent/steps-script.js';
import type { Manifest } from '../../src/plan/types.js';
import { startLocalAws, type LocalAws } from '../helpers/local-aws.js';
import {
  buildTestBundle,
  removeTemporaryRoots,
  renderAgentConf,
  runLoader,
  startFakeImds,
  type AgentRun,
  type BundleFiles,
  type FakeImds,
} from '../fixtures/agent/agent-harness.js';
import { manifest, script } from '../fixtures/agent/manifest.js';
import { NEEDS_ROOT } from '../helpers/tools.js';

const BUCKET = 'agent-test';
const SECRET = 'S3CR3T-db-password-never-logged';
const INSTANCE_ID = 'i-0123456789abcdef0';
const isRoot = process.getuid?.() === 0;

let aws: LocalAws;
let imds: FakeImds;
let s3: S3Client;
let run = 0;

beforeAll(async () => {
  aws = await startLocalAws();
  imds = await startFakeImds(INSTANCE_ID, 1);
  s3 = new S3Client({
    endpoint: aws.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    credentials: { accessKeyId: aws.env.AWS_ACCESS_KEY_ID!, secretAccessKey: aws.env.AWS_SECRET_ACCESS_KEY! },
  });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});

afterAll(async () => {
  s3?.destroy();
  await imds?.close();
  await aws?.stop();
  removeTemporaryRoots();
});

interface Deployed {
  agent: AgentRun;
  /** The status object at this instance's id, parsed. */
  status: Record<string, unknown> & { steps: { name: string; status: string; seconds: number }[] };
  statusText: string;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const mode = (path: string): string => (statSync(path).mode & 0o7777).toString(8);

/** Puts a file for a tarball step and returns its presigned GET URL. */
async function servedFile(key: string, body: Buffer): Promise<string> {
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 3600 });
}

async function objectText(key: string): Promise<string | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return await object.Body!.transformToString();
  } catch {
    return undefined;
  }
}

/** The status grant of one launch: a presigned POST policy over `<prefix>`, as the deployer makes it. */
async function statusGrant(prefix: string): Promise<Record<string, string | string[]>> {
  const post = await createPresignedPost(s3, {
    Bucket: BUCKET,
    Key: `${prefix}\${filename}`,
    Conditions: [['content-length-range', 1, 65_535]],
    Fields: { 'x-amz-server-side-encryption': 'AES256' },
    Expires: 3600,
  });
  const { key: _key, ...fields } = post.fields;
  return {
    SD_STATUS_POST_URL: post.url,
    SD_STATUS_KEY_PREFIX: prefix,
    SD_STATUS_FIELDS: Object.entries(fields).map(([name, value]) => `${name}=${value}`),
  };
}

/**
 * Uploads the bundle and the launch's conf, presigns their URLs, runs the
 * loader (which starts the agent) and reads the status object back.
 */
async function deploy(
  bundle: Buffer,
  options: {
    sha256?: string;
    ttlSeconds?: number;
    osRelease?: string;
    uploadAfterMs?: number;
    tamperConf?: boolean;
    env?: Record<string, string>;
  } = {},
): Promise<Deployed> {
  run += 1;
  const key = `run-${run}`;
  const upload = (): Promise<unknown> => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${key}/bundle.tar.gz`, Body: bundle }));
  // As in a deploy whose upload overlaps the launch: the agent may start before the object exists.
  const uploaded =
    options.uploadAfterMs === undefined ? upload() : new Promise((resolve) => setTimeout(resolve, options.uploadAfterMs)).then(upload);
  if (options.uploadAfterMs === undefined) await uploaded;
  const sign = (command: GetObjectCommand): Promise<string> => getSignedUrl(s3, command, { expiresIn: 3600 });
  const conf = `${renderAgentConf({
    SD_DEPLOYMENT: `agent-test-${run}`,
    SD_BUNDLE_URL: await sign(new GetObjectCommand({ Bucket: BUCKET, Key: `${key}/bundle.tar.gz` })),
    SD_BUNDLE_SHA256: options.sha256 ?? sha256(bundle),
    ...(await statusGrant(`${key}/status/`)),
    SD_TARGET: '/opt/deployment',
    SD_TTL_SECONDS: String(options.ttlSeconds ?? 0),
  })}\n`;
  // The sha256 the user-data names is the deployer's; a conf changed after that must be refused.
  const stored = options.tamperConf ? conf.replace(`SD_TARGET='/opt/deployment'`, `SD_TARGET='/tmp/elsewhere'`) : conf;
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${key}/launch.conf`, Body: stored }));
  const loaderConf = renderAgentConf({
    SD_CONF_URL: await sign(new GetObjectCommand({ Bucket: BUCKET, Key: `${key}/launch.conf` })),
    SD_CONF_SHA256: sha256(Buffer.from(conf)),
    SD_IMDS_URL: imds.url,
  });
  const agent = await runLoader(loaderConf, { osRelease: options.osRelease, env: options.env });
  await uploaded;
  // Named by the instance id, not the launch index (1 here), which EC2 Fleet may repeat.
  expect(await objectText(`${key}/status/1.json`)).toBeUndefined();
  const statusText = (await objectText(`${key}/status/${INSTANCE_ID}.json`)) ?? '';
  return { agent, statusText, status: (statusText ? JSON.parse(statusText) : {}) as Deployed['status'] };
}

const stepsBundle = (m: Manifest, files: BundleFiles = {}): Promise<Buffer> =>
  buildTestBundle({
    ...files,
    '.spot-bundle/steps.sh': { content: renderStepsScript(m) },
    '.spot-bundle/env': { content: renderEnvFile(m.env) },
  });

const SETUP = [
  '#!/bin/bash',
  'set -eu',
  'echo "greeting=$APP_GREETING" > /opt/deployment/setup-ran',
  // Characters the status JSON must escape, on their way into log_tail.
  `printf 'quote " backslash \\\\ tab \\t esc \\033[0m unicode ☃\\n'`,
].join('\n');

describe.skipIf(!isRoot)(`bootstrap agent, run as root against local S3 ${NEEDS_ROOT}`, () => {
  it('deploys: files, secret, env, script, service, TTL, and reports ok', async () => {
    const m = manifest({
      packages: ['jq'],
      env: { APP_GREETING: "hello 'world'" },
      uploads: [
        { source: 'deployment', dest: '/opt/deployment', exclude: [], secret: false },
        { source: 'secrets/db', dest: '/opt/secrets/db-password', exclude: [], secret: true },
      ],
      scripts: [script({ path: 'deployment/setup.sh', timeoutSeconds: 60 })],
      services: [
        {
          name: 'app',
          file: 'deployment/app.service',
          enabled: true,
          start: true,
          after: [],
          health: { command: 'test -f /opt/deployment/setup-ran', timeoutSeconds: 10 },
        },
      ],
      hooks: {
        preInstall: [],
        postInstall: ['touch /opt/deployment/post-ran'],
        onFailure: ['touch /opt/deployment/on-failure-ran'],
      },
    });
    const { agent, status, statusText } = await deploy(
      await stepsBundle(m, {
        'files/opt/deployment/setup.sh': { content: SETUP, mode: 0o755 },
        'files/opt/deployment/app.service': { content: '[Service]\nExecStart=/bin/true\n' },
        'files/opt/secrets/db-password': { content: SECRET, mode: 0o644 },
      }),
      { ttlSeconds: 3601 },
    );

    expect(agent.code).toBe(0);
    expect(status).toMatchObject({
      status: 'ok',
      instance_id: INSTANCE_ID,
      launch_index: 1,
      failed_step: null,
      deployment: 'agent-test-1',
    });
    expect(status.steps.map((step) => step.name)).toEqual([
      'arm-ttl',
      'download-bundle',
      'verify-bundle',
      'check-bundle',
      'unpack-bundle',
      'packages',
      'upload:/opt/deployment',
      'secret:/opt/secrets/db-password',
      'env',
      'script:1:setup.sh',
      'service:app.service',
      'health:app.service',
      'post_install:1',
    ]);
    expect(status.steps.every((step) => step.status === 'ok' && Number.isInteger(step.seconds))).toBe(true);
    expect(readFileSync(agent.upper('opt', 'deployment/setup-ran'), 'utf8')).toBe("greeting=hello 'world'\n");
    expect(existsSync(agent.upper('opt', 'deployment/post-ran'))).toBe(true);
    expect(existsSync(agent.upper('opt', 'deployment/on-failure-ran'))).toBe(false);

    expect(mode(agent.upper('etc', 'spot-deployer/env'))).toBe('600');
    expect(mode(agent.upper('var', 'log/spot-deployer.log'))).toBe('600');
    const secret = agent.upper('opt', 'secrets/db-password');
    expect([mode(secret), readFileSync(secret, 'utf8')]).toEqual(['600', SECRET]);
    expect(agent.log()).not.toContain(SECRET);
    expect(statusText).not.toContain(SECRET);

    expect(agent.calls()).toEqual([
      'shutdown -h +61 spot-deployer TTL',
      'apt-get -o DPkg::Lock::Timeout=300 update -q',
      'apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends jq',
      'systemctl daemon-reload',
      'systemctl enable app.service',
      'systemctl start app.service',
    ]);
    expect(readFileSync(agent.upper('etc', 'systemd/system/app.service'), 'utf8')).toContain('ExecStart=/bin/true');
    expect(readFileSync(agent.upper('etc', 'systemd/system/app.service.d/spot-deployer-env.conf'), 'utf8')).toBe(
      '[Service]\nEnvironmentFile=-/etc/spot-deployer/env\n',
    );
    expect(status.log_tail).toContain('quote " backslash \\ tab \t esc [0m unicode ☃');
    expect(imds.unauthorised).toBe(0);
  });

  it('refuses a bundle whose sha256 does not match, before unpacking anything', async () => {
    const bundle = await stepsBundle(manifest({ hooks: { preInstall: [], postInstall: [], onFailure: ['touch /opt/hook-ran'] } }));
    const { agent, status } = await deploy(bundle, { sha256: '0'.repeat(64) });
    expect(agent.code).not.toBe(0);
    // The loader checked it and reported through the grant, unsigned (the agent, which signs, never ran).
    expect(status).toMatchObject({ status: 'failed', loader: true, failed_step: 'verify-bundle', instance_id: INSTANCE_ID });
    expect(status).not.toHaveProperty('signed');
    expect(status.log_tail).toContain(`sha256 mismatch: expected ${'0'.repeat(64)}, got ${sha256(bundle)}`);
    expect(existsSync(agent.upper('var', 'lib/spot-deployer/bundle'))).toBe(false);
    // steps.sh was never read, so its on_failure hook was never registered.
    expect(existsSync(agent.upper('opt', 'hook-ran'))).toBe(false);
  });

  it('refuses launch settings whose sha256 differs from the user-data, before reading them', async () => {
    const bundle = await stepsBundle(manifest({ scripts: [script({ command: 'touch /tmp/elsewhere-ran' })] }));
    const { agent, statusText } = await deploy(bundle, { tamperConf: true });
    expect(agent.code).not.toBe(0);
    // Nothing of the conf was trusted: no bundle fetched, no agent started, no report through its grant.
    expect(agent.log()).toMatch(/loader: launch settings refused: sha256 mismatch: expected [0-9a-f]{64}, got [0-9a-f]{64}/);
    expect(agent.stderr).toContain('launch settings refused: sha256 mismatch');
    expect(agent.log()).not.toContain('downloading');
    expect(existsSync(agent.upper('etc', 'spot-deployer/agent.conf'))).toBe(false);
    expect(existsSync(agent.upper('var', 'lib/spot-deployer/bundle.tar.gz'))).toBe(false);
    expect(statusText).toBe('');
  });

  it('refuses an archive with a ../ entry and writes nothing outside', async () => {
    const steps = renderStepsScript(manifest({ scripts: [script({ command: 'touch /opt/deployment/ran' })] }));
    const bundle = await buildTestBundle(
      { '.spot-bundle/steps.sh': { content: steps }, '../evil': { content: 'pwned' } },
      { preservePaths: true },
    );
    const { agent, status } = await deploy(bundle);
    expect(status).toMatchObject({ status: 'failed', failed_step: 'check-bundle' });
    expect(status.log_tail).toContain('unsafe path in archive: ../evil');
    expect(existsSync(agent.upper('var', 'lib/spot-deployer/bundle'))).toBe(false);
    expect(existsSync(agent.upper('var', 'lib/spot-deployer/evil'))).toBe(false);
    expect(existsSync(agent.upper('opt', 'deployment/ran'))).toBe(false);
  });

  it('names a failing script, runs the on_failure hooks and stops there', async () => {
    const m = manifest({
      scripts: [
        script({ command: 'echo first' }),
        script({ command: 'echo about to fail; exit 3' }),
        script({ command: 'touch /opt/deployment/third' }),
      ],
      hooks: {
        preInstall: [],
        postInstall: [],
        onFailure: ['echo "failed at $APP_NAME" > /opt/deployment/on-failure-ran'],
      },
      env: { APP_NAME: 'demo' },
    });
    const { agent, status } = await deploy(await stepsBundle(m));
    expect(agent.code).toBe(3);
    expect(status).toMatchObject({ status: 'failed', failed_step: 'script:2' });
    expect(status.steps.slice(-2)).toMatchObject([
      { name: 'script:1', status: 'ok' },
      { name: 'script:2', status: 'failed' },
    ]);
    expect(readFileSync(agent.upper('opt', 'deployment/on-failure-ran'), 'utf8')).toBe('failed at demo\n');
    expect(existsSync(agent.upper('opt', 'deployment/third'))).toBe(false);
    expect(status.log_tail).toContain('about to fail');
  });

  it('kills a script at its timeout and reports it', async () => {
    const m = manifest({ scripts: [script({ command: 'sleep 60', timeoutSeconds: 1 })] });
    const started = Date.now();
    const { status } = await deploy(await stepsBundle(m));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(status).toMatchObject({ status: 'failed', failed_step: 'script:1' });
    expect(status.steps.at(-1)!.seconds).toBeLessThan(5);
    expect(status.log_tail).toContain('timed out after 1s');
  });

  it('installs a tarball after checking its sha256, and uses dnf on Amazon Linux', async () => {
    const tool = await buildTestBundle({ 'bin/tool': { content: '#!/bin/sh\necho tool\n', mode: 0o755 } });
    const url = await servedFile('tools/tool.tar.gz', tool);
    const m = manifest({
      packages: ['jq', 'git=2.40.1'],
      tarballs: [{ url, sha256: `sha256:${sha256(tool)}`, extractTo: '/opt/tool' }],
    });
    const osRelease = 'NAME="Amazon Linux"\nID="amzn"\nID_LIKE="fedora"\nVERSION_ID="2023"\n';
    const { agent, status } = await deploy(await stepsBundle(m), { osRelease });
    expect(status).toMatchObject({ status: 'ok' });
    expect(mode(agent.upper('opt', 'tool/bin/tool'))).toBe('755');
    expect(agent.calls()).toEqual(['dnf install -y -q jq git-2.40.1']);
  });

  it('fails a tarball whose sha256 differs, and a bundle with a symlink that leaves it', async () => {
    const url = await servedFile('tools/other.tar.gz', await buildTestBundle({ x: { content: 'x' } }));
    const bad = manifest({ tarballs: [{ url, sha256: 'f'.repeat(64), extractTo: '/opt/tool' }] });
    const first = await deploy(await stepsBundle(bad));
    expect(first.status).toMatchObject({ status: 'failed', failed_step: 'tarball:1' });
    expect(existsSync(first.agent.upper('opt', 'tool/x'))).toBe(false);

    const linked = await stepsBundle(manifest(), {
      'files/opt/deployment/inside': { symlink: '../deployment/x' },
      'files/opt/deployment/passwd': { symlink: '../../../../etc/passwd' },
    });
    const second = await deploy(linked);
    expect(second.status).toMatchObject({ status: 'failed', failed_step: 'check-bundle' });
    expect(second.status.log_tail).toContain('symlink leaves the archive');
    expect(second.status.log_tail).not.toContain('files/opt/deployment/inside ->');
  });

  const dockerOnSystemPath = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'].some((dir) => existsSync(`${dir}/docker`));
  it.skipIf(dockerOnSystemPath)('runs a compose file as a systemd unit, installing Docker when it is missing', async () => {
    const m = manifest({
      uploads: [{ source: 'deployment', dest: '/opt/deployment', exclude: [], secret: false }],
      compose: 'deployment/compose.yaml',
    });
    const files = { 'files/opt/deployment/compose.yaml': { content: 'services: {}\n' } };
    // Ubuntu, and no docker on the agent's PATH (cloud-init's, without /usr/local/bin).
    const osRelease = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
    const { agent, status } = await deploy(await stepsBundle(m, files), { osRelease });
    expect(status).toMatchObject({ status: 'ok' });
    expect(agent.calls()).toEqual([
      'apt-get -o DPkg::Lock::Timeout=300 update -q',
      'apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends docker.io docker-compose-v2',
      'systemctl enable docker',
      'systemctl start docker',
      'systemctl daemon-reload',
      'systemctl enable spot-deployer-compose.service',
      'systemctl start spot-deployer-compose.service',
    ]);
    const unit = readFileSync(agent.upper('etc', 'systemd/system/spot-deployer-compose.service'), 'utf8');
    expect(unit).toContain('ExecStart=/usr/bin/env docker compose -f "/opt/deployment/compose.yaml" up -d');
    expect(unit).toContain('WorkingDirectory=/opt/deployment\n');
  });

  it('runs a script as its user, in its working dir, with the env and its own variables', async () => {
    const report = 'id -un > /var/tmp/sd-run; pwd >> /var/tmp/sd-run; echo "$APP_NAME|$LOCAL" >> /var/tmp/sd-run';
    const m = manifest({
      env: { APP_NAME: 'demo', LOCAL: 'overridden' },
      scripts: [script({ command: report, user: 'nobody', workingDir: '/var/tmp', env: { LOCAL: "a 'b' $(c)" } })],
    });
    const { agent, status } = await deploy(await stepsBundle(m));
    expect(status).toMatchObject({ status: 'ok' });
    expect(readFileSync(agent.upper('var', 'tmp/sd-run'), 'utf8')).toBe("nobody\n/var/tmp\ndemo|a 'b' $(c)\n");
  });

  it("applies the user's env to steps only: PATH and a name the agent uses do not break the agent", async () => {
    const m = manifest({
      env: { PATH: '/opt/venv/bin', SD_ENV_FILE: '/nonexistent', APP_NAME: 'demo' },
      scripts: [script({ command: 'echo "$PATH|$APP_NAME" > /opt/deployment/seen' }), script({ command: 'echo second' })],
      services: [{ name: 'app', unit: '[Service]\nExecStart=/bin/true', enabled: true, start: true, after: [] }],
    });
    const { agent, status } = await deploy(await stepsBundle(m));
    expect(status).toMatchObject({ status: 'ok' });
    expect(readFileSync(agent.upper('opt', 'deployment/seen'), 'utf8')).toBe('/opt/venv/bin|demo\n');
    expect(agent.calls()).toContain('systemctl start app.service');
    expect(agent.log()).not.toContain('command not found');
  });

  it("a service that does not start, or starts and never answers: the log tail holds the unit's journal, the reason", async () => {
    const reason = 'app.service: Failed to load environment files: No such file or directory';
    const unit = { name: 'app', unit: '[Service]\nExecStart=/bin/true', enabled: true, start: true, after: [] };
    const refused = await deploy(await stepsBundle(manifest({ services: [unit] })), {
      env: { FAKE_FAILS: 'systemctl start app.service', FAKE_JOURNAL: reason },
    });
    expect(refused.status).toMatchObject({ status: 'failed', failed_step: 'service:app.service' });
    expect(refused.status.log_tail).toContain('journal of app.service (last 20 lines):');
    expect(refused.status.log_tail).toContain(reason);
    expect(refused.agent.calls()).toContain('journalctl --unit app.service --lines 20 --no-pager --output cat');

    const silent = 'app.service: Main process exited, code=exited, status=1/FAILURE';
    const unhealthy = manifest({ services: [{ ...unit, health: { tcp: 1, timeoutSeconds: 1 } }] });
    const { status } = await deploy(await stepsBundle(unhealthy), { env: { FAKE_JOURNAL: silent } });
    expect(status).toMatchObject({ status: 'failed', failed_step: 'health:app.service' });
    expect(status.log_tail).toContain('health check (tcp) not healthy after 1s');
    expect(status.log_tail).toContain(silent);
  });

  it("polls config.yaml's health_check before reporting, and puts its result in the status object", async () => {
    const server = createServer((request, response) => void response.writeHead(request.url === '/healthz' ? 204 : 404).end());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const good = manifest({ readiness: { port, path: '/healthz', expect: 204, timeoutSeconds: 10 } });
      const ok = await deploy(await stepsBundle(good));
      expect(ok.status).toMatchObject({
        status: 'ok',
        health: { url: `http://127.0.0.1:${port}/healthz`, status: 'ok', http_status: 204, expected: 204 },
      });
      expect(ok.status.steps.at(-1)).toMatchObject({ name: 'health_check', status: 'ok' });

      const bad = manifest({ readiness: { port, path: '/missing', expect: 200, timeoutSeconds: 3 } });
      const failed = await deploy(await stepsBundle(bad));
      expect(failed.status).toMatchObject({
        status: 'failed',
        failed_step: 'health_check',
        health: { status: 'failed', http_status: 404, expected: 200 },
      });
    } finally {
      server.close();
    }
  });

  it('sends its own progress and failure lines, not the steps output, to the stderr cloud-init reads', async () => {
    const m = manifest({
      scripts: [script({ command: 'echo STEP-OUTPUT-ONLY-IN-THE-LOG; sleep 30 & exit 0' }), script({ command: 'exit 4' })],
    });
    const started = Date.now();
    const { agent, status } = await deploy(await stepsBundle(m));
    // A background process a step leaves behind must not hold cloud-init's pipe open.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(status).toMatchObject({ status: 'failed', failed_step: 'script:2' });
    expect(agent.stderr).toMatch(/\[spot-deployer\] step 'script:1': ok/);
    expect(agent.stderr).toContain("step 'script:2': failed (exit code 4)");
    expect(agent.stderr).toContain("deployment failed at step 'script:2'");
    expect(agent.stderr).not.toContain('STEP-OUTPUT-ONLY-IN-THE-LOG');
    expect(agent.log()).toContain('STEP-OUTPUT-ONLY-IN-THE-LOG');
  });
});

// Last, so the run numbers the tests above expect stay as they are.
describe.skipIf(!isRoot)(`bootstrap agent and an upload still in flight ${NEEDS_ROOT}`, () => {
  it('waits for a bundle that is still uploading when it starts, then reports ok', async () => {
    const { agent, status } = await deploy(await stepsBundle(manifest({})), { uploadAfterMs: 8_000 });
    expect(agent.code, agent.log()).toBe(0);
    expect(status).toMatchObject({ status: 'ok', failed_step: null });
    // The first downloads met a missing object (which curl does not retry) and were repeated by the loader, not given up on.
    expect(agent.log().match(/\[spot-deployer\] loader: downloading /g)?.length ?? 0).toBeGreaterThan(1);
  });
});
