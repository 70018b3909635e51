/**
 * Renders the two files of `.spot-bundle/` that drive the bootstrap agent
 * (templates/bootstrap.sh): `steps.sh`, a list of calls to the agent's `sd_*`
 * functions that the agent sources, and `env`, the deployment's environment.
 * Every value is shell-quoted here, once, so the agent never evaluates user
 * text as code. Contract: docs/bootstrap-agent.md.
 */
import { posix } from 'node:path';
import { SpotError } from '../core/errors.js';
import type { HealthCheck, Manifest, ScriptStep, ServiceStep } from '../plan/types.js';
import { instancePath } from '../plan/paths.js';
import { envFileQuote, shellQuote } from './shell-quote.js';
import { CODE } from '../core/codes.js';
import { ENV_NAME_PATTERN, isShellReservedName } from '../config/env-names.js';

export { shellQuote };

const ENV_NAME = ENV_NAME_PATTERN;

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function checkedEnvName(name: string, where: string): string {
  if (!ENV_NAME.test(name)) {
    throw new SpotError(CODE.badEnvName, `${where}: "${name}" is not a valid environment variable name`, {
      key: where,
      hint: 'Use letters, digits and underscores, not starting with a digit (e.g. APP_PORT).',
    });
  }
  if (isShellReservedName(name)) {
    throw new SpotError(CODE.badEnvName, `${where}: "${name}" is a name bash keeps for itself`, {
      key: where,
      hint: 'Choose another name, e.g. APP_' + name + '.',
    });
  }
  return name;
}

/**
 * The deployment's env file: one `KEY="value"` line per variable, sorted.
 * It is read by bash (`set -a; .`) and by systemd (`EnvironmentFile=`),
 * whose parsers agree on double quotes with exactly `\ " $ \`` escaped
 * (a value may span lines), and disagree on bash's `'it'\''s` idiom.
 */
export function renderEnvFile(env: Record<string, string>): string {
  const lines = Object.keys(env)
    .sort(byName)
    .map((name) => `${checkedEnvName(name, 'env')}=${envFileQuote(env[name] ?? '')}`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export { instancePath };

/** `app` → `app.service`; a name that already has a unit suffix is kept. */
export const unitName = (name: string): string => (/\.[a-z]+$/.test(name) ? name : `${name}.service`);

/**
 * Services in `after` order; among services that are ready at the same
 * time, the declaration order wins. Names in `after` that are not ours
 * (e.g. `network-online.target`) are systemd's business and are ignored.
 */
export function orderServices(services: ServiceStep[]): ServiceStep[] {
  const names = services.map((service) => unitName(service.name));
  const done = new Set<string>();
  const ordered: ServiceStep[] = [];
  while (ordered.length < services.length) {
    const next = services.findIndex((service, index) => {
      const name = names[index] ?? '';
      if (done.has(name)) return false;
      return service.after.map(unitName).every((dep) => done.has(dep) || !names.includes(dep) || dep === name);
    });
    if (next === -1) {
      const left = names.filter((name) => !done.has(name));
      throw new SpotError(CODE.serviceCycle, `services ${left.join(', ')} wait for each other in their "after" lists`, {
        key: 'services',
        hint: 'Remove one "after" entry so the services can start one after the other.',
      });
    }
    done.add(names[next] ?? '');
    ordered.push(services[next]!);
  }
  return ordered;
}

const call = (name: string, fn: string, args: string[]): string => [`sd_step ${shellQuote(name)} ${fn}`, ...args.map(shellQuote)].join(' ');

const hookLines = (phase: string, hooks: string[], target: string): string[] =>
  hooks.map((hook, index) => call(`${phase}:${index + 1}`, 'sd_run', [target, 'root', '0', 'command', hook]));

function scriptLine(manifest: Manifest, script: ScriptStep, index: number): string {
  const kind = script.path === undefined ? 'command' : 'script';
  const value = script.path === undefined ? (script.command ?? '') : instancePath(manifest, script.path);
  const name = script.path === undefined ? `script:${index + 1}` : `script:${index + 1}:${posix.basename(script.path)}`;
  // `KEY=value` words for the agent's `export`, which takes them literally.
  const pairs = Object.keys(script.env)
    .sort(byName)
    .map((key) => `${checkedEnvName(key, `scripts.${index}.env`)}=${script.env[key] ?? ''}`);
  return call(name, 'sd_run', [script.workingDir, script.user, String(script.timeoutSeconds), kind, value, ...pairs]);
}

function healthArgs(health: HealthCheck): string[] {
  const timeout = String(health.timeoutSeconds);
  if (health.http !== undefined) return ['http', health.http, timeout];
  if (health.tcp !== undefined) return ['tcp', String(health.tcp), timeout];
  return ['command', health.command ?? 'true', timeout];
}

function serviceLines(manifest: Manifest): string[] {
  return orderServices(manifest.services).flatMap((service) => {
    const unit = unitName(service.name);
    const source = service.file === undefined ? ['inline', service.unit ?? ''] : ['file', instancePath(manifest, service.file)];
    const flags = [service.enabled ? 'yes' : 'no', service.start ? 'yes' : 'no'];
    const lines = [call(`service:${unit}`, 'sd_service', [unit, ...flags, ...source])];
    // The unit goes along so that a failed check logs the unit's journal: why it is not answering.
    if (service.health) lines.push(call(`health:${unit}`, 'sd_health', [...healthArgs(service.health), unit]));
    return lines;
  });
}

function readinessLines(manifest: Manifest): string[] {
  const check = manifest.readiness;
  if (check === undefined) return [];
  return [call('health_check', 'sd_health_check', [String(check.port), check.path, String(check.expect), String(check.timeoutSeconds)])];
}

/**
 * steps.sh for one bundle: pre_install hooks, packages, tarballs,
 * uploads/secrets, env, scripts, services (+health), compose, post_install
 * hooks, then the project's health_check; on_failure hooks are registered first so any failure can run them.
 * Deterministic: the same manifest gives the same bytes.
 */
export function renderStepsScript(manifest: Manifest): string {
  const { hooks, target } = manifest;
  const lines = [
    // Every value is single-quoted on purpose, `$` included: SC2016 is the point.
    '# shellcheck shell=bash disable=SC2016',
    '# Generated by spot-deployer; sourced by the bootstrap agent, which defines the sd_* functions.',
    ...hooks.onFailure.map((hook) => `sd_on_failure ${shellQuote(hook)}`),
    ...hookLines('pre_install', hooks.preInstall, target),
    ...(manifest.packages.length > 0 ? [call('packages', 'sd_packages', manifest.packages)] : []),
    ...manifest.tarballs.map((tarball, index) =>
      call(`tarball:${index + 1}`, 'sd_tarball', [tarball.url, tarball.sha256.replace(/^sha256:/, ''), tarball.extractTo]),
    ),
    ...manifest.uploads.map((upload) => {
      const [kind, fn] = upload.secret ? ['secret', 'sd_secret'] : ['upload', 'sd_place'];
      return call(`${kind}:${upload.dest}`, fn, [upload.dest, upload.owner ?? '']);
    }),
    'sd_step env sd_env',
    ...manifest.scripts.map((script, index) => scriptLine(manifest, script, index)),
    ...serviceLines(manifest),
    ...(manifest.compose === undefined ? [] : [call('compose', 'sd_compose', [instancePath(manifest, manifest.compose)])]),
    ...hookLines('post_install', hooks.postInstall, target),
    ...readinessLines(manifest),
  ];
  return `${lines.join('\n')}\n`;
}
