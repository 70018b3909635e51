// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Each outside world has one folder that talks to it (docs/architecture.md):
 * the runner (@actions/core) only from src/action/, AWS only from src/aws/,
 * GitHub's API only from src/github/. Everything else takes values or a
 * Surface, so it can be tested without them. A later entry replaces the
 * rule for its folder.
 */
const only = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const CORE = { group: ['@actions/core'], message: 'Only src/action/ talks to @actions/core; take a Surface instead.' };
const AWS = { group: ['@aws-sdk/*'], message: 'Only src/aws/ imports the AWS SDK; add a narrow function there.' };
const GITHUB = { group: ['@actions/github'], message: 'Only src/github/ talks to the GitHub API.' };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tmp/', 'coverage/', '__tests__/fixtures/invalid/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/**/*.ts'], rules: only(CORE, AWS, GITHUB) },
  { files: ['src/action/**/*.ts'], rules: only(AWS, GITHUB) },
  { files: ['src/aws/**/*.ts'], rules: only(CORE, GITHUB) },
  { files: ['src/github/**/*.ts'], rules: only(CORE, AWS) },
);
