import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/plan/load-project.js';
import { BASIC_CONFIG, cleanProjectsAfterEach, makeProject, SETUP } from './helpers.js';
import { localRun } from '../helpers/run-context.ts';

cleanProjectsAfterEach();

const DEPLOYMENT_KEYS = `packages: [nginx, "redis=7.0"]
env: {PORT: 8080, DEBUG: false}
uploads:
  - {source: app, destination: /opt/app, permissions: "0755", owner: "www-data:www-data"}
secrets:
  - {source: keys, dest: /opt/keys}
scripts:
  - apt-get update
  - {path: app/run.sh, timeout: 5m, user: www-data, working_dir: /opt/app}
services:
  - {file: app/web.service, after: [redis]}
hooks: {pre_install: echo pre, on_failure: [echo one, echo two]}
tarball: {url: "https://example.com/t.tgz", checksum: "sha256:${'A'.repeat(64)}"}
`;

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');

const files = {
  '.spot/config.yaml': BASIC_CONFIG,
  'app/run.sh': SETUP,
  'app/web.service': '[Unit]\nDescription=web\n[Service]\nExecStart=/opt/app/run.sh\n',
  'keys/id': 'secret\n',
};

describe('deployment.yaml layouts', () => {
  it('reads keys at the top level and under deployment: alike', async () => {
    const top = await loadProject({
      run: localRun(),
      dir: makeProject({ ...files, '.spot/deployment.yaml': DEPLOYMENT_KEYS }),
      overrides: {},
    });
    const nested = await loadProject({
      run: localRun(),
      dir: makeProject({
        ...files,
        '.spot/deployment.yaml': `version: 1\ndeployment:\n${indent(DEPLOYMENT_KEYS)}`,
      }),
      overrides: {},
    });
    expect(nested.plan.manifest).toEqual(top.plan.manifest);
    expect(top.plan.manifest).toEqual({
      target: '/opt/deployment',
      packages: ['nginx', 'redis=7.0'],
      env: { PORT: '8080', DEBUG: 'false' },
      uploads: [
        {
          source: 'app',
          dest: '/opt/app',
          mode: '0755',
          owner: 'www-data:www-data',
          exclude: [],
          secret: false,
        },
        {
          source: 'keys',
          dest: '/opt/keys',
          mode: '0700',
          owner: 'root',
          exclude: [],
          secret: true,
        },
      ],
      scripts: [
        {
          command: 'apt-get update',
          workingDir: '/opt/deployment',
          user: 'root',
          env: {},
          timeoutSeconds: 1800,
        },
        {
          path: 'app/run.sh',
          workingDir: '/opt/app',
          user: 'www-data',
          env: {},
          timeoutSeconds: 300,
        },
      ],
      services: [
        {
          name: 'web.service',
          file: 'app/web.service',
          enabled: true,
          start: true,
          after: ['redis.service'],
        },
      ],
      tarballs: [
        {
          url: 'https://example.com/t.tgz',
          sha256: 'a'.repeat(64),
          extractTo: '/opt/deployment',
        },
      ],
      hooks: {
        preInstall: ['echo pre'],
        postInstall: [],
        onFailure: ['echo one', 'echo two'],
      },
      template: 'minimal',
    });
    expect(top.plan.sourceFiles).toEqual(['.spot/config.yaml', '.spot/deployment.yaml', 'app/run.sh', 'app/web.service']);
  });

  it('bundles a script that no upload covers under the target', async () => {
    const dir = makeProject({
      '.spot/config.yaml': BASIC_CONFIG,
      'tools/go.sh': SETUP,
      '.spot/deployment.yaml': 'scripts:\n  - path: ./tools/go.sh\n',
    });
    const { plan } = await loadProject({ run: localRun(), dir, overrides: {} });
    expect(plan.manifest.uploads).toEqual([
      {
        source: 'tools/go.sh',
        dest: '/opt/deployment/tools/go.sh',
        exclude: [],
        secret: false,
      },
    ]);
    expect(plan.manifest.scripts[0]?.path).toBe('tools/go.sh');
  });
});

