/** Small builders for bundle tests: a throw-away project tree and a Plan around it. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BundleSource, Plan } from '../../src/plan/types.js';
import { localRun } from '../helpers/run-context.ts';

export function tempDir(prefix = 'spot-bundle-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `files` (path → contents) under a new temp folder and returns it. */
export function makeProject(files: Record<string, string | Buffer>): string {
  const root = tempDir('spot-project-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export const upload = (source: string, dest: string, extra: Partial<BundleSource> = {}): BundleSource => ({
  source,
  dest,
  exclude: [],
  secret: false,
  ...extra,
});

export function planFor(projectRoot: string, uploads: BundleSource[]): Plan {
  return {
    projectRoot,
    sourceFiles: [],
    name: 'demo',
    deploymentId: 'demo',
    run: localRun(),
    resourceTags: {},
    userData: { template: { name: 'minimal', document: {} }, agentScript: '', loaderScript: '' },
    // As the plan does: the project's .spotignore, read once.
    bundleIgnore: existsSync(join(projectRoot, '.spotignore'))
      ? { file: '.spotignore', rules: readFileSync(join(projectRoot, '.spotignore'), 'utf8') }
      : { rules: '' },
    regions: [{ name: 'us-east-1', count: 1, instanceTypes: ['t3.micro'], image: 'al2023', subnets: 'auto' }],
    architecture: 'x86_64',
    market: 'spot',
    allocation: 'price-capacity-optimized',
    rootVolume: { sizeGb: 8, type: 'gp3' },
    network: { vpc: 'default', subnets: 'auto', publicIp: true, ingress: [] },
    ttlSeconds: 3600,
    tags: {},
    bucket: { name: 'demo-bucket', create: true, prefix: 'spot-deployer' },
    wait: 'ready',
    readyTimeoutSeconds: 600,
    manifest: {
      target: '/opt/deployment',
      packages: [],
      env: {},
      uploads,
      scripts: [],
      services: [],
      tarballs: [],
      hooks: { preInstall: [], postInstall: [], onFailure: [] },
      template: 'minimal',
    },
    notices: [],
  };
}

export const EXTRAS = [
  { path: '.spot-bundle/steps.sh', content: '#!/bin/bash\necho hi\n', mode: '0755' },
  { path: '.spot-bundle/env', content: 'A=1\n', mode: '0600', secret: true },
];
