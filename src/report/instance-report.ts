/**
 * The per-instance row every report uses (outputs, summary, console, JSON).
 */
import type { InstanceView } from '../aws/instances.js';

/** USD amounts: four decimals, or two significant digits for fractions of a cent, never a misleading 0.0000. */
export const formatUsd = (value: number): string => (value === 0 || value >= 0.01 ? value.toFixed(4) : value.toPrecision(2));

export type BootstrapState = 'ok' | 'failed' | 'pending' | 'not-waited' | 'reclaimed' | 'unknown';

export interface InstanceReport {
  id: string;
  region: string;
  az: string;
  type: string;
  lifecycle: 'spot' | 'on-demand';
  /** USD per hour, when known. */
  price?: number;
  public_ip?: string;
  private_ip?: string;
  state: string;
  bootstrap: BootstrapState;
  failed_step?: string;
  launched_at?: string;
}

export interface BootstrapStatus {
  status: 'ok' | 'failed';
  instance_id: string;
  failed_step?: string | null;
  log_tail?: string;
}

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
