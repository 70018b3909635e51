/**
 * The offline half of a deploy, shared with `plan`: the bundle with its
 * generated steps, and the user-data checked against EC2's limit with
 * placeholder URLs as long as real presigned ones, before any AWS call.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle, indexBundle, selectBundleFiles, type Bundle } from '../bundle/build-bundle.js';
import { largeBundleNotice } from '../bundle/size-notice.js';
import { renderEnvFile, renderStepsScript } from '../agent/steps-script.js';
import { assertUserDataFits, renderUserData, type RenderedUserData, type SshAccess } from '../cloudinit/user-data.js';
import type { IngressRule, Plan } from '../plan/types.js';
import { bundleKey, keyScopeOf } from '../agent/keys.js';
import type { AgentSettings } from '../agent/agent-conf.js';
import { onAbort } from '../core/abort-cleanups.js';

/** The public part's record of the secret part's sha256 (read by the agent's open-secrets step). */
export const SECRETS_SHA256_PATH = '.spot-bundle/secrets.sha256';

/**
 * A presigned URL with a session token runs to about 1.3 KB; leave room. The
 * user-data is gzipped and a real URL's token and signature do not compress,
 * so the placeholder must not either (a run of one letter would shrink to a
 * few bytes and make the check, and the size plan reports, too small): fixed
 * pseudo-random base64url, the same on every run.
 */
const PLACEHOLDER_URL = `https://bucket.s3.region.amazonaws.com/${incompressible(1500)}`;

function incompressible(length: number): string {
  let text = '';
  for (let block = 0; text.length < length; block += 1) {
    text += createHash('sha256').update(`spot-deployer placeholder ${block}`).digest('base64url');
  }
  return text.slice(0, length);
}

export interface Prepared {
  /** The public part: everything but secrets; what the bundle URL serves. */
  bundle: Bundle;
  /** The secret part (uploads marked secret, `.spot-bundle/env`): never uploaded in clear, only sealed per instance. */
  secretBundle: Bundle;
  /** False when the secret part is empty (no secret uploads, no env): the agent then waits for nothing. */
  hasSecrets: boolean;
  /** Where the bundle goes in the bucket (content-addressed). */
  bundleKey: string;
  /**
   * True when the public part was not built because the bundle stored for
   * the same index is reused (`bundle.file` is then empty: nothing to upload).
   */
  reused: boolean;
  /** User-data as rendered with placeholder URLs for the largest region. */
  sizeCheck: RenderedUserData;
  /** User-data text without any URL: what the launch spec's fingerprint covers (spec-hash.ts). */
  specUserData: string;
  /** Removes the bundle's temporary folder; call when the command is done with it. */
  dispose(): void;
}

/** The SSH public key to install, when the config gives one (`key_name` needs none). */
export const sshAccessFor = (plan: Plan): SshAccess | undefined =>
  plan.ssh?.publicKey ? { username: plan.ssh.username, publicKey: plan.ssh.publicKey } : undefined;

/** Inbound rules: `network.ingress`, plus port 22 from `ssh.cidr` when SSH is configured. */
export function ingressFor(plan: Plan): IngressRule[] {
  const rules = [...plan.network.ingress];
  if (plan.ssh && !rules.some((rule) => rule.port === 22 && rule.cidr === plan.ssh!.cidr && rule.protocol === 'tcp')) {
    rules.push({ port: 22, cidr: plan.ssh.cidr, protocol: 'tcp' });
  }
  return rules;
}

export function agentSettingsFor(
  plan: Plan,
  urls: { bundleUrl: string; bundleSha256: string; statusUrls: string[]; secretUrls?: string[]; expiresAt?: string | undefined },
): AgentSettings {
  return {
    ...(urls.expiresAt && plan.ttlSeconds !== 'never' ? { expiresAt: urls.expiresAt } : {}),
    deploymentId: plan.deploymentId,
    bundleUrl: urls.bundleUrl,
    bundleSha256: urls.bundleSha256,
    statusUrls: urls.statusUrls,
    ...(urls.secretUrls ? { secretUrls: urls.secretUrls } : {}),
    target: plan.manifest.target,
    ttlSeconds: plan.ttlSeconds === 'never' ? 0 : plan.ttlSeconds,
  };
}

/** Files (and symlinks) in the bundle, folders not counted: the number plan and deploy both report. */
export const bundleFileCount = (bundle: Bundle): number => bundle.entries.filter((entry) => entry.type !== 'directory').length;

/** What a deploy adds to the offline preparation (plan passes none). */
export interface PrepareHooks {
  /** Heard once every file is chosen: bad input (SD1xx) has been refused by then, so AWS writes may start. */
  onSelected?: () => void;
  /**
   * Given the public part's index sha256, the bundle already stored for that
   * index (its sha256 and size), if any: then nothing is compressed.
   */
  reuse?: (indexSha256: string) => Promise<{ sha256: string; bytes: number } | undefined>;
}

