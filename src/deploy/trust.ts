/**
 * Which certificate checks AWS's signature of an instance identity
 * document. A test (or a demo) against a local endpoint has no AWS-signed
 * documents, so it may name its own certificate, and only then: the
 * variable is ignored unless an AWS endpoint override is set.
 */
import { AWS_IDENTITY_CERTIFICATES } from '../agent/identity-certs.js';

export const TEST_IDENTITY_CERT_ENV = 'SPOT_DEPLOYER_TEST_IDENTITY_CERT';

export type CertificateFor = (region: string) => string | undefined;

export function identityCertificates(env: NodeJS.ProcessEnv = process.env): CertificateFor {
  const endpointOverride = Boolean(env.AWS_ENDPOINT_URL || env.AWS_ENDPOINT_URL_EC2);
  const test = endpointOverride ? env[TEST_IDENTITY_CERT_ENV] : undefined;
  return (region) => test || AWS_IDENTITY_CERTIFICATES[region];
}
