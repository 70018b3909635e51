/**
 * Checks of what the instance can actually do with a deployment: each
 * refusal here replaces a failure that would otherwise only show up on the
 * instance, minutes after launch (docs/configuration.md, "Refused at validate").
 */
import { CODE } from '../core/codes.js';
import type { PathCheck } from './check-paths.js';
import type { DeploymentFile } from './deployment-schema.js';
import { isShellReservedName } from './env-names.js';
import type { KeyPath } from './yaml-source.js';

/** A tarball URL the instance can fetch without credentials and unpack with tar. */
export function checkTarballUrl(url: string, at: KeyPath, check: PathCheck): void {
  const { issues, locator } = check;
  if (url.startsWith('s3://')) {
    issues.report(locator, at, CODE.badUrl, `tarball url "${url}" is an s3:// URL, which the instance has no credentials to read`, {
      hint: 'give an https:// URL: for a private object, a presigned URL (aws s3 presign s3://bucket/key), or put the file in the project to bundle it',
    });
    return;
  }
  if (!/^https:\/\/[^\s/]+\S*$/.test(url)) {
    issues.report(locator, at, CODE.badUrl, `tarball url "${url}" must start with https://`, {
      hint: 'plain http is refused because the download would not be authenticated; use https://',
    });
    return;
  }
  const path = url.replace(/[?#].*$/, '');
  if (/\.zip$/i.test(path)) {
    issues.report(locator, at, CODE.badUrl, `tarball url "${url}" is a .zip, which the instance's tar cannot unpack`, {
      hint: 'publish a .tar.gz (or .tgz, .tar.xz) of the same files, or unzip it in a script',
    });
  }
}

/** Env names bash keeps, service names that leave /etc/systemd/system. */
export function checkForInstance(file: DeploymentFile, check: PathCheck): void {
  checkEnvNames(file.env, ['env'], check);
  for (const [index, entry] of (file.scripts ?? []).entries()) {
    if (typeof entry === 'object') checkEnvNames(entry.env, ['scripts', index, 'env'], check);
  }
  for (const [index, entry] of (file.services ?? []).entries()) {
    const name = entry.name;
    if (name === undefined || (!name.includes('/') && !name.split('.').includes('') && !name.includes('..'))) continue;
    check.issues.report(check.locator, ['services', index, 'name'], CODE.invalidValue, `service name "${name}" is not a unit name`, {
      hint: 'a unit name has no / and no ..; it becomes /etc/systemd/system/<name>.service, e.g. name: web',
    });
  }
}

function checkEnvNames(env: Record<string, unknown> | undefined, at: KeyPath, check: PathCheck): void {
  for (const name of Object.keys(env ?? {})) {
    if (!isShellReservedName(name)) continue;
    check.issues.report(check.locator, [...at, name], CODE.badEnvName, `env name "${name}" is one bash keeps for itself`, {
      at: 'key',
      hint: `choose another name, e.g. APP_${name}; the agent and your scripts run in bash, which refuses to set ${name}`,
    });
  }
}
