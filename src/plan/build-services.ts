import path from 'node:path';
import { CODE } from '../core/codes.js';
import type { ServiceEntry } from '../config/deployment-schema.js';
import { DURATION_HINT, parseDuration } from '../config/duration.js';
import type { HealthCheck, ServiceStep } from './types.js';
import type { ManifestContext } from './manifest-context.js';
import { normaliseSource } from './paths.js';

export const DEFAULT_HEALTH_TIMEOUT_SECONDS = 60;

export function timeoutSeconds(value: string | number | undefined, at: (string | number)[], context: ManifestContext): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  const seconds = parseDuration(value);
  if (seconds === undefined) {
    context.issues.report(context.locator, at, CODE.badDuration, `invalid duration "${value}"`, { hint: DURATION_HINT });
  }
  return seconds;
}

/** Unit names always carry their type suffix (`web.service`), as systemctl expects. */
export const unitName = (name: string): string => (/\.(service|socket|target|timer|mount|path)$/.test(name) ? name : `${name}.service`);

export function toService(entry: ServiceEntry, index: number, context: ManifestContext): ServiceStep {
  const at = ['services', index];
  if ((entry.file === undefined) === (entry.unit === undefined)) {
    context.issues.report(context.locator, at, CODE.invalidValue, 'a service needs exactly one of file or unit', {
      hint: 'file: a unit file of the project; unit: the unit text inline (then name is required)',
    });
  }
  const file = entry.file === undefined ? undefined : normaliseSource(entry.file);
  const name = entry.name ?? (file ? path.posix.basename(file) : undefined);
  if (name === undefined) {
    context.issues.report(context.locator, at, CODE.missingValue, 'name is required for an inline unit', {
      key: [...at, 'name'].join('.'),
      hint: 'add name: my-app.service',
    });
  }
  const health = toHealth(entry.health, [...at, 'health'], context);
  return {
    name: unitName(name ?? 'unnamed'),
    ...(file === undefined ? {} : { file }),
    ...(entry.unit === undefined ? {} : { unit: entry.unit }),
    enabled: entry.enabled ?? true,
    start: entry.start ?? true,
    after: (entry.after ?? []).map(unitName),
    ...(health === undefined ? {} : { health }),
  };
}

function toHealth(health: ServiceEntry['health'], at: (string | number)[], context: ManifestContext): HealthCheck | undefined {
  if (health === undefined) return undefined;
  const kinds = [health.http, health.tcp, health.command].filter((value) => value !== undefined);
  if (kinds.length !== 1) {
    context.issues.report(context.locator, at, CODE.invalidValue, 'health needs exactly one of http, tcp or command', {
      hint: 'e.g. health: {http: http://localhost:8080/healthz}',
    });
  }
  return {
    ...(health.http === undefined ? {} : { http: health.http }),
    ...(health.tcp === undefined ? {} : { tcp: health.tcp }),
    ...(health.command === undefined ? {} : { command: health.command }),
    timeoutSeconds: timeoutSeconds(health.timeout, [...at, 'timeout'], context) ?? DEFAULT_HEALTH_TIMEOUT_SECONDS,
  };
}
