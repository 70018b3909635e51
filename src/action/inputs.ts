/**
 * The only user of core.getInput: reads every input by its name and hands
 * the raw strings to the shared parser.
 */
import * as core from '@actions/core';
import { INPUT_DEFAULTS, parseOptions, type CommandOptions, type InputName, type RawInputs } from '../commands/options.js';
import type { RunContext } from '../core/run-context.js';

export function readActionInputs(run: RunContext): CommandOptions {
  const raw: RawInputs = {};
  for (const name of Object.keys(INPUT_DEFAULTS) as InputName[]) {
    const value = core.getInput(name);
    // An empty input means "use the default": the runner does not always fill defaults in (e.g. `node dist/main/index.js` by hand).
    if (value !== '') raw[name] = value;
  }
  const options = parseOptions(raw);
  // A closed pull request tears its preview down instead of deploying it again.
  if (options.command === 'deploy' && run.eventAction === 'closed' && run.pullRequest !== undefined) {
    return { ...options, command: 'destroy' };
  }
  return options;
}

export const githubToken = (): string => core.getInput('github-token');
