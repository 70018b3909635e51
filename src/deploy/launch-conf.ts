/**
 * One launch call's settings: its presigned URLs (the public bundle, the
 * status POST grant, one sealed-secret GET URL per instance), rendered as the
 * `launch/<launchId>.conf` object, and the user-data that points at that
 * object by a presigned URL and its sha256. The same code renders `plan`'s
 * user-data with an offline client (src/aws/offline-s3.ts), so the sizes
 * agree.
 */
import { createHash } from 'node:crypto';
import type { AwsClients } from '../aws/clients.js';
import { deleteObject, presignGet, putEncryptedObject, STATUS_MAX_BYTES } from '../aws/s3.js';
import { presignStatusPost } from '../aws/status-post.js';
import { renderAgentConf, type AgentSettings } from '../agent/agent-conf.js';
import { keyScopeOf, launchConfKey, launchSlotsKey, sealedKey, statusPrefix } from '../agent/keys.js';
import { renderUserData, type RenderedUserData, type SshAccess } from '../cloudinit/user-data.js';
import type { Plan } from '../plan/types.js';

/** Status and sealed-secret URLs outlive the wait by this much, for instances that boot late. */
export const PRESIGN_MARGIN_SECONDS = 30 * 60;

/**
 * The public bundle URL is presigned for each launch call and lives this
 * long: an instance fetches it within a minute or two of launch. It holds no
 * secret, but a short life limits who can still use a leaked user-data.
 */
export const BUNDLE_URL_SECONDS = 20 * 60;

/** Lifetime of the conf, status and sealed-secret URLs, in seconds. */
export const urlLifetimeOf = (plan: Plan): number => plan.readyTimeoutSeconds + PRESIGN_MARGIN_SECONDS;

export interface LaunchConfRequest {
  s3: AwsClients['s3'];
  plan: Plan;
  launchId: string;
  count: number;
  bundleKey: string;
  bundleSha256: string;
  withSecrets: boolean;
  urlLifetimeSeconds: number;
  /** The instances' `spot-deployer:expires-at` (ISO 8601 or `never`). */
  expiresAt: string | undefined;
}

export interface LaunchConf {
  key: string;
  text: string;
  sha256: string;
  userData: RenderedUserData;
  /** Every credential-like value made here, for the surface to mask. */
  secrets: string[];
}

/** The SSH public key to install, when the config gives one (`key_name` needs none). */
export const sshAccessFor = (plan: Plan): SshAccess | undefined =>
  plan.ssh?.publicKey ? { username: plan.ssh.username, publicKey: plan.ssh.publicKey } : undefined;

const sha256Of = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The agent's settings for one launch, with the URLs given (the Plan supplies the rest). */
export function agentSettingsFor(
  plan: Plan,
  urls: Pick<AgentSettings, 'bundleUrl' | 'bundleSha256' | 'status' | 'secretUrls' | 'slotsUrl'>,
): AgentSettings {
  return {
    deploymentId: plan.deploymentId,
    ...urls,
    target: plan.manifest.target,
    ttlSeconds: plan.ttlSeconds === 'never' ? 0 : plan.ttlSeconds,
  };
}

/** The user-data for a conf at `confUrl` with `confSha256`; the TTL only when the plan has one. */
export function userDataFor(plan: Plan, loader: { confUrl: string; confSha256: string }, expiresAt: string | undefined): RenderedUserData {
  const ssh = sshAccessFor(plan);
  const expires = expiresAt && expiresAt !== 'never' && plan.ttlSeconds !== 'never' ? expiresAt : undefined;
  return renderUserData({ sources: plan.userData, loader, ...(expires ? { expiresAt: expires } : {}), ...(ssh ? { ssh } : {}) });
}

