/**
 * `agent.conf`: the settings cloud-init writes next to the agent, which the
 * agent sources (templates/bootstrap.sh reads exactly these SD_* names).
 * Every value is shell-quoted here, once.
 */
import { shellQuote } from './shell-quote.js';

export const AGENT_PATH = '/etc/spot-deployer/agent.sh';
export const AGENT_CONF_PATH = '/etc/spot-deployer/agent.conf';

export interface AgentSettings {
  deploymentId: string;
  bundleUrl: string;
  bundleSha256: string;
  statusUrls: string[];
  /** Presigned GET URLs, by launch index, of the secret part sealed to each instance (ciphertext only). */
  secretUrls?: string[];
  target: string;
  ttlSeconds: number;
  /** Absolute expiry (ISO 8601), armed as a systemd timer by cloud-init's bootcmd; absent = never. */
  expiresAt?: string;
  imdsUrl?: string;
}

export function renderAgentConf(settings: AgentSettings): string {
  const lines = [
    '# Written by spot-deployer; read by agent.sh.',
    `SD_DEPLOYMENT=${shellQuote(settings.deploymentId)}`,
    `SD_BUNDLE_URL=${shellQuote(settings.bundleUrl)}`,
    `SD_BUNDLE_SHA256=${shellQuote(settings.bundleSha256)}`,
    `SD_STATUS_URLS=(${settings.statusUrls.map(shellQuote).join(' ')})`,
    ...(settings.secretUrls?.length ? [`SD_SECRET_URLS=(${settings.secretUrls.map(shellQuote).join(' ')})`] : []),
    `SD_TARGET=${shellQuote(settings.target)}`,
    `SD_TTL_SECONDS=${Math.max(0, Math.floor(settings.ttlSeconds))}`,
    `SD_IMDS_URL=${shellQuote(settings.imdsUrl ?? 'http://169.254.169.254')}`,
  ];
  return `${lines.join('\n')}\n`;
}
