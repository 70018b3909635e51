import type { Attempt, DeployResult, DestroyResult, StatusResult, SweepResult, InstanceReport } from '../core/results.js';
import { formatUsd } from './format-usd.js';
/**
 * The job summary as Markdown: a pure function of the command's result, so
 * the action writes it once and the CLI can print the same thing.
 */

const STATUS_ICON = { success: '✅', partial: '⚠️', failed: '❌' } as const;
const BOOTSTRAP_LABEL: Record<InstanceReport['bootstrap'], string> = {
  ok: '✅ ok',
  failed: '❌ failed',
  pending: '⏳ pending',
  'not-waited': '— not waited',
  reclaimed: '♻️ reclaimed by spot',
  unknown: '? unknown',
};

const escapeHtml = (value: string): string => value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const escapeCell = (value: string): string => value.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const price = (value: number | undefined): string => (value === undefined ? 'unknown' : `$${formatUsd(value)}/h`);

export function instancesTable(instances: InstanceReport[]): string {
  if (instances.length === 0) return '_No instances._';
  return markdownTable(
    ['Instance', 'Region / AZ', 'Type', 'Market', 'Public IP', 'Private IP', 'State', 'Bootstrap', 'Price'],
    instances.map((instance) => [
      instance.id,
      instance.az || instance.region,
      instance.type,
      instance.lifecycle,
      instance.public_ip ?? '—',
      instance.private_ip ?? '—',
      instance.state,
      BOOTSTRAP_LABEL[instance.bootstrap] + (instance.failed_step ? ` at \`${instance.failed_step}\`` : ''),
      price(instance.price),
    ]),
  );
}

function attemptsTable(attempts: Attempt[]): string {
  return markdownTable(
    ['Region', 'AZ', 'Type', 'Market', 'Launched', 'Error'],
    attempts.map((attempt) => [
      attempt.region,
      attempt.availabilityZone,
      attempt.instanceType,
      attempt.market,
      String(attempt.launched),
      attempt.errorCode ? `${attempt.errorCode}: ${attempt.message ?? ''}` : '—',
    ]),
  );
}

export function buildDeploySummary(result: DeployResult): string {
  const heading = result.dryRun
    ? `## 🧪 spot-deployer: dry run of \`${result.deploymentId}\``
    : `## ${STATUS_ICON[result.status]} spot-deployer: \`${result.deploymentId}\` ${result.status}`;
  const parts = [heading];
  if (result.unchanged) parts.push('The same bundle was already running; nothing changed.');
  if (result.retired.length > 0) parts.push(`Replaced: ${result.retired.join(', ')} terminated after the new instances were ready.`);
  parts.push('### Instances', instancesTable(result.instances));
  parts.push(
    '### Bundle',
    markdownTable(
      ['Key', 'sha256', 'Size', 'Files', 'Uploaded', 'User-data'],
      [
        [
          result.bundle.key,
          result.bundle.sha256,
          `${result.bundle.bytes} B`,
          String(result.bundle.files),
          `${result.bundle.uploadedBytes} B`,
          `${result.userDataBytes} B`,
        ],
      ],
    ),
  );
  if (result.attempts.length > 0) parts.push('### Capacity attempts', attemptsTable(result.attempts));
  if (result.costPerHour !== undefined) parts.push(`**Cost:** ${price(result.costPerHour)} for ${result.instances.length} instance(s).`);
  for (const failure of result.failures) {
    // A fence longer than any backtick run in the log keeps the log from closing it.
    const fence = '`'.repeat(Math.max(3, ...[...failure.logTail.matchAll(/`+/g)].map((run) => run[0].length + 1)));
    parts.push(
      `<details><summary>${failure.id}: bootstrap failed at <code>${escapeHtml(failure.failedStep)}</code> (end of the agent's log)</summary>\n\n${fence}\n${failure.logTail.trimEnd()}\n${fence}\n\n</details>`,
    );
  }
  for (const error of result.errors) parts.push(`> **${error.code}** ${error.message}${error.hint ? `\n> Hint: ${error.hint}` : ''}`);
  return `${parts.join('\n\n')}\n`;
}

export function buildStatusSummary(result: StatusResult): string {
  return `## spot-deployer: \`${result.deploymentId}\` status\n\n${instancesTable(result.instances)}\n\n**Cost:** ${price(result.costPerHour)}\n`;
}

export function buildSweepSummary(result: SweepResult): string {
  const rows = result.seen.map((seen) => {
    const swept = result.swept.find((entry) => entry.deploymentId === seen.deploymentId);
    return [seen.deploymentId, String(seen.instances), swept ? `🧹 ${swept.reason}` : 'kept'];
  });
  return `## spot-deployer sweep: ${result.swept.length} of ${result.seen.length} deployment(s) removed\n\n${rows.length > 0 ? markdownTable(['Deployment', 'Instances', 'Result'], rows) : '_Nothing deployed._'}\n`;
}

export function buildDestroySummary(result: DestroyResult): string {
  const ids = result.terminated.map((instance) => `${instance.id} (${instance.region})`);
  return (
    [
      `## 🧹 spot-deployer: \`${result.deploymentId}\` destroyed`,
      `Terminated: ${ids.length > 0 ? ids.join(', ') : 'none'}`,
      `Security groups deleted: ${result.securityGroups.length > 0 ? result.securityGroups.join(', ') : 'none'}`,
      `S3 objects deleted: ${result.objectsDeleted}`,
    ].join('\n\n') + '\n'
  );
}
