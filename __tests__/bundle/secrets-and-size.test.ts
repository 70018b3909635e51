import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectUploads } from '../../src/bundle/select-files.js';
import { largeBundleNotice } from '../../src/bundle/size-notice.js';
import type { BundleEntry } from '../../src/bundle/types.js';
import { loadProject } from '../../src/plan/load-project.js';
import { cleanProjectsAfterEach, makeProject, BASIC_CONFIG, SETUP } from '../config/helpers.js';
import { localRun } from '../helpers/run-context.ts';

cleanProjectsAfterEach();

const entriesOf = async (dir: string) => {
  const { plan } = await loadProject({ dir, overrides: {}, run: localRun() });
  return { plan, entries: (await selectUploads(plan, path.join(dir, '.out'))).entries };
};
const modeOf = (entries: Map<string, { mode: string; secret: boolean }>, at: string) => {
  const entry = entries.get(at);
  return entry && { mode: entry.mode, secret: entry.secret };
};

describe('secrets by name', () => {
  it('bundles .env*, *.pem, *.key and secrets/ at any depth 0600 (folders 0700), in explicit uploads too', async () => {
    const dir = makeProject({
      '.spot/config.yaml': BASIC_CONFIG,
      '.spot/deployment.yaml': 'uploads:\n  - {source: app, dest: /srv/app}\nscripts: [echo hi]\n',
      'app/main.py': 'print(1)\n',
      'app/.env.production': 'TOKEN=x\n',
      'app/tls/server.pem': 'pem\n',
      'app/tls/server.key': 'key\n',
      'app/config/secrets/db.txt': 'pw\n',
    });
    const { entries } = await entriesOf(dir);
    expect(modeOf(entries, 'files/srv/app/main.py')).toEqual({ mode: '0644', secret: false });
    expect(modeOf(entries, 'files/srv/app/.env.production')).toEqual({ mode: '0600', secret: true });
    expect(modeOf(entries, 'files/srv/app/tls/server.pem')).toEqual({ mode: '0600', secret: true });
    expect(modeOf(entries, 'files/srv/app/tls/server.key')).toEqual({ mode: '0600', secret: true });
    expect(modeOf(entries, 'files/srv/app/config/secrets')).toEqual({ mode: '0700', secret: true });
    expect(modeOf(entries, 'files/srv/app/config/secrets/db.txt')).toEqual({ mode: '0600', secret: true });
  });

  it('does the same in the convention, below deployment/', async () => {
    const dir = makeProject({
      '.spot/config.yaml': BASIC_CONFIG,
      'deployment/setup.sh': SETUP,
      'deployment/app/.env.local': 'A=1\n',
      'deployment/app/certs/site.key': 'key\n',
    });
    const { entries } = await entriesOf(dir);
    expect(modeOf(entries, 'files/opt/deployment/app/.env.local')).toEqual({ mode: '0600', secret: true });
    expect(modeOf(entries, 'files/opt/deployment/app/certs/site.key')).toEqual({ mode: '0600', secret: true });
    expect(modeOf(entries, 'files/opt/deployment/setup.sh')).toEqual({ mode: '0755', secret: false });
  });
});

describe('.gitignore', () => {
  it('is honoured when there is no .spotignore, and .spotignore wins when both exist', async () => {
    const files = {
      '.spot/config.yaml': BASIC_CONFIG,
      'deployment/setup.sh': SETUP,
      'deployment/build/out.bin': 'x',
      'deployment/keep.txt': 'k',
      '.gitignore': 'build/\n',
    };
    const gitOnly = await entriesOf(makeProject(files));
    expect(gitOnly.plan.bundleIgnore).toEqual({ file: '.gitignore', rules: 'build/\n' });
    expect(gitOnly.entries.has('files/opt/deployment/build/out.bin')).toBe(false);
    expect(gitOnly.entries.has('files/opt/deployment/keep.txt')).toBe(true);
    const both = await entriesOf(makeProject({ ...files, '.spotignore': 'keep.txt\n' }));
    expect(both.entries.has('files/opt/deployment/build/out.bin')).toBe(true);
    expect(both.entries.has('files/opt/deployment/keep.txt')).toBe(false);
  });
});

describe('a large bundle', () => {
  const file = (at: string, megabytes: number): BundleEntry => ({
    path: at,
    size: megabytes * 1024 * 1024,
    mode: '0644',
    secret: false,
    type: 'file',
  });

  it('gets a notice naming its heaviest folders, and a small one none', () => {
    const entries = [
      file('files/opt/deployment/node_modules/a/big.js', 30),
      file('files/opt/deployment/node_modules/b/big.js', 10),
      file('files/opt/deployment/venv/lib/site.py', 12),
      file('files/opt/deployment/app.py', 1),
      file('.spot-bundle/steps.sh', 0.001),
    ];
    expect(largeBundleNotice(entries)).toBe(
      'the bundle holds 53.0 MB of files (over 50.0 MB); largest folders on the instance: /opt/deployment/node_modules (40.0 MB), /opt/deployment/venv (12.0 MB). Exclude what the instance does not need in .spotignore',
    );
    expect(largeBundleNotice(entries.slice(2))).toBeUndefined();
  });
});
