import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  assertUserDataFits,
  compactShell,
  renderUserData,
  USER_DATA_LIMIT,
  USER_DATA_TARGET,
  userDataNotice,
} from '../../src/cloudinit/user-data.js';
import { SpotError } from '../../src/core/errors.js';
import { renderAgentConf, renderLoaderConf, type AgentSettings } from '../../src/agent/agent-conf.js';
import { readTemplate } from '../../src/core/templates.js';
import type { UserDataSources } from '../../src/plan/types.js';
import { tool } from '../helpers/tools.js';

const settings = (overrides: Partial<AgentSettings> = {}): AgentSettings => ({
  deploymentId: 'hello-web-pr-7',
  bundleUrl: 'https://bucket.s3.amazonaws.com/spot-deployer/hello-web/abc.tar.gz?X-Amz-Signature=1&X-Amz-Credential=a%2Fb',
  bundleSha256: 'a'.repeat(64),
  status: {
    url: 'https://bucket.s3.amazonaws.com/',
    keyPrefix: "spot-deployer/hello-web/status/us-east-1-0123456789-1/it's/",
    fields: { Policy: 'eyJleHBpcmF0aW9uIjoi+/=', 'X-Amz-Signature': 'f'.repeat(64) },
  },
  secretUrls: ["https://bucket.s3.amazonaws.com/sealed/0.bin?sig=it's", 'https://bucket.s3.amazonaws.com/sealed/1.bin?sig=2'],
  target: '/opt/deployment',
  ttlSeconds: 8 * 3600,
  ...overrides,
});

const loader = { confUrl: "https://bucket.s3.amazonaws.com/launch/l.conf?X-Amz-Signature=it's", confSha256: 'b'.repeat(64) };

function schemaCheck(text: string): { status: number | null; output: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'userdata-')), 'user-data.yaml');
  writeFileSync(file, text);
  const result = spawnSync(tool('cloud-init'), ['schema', '-c', file], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** What the plan reads for a built-in template. */
const sourcesOf = (template: string, loaderScript: string): UserDataSources => ({
  template: { name: template, document: parse(readTemplate(`cloud-init/${template}.yaml`)) as Record<string, unknown> },
  agentScript: readTemplate('bootstrap.sh'),
  loaderScript,
});

describe('renderUserData', () => {
  const loaderScript = readTemplate('loader.sh');

  it.each(['minimal', 'docker'])('passes `cloud-init schema` with the %s template', (template) => {
    const rendered = renderUserData({ sources: sourcesOf(template, loaderScript), loader });
    const check = schemaCheck(rendered.text);
    expect(check.output).toContain('Valid cloud-config');
    expect(check.status).toBe(0);
  });

  it('writes the loader and its two settings (not the agent), and runs the loader with bash', () => {
    const rendered = renderUserData({ sources: sourcesOf('minimal', loaderScript), loader });
    expect(rendered.text.startsWith('#cloud-config\n')).toBe(true);
    const doc = parse(rendered.text) as {
      write_files: Array<{ path: string; permissions: string; content: string; encoding?: string }>;
      runcmd: unknown[];
    };
    expect(doc.write_files.map((file) => file.path)).toEqual(['/etc/spot-deployer/loader.sh', '/etc/spot-deployer/loader.conf']);
    const script = doc.write_files.find((file) => file.path === '/etc/spot-deployer/loader.sh')!;
    // gzip + base64, its comments dropped: cloud-init writes exactly the compacted loader.
    expect(script.encoding).toBe('gz+b64');
    expect(gunzipSync(Buffer.from(script.content, 'base64')).toString('utf8')).toBe(compactShell(loaderScript));
    expect(compactShell(loaderScript)).not.toMatch(/^\s*#(?!!)/m);
    expect(script.permissions).toBe('0700');
    const conf = doc.write_files.find((file) => file.path === '/etc/spot-deployer/loader.conf')!;
    expect(conf.permissions).toBe('0600');
    expect(doc.runcmd).toEqual([['bash', '/etc/spot-deployer/loader.sh']]);
    expect(rendered.text).not.toContain('sd_main');
  });

  it('quotes settings so bash reads them back exactly', () => {
    const conf = `${renderAgentConf(settings())}${renderLoaderConf(loader)}`;
    const script = `${conf}\nprintf '%s\\n' "$SD_BUNDLE_URL" "$SD_STATUS_KEY_PREFIX" "\${SD_STATUS_FIELDS[@]}" "\${SD_SECRET_URLS[@]}" "$SD_TTL_SECONDS" "$SD_CONF_URL"`;
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(result.stdout.split('\n').slice(0, 8)).toEqual([
      settings().bundleUrl,
      settings().status.keyPrefix,
      `Policy=${settings().status.fields.Policy}`,
      `X-Amz-Signature=${'f'.repeat(64)}`,
      settings().secretUrls![0],
      settings().secretUrls![1],
      '28800',
      loader.confUrl,
    ]);
  });

  it('gzips when the text is over 16 KiB, and cloud-init gets the same document back', () => {
    const sources = {
      ...sourcesOf('minimal', loaderScript),
      fragment: { file: 'f', document: { bootcmd: [`# ${'padding '.repeat(2500)}`] } },
    };
    const rendered = renderUserData({ sources, loader });
    expect(Buffer.byteLength(rendered.text)).toBeGreaterThan(USER_DATA_LIMIT);
    expect(rendered.gzipped).toBe(true);
    expect(rendered.bytes).toBeLessThanOrEqual(USER_DATA_LIMIT);
    expect(gunzipSync(rendered.payload).toString('utf8')).toBe(rendered.text);
  });

  it("says nothing under the 4,096-byte target, and names the project's part of the user-data over it", () => {
    expect(userDataNotice(renderUserData({ sources: sourcesOf('minimal', loaderScript), loader }))).toBeUndefined();
    const sources = { ...sourcesOf('minimal', loaderScript), fragment: { file: 'f', document: { runcmd: [`echo ${'x'.repeat(3000)}`] } } };
    const rendered = renderUserData({ sources, loader });
    expect(rendered.bytes).toBeGreaterThan(USER_DATA_TARGET);
    expect(userDataNotice(rendered)).toMatch(
      new RegExp(`^user-data is ${rendered.bytes} bytes, over the 4096-byte target .*\\.spot/cloud-init\\.yaml`),
    );
  });

  it('refuses user-data that cannot fit even gzipped, before any AWS call, with SD153 and a hint', () => {
    const random = randomBytes(30_000).toString('base64');
    const sources = { ...sourcesOf('minimal', loaderScript), fragment: { file: 'f', document: { bootcmd: [`# ${random}`] } } };
    const rendered = renderUserData({ sources, loader });
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
      sources: sourcesOf('minimal', loaderScript),
      loader,
      ssh: { username, publicKey: 'ssh-ed25519 AAAAC3Nza test@laptop' },
    });
    expect(parse(rendered.text)).toMatchObject(expected);
    expect(schemaCheck(rendered.text).status).toBe(0);
  });
});
