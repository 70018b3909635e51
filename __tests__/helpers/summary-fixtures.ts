/**
 * Deploy results as a person meets them (a success, a partial deploy, a
 * failure with a hostile instance), for the summary's unit and screenshot
 * tests. Built by hand: the summary is a pure function of them.
 */
import type { DeployResult, InstanceReport } from '../../src/core/results.js';
import { SpotError } from '../../src/core/errors.js';
import type { SummaryContext } from '../../src/report/summary.js';

/** What an instance may write into its status: HTML, a mention, backtick runs, a workflow command, escapes. */
export const HOSTILE_STEP = 'script: `x` <img src=x onerror=alert(1)> @octocat ``` | #1';
export const HOSTILE_LOG = [
  '+ ./deployment/setup.sh',
  'npm ERR! code ELIFECYCLE',
  '<img src=x onerror="document.title=\'pwned\'">',
  'cc @octocat and @github/security, see #1',
  '````',
  '```',
  '</details><script>alert(1)</script>',
  '::error::forged annotation',
  '\u001b[31mred\u001b[0m and \u001b]8;;https://evil.example\u0007a link\u001b]8;;\u0007',
  '[click](https://evil.example) ![img](https://evil.example/x.png)',
  'exit status 1',
].join('\n');

const SHA = 'a3f9c2d417be8e5a0c6d9f1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e';

function instance(overrides: Partial<InstanceReport> & { id: string }): InstanceReport {
  return {
    region: 'us-east-1',
    az: 'us-east-1a',
    type: 't3.small',
    lifecycle: 'spot',
    price: 0.0078,
    public_ip: '203.0.113.10',
    private_ip: '172.31.20.5',
    state: 'running',
    bootstrap: 'ok',
    launched_at: '2025-06-01T12:30:05.000Z',
    ...overrides,
  };
}

function result(overrides: Partial<DeployResult>): DeployResult {
  return {
    deploymentId: 'hello-web-pr-12',
    status: 'success',
    dryRun: false,
    unchanged: false,
    instances: [],
    bundle: { key: `spot-deployer/hello-web-pr-12/${SHA}.tar.gz`, sha256: SHA, bytes: 48_213, files: 37, uploadedBytes: 48_213 },
    userDataBytes: 6_912,
    attempts: [
      {
        region: 'us-east-1',
        availabilityZone: 'us-east-1a',
        instanceType: 't3.micro',
        market: 'spot',
        launched: 0,
        errorCode: 'InsufficientInstanceCapacity',
        message: 'There is no Spot capacity available that matches your request.',
      },
      { region: 'us-east-1', availabilityZone: 'us-east-1a', instanceType: 't3.small', market: 'spot', launched: 2 },
    ],
    costPerHour: 0.0156,
    errors: [],
    retired: [],
    failures: [],
    ...overrides,
  };
}

export const success = (): DeployResult =>
  result({
    instances: [
      instance({ id: 'i-0a1b2c3d4e5f60718' }),
      instance({ id: 'i-0f9e8d7c6b5a40312', az: 'us-east-1b', public_ip: '203.0.113.24', private_ip: '172.31.40.9' }),
    ],
    retired: ['i-0123456789abcdef0'],
  });

export const partial = (): DeployResult =>
  result({
    status: 'partial',
    instances: [
      instance({ id: 'i-0a1b2c3d4e5f60718' }),
      instance({ id: 'i-0f9e8d7c6b5a40312', az: 'us-east-1b', public_ip: '203.0.113.24', bootstrap: 'pending' }),
    ],
    errors: [
      new SpotError('SD400', 'i-0f9e8d7c6b5a40312 did not report a bootstrap status within 10m', {
        hint: 'Raise ready_timeout (or timeout-minutes) for slow setups; otherwise check the console output and /var/log/cloud-init-output.log: the instance needs outbound HTTPS to S3.',
      }),
    ],
  });

/** A failed bootstrap whose instance wrote hostile text into its step name and log. */
export const failure = (): DeployResult =>
  result({
    status: 'failed',
    instances: [instance({ id: 'i-0c0ffee0c0ffee042', bootstrap: 'failed', failed_step: HOSTILE_STEP })],
    costPerHour: 0.0078,
    errors: [
      new SpotError('SD500', `the bootstrap of i-0c0ffee0c0ffee042 failed at step ${HOSTILE_STEP}`, {
        hint: 'The end of the agent log is in the summary (and in --json as failures); the full log is /var/log/spot-deployer.log on the instance.',
      }),
    ],
    failures: [{ id: 'i-0c0ffee0c0ffee042', failedStep: HOSTILE_STEP, logTail: HOSTILE_LOG }],
  });

export const context = (overrides: Partial<SummaryContext> = {}): SummaryContext => ({
  commit: '9c1d2e3f4a5b6c7d8e9f00112233445566778899',
  commitUrl: 'https://github.com/acme/hello-web/commit/9c1d2e3f4a5b6c7d8e9f00112233445566778899',
  runUrl: 'https://github.com/acme/hello-web/actions/runs/15511223344',
  time: new Date('2025-06-01T12:34:56Z'),
  ingress: [{ port: 8080, protocol: 'tcp' }],
  ttlSeconds: 86_400,
  ...overrides,
});
