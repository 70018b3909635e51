/**
 * What the job summary and the PR comment tell a person, in the order they
 * read it: outcome and preview link, errors, instances, cost, details, footer.
 */
import { describe, expect, it } from 'vitest';
import {
  buildDeploySummary,
  buildDestroySummary,
  buildErrorSummary,
  buildStatusSummary,
  buildSweepSummary,
  instancesTable,
} from '../../src/report/summary.js';
import { runLinks } from '../../src/report/summary-context.js';
import { renderGfm } from '../helpers/render-markdown.js';
import { context, failure, HOSTILE_LOG, partial, success } from '../helpers/summary-fixtures.js';

const firstLine = (markdown: string): string => markdown.split('\n')[0]!;
const position = (markdown: string, text: string): number => {
  const at = markdown.indexOf(text);
  expect(at, `"${text}" is in the summary`).toBeGreaterThanOrEqual(0);
  return at;
};

describe('buildDeploySummary: the first line', () => {
  it('says the outcome and links the preview on the first ingress port a browser opens', () => {
    const line = firstLine(buildDeploySummary(success(), context()));
    expect(line).toBe('### ✅ `hello-web-pr-12` deployed: <http://203.0.113.10:8080>');
  });

  it('links http://IP for port 80 and https://IP for 443, skipping ports that are not web ports', () => {
    const link = (ingress: Array<{ port: number; protocol?: 'tcp' | 'udp' }>) =>
      firstLine(buildDeploySummary(success(), context({ ingress })));
    expect(link([{ port: 80 }])).toContain('<http://203.0.113.10>');
    expect(link([{ port: 443 }])).toContain('<https://203.0.113.10>');
    expect(link([{ port: 22 }, { port: 5432 }, { port: 3000, protocol: 'udp' }, { port: 3000 }])).toContain('<http://203.0.113.10:3000>');
  });

  it('has no link when no port is open, and says how to reach the instance instead', () => {
    const markdown = buildDeploySummary(success(), context({ ingress: [] }));
    expect(firstLine(markdown)).toBe('### ✅ `hello-web-pr-12` deployed');
    expect(markdown).not.toContain('http://203');
    expect(markdown).toContain('No port is open (`network.ingress` is empty), so there is no preview link.');
    expect(markdown).toContain('`aws ssm start-session --target i-0a1b2c3d4e5f60718 --region us-east-1`');
  });

  it('has no link when only non-web ports are open, and names them and the address', () => {
    const markdown = buildDeploySummary(success(), context({ ingress: [{ port: 22 }] }));
    expect(firstLine(markdown)).not.toContain('http');
    expect(markdown).toContain('No preview link: the open ports (22/tcp) are not web ports. The instance is at `203.0.113.10`.');
  });

  it('has no link without a public IP, and gives the address inside the VPC', () => {
    const result = success();
    result.instances = result.instances.map(({ public_ip: _ip, ...instance }) => instance);
    const markdown = buildDeploySummary(result, context());
    expect(firstLine(markdown)).not.toContain('http');
    expect(markdown).toContain('From inside the VPC: `http://172.31.20.5:8080`.');
  });

  it('counts the ready instances of a partial deploy and links only a ready one', () => {
    const markdown = buildDeploySummary(partial(), context());
    expect(firstLine(markdown)).toBe('### ⚠️ `hello-web-pr-12` partly deployed, 1 of 2 instances ready: <http://203.0.113.10:8080>');
    expect(markdown).not.toContain('http://203.0.113.24');
  });

  it('has no link for instances the post step is terminating', () => {
    const result = partial();
    const markdown = buildDeploySummary(result, context({ postStepWillTerminate: true }));
    expect(firstLine(markdown)).not.toContain('http');
  });

  it('says when nothing launched, and when nothing changed', () => {
    const none = failure();
    none.instances = [];
    none.failures = [];
    expect(firstLine(buildDeploySummary(none, context()))).toBe('### ❌ `hello-web-pr-12` failed, no instance launched');
    const same = success();
    same.unchanged = true;
    expect(firstLine(buildDeploySummary(same, context()))).toContain('unchanged, already running this bundle');
  });

  it('of a dry run shows the bundle, not an instance table', () => {
    const result = success();
    result.dryRun = true;
    result.instances = [];
    const markdown = buildDeploySummary(result, context());
    expect(firstLine(markdown)).toBe('### 🧪 Dry run of `hello-web-pr-12`: nothing was launched');
    expect(markdown).toContain('**Bundle**');
    expect(markdown).not.toContain('| Instance |');
  });
});

