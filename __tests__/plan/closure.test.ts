import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectUploads } from '../../src/bundle/select-files.js';
import { ConfigError } from '../../src/core/errors.js';
import { loadProject } from '../../src/plan/load-project.js';
import { cleanProjectsAfterEach, makeProject, BASIC_CONFIG } from '../config/helpers.js';
import { instanceReads, missingFromBundle } from '../helpers/closure.js';
import { localRun } from '../helpers/run-context.ts';

cleanProjectsAfterEach();

const load = async (dir: string) => (await loadProject({ dir, overrides: {}, run: localRun() })).plan;
const firstError = async (dir: string) => {
  const caught = await loadProject({ dir, overrides: {}, run: localRun() }).catch((error: unknown) => error);
  expect(caught).toBeInstanceOf(ConfigError);
  const { code, file, line, column, key, message } = (caught as ConfigError).issues.find((issue) => issue.severity === 'error')!;
  return { code, file, line, column, key, message };
};
const bundled = async (dir: string) => {
  const plan = await load(dir);
  const { entries } = await selectUploads(plan, path.join(dir, '.out'));
  return { plan, entries };
};

const COMPOSE = `services:
  web:
    build: ./web
    env_file: [app.env]
    volumes:
      - ./static:/usr/share/nginx/html:ro
      - data:/var/lib/data
    secrets: [db]
  worker:
    build: {context: ../worker, dockerfile: Dockerfile.prod}
secrets:
  db:
    file: ./secrets/db.txt
volumes:
  data: {}
`;

describe('the bundle closure', () => {
  it('bundles a unit file that no upload covers, where the agent will look for it', async () => {
    const dir = makeProject({
      '.spot/config.yaml': BASIC_CONFIG,
      '.spot/deployment.yaml': 'uploads:\n  - {source: app, dest: /srv/app}\nservices:\n  - file: units/web.service\n',
      'app/server.py': 'print(1)\n',
      'units/web.service': '[Service]\nExecStart=/usr/bin/python3 /srv/app/server.py\n',
    });
    const { plan, entries } = await bundled(dir);
    expect(instanceReads(plan)).toEqual([
      { project: 'units/web.service', instance: '/opt/deployment/units/web.service', why: 'services.0.file' },
    ]);
    expect(entries.has('files/opt/deployment/units/web.service')).toBe(true);
    expect(await missingFromBundle(plan)).toEqual([]);
  });

  it("bundles a compose file's folder, what it refers to, and a .env beside it as a secret", async () => {
    const dir = makeProject({
      '.spot/config.yaml': BASIC_CONFIG,
      '.spot/deployment.yaml': 'compose: stack/compose.yaml\n',
      'stack/compose.yaml': COMPOSE,
      'stack/web/Dockerfile': 'FROM nginx\n',
      'stack/app.env': 'MODE=prod\n',
      'stack/.env': 'DB_PASSWORD=x\n',
      'stack/static/index.html': '<p>hi</p>\n',
      'stack/secrets/db.txt': 'pw\n',
      'worker/Dockerfile.prod': 'FROM alpine\n',
    });
    const { plan, entries } = await bundled(dir);
    expect(await missingFromBundle(plan)).toEqual([]);
    expect(plan.manifest.uploads).toEqual([
      { source: 'stack', dest: '/opt/deployment/stack', exclude: [], secret: false },
      { source: 'stack/.env', dest: '/opt/deployment/stack/.env', mode: '0600', owner: 'root', exclude: [], secret: true },
      { source: 'worker', dest: '/opt/deployment/worker', exclude: [], secret: false },
    ]);
    expect(entries.get('files/opt/deployment/stack/.env')).toMatchObject({ mode: '0600', secret: true });
    expect(entries.has('files/opt/deployment/stack/static/index.html')).toBe(true);
    expect(entries.has('files/opt/deployment/worker/Dockerfile.prod')).toBe(true);
  });

  it('refuses a compose reference outside the project, naming the compose file, line and key', async () => {
    const dir = makeProject({
      '.spot/config.yaml': BASIC_CONFIG,
      '.spot/deployment.yaml': 'compose: compose.yaml\n',
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file: ../outside.env\n',
    });
    expect(await firstError(dir)).toEqual({
      code: 'SD112',
      file: 'compose.yaml',
      line: 4,
      column: 15,
      key: 'services.web.env_file',
      message: 'compose.yaml: services.web.env_file "../outside.env" is outside the project',
    });
  });

  it('refuses a compose env_file that does not exist, and one that lands elsewhere on the instance', async () => {
    const missing = makeProject({
      '.spot/config.yaml': BASIC_CONFIG,
      '.spot/deployment.yaml': 'compose: compose.yaml\n',
      'compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file: [app.env]\n',
    });
    expect(await firstError(missing)).toMatchObject({
      code: 'SD111',
      file: 'compose.yaml',
      line: 4,
      key: 'services.web.env_file.0',
      message: 'compose.yaml: services.web.env_file.0 "app.env" does not exist',
    });
    const elsewhere = makeProject({
      '.spot/config.yaml': BASIC_CONFIG,
      '.spot/deployment.yaml': 'uploads:\n  - {source: config, dest: /etc/app}\ncompose: stack/compose.yaml\n',
      'stack/compose.yaml': 'services:\n  web:\n    image: nginx\n    env_file: ../config/app.env\n',
      'config/app.env': 'A=1\n',
    });
    expect(await firstError(elsewhere)).toMatchObject({
      code: 'SD111',
      file: 'stack/compose.yaml',
      key: 'services.web.env_file',
      message:
        'stack/compose.yaml: services.web.env_file "../config/app.env" lands at /etc/app/app.env on the instance, but compose looks for it at /opt/deployment/config/app.env',
    });
  });
});

/** Projects that load: every example and every folder of the invalid corpus whose problem is a warning only. */
const roots = [
  ...readdirSync('examples', { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.resolve('examples', entry.name)),
  ...readdirSync('__tests__/fixtures/invalid').map((name) => path.resolve('__tests__/fixtures/invalid', name)),
].filter((dir) => existsSync(dir));

describe('closure over every example and the invalid corpus', () => {
  it.each(roots.map((dir) => [path.relative('.', dir), dir]))('%s: the bundle holds every file the instance reads', async (_, dir) => {
    const loaded = await loadProject({ dir, overrides: {}, run: localRun() }).catch((error: unknown) => error);
    if (loaded instanceof ConfigError) {
      // A refused project never gets a bundle: it must be refused for an error, with a file that names where.
      expect(loaded.issues.some((issue) => issue.severity === 'error' && issue.file !== '')).toBe(true);
      return;
    }
    if (loaded instanceof Error) {
      // Symlink cases are set up by the corpus test itself; anything else is a bug.
      expect(readFileSync(path.join(dir, 'expected.json'), 'utf8')).toContain('symlinks');
      return;
    }
    const { plan } = loaded as Awaited<ReturnType<typeof loadProject>>;
    expect(await missingFromBundle(plan)).toEqual([]);
  });
});