/** Presigns one launch's URLs and renders its conf and user-data; writes nothing. */
export async function renderLaunchConf(request: LaunchConfRequest): Promise<LaunchConf> {
  const { plan, s3, launchId } = request;
  const scope = keyScopeOf(plan);
  const bucket = plan.bucket.name;
  const lifetime = request.urlLifetimeSeconds;
  const keyPrefix = statusPrefix(scope, launchId);
  const indexes = request.withSecrets ? Array.from({ length: request.count }, (_, index) => index) : [];
  const key = launchConfKey(scope, launchId);
  const [bundleUrl, post, secretUrls, confUrl, slotsUrl] = await Promise.all([
    presignGet(s3, bucket, request.bundleKey, Math.min(lifetime, BUNDLE_URL_SECONDS)),
    presignStatusPost(s3, { bucket, keyPrefix, maxBytes: STATUS_MAX_BYTES, expiresSeconds: lifetime, kmsKeyId: plan.bucket.kmsKeyId }),
    Promise.all(indexes.map((index) => presignGet(s3, bucket, sealedKey(scope, launchId, index), lifetime))),
    presignGet(s3, bucket, key, lifetime),
    request.withSecrets ? presignGet(s3, bucket, launchSlotsKey(scope, launchId), lifetime) : Promise.resolve(''),
  ]);
  const text = renderAgentConf(
    agentSettingsFor(plan, {
      bundleUrl,
      bundleSha256: request.bundleSha256,
      status: { url: post.url, keyPrefix, fields: post.fields },
      ...(request.withSecrets ? { secretUrls, slotsUrl } : {}),
    }),
  );
  const sha256 = sha256Of(text);
  const signed = ['Policy', 'X-Amz-Signature', 'X-Amz-Security-Token'].flatMap((name) => (post.fields[name] ? [post.fields[name]] : []));
  return {
    key,
    text,
    sha256,
    userData: userDataFor(plan, { confUrl, confSha256: sha256 }, request.expiresAt),
    secrets: [bundleUrl, confUrl, ...secretUrls, ...(slotsUrl ? [slotsUrl] : []), ...signed],
  };
}

/** Writes the launch's conf object (encrypted like the bundle) before the launch call that points at it. */
export async function uploadLaunchConf(s3: AwsClients['s3'], plan: Plan, conf: LaunchConf): Promise<void> {
  await putEncryptedObject(s3, { bucket: plan.bucket.name, key: conf.key, body: conf.text, kmsKeyId: plan.bucket.kmsKeyId });
}

/**
 * Removes the conf objects of launches that no instance needs any more: each
 * instance read its conf before it said hello, and a replacement gets a
 * launch of its own. Best effort: the bucket's lifecycle rules and `destroy`
 * remove whatever is left.
 */
export async function removeLaunchConfs(
  s3: AwsClients['s3'],
  plan: Plan,
  launchIds: Iterable<string>,
  warn: (message: string) => void,
): Promise<void> {
  const scope = keyScopeOf(plan);
  await Promise.all(
    [...new Set(launchIds)]
      .flatMap((launchId) => [launchConfKey(scope, launchId), launchSlotsKey(scope, launchId)])
      .map((key) =>
        deleteObject(s3, plan.bucket.name, key).catch((error: unknown) =>
          warn(`could not remove ${key}: ${error instanceof Error ? error.message : String(error)}`),
        ),
      ),
  );
}

/**
 * The slot each instance of one launch call reads its sealed part from: its
 * place in the call's answer. Written as `launch/<launchId>.slots` for the
 * agents, and kept by the deployer to seal each hello's part to that slot.
 */
export const slotsOf = (instanceIds: string[]): Array<[string, number]> => instanceIds.map((id, slot) => [id, slot]);

/** Writes a launch's slot map (`<instance id> <slot>` lines), encrypted like the conf. */
export async function uploadLaunchSlots(s3: AwsClients['s3'], plan: Plan, launchId: string, slots: Array<[string, number]>): Promise<void> {
  const body = slots.map(([id, slot]) => `${id} ${slot}\n`).join('');
  await putEncryptedObject(s3, {
    bucket: plan.bucket.name,
    key: launchSlotsKey(keyScopeOf(plan), launchId),
    body,
    kmsKeyId: plan.bucket.kmsKeyId,
  });
}
