import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { assertUserDataFits, renderUserData, USER_DATA_LIMIT } from '../../src/cloudinit/user-data.js';
import { SpotError } from '../../src/core/errors.js';
import { renderAgentConf, type AgentSettings } from '../../src/agent/agent-conf.js';
import { readTemplate } from '../../src/core/templates.js';
import type { UserDataSources } from '../../src/plan/types.js';
import { tool } from '../helpers/tools.js';

const settings = (overrides: Partial<AgentSettings> = {}): AgentSettings => ({
  deploymentId: 'hello-web-pr-7',
  bundleUrl: 'https://bucket.s3.amazonaws.com/spot-deployer/hello-web/abc.tar.gz?X-Amz-Signature=1&X-Amz-Credential=a%2Fb',
  bundleSha256: 'a'.repeat(64),
  statusUrls: ["https://bucket.s3.amazonaws.com/status/0.json?sig=it's", 'https://bucket.s3.amazonaws.com/status/1.json?sig=2'],
  target: '/opt/deployment',
  ttlSeconds: 8 * 3600,
  ...overrides,
});

function schemaCheck(text: string): { status: number | null; output: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'userdata-')), 'user-data.yaml');
  writeFileSync(file, text);
  const result = spawnSync(tool('cloud-init'), ['schema', '-c', file], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** What the plan reads for a built-in template. */
const sourcesOf = (template: string, agentScript: string): UserDataSources => ({
  template: { name: template, document: parse(readTemplate(`cloud-init/${template}.yaml`)) as Record<string, unknown> },
  agentScript,
});

describe('renderUserData', () => {
  const agentScript = readTemplate('bootstrap.sh');

  it.each(['minimal', 'docker'])('passes `cloud-init schema` with the %s template', (template) => {
    const rendered = renderUserData({ sources: sourcesOf(template, agentScript), settings: settings() });
    const check = schemaCheck(rendered.text);
    expect(check.output).toContain('Valid cloud-config');
    expect(check.status).toBe(0);
  });

  it('writes the agent and its settings, and runs the agent with bash', () => {
    const rendered = renderUserData({ sources: sourcesOf('minimal', agentScript), settings: settings() });
    expect(rendered.text.startsWith('#cloud-config\n')).toBe(true);
    const doc = parse(rendered.text) as { write_files: Array<{ path: string; permissions: string; content: string }>; runcmd: unknown[] };
    const agent = doc.write_files.find((file) => file.path === '/etc/spot-deployer/agent.sh')!;
    expect(agent.content).toBe(agentScript);
    expect(agent.permissions).toBe('0700');
    const conf = doc.write_files.find((file) => file.path === '/etc/spot-deployer/agent.conf')!;
    expect(conf.permissions).toBe('0600');
    expect(doc.runcmd).toEqual([['bash', '/etc/spot-deployer/agent.sh']]);
  });

  it('quotes settings so bash reads them back exactly', () => {
    const conf = renderAgentConf(settings());
    const script = `${conf}\nprintf '%s\\n' "$SD_BUNDLE_URL" "\${SD_STATUS_URLS[0]}" "\${SD_STATUS_URLS[1]}" "$SD_TTL_SECONDS"`;
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(result.stdout.split('\n').slice(0, 4)).toEqual([
      settings().bundleUrl,
      settings().statusUrls[0],
      settings().statusUrls[1],
      '28800',
    ]);
  });

  it('gzips when the text is over 16 KiB, and cloud-init gets the same document back', () => {
    const big = `${agentScript}\n# ${'padding '.repeat(2500)}\n`;
    const rendered = renderUserData({ sources: sourcesOf('minimal', big), settings: settings() });
    expect(Buffer.byteLength(rendered.text)).toBeGreaterThan(USER_DATA_LIMIT);
    expect(rendered.gzipped).toBe(true);
    expect(rendered.bytes).toBeLessThanOrEqual(USER_DATA_LIMIT);
    expect(gunzipSync(rendered.payload).toString('utf8')).toBe(rendered.text);
  });

  it('refuses user-data that cannot fit even gzipped, before any AWS call, with SD153 and a hint', () => {
    const random = randomBytes(30_000).toString('base64');
    const rendered = renderUserData({ sources: sourcesOf('minimal', `${agentScript}\n# ${random}\n`), settings: settings() });
    expect(() => assertUserDataFits(rendered, 'us-east-1')).toThrow(SpotError);
    try {
      assertUserDataFits(rendered, 'us-east-1');
    } catch (error) {
      expect((error as SpotError).code).toBe('SD153');
      expect((error as SpotError).message).toMatch(/^user-data for us-east-1 is \d+ bytes after gzip; EC2 allows 16384$/);
      expect((error as SpotError).hint).toBeTruthy();
    }
  });

  it.each([
    ['ubuntu', { ssh_authorized_keys: ['ssh-ed25519 AAAAC3Nza test@laptop'] }],
    [
      'deploy',
      { users: ['default', expect.objectContaining({ name: 'deploy', ssh_authorized_keys: ['ssh-ed25519 AAAAC3Nza test@laptop'] })] },
    ],
  ])('installs an SSH public key for %s, and stays schema-valid', (username, expected) => {
    const rendered = renderUserData({
      sources: sourcesOf('minimal', agentScript),
      settings: settings(),
      ssh: { username, publicKey: 'ssh-ed25519 AAAAC3Nza test@laptop' },
    });
    expect(parse(rendered.text)).toMatchObject(expected);
    expect(schemaCheck(rendered.text).status).toBe(0);
  });
});
