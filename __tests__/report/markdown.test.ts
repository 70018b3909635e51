/**
 * The Markdown building blocks, rendered the way GitHub renders (GFM, raw
 * HTML allowed, autolinks on): hostile text comes out as the same text.
 */
import { describe, expect, it } from 'vitest';
import { codeBlock, codeSpan, htmlText, inlineText, markdownTable, richText, safeUrl, urlLink } from '../../src/report/markdown.js';
import { renderGfm } from '../helpers/render-markdown.js';

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '@octocat and @github/security',
  'see #12 and acme/hello#3',
  'a `tick` and ``` fences ```` and a lone `',
  '*bold* _em_ ~~gone~~ **strong**',
  '[link](https://evil.example) ![img](https://evil.example/x.png) <https://evil.example>',
  'https://evil.example www.evil.example',
  'a | pipe \\| escaped \\\\| double',
  '&lt; &amp; &#64;entity',
  'back\\slash \\* star',
  '</details></summary><details open>',
  'costs $x^2$ and $$\\frac{1}{2}$$',
];

const decode = (html: string): string =>
  html
    .replace(/<[^>]+>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');

const withoutZwj = (text: string): string => text.replaceAll('\u200d', '');

/** Tag names in the rendered HTML. */
const tags = (html: string): string[] => [...html.matchAll(/<([a-z0-9]+)/gi)].map((match) => match[1]!.toLowerCase());

describe('inlineText', () => {
  it.each(HOSTILE)('renders %j as exactly that text, with no element', (text) => {
    const html = renderGfm(`Step: ${inlineText(text)}`);
    expect(tags(html)).toEqual(['p']);
    expect(withoutZwj(decode(html)).trim()).toBe(`Step: ${text}`);
  });

  it('keeps mentions and issue references from forming: a zero-width joiner follows @ and #', () => {
    const text = decode(renderGfm(`x ${inlineText('@octocat #12 me@example.com')}`));
    expect(text).not.toMatch(/@[\p{L}\p{N}]/u);
    expect(text).not.toMatch(/#\d/);
  });

  it('puts a multi-line text on one line and drops control characters', () => {
    expect(inlineText('one\n# two\r\n- three\u001b[31m')).toBe('one # two - three');
  });
});

describe('markdownTable', () => {
  it.each(HOSTILE)('keeps %j inside its own cell', (text) => {
    const html = renderGfm(markdownTable(['Step', 'After'], [[inlineText(text), 'end']]));
    const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((match) => withoutZwj(decode(match[1]!)));
    expect(cells).toEqual([text, 'end']);
  });

  it('escapes a pipe inside a code span, which GFM unescapes again, backslashes included', () => {
    for (const text of ['a|b', 'a\\|b', 'a\\\\|b']) {
      const html = renderGfm(markdownTable(['Code', 'After'], [[codeSpan(text), 'end']]));
      expect(html).toContain(`<td><code>${text}</code></td>`);
      expect(html).toContain('<td>end</td>');
    }
  });
});

describe('codeSpan', () => {
  it.each(['plain', '`starts', 'ends`', 'a `` run ``` of ```` ticks', ' spaced ', '<img src=x> @octocat'])('shows %j literally', (text) => {
    const html = renderGfm(`x ${codeSpan(text)} y`);
    expect(tags(html)).toEqual(['p', 'code']);
    expect(decode(html)).toBe(`x ${text} y\n`);
  });

  it('shows an empty text as a dash rather than stray backticks', () => {
    expect(codeSpan('  ')).toBe('—');
  });
});

describe('codeBlock', () => {
  it('cannot be closed early by the text, whatever its backtick runs', () => {
    const log = 'before\n```\n````\n</details><img src=x>\n`````js\nafter';
    const html = renderGfm(`${codeBlock(log)}\n\nparagraph after`);
    expect(tags(html)).toEqual(['pre', 'code', 'p']);
    expect(decode(html.slice(0, html.indexOf('</pre>')))).toBe(`${log}\n`);
  });
});

describe('richText', () => {
  it('makes backticked parts code and escapes the rest', () => {
    const html = renderGfm(`- ${richText('run `npm ci` then <b>fix</b> @octocat')}`);
    expect(tags(html)).toEqual(['ul', 'li', 'code']);
    expect(withoutZwj(decode(html)).trim()).toBe('run npm ci then <b>fix</b> @octocat');
  });
});

describe('htmlText', () => {
  it('is plain text inside <summary>', () => {
    const html = renderGfm(`<details><summary>${htmlText('</summary><img src=x> @octocat')}</summary>\n\nbody\n\n</details>`);
    expect(tags(html)).toEqual(['details', 'summary', 'p']);
  });
});

describe('safeUrl and urlLink', () => {
  it('accepts http(s) URLs that cannot break out of a link', () => {
    expect(safeUrl('https://github.com/acme/app/actions/runs/1')).toBe('https://github.com/acme/app/actions/runs/1');
    for (const url of ['javascript:alert(1)', 'https://x.example/a b', 'https://x.example/)[x](y', 'https://x.example/<x>', '', undefined])
      expect(safeUrl(url)).toBeUndefined();
  });

  it('links a safe URL and leaves anything else as text', () => {
    expect(renderGfm(urlLink('http://203.0.113.10:8080'))).toContain('<a href="http://203.0.113.10:8080">http://203.0.113.10:8080</a>');
    expect(tags(renderGfm(urlLink('javascript:alert(1)')))).toEqual(['p']);
  });
});
