/**
 * Text that comes from an instance (a failed step's name, the end of the
 * agent's log) is written by whoever controls the project, which on a pull
 * request is anyone who can open one. Before it is printed to a terminal or to
 * the Actions log it goes through here, so it can neither drive the terminal
 * (ANSI/OSC escapes: colours, titles, hyperlinks, clipboard writes) nor the
 * runner (`::add-mask::`, `::error::`, `::stop-commands::`, …).
 */

// ESC-introduced sequences, in the order ECMA-48 defines them:
// CSI `ESC [` params intermediates final; OSC/DCS/SOS/PM/APC strings ended by BEL or ST;
// and the other escapes (ESC, intermediates, one final byte). A hostile log may leave a
// string unterminated; it then ends at the line's end rather than swallowing the rest.
const ESCAPE_SEQUENCE = new RegExp(
  [
    String.raw`\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?`,
    String.raw`\x1b[\]PX^_][^\n]*?(?:\x07|\x1b\\|(?=\n)|$)`,
    String.raw`\x1b[\x20-\x2f]*[\x30-\x7e]?`,
  ].join('|'),
  'g',
);

// The same sequences introduced by their 8-bit C1 forms (CSI 0x9B, OSC 0x9D, DCS 0x90, SOS 0x98, PM 0x9E, APC 0x9F).
const C1_SEQUENCE = new RegExp(
  [String.raw`\x9b[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?`, String.raw`[\x90\x98\x9d\x9e\x9f][^\n]*?(?:\x07|\x9c|\x1b\\|(?=\n)|$)`].join('|'),
  'g',
);

// Every C0 control but tab and newline, DEL and every C1 control.
// eslint-disable-next-line no-control-regex -- finding control characters is the point here
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

// Bidirectional embeddings, overrides and isolates: they can make a line read differently
// from what it contains ("Trojan Source"). Legitimate logs have no use for them.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * The runner reads a workflow command from any output line that, after its leading
 * whitespace, starts with `::` (or the legacy `##[`). A zero-width space after the first
 * character keeps the line readable but no longer a command: the runner trims only
 * whitespace, and U+200B is not whitespace.
 */
const WORKFLOW_COMMAND = /^\s*(?::(?=:)|#(?=#\[))/gm;

/**
 * Removes ANSI/ECMA-48 escape sequences (7- and 8-bit forms) and every other C0/C1 control
 * character except `\n` and `\t`, plus bidi override characters. `\r\n` becomes `\n`; a lone
 * `\r`, which a terminal would use to overwrite the line, is removed.
 */
export function stripControlCharacters(text: string): string {
  return text.replaceAll('\r\n', '\n').replace(ESCAPE_SEQUENCE, '').replace(C1_SEQUENCE, '').replace(CONTROL, '').replace(BIDI_CONTROL, '');
}

/**
 * Makes instance-supplied text safe to print to a terminal or the Actions log: no control
 * characters or escape sequences (see {@link stripControlCharacters}), and no line that the
 * runner would take for a workflow command. Pure; `\n` and `\t` are kept.
 */
export function sanitizeForTerminal(text: string): string {
  return stripControlCharacters(text).replace(WORKFLOW_COMMAND, '$&\u200b');
}

/** Instance-supplied text as one safe line of at most `max` characters, for messages that quote it. */
export function sanitizedLine(text: string, max: number): string {
  return sanitizeForTerminal(text).replace(/\s+/g, ' ').trim().slice(0, max);
}
