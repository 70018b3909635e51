// Turns ncc's ES-module output in dist/cli into classic scripts, for the start
// of every command (measured in docs/performance.md, "Cold start"):
// - the entry becomes CommonJS: an entry that imports anything sets up Node's
//   ES-module loader, about 5 ms that a CommonJS entry does not pay;
// - each chunk becomes a script that src/cli/chunk-cache.ts compiles with
//   V8's code cache taken after it ran (vm.Script: only a classic script can
//   make that cache), its first line naming the sha256 of the rest;
// - chunks are printed by esbuild as ASCII without comments: V8 reads a
//   source with one non-ASCII character as two bytes a character, and
//   decoding it took twice as long; esbuild's charset=ascii escapes strings,
//   templates and regular expressions exactly. Names stay, so a
//   stack trace still names the function; licence comments go to licenses.txt.
// Every pattern is checked: an ncc whose output no longer matches fails the
// build here, not a user's command.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { CHUNK_LOADER_GLOBAL } from '../src/cli/chunk-cache.ts';

const CHUNK_PREAMBLE = /^export const id = (\d+);\nexport const ids = (\[[\d, ]+\]);\nexport const modules = /;
const CHUNK_END = '\n};\n';
const ENTRY_IMPORT = 'import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";';
const ENTRY_AWAIT = '__webpack_exports__ = await __webpack_exports__;';
const IMPORT_CHUNK = 'import("./" + __nccwpck_require__.u(chunkId))';

function replaceOnce(text, what, by, name) {
  if (text.split(what).length !== 2) throw new Error(`${name}: expected one ${what} in ncc's output`);
  return text.replace(what, () => by);
}

function entryScript(text, name) {
  let script = replaceOnce(text, ENTRY_IMPORT, 'const { createRequire: __WEBPACK_EXTERNAL_createRequire } = require("node:module");', name);
  // The entry's own top-level await is inside webpack's async-module wrapper; a failure still ends the process with its error.
  script = replaceOnce(script, ENTRY_AWAIT, '', name);
  script = replaceOnce(
    script,
    IMPORT_CHUNK,
    `globalThis.${CHUNK_LOADER_GLOBAL}(new URL("./" + __nccwpck_require__.u(chunkId), __moduleUrl))`,
    name,
  );
  script = script.replaceAll('import.meta.url', '__moduleUrl');
  if (/\bimport\.meta\b|^export |^import /m.test(script)) throw new Error(`${name}: module syntax left after the rewrite`);
  // ES modules are strict; the scripts stay so (here and in each chunk's wrapper).
  const [shebang, ...rest] = script.split('\n');
  return [shebang, '"use strict";', 'const __moduleUrl = require("node:url").pathToFileURL(__filename).href;', ...rest].join('\n');
}

function chunkScript(text, name, licenses) {
  const preamble = CHUNK_PREAMBLE.exec(text);
  if (!preamble || !text.endsWith(CHUNK_END)) throw new Error(`${name}: not the chunk shape this build knows`);
  // The one module-only expression the chunks keep; the loader passes the chunk's own URL.
  const modules = text.slice(preamble[0].length, -CHUNK_END.length).replaceAll('import.meta.url', '__chunkUrl');
  if (modules.includes('import.meta')) throw new Error(`${name}: uses import.meta beyond .url`);
  const source = `(function (__chunkUrl) {\n"use strict";\nreturn { id: ${preamble[1]}, ids: ${preamble[2]}, modules: ${modules}\n} };\n})\n`;
  const printed = transformSync(source, { loader: 'js', charset: 'ascii', legalComments: 'external', minifyWhitespace: true });
  // Whitespace minifying drops every comment; what is left outside ASCII would be in code itself.
  if (Buffer.byteLength(printed.code) !== printed.code.length) throw new Error(`${name}: esbuild left non-ASCII text`);
  if (printed.legalComments) licenses.push(printed.legalComments.trim());
  return `// spot-deployer chunk sha256=${createHash('sha256').update(printed.code).digest('hex')}\n${printed.code}`;
}

export function classicCli(folder) {
  const entry = join(folder, 'index.js');
  writeFileSync(entry, entryScript(readFileSync(entry, 'utf8'), entry));
  // Nothing in the folder is an ES module any more: the entry is read as CommonJS, the chunks as text.
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
  const licenses = [];
  for (const name of readdirSync(folder).filter((file) => /^\d+\.index\.js$/.test(file))) {
    const path = join(folder, name);
    writeFileSync(path, chunkScript(readFileSync(path, 'utf8'), path, licenses));
  }
  writeFileSync(join(folder, 'licenses.txt'), `${[...new Set(licenses)].join('\n\n')}\n`);
}
