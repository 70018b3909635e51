/**
 * Renders the cloud-init user-data: a base template from `templates/`, the
 * TTL, SSH keys, the loader and its two settings, written with the YAML
 * library (never by string concatenation). The agent and everything that
 * grows with the instance count live in the bundle and in the launch's
 * settings object, so the user-data has one size whatever the count. Holds
 * no secret: one presigned URL (short-lived) and a sha256.
 */
import { CODE } from '../core/codes.js';
import { gzipSync } from 'node:zlib';
import { SpotError } from '../core/errors.js';
import { LOADER_CONF_PATH, LOADER_PATH, renderLoaderConf, type LoaderSettings } from '../agent/agent-conf.js';
import type { UserDataSources } from '../plan/types.js';
import { mergeCloudConfig } from './merge.js';
import { stringifyForCloudInit } from './yaml-safe.js';
import { ttlBootcmd } from './ttl-timer.js';

/** EC2 refuses user-data over 16 KiB (before base64). */
export const USER_DATA_LIMIT = 16_384;

/**
 * spot-deployer's own target: the user-data without a large project fragment
 * stays under it for any count; over it, plan and deploy give a notice. Only
 * over EC2's limit is the text gzipped (cloud-init decompresses by itself).
 */
export const USER_DATA_TARGET = 4_096;
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
 * The loader as it travels: its comment lines and indentation dropped (the
 * source keeps them). It has no here-document or multi-line string for this
 * to change. With the gzip below, this keeps the user-data under its target
 * while the document itself stays plain text, so `plan`'s byte count is the
 * deploy's exactly (a gzip of the whole document, random-looking signatures
 * and all, varies by a few bytes from one run to the next).
 */
export function compactShell(script: string): string {
  const lines = script.split('\n');
  const kept = lines.filter((line, index) => (index === 0 ? true : !/^\s*(#|$)/.test(line))).map((line) => line.trimStart());
  return `${kept.join('\n')}\n`;
}

/**
 * The loader as write_files carries it: compacted, gzipped (deterministic:
 * no name, mtime 0) and base64 (`encoding: gz+b64`, which cloud-init
 * decodes). It holds no URL, so its size is the same for plan and deploy.
 */
export const packedLoader = (script: string): string =>
  gzipSync(Buffer.from(compactShell(script), 'utf8'), { level: 9 }).toString('base64');

/**
 * The user-data: the base template, then what spot-deployer owns (the TTL
 * first, the SSH key, the loader and its settings), then the project's
 * fragment, merged by the rules in merge.ts. Pure: every text it uses was
 * read into the Plan.
 */
export function renderUserData(options: {
  sources: UserDataSources;
  loader: LoaderSettings;
  /** Absolute expiry (ISO 8601), armed by bootcmd; absent = never. */
  expiresAt?: string | undefined;
  ssh?: SshAccess | undefined;
}): RenderedUserData {
  const ours = {
    // First, so the TTL holds even when a later module, the loader or the agent fails.
    ...(options.expiresAt ? { bootcmd: ttlBootcmd(options.expiresAt) } : {}),
    ...sshKeys(options.ssh),
    // Owner root:root is write_files' default.
    write_files: [
      {
        path: LOADER_PATH,
        permissions: '0700',
        encoding: 'gz+b64',
        content: packedLoader(options.sources.loaderScript),
      },
      { path: LOADER_CONF_PATH, permissions: '0600', content: renderLoaderConf(options.loader) },
    ],
    // runcmd runs under sh without -e; the loader is a bash script with its own error handling.
    runcmd: [['bash', LOADER_PATH]],
  };
  const withLoader = mergeCloudConfig(options.sources.template.document, ours);
  const document = options.sources.fragment ? mergeCloudConfig(withLoader, options.sources.fragment.document) : withLoader;
  const text = `#cloud-config\n${stringifyForCloudInit(document)}`;
  const plain = Buffer.from(text, 'utf8');
  const gzipped = plain.length > USER_DATA_LIMIT;
  const payload = gzipped ? gzipSync(plain, { level: 9 }) : plain;
  return { text, payload, gzipped, bytes: payload.length };
}

/** A notice when the user-data is over spot-deployer's 4,096-byte target (EC2 still takes it). */
export function userDataNotice(rendered: RenderedUserData): string | undefined {
  if (rendered.bytes <= USER_DATA_TARGET) return undefined;
  // spot-deployer's own part is about 4 KB whatever the count: the rest is what the project adds.
  return `user-data is ${rendered.bytes} bytes${rendered.gzipped ? ' after gzip' : ''}, over the ${USER_DATA_TARGET}-byte target (EC2 allows ${USER_DATA_LIMIT}, so this deploys): the part that varies is the project's (.spot/cloud-init.yaml, a template of its own, the SSH key); files belong in the bundle`;
}

/** Fails before any AWS call when the user-data cannot fit EC2's limit. */
export function assertUserDataFits(rendered: RenderedUserData, context: string): void {
  if (rendered.bytes <= USER_DATA_LIMIT) return;
  throw new SpotError(
    CODE.userDataTooBig,
    `user-data for ${context} is ${rendered.bytes} bytes${rendered.gzipped ? ' after gzip' : ''}; EC2 allows ${USER_DATA_LIMIT}`,
    {
      hint: 'A shorter .spot/cloud-init.yaml or template: move files and scripts into the bundle (the instance count does not change the size).',
    },
  );
}
