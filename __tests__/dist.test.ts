/**
 * dist/ is committed and must be what src/ and templates/ build to today.
 * The build records a hash of its inputs in dist/inputs.sha256; this test
 * recomputes it, so a change to src/ or templates/ without `npm run build`
 * fails here in milliseconds. The byte-for-byte rebuild runs in the
 * repository's workflow and as `npm run check-dist`; the end-to-end tests
 * run the built bundles themselves.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { distInputsHash, INPUTS_FILE } from '../scripts/dist-inputs.mjs';

describe('dist/', () => {
  it('was built from the src/ and templates/ of this commit (run `npm run build` and commit dist/ when this fails)', () => {
    expect(readFileSync(`dist/${INPUTS_FILE}`, 'utf8').trim()).toBe(distInputsHash());
  });
});
