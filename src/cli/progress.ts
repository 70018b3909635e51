/**
 * The CLI's Surface. On a terminal each phase shows as one line that ends
 * with its time, and repeated progress (the bootstrap wait) rewrites a single
 * status line; elsewhere (CI logs, pipes) every message is a plain line.
 */
import type { Surface } from '../core/surface.js';

export interface ProgressOptions {
  write: (text: string) => void;
  tty: boolean;
  debug: boolean;
  now?: () => number;
}

export function progressSurface(options: ProgressOptions): Surface {
  const now = options.now ?? (() => Date.now());
  let statusLine = false;
  const endStatusLine = (): void => {
    if (statusLine) options.write('\n');
    statusLine = false;
  };
  const line = (text: string): void => {
    endStatusLine();
    options.write(`${text}\n`);
  };
  return {
    info: (message) => {
      if (options.tty && message.startsWith('waiting for')) {
        // \r + erase-line: the wait updates one line instead of scrolling the terminal.
        options.write(`\r\u001b[2K  ${message}`);
        statusLine = true;
      } else line(message);
    },
    warn: (message) => line(`warning: ${message}`),
    debug: (message) => (options.debug ? line(`debug: ${message}`) : undefined),
    // Nothing to mask in a terminal the user owns; the URLs are never printed anyway.
    mask: () => undefined,
    group: async (title, work) => {
      const started = now();
      line(`▶ ${title}`);
      try {
        return await work();
      } finally {
        if (options.tty) line(`✓ ${title} (${((now() - started) / 1000).toFixed(1)} s)`);
      }
    },
    instancesLaunched: (early) => line(`launched: ${early.instances.map((instance) => instance.id).join(', ') || 'none'}`),
  };
}
