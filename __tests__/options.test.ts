import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/core/errors.js';
import { parseOptions, parseTags, TIMEOUT_DEPRECATION } from '../src/commands/options.js';

describe('parseOptions (shared by the action inputs and the CLI flags)', () => {
  it('uses the defaults when nothing is given', () => {
    expect(parseOptions({})).toEqual({
      command: 'deploy',
      dir: '.',
      overrides: {
        config: undefined,
        deploymentName: undefined,
        regions: undefined,
        instances: undefined,
        instanceTypes: undefined,
        bucket: undefined,
        wait: undefined,
        timeoutMinutes: undefined,
        ttl: undefined,
        tags: undefined,
      },
      dryRun: false,
      prComment: true,
      environment: undefined,
      cleanupOnFailure: true,
      deprecations: [],
      allowForkPullRequestTarget: false,
    });
  });

  it('reads ready-timeout-minutes, and the deprecated timeout-minutes with a deprecation', () => {
    expect(parseOptions({ 'ready-timeout-minutes': '7' })).toMatchObject({ overrides: { timeoutMinutes: 7 }, deprecations: [] });
    const old = parseOptions({ 'timeout-minutes': '9' });
    expect(old.overrides.timeoutMinutes).toBe(9);
    expect(old.deprecations).toEqual([TIMEOUT_DEPRECATION]);
    expect(() => parseOptions({ 'ready-timeout-minutes': '7', 'timeout-minutes': '9' })).toThrow(UsageError);
  });

  it('reads lists, numbers, booleans, tags and aliases', () => {
    const options = parseOptions({
      command: 'create',
      regions: 'us-east-1, eu-west-1\nus-west-2',
      instances: '3',
      'instance-types': 't3.small,t3a.small',
      'dry-run': 'true',
      tags: 'team=web\nenv = preview',
      wait: 'running',
    });
    expect(options.command).toBe('deploy');
    expect(options.dryRun).toBe(true);
    expect(options.overrides).toMatchObject({
      regions: ['us-east-1', 'eu-west-1', 'us-west-2'],
      instances: 3,
      instanceTypes: ['t3.small', 't3a.small'],
      tags: { team: 'web', env: 'preview' },
      wait: 'running',
    });
    expect(parseOptions({ command: 'list' }).command).toBe('status');
    expect(parseTags('{"a": 1}')).toEqual({ a: '1' });
  });

  it.each([
    [{ instances: 'two' }, 'input instances must be a whole number of at least 1, got "two"'],
    [{ instances: '0' }, 'input instances must be a whole number of at least 1, got "0"'],
    [{ 'dry-run': 'maybe' }, 'input dry-run must be true or false, got "maybe"'],
    [{ command: 'launch' }, 'unknown command "launch"'],
    [{ wait: 'forever' }, 'input wait must be none, running or ready, got "forever"'],
    [{ tags: 'team' }, 'input tags: "team" is not key=value'],
  ])('rejects %j with a usage error and a hint', (raw, message) => {
    try {
      parseOptions(raw);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toBe(message);
      expect((error as UsageError).hint).toBeTruthy();
    }
  });
});
