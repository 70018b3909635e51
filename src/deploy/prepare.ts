/**
 * The offline half of a deploy, shared with `plan`: the bundle with its
 * generated steps and the agent, and the user-data checked against EC2's
 * limit with URLs presigned offline, as long as real ones, before any AWS call.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle, indexBundle, selectBundleFiles, type Bundle } from '../bundle/build-bundle.js';
import { largeBundleNotice } from '../bundle/size-notice.js';
import { renderEnvFile, renderStepsScript } from '../agent/steps-script.js';
import { assertUserDataFits, type RenderedUserData } from '../cloudinit/user-data.js';
import type { IngressRule, Plan } from '../plan/types.js';
import { bundleKey, keyScopeOf } from '../agent/keys.js';
import { BUNDLE_AGENT_PATH, renderAgentConf } from '../agent/agent-conf.js';
import { offlineS3 } from '../aws/offline-s3.js';
import { agentSettingsFor, renderLaunchConf, urlLifetimeOf, userDataFor } from './launch-conf.js';

export { sshAccessFor } from './launch-conf.js';
import { onAbort } from '../core/abort-cleanups.js';

/** The public part's record of the secret part's sha256 (read by the agent's open-secrets step). */
export const SECRETS_SHA256_PATH = '.spot-bundle/secrets.sha256';

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
  /** User-data as rendered with representative URLs (offline presigning). */
  sizeCheck: RenderedUserData;
  /** User-data text without any URL: what the launch spec's fingerprint covers (spec-hash.ts). */
  specUserData: string;
  /** Removes the bundle's temporary folder; call when the command is done with it. */
  dispose(): void;
}

/** Inbound rules: `network.ingress`, plus port 22 from `ssh.cidr` when SSH is configured. */
export function ingressFor(plan: Plan): IngressRule[] {
  const rules = [...plan.network.ingress];
  if (plan.ssh && !rules.some((rule) => rule.port === 22 && rule.cidr === plan.ssh!.cidr && rule.protocol === 'tcp')) {
    rules.push({ port: 22, cidr: plan.ssh.cidr, protocol: 'tcp' });
  }
  return rules;
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

/** A launch id of the shape src/aws/launch.ts gives the first launch call in a region (`<region>-<10 hex>-1`). */
export const representativeLaunchId = (region: string): string => `${region}-${'0'.repeat(10)}-1`;

/**
 * User-data as a deploy renders it, with URLs presigned offline by dummy
 * credentials of real length (src/aws/offline-s3.ts) for the first launch
 * call in the bucket's region, checked against EC2's limit. The instance
 * count does not change it (the count lives in the launch's conf object),
 * and the bundle's sha256 neither (it is in the conf too), so a deploy runs
 * it before its first AWS call.
 */
export async function userDataSizeCheck(plan: Plan, bundleSha256 = PLACEHOLDER_SHA256): Promise<RenderedUserData> {
  const region = plan.regions[0]!.name;
  const s3 = offlineS3(region);
  try {
    const conf = await renderLaunchConf({
      s3,
      plan,
      launchId: representativeLaunchId(region),
      count: 1,
      bundleKey: bundleKey(keyScopeOf(plan), bundleSha256),
      bundleSha256,
      withSecrets: false,
      urlLifetimeSeconds: urlLifetimeOf(plan),
      // Any time with 10 epoch digits (until 2286): the size does not depend on which.
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
    assertUserDataFits(conf.userData, `the deployment ${plan.deploymentId}`);
    return conf.userData;
  } finally {
    s3.destroy();
  }
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
    // The agent travels in the public part: the user-data only carries the loader that starts it.
    { path: BUNDLE_AGENT_PATH, content: plan.userData.agentScript, mode: '0755' },
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
  const sizeCheck = await userDataSizeCheck(plan, bundle.sha256);
  // Presigned URLs change on every run; the fingerprint must not. The conf's other settings (target, ttl) count.
  const specUserData = [
    userDataFor(plan, { confUrl: 'conf-url', confSha256: 'conf-sha256' }, undefined).text,
    renderAgentConf(
      agentSettingsFor(plan, {
        bundleUrl: 'bundle-url',
        bundleSha256: bundle.sha256,
        status: { url: 'status-url', keyPrefix: 'status-prefix', fields: {} },
      }),
    ),
  ].join('\n');
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
