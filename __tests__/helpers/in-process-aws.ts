/**
 * For tests that run commands in this process: moto (with the fixture AMIs),
 * optionally behind the fault proxy, with the SDK pointed at it through the
 * standard environment variables, and an EC2 client of the test's own that
 * talks to moto directly (so the proxy neither records nor rewrites it).
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { startLocalAws, type LocalAws } from './local-aws.js';

export interface InProcessAws {
  aws: LocalAws;
  ec2: EC2Client;
  /** Present when started with `{ proxy: true }`. */
  proxy: FaultProxy | undefined;
  stop(): Promise<void>;
}

export async function startInProcessAws(options: { proxy?: boolean } = {}): Promise<InProcessAws> {
  let proxy: FaultProxy | undefined;
  const aws = await startLocalAws({
    env: { MOTO_AMIS_PATH: resolve('__tests__/fixtures/amis.json') },
    ...(options.proxy ? { proxy: async (moto: string) => (proxy = await startFaultProxy(moto)) } : {}),
  });
  // The SDK reads credentials and endpoints from process.env; one attempt, since moto answers gaps with 500.
  for (const [name, value] of Object.entries({ ...aws.env, SPOT_DEPLOYER_AWS_MAX_ATTEMPTS: '1' })) vi.stubEnv(name, value);
  const ec2 = new EC2Client({
    endpoint: aws.motoUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  return {
    aws,
    ec2,
    proxy,
    async stop() {
      vi.unstubAllEnvs();
      ec2.destroy();
      await aws.stop();
    },
  };
}
