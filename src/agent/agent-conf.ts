/**
 * The contract between the deployer, the loader (templates/loader.sh) and
 * the agent (templates/bootstrap.sh), in two shell-sourced files:
 *
 * - `loader.conf`, in the user-data: where this launch's settings are and
 *   their sha256. It never depends on the instance count.
 * - `agent.conf`, one S3 object per launch call (`launch/<launchId>.conf`):
 *   the bundle URL and sha256, the status grant, the sealed-secret URLs by
 *   slot (with the slot map's URL), the target and the TTL. The loader checks its sha256
 *   before it reads a byte of it, then stores it where the agent sources it.
 *
 * Every value is shell-quoted here, once.
 */
import { shellQuote } from './shell-quote.js';

export const LOADER_PATH = '/etc/spot-deployer/loader.sh';
export const LOADER_CONF_PATH = '/etc/spot-deployer/loader.conf';
/** Where the loader stores the checked launch settings for the agent. */
export const AGENT_CONF_PATH = '/etc/spot-deployer/agent.conf';
/** The agent's place in the bundle's public part. */
export const BUNDLE_AGENT_PATH = '.spot-bundle/agent.sh';

/**
 * One presigned POST policy for every instance of a launch call: any key
 * under `keyPrefix` (`…/status/<launchId>/`), each instance writing
 * `<keyPrefix><instance id>.json`. `fields` are the form fields the policy
 * signs (all but `key` and the file).
 */
export interface StatusGrant {
  url: string;
  keyPrefix: string;
  fields: Record<string, string>;
}

export interface AgentSettings {
  deploymentId: string;
  bundleUrl: string;
  bundleSha256: string;
  status: StatusGrant;
  /** Presigned GET URLs, by slot, of the secret part sealed to each instance (ciphertext only). */
  secretUrls?: string[];
  /** Presigned GET URL of the launch's slot map (`<instance id> <slot>` lines); with `secretUrls`. */
  slotsUrl?: string;
  target: string;
  ttlSeconds: number;
}

export interface LoaderSettings {
  /** Presigned GET URL of the launch's agent.conf object. */
  confUrl: string;
  confSha256: string;
  /** Only for tests that run IMDS elsewhere; EC2's address otherwise. */
  imdsUrl?: string;
}

export function renderAgentConf(settings: AgentSettings): string {
  const fields = Object.entries(settings.status.fields).map(([name, value]) => shellQuote(`${name}=${value}`));
  const lines = [
    '# Written by spot-deployer for one launch call; checked by loader.sh, read by agent.sh.',
    `SD_DEPLOYMENT=${shellQuote(settings.deploymentId)}`,
    `SD_BUNDLE_URL=${shellQuote(settings.bundleUrl)}`,
    `SD_BUNDLE_SHA256=${shellQuote(settings.bundleSha256)}`,
    `SD_STATUS_POST_URL=${shellQuote(settings.status.url)}`,
    `SD_STATUS_KEY_PREFIX=${shellQuote(settings.status.keyPrefix)}`,
    `SD_STATUS_FIELDS=(${fields.join(' ')})`,
    ...(settings.secretUrls?.length ? [`SD_SECRET_URLS=(${settings.secretUrls.map(shellQuote).join(' ')})`] : []),
    ...(settings.slotsUrl ? [`SD_SLOTS_URL=${shellQuote(settings.slotsUrl)}`] : []),
    `SD_TARGET=${shellQuote(settings.target)}`,
    `SD_TTL_SECONDS=${Math.max(0, Math.floor(settings.ttlSeconds))}`,
  ];
  return `${lines.join('\n')}\n`;
}

export function renderLoaderConf(settings: LoaderSettings): string {
  return [
    `SD_CONF_URL=${shellQuote(settings.confUrl)}`,
    `SD_CONF_SHA256=${shellQuote(settings.confSha256)}`,
    ...(settings.imdsUrl ? [`SD_IMDS_URL=${shellQuote(settings.imdsUrl)}`] : []),
    '',
  ].join('\n');
}
