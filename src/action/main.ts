/**
 * The action's main step: read inputs, run the command, publish outputs,
 * summary and annotations. Every failure ends here as one readable message.
 */
import * as core from '@actions/core';
import { CODE } from '../core/codes.js';
import { ConfigError, SpotError } from '../core/errors.js';
import { execute, type CommandResult } from '../commands/execute.js';
import { githubToken, readActionInputs } from './inputs.js';
import { announceGitHubDeployment, publishToGitHub, type GitHubTarget } from '../github/publish.js';
import type { DeployResult } from '../core/results.js';
import type { Plan } from '../plan/types.js';
import { pullRequestChecker } from '../github/pull-requests.js';
import type { CommandOptions } from '../commands/options.js';
import { deploymentUrl, setDeployOutputs, setFailedStatus, OUTPUTS } from './outputs.js';
import { actionSurface } from './surface.js';
import { failureSummary, summaryContextOf, summaryOf } from './summary.js';
import { formatError } from '../report/format-error.js';
import { readRunContext, type RunContext } from '../core/run-context.js';
import { saveFinished, saveStart } from './state.js';
import { isForkUnderPullRequestTarget } from '../commands/fork-guard.js';

function annotate(error: ConfigError): void {
  for (const issue of error.issues) {
    const properties = { title: `${issue.code} ${issue.key}`, file: issue.file, startLine: issue.line, startColumn: issue.column };
    const text = issue.hint ? `${issue.message}\nhint: ${issue.hint}` : issue.message;
    if (issue.severity === 'warning') core.warning(text, properties);
    else core.error(text, properties);
  }
}

/** What the run tells GitHub about, once the Plan names the deployment. */
function gitHubTarget(options: CommandOptions, run: RunContext, plan: Plan): GitHubTarget {
  return {
    token: githubToken(),
    repository: run.repository,
    sha: run.commit,
    ...(run.pullRequest === undefined ? {} : { pullRequest: run.pullRequest }),
    prComment: options.prComment,
    ...(options.environment ? { environment: options.environment } : {}),
    deploymentId: plan.deploymentId,
    ...(run.runUrl ? { logUrl: run.runUrl } : {}),
  };
}

