/**
 * IMDS answers a container on the instance only with a hop limit of 2. The
 * user-data (URLs) and the identity document live there, so only projects
 * that run containers (template docker, or compose) get 2; everything else 1.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchSpecOf } from '../../src/deploy/deploy-region.js';
import { loadProject } from '../../src/plan/load-project.js';
import { localRun } from '../helpers/run-context.ts';

async function hopLimitOf(change: (dir: string) => void): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'hops-'));
  cpSync(resolve('examples/hello-web'), dir, { recursive: true });
  change(dir);
  const { plan } = await loadProject({ dir, overrides: {}, run: localRun() });
  return launchSpecOf(plan).metadataHopLimit;
}

describe('IMDS hop limit', () => {
  it('is 1 for a project without containers', async () => {
    expect(await hopLimitOf(() => {})).toBe(1);
  });

  it('is 2 with the docker template', async () => {
    const docker = (dir: string): void => writeFileSync(join(dir, '.spot/deployment.yaml'), 'version: 1\ntemplate: docker\n');
    expect(await hopLimitOf(docker)).toBe(2);
  });
});
