/**
 * The job summary and the sticky PR comment as Markdown: pure functions of a
 * command's result and a {@link SummaryContext}, so the action writes them
 * once and tests can read them.
 *
 * Read top-down, a deploy summary answers what a person asks in that order:
 * did it work and where is it (first line), what went wrong and what to do,
 * which instances and their state, what it costs; the internals (bundle,
 * user-data, capacity attempts, log tails) are collapsed, and the footer says
 * which commit, when and which run. Every text that an instance or AWS wrote
 * goes through ./markdown.ts, so it renders as text and notifies nobody.
 */
import type { Attempt, DeployResult, DestroyResult, StatusResult, SweepResult, InstanceReport } from '../core/results.js';
import { formatUsd } from './format-usd.js';
import { clip, codeBlock, codeSpan, collapsed, inlineText, markdownTable, richText, safeUrl, urlLink } from './markdown.js';
import { describePorts, previewPort, previewUrl, type IngressPort } from './preview.js';
import { stripControlCharacters } from '../core/sanitize.js';

export { markdownTable } from './markdown.js';
export type { IngressPort } from './preview.js';

/** What the result does not say but the reader wants: where, when, which run, what happens next. */
export interface SummaryContext {
  /** The commit deployed (a pull request's head commit; see summary-context.ts). */
  commit?: string;
  commitUrl?: string;
  /** The workflow run. */
  runUrl?: string;
  /** When the summary is written. */
  time: Date;
  /**
   * `plan.network.ingress`, in configuration order. The first TCP port a browser can open gives
   * the preview link (`http://IP` for 80, `http://IP:PORT` otherwise); `[]` says no port is open,
   * and the summary tells how to reach the instance instead. Undefined: not known, no link.
   * Add `{ port: 22 }` when `ssh` is configured, so the summary can name it.
   */
  ingress?: readonly IngressPort[];
  /** `plan.ttlSeconds`: the cost line adds what the instances cost until the TTL ends them. */
  ttlSeconds?: number | 'never';
  /**
   * The post step will terminate the instances shown: `cleanupOnFailure && status !== 'success'
   * && !dryRun && !unchanged` (an unchanged deploy launched nothing, so the post step leaves it).
   */
  postStepWillTerminate?: boolean;
  /** Most characters the Markdown may have; default 60,000 (a PR comment holds 65,536). */
  maxChars?: number;
}

/** An error to show: a SpotError, or the `{code, message, hint}` of one. */
export interface SummaryError {
  code: string;
  message: string;
  hint?: string | undefined;
}

/** Context for {@link buildErrorSummary}: which deployment and command failed, when known. */
export interface ErrorSummaryContext extends SummaryContext {
  deploymentId?: string;
  command?: string;
}

const DEFAULT_MAX_CHARS = 60_000;
/** Errors and step names are ours plus quoted text; a few hundred characters say it all. */
const MAX_MESSAGE_CHARS = 1_000;
const MAX_STEP_CHARS = 200;
const MAX_ERRORS = 20;
const AGENT_LOG = '/var/log/spot-deployer.log';

const STATUS_ICON = { success: '✅', partial: '⚠️', failed: '❌' } as const;
const BOOTSTRAP_LABEL: Record<InstanceReport['bootstrap'], string> = {
  ok: '✅ ready',
  failed: '❌ bootstrap failed',
  pending: '⏳ no bootstrap report',
  'not-waited': 'bootstrap not waited for',
  reclaimed: '♻️ reclaimed by spot',
  unknown: '❔ bootstrap unknown',
};

const price = (value: number | undefined): string => (value === undefined ? 'unknown' : `$${formatUsd(value)}/h`);
const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** Serving, as far as we can tell: bootstrapped ok, or running when the deploy did not wait for the bootstrap. */
const isHealthy = (instance: InstanceReport): boolean =>
  instance.bootstrap === 'ok' || (instance.bootstrap === 'not-waited' && instance.state === 'running');

/** What the post step will terminate: everything this run launched that is not gone already. */
const isTerminating = (instance: InstanceReport, context: SummaryContext | undefined): boolean =>
  Boolean(context?.postStepWillTerminate) && instance.state !== 'terminated' && instance.bootstrap !== 'reclaimed';

/** The preview URL of one instance; undefined when it has no public IP or no port a browser opens. */
function instanceUrl(instance: InstanceReport, context: SummaryContext | undefined): string | undefined {
  const port = previewPort(context?.ingress);
  if (port === undefined || !instance.public_ip || !isHealthy(instance) || isTerminating(instance, context)) return undefined;
  return previewUrl(instance.public_ip, port);
}

