/**
 * AWS SDK clients. Credentials come only from the default provider chain.
 * Endpoints follow the standard `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>`
 * variables, which the SDK reads by itself; we only add path-style S3
 * addressing when a custom endpoint is set, because LocalStack, MinIO and
 * moto do not serve virtual-hosted buckets on 127.0.0.1.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';

export interface AwsClients {
  region: string;
  ec2: EC2Client;
  s3: S3Client;
  ssm: SSMClient;
}

const customS3Endpoint = (env: NodeJS.ProcessEnv): boolean => Boolean(env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL);

/** Retries are the SDK's own (standard mode); tests may lower them. */
const maxAttempts = (env: NodeJS.ProcessEnv): number => Number(env.SPOT_DEPLOYER_AWS_MAX_ATTEMPTS ?? 5);

/** The S3 client's settings; `offlineS3` signs with the same ones, so its URLs have the deploy's shape. */
export const s3ClientOptions = (region: string, env: NodeJS.ProcessEnv = process.env) =>
  ({
    region,
    maxAttempts: maxAttempts(env),
    forcePathStyle: customS3Endpoint(env),
    // Presigned URLs must work with plain curl: no checksum headers unless required.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  }) as const;

export function createClients(region: string, env: NodeJS.ProcessEnv = process.env): AwsClients {
  const common = { region, maxAttempts: maxAttempts(env) };
  return {
    region,
    ec2: new EC2Client(common),
    s3: new S3Client(s3ClientOptions(region, env)),
    ssm: new SSMClient(common),
  };
}

/** One set of clients per region, created on first use. */
export class ClientPool {
  private readonly byRegion = new Map<string, AwsClients>();

  private readonly env: NodeJS.ProcessEnv;

  // A plain field, not a parameter property, so Node's type stripping can run this file (npm run bench).
  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.env = env;
  }

  forRegion(region: string): AwsClients {
    let clients = this.byRegion.get(region);
    if (!clients) {
      clients = createClients(region, this.env);
      this.byRegion.set(region, clients);
    }
    return clients;
  }

  destroy(): void {
    for (const clients of this.byRegion.values()) {
      clients.ec2.destroy();
      clients.s3.destroy();
      clients.ssm.destroy();
    }
  }
}