/** GitHub problems never fail a deploy: they become warnings. */
async function tellGitHub<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    core.warning(
      `spot-deployer could not update GitHub (the deployment itself is unaffected): ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}

/** The comment and the deployment's final status; `deploy` undefined when the run failed before a result. */
async function reportToGitHub(
  target: GitHubTarget,
  outcome: { command: string; deploy?: DeployResult; plan: Plan; failed: boolean },
  markdown: string,
  githubDeployment: number | undefined,
): Promise<void> {
  if (outcome.command !== 'deploy' && outcome.command !== 'destroy') return;
  if (outcome.deploy?.dryRun) return;
  const url = outcome.deploy ? deploymentUrl(outcome.deploy.instances, outcome.plan.network.ingress) : '';
  const state =
    outcome.command === 'destroy' && !outcome.failed ? 'inactive' : outcome.deploy?.status === 'success' ? 'success' : 'failure';
  const done = await tellGitHub(() =>
    publishToGitHub({
      ...target,
      markdown,
      state,
      ...(url ? { url } : {}),
      ...(githubDeployment === undefined ? {} : { githubDeployment }),
    }),
  );
  for (const line of done ?? []) core.info(`spot-deployer: ${line}`);
}

async function publish(outcome: CommandResult, markdown: string | undefined): Promise<void> {
  if (markdown !== undefined) await core.summary.addRaw(markdown).write();
  switch (outcome.command) {
    case 'validate':
      core.info(`${outcome.plan.sourceFiles.join(', ')}: valid`);
      return;
    case 'plan':
      core.info(JSON.stringify(outcome.result, null, 2));
      core.setOutput(OUTPUTS.deploymentId, outcome.plan.deploymentId);
      core.setOutput(OUTPUTS.bundleSha256, outcome.result.bundle.sha256);
      core.setOutput(OUTPUTS.userDataBytes, String(outcome.result.userDataBytes));
      return;
    case 'status':
      core.setOutput(OUTPUTS.deploymentId, outcome.plan.deploymentId);
      core.setOutput(OUTPUTS.instances, JSON.stringify(outcome.result.instances));
      return;
    case 'sweep':
      return;
    case 'destroy':
      core.setOutput(OUTPUTS.deploymentId, outcome.plan.deploymentId);
      core.setOutput(OUTPUTS.status, 'success');
      return;
    case 'deploy':
      setDeployOutputs(outcome.result, outcome.plan.network.ingress);
      saveFinished(outcome.result.status);
      if (outcome.result.status !== 'success') core.setFailed(`deployment ${outcome.result.deploymentId} is ${outcome.result.status}`);
  }
}

/** Even a run that failed before any result leaves a summary naming the error (and the deployment, when known). */
async function writeFailureSummary(error: unknown, run: RunContext, command: string, plan: Plan | undefined): Promise<string> {
  const spot = error instanceof SpotError ? error : new SpotError(CODE.bug, error instanceof Error ? error.message : String(error));
  const markdown = failureSummary(spot, run, command, plan?.deploymentId);
  try {
    await core.summary.addRaw(markdown).write();
  } catch (summaryError) {
    core.warning(`could not write the job summary: ${summaryError instanceof Error ? summaryError.message : String(summaryError)}`);
  }
  return markdown;
}

/** The main step; exported so GitHub's local runner (@github/local-action) can call it. */
export async function run(): Promise<void> {
  const debug = core.isDebug();
  const runEnvironment = readRunContext();
  let command = core.getInput('command') || 'deploy';
  // Known once the project is planned: a later failure still names the deployment and updates the PR.
  let planned: { plan: Plan; target: GitHubTarget } | undefined;
  let githubDeployment: number | undefined;
  try {
    const options = readActionInputs(runEnvironment);
    command = options.command;
    for (const deprecation of options.deprecations) core.warning(deprecation);
    saveStart(options.command, options.cleanupOnFailure);
    // Under pull_request_target a fork does reach AWS: execute refuses its deploy (commands/fork-guard.ts) instead.
    if (
      runEnvironment.fromFork &&
      !isForkUnderPullRequestTarget(runEnvironment) &&
      options.command !== 'validate' &&
      options.command !== 'plan'
    ) {
      core.notice(
        'This pull request comes from a fork: GitHub gives it no secrets and no OIDC token, so spot-deployer cannot reach AWS. Run `validate` or `plan` for forks, or deploy after merging.',
      );
    }
    const token = githubToken();
    const onPlan = async (plan: Plan): Promise<void> => {
      planned = { plan, target: gitHubTarget(options, runEnvironment, plan) };
      if (options.command === 'deploy' && !options.dryRun)
        githubDeployment = await tellGitHub(() => announceGitHubDeployment(planned!.target));
    };
    const outcome = await execute(options, {
      surface: actionSurface,
      run: runEnvironment,
      onPlan,
      ...(token && runEnvironment.repository ? { isPullRequestClosed: pullRequestChecker(token, runEnvironment.repository) } : {}),
    });
    const markdown = summaryOf(outcome, summaryContextOf(outcome, options, runEnvironment));
    await publish(outcome, markdown);
    const deploy = outcome.command === 'deploy' ? outcome.result : undefined;
    const target = planned?.target ?? gitHubTarget(options, runEnvironment, outcome.plan);
    if (markdown !== undefined)
      await reportToGitHub(
        target,
        { command: outcome.command, plan: outcome.plan, failed: false, ...(deploy ? { deploy } : {}) },
        markdown,
        githubDeployment,
      );
  } catch (error) {
    if (error instanceof ConfigError) annotate(error);
    setFailedStatus(undefined);
    saveFinished('failed');
    core.setFailed(formatError(error, debug));
    const markdown = await writeFailureSummary(error, runEnvironment, command, planned?.plan);
    if (planned) await reportToGitHub(planned.target, { command, plan: planned.plan, failed: true }, markdown, githubDeployment);
  }
}