function stateCell(instance: InstanceReport, context: SummaryContext | undefined): string {
  // "terminated · reclaimed by spot" says the same thing twice.
  const parts = instance.bootstrap === 'reclaimed' ? [] : [inlineText(instance.state)];
  parts.push(BOOTSTRAP_LABEL[instance.bootstrap]);
  if (isTerminating(instance, context)) parts.push('🗑️ **terminating**');
  return parts.join(' · ');
}

function addressCell(instance: InstanceReport, context: SummaryContext | undefined): string {
  const url = instanceUrl(instance, context);
  if (url) return urlLink(url);
  if (instance.public_ip) return inlineText(instance.public_ip);
  return instance.private_ip ? `${inlineText(instance.private_ip)} (private)` : '—';
}

/**
 * The instances as a table narrow enough for a PR comment (~780 px): instance,
 * zone, state with bootstrap, address (a link when it is the preview). Types,
 * markets and prices go in a collapsed table of their own.
 */
export function instancesTable(instances: InstanceReport[], context?: SummaryContext): string {
  if (instances.length === 0) return '_No instances._';
  return markdownTable(
    ['Instance', 'Zone', 'State', 'Address'],
    instances.map((instance) => [
      inlineText(instance.id),
      inlineText(instance.az || instance.region),
      stateCell(instance, context),
      addressCell(instance, context),
    ]),
  );
}

function instanceDetailsTable(instances: InstanceReport[]): string {
  return markdownTable(
    ['Instance', 'Type', 'Market', 'Price', 'Private IP', 'Launched'],
    instances.map((instance) => [
      inlineText(instance.id),
      inlineText(instance.type),
      inlineText(instance.lifecycle),
      price(instance.price),
      inlineText(instance.private_ip ?? '—'),
      instance.launched_at && !Number.isNaN(Date.parse(instance.launched_at)) ? formatTime(new Date(instance.launched_at)) : '—',
    ]),
  );
}

/**
 * One row per pool tried, and each distinct AWS message once below the table:
 * the ladder often meets the same error in every zone, and a long message in
 * a column squeezes the others until "us-east-1a" wraps in a comment.
 */
function attemptsDetails(attempts: Attempt[]): string {
  const table = markdownTable(
    ['Zone', 'Type', 'Market', 'Result'],
    attempts.map((attempt) => [
      inlineText(attempt.availabilityZone || attempt.region),
      inlineText(attempt.instanceType),
      attempt.market,
      attempt.errorCode ? `❌ ${inlineText(attempt.errorCode)}` : `${attempt.launched > 0 ? '✅ ' : ''}${attempt.launched} launched`,
    ]),
  );
  const messages = [
    ...new Set(attempts.flatMap((attempt) => (attempt.errorCode ? [`${attempt.errorCode}: ${attempt.message ?? ''}`] : []))),
  ];
  const list = messages.map((message) => `- ${inlineText(clip(message, MAX_MESSAGE_CHARS))}`);
  return [table, ...(list.length > 0 ? [list.join('\n')] : [])].join('\n\n');
}

/** One error: code in bold, the message, and the hint on the next line. Quoted text stays text. */
function errorItem(error: SummaryError): string {
  const message = `- **${inlineText(error.code)}** ${richText(clip(error.message, MAX_MESSAGE_CHARS))}`;
  return error.hint ? `${message}\\\n  Hint: ${richText(clip(error.hint, MAX_MESSAGE_CHARS))}` : message;
}

function errorList(errors: readonly SummaryError[]): string | undefined {
  if (errors.length === 0) return undefined;
  const shown = errors.slice(0, MAX_ERRORS).map(errorItem);
  if (errors.length > MAX_ERRORS) shown.push(`- …and ${errors.length - MAX_ERRORS} more; the run's log has them all.`);
  return shown.join('\n');
}

/** The TTL as the config spells it: 90s, 15m, 24h, 3d (one day reads better as 24h). */
function formatDuration(seconds: number): string {
  if (seconds >= 2 * 86_400 && seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] = bytes < 1024 ** 2 ? [bytes / 1024, 'KiB'] : [bytes / 1024 ** 2, 'MiB'];
  return `${value.toFixed(1)} ${unit}`;
}

