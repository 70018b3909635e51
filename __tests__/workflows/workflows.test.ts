/**
 * Every workflow we ship or run (.github/workflows, the ones `init` writes)
 * and action.yml, checked by GitHub's own parser (@actions/workflow-parser,
 * from actions/languageservices), plus what the parser does not know: the
 * actions used run on node24, previews never run for forks, one concurrency
 * group per deployment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';

const WORKFLOWS = [
  ...readdirSync('.github/workflows').map((name) => join('.github/workflows', name)),
  ...readdirSync('templates/init')
    .filter((name) => name.endsWith('.yml'))
    .map((name) => join('templates/init', name)),
];

/**
 * The first major of each action that runs on node24 (checked against the
 * actions' release notes; see docs/decisions.md). An action missing here fails
 * the test until someone looks its runtime up.
 */
const NODE24_FROM: Record<string, number> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/setup-python': 6,
  'aws-actions/configure-aws-credentials': 6,
  // This action (action.yml says node24; a test below checks).
  'spot-deployer/spot-deployer': 2,
};

const usesOf = (text: string): string[] => [...text.matchAll(/^\s*-?\s*uses:\s*([^\s#]+)/gm)].map((match) => match[1]!);

describe('workflows and action.yml', () => {
  it.each(WORKFLOWS)('%s passes GitHub’s workflow parser', (file) => {
    const result = parseWorkflow({ name: file, content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((error) => error.message)).toEqual([]);
    expect(result.value).toBeDefined();
  });

  it('the parser does reject a broken workflow (so the checks above mean something)', () => {
    const broken =
      'on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minute: 3\n    steps:\n      - uses: actions/checkout@v7\n        run: echo both\n';
    const result = parseWorkflow({ name: 'broken.yml', content: broken }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().length).toBeGreaterThan(0);
  });

  it('action.yml passes GitHub’s action parser', () => {
    const result = parseAction({ name: 'action.yml', content: readFileSync('action.yml', 'utf8') }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((error) => error.message)).toEqual([]);
    expect((parse(readFileSync('action.yml', 'utf8')) as { runs: { using: string } }).runs.using).toBe('node24');
  });

  it('uses no Node 20 action anywhere: workflows, README and docs', () => {
    const files = [
      ...WORKFLOWS,
      'README.md',
      ...readdirSync('docs')
        .map((name) => join('docs', name))
        .filter((name) => name.endsWith('.md')),
    ];
    const seen: string[] = [];
    for (const file of files) {
      for (const uses of usesOf(readFileSync(file, 'utf8'))) {
        if (uses.startsWith('./')) continue;
        const match = /^([^@]+)@v(\d+)/.exec(uses);
        const name = match?.[1]?.replace(/^<owner>/, 'spot-deployer');
        expect(match, `${file}: ${uses} is pinned to a major tag`).toBeTruthy();
        expect(NODE24_FROM[name!], `${file}: ${name} is not in the node24 table`).toBeDefined();
        expect(Number(match![2]), `${file}: ${uses} runs on Node 20`).toBeGreaterThanOrEqual(NODE24_FROM[name!]!);
        seen.push(uses);
      }
    }
    expect(seen).toContain('actions/checkout@v7');
    expect(seen).toContain('aws-actions/configure-aws-credentials@v6');
  });

  it('the preview workflow never runs for a fork’s pull request', () => {
    const preview = parse(readFileSync('templates/init/spot-preview.yml', 'utf8')) as { jobs: Record<string, { if?: string }> };
    const jobs = Object.values(preview.jobs);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(job.if).toBe('github.event.pull_request.head.repo.full_name == github.repository');
  });

  it('has one concurrency group per deployment, never cancelled midway', () => {
    const groups: Record<string, string> = {};
    for (const name of ['spot-deploy.yml', 'spot-preview.yml', 'spot-sweep.yml']) {
      const workflow = parse(readFileSync(join('templates/init', name), 'utf8')) as {
        concurrency: { group: string; 'cancel-in-progress': boolean };
      };
      expect(workflow.concurrency['cancel-in-progress'], name).toBe(false);
      groups[name] = workflow.concurrency.group;
    }
    expect(groups['spot-preview.yml']).toBe('spot-deployer-${{ github.repository }}-pr-${{ github.event.pull_request.number }}');
    // A dispatch deploys the config's one deployment from any branch: the group must not depend on the ref.
    expect(groups['spot-deploy.yml']).toBe('spot-deployer-${{ github.repository }}');
    expect(groups['spot-deploy.yml']).not.toContain('github.ref');
  });

  it('deprecates timeout-minutes in action.yml in favour of ready-timeout-minutes', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as {
      inputs: Record<string, { deprecationMessage?: string; description: string }>;
    };
    expect(action.inputs['timeout-minutes']?.deprecationMessage).toContain('ready-timeout-minutes');
    expect(action.inputs['ready-timeout-minutes']?.description).toBeTruthy();
    for (const command of ['validate', 'plan', 'deploy', 'status', 'destroy', 'sweep']) {
      expect(action.inputs.command?.description).toContain(command);
    }
  });
});
