/**
 * `npm run demo`: the main job, end to end, on this machine. Starts a local
 * AWS endpoint (moto), runs the built action exactly as a GitHub runner
 * would (`deploy` of examples/hello-web), boots the launched instance by
 * running the real bootstrap agent from its user-data in a private mount
 * namespace, prints the outputs and the job summary, then tears it all down
 * with the CLI. Runs on Node 24 (npm puts it on PATH), which strips types.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { resolve } from 'node:path';
import { runAction } from '../__tests__/helpers/action-runner.ts';
import { bootDeployment, canRunAgent } from '../__tests__/helpers/instance-simulator.ts';
import { startLocalAws } from '../__tests__/helpers/local-aws.ts';
import { runCli } from '../__tests__/helpers/run-cli.ts';
import { removeTemporaryRoots } from '../__tests__/fixtures/agent/agent-harness.ts';

const EXAMPLE = resolve('examples/hello-web');
const say = (text: string): void => void process.stdout.write(`${text}\n`);
const rule = (title: string): void => say(`\n──── ${title} ${'─'.repeat(Math.max(0, 60 - title.length))}`);

async function main(): Promise<number> {
  const aws = await startLocalAws({ env: { MOTO_AMIS_PATH: resolve('__tests__/fixtures/amis.json') } });
  const ec2 = new EC2Client({
    endpoint: aws.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  try {
    rule(`local AWS endpoint: moto at ${aws.endpoint} (pid ${aws.pid})`);
    const realBoot = canRunAgent();
    if (!realBoot) say('not root: the instance cannot be booted here, so the deploy waits for "running" only');
    const env = {
      ...aws.env,
      GITHUB_REPOSITORY: 'demo/hello-web',
      GITHUB_SHA: 'demo',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_RUN_ID: String(Date.now()),
      GITHUB_RUN_ATTEMPT: '1',
    };

    rule('deploy: node dist/main/index.js (the action, as the runner runs it)');
    const deploying = runAction({
      entry: 'main',
      inputs: { command: 'deploy', 'working-directory': EXAMPLE, 'ready-timeout-minutes': '3', ...(realBoot ? {} : { wait: 'running' }) },
      env,
    });
    const boots = realBoot ? await bootDeployment(ec2, { deploymentId: 'hello-web', count: 1 }) : [];
    const deployed = await deploying;
    say(deployed.stdout.replace(/^::add-mask::.*\n/gm, '').trimEnd());
    for (const boot of boots)
      say(`\ninstance ${boot.instanceId}: bootstrap agent exited ${boot.exitCode}; its log:\n${boot.run.log().trimEnd()}`);

    rule('outputs');
    for (const [name, value] of Object.entries(deployed.outputs)) say(`${name}=${value}`);
    rule('job summary');
    say(deployed.summary.trimEnd());

    rule('post step');
    const post = await runAction({ entry: 'post', env, state: deployed.state, runnerDir: deployed.runnerDir });
    say(post.stdout.trimEnd());

    rule('spot-deployer status (CLI)');
    const status = await runCli(['status', '--dir', EXAMPLE, '--repository', 'demo/hello-web'], aws.env);
    say(status.stdout.trimEnd());

    rule('spot-deployer destroy --yes (CLI)');
    const destroyed = await runCli(['destroy', '--dir', EXAMPLE, '--yes', '--repository', 'demo/hello-web'], aws.env);
    say(`${destroyed.stderr}${destroyed.stdout}`.trimEnd());
    // The CLI names the repository the action ran as: a deployment is (repository, id), so status and destroy find it.
    const ok =
      deployed.code === 0 && deployed.outputs.status === 'success' && destroyed.code === 0 && /terminated [1-9]/.test(destroyed.stdout);
    rule(ok ? 'demo finished: deployed, ready, reported and destroyed' : 'demo FAILED');
    if (!ok) say(deployed.stderr);
    return ok ? 0 : 1;
  } finally {
    ec2.destroy();
    await aws.stop();
    removeTemporaryRoots();
  }
}

process.exitCode = await main();