/** The bundle sha256 as the size check sees it before the bundle exists: 64 hex digits that do not compress. */
export const PLACEHOLDER_SHA256 = createHash('sha256').update('spot-deployer placeholder bundle').digest('hex');

/**
 * User-data as rendered with placeholder URLs for the largest region, checked
 * against EC2's limit. Needs no bundle (a sha256 is 64 hex digits whatever
 * it is), so a deploy runs it before its first AWS call.
 */
export function userDataSizeCheck(plan: Plan, bundleSha256 = PLACEHOLDER_SHA256): RenderedUserData {
  const largest = Math.max(1, ...plan.regions.map((region) => region.count));
  const ssh = sshAccessFor(plan);
  const sizeCheck = renderUserData({
    sources: plan.userData,
    ...(ssh ? { ssh } : {}),
    settings: agentSettingsFor(plan, {
      bundleUrl: PLACEHOLDER_URL,
      bundleSha256,
      statusUrls: Array.from({ length: largest }, () => PLACEHOLDER_URL),
      secretUrls: Array.from({ length: largest }, () => PLACEHOLDER_URL),
      // Any time: the rendered size does not depend on which.
      expiresAt: new Date(0).toISOString(),
    }),
  });
  assertUserDataFits(sizeCheck, `${largest} instance(s) in one region`);
  return sizeCheck;
}

export async function prepareDeployment(plan: Plan, hooks: PrepareHooks = {}): Promise<Prepared> {
  const outDir = mkdtempSync(join(tmpdir(), 'spot-deployer-'));
  const remove = (): void => rmSync(outDir, { recursive: true, force: true });
  // The folder holds the bundle and its secrets: a run stopped by a signal must remove it too.
  const forget = onAbort(remove);
  const dispose = (): void => {
    remove();
    forget();
  };
  try {
    return await prepareIn(plan, { outDir, dispose, hooks });
  } catch (error) {
    dispose();
    throw error;
  }
}

async function prepareIn(plan: Plan, stage: { outDir: string; dispose: () => void; hooks: PrepareHooks }): Promise<Prepared> {
  const { outDir, dispose, hooks } = stage;
  const extraFiles = [
    { path: '.spot-bundle/steps.sh', content: renderStepsScript(plan.manifest), mode: '0755' },
    { path: '.spot-bundle/env', content: renderEnvFile(plan.manifest.env), mode: '0600', secret: true },
  ];
  // One walk for both parts and the index.
  const selection = await selectBundleFiles(plan, outDir);
  hooks.onSelected?.();
  const secretBundle = await buildBundle(plan, { outDir: join(outDir, 'secret'), extraFiles, part: 'secret', selection });
  // The public part names the secret part's sha256: a changed secret changes the bundle (and its
  // tag, so it redeploys), and the agent checks what it decrypted against the user-data's hash chain.
  const anchor = { path: SECRETS_SHA256_PATH, content: `${secretBundle.sha256}\n`, mode: '0644' };
  const publicOptions = { outDir, extraFiles: [...extraFiles, anchor], part: 'public' as const, selection };
  const bundle =
    (hooks.reuse ? await reusedBundle(plan, publicOptions, hooks.reuse) : undefined) ?? (await buildBundle(plan, publicOptions));
  const reused = bundle.file === '';
  const sizeCheck = userDataSizeCheck(plan, bundle.sha256);
  const ssh = sshAccessFor(plan);
  // Presigned URLs change on every run; the fingerprint must not.
  const specUserData = renderUserData({
    sources: plan.userData,
    ...(ssh ? { ssh } : {}),
    settings: agentSettingsFor(plan, { bundleUrl: 'bundle-url', bundleSha256: bundle.sha256, statusUrls: ['status-url'] }),
  }).text;
  const hasSecrets = secretBundle.entries.some(
    (entry) => entry.secret && entry.type !== 'directory' && !(entry.path === '.spot-bundle/env' && entry.size === 0),
  );
  return {
    bundle,
    secretBundle,
    hasSecrets,
    bundleKey: bundleKey(keyScopeOf(plan), bundle.sha256),
    reused,
    sizeCheck,
    specUserData,
    dispose,
  };
}

/** The stored bundle with the same index, described from the index alone; undefined when there is none. */
async function reusedBundle(
  plan: Plan,
  options: Parameters<typeof indexBundle>[1],
  reuse: NonNullable<PrepareHooks['reuse']>,
): Promise<Bundle | undefined> {
  const index = await indexBundle(plan, options);
  const stored = await reuse(index.sha256);
  if (!stored) return undefined;
  const notice = largeBundleNotice(index.entries);
  return { file: '', ...stored, indexSha256: index.sha256, entries: index.entries, notices: notice === undefined ? [] : [notice] };
}
