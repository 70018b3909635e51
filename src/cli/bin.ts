#!/usr/bin/env node
/**
 * The `spot-deployer` command. Node's compile cache (22.1+) keeps the parsed
 * bundle between runs, so a second `validate` starts in a fraction of the
 * first's time; the rest of the CLI is loaded after it is on.
 */
import module from 'node:module';

module.enableCompileCache?.();
// A reader that goes away (`| head`, a closed terminal) must not kill a deploy half-way, with its
// instances left to the TTL: what is written after is dropped, and the deploy runs on to its own
// end, or to the signal handler's cleanup.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}
const { runCli } = await import('./cli.js');
process.exitCode = await runCli(process.argv.slice(2));
