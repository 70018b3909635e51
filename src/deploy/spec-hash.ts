/**
 * The launch spec's fingerprint: everything an instance is launched with,
 * hashed, and stored on the instance as the `spot-deployer:spec-sha256` tag.
 * A deploy whose fingerprint differs from the running instances' replaces
 * them (new ones ready before the old ones go); the same fingerprint, count
 * and health change nothing. Pure, table-tested in __tests__/deploy/spec-hash.test.ts.
 *
 * In: the user-data rendered with placeholder URLs (presigned URLs change on
 * every run and must not count), instance types, image as configured (a new
 * AMI behind an alias does not replace running instances), architecture,
 * market, max price, allocation, root volume, network placement and public
 * IP, the inbound rules, ttl, SSH key name and public key, IAM profile. Out:
 * the instance count (scaling is the count check's job) and free-form tags.
 */
import { createHash } from 'node:crypto';
import type { IngressRule, Plan, RegionPlan } from '../plan/types.js';
import { ingressFor } from './prepare.js';

export interface LaunchSpecFacts {
  userData: string;
  instanceTypes: string[];
  image: string;
  architecture: string;
  market: string;
  maxPrice: number | null;
  allocation: string;
  rootVolume: { sizeGb: number; type: string };
  network: { vpc: string; subnets: 'auto' | string[]; publicIp: boolean };
  ingress: IngressRule[];
  ttlSeconds: number | 'never';
  keyName: string | null;
  publicKey: string | null;
  iamInstanceProfile: string | null;
}

/** The facts of one region's launches; `userData` is the text rendered without URLs. */
export function launchSpecFactsOf(plan: Plan, region: RegionPlan, userData: string): LaunchSpecFacts {
  return {
    userData,
    instanceTypes: region.instanceTypes,
    image: region.image,
    architecture: plan.architecture,
    market: plan.market,
    maxPrice: plan.maxPrice ?? null,
    allocation: plan.allocation,
    rootVolume: plan.rootVolume,
    network: {
      vpc: plan.network.vpc,
      subnets: region.subnets !== 'auto' ? region.subnets : plan.network.subnets,
      publicIp: plan.network.publicIp,
    },
    ingress: ingressFor(plan),
    ttlSeconds: plan.ttlSeconds,
    keyName: plan.ssh?.keyName ?? null,
    publicKey: plan.ssh?.publicKey ?? null,
    iamInstanceProfile: plan.iamInstanceProfile ?? null,
  };
}

/** JSON with sorted keys, so the same facts give the same text whatever order they were built in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const ruleKey = (rule: IngressRule): string => `${rule.protocol}/${rule.port}/${rule.cidr}`;

/** sha256 of the facts; the order of inbound rules does not matter, the ladder's order does. */
export function launchSpecHash(facts: LaunchSpecFacts): string {
  const ingress = [...new Map(facts.ingress.map((rule) => [ruleKey(rule), rule])).values()].sort((a, b) =>
    ruleKey(a).localeCompare(ruleKey(b)),
  );
  return createHash('sha256')
    .update(canonical({ ...facts, ingress }))
    .digest('hex');
}

/** One fingerprint per region (types, image and subnets may differ between regions). */
export const launchSpecHashes = (plan: Plan, userData: string): Record<string, string> =>
  Object.fromEntries(plan.regions.map((region) => [region.name, launchSpecHash(launchSpecFactsOf(plan, region, userData))]));
