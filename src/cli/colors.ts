/**
 * Colours on a terminal, never in a pipe or a log file. NO_COLOR
 * (https://no-color.org) turns them off, FORCE_COLOR turns them on even
 * without a terminal; node:util's styleText writes the escape codes.
 */
import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

export interface Paint {
  enabled: boolean;
  error(text: string): string;
  warn(text: string): string;
  ok(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/** Whether to colour a stream: NO_COLOR wins, then FORCE_COLOR, then "is it a terminal (and not a dumb one)". */
export function colorsWanted(env: NodeJS.ProcessEnv, tty: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return tty && env.TERM !== 'dumb';
}

export function paint(enabled: boolean): Paint {
  // validateStream: false because the decision above was made for the stream the text goes to.
  const style = (format: Style) => (text: string) => (enabled ? styleText(format, text, { validateStream: false }) : text);
  return { enabled, error: style('red'), warn: style('yellow'), ok: style('green'), dim: style('dim'), bold: style('bold') };
}

/** Colours an error block as formatError writes it: the code in red, hint lines dimmed. */
export function paintError(text: string, colors: Paint): string {
  if (!colors.enabled) return text;
  return text
    .split('\n')
    .map((line) => (/^\s+hint:/.test(line) ? colors.dim(line) : line.replace(/\bSD\d{3}\b/g, (code) => colors.error(code))))
    .join('\n');
}
