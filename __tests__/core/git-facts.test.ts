/**
 * The run context's git facts read from `.git` must equal what git itself
 * answers, for every repository shape a user may run the CLI in.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGitFacts } from '../../src/core/git-facts.js';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const quietGit = (cwd: string, ...args: string[]): string => {
  try {
    return git(cwd, ...args);
  } catch {
    return '';
  }
};
const gitSays = (cwd: string) => ({
  originUrl: quietGit(cwd, 'config', '--get', 'remote.origin.url'),
  ref: quietGit(cwd, 'symbolic-ref', '-q', 'HEAD'),
  commit: quietGit(cwd, 'rev-parse', '-q', '--verify', 'HEAD'),
});

function repository(): string {
  const root = mkdtempSync(join(tmpdir(), 'git-facts-'));
  roots.push(root);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.email', 't@example.com');
  git(root, 'config', 'user.name', 'T');
  return root;
}
function commit(root: string, file = 'a.txt'): void {
  writeFileSync(join(root, file), file);
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', file);
}

const shapes: Array<[string, () => string]> = [
  ['no commit yet, no remote', () => repository()],
  [
    'a commit, an ssh origin, asked from a subfolder',
    () => {
      const root = repository();
      git(root, 'remote', 'add', 'origin', 'git@github.com:acme/web.git');
      commit(root, 'sub.txt');
      execFileSync('mkdir', ['-p', join(root, 'app/src')]);
      return join(root, 'app/src');
    },
  ],
  [
    'packed refs and an https origin among other remotes',
    () => {
      const root = repository();
      git(root, 'remote', 'add', 'upstream', 'https://github.com/other/web.git');
      git(root, 'remote', 'add', 'origin', 'https://github.com/acme/web');
      commit(root);
      git(root, 'pack-refs', '--all');
      return root;
    },
  ],
  [
    'a detached HEAD',
    () => {
      const root = repository();
      commit(root);
      commit(root, 'b.txt');
      git(root, 'checkout', '-q', '--detach', 'HEAD~1');
      return root;
    },
  ],
  [
    'a linked worktree on its own branch',
    () => {
      const root = repository();
      git(root, 'remote', 'add', 'origin', 'https://github.com/acme/web.git');
      commit(root);
      const tree = join(root, '..', `${root.split('/').pop()}-wt`);
      roots.push(tree);
      git(root, 'worktree', 'add', '-q', '-b', 'feature', tree);
      commit(tree, 'c.txt');
      return tree;
    },
  ],
  [
    'a URL rewritten by insteadOf (git answers)',
    () => {
      const root = repository();
      git(root, 'config', 'url.https://github.com/.insteadOf', 'gh:');
      git(root, 'remote', 'add', 'origin', 'gh:acme/web');
      commit(root);
      return root;
    },
  ],
];

describe('readGitFacts', () => {
  it.each(shapes)('%s: the same as git says', (_label, make) => {
    const cwd = make();
    expect(readGitFacts(cwd)).toEqual(gitSays(cwd));
  });

  it('outside any repository: nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-git-'));
    roots.push(dir);
    expect(readGitFacts(dir)).toEqual({ originUrl: '', ref: '', commit: '' });
  });
});
