import type { InstanceReport } from './results.js';
/**
 * What a command may do to the world besides AWS: print, mask, group, and
 * publish early results. The action implements it with @actions/core, the
 * CLI with the terminal; commands never import either.
 */

export interface EarlyOutputs {
  deploymentId: string;
  instances: InstanceReport[];
  bundleKey: string;
  bundleSha256: string;
  userDataBytes: number;
  /** Instance ids launched by this run, for the post step's cleanup. */
  launchedIds: string[];
  regions: string[];
}

export interface Surface {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  /** Hides a value from everything printed after this call. */
  mask(secret: string): void;
  group<T>(title: string, work: () => Promise<T>): Promise<T>;
  /** Called as soon as instance ids exist, before any waiting. */
  instancesLaunched(outputs: EarlyOutputs): void;
}

/**
 * How a `wait: running` deploy with secrets words its wait: each instance's
 * hello must be answered with its sealed secret part, which only the deploy
 * can hand over. The terminal adapts its local-endpoint note to it.
 */
export const WAITING_FOR_SECRETS = 'waiting for the instances to ask for their secrets';

/** Injectable so tests never wait for real. */
export type Sleep = (milliseconds: number) => Promise<void>;
export const realSleep: Sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));
