import type { Surface } from '../../src/core/surface.js';

/** A Surface for in-process command tests that only look at the returned result. */
export const silentSurface: Surface = {
  info: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
  mask: () => undefined,
  group: (_title, work) => work(),
  instancesLaunched: () => undefined,
};
