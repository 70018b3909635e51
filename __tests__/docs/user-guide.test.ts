/**
 * docs/USER_GUIDE.md stays true: its error table is what `npm run docs`
 * generates from src/core/codes.ts, its configuration examples validate,
 * and its links lead somewhere.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/core/codes.js';
import { runCli } from '../../src/cli/cli.js';
import { GUIDE, renderGuide } from '../../scripts/docs-errors.ts';

const guide = readFileSync(GUIDE, 'utf8');

/** The first ```yaml block after a heading. */
function exampleAfter(heading: string): string {
  const start = guide.indexOf('```yaml\n', guide.indexOf(heading));
  return guide.slice(start + 8, guide.indexOf('```', start + 8));
}

describe('the user guide', () => {
  it('holds the error table npm run docs generates (fails when stale)', async () => {
    expect(await renderGuide(guide), 'docs/USER_GUIDE.md is stale: run npm run docs').toBe(guide);
  });

  it('names every code of the registry, and docs/errors.md points there', () => {
    for (const code of Object.keys(CODES)) expect(guide).toContain(`\`${code}\``);
    expect(readFileSync('docs/errors.md', 'utf8')).toContain('USER_GUIDE.md#error-codes');
    expect(readFileSync('README.md', 'utf8')).toContain('docs/USER_GUIDE.md');
  });

  it('has configuration examples that validate, every key included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guide-example-'));
    const files: Record<string, string> = {
      '.spot/config.yaml': exampleAfter('### `.spot/config.yaml`'),
      '.spot/deployment.yaml': exampleAfter('### `.spot/deployment.yaml`'),
      'configs/nginx.conf': 'server {}\n',
      'public/index.html': 'hi\n',
      'secrets/api.env': 'TOKEN=1\n',
      'deployment/migrate.sh': '#!/bin/sh\necho migrate\n',
      'deployment/app.service': '[Unit]\nDescription=app\n[Service]\nExecStart=/bin/true\n',
      'deployment/compose.yaml': 'services:\n  web:\n    image: nginx\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    chmodSync(join(dir, 'deployment/migrate.sh'), 0o755);
    const out = { stdout: '', stderr: '' };
    const code = await runCli(['validate', '--dir', dir], {
      stdout: (text) => void (out.stdout += text),
      stderr: (text) => void (out.stderr += text),
      env: {},
    });
    expect(out.stderr).toBe('');
    expect(code).toBe(0);
    // Every top-level key of the spec's config table is in the example.
    const config = files['.spot/config.yaml']!;
    for (const key of [
      'version',
      'name',
      'instances',
      'regions',
      'instance_types',
      'architecture',
      'image',
      'market',
      'max_price',
      'allocation',
      'root_volume',
      'network',
      'ssh',
      'iam_instance_profile',
      'ttl',
      'tags',
      'bucket',
      'wait',
      'ready_timeout',
      'health_check',
    ]) {
      expect(config).toMatch(new RegExp(`^${key}:`, 'm'));
    }
  });

  it('links only to files that exist', () => {
    const links = [...guide.matchAll(/\]\(([^)#:]+)(?:#[^)]*)?\)/g)].map((match) => match[1]!);
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect(existsSync(join('docs', link)), link).toBe(true);
  });
});
