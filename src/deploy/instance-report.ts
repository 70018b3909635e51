/**
 * The per-instance row every report uses (outputs, summary, console, JSON).
 */
import type { InstanceView } from '../aws/instances.js';
import type { BootstrapStatus } from '../agent/status.js';
import type { BootstrapState, InstanceReport } from '../core/results.js';

export function toInstanceReport(view: InstanceView, bootstrap: BootstrapState, status?: BootstrapStatus, price?: number): InstanceReport {
  return {
    id: view.id,
    region: view.region,
    az: view.availabilityZone,
    type: view.instanceType,
    lifecycle: view.lifecycle,
    ...(price === undefined ? {} : { price }),
    ...(view.publicIp ? { public_ip: view.publicIp } : {}),
    ...(view.privateIp ? { private_ip: view.privateIp } : {}),
    state: view.state,
    bootstrap,
    ...(status?.failed_step ? { failed_step: status.failed_step } : {}),
    ...(view.launchTime ? { launched_at: view.launchTime } : {}),
  };
}
