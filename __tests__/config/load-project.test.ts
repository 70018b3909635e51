import { mkdtempSync, mkdirSync, writeFileSync, rmSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/plan/load-project.js';
import { ConfigError } from '../../src/core/errors.js';
import { localRun } from '../helpers/run-context.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const helloWeb = path.resolve(here, '../../examples/hello-web');

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes a throwaway project; keys are project-relative paths. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'spot-config-'));
  temps.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
    if (file.endsWith('.sh')) chmodSync(path.join(root, file), 0o755);
  }
  return root;
}

async function configError(dir: string): Promise<ConfigError> {
  const error = await loadProject({ run: localRun(), dir, overrides: {} }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadProject on examples/hello-web', () => {
  it('builds the plan from .spot/config.yaml and the deployment/ convention', async () => {
    const { plan, warnings } = await loadProject({ run: localRun(), dir: helloWeb, overrides: {} });
    expect(warnings).toEqual([]);
    expect(plan.projectRoot).toBe(helloWeb);
    expect(plan.name).toBe('hello-web');
    expect(plan.deploymentId).toBe('hello-web');
    expect(plan.regions).toEqual([
      {
        name: 'us-east-1',
        count: 1,
        instanceTypes: ['t3.micro'],
        image: 'ubuntu-24.04',
        subnets: 'auto',
      },
    ]);
    expect(plan.bucket).toMatchObject({
      name: 'spot-deployer-demo',
      prefix: 'spot-deployer',
    });
    expect(plan.wait).toBe('ready');
    expect(plan.ttlSeconds).toBe(7200);
    expect(plan.readyTimeoutSeconds).toBe(900);
    expect(plan.market).toBe('spot');
    expect(plan.architecture).toBe('x86_64');
    expect(plan.rootVolume).toEqual({ sizeGb: 20, type: 'gp3' });
    expect(plan.network).toEqual({
      vpc: 'default',
      subnets: 'auto',
      publicIp: true,
      ingress: [],
    });
    expect(plan.ssh).toBeUndefined();
    expect(plan.sourceFiles).toEqual(['.spot/config.yaml', 'deployment/setup.sh']);
    expect(plan.manifest).toEqual({
      target: '/opt/deployment',
      packages: [],
      env: {},
      uploads: [
        {
          source: 'deployment',
          dest: '/opt/deployment',
          exclude: [],
          secret: false,
        },
      ],
      scripts: [
        {
          path: 'deployment/setup.sh',
          workingDir: '/opt/deployment',
          user: 'root',
          env: {},
          timeoutSeconds: 1800,
        },
      ],
      services: [],
      tarballs: [],
      hooks: { preInstall: [], postInstall: [], onFailure: [] },
      template: 'minimal',
    });
  });

  it('finds the project root from a subfolder', async () => {
    const { plan } = await loadProject({ run: localRun(), dir: path.join(helloWeb, 'deployment'), overrides: {} });
    expect(plan.projectRoot).toBe(helloWeb);
  });

  it('lets overrides win and names pull-request previews', async () => {
    const { plan } = await loadProject({
      run: localRun({ pullRequest: 42 }),
      dir: helloWeb,
      overrides: {
        regions: ['eu-west-1', 'us-west-2'],
        instances: 3,
        instanceTypes: ['t3.small'],
        bucket: 'other',
        ttl: 'never',
        wait: 'running',
        timeoutMinutes: 5,
        tags: { team: 'web' },
      },
    });
    expect(plan.deploymentId).toBe('hello-web-pr-42');
    expect(plan.regions.map((region) => [region.name, region.count, region.instanceTypes])).toEqual([
      ['eu-west-1', 2, ['t3.small']],
      ['us-west-2', 1, ['t3.small']],
    ]);
    expect(plan.bucket.name).toBe('other');
    expect(plan.ttlSeconds).toBe('never');
    expect(plan.wait).toBe('running');
    expect(plan.readyTimeoutSeconds).toBe(300);
    expect(plan.tags).toEqual({ team: 'web' });
  });
});

describe('loadProject errors', () => {
  it('reports a typo in .spot/config.yaml with file, line, key and a did-you-mean', async () => {
    const dir = project({
      '.spot/config.yaml': 'name: demo\nregions: [us-east-1]\nbucket: b\ninstance_type: [t3.small]\n',
      'deployment/setup.sh': '#!/bin/sh\necho hi\n',
    });
    const error = await configError(dir);
    expect(error.issues).toEqual([
      {
        code: 'SD104',
        file: '.spot/config.yaml',
        line: 4,
        column: 1,
        key: 'instance_type',
        message: 'unknown key "instance_type" (did you mean "instance_types"?)',
        hint: 'rename it to instance_types',
        severity: 'error',
      },
    ]);
  });

  it("names our key for another tool's name of it (count, ami), only where that key belongs", async () => {
    const dir = project({
      '.spot/config.yaml': 'regions: [us-east-1]\nbucket: b\ncount: 3\nami: ami-0123456789abcdef0\nroot_volume: {count: 1}\n',
      '.spot/deployment.yaml': 'version: 1\ncommands:\n  - echo hi\n',
      'deployment/setup.sh': '#!/bin/sh\necho hi\n',
    });
    const error = await configError(dir);
    expect(error.issues.find((issue) => issue.file === '.spot/deployment.yaml')).toMatchObject({
      key: 'commands',
      hint: 'rename it to scripts',
    });
    const byLine = [...error.issues.filter((issue) => issue.file === '.spot/config.yaml')].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    expect(byLine.map((issue) => [issue.line, issue.key, issue.hint])).toEqual([
      [3, 'count', 'rename it to instances'],
      [4, 'ami', 'rename it to image'],
      // Under root_volume there is no `instances` to mean: the known keys instead.
      [5, 'root_volume.count', 'known keys here: size_gb, type'],
    ]);
  });

  it('requires a bucket from the config or the overrides', async () => {
    const dir = project({
      '.spot/config.yaml': 'regions: [us-east-1]\n',
      'deployment/setup.sh': 'echo hi\n',
    });
    const error = await configError(dir);
    expect(error.issues.map((issue) => [issue.code, issue.file, issue.key, issue.message])).toEqual([
      ['SD106', '.spot/config.yaml', 'bucket', 'bucket is required: an S3 bucket for bundles and status objects'],
    ]);
    const { plan } = await loadProject({ run: localRun(), dir, overrides: { bucket: 'from-input' } });
    expect(plan.bucket.name).toBe('from-input');
    expect(plan.name).toBe(
      path
        .basename(dir)
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-'),
    );
  });
});