describe("the original Python tool's layout", () => {
  it('is mapped onto version 1 with a warning naming each new key', async () => {
    const config = `bucket: demo-bucket
aws:
  total_instances: 3
  instance_storage_gb: 40
  spot_price_limit: 0.05
  ssh_key_name: deploy
  username: admin
  tags: {team: web}
regions:
  - us-west-2:
      machine_type: t3.medium
      image: auto
  - eu-west-1:
      machine_type: t3a.medium
      image: ami-0123456789abcdef0
`;
    const dir = makeProject({
      '.spot/config.yaml': config,
      'deployment/setup.sh': SETUP,
    });
    const { plan, warnings } = await loadProject({ run: localRun(), dir, overrides: {} });
    expect(plan.regions).toEqual([
      {
        name: 'us-west-2',
        count: 2,
        instanceTypes: ['t3.medium'],
        image: 'ubuntu-24.04',
        subnets: 'auto',
      },
      {
        name: 'eu-west-1',
        count: 1,
        instanceTypes: ['t3a.medium'],
        image: 'ami-0123456789abcdef0',
        subnets: 'auto',
      },
    ]);
    expect(plan.rootVolume.sizeGb).toBe(40);
    expect(plan.maxPrice).toBe(0.05);
    expect(plan.ssh).toEqual({
      keyName: 'deploy',
      username: 'admin',
      cidr: '0.0.0.0/0',
    });
    expect(plan.tags).toEqual({ team: 'web' });
    expect(warnings.map((w) => `${w.code} ${w.line}:${w.column} ${w.key} ${w.message}`)).toEqual([
      'SD110 3:3 aws.total_instances aws.total_instances is deprecated; use instances',
      'SD110 4:3 aws.instance_storage_gb aws.instance_storage_gb is deprecated; use root_volume.size_gb',
      'SD110 5:3 aws.spot_price_limit aws.spot_price_limit is deprecated; use max_price',
      'SD110 6:3 aws.ssh_key_name aws.ssh_key_name is deprecated; use ssh.key_name',
      'SD110 7:3 aws.username aws.username is deprecated; use ssh.username',
      'SD110 8:3 aws.tags aws.tags is deprecated; use tags',
      'SD110 10:5 regions.0 the "- us-west-2: {machine_type, image}" region layout is deprecated',
      'SD110 13:5 regions.1 the "- eu-west-1: {machine_type, image}" region layout is deprecated',
      'SD126 1:1 ssh ssh has no cidr, so port 22 is open to the whole internet (0.0.0.0/0)',
    ]);
    expect(plan.notices).toHaveLength(9);
  });
});

describe('warnings', () => {
  it('flags a script that is not executable and SSH open to the world, without failing', async () => {
    const dir = makeProject(
      {
        '.spot/config.yaml': `${BASIC_CONFIG}ssh: {key_name: k, cidr: 0.0.0.0/0}\nnetwork:\n  ingress: [{port: 22, cidr: "::/0"}, {port: 80, cidr: 0.0.0.0/0}]\n`,
        'deployment/setup.sh': SETUP,
      },
      { 'deployment/setup.sh': 0o644 },
    );
    const { warnings } = await loadProject({ run: localRun(), dir, overrides: {} });
    expect(warnings.map((w) => `${w.code} ${w.file}:${w.line}:${w.column} ${w.key} ${w.message}`)).toEqual([
      'SD117 deployment/setup.sh:1:1 scripts.0.path script "deployment/setup.sh" is not executable',
      'SD126 .spot/config.yaml:3:26 ssh.cidr port 22 is open to the whole internet',
      'SD126 .spot/config.yaml:5:30 network.ingress.0.cidr port 22 is open to the whole internet',
    ]);
  });
});
