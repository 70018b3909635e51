#!/usr/bin/env node
/**
 * The `spot-deployer` command. Node's compile cache (22.1+) keeps the parsed
 * bundle between runs, so a second `validate` starts in a fraction of the
 * first's time; the rest of the CLI is loaded after it is on.
 */
import module from 'node:module';

module.enableCompileCache?.();
const { runCli } = await import('./cli.js');
process.exitCode = await runCli(process.argv.slice(2));
