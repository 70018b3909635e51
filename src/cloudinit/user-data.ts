/**
 * Renders the cloud-init user-data: a base template from `templates/`, the
 * bootstrap agent and its settings, written with the YAML library (never by
 * string concatenation). Holds no secret contents: only presigned URLs
 * (short-lived) and the bundle's sha256.
 */
import { CODE } from '../core/codes.js';
import { gzipSync } from 'node:zlib';
import { SpotError } from '../core/errors.js';
import { AGENT_CONF_PATH, AGENT_PATH, renderAgentConf, type AgentSettings } from '../agent/agent-conf.js';
import type { UserDataSources } from '../plan/types.js';
import { mergeCloudConfig } from './merge.js';
import { stringifyForCloudInit } from './yaml-safe.js';
import { ttlBootcmd } from './ttl-timer.js';

/** EC2 refuses user-data over 16 KiB (before base64). */
export const USER_DATA_LIMIT = 16_384;

export interface RenderedUserData {
  /** The `#cloud-config` document, uncompressed (what `cloud-init schema` checks). */
  text: string;
  /** What EC2 receives (before base64): the text, or its gzip when the text is too big. */
  payload: Buffer;
  gzipped: boolean;
  bytes: number;
}

/** A public key for SSH: not a secret, so it may travel in the user-data. */
export interface SshAccess {
  username: string;
  publicKey: string;
}

const DISTRO_USERS = new Set(['ubuntu', 'ec2-user']);

/** The key goes to the image's own user, or to a user created for it. */
function sshKeys(ssh: SshAccess | undefined): Record<string, unknown> {
  if (!ssh) return {};
  if (DISTRO_USERS.has(ssh.username)) return { ssh_authorized_keys: [ssh.publicKey] };
  return {
    users: ['default', { name: ssh.username, shell: '/bin/bash', sudo: 'ALL=(ALL) NOPASSWD:ALL', ssh_authorized_keys: [ssh.publicKey] }],
  };
}

/**
 * The user-data: the base template, then what the agent needs (its script,
 * its settings, the SSH key), then the project's fragment, merged by the
 * rules in merge.ts. Pure: every text it uses was read into the Plan.
 */
export function renderUserData(options: { sources: UserDataSources; settings: AgentSettings; ssh?: SshAccess }): RenderedUserData {
  const ours = {
    // First, so the TTL holds even when a later module or the agent fails.
    ...(options.settings.expiresAt ? { bootcmd: ttlBootcmd(options.settings.expiresAt) } : {}),
    ...sshKeys(options.ssh),
    write_files: [
      { path: AGENT_PATH, owner: 'root:root', permissions: '0700', content: options.sources.agentScript },
      { path: AGENT_CONF_PATH, owner: 'root:root', permissions: '0600', content: renderAgentConf(options.settings) },
    ],
    // runcmd runs under sh without -e; the agent is a bash script with its own error handling.
    runcmd: [['bash', AGENT_PATH]],
  };
  const withAgent = mergeCloudConfig(options.sources.template.document, ours);
  const document = options.sources.fragment ? mergeCloudConfig(withAgent, options.sources.fragment.document) : withAgent;
  const text = `#cloud-config\n${stringifyForCloudInit(document)}`;
  const plain = Buffer.from(text, 'utf8');
  const gzipped = plain.length > USER_DATA_LIMIT;
  const payload = gzipped ? gzipSync(plain, { level: 9 }) : plain;
  return { text, payload, gzipped, bytes: payload.length };
}

/** Fails before any AWS call when the user-data cannot fit EC2's limit. */
export function assertUserDataFits(rendered: RenderedUserData, context: string): void {
  if (rendered.bytes <= USER_DATA_LIMIT) return;
  throw new SpotError(
    CODE.userDataTooBig,
    `user-data for ${context} is ${rendered.bytes} bytes${rendered.gzipped ? ' after gzip' : ''}; EC2 allows ${USER_DATA_LIMIT}`,
    {
      hint: 'Fewer instances per region (each adds a status URL), a shorter .spot/cloud-init.yaml, or move content into the bundle.',
    },
  );
}
