/**
 * Child processes for the boot test's plumbing (ip, mount, debootstrap,
 * nsenter): always as an argument vector, never through a shell, with their
 * output kept for the error message or the artifacts.
 */
import { spawn } from 'node:child_process';

export interface Captured {
  code: number;
  output: string;
}

/** Runs a command and resolves with its exit code and merged output; `timeoutMs` kills it. */
export async function capture(
  command: string,
  args: string[],
  options: { log?: (text: string) => void; timeoutMs?: number } = {},
): Promise<Captured> {
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    options.log?.(chunk.toString());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number>((done, fail) => {
    child.on('error', fail);
    child.on('close', (exit) => done(exit ?? -1));
  });
  return { code, output };
}

/** Like capture, but rejects with the tail of the output unless the command exits 0. */
export async function run(command: string, args: string[], log?: (text: string) => void): Promise<string> {
  const { code, output } = await capture(command, args, log ? { log } : {});
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.slice(-3000)}`);
  return output;
}
