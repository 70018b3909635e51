/**
 * SD138: a unit naming a file of its own deployment that nothing puts there
 * fails on the instance (systemd: "Failed to load environment files",
 * 200/CHDIR, 203/EXEC). validate says so only where it is certain; every
 * case below where something could still make the file must pass.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.ts';
import { loadProject } from '../../src/plan/load-project.ts';
import { BASIC_CONFIG, cleanProjectsAfterEach, makeProject } from '../config/helpers.ts';
import { localRun } from '../helpers/run-context.ts';

cleanProjectsAfterEach();

const deployment = (extra = '') =>
  `version: 1\nuploads:\n  - { source: app, dest: /srv/app }\n  - { source: static, dest: /srv/app/public }\nservices:\n  - file: ops/app.service\n${extra}`;
const unit = (lines: string) => `[Service]\n${lines}\n`;

/** Every error validate gives (code, line:column, message), or [] when it passes. */
async function unitPathErrors(files: Record<string, string>): Promise<string[]> {
  try {
    await loadProject({
      run: localRun(),
      dir: makeProject({ '.spot/config.yaml': BASIC_CONFIG, 'app/server.js': '', 'static/site.css': '', ...files }),
      overrides: {},
    });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues
      .filter((issue) => issue.severity === 'error')
      .map((issue) => `${issue.code} ${issue.line}:${issue.column} ${issue.message}`);
  }
}

describe('SD138, a unit names a deployment file nothing puts there', () => {
  it('names each missing program, working folder and environment file at its line, through the most specific upload', async () => {
    const errors = await unitPathErrors({
      '.spot/deployment.yaml': deployment(),
      'ops/app.service': unit(
        [
          'ExecStart=-/srv/app/bin/start --port 8080',
          'WorkingDirectory=/srv/app/public/css',
          'EnvironmentFile=/opt/deployment/app.env',
          'ExecReload=/srv/app/not-checked',
        ].join('\n'),
      ),
    });
    expect(errors).toEqual([
      "SD138 2:11 ExecStart=/srv/app/bin/start is in this deployment's folders, and the bundle puts nothing there (it would come from app/bin/start)",
      "SD138 3:18 WorkingDirectory=/srv/app/public/css is in this deployment's folders, and the bundle puts nothing there (it would come from static/css)",
      "SD138 4:17 EnvironmentFile=/opt/deployment/app.env is in this deployment's folders, and the bundle puts nothing there (it would come from app.env)",
    ]);
  });

  it('passes what the bundle brings, optional and system paths, and specifiers', async () => {
    const errors = await unitPathErrors({
      '.spot/deployment.yaml': deployment(),
      'app/bin/start': '',
      'ops/app.service': unit(
        [
          'ExecStart=/srv/app/bin/start',
          'WorkingDirectory=/srv/app/public',
          'EnvironmentFile=-/opt/deployment/app.env',
          'EnvironmentFile=/etc/default/app',
          'ExecStartPost=/usr/bin/node /srv/app/server.js',
          'WorkingDirectory=%h/app',
        ].join('\n'),
      ),
    });
    expect(errors).toEqual([]);
  });

  it("an upload into a folder packages share (/etc) does not make its paths the bundle's", async () => {
    const errors = await unitPathErrors({
      '.spot/deployment.yaml': 'version: 1\nuploads:\n  - { source: etc, dest: /etc }\nservices:\n  - file: ops/app.service\n',
      'etc/app.conf': '',
      'ops/app.service': unit('ExecStart=/usr/bin/node /srv/x.js\nEnvironmentFile=/etc/default/nginx'),
    });
    expect(errors).toEqual([]);
  });

  it('says nothing when something on the instance could make the file: a script, a hook, ExecStartPre=', async () => {
    const missing = 'ExecStart=/srv/app/bin/start';
    const script = await unitPathErrors({
      '.spot/deployment.yaml': deployment('scripts:\n  - command: make -C /srv/app\n'),
      'ops/app.service': unit(missing),
    });
    const hook = await unitPathErrors({
      '.spot/deployment.yaml': deployment('hooks:\n  post_install: [make -C /srv/app]\n'),
      'ops/app.service': unit(missing),
    });
    const pre = await unitPathErrors({
      '.spot/deployment.yaml': deployment(),
      'ops/app.service': unit(`ExecStartPre=/usr/bin/make -C /srv/app\n${missing}`),
    });
    expect([script, hook, pre]).toEqual([[], [], []]);
  });
});
