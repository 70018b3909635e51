/**
 * The status object the agent (templates/bootstrap.sh, `sd_status_json`)
 * writes when it is done: the only thing an instance tells the deployer.
 * Everything in it comes from the instance, so it is parsed defensively and
 * shown only after escaping (report/).
 */

export interface BootstrapStatus {
  status: 'ok' | 'failed';
  instance_id: string;
  deployment?: string;
  launch_index?: number | null;
  failed_step?: string | null;
  steps?: Array<{ name: string; status: string; seconds: number }>;
  /** config.yaml's health_check as the instance last saw it; null when there is none. */
  health?: { url: string; status: 'ok' | 'failed'; http_status: number; expected: number } | null;
  started_at?: string;
  finished_at?: string;
  log_tail?: string;
}

/** True for a value shaped like a status object: an instance id and a final status. */
export function isBootstrapStatus(value: unknown): value is BootstrapStatus {
  const candidate = value as Partial<BootstrapStatus> | null;
  return Boolean(candidate && typeof candidate.instance_id === 'string' && (candidate.status === 'ok' || candidate.status === 'failed'));
}
