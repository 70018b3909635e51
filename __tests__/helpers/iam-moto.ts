/**
 * moto with IAM enforcement on: every request must be signed by an IAM user
 * of the account, and is judged against that user's policies. Setting up the
 * account (users, buckets, an instance profile) happens in a short window in
 * which moto checks nothing, opened and closed through moto's own
 * `/moto-api/reset-auth` (what moto's `set_initial_no_auth_action_count`
 * uses in server mode): counting setup calls for INITIAL_NO_AUTH_ACTION_COUNT
 * would break whenever a retry or a new setup call changed the count.
 */
import {
  AddRoleToInstanceProfileCommand,
  CreateAccessKeyCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
  type AccessKey,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { resolve } from 'node:path';
import { asDocument, type PolicyDocument } from './iam-policy.js';
import { startLocalAws, type LocalAws } from './local-aws.js';

/** moto's fixed account. */
export const ACCOUNT_ID = '123456789012';
export const REGION = 'us-east-1';

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Puts moto-signature-fix/sitecustomize.py on Python's path: it fixes moto's signature check (see there). */
const SIGNATURE_FIX = resolve('__tests__/helpers/moto-signature-fix');

/** Starts moto enforcing IAM from its first request (nothing slips through before setup). */
export async function startEnforcingMoto(): Promise<LocalAws> {
  const pythonPath = [SIGNATURE_FIX, process.env.PYTHONPATH].filter(Boolean).join(':');
  return await startLocalAws({
    env: {
      INITIAL_NO_AUTH_ACTION_COUNT: '0',
      MOTO_AMIS_PATH: resolve('__tests__/fixtures/amis.json'),
      PYTHONPATH: pythonPath,
    },
  });
}

async function setAuthThreshold(aws: LocalAws, count: 'inf' | '0'): Promise<void> {
  const response = await fetch(`${aws.motoUrl}/moto-api/reset-auth`, { method: 'POST', body: count });
  if (!response.ok) throw new Error(`moto reset-auth failed: ${response.status}`);
}

/** Runs `setup` while moto checks nothing, and turns enforcement back on whatever happens. */
export async function withoutEnforcement<T>(aws: LocalAws, setup: () => Promise<T>): Promise<T> {
  await setAuthThreshold(aws, 'inf');
  try {
    return await setup();
  } finally {
    await setAuthThreshold(aws, '0');
  }
}

/** SDK client settings for the test's own calls, signed as `credentials`; one attempt, so a denial shows at once. */
export const sdkConfig = (aws: LocalAws, credentials: Keys) => ({ endpoint: aws.endpoint, region: REGION, credentials, maxAttempts: 1 });

/** Unchecked calls still need some signature; these keys belong to no one. */
const ANYONE: Keys = { accessKeyId: 'testing', secretAccessKey: 'testing' };

const keysOf = (key: AccessKey | undefined): Keys => ({ accessKeyId: key!.AccessKeyId!, secretAccessKey: key!.SecretAccessKey! });

async function createUser(iam: IAMClient, name: string, policies: Record<string, PolicyDocument>): Promise<Keys> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  for (const [PolicyName, document] of Object.entries(policies)) {
    if (document.Statement.length === 0) continue;
    await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName, PolicyDocument: JSON.stringify(document) }));
  }
  return keysOf((await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey);
}

async function createInstanceProfile(iam: IAMClient, name: string): Promise<void> {
  const trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  };
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trust) }));
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name }));
  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: name }));
}

export interface AccountSetup {
  /** The runner's inline policies, by name: the document and moto's spelling of it. */
  runnerPolicies: Record<string, PolicyDocument>;
  /** Buckets that exist before the run (a bucket the team made by hand). */
  existingBuckets?: string[];
  /** An instance profile (and role) of this name, for `iam_instance_profile`. */
  instanceProfile?: string;
}

export interface Account {
  runner: Keys;
  /** Keys allowed everything: the test's own look at the account, with enforcement on. */
  admin: Keys;
}

/** A fresh account: moto reset, then users, buckets and profile made while nothing is checked. */
export async function prepareAccount(aws: LocalAws, setup: AccountSetup): Promise<Account> {
  await aws.reset();
  return await withoutEnforcement(aws, async () => {
    const iam = new IAMClient(sdkConfig(aws, ANYONE));
    const s3 = new S3Client({ ...sdkConfig(aws, ANYONE), forcePathStyle: true });
    try {
      const everything = asDocument([{ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' }]);
      const admin = await createUser(iam, 'test-admin', { everything });
      const runner = await createUser(iam, 'spot-deployer-runner', setup.runnerPolicies);
      for (const Bucket of setup.existingBuckets ?? []) await s3.send(new CreateBucketCommand({ Bucket }));
      if (setup.instanceProfile) await createInstanceProfile(iam, setup.instanceProfile);
      return { admin, runner };
    } finally {
      iam.destroy();
      s3.destroy();
    }
  });
}

/** Environment for the CLI signing as `keys`. No session token: IAM user keys have none, and moto refuses one. */
export function cliEnv(aws: LocalAws, keys: Keys): Record<string, string> {
  const { AWS_SESSION_TOKEN: _unused, ...rest } = aws.env;
  return {
    ...rest,
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1',
  };
}
