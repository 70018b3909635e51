// Lets Node 24 run our TypeScript sources directly: Node strips the types by
// itself, but our imports say `./paths.js` (NodeNext style) while the file on
// disk is `paths.ts`. This resolve hook retries a missing relative `.js` as
// `.ts`. Used by `npm run bench` and by tests that build in a child process
// (e.g. as another user); import it before any module under src/.
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath, URL } from 'node:url';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if ((specifier.startsWith('.') || specifier.startsWith('/')) && specifier.endsWith('.js') && context.parentURL) {
      const url = new URL(specifier, context.parentURL);
      if (!existsSync(fileURLToPath(url))) {
        const ts = new URL(url.href.replace(/\.js$/, '.ts'));
        if (existsSync(fileURLToPath(ts))) return nextResolve(ts.href, context);
      }
    }
    return nextResolve(specifier, context);
  },
});
