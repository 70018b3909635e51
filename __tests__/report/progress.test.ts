import { describe, expect, it } from 'vitest';
import { localEndpointNote, progressSurface } from '../../src/cli/progress.js';
import { WAITING_FOR_SECRETS } from '../../src/core/surface.js';
import { colorsWanted, paint } from '../../src/cli/colors.js';

async function session(tty: boolean): Promise<string> {
  let out = '';
  let clock = 0;
  const surface = progressSurface({ write: (text) => void (out += text), tty, debug: false, now: () => clock });
  await surface.group('Wait for bootstrap', async () => {
    surface.info('waiting for bootstrap: 0/2 reported, 2 pending, 15m00s left');
    clock += 70_000;
    surface.info('waiting for bootstrap: 1/2 reported, 1 pending, 13m50s left');
    clock += 2500;
  });
  surface.warn('something to know');
  return out;
}

describe('CLI progress', () => {
  it('on a terminal, rewrites one status line and closes each phase with its time', async () => {
    expect(await session(true)).toBe(
      '▶ Wait for bootstrap\n' +
        '\r\u001b[2K  waiting for bootstrap: 0/2 reported, 2 pending, 15m00s left (0s elapsed)' +
        '\r\u001b[2K  waiting for bootstrap: 1/2 reported, 1 pending, 13m50s left (1m10s elapsed)\n' +
        '✓ Wait for bootstrap (72.5 s)\n' +
        'warning: something to know\n',
    );
  });

  it('elsewhere, prints plain lines only', async () => {
    const out = await session(false);
    expect(out).toBe(
      '▶ Wait for bootstrap\nwaiting for bootstrap: 0/2 reported, 2 pending, 15m00s left (0s elapsed)\nwaiting for bootstrap: 1/2 reported, 1 pending, 13m50s left (1m10s elapsed)\nwarning: something to know\n',
    );
    expect(out).not.toContain('\r');
  });

  it('against a local endpoint, says once that its instances never boot and how to stop at running', async () => {
    let out = '';
    const surface = progressSurface({
      write: (text) => void (out += text),
      tty: false,
      debug: false,
      localEndpoint: 'http://127.0.0.1:5000',
    });
    surface.info('waiting for bootstrap: 0/1 reported, 1 pending, 2m00s left');
    surface.info('waiting for bootstrap: 0/1 reported, 1 pending, 1m50s left');
    expect(out.split('\n')[0]).toBe(localEndpointNote('http://127.0.0.1:5000', false));
    expect(out.match(/never boot/g)).toHaveLength(1);
    expect(out).toContain('--wait running');
  });

  it('with secrets, says that --wait running still waits for the instances to ask for them', () => {
    let out = '';
    const surface = progressSurface({
      write: (text) => void (out += text),
      tty: false,
      debug: false,
      localEndpoint: 'http://127.0.0.1:5000',
    });
    surface.info(`${WAITING_FOR_SECRETS}: 0/1 asked, 1 pending, 2m00s left`);
    expect(out.split('\n')[0]).toBe(localEndpointNote('http://127.0.0.1:5000', true));
    expect(out).toContain('none will ask for its secrets');
    expect(out).not.toContain('--wait running');
  });

  it('colours only when asked: NO_COLOR wins, FORCE_COLOR forces, else a terminal decides', () => {
    expect(colorsWanted({}, true)).toBe(true);
    expect(colorsWanted({}, false)).toBe(false);
    expect(colorsWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorsWanted({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colorsWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorsWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorsWanted({ TERM: 'dumb' }, true)).toBe(false);
    let out = '';
    progressSurface({ write: (text) => void (out += text), tty: false, debug: false, colors: paint(true) }).warn('careful');
    expect(out).toBe('\u001b[33mwarning: careful\u001b[39m\n');
  });
});
