/**
 * The action's post step (`post-if: always()`): when the main step did not
 * finish successfully and `cleanup-on-failure` is on, terminate exactly the
 * instances this run launched. Instances of earlier runs are never touched.
 */
import * as core from '@actions/core';
import { ClientPool } from '../aws/clients.js';
import { terminateAll } from '../deploy/instance-groups.js';
import { formatError } from '../report/format-error.js';
import { readState } from './state.js';

/** The post step; exported so GitHub's local runner (@github/local-action) can call it. */
export async function run(): Promise<void> {
  const state = readState();
  if (state.command !== 'deploy' && state.command !== 'create') return;
  if (state.finished === 'success') {
    core.info('spot-deployer: deploy succeeded; nothing to clean up');
    return;
  }
  if (state.launchedIds.length === 0) {
    core.info('spot-deployer: this run launched no instances; nothing to clean up');
    return;
  }
  if (!state.cleanupOnFailure) {
    core.warning(
      `spot-deployer: the deploy did not succeed and cleanup-on-failure is off; left running: ${state.launchedIds.map((instance) => instance.id).join(', ')}`,
    );
    return;
  }
  const pool = new ClientPool();
  try {
    const ids = state.launchedIds.map(({ id, region }) => `${id} (${region})`).join(', ');
    core.info(`spot-deployer: the deploy did not succeed (${state.finished || 'cancelled'}); terminating ${ids}`);
    await terminateAll(pool, state.launchedIds);
  } catch (error) {
    core.setFailed(formatError(error, core.isDebug()));
  } finally {
    pool.destroy();
  }
}
