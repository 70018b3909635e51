/**
 * The three facts the run context takes from git outside Actions (the
 * `origin` URL, the branch HEAD names, the commit), read from the files in
 * `.git` when their shape is the plain one: three `git` processes cost about
 * as much as the rest of `validate`. Anything less plain (an `[include]`, a
 * `url.*.insteadOf`, a ref that is neither loose nor packed) goes to `git`
 * itself, so the answer is always git's.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { lazyBuiltin } from './lazy-builtin.js';

export interface GitFacts {
  /** The `origin` remote's URL; empty when there is none. */
  originUrl: string;
  /** `refs/heads/<branch>`; empty on a detached HEAD. */
  ref: string;
  /** The commit HEAD points at; empty in a repository without one. */
  commit: string;
}

const NONE: GitFacts = { originUrl: '', ref: '', commit: '' };

// Loaded only when a repository is not of the plain shape: every command would pay for node:child_process at start.
const childProcess = lazyBuiltin<typeof import('node:child_process')>('node:child_process');

function git(cwd: string, args: string[]): string {
  try {
    return childProcess()
      .execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim();
  } catch {
    return '';
  }
}

function askGit(cwd: string): GitFacts {
  return {
    originUrl: git(cwd, ['config', '--get', 'remote.origin.url']),
    ref: git(cwd, ['symbolic-ref', '-q', 'HEAD']),
    commit: git(cwd, ['rev-parse', '-q', '--verify', 'HEAD']),
  };
}

const read = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** The git dir and the common dir (they differ in a linked worktree) of the repository holding `cwd`. */
function findGitDirs(cwd: string): { gitDir: string; commonDir: string } | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    if (existsSync(dotGit)) {
      const pointer = statSync(dotGit).isFile() ? /^gitdir: (.+)$/m.exec(read(dotGit) ?? '')?.[1] : undefined;
      const gitDir = pointer ? resolve(dir, pointer.trim()) : dotGit;
      const common = read(join(gitDir, 'commondir'))?.trim();
      return { gitDir, commonDir: common ? resolve(gitDir, common) : gitDir };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** `remote.origin.url` from a config with no includes or URL rewriting; undefined when git must answer. */
function originFrom(config: string): string | undefined {
  if (/^\s*\[(include|includeIf)\b/im.test(config) || /insteadOf\s*=/i.test(config)) return undefined;
  const section = /^\s*\[remote\s+"origin"\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/im.exec(config)?.[1];
  if (section === undefined) return '';
  return /^\s*url\s*=\s*(.+?)\s*$/im.exec(section)?.[1] ?? '';
}

function commitOf(dirs: { gitDir: string; commonDir: string }, ref: string): string | undefined {
  const loose = read(join(dirs.commonDir, ref))?.trim() ?? read(join(dirs.gitDir, ref))?.trim();
  if (loose && /^[0-9a-f]{40,64}$/.test(loose)) return loose;
  const packed = read(join(dirs.commonDir, 'packed-refs')) ?? '';
  const line = packed.split('\n').find((candidate) => candidate.endsWith(` ${ref}`));
  if (line) return line.split(' ')[0];
  // A branch with no commit yet has no ref at all; a symbolic ref in a loose file is git's to follow.
  return loose === undefined && !packed.includes(ref) ? '' : undefined;
}

export function readGitFacts(cwd: string): GitFacts {
  const dirs = findGitDirs(cwd);
  if (!dirs) return NONE;
  const head = read(join(dirs.gitDir, 'HEAD'))?.trim();
  const config = read(join(dirs.commonDir, 'config'));
  if (head === undefined || config === undefined) return askGit(cwd);
  const originUrl = originFrom(config);
  const symbolic = /^ref: (refs\/\S+)$/.exec(head)?.[1];
  const ref = symbolic ?? '';
  const commit = symbolic ? commitOf(dirs, symbolic) : /^[0-9a-f]{40,64}$/.test(head) ? head : undefined;
  if (originUrl === undefined || commit === undefined) return askGit(cwd);
  return { originUrl, ref, commit };
}
