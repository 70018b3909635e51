import { describe, expect, it } from 'vitest';
import { progressSurface } from '../../src/cli/progress.js';

async function session(tty: boolean): Promise<string> {
  let out = '';
  let clock = 0;
  const surface = progressSurface({ write: (text) => void (out += text), tty, debug: false, now: () => clock });
  await surface.group('Wait for bootstrap', async () => {
    surface.info('waiting for bootstrap: 0/2 reported, 2 pending');
    surface.info('waiting for bootstrap: 1/2 reported, 1 pending');
    clock += 2500;
  });
  surface.warn('something to know');
  return out;
}

describe('CLI progress', () => {
  it('on a terminal, rewrites one status line and closes each phase with its time', async () => {
    expect(await session(true)).toBe(
      '▶ Wait for bootstrap\n' +
        '\r\u001b[2K  waiting for bootstrap: 0/2 reported, 2 pending' +
        '\r\u001b[2K  waiting for bootstrap: 1/2 reported, 1 pending\n' +
        '✓ Wait for bootstrap (2.5 s)\n' +
        'warning: something to know\n',
    );
  });

  it('elsewhere, prints plain lines only', async () => {
    const out = await session(false);
    expect(out).toBe(
      '▶ Wait for bootstrap\nwaiting for bootstrap: 0/2 reported, 2 pending\nwaiting for bootstrap: 1/2 reported, 1 pending\nwarning: something to know\n',
    );
    expect(out).not.toContain('\r');
  });
});