/** `2025-06-01 12:34 UTC`: minutes are enough, and UTC is what the run's log shows. */
const formatTime = (time: Date): string => `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const totalUsd = (value: number): string => `$${value >= 0.01 ? value.toFixed(2) : formatUsd(value)}`;

/** `$/h` now, and what that adds up to until the TTL ends the instances. */
function costLine(instances: InstanceReport[], costPerHour: number | undefined, context: SummaryContext | undefined): string | undefined {
  const running = instances.filter((instance) => instance.state === 'pending' || instance.state === 'running');
  if (running.length === 0) return undefined;
  const now = `**Cost:** ${price(costPerHour)} for ${plural(running.length, 'instance')}`;
  if (costPerHour === undefined) return `${now} (no price found)`;
  const them = running.length === 1 ? 'it' : 'them';
  if (context?.postStepWillTerminate) return `${now}, until the post step terminates ${them}.`;
  const ttl = context?.ttlSeconds;
  if (ttl === 'never') return `${now}; no TTL, so until \`destroy\` removes ${them}.`;
  if (ttl === undefined) return `${now}.`;
  return `${now}; up to ${totalUsd((costPerHour * ttl) / 3_600)} until the ${formatDuration(ttl)} TTL ends ${them}.`;
}

function footer(context: SummaryContext | undefined): string | undefined {
  if (!context) return undefined;
  const parts = ['spot-deployer'];
  if (context.commit) {
    const short = codeSpan(context.commit.slice(0, 7));
    const url = safeUrl(context.commitUrl);
    parts.push(`commit ${url ? `[${short}](${url})` : short}`);
  }
  parts.push(formatTime(context.time));
  const run = safeUrl(context.runUrl);
  if (run) parts.push(`[workflow run](${run})`);
  return `<sub>${parts.join(' · ')}</sub>`;
}

/** A block of the summary; optional blocks go first when the whole is over the budget. */
interface Part {
  text: string | undefined;
  optional?: boolean;
}

const TRIMMED_NOTE =
  "_Some collapsed details were left out to keep this under GitHub's 65,536-character limit; the run's log has everything._";

/**
 * Joins the parts; over `maxChars`, drops optional parts from the end and says
 * so where the first of them was, and as a last resort cuts the text.
 */
function assemble(parts: Part[], maxChars: number): string {
  const join = (list: Part[]): string => `${list.flatMap((part) => (part.text ? [part.text] : [])).join('\n\n')}\n`;
  let kept = parts;
  let firstDropped = -1;
  while (join(kept).length > maxChars) {
    const last = kept.findLastIndex((part) => part.optional && part.text);
    if (last < 0) break;
    kept = kept.with(last, { text: undefined });
    firstDropped = last;
  }
  if (firstDropped >= 0) kept = kept.toSpliced(firstDropped, 0, { text: TRIMMED_NOTE });
  const text = join(kept);
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - TRIMMED_NOTE.length - 4)}\n\n${TRIMMED_NOTE}\n`;
}

/** The end of a log, at most `max` characters, starting at a line; how many lines were cut. */
function logTail(log: string, max: number): { text: string; cutLines: number } {
  const clean = stripControlCharacters(log).trimEnd();
  if (clean.length <= max) return { text: clean, cutLines: 0 };
  const kept = clean.slice(clean.length - max);
  const text = kept.slice(kept.indexOf('\n') + 1);
  return { text, cutLines: clean.split('\n').length - text.split('\n').length };
}

function failureDetails(failure: DeployResult['failures'][number], maxLogChars: number): string {
  const tail = logTail(failure.logTail, maxLogChars);
  const body = [`Failed at ${codeSpan(clip(failure.failedStep, MAX_STEP_CHARS))}. The end of the agent's log:`];
  if (tail.cutLines > 0)
    body.push(
      `_${plural(tail.cutLines, 'earlier line')} trimmed to stay under GitHub's 65,536-character limit; the whole log is ${AGENT_LOG} on the instance._`,
    );
  if (tail.text) body.push(codeBlock(tail.text));
  return collapsed(`${failure.id}: bootstrap log`, body.join('\n\n'));
}

function bundleDetails(result: DeployResult): string {
  return [
    `- Key: ${codeSpan(result.bundle.key)}`,
    `- sha256: ${codeSpan(result.bundle.sha256)}`,
    `- Size: ${formatBytes(result.bundle.bytes)} in ${plural(result.bundle.files, 'file')}; ${result.bundle.uploadedBytes > 0 ? `${formatBytes(result.bundle.uploadedBytes)} uploaded this run` : 'already in S3, not uploaded again'}`,
    `- User-data: ${result.userDataBytes} of EC2's 16,384 bytes`,
  ].join('\n');
}