describe('buildDeploySummary: the order and what each part says', () => {
  it('puts the errors and their hints before the instances, the cost after them, internals collapsed, the footer last', () => {
    const markdown = buildDeploySummary(partial(), context());
    const errors = position(
      markdown,
      '- **SD400** i-0f9e8d7c6b5a40312 did not report a bootstrap status within 10m\\\n  Hint: Raise ready\\_timeout',
    );
    const table = position(markdown, '| Instance | Zone | State | Address |');
    const cost = position(markdown, '**Cost:** $0.0156/h for 2 instances; up to $0.37 until the 24h TTL ends them.');
    const bundle = position(markdown, '<details><summary>Bundle and user-data</summary>');
    const attempts = position(markdown, '<details><summary>Capacity attempts (2)</summary>');
    const footer = position(markdown, '<sub>spot-deployer');
    expect([errors, table, cost, bundle, attempts, footer]).toEqual(
      [...[errors, table, cost, bundle, attempts, footer]].sort((a, b) => a - b),
    );
    expect(markdown.slice(0, bundle)).not.toContain('a3f9c2d417be');
  });

  it('shows state and bootstrap in one column and the preview as the address of a ready instance', () => {
    const markdown = buildDeploySummary(partial(), context());
    expect(markdown).toContain('| i-0a1b2c3d4e5f60718 | us-east-1a | running · ✅ ready | <http://203.0.113.10:8080> |');
    expect(markdown).toContain('| i-0f9e8d7c6b5a40312 | us-east-1b | running · ⏳ no bootstrap report | 203.0.113.24 |');
  });

  it('says clearly which instances the post step is terminating', () => {
    const markdown = buildDeploySummary(failure(), context({ postStepWillTerminate: true }));
    expect(markdown).toContain('> 🗑️ **This instance is being terminated by the post step**');
    expect(markdown).toContain('| i-0c0ffee0c0ffee042 | us-east-1a | running · ❌ bootstrap failed · 🗑️ **terminating** | 203.0.113.10 |');
    expect(markdown).toContain('**Cost:** $0.0078/h for 1 instance, until the post step terminates it.');
    expect(buildDeploySummary(failure(), context())).not.toContain('terminat');
  });

  it('prices a TTL of never as running until destroy', () => {
    expect(buildDeploySummary(success(), context({ ttlSeconds: 'never' }))).toContain('no TTL, so until `destroy` removes them.');
    expect(buildDeploySummary(success(), context({ ttlSeconds: 3 * 86_400 }))).toContain('up to $1.12 until the 3d TTL ends them.');
  });

  it('ends with the commit, the time and a link to the run', () => {
    const markdown = buildDeploySummary(success(), context());
    expect(markdown.trimEnd().split('\n').at(-1)).toBe(
      '<sub>spot-deployer · commit [`9c1d2e3`](https://github.com/acme/hello-web/commit/9c1d2e3f4a5b6c7d8e9f00112233445566778899) · 2025-06-01 12:34 UTC · [workflow run](https://github.com/acme/hello-web/actions/runs/15511223344)</sub>',
    );
  });

  it('still works without a context: no link, no footer', () => {
    const markdown = buildDeploySummary(success());
    expect(firstLine(markdown)).toBe('### ✅ `hello-web-pr-12` deployed');
    expect(markdown).not.toContain('<sub>');
  });
});

