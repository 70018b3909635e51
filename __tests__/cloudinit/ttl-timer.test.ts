/**
 * The TTL is armed by cloud-init's bootcmd (every boot, first stage) as a
 * systemd timer for the absolute expiry. The bootcmd is run here as
 * cloud-init runs it: turned into a script by cloud-init's own `shellify`,
 * then `sh`, as root in a private mount namespace with /etc overlaid and
 * `systemctl` / `shutdown` observed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { renderUserData } from '../../src/cloudinit/user-data.js';
import { TTL_SCRIPT } from '../../src/cloudinit/ttl-timer.js';
import { gunzipSync } from 'node:zlib';
import { readTemplate } from '../../src/core/templates.js';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

const render = (expiresAt?: string): string =>
  renderUserData({
    sources: {
      template: { name: 'minimal', document: parse(readTemplate('cloud-init/minimal.yaml')) as Record<string, unknown> },
      agentScript: readTemplate('bootstrap.sh'),
      loaderScript: readTemplate('loader.sh'),
    },
    loader: { confUrl: 'https://bucket.s3.amazonaws.com/launch/l.conf?X-Amz-Signature=1', confSha256: 'a'.repeat(64) },
    expiresAt,
  }).text;

/** Runs the document's bootcmd the way cloud-init does; returns the fakes' calls and what was written to /etc. */
function runBootcmd(text: string): { code: number | null; calls: string[]; etc: (path: string) => string | undefined } {
  const root = mkdtempSync(join(tmpdir(), 'sd-bootcmd-'));
  roots.push(root);
  for (const dir of ['etc-up', 'etc-work', 'bin']) mkdirSync(join(root, dir));
  writeFileSync(join(root, 'user-data'), text);
  // cloud-init's own code turns bootcmd into the script it runs (cc_bootcmd: util.shellify).
  const shellify = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      'import sys, yaml\nfrom cloudinit import util\nsys.stdout.write(util.shellify(yaml.safe_load(open(sys.argv[1]))["bootcmd"]))',
      join(root, 'user-data'),
    ],
    { encoding: 'utf8' },
  );
  expect(shellify.stderr).toBe('');
  writeFileSync(join(root, 'bootcmd.sh'), shellify.stdout);
  for (const fake of ['systemctl', 'shutdown']) {
    writeFileSync(join(root, 'bin', fake), `#!/bin/sh\necho "${fake} $*" >>${root}/calls.log\n`, { mode: 0o755 });
  }
  const script = [
    'set -e',
    `mount -t overlay overlay -o lowerdir=/etc,upperdir=${root}/etc-up,workdir=${root}/etc-work /etc`,
    `PATH=${root}/bin:/usr/sbin:/usr/bin:/sbin:/bin sh ${root}/bootcmd.sh`,
  ].join('\n');
  const run = spawnSync('unshare', ['--mount', '--propagation', 'private', 'bash', '-c', script], { encoding: 'utf8' });
  const read = (file: string): string | undefined => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  return {
    code: run.status,
    calls: (read(join(root, 'calls.log')) ?? '').split('\n').filter(Boolean),
    etc: (path) => read(join(root, 'etc-up', path)),
  };
}

describe('TTL armed from bootcmd as an absolute-time systemd timer', () => {
  const future = new Date(Date.now() + 8 * 3600_000);
  future.setUTCMilliseconds(0);
  const calendar = `${future.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

  it('is the first bootcmd, and the user-data stays schema-valid', () => {
    const text = render(future.toISOString());
    const doc = parse(text) as { bootcmd: unknown[][] };
    expect(doc.bootcmd).toHaveLength(1);
    expect(doc.bootcmd[0]!.slice(0, 2)).toEqual(['sh', '-c']);
    const file = join(mkdtempSync(join(tmpdir(), 'userdata-')), 'user-data.yaml');
    roots.push(file.replace(/\/user-data\.yaml$/, ''));
    writeFileSync(file, text);
    const schema = spawnSync('cloud-init', ['schema', '-c', file], { encoding: 'utf8' });
    expect(`${schema.stdout}${schema.stderr}`).toContain('Valid cloud-config');
  });

  it('writes a persistent timer for the expiry in UTC, a poweroff service, and starts it without blocking boot', () => {
    const run = runBootcmd(render(future.toISOString()));
    expect(run.code).toBe(0);
    const timer = run.etc('systemd/system/spot-deployer-ttl.timer')!;
    expect(timer).toContain(`OnCalendar=${calendar}\n`);
    expect(timer).toContain('Persistent=true\n');
    expect(timer).toContain('WantedBy=timers.target\n');
    expect(run.etc('systemd/system/spot-deployer-ttl.service')).toContain('ExecStart=/bin/systemctl poweroff\n');
    expect(run.calls).toEqual([
      'systemctl daemon-reload',
      'systemctl enable spot-deployer-ttl.timer',
      'systemctl start --no-block spot-deployer-ttl.timer',
    ]);
    // systemd itself reads the time as the same instant.
    const analyze = spawnSync('systemd-analyze', ['calendar', calendar], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(analyze.stdout).toContain(`Next elapse: ${future.toUTCString().slice(0, 3)} ${calendar}`);
  });

  it('powers off at once when the instance boots after its expiry (e.g. a reboot past the TTL)', () => {
    const run = runBootcmd(render(new Date(Date.now() - 60_000).toISOString()));
    expect(run.code).toBe(0);
    expect(run.calls).toEqual(['systemctl poweroff']);
    expect(run.etc('systemd/system/spot-deployer-ttl.timer')).toBeUndefined();
  });

  it('is a shellcheck-clean POSIX sh script, and bootcmd carries exactly it', () => {
    const unpack = (parse(render(future.toISOString())) as { bootcmd: string[][] }).bootcmd[0]![2]!;
    const packed = /^echo ([A-Za-z0-9+/=]+)\|base64 -d\|gunzip\|sh -s -- "\$1" "\$2"$/.exec(unpack)![1]!;
    expect(gunzipSync(Buffer.from(packed, 'base64')).toString('utf8')).toBe(TTL_SCRIPT);
    for (const script of [TTL_SCRIPT, unpack]) {
      const check = spawnSync('shellcheck', ['-s', 'sh', '-'], { input: script, encoding: 'utf8' });
      expect(check.stdout).toBe('');
      expect(check.status).toBe(0);
    }
  });

  it('has no bootcmd when the ttl is never', () => {
    expect((parse(render()) as Record<string, unknown>).bootcmd).toBeUndefined();
  });
});