function headline(result: DeployResult, url: string | undefined): string {
  const id = codeSpan(result.deploymentId);
  if (result.dryRun) return `### 🧪 Dry run of ${id}: nothing was launched`;
  const ready = result.instances.filter(isHealthy).length;
  const outcome = {
    success: result.unchanged ? 'unchanged, already running this bundle' : 'deployed',
    partial: `partly deployed, ${ready} of ${plural(result.instances.length, 'instance')} ready`,
    failed:
      result.instances.length === 0 ? 'failed, no instance launched' : `failed, 0 of ${plural(result.instances.length, 'instance')} ready`,
  }[result.status];
  return `### ${STATUS_ICON[result.status]} ${id} ${outcome}${url ? `: ${urlLink(url)}` : ''}`;
}

/** Why there is no preview link and how to reach the deployment instead; undefined when there is a link or nothing to say. */
function reachability(instances: InstanceReport[], context: SummaryContext | undefined): string | undefined {
  const ingress = context?.ingress;
  const healthy = instances.find((instance) => isHealthy(instance) && !isTerminating(instance, context));
  if (!healthy || ingress === undefined || instanceUrl(healthy, context)) return undefined;
  const port = previewPort(ingress);
  if (ingress.length === 0) {
    const target = `aws ssm start-session --target ${healthy.id} --region ${healthy.region}`;
    return richText(
      `No port is open (\`network.ingress\` is empty), so there is no preview link. Reach the instance with \`${target}\` (its instance profile needs SSM), or open a port in \`network.ingress\`.`,
    );
  }
  if (port === undefined) {
    const where = healthy.public_ip ?? healthy.private_ip ?? healthy.id;
    return richText(`No preview link: the open ports (${describePorts(ingress)}) are not web ports. The instance is at \`${where}\`.`);
  }
  const inside = healthy.private_ip ? previewUrl(healthy.private_ip, port) : undefined;
  return richText(
    `No preview link: the instances have no public IP (\`network.public_ip\`).${inside ? ` From inside the VPC: \`${inside}\`.` : ''}`,
  );
}

function terminationNotice(instances: InstanceReport[], context: SummaryContext | undefined): string | undefined {
  const leaving = instances.filter((instance) => isTerminating(instance, context));
  if (leaving.length === 0) return undefined;
  const [subject, them] = leaving.length === 1 ? ['This instance is', 'it'] : [`These ${leaving.length} instances are`, 'them'];
  return `> 🗑️ **${subject} being terminated by the post step**: the deploy did not succeed and \`cleanup-on-failure\` is on. Set \`cleanup-on-failure: false\` to keep ${them} for inspection.`;
}