describe('buildDeploySummary: hostile instance text', () => {
  it('renders the failed step and the log as text: no HTML, no mention, no escape from the code', () => {
    const html = renderGfm(buildDeploySummary(failure(), context({ postStepWillTerminate: true })));
    expect(html).not.toMatch(/<(img|script|iframe)\b/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    // Outside code, @ and # are followed by a zero-width joiner: no mention, no cross-reference.
    const outsideCode = html.replace(/<(code|pre)>[\s\S]*?<\/\1>/g, '');
    expect(outsideCode).not.toMatch(/@[\p{L}\p{N}]/u);
    expect(outsideCode).not.toMatch(/#\d/);
    expect((html.match(/<details>/g) ?? []).length).toBe((html.match(/<\/details>/g) ?? []).length);
  });

  it('strips terminal escapes from the log', () => {
    const markdown = buildDeploySummary(failure(), context());
    expect(markdown).not.toContain('\u001b');
    expect(markdown).toContain('red and a link');
  });
});

describe('buildDeploySummary: the size limit', () => {
  const hugeLog = (lines: number): string => Array.from({ length: lines }, (_, index) => `line ${index} ${'x'.repeat(90)}`).join('\n');

  it('trims log tails to keep the comment under the budget, keeps their ends and says so', () => {
    const result = failure();
    result.failures = [0, 1, 2].map((index) => ({
      id: `i-00000000000000${index}`,
      failedStep: 'script: setup.sh',
      logTail: hugeLog(2_000),
    }));
    const markdown = buildDeploySummary(result, context());
    expect(markdown.length).toBeLessThanOrEqual(60_000);
    expect(markdown.length).toBeGreaterThan(50_000);
    expect(markdown).toContain('line 1999 ');
    expect(markdown).not.toContain('line 0 ');
    expect(markdown).toMatch(/_\d+ earlier lines trimmed to stay under GitHub's 65,536-character limit/);
    expect(markdown.trimEnd().split('\n').at(-1)).toMatch(/^<sub>spot-deployer/);
  });

  it('honours a smaller budget, dropping collapsed details when even the tails do not fit', () => {
    const result = failure();
    result.failures[0]!.logTail = hugeLog(500);
    const markdown = buildDeploySummary(result, context({ maxChars: 3_000 }));
    expect(markdown.length).toBeLessThanOrEqual(3_000);
    expect(firstLine(markdown)).toContain('❌');
    expect(markdown).toContain('| Instance | Zone | State | Address |');
  });

  it('leaves a small summary whole', () => {
    const markdown = buildDeploySummary(failure(), context());
    expect(markdown).toContain(HOSTILE_LOG.split('\n').at(-1)!);
    expect(markdown).not.toContain('trimmed');
  });
});

describe('buildErrorSummary', () => {
  it('gives a run without a result a summary: outcome, error with hint, footer', () => {
    const markdown = buildErrorSummary(
      { code: 'SD201', message: 'AWS did not accept the credentials <b>', hint: 'Check `role-to-assume`.' },
      { ...context(), deploymentId: 'hello-web', command: 'deploy' },
    );
    expect(firstLine(markdown)).toBe('### ❌ deploy of `hello-web` failed');
    expect(markdown).toContain('- **SD201** AWS did not accept the credentials \\<b\\>\\\n  Hint: Check `role-to-assume`.');
    expect(markdown).toContain('<sub>spot-deployer · commit');
  });

  it('works with nothing but the time', () => {
    expect(firstLine(buildErrorSummary({ code: 'SD999', message: 'boom' }, { time: new Date(0) }))).toBe('### ❌ spot-deployer failed');
  });
});

describe('the other summaries', () => {
  it('status: the count of running instances, the preview link and the cost', () => {
    const markdown = buildStatusSummary({ deploymentId: 'hello-web', instances: success().instances, costPerHour: 0.0156 }, context());
    expect(firstLine(markdown)).toBe('### `hello-web`: 2 of 2 instances running: <http://203.0.113.10:8080>');
    expect(markdown).toContain('**Cost:** $0.0156/h for 2 instances');
  });

  it('destroy: what was removed', () => {
    const markdown = buildDestroySummary({
      deploymentId: 'hello-web-pr-12',
      terminated: [{ id: 'i-0a1b2c3d4e5f60718', region: 'us-east-1' }],
      securityGroups: ['sg-0123'],
      launchTemplates: ['lt-0123'],
      objectsDeleted: 3,
    });
    expect(markdown).toContain('`hello-web-pr-12` destroyed');
    expect(markdown).toContain('Terminated: i-0a1b2c3d4e5f60718 (us-east-1)');
    expect(markdown).toContain('Launch templates deleted: lt-0123');
  });

  it('sweep: one row per deployment', () => {
    const markdown = buildSweepSummary({
      seen: [
        { deploymentId: 'a-pr-1', instances: 1 },
        { deploymentId: 'b', instances: 2 },
      ],
      swept: [{ deploymentId: 'a-pr-1', reason: 'pull request #1 is closed' } as never],
    });
    expect(markdown).toContain('| `a-pr-1` | 1 | 🧹 pull request #\u200d1 is closed |');
    expect(markdown).toContain('| `b` | 2 | kept |');
  });

  it('instancesTable is four columns, and says so when there is nothing', () => {
    expect(instancesTable([])).toBe('_No instances._');
    expect(instancesTable(success().instances).split('\n')[0]).toBe('| Instance | Zone | State | Address |');
  });
});

describe('runLinks', () => {
  it('links the commit the run context chose and the run', () => {
    const run = {
      commit: '9c1d2e3f',
      repository: 'acme/shop',
      runUrl: 'https://github.com/acme/shop/actions/runs/42',
      serverUrl: 'https://github.com',
    };
    expect(runLinks(run)).toEqual({
      commit: '9c1d2e3f',
      commitUrl: 'https://github.com/acme/shop/commit/9c1d2e3f',
      runUrl: 'https://github.com/acme/shop/actions/runs/42',
    });
    expect(runLinks({ commit: '', repository: '', serverUrl: 'https://github.com' })).toEqual({});
  });
});
