/**
 * The CLI's Surface. On a terminal each phase shows as one line that ends
 * with its time, and repeated progress (the bootstrap wait) rewrites a single
 * status line with the time spent so far; elsewhere (CI logs, pipes) every
 * message is a plain line. Colours only when the caller says so.
 */
import type { Surface } from '../core/surface.js';
import { clockText } from '../core/clock-text.js';
import { paint, type Paint } from './colors.js';

export interface ProgressOptions {
  write: (text: string) => void;
  tty: boolean;
  debug: boolean;
  now?: () => number;
  colors?: Paint;
  /** AWS_ENDPOINT_URL when set: instances of a local endpoint never boot, which the wait should say. */
  localEndpoint?: string;
}

export const localEndpointNote = (endpoint: string): string =>
  `note: AWS_ENDPOINT_URL is set (${endpoint}); the instances of a local AWS endpoint never boot, so no bootstrap will report and this wait ends at its timeout. Deploy with --wait running to stop once they run.`;

export function progressSurface(options: ProgressOptions): Surface {
  const now = options.now ?? (() => Date.now());
  const colors = options.colors ?? paint(false);
  let statusLine = false;
  let waitStarted: number | undefined;
  const endStatusLine = (): void => {
    if (statusLine) options.write('\n');
    statusLine = false;
  };
  const line = (text: string): void => {
    endStatusLine();
    options.write(`${text}\n`);
  };
  const waitLine = (message: string): void => {
    if (waitStarted === undefined) {
      waitStarted = now();
      if (options.localEndpoint) line(colors.warn(localEndpointNote(options.localEndpoint)));
    }
    const text = `${message} (${clockText(now() - waitStarted)} elapsed)`;
    if (options.tty) {
      // \r + erase-line: the wait updates one line instead of scrolling the terminal.
      options.write(`\r\u001b[2K  ${text}`);
      statusLine = true;
    } else line(text);
  };
  const announced = new Set<string>();
  return {
    info: (message) => (message.startsWith('waiting for') ? waitLine(message) : line(message)),
    warn: (message) => line(colors.warn(`warning: ${message}`)),
    debug: (message) => (options.debug ? line(colors.dim(`debug: ${message}`)) : undefined),
    // Nothing to mask in a terminal the user owns; the URLs are never printed anyway.
    mask: () => undefined,
    group: async (title, work) => {
      const started = now();
      line(colors.bold(`▶ ${title}`));
      try {
        return await work();
      } finally {
        if (options.tty) line(`${colors.ok('✓')} ${title} (${((now() - started) / 1000).toFixed(1)} s)`);
      }
    },
    // Outputs are republished after every launch call and every replacement; the terminal hears each instance once.
    instancesLaunched: (early) => {
      // Only what this run launched: an unchanged deploy republishes the instances it keeps.
      const fresh = early.launchedIds.filter((id) => !announced.has(id));
      for (const id of fresh) announced.add(id);
      if (fresh.length > 0) line(`launched: ${fresh.join(', ')}`);
    },
  };
}
