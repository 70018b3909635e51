/**
 * Starts moto's server on 127.0.0.1 for the tests, and stops it by its own
 * process id. A fault-injecting proxy (see fault-proxy.ts) can sit in front
 * of it; tests talk to `endpoint`, which is the proxy when one is running.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_IDENTITY_CERT } from '../fixtures/identity/identity.ts';

export interface LocalAws {
  /** The URL the SDK should use (`AWS_ENDPOINT_URL`). */
  endpoint: string;
  /** moto's own URL, without any proxy in front. */
  motoUrl: string;
  pid: number;
  /** Environment for a child process (the action, the CLI) that talks to it. */
  env: Record<string, string>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const ARTIFACTS = join(process.cwd(), '.tmp', 'artifacts');
const MOTO_SERVER = resolve('__tests__/helpers/moto-server/serve.py');

function assertMotoInstalled(): void {
  const probe = spawnSync('python3', ['-c', 'import moto.server, flask'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(
      "The local AWS endpoint needs Python 3 with moto's server extras.\n" +
        'Install it with: pip install "moto[server]>=5.2"\n' +
        (probe.stderr ?? ''),
    );
  }
}

async function readPort(child: ChildProcess): Promise<number> {
  let seen = '';
  return await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      const match = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (match?.[1]) resolve(Number(match[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`moto exited early (code ${code}):\n${seen}`)));
    setTimeout(() => reject(new Error(`moto did not print its port within 30 s:\n${seen}`)), 30_000).unref();
  });
}

async function waitUntilAnswering(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const response = await fetch(`${url}/moto-api/`);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`moto at ${url} did not answer`);
}

/** Environment that points the AWS SDK (and our tool) at a local endpoint. */
export function localAwsEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    // The fake IMDS signs identity documents with this certificate's key (honoured only with AWS_ENDPOINT_URL).
    SPOT_DEPLOYER_TEST_IDENTITY_CERT: TEST_IDENTITY_CERT,
  };
}

export interface StartOptions {
  /** Extra environment for moto, e.g. MOTO_AMIS_PATH. */
  env?: Record<string, string>;
  /** Wrap moto in a proxy; receives moto's URL, returns the proxy's URL. */
  proxy?: (motoUrl: string) => Promise<{ url: string; close(): Promise<void> }>;
}

/** A moto server this process (or the global setup) started: its URL, and how to stop it by its pid. */
export interface MotoServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Spawns moto on 127.0.0.1 with a free port, its output kept under .tmp/artifacts. */
export async function spawnMoto(env: Record<string, string> = {}): Promise<MotoServer> {
  assertMotoInstalled();
  mkdirSync(ARTIFACTS, { recursive: true });
  // moto's server, with its fleets applying their launch template's public IP, IMDS and root volume (see serve.py).
  const child = spawn('python3', [MOTO_SERVER, '-H', '127.0.0.1', '-p', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(join(ARTIFACTS, `moto-${child.pid}.log`));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${await readPort(child)}`;
  await waitUntilAnswering(url);
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        process.kill(child.pid!, 'SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

/** Set by moto-pool-setup.ts for the workers it forks: the pooled servers' URLs, one per worker slot. */
export const MOTO_POOL_VARIABLE = 'SPOT_DEPLOYER_TEST_MOTO_POOL';

/** The environment every pooled moto runs with: the fixture AMIs (harmless to tests that never ask for images). */
export const POOLED_MOTO_ENV = { MOTO_AMIS_PATH: resolve('__tests__/fixtures/amis.json') };

/**
 * The moto server of this test worker, started once for the whole run by
 * moto-pool-setup.ts: files of one worker run one after another, so each
 * takes it over with a reset (moto's start and first EC2 call cost about
 * 1.3 s each, paid once per worker instead of once per file).
 */
function pooledMotoUrl(env: Record<string, string> | undefined): string | undefined {
  const sameEnv = Object.entries(env ?? {}).every(([name, value]) => POOLED_MOTO_ENV[name as keyof typeof POOLED_MOTO_ENV] === value);
  if (!sameEnv) return undefined;
  const pool = (process.env[MOTO_POOL_VARIABLE] ?? '').split(' ').filter(Boolean);
  const slot = Number(process.env.VITEST_POOL_ID ?? '0');
  return pool[slot - 1];
}

async function resetMoto(url: string): Promise<void> {
  const response = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`moto reset failed: ${response.status}`);
}

export async function startLocalAws(options: StartOptions = {}): Promise<LocalAws> {
  const pooled = pooledMotoUrl(options.env);
  if (pooled) await resetMoto(pooled);
  const moto = pooled ? { url: pooled, pid: 0, stop: async () => {} } : await spawnMoto(options.env);
  const proxy = options.proxy ? await options.proxy(moto.url) : undefined;
  const endpoint = proxy?.url ?? moto.url;
  return {
    endpoint,
    motoUrl: moto.url,
    pid: moto.pid,
    env: localAwsEnv(endpoint),
    reset: () => resetMoto(moto.url),
    async stop() {
      await proxy?.close();
      await moto.stop();
    },
  };
}
