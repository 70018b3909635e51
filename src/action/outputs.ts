/**
 * The only user of core.setOutput. Output names live here, in one object.
 */
import * as core from '@actions/core';
import type { EarlyOutputs } from '../core/surface.js';
import type { DeployResult, InstanceReport } from '../core/results.js';
import { previewPort, previewUrl, type IngressPort } from '../report/preview.js';

export const OUTPUTS = {
  deploymentId: 'deployment-id',
  status: 'status',
  instanceIds: 'instance-ids',
  publicIps: 'public-ips',
  instances: 'instances',
  url: 'url',
  bundleKey: 'bundle-key',
  bundleSha256: 'bundle-sha256',
  userDataBytes: 'user-data-bytes',
  costPerHour: 'cost-per-hour',
} as const;

/**
 * The `url` output: the first instance with a public IP (one whose bootstrap
 * reported ok first), on the first ingress port a browser can open; empty when
 * no such port is open, because a bare IP with nothing listening is no link.
 */
export function deploymentUrl(instances: readonly InstanceReport[], ingress: readonly IngressPort[]): string {
  const port = previewPort(ingress);
  const withIp = instances.filter((instance) => instance.public_ip);
  const first = withIp.find((instance) => instance.bootstrap === 'ok') ?? withIp[0];
  if (port === undefined || !first?.public_ip) return '';
  return previewUrl(first.public_ip, port) ?? '';
}

function setInstances(instances: InstanceReport[]): void {
  core.setOutput(OUTPUTS.instanceIds, JSON.stringify(instances.map((instance) => instance.id)));
  core.setOutput(OUTPUTS.publicIps, JSON.stringify(instances.flatMap((instance) => (instance.public_ip ? [instance.public_ip] : []))));
  core.setOutput(OUTPUTS.instances, JSON.stringify(instances));
}

/** As soon as ids exist: later steps can clean up even if waiting fails. */
export function setEarlyOutputs(early: EarlyOutputs): void {
  core.setOutput(OUTPUTS.deploymentId, early.deploymentId);
  core.setOutput(OUTPUTS.status, 'failed');
  core.setOutput(OUTPUTS.bundleKey, early.bundleKey);
  core.setOutput(OUTPUTS.bundleSha256, early.bundleSha256);
  core.setOutput(OUTPUTS.userDataBytes, String(early.userDataBytes));
  setInstances(early.instances);
}

/** Every output of a finished deploy; `ingress` (the configured ports) makes the url. */
export function setDeployOutputs(result: DeployResult, ingress: readonly IngressPort[]): void {
  core.setOutput(OUTPUTS.deploymentId, result.deploymentId);
  core.setOutput(OUTPUTS.status, result.status);
  core.setOutput(OUTPUTS.bundleKey, result.bundle.key);
  core.setOutput(OUTPUTS.bundleSha256, result.bundle.sha256);
  core.setOutput(OUTPUTS.userDataBytes, String(result.userDataBytes));
  core.setOutput(OUTPUTS.costPerHour, result.costPerHour === undefined ? '' : String(result.costPerHour));
  setInstances(result.instances);
  core.setOutput(OUTPUTS.url, deploymentUrl(result.instances, ingress));
}

export function setFailedStatus(deploymentId: string | undefined): void {
  if (deploymentId) core.setOutput(OUTPUTS.deploymentId, deploymentId);
  core.setOutput(OUTPUTS.status, 'failed');
}
