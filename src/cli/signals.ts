/**
 * Ctrl-C and SIGTERM (a CI runner cancelling the job) in the terminal: the
 * CLI's counterpart of the action's post step. The run's instances — known
 * after each launch call through the Surface — are terminated unless
 * `--cleanup-on-failure false`; the temporary folders (the bundle's holds the
 * project's secrets) and the deployment lock go; the exit code is the
 * shell's 128 + signal number: 130 for SIGINT, 143 for SIGTERM. A second
 * signal while this runs exits at once.
 */
import { runAbortCleanups } from '../core/abort-cleanups.js';
import type { Surface } from '../core/surface.js';

export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
type HandledSignal = keyof typeof SIGNAL_EXIT;

export interface SignalGuardOptions {
  surface: Surface;
  cleanupOnFailure: boolean;
  env: NodeJS.ProcessEnv;
  stderr: (text: string) => void;
  exit?: (code: number) => void;
}

export interface SignalGuard {
  /** The surface to run the command with: it records what the run launched. */
  surface: Surface;
  /** Removes the handlers once the command is over. */
  release(): void;
}

export function guardSignals(options: SignalGuardOptions): SignalGuard {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const launched = new Map<string, { id: string; region: string }>();
  const surface: Surface = {
    ...options.surface,
    instancesLaunched: (early) => {
      for (const instance of early.instances) {
        if (early.launchedIds.includes(instance.id)) launched.set(instance.id, { id: instance.id, region: instance.region });
      }
      options.surface.instancesLaunched(early);
    },
  };
  let stopping = false;

  const stop = async (signal: HandledSignal): Promise<void> => {
    options.stderr(`\n${signal}: stopping\n`);
    const instances = [...launched.values()];
    if (instances.length > 0 && !options.cleanupOnFailure) {
      options.stderr(`left running (--cleanup-on-failure false): ${instances.map((instance) => instance.id).join(', ')}\n`);
    } else if (instances.length > 0) {
      // Loaded only when a signal came: offline commands never load the AWS SDK.
      const [{ ClientPool }, { terminateAll }] = await Promise.all([import('../aws/clients.js'), import('../deploy/instance-groups.js')]);
      const pool = new ClientPool(options.env);
      try {
        await terminateAll(pool, instances);
        options.stderr(`terminated what this run launched: ${instances.map((instance) => instance.id).join(', ')}\n`);
      } catch (error) {
        options.stderr(`could not terminate ${instances.map((instance) => instance.id).join(', ')}: ${String(error)}\n`);
      } finally {
        pool.destroy();
      }
    }
    for (const failure of await runAbortCleanups()) options.stderr(`cleanup: ${failure}\n`);
    exit(SIGNAL_EXIT[signal]);
  };

  const handler = (signal: HandledSignal): void => {
    if (stopping) return exit(SIGNAL_EXIT[signal]);
    stopping = true;
    void stop(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    surface,
    release() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
