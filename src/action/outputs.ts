/**
 * The only user of core.setOutput. Output names live here, in one object.
 */
import * as core from '@actions/core';
import type { EarlyOutputs } from '../core/surface.js';
import type { DeployResult, InstanceReport } from '../core/results.js';

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

function setInstances(instances: InstanceReport[]): void {
  core.setOutput(OUTPUTS.instanceIds, JSON.stringify(instances.map((instance) => instance.id)));
  core.setOutput(OUTPUTS.publicIps, JSON.stringify(instances.flatMap((instance) => (instance.public_ip ? [instance.public_ip] : []))));
  core.setOutput(OUTPUTS.instances, JSON.stringify(instances));
  const first = instances.find((instance) => instance.public_ip);
  core.setOutput(OUTPUTS.url, first ? `http://${first.public_ip}` : '');
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

export function setDeployOutputs(result: DeployResult): void {
  core.setOutput(OUTPUTS.deploymentId, result.deploymentId);
  core.setOutput(OUTPUTS.status, result.status);
  core.setOutput(OUTPUTS.bundleKey, result.bundle.key);
  core.setOutput(OUTPUTS.bundleSha256, result.bundle.sha256);
  core.setOutput(OUTPUTS.userDataBytes, String(result.userDataBytes));
  core.setOutput(OUTPUTS.costPerHour, result.costPerHour === undefined ? '' : String(result.costPerHour));
  setInstances(result.instances);
}

export function setFailedStatus(deploymentId: string | undefined): void {
  if (deploymentId) core.setOutput(OUTPUTS.deploymentId, deploymentId);
  core.setOutput(OUTPUTS.status, 'failed');
}
