/**
 * User-data must mean the same to cloud-init's parser (PyYAML, YAML 1.1) as
 * to us, whatever the values hold: U+0085/U+2028/U+2029 are line breaks
 * there, tabs and raw controls make it drop the whole user-data.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderUserData } from '../../src/cloudinit/user-data.js';
import { renderLoaderConf } from '../../src/agent/agent-conf.js';
import { readTemplate } from '../../src/core/templates.js';
import { runValidate } from '../../src/commands/validate.js';
import { cleanProjectsAfterEach, makeProject } from '../config/helpers.js';
import { localRun } from '../helpers/run-context.ts';

/** Every YAML indicator, YAML 1.1's extra line breaks, tabs, C0/C1 controls and non-characters. */
const HOSTILE = `x\u2028bootcmd: [touch /pwned]\u0085runcmd: [id]\u2029- z\t#&*!|>'"%@\`{}[],?:-~\r\u0001\u001b\u007f\u0080\u009f\ufeff\ufffe\uffff é 😀 end`;

/** cloud-init's reading of the text: PyYAML's safe loader, as JSON. */
function pyyaml(text: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'pyyaml-'));
  writeFileSync(join(dir, 'user-data'), text);
  const script = 'import json, sys, yaml\nprint(json.dumps(yaml.safe_load(open(sys.argv[1], encoding="utf-8"))))';
  const result = spawnSync('python3', ['-c', script, join(dir, 'user-data')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`PyYAML refused the user-data: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

function schemaCheck(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'userdata-')), 'user-data.yaml');
  writeFileSync(file, text);
  const result = spawnSync('cloud-init', ['schema', '-c', file], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}

const loader = {
  confUrl: `https://bucket.s3.amazonaws.com/launch/l.conf?X-Amz-Signature=${HOSTILE}`,
  confSha256: 'a'.repeat(64),
  imdsUrl: `http://169.254.169.254/${HOSTILE}`,
};

describe('user-data with hostile values', () => {
  const fragment = { write_files: [{ path: '/etc/motd', content: `hello\n${HOSTILE}\n` }], hostile_key: { [`k${HOSTILE}`]: [HOSTILE] } };
  const rendered = renderUserData({
    sources: {
      template: { name: 'minimal', document: parse(readTemplate('cloud-init/minimal.yaml')) as Record<string, unknown> },
      agentScript: readTemplate('bootstrap.sh'),
      loaderScript: readTemplate('loader.sh'),
      fragment: { document: fragment } as never,
    },
    loader,
    ssh: { username: 'deploy', publicKey: `ssh-ed25519\tAAAAC3Nza ${HOSTILE}` },
  });

  it('reads back through PyYAML to the same structure: no injected key, every value intact', () => {
    const doc = pyyaml(rendered.text) as Record<string, unknown> & { write_files: Array<{ path: string; content: string }> };
    // What we meant (the JS YAML library's reading) is what cloud-init reads.
    expect(doc).toEqual(JSON.parse(JSON.stringify(parse(rendered.text))));
    const conf = doc.write_files.find((file) => file.path === '/etc/spot-deployer/loader.conf')!;
    expect(conf.content).toBe(renderLoaderConf(loader));
    expect(doc.write_files.find((file) => file.path === '/etc/motd')!.content).toBe(`hello\n${HOSTILE}\n`);
    expect(doc.hostile_key).toEqual({ [`k${HOSTILE}`]: [HOSTILE] });
    const users = doc.users as Array<{ ssh_authorized_keys?: string[] }>;
    expect(users[1]!.ssh_authorized_keys).toEqual([`ssh-ed25519\tAAAAC3Nza ${HOSTILE}`]);
    expect(doc.runcmd).toEqual([['bash', '/etc/spot-deployer/loader.sh']]);
  });

  it('stays valid for `cloud-init schema`', () => {
    expect(schemaCheck(rendered.text)).toContain('Valid cloud-config');
  });
});

describe('values the instance cannot carry are refused at validate', () => {
  cleanProjectsAfterEach();
  it.each([
    ['a tab', 'ssh-ed25519\tAAAAC3Nza me@laptop'],
    ['a line break', 'ssh-ed25519 AAAAC3Nza me@laptop\nssh-rsa AAAA other'],
    ['U+2028', 'ssh-ed25519 AAAAC3Nza me\u2028@laptop'],
  ])('ssh.public_key with %s: SD105 naming .spot/config.yaml and ssh.public_key', async (_, key) => {
    const dir = makeProject({
      '.spot/config.yaml': `regions: [us-east-1]\nbucket: {name: b}\nssh:\n  public_key: ${JSON.stringify(key)}\n  cidr: 203.0.113.7/32\n`,
      'deployment/setup.sh': 'echo hi\n',
    });
    const result = await runValidate({ run: localRun(), dir, overrides: {} });
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(
      expect.objectContaining({ code: 'SD105', file: '.spot/config.yaml', key: 'ssh.public_key', severity: 'error' }),
    );
  });
});
