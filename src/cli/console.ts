/**
 * Plain-text results for the terminal: one line per fact, tables as aligned
 * columns, nothing that needs a TTY. Instances write part of it (a failed
 * step, the end of their log), so the text goes out through
 * sanitizeForTerminal: no escape sequence reaches the terminal and no line
 * is a workflow command when the CLI runs in a GitHub Actions step.
 */
import type { CommandResult } from '../commands/execute.js';
import { formatUsd } from '../report/format-usd.js';
import type { InstanceReport } from '../core/results.js';
import type { LogsResult } from '../commands/logs.js';
import { sanitizeForTerminal } from '../core/sanitize.js';

export function columns(rows: string[][]): string {
  const widths = rows[0]?.map((_, index) => Math.max(...rows.map((row) => (row[index] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, index) => cell.padEnd(widths[index] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function instanceLines(instances: InstanceReport[]): string {
  if (instances.length === 0) return 'no instances\n';
  const rows = [['INSTANCE', 'AZ', 'TYPE', 'MARKET', 'PUBLIC IP', 'STATE', 'BOOTSTRAP', '$/H']];
  for (const instance of instances) {
    rows.push([
      instance.id,
      instance.az,
      instance.type,
      instance.lifecycle,
      instance.public_ip ?? '-',
      instance.state,
      instance.bootstrap + (instance.failed_step ? ` (${instance.failed_step})` : ''),
      instance.price === undefined ? '-' : formatUsd(instance.price),
    ]);
  }
  return `${columns(rows)}\n`;
}

export const renderConsole = (outcome: CommandResult): string => sanitizeForTerminal(consoleText(outcome));

function consoleText(outcome: CommandResult): string {
  switch (outcome.command) {
    case 'validate':
      return `${outcome.plan.sourceFiles.join(', ')}: valid${outcome.warnings.length > 0 ? ` (${outcome.warnings.length} warning(s))` : ''}\n`;
    case 'plan': {
      const { result } = outcome;
      const regions = result.regions
        .map((region) => `  ${region.name}: ${region.count} × ${region.instanceTypes.join(' | ')} (${region.image})`)
        .join('\n');
      const files = result.files
        .map((file) => `  ${file.mode} ${String(file.size).padStart(9)}  ${file.path}${file.secret ? '  (secret)' : ''}`)
        .join('\n');
      return `deployment ${result.deploymentId} (${result.market})\nregions:\n${regions}\nbundle: ${result.bundle.bytes} bytes, ${result.bundle.files} files, sha256 ${result.bundle.sha256}\nfiles:\n${files}\nuser-data: ${result.userDataBytes} bytes\n${result.estimatedCostPerHour === undefined ? '' : `estimated cost: $${result.estimatedCostPerHour}/h\n`}${result.notices.map((notice) => `notice: ${notice}\n`).join('')}`;
    }
    case 'status':
      return `deployment ${outcome.result.deploymentId}\n${instanceLines(outcome.result.instances)}`;
    case 'sweep': {
      const swept = outcome.result.swept.map(
        (entry) => `swept ${entry.deploymentId}: ${entry.reason} (${entry.destroyed.terminated.length} instance(s))\n`,
      );
      return `${outcome.result.seen.length} deployment(s) found, ${outcome.result.swept.length} swept\n${swept.join('')}`;
    }
    case 'destroy':
      return `deployment ${outcome.result.deploymentId}: terminated ${outcome.result.terminated.length} instance(s), ${outcome.result.securityGroups.length} security group(s), ${outcome.result.launchTemplates.length} launch template(s), ${outcome.result.objectsDeleted} S3 object(s)\n`;
    case 'deploy': {
      const { result } = outcome;
      const head = result.dryRun
        ? `dry run of ${result.deploymentId}: nothing launched`
        : `deployment ${result.deploymentId}: ${result.status}${result.unchanged ? ' (unchanged)' : ''}`;
      const failures = result.failures
        .map((failure) => `\n${failure.id}: bootstrap failed at ${failure.failedStep}; end of its log:\n${failure.logTail.trimEnd()}\n`)
        .join('');
      const errors = result.errors
        .map((error) => `${error.code} ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}\n`)
        .join('');
      return `${head}\n${instanceLines(result.instances)}bundle ${result.bundle.key} (${result.bundle.bytes} bytes, ${result.bundle.files} files, ${result.bundle.uploadedBytes} uploaded)\nuser-data ${result.userDataBytes} bytes\n${failures}${errors}`;
    }
  }
}

/** `logs`: each instance's last log lines under a header line. */
export const renderLogs = (result: LogsResult): string => sanitizeForTerminal(logsText(result));

function logsText(result: LogsResult): string {
  if (result.logs.length === 0) return `deployment ${result.deploymentId}: no instances\n`;
  return result.logs
    .map((log) => {
      const head = `== ${log.id} (${log.region}, ${log.state}) bootstrap ${log.bootstrap}${log.failedStep ? ` at ${log.failedStep}` : ''}${log.finishedAt ? `, ${log.finishedAt}` : ''}`;
      const body = log.logTail.trimEnd() || '(the agent has not reported yet; its full log is /var/log/spot-deployer.log on the instance)';
      return `${head}\n${body}\n`;
    })
    .join('\n');
}
