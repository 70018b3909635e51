// Builds a bundle in a separate process (another user, another umask) and
// prints its sha256 and size as JSON. Run with Node 24 and
// `--import scripts/bench-ts-hooks.mjs`; argv[2] is JSON {projectRoot, uploads, outDir}.
import process from 'node:process';

const { buildBundle } = await import('../../src/bundle/build-bundle.ts');
const { planFor, EXTRAS } = await import('./fixtures.ts');

const { projectRoot, uploads, outDir } = JSON.parse(process.argv[2]);
const bundle = await buildBundle(planFor(projectRoot, uploads), { outDir, extraFiles: EXTRAS });
process.stdout.write(JSON.stringify({ sha256: bundle.sha256, bytes: bundle.bytes, uid: process.getuid() }));
