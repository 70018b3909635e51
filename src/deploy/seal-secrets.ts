/**
 * Answers a checked hello: the secret part of the bundle, sealed to the
 * public key that instance made at boot, goes to the one key the instance's
 * secret URL reads. Only ciphertext is ever stored; only that instance's
 * private key opens it.
 */
import { readFileSync } from 'node:fs';
import type { AwsClients } from '../aws/clients.js';
import { deleteObject, putSmallObject } from '../aws/s3.js';
import { sealedKey, type KeyScope } from '../agent/keys.js';
import { sealForInstance } from '../agent/seal.js';
import type { Hello } from './wait-ready.js';

export interface SealTarget {
  s3: AwsClients['s3'];
  bucket: string;
  scope: KeyScope;
  secretBundleFile: string;
}

export async function sealSecretsFor(target: SealTarget, hello: Hello): Promise<void> {
  const sealed = sealForInstance(readFileSync(target.secretBundleFile), hello.publicKey);
  await putSmallObject(target.s3, target.bucket, sealedKey(target.scope, hello.launchId, hello.index), sealed);
}

/** Once the instance has reported, its sealed part has served: remove the ciphertext. */
export async function removeSealedFor(target: SealTarget, hello: Hello): Promise<void> {
  await deleteObject(target.s3, target.bucket, sealedKey(target.scope, hello.launchId, hello.index));
}
