/**
 * Markdown building blocks that stay what they look like whatever text they
 * are given. The summary and the PR comment show text that an instance wrote
 * (a failed step, a log tail) and messages that quote it; none of it may
 * become HTML, a link, a table cell of its own or an @mention that notifies
 * someone. Everything here is pure.
 */
import { stripControlCharacters } from '../core/sanitize.js';

// Zero-width joiner: invisible, but it ends the run of name characters GitHub's
// mention and reference filters look for after `@` and `#`.
const ZWJ = '\u200d';

/** At most `max` characters, with an ellipsis when something was cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** `@octocat` and `#12` notify or cross-reference on GitHub even inside escaped text. */
function defuseReferences(text: string): string {
  return text.replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZWJ}`).replace(/#(?=\d)/g, `#${ZWJ}`);
}

const oneLine = (text: string): string => stripControlCharacters(text).replace(/\s*\n\s*/g, ' ');

/**
 * Text inside a Markdown paragraph, list item or table cell, rendered
 * literally. Every inline construct (emphasis, code, links, images, HTML,
 * entities, strikethrough, table pipes, GitHub's `$math$`) is backslash-escaped, bare URLs are
 * kept from autolinking, mentions and issue references are defused, and
 * newlines become spaces. Block syntax (`# `, `- `, `1. `) is not escaped:
 * put the text after something of ours, never at the start of a line.
 */
export function inlineText(text: string): string {
  const escaped = oneLine(text)
    .replace(/[\\`*_[\]<>&|~!$]/g, '\\$&')
    // GFM autolinks bare URLs and www. names; an escape in the middle stops it.
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}\\.`);
  return defuseReferences(escaped);
}

/** Text inside raw HTML (`<summary>`): entities for the HTML specials, references defused. */
export function htmlText(text: string): string {
  const escaped = oneLine(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
  return defuseReferences(escaped);
}

const longestBacktickRun = (text: string): number => Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));

/**
 * A code span showing `text` literally: the delimiter is longer than any
 * backtick run inside, and a space pads content that starts or ends with a
 * backtick or a space (CommonMark strips exactly one on each side). Inside a
 * table cell, pass it through {@link markdownTable}, which escapes pipes.
 */
export function codeSpan(text: string): string {
  const content = oneLine(text);
  if (content.trim() === '') return '—';
  const fence = '`'.repeat(longestBacktickRun(content) + 1);
  const pad = /^[` ]|[` ]$/.test(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/**
 * A fenced code block showing `text` literally: the fence is longer than any
 * backtick run in the text, so no line of it can close the block early.
 */
export function codeBlock(text: string, language = ''): string {
  const content = stripControlCharacters(text).replace(/\s+$/, '');
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
  return `${fence}${language}\n${content}\n${fence}`;
}

/**
 * Our own prose that may quote untrusted text (error messages and hints):
 * `backticked` parts become safe code spans, everything else {@link inlineText}.
 */
export function richText(text: string): string {
  return oneLine(text)
    .split(/(`[^`]+`)/)
    .map((part) => (/^`[^`]+`$/.test(part) ? codeSpan(part.slice(1, -1)) : inlineText(part)))
    .join('')
    .trim();
}

/** An http(s) URL that can sit in `[text](url)` as it is; undefined otherwise. */
export function safeUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s<>()"'`\\]+$/.test(url) ? url : undefined;
}

/** `[text](url)` when the URL is safe, else the text alone. */
export function link(text: string, url: string | undefined): string {
  const safe = safeUrl(url);
  return safe ? `[${inlineText(text)}](${safe})` : inlineText(text);
}

/** The URL as its own link text (`<url>`, a CommonMark autolink) when it is safe, else as text. */
export function urlLink(url: string): string {
  const safe = safeUrl(url);
  return safe ? `<${safe}>` : inlineText(url);
}

// GFM takes any pipe right after a backslash as escaped and then removes one backslash before
// each pipe, so a backslash before every pipe keeps the row whole and the text as it was.
const escapeCell = (value: string): string => value.replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|');

/**
 * A GFM table. Cells are Markdown (links, code spans): build them from
 * {@link inlineText}, {@link codeSpan} or {@link link}. Every pipe gets a
 * backslash, also inside code spans, where GFM removes it again.
 */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `<details>` with a plain-text summary; the body is Markdown (blank lines keep it Markdown). */
export function collapsed(summary: string, body: string): string {
  return `<details><summary>${htmlText(summary)}</summary>\n\n${body}\n\n</details>`;
}
