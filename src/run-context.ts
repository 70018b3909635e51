/**
 * Where this run comes from, read from the standard GitHub Actions variables
 * when present. Outside Actions (the CLI) it falls back to local values; it
 * never touches `@actions/github`, whose context throws without a repository.
 */
import { readFileSync } from 'node:fs';
import type { RunContext } from './aws/tags.js';

export interface RunEnvironment extends RunContext {
  inActions: boolean;
  eventName?: string;
  /** `closed` for a pull_request event that closed the PR. */
  eventAction?: string;
  /** Head repository differs from the base: no secrets, no OIDC. */
  fromFork: boolean;
}

interface PullRequestEvent {
  action?: string;
  number?: number;
  pull_request?: { number?: number; head?: { repo?: { full_name?: string } } };
}

function readEvent(path: string | undefined): PullRequestEvent {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PullRequestEvent;
  } catch {
    return {};
  }
}

export function readRunEnvironment(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): RunEnvironment {
  const inActions = env.GITHUB_ACTIONS === 'true';
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const isPullRequest = /^pull_request/.test(env.GITHUB_EVENT_NAME ?? '');
  const pullRequest = isPullRequest ? (event.pull_request?.number ?? event.number) : undefined;
  const repository = env.GITHUB_REPOSITORY ?? '';
  const headRepo = event.pull_request?.head?.repo?.full_name;
  return {
    inActions,
    repository,
    ref: env.GITHUB_REF ?? '',
    sha: env.GITHUB_SHA ?? '',
    // Outside Actions each invocation is its own run; the time keeps launch tokens unique.
    runId: env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}` : `local-${now.getTime()}`,
    pullRequest,
    eventName: env.GITHUB_EVENT_NAME,
    eventAction: event.action,
    fromFork: Boolean(isPullRequest && headRepo && repository && headRepo !== repository),
  };
}
