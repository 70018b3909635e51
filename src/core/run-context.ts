/**
 * Where this run comes from, read once for the action and the CLI alike.
 * Inside Actions it comes from the standard `GITHUB_*` variables and the
 * event file; outside it, from git (the `origin` remote and HEAD). The Plan
 * derives the deployment's name and every tag from this one value, so a CLI
 * run in a pull-request job names and tags exactly as the action does.
 * Never touches `@actions/github`, whose context throws without a repository.
 */
import { readFileSync } from 'node:fs';
import { readGitFacts } from './git-facts.js';

export interface RunContext {
  inActions: boolean;
  /** `owner/repo`; empty when neither Actions nor a git remote says. */
  repository: string;
  ref: string;
  /** The commit deployed: a pull request's head commit, not the temporary merge commit. */
  commit: string;
  pullRequest?: number;
  eventName?: string;
  /** `closed` for a pull_request event that closed the PR. */
  eventAction?: string;
  /** Unique per run attempt; outside Actions each invocation is its own run. */
  runId: string;
  actor?: string;
  /** Link to the workflow run, when in Actions. */
  runUrl?: string;
  /** `https://github.com`, or the GitHub Enterprise server. */
  serverUrl: string;
  /** The pull request's head is another repository: no secrets, no OIDC. */
  fromFork: boolean;
}

interface EventPayload {
  action?: string;
  number?: number;
  pull_request?: { number?: number; head?: { sha?: string; repo?: { full_name?: string } } };
}

function readEvent(path: string | undefined): EventPayload {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EventPayload;
  } catch {
    return {};
  }
}

/** `owner/repo` from the usual remote URL shapes (ssh, https, with or without `.git`). */
export function repositoryFromRemote(url: string): string {
  const match = /[/:]([^/:\s]+\/[^/\s]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match?.[1] ?? '';
}

function fromGit(cwd: string): Pick<RunContext, 'repository' | 'ref' | 'commit'> {
  const facts = readGitFacts(cwd);
  return { repository: repositoryFromRemote(facts.originUrl), ref: facts.ref, commit: facts.commit };
}

export interface ReadRunContextOptions {
  env?: NodeJS.ProcessEnv;
  /** The project folder, for the git fallback. */
  cwd?: string;
  now?: Date;
  /** `--repository`: wins over everything else (a terminal with no remote, or a mirror). */
  repository?: string;
}

export function readRunContext(options: ReadRunContextOptions = {}): RunContext {
  const env = options.env ?? process.env;
  const inActions = env.GITHUB_ACTIONS === 'true';
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const isPullRequest = /^pull_request/.test(env.GITHUB_EVENT_NAME ?? '');
  // Only a run in Actions may take its facts from GITHUB_*: a stray variable in a terminal must not rename a deployment.
  const local = inActions ? { repository: '', ref: '', commit: '' } : fromGit(options.cwd ?? process.cwd());
  const repository = options.repository || (inActions ? (env.GITHUB_REPOSITORY ?? '') : local.repository);
  const pullRequest = isPullRequest ? (event.pull_request?.number ?? event.number) : undefined;
  const headRepo = event.pull_request?.head?.repo?.full_name;
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    inActions,
    repository,
    ref: inActions ? (env.GITHUB_REF ?? '') : local.ref,
    commit: (isPullRequest ? event.pull_request?.head?.sha : undefined) ?? (inActions ? (env.GITHUB_SHA ?? '') : local.commit),
    ...(pullRequest === undefined ? {} : { pullRequest }),
    ...(env.GITHUB_EVENT_NAME ? { eventName: env.GITHUB_EVENT_NAME } : {}),
    ...(event.action ? { eventAction: event.action } : {}),
    runId: env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}` : `local-${(options.now ?? new Date()).getTime()}`,
    ...(env.GITHUB_ACTOR ? { actor: env.GITHUB_ACTOR } : {}),
    ...(env.GITHUB_RUN_ID && repository ? { runUrl: `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` } : {}),
    serverUrl: server,
    fromFork: Boolean(isPullRequest && headRepo && repository && headRepo !== repository),
  };
}
