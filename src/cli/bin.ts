#!/usr/bin/env node
/**
 * The `spot-deployer` command. The rest of the CLI is in chunks loaded with
 * V8's code cache from the run before (chunk-cache.ts), so a second
 * `validate` compiles almost nothing of what it runs.
 */
import { installChunkCache } from './chunk-cache.js';

/**
 * A reader that goes away (`| head`, a closed terminal) must not kill a deploy half-way, with its
 * instances left to the TTL: what is written after is dropped, and the deploy runs on to its own
 * end, or to the signal handler's cleanup. The CLI writes at the descriptors (stdio.ts); this is
 * for anything that still writes to the streams, attached when a stream is first made, since
 * making one costs a few milliseconds of a start that never needs it.
 */
function ignoreGoneReader(name: 'stdout' | 'stderr'): void {
  const ignore = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  };
  const made = Object.getOwnPropertyDescriptor(process, name)?.get;
  if (!made) return void process[name].on('error', ignore);
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: true,
    get() {
      const stream = made.call(process) as NodeJS.WriteStream;
      Object.defineProperty(process, name, { configurable: true, enumerable: true, value: stream, writable: false });
      return stream.on('error', ignore);
    },
  });
}

installChunkCache();
ignoreGoneReader('stdout');
ignoreGoneReader('stderr');
const { runCli } = await import('./cli.js');
process.exitCode = await runCli(process.argv.slice(2));
