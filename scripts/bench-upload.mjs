// The re-deploy half of the benchmark: uploads the bundle to a local moto
// twice through the counting proxy and reports what each upload sent.
import { S3Client } from '@aws-sdk/client-s3';

const { startLocalAws } = await import('../__tests__/helpers/local-aws.ts');
const { startFaultProxy } = await import('../__tests__/helpers/fault-proxy.ts');
const { ensureBucket, uploadBundle } = await import('../src/aws/s3.ts');
const { bundleKey } = await import('../src/agent/keys.ts');

export async function uploadRedeploy(bundle) {
  let proxy;
  const aws = await startLocalAws({ proxy: async (moto) => (proxy = await startFaultProxy(moto)) });
  // clients.ts is not importable under type stripping (parameter properties); same settings by hand.
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: aws.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  try {
    const bucket = 'spot-bench';
    await ensureBucket(s3, { name: bucket, create: true }, 'us-east-1');
    const key = bundleKey({ prefix: 'spot-deployer', deploymentId: 'bench' }, bundle.sha256);
    const options = { bucket, key, file: bundle.file, sha256: bundle.sha256 };
    const first = await uploadBundle(s3, options);
    const firstParts = proxy.count({ method: 'PUT', query: /partNumber=/ });
    proxy.clearRequests();
    const second = await uploadBundle(s3, options);
    return { first, firstParts, second, secondPuts: proxy.count({ method: 'PUT' }) };
  } finally {
    s3.destroy();
    await aws.stop();
  }
}
