/**
 * The only user of core.saveState / getState: what the post step needs to
 * clean up after a failed or cancelled run.
 */
import * as core from '@actions/core';

export const STATE = {
  command: 'command',
  dir: 'dir',
  deploymentId: 'deployment-id',
  regions: 'regions',
  launchedIds: 'launched-ids',
  finished: 'finished',
  cleanupOnFailure: 'cleanup-on-failure',
  isPost: 'is-post',
} as const;

export interface SavedState {
  command: string;
  deploymentId: string;
  regions: string[];
  launchedIds: Array<{ id: string; region: string }>;
  finished: 'success' | 'partial' | 'failed' | '';
  cleanupOnFailure: boolean;
}

export function saveStart(command: string, cleanupOnFailure: boolean): void {
  core.saveState(STATE.command, command);
  core.saveState(STATE.cleanupOnFailure, String(cleanupOnFailure));
  core.saveState(STATE.finished, '');
}

export function saveLaunched(deploymentId: string, regions: string[], launched: Array<{ id: string; region: string }>): void {
  core.saveState(STATE.deploymentId, deploymentId);
  core.saveState(STATE.regions, JSON.stringify(regions));
  core.saveState(STATE.launchedIds, JSON.stringify(launched));
}

export function saveFinished(status: 'success' | 'partial' | 'failed'): void {
  core.saveState(STATE.finished, status);
}

const json = <T>(value: string, fallback: T): T => {
  try {
    return value ? (JSON.parse(value) as T) : fallback;
  } catch {
    return fallback;
  }
};

export function readState(): SavedState {
  return {
    command: core.getState(STATE.command),
    deploymentId: core.getState(STATE.deploymentId),
    regions: json<string[]>(core.getState(STATE.regions), []),
    launchedIds: json<Array<{ id: string; region: string }>>(core.getState(STATE.launchedIds), []),
    finished: core.getState(STATE.finished) as SavedState['finished'],
    cleanupOnFailure: core.getState(STATE.cleanupOnFailure) !== 'false',
  };
}
