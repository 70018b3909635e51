/**
 * YAML for cloud-init's parser (PyYAML, YAML 1.1). Two things differ from
 * the YAML 1.2 the `yaml` library writes for: U+0085, U+2028 and U+2029 are
 * line breaks there (so a value holding one written raw could end its block
 * and start a top-level key), and PyYAML refuses the whole stream when it
 * meets a raw C0/C1 control, U+FFFE/U+FFFF, or a tab where a plain scalar
 * cannot have one (cloud-init then drops the whole user-data).
 *
 * So every string holding such a character is written double-quoted, where
 * YAML has an escape for each of them, and the characters the library leaves
 * raw inside double quotes are written as their escapes (`\N`, `\L`, `\P`,
 * `\xNN`, `\uNNNN`; all YAML 1.1). The replacement runs on the library's
 * output, which is sound because those characters can then only occur inside
 * double-quoted scalars (no comments: the document is built from values).
 */
import { Document, visit } from 'yaml';

/** Characters PyYAML reads as something else, or refuses, when written raw. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_QUOTES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\t\r]/u;
const LEFT_RAW = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/gu;

const ESCAPES: Record<string, string> = { '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P' };

function escapeOf(char: string): string {
  const code = char.codePointAt(0)!;
  return ESCAPES[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** The document as YAML that PyYAML reads back to the same structure, whatever its strings hold. */
export function stringifyForCloudInit(value: Record<string, unknown>): string {
  const document = new Document(value, { aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && NEEDS_QUOTES.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return document.toString({ lineWidth: 0 }).replace(LEFT_RAW, escapeOf);
}
