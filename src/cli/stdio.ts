/**
 * The CLI's two output streams, written at their file descriptors.
 *
 * `process.stdout` over a pipe is a net.Socket, and creating one loads the
 * stream and socket machinery: about 5 ms of every command's start, a
 * tenth of a cold `validate` (docs/performance.md). On Linux and macOS a
 * write to a terminal or a pipe this way is a plain blocking write(2), which
 * is what Node does for stdio on Linux anyway, so the bytes and their order
 * are the same. A reader that went away (EPIPE) gets nothing more, as with
 * the streams (bin.ts); any other refusal (a non-blocking pipe's EAGAIN)
 * hands the rest to the stream, which waits for the descriptor as Node does.
 * Windows keeps the streams: its console wants WriteConsoleW, not bytes.
 */
import { fstatSync, writeSync } from 'node:fs';
import { lazyBuiltin } from '../core/lazy-builtin.js';

const tty = lazyBuiltin<typeof import('node:tty')>('node:tty');

export type Writer = (text: string) => void;

interface WriterOptions {
  platform?: NodeJS.Platform;
  /** fs.writeSync; a test gives one that refuses the way a descriptor can. */
  write?: (fd: number, bytes: Uint8Array) => number;
}

export function descriptorWriter(fd: 1 | 2, stream: () => NodeJS.WritableStream, options: WriterOptions = {}): Writer {
  const { platform = process.platform, write = writeSync } = options;
  if (platform === 'win32') return (text) => void stream().write(text);
  let handedOver = false;
  let closed = false;
  return (text) => {
    if (closed) return;
    if (handedOver) return void stream().write(text);
    let rest = Buffer.from(text);
    while (rest.length > 0) {
      try {
        rest = rest.subarray(write(fd, rest));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EPIPE') closed = true;
        else {
          handedOver = true;
          stream().write(rest);
        }
        return;
      }
    }
  };
}

export const stdout = descriptorWriter(1, () => process.stdout);
export const stderr = descriptorWriter(2, () => process.stderr);
/** stderr is a terminal, asked without creating the stream; node:tty (and node:net with it) only for a character device. */
export function stderrIsTerminal(): boolean {
  try {
    return fstatSync(2).isCharacterDevice() && tty().isatty(2);
  } catch {
    return false;
  }
}
