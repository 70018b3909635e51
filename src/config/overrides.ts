/** How long a deploy waits: not at all, until instances run, or until every bootstrap reports. */
export type WaitMode = 'none' | 'running' | 'ready';

/**
 * Values that come from the action's inputs or the CLI's flags and win over
 * `.spot/config.yaml`. Undefined means "not given".
 */
export interface PlanOverrides {
  /** Path of the config file relative to the project root (default `.spot/config.yaml`). */
  config?: string;
  deploymentName?: string;
  regions?: string[];
  instances?: number;
  instanceTypes?: string[];
  bucket?: string;
  wait?: WaitMode;
  timeoutMinutes?: number;
  ttl?: string;
  tags?: Record<string, string>;
}
