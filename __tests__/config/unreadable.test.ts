import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { loadProject } from '../../src/plan/load-project.js';
import { cleanProjectsAfterEach, makeProject, SETUP } from './helpers.js';
import { localRun } from '../helpers/run-context.ts';

cleanProjectsAfterEach();

describe('a config file that cannot be read', () => {
  // /proc/self/mem is a regular file whose read fails (EIO) even for root: a stand-in for EACCES.
  it.skipIf(process.platform !== 'linux')('is a config error naming the file, not SD999', async () => {
    const dir = makeProject({ '.spot/': '', 'deployment/setup.sh': SETUP });
    symlinkSync('/proc/self/mem', path.join(dir, '.spot/config.yaml'));
    const caught = await loadProject({ dir, overrides: {}, run: localRun() }).catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).issues[0]).toMatchObject({
      code: 'SD105',
      file: '.spot/config.yaml',
      message: '.spot/config.yaml cannot be read: EIO',
    });
  });
});
