/**
 * A failed bootstrap's error names the step the instance reported. The name
 * is the instance's to choose (the project's scripts run there), and the
 * message goes into annotations and the log: it arrives as one plain line.
 */
import { describe, expect, it } from 'vitest';
import { bootstrapErrors } from '../../src/deploy/bootstrap-errors.js';
import type { Plan } from '../../src/plan/types.js';

const plan = { wait: 'ready', readyTimeoutSeconds: 600 } as Plan;

describe('bootstrapErrors', () => {
  it('names the failed step as the instance reported it', () => {
    const [error] = bootstrapErrors(plan, [{ id: 'i-1', failedStep: 'script:1:setup.sh', logTail: '' }], []);
    expect(error).toMatchObject({ code: 'SD500', message: 'the bootstrap of i-1 failed at step script:1:setup.sh' });
  });

  it('takes the escapes, newlines and workflow commands out of a step name an instance made up', () => {
    const failedStep = 'x\n::add-mask::AKIAEXAMPLE\x1b[2J\r\n::stop-commands::t' + 'y'.repeat(500);
    const [error] = bootstrapErrors(plan, [{ id: 'i-1', failedStep, logTail: '' }], []);
    for (const control of ['\x1b', '\r', '\n']) expect(error!.message).not.toContain(control);
    expect(error!.message.startsWith('the bootstrap of i-1 failed at step x ')).toBe(true);
    expect(error!.message.length).toBeLessThan(300);
  });
});
