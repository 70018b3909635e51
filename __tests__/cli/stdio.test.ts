/**
 * The CLI writes its output at the descriptors (src/cli/stdio.ts). What a
 * user sees must not change: every byte, in order, through partial writes; a
 * reader that went away ends the output and not the command; a descriptor
 * that refuses for now (EAGAIN) hands the rest to Node's stream, which
 * waits. The real-pipe cases run the built CLI.
 */
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { assert, describe, expect, it } from 'vitest';
import { descriptorWriter } from '../../src/cli/stdio.ts';
import { cleanProjectsAfterEach, makeProject } from '../config/helpers.ts';
import { NODE24 } from '../helpers/action-runner.ts';

cleanProjectsAfterEach();

function refusal(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

function collected(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const parts: Buffer[] = [];
  stream.on('data', (part: Buffer) => parts.push(part));
  return { stream, text: () => Buffer.concat(parts).toString() };
}

describe('descriptorWriter', () => {
  it('writes every byte in order when the descriptor takes a few at a time', () => {
    const written: Buffer[] = [];
    const write = descriptorWriter(1, () => assert.fail('no stream'), {
      platform: 'linux',
      write: (_fd, bytes) => (written.push(Buffer.from(bytes.subarray(0, 3))), Math.min(3, bytes.length)),
    });
    write('héllo, ');
    write('wörld\n');
    expect(Buffer.concat(written).toString()).toBe('héllo, wörld\n');
  });

  it('a reader that went away (EPIPE) gets nothing more, and nothing throws', () => {
    let calls = 0;
    const write = descriptorWriter(1, () => assert.fail('no stream'), {
      platform: 'linux',
      write: () => {
        calls += 1;
        throw refusal('EPIPE');
      },
    });
    write('one\n');
    write('two\n');
    expect(calls).toBe(1);
  });

  it('EAGAIN hands what is left, and everything after, to the stream', () => {
    const out = collected();
    let calls = 0;
    const write = descriptorWriter(1, () => out.stream, {
      platform: 'linux',
      write: () => {
        calls += 1;
        if (calls === 1) return 4;
        throw refusal('EAGAIN');
      },
    });
    write('abcdefgh');
    write('ij');
    expect(out.text()).toBe('efghij');
    expect(calls).toBe(2);
  });

  it('on Windows writes through the stream (its console wants text, not bytes)', () => {
    const out = collected();
    const write = descriptorWriter(2, () => out.stream, { platform: 'win32', write: () => assert.fail('no descriptor') });
    write('x');
    expect(out.text()).toBe('x');
  });
});

const cli = resolve('dist/cli/index.js');

function manyFileProject(): string {
  const files: Record<string, string> = {
    '.spot/config.yaml': 'version: 1\nname: many-files\nregions: [us-east-1]\nbucket: stdio-test\n',
    'deployment/setup.sh': '#!/bin/sh\necho ok\n',
  };
  for (let i = 0; i < 1500; i += 1) files[`deployment/data/file-${i}.txt`] = `${i}\n`;
  return makeProject(files);
}

describe('the built CLI on a real pipe', () => {
  it('a pipe whose reader is gone: the command still ends with its own code and no error', async () => {
    const child = spawn(NODE24, [cli, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (part: Buffer) => (stderr += part.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('a non-blocking pipe nobody reads yet: all of a large plan --json arrives once it is read', () => {
    const project = manyFileProject();
    const expected = spawnSync(NODE24, [cli, 'plan', '--json'], { cwd: project, encoding: 'utf8' });
    expect(expected.status, expected.stderr).toBe(0);
    expect(expected.stdout.length).toBeGreaterThan(150_000);
    // Python sets O_NONBLOCK on the pipe the CLI inherits and reads only after the pipe has filled (64 KiB).
    const reader = [
      'import os, subprocess, sys, time',
      'r, w = os.pipe(); os.set_blocking(w, False)',
      'child = subprocess.Popen(sys.argv[1:], stdout=w, cwd=os.environ["PROJECT"]); os.close(w)',
      'time.sleep(1.5)',
      'data = b""',
      'while True:',
      '    part = os.read(r, 65536)',
      '    if not part: break',
      '    data += part',
      'sys.stdout.buffer.write(data); sys.exit(child.wait())',
    ].join('\n');
    const got = spawnSync('python3', ['-c', reader, NODE24, cli, 'plan', '--json'], {
      env: { ...process.env, PROJECT: project },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(got.status, got.stderr).toBe(0);
    expect(got.stdout).toBe(expected.stdout);
  });
});
