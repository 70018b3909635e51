/**
 * A `deployment/` convention project uploads `deployment/` only; a script
 * there that names a project file left outside it validates, launches and
 * then fails on the instance. validate warns (SD134) at the line, and only
 * when the file is in the project and not where the script will look.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { loadProject } from '../../src/plan/load-project.js';
import { localRun } from '../helpers/run-context.ts';
import { BASIC_CONFIG, cleanProjectsAfterEach, makeProject } from './helpers.js';

cleanProjectsAfterEach();

const SETUP = [
  '#!/usr/bin/env bash',
  'set -euo pipefail',
  '# app/server.py is started below (a comment is not a reference)',
  'python3 app/server.py &',
  'cp ../settings.json /etc/notes.json',
  'install -m 0644 conf/nginx.conf /etc/nginx/conf.d/notes.conf',
  'curl -fsS https://example.com/app/server.py -o /tmp/x',
  'cp "$HOME/app/server.py" /tmp/ && ls ${DIR}/app/server.py /srv/app/server.py',
  'cat docs/missing.md || true',
  'python3 app/server.py --again',
  '',
].join('\n');

function project(): string {
  return makeProject({
    '.spot/config.yaml': BASIC_CONFIG,
    'deployment/setup.sh': SETUP,
    // Uploaded: deployment/conf/ is there, so conf/nginx.conf is found on the instance.
    'deployment/conf/nginx.conf': 'server {}\n',
    // Left behind: at the project root, outside deployment/.
    'app/server.py': 'print("hi")\n',
    'settings.json': '{}\n',
  });
}

describe('SD134: a deployment/ script names a project file that is not uploaded', () => {
  it('warns at each such name once, and for nothing that is uploaded, absolute, a URL, a variable or absent', async () => {
    const { warnings } = await loadProject({ run: localRun(), dir: project(), overrides: {} });
    expect(warnings.filter((w) => w.code === 'SD134').map((w) => `${w.file}:${w.line}:${w.column} ${w.message}`)).toEqual([
      'deployment/setup.sh:4:9 deployment/setup.sh names app/server.py; the project has app/server.py, but only deployment/ is uploaded (to /opt/deployment), so the instance will not have it',
      'deployment/setup.sh:5:4 deployment/setup.sh names ../settings.json; the project has settings.json, but only deployment/ is uploaded (to /opt/deployment), so the instance will not have it',
    ]);
  });

  it('is a warning: validate passes and prints it with its hint', async () => {
    let stderr = '';
    let stdout = '';
    const code = await runCli(['validate', '--dir', project()], {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      env: { ...process.env, GITHUB_REPOSITORY: 'acme/notes' },
    });
    expect(code, stderr).toBe(0);
    const printed = stdout + stderr;
    expect(printed).toContain('deployment/setup.sh:4:9');
    expect(printed).toContain('SD134');
    expect(printed).toContain('move app/server.py under deployment/');
  });

  it('says nothing once the file is moved under deployment/', async () => {
    const dir = makeProject({
      '.spot/config.yaml': BASIC_CONFIG,
      'deployment/setup.sh': '#!/usr/bin/env bash\npython3 app/server.py\n',
      'deployment/app/server.py': 'print("hi")\n',
      'app/server.py': 'print("an old copy")\n',
    });
    const { warnings } = await loadProject({ run: localRun(), dir, overrides: {} });
    expect(warnings.filter((w) => w.code === 'SD134')).toEqual([]);
  });
});
