/**
 * The Surface the commands print through, on the runner: log lines, masks,
 * groups, and the early outputs plus post-step state as soon as instance ids
 * exist.
 */
import * as core from '@actions/core';
import type { Surface } from '../core/surface.js';
import { setEarlyOutputs } from './outputs.js';
import { saveLaunched } from './state.js';

export const actionSurface: Surface = {
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  mask: (secret) => core.setSecret(secret),
  group: (title, work) => core.group(title, work),
  instancesLaunched: (early) => {
    setEarlyOutputs(early);
    const launched = early.instances.filter((instance) => early.launchedIds.includes(instance.id));
    saveLaunched(
      early.deploymentId,
      early.regions,
      launched.map(({ id, region }) => ({ id, region })),
    );
  },
};
