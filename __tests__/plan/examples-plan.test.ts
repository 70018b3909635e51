/**
 * Every project under examples/ validates clean, and `plan --json` on each
 * matches its checked-in expectation (regenerate with UPDATE_EXPECTATIONS=1
 * after an intended change, and review the diff).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/cli.js';

const EXAMPLES = readdirSync('examples', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

// A closed port: plan must degrade to offline, quickly and with a notice.
const OFFLINE_ENV = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'us-east-1' };

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), env: OFFLINE_ENV });
  return { code, stdout, stderr };
}

// The SDK reads credentials and endpoints from process.env itself.
beforeAll(() => {
  for (const [name, value] of Object.entries(OFFLINE_ENV)) vi.stubEnv(name, value);
});
afterAll(() => void vi.unstubAllEnvs());

describe.each(EXAMPLES)('examples/%s', (name) => {
  const dir = resolve('examples', name);

  it('validates clean', async () => {
    const result = await cli(['validate', '--dir', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('plan --json matches the checked-in expectation', async () => {
    // The repository is pinned: taken from the checkout's git remote, it would change the bucket keys and so the bytes.
    const result = await cli(['plan', '--dir', dir, '--json', '--repository', 'acme/examples']);
    expect(result.code, result.stderr).toBe(0);
    const plan = JSON.parse(result.stdout) as { notices: string[] };
    expect(plan.notices[0]).toMatch(/^offline: prices could not be read/);
    const expectation = join('__tests__/fixtures/plan-expectations', `${name}.json`);
    if (process.env.UPDATE_EXPECTATIONS === '1' || !existsSync(expectation))
      writeFileSync(expectation, `${JSON.stringify(plan, null, 2)}\n`);
    expect(plan).toEqual(JSON.parse(readFileSync(expectation, 'utf8')));
  });
});
