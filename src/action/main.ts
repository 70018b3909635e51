/**
 * The action's main step: read inputs, run the command, publish outputs,
 * summary and annotations. Every failure ends here as one readable message.
 */
import * as core from '@actions/core';
import { ConfigError } from '../core/errors.js';
import { execute, type CommandResult } from '../commands/execute.js';
import { githubToken, readActionInputs } from './inputs.js';
import { publishToGitHub } from '../github/publish.js';
import { pullRequestChecker } from '../github/pull-requests.js';
import type { CommandOptions } from '../commands/options.js';
import { setDeployOutputs, setEarlyOutputs, setFailedStatus, OUTPUTS } from './outputs.js';
import type { Surface } from '../core/surface.js';
import { formatError } from '../report/format-error.js';
import { buildDeploySummary, buildDestroySummary, buildStatusSummary, buildSweepSummary } from '../report/summary.js';
import { readRunContext, type RunContext } from '../core/run-context.js';
import { saveFinished, saveLaunched, saveStart } from './state.js';

const actionSurface: Surface = {
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  mask: (secret) => core.setSecret(secret),
  group: (title, work) => core.group(title, work),
  instancesLaunched: (early) => {
    setEarlyOutputs(early);
    const launched = early.instances.filter((instance) => early.launchedIds.includes(instance.id));
    saveLaunched(
      early.deploymentId,
      early.regions,
      launched.map(({ id, region }) => ({ id, region })),
    );
  },
};

function annotate(error: ConfigError): void {
  for (const issue of error.issues) {
    const properties = { title: `${issue.code} ${issue.key}`, file: issue.file, startLine: issue.line, startColumn: issue.column };
    const text = issue.hint ? `${issue.message}\nhint: ${issue.hint}` : issue.message;
    if (issue.severity === 'warning') core.warning(text, properties);
    else core.error(text, properties);
  }
}

/** GitHub problems never fail a deploy that worked: they become warnings. */
async function reportToGitHub(outcome: CommandResult, options: CommandOptions, run: RunContext): Promise<void> {
  if (outcome.command !== 'deploy' && outcome.command !== 'destroy') return;
  if (outcome.command === 'deploy' && outcome.result.dryRun) return;
  const deploy = outcome.command === 'deploy' ? outcome.result : undefined;
  const url = deploy?.instances.find((instance) => instance.public_ip)?.public_ip;
  try {
    const done = await publishToGitHub({
      token: githubToken(),
      repository: run.repository,
      sha: run.commit,
      ...(run.pullRequest === undefined ? {} : { pullRequest: run.pullRequest }),
      prComment: options.prComment,
      ...(options.environment ? { environment: options.environment } : {}),
      deploymentId: outcome.plan.deploymentId,
      markdown: outcome.command === 'deploy' ? buildDeploySummary(outcome.result) : buildDestroySummary(outcome.result),
      state: deploy ? (deploy.status === 'success' ? 'success' : 'failure') : 'inactive',
      ...(url ? { url: `http://${url}` } : {}),
    });
    for (const line of done) core.info(`spot-deployer: ${line}`);
  } catch (error) {
    core.warning(
      `spot-deployer could not update GitHub (the deployment itself is unaffected): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function publish(outcome: CommandResult): Promise<void> {
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
      await core.summary.addRaw(buildStatusSummary(outcome.result)).write();
      return;
    case 'sweep':
      await core.summary.addRaw(buildSweepSummary(outcome.result)).write();
      return;
    case 'destroy':
      core.setOutput(OUTPUTS.deploymentId, outcome.plan.deploymentId);
      core.setOutput(OUTPUTS.status, 'success');
      await core.summary.addRaw(buildDestroySummary(outcome.result)).write();
      return;
    case 'deploy':
      setDeployOutputs(outcome.result);
      saveFinished(outcome.result.status);
      await core.summary.addRaw(buildDeploySummary(outcome.result)).write();
      if (outcome.result.status !== 'success') core.setFailed(`deployment ${outcome.result.deploymentId} is ${outcome.result.status}`);
  }
}

export async function run(): Promise<void> {
  const debug = core.isDebug();
  try {
    const runEnvironment = readRunContext();
    const options = readActionInputs(runEnvironment);
    saveStart(options.command, options.cleanupOnFailure);
    if (runEnvironment.fromFork && options.command !== 'validate' && options.command !== 'plan') {
      core.notice(
        'This pull request comes from a fork: GitHub gives it no secrets and no OIDC token, so spot-deployer cannot reach AWS. Run `validate` or `plan` for forks, or deploy after merging.',
      );
    }
    const token = githubToken();
    const outcome = await execute(options, {
      surface: actionSurface,
      run: runEnvironment,
      ...(token && runEnvironment.repository ? { isPullRequestClosed: pullRequestChecker(token, runEnvironment.repository) } : {}),
    });
    await publish(outcome);
    await reportToGitHub(outcome, options, runEnvironment);
  } catch (error) {
    if (error instanceof ConfigError) annotate(error);
    setFailedStatus(undefined);
    saveFinished('failed');
    core.setFailed(formatError(error, debug));
  }
}