function notes(result: DeployResult): string | undefined {
  const lines: string[] = [];
  if (result.retired.length > 0)
    lines.push(`Replaced ${result.retired.map(inlineText).join(', ')}: terminated after the new instances were ready.`);
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function deployParts(result: DeployResult, context: SummaryContext | undefined, maxLogChars: number): Part[] {
  const preview = result.instances.map((instance) => instanceUrl(instance, context)).find(Boolean);
  const parts: Part[] = [
    { text: headline(result, preview) },
    { text: terminationNotice(result.instances, context) },
    { text: reachability(result.instances, context) },
    { text: notes(result) },
    { text: errorList(result.errors) },
    { text: result.dryRun ? undefined : instancesTable(result.instances, context) },
    { text: costLine(result.instances, result.costPerHour, context) },
    ...result.failures.map((failure) => ({ text: failureDetails(failure, maxLogChars), optional: true })),
  ];
  if (result.dryRun) parts.push({ text: `**Bundle**\n\n${bundleDetails(result)}` });
  else {
    if (result.instances.length > 0)
      parts.push({ text: collapsed('Instance types, markets and prices', instanceDetailsTable(result.instances)), optional: true });
    parts.push({ text: collapsed('Bundle and user-data', bundleDetails(result)), optional: true });
  }
  if (result.attempts.length > 0)
    parts.push({ text: collapsed(`Capacity attempts (${result.attempts.length})`, attemptsDetails(result.attempts)), optional: true });
  parts.push({ text: footer(context) });
  return parts;
}

/**
 * The deploy's summary and PR comment. The first line is the outcome and, when
 * something is reachable, the preview link; then errors with hints, the
 * instances, the cost, collapsed details and a footer. Log tails are trimmed
 * (and say so) to keep the whole under `context.maxChars`.
 *
 * @param context what the caller knows besides the result; without it there is
 *   no preview link, no TTL cost and no footer.
 */
export function buildDeploySummary(result: DeployResult, context?: SummaryContext): string {
  const maxChars = context?.maxChars ?? DEFAULT_MAX_CHARS;
  const full = deployParts(result, context, Number.POSITIVE_INFINITY);
  if (result.failures.length === 0 || assemble(full, Number.POSITIVE_INFINITY).length <= maxChars) return assemble(full, maxChars);
  // Share what is left after everything else between the log tails (the end of each log is what
  // explains the failure); a few characters each stay spare for a longer fence.
  const withoutLogs = assemble(deployParts(result, context, 0), Number.POSITIVE_INFINITY).length;
  const perLog = Math.floor((maxChars - withoutLogs) / result.failures.length) - 20;
  return assemble(deployParts(result, context, Math.max(0, perLog)), maxChars);
}

/**
 * A summary for a run that ended without a result (AWS unreachable, bad
 * credentials, a bug), so the action can always write one: outcome first,
 * the error with its hint, and the footer.
 */
export function buildErrorSummary(error: SummaryError, context: ErrorSummaryContext): string {
  const command = inlineText(context.command ?? 'spot-deployer');
  const what = context.deploymentId ? `${command} of ${codeSpan(context.deploymentId)}` : command;
  const cleanup = context.postStepWillTerminate
    ? ' Since `cleanup-on-failure` is on, the post step terminates any instance this run launched.'
    : '';
  return assemble(
    [
      { text: `### ❌ ${what} failed` },
      { text: `spot-deployer stopped before it had a result.${cleanup}` },
      { text: errorList([error]) },
      { text: footer(context) },
    ],
    context.maxChars ?? DEFAULT_MAX_CHARS,
  );
}

/** `status`: the instances, the preview link when one is up, and the cost. */
export function buildStatusSummary(result: StatusResult, context?: SummaryContext): string {
  const running = result.instances.filter((instance) => instance.state === 'running').length;
  const preview = result.instances.map((instance) => instanceUrl(instance, context)).find(Boolean);
  return assemble(
    [
      {
        text: `### ${codeSpan(result.deploymentId)}: ${running} of ${plural(result.instances.length, 'instance')} running${preview ? `: ${urlLink(preview)}` : ''}`,
      },
      { text: instancesTable(result.instances, context) },
      { text: costLine(result.instances, result.costPerHour, context) },
      { text: footer(context) },
    ],
    context?.maxChars ?? DEFAULT_MAX_CHARS,
  );
}

/** `sweep`: which deployments were removed and why. */
export function buildSweepSummary(result: SweepResult, context?: SummaryContext): string {
  const rows = result.seen.map((seen) => {
    const swept = result.swept.find((entry) => entry.deploymentId === seen.deploymentId);
    return [codeSpan(seen.deploymentId), String(seen.instances), swept ? `🧹 ${inlineText(swept.reason)}` : 'kept'];
  });
  return assemble(
    [
      { text: `### 🧹 spot-deployer sweep: ${result.swept.length} of ${plural(result.seen.length, 'deployment')} removed` },
      { text: rows.length > 0 ? markdownTable(['Deployment', 'Instances', 'Result'], rows) : '_Nothing deployed._' },
      { text: footer(context) },
    ],
    context?.maxChars ?? DEFAULT_MAX_CHARS,
  );
}

/** `destroy` (and a closed pull request): what was removed. */
export function buildDestroySummary(result: DestroyResult, context?: SummaryContext): string {
  const ids = result.terminated.map((instance) => `${inlineText(instance.id)} (${inlineText(instance.region)})`);
  return assemble(
    [
      { text: `### 🧹 ${codeSpan(result.deploymentId)} destroyed` },
      { text: `Terminated: ${ids.length > 0 ? ids.join(', ') : 'none'}` },
      { text: `Security groups deleted: ${result.securityGroups.length > 0 ? result.securityGroups.map(inlineText).join(', ') : 'none'}` },
      {
        text: `Launch templates deleted: ${result.launchTemplates.length > 0 ? result.launchTemplates.map(inlineText).join(', ') : 'none'}`,
      },
      { text: `S3 objects deleted: ${result.objectsDeleted}` },
      { text: footer(context) },
    ],
    context?.maxChars ?? DEFAULT_MAX_CHARS,
  );
}
