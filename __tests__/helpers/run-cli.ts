/** Runs the built CLI (`dist/cli/index.js`) on Node 24, as `npx spot-deployer` would. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { NODE24 } from './action-runner.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const child = spawn(NODE24, [resolve('dist/cli/index.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((done) => child.on('close', (exitCode) => done(exitCode ?? -1)));
  return { code, stdout, stderr };
}
