/** A test that needs a missing program says how to install it. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INSTALL, tool } from '../helpers/tools.js';

afterEach(() => void vi.unstubAllEnvs());

describe('tests that need a tool', () => {
  it('fail with the install command when the tool is missing', () => {
    vi.stubEnv('PATH', '/nonexistent');
    expect(() => tool('shellcheck')).toThrow(
      `this test needs shellcheck, which is not installed. Install it with:\n  ${INSTALL.shellcheck}`,
    );
    expect(() => tool('cloud-init')).toThrow('sudo apt-get install -y cloud-init');
  });

  it('name a tool for every program the suite runs', () => {
    expect(Object.keys(INSTALL).sort()).toEqual(['chromium', 'cloud-init', 'curl', 'docker-compose', 'python3', 'shellcheck', 'unshare']);
  });
});
