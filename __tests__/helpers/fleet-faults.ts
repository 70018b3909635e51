/**
 * CreateFleet answers moto never gives, for the fault proxy (`failFleet`):
 * per-pool `Errors` and shortfalls. The request is rewritten before moto
 * sees it (failing pools taken out, the target capped), so moto launches
 * exactly what AWS would have, and the errors are added to moto's answer.
 */
import { randomUUID } from 'node:crypto';
import type { RecordedRequest } from './fault-proxy.js';

/** One pool of a CreateFleet request: an override's instance type and subnet. */
export interface FleetPool {
  instanceType: string;
  subnetId: string;
}

/**
 * What EC2 Fleet answers per pool and moto never does: `failPools` launch
 * nothing and come back in `Errors` with `code`; `maxInstances` caps the
 * whole call (the shortfall is one `code` error on the first pool that
 * launched). Applied by rewriting the request before moto sees it (so moto
 * launches only what AWS would have) and adding the errors to its answer.
 */
export interface FleetFault {
  code: string;
  message?: string;
  failPools?: (pool: FleetPool) => boolean;
  maxInstances?: number;
  /** Only fleets of this market (their DefaultTargetCapacityType). */
  market?: 'spot' | 'on-demand';
  region?: string;
  times?: number;
}

export function takeFleetFault(rules: FleetFault[], record: RecordedRequest, params: URLSearchParams): FleetFault | undefined {
  const market = params.get('TargetCapacitySpecification.DefaultTargetCapacityType');
  const rule = rules.find(
    (candidate) =>
      (candidate.region === undefined || candidate.region === record.region) &&
      (candidate.market === undefined || candidate.market === market) &&
      (candidate.times === undefined || candidate.times > 0),
  );
  if (rule?.times !== undefined) rule.times -= 1;
  return rule;
}

interface FleetErrorEntry extends FleetPool {
  lifecycle: string;
  code: string;
  message: string;
}

const OVERRIDE = /^LaunchTemplateConfigs\.1\.Overrides\.(\d+)\.(.+)$/;

/** The request moto gets (failing pools out, the target capped), or none when nothing would launch; and the errors to add. */
export function planFleetFault(rule: FleetFault, params: URLSearchParams): { forward?: URLSearchParams; errors: FleetErrorEntry[] } {
  const overrides = new Map<number, Map<string, string>>();
  const rest = new URLSearchParams();
  for (const [key, value] of params) {
    const match = OVERRIDE.exec(key);
    if (!match) rest.append(key, value);
    else overrides.set(Number(match[1]), (overrides.get(Number(match[1])) ?? new Map()).set(match[2]!, value));
  }
  const lifecycle = params.get('TargetCapacitySpecification.DefaultTargetCapacityType') ?? 'spot';
  const message = rule.message ?? `${rule.code} (injected by the test proxy)`;
  const pools = [...overrides.entries()].sort(([a], [b]) => a - b).map(([, fields]) => fields);
  const poolOf = (fields: Map<string, string>): FleetPool => ({
    instanceType: fields.get('InstanceType') ?? '',
    subnetId: fields.get('SubnetId') ?? '',
  });
  const failing = pools.filter((fields) => rule.failPools?.(poolOf(fields)) ?? false);
  const kept = pools.filter((fields) => !failing.includes(fields));
  const errors = failing.map((fields) => ({ ...poolOf(fields), lifecycle, code: rule.code, message }));
  const wanted = Number(params.get('TargetCapacitySpecification.TotalTargetCapacity') ?? '0');
  const capped = rule.maxInstances === undefined ? wanted : Math.min(wanted, rule.maxInstances);
  if (capped < wanted && kept[0]) errors.push({ ...poolOf(kept[0]), lifecycle, code: rule.code, message });
  if (kept.length === 0 || capped === 0) return { errors };
  kept.forEach((fields, index) => {
    for (const [name, value] of fields) rest.append(`LaunchTemplateConfigs.1.Overrides.${index + 1}.${name}`, value);
  });
  rest.set('TargetCapacitySpecification.TotalTargetCapacity', String(capped));
  return { forward: rest, errors };
}

const errorItems = (errors: FleetErrorEntry[]): string =>
  errors
    .map(
      (error) =>
        `<item><launchTemplateAndOverrides><overrides><instanceType>${error.instanceType}</instanceType>` +
        `<subnetId>${error.subnetId}</subnetId></overrides></launchTemplateAndOverrides>` +
        `<lifecycle>${error.lifecycle}</lifecycle><errorCode>${error.code}</errorCode><errorMessage>${error.message}</errorMessage></item>`,
    )
    .join('');

/** CreateFleet's answer when the proxy launched nothing: a fleet id, no instances, the errors. */
export function fleetAnswer(errors: FleetErrorEntry[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<CreateFleetResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
    `<requestId>${randomUUID()}</requestId><fleetId>fleet-${randomUUID()}</fleetId>` +
    `<errorSet>${errorItems(errors)}</errorSet><fleetInstanceSet></fleetInstanceSet></CreateFleetResponse>`
  );
}

/** moto's answer with the errors added (moto sends no errorSet of its own). */
export function withFleetErrors(body: string, errors: FleetErrorEntry[]): string {
  if (errors.length === 0) return body;
  const items = errorItems(errors);
  if (/<errorSet\s*\/>/.test(body)) return body.replace(/<errorSet\s*\/>/, `<errorSet>${items}</errorSet>`);
  if (body.includes('<errorSet>')) return body.replace('<errorSet>', `<errorSet>${items}`);
  return body.replace('</CreateFleetResponse>', `<errorSet>${items}</errorSet></CreateFleetResponse>`);
}
