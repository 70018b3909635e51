/**
 * What the agent PUTs to its status URL: a report (the status JSON of
 * status.ts, or the early `hello`) signed with the key pair the agent made at
 * boot, plus that key's public half and the EC2 instance identity document
 * with AWS's signature, which bind the key to one instance. Contract with
 * templates/bootstrap.sh (`sd_envelope`). The plain status fields next to
 * `signed` are for people reading the bucket; the deployer trusts only
 * what `openSignedReport` returns.
 */
import { createPublicKey, verify, X509Certificate, type KeyObject } from 'node:crypto';

export interface SignedParts {
  /** base64 of the report's exact bytes. */
  report: string;
  /** base64 RSA PKCS#1 v1.5 SHA-256 signature of those bytes by the agent's key. */
  signature: string;
  /** base64 of the agent's public key (PEM, SPKI, RSA 2048). */
  public_key: string;
  /** base64 of the identity document exactly as IMDS served it. */
  identity_document: string;
  /** base64 of IMDS's `/latest/dynamic/instance-identity/signature` text. */
  identity_signature: string;
}

export interface OpenedReport {
  report: Record<string, unknown> & { status: string; instance_id: string };
  /** PEM of the agent's public key, for sealing the secret part to it. */
  publicKey: string;
  /** Region and account the identity document names. */
  region: string;
  accountId: string;
  /** True when AWS's signature of the identity document was checked. */
  identityVerified: boolean;
}

export type OpenResult = { ok: true; opened: OpenedReport } | { ok: false; reason: string };

const b64 = (value: unknown): Buffer | undefined =>
  typeof value === 'string' && /^[A-Za-z0-9+/=\s]*$/.test(value) ? Buffer.from(value, 'base64') : undefined;

function parseJson(bytes: Buffer): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(bytes.toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function rsa2048(pem: Buffer): KeyObject | undefined {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'rsa' && key.asymmetricKeyDetails?.modulusLength === 2048 ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Checks AWS's RSA signature of the identity document against the region's certificate. */
export function identitySignatureValid(document: Buffer, signatureText: string, certificatePem: string): boolean {
  try {
    const signature = Buffer.from(signatureText.replace(/\s+/g, ''), 'base64');
    return verify('sha256', document, new X509Certificate(certificatePem).publicKey, signature);
  } catch {
    return false;
  }
}

/**
 * Opens a status object: the report must be signed by the key it carries,
 * name the instance the identity document names, and (when `certificateFor`
 * knows the region) the document must carry AWS's valid signature.
 */
export function openSignedReport(value: unknown, certificateFor: (region: string) => string | undefined): OpenResult {
  const signed = (value as { signed?: Partial<Record<keyof SignedParts, unknown>> } | null)?.signed;
  if (!signed || typeof signed !== 'object') return { ok: false, reason: 'not signed' };
  const [report, signature, publicKeyPem, document, identitySignature] = [
    b64(signed.report),
    b64(signed.signature),
    b64(signed.public_key),
    b64(signed.identity_document),
    b64(signed.identity_signature),
  ];
  if (!report || !signature || !publicKeyPem || !document || !identitySignature) return { ok: false, reason: 'malformed' };
  const key = rsa2048(publicKeyPem);
  if (!key) return { ok: false, reason: 'the public key is not RSA 2048' };
  if (!verify('sha256', report, key, signature)) return { ok: false, reason: "the report's signature does not match its key" };
  const parsed = parseJson(report);
  const identity = parseJson(document);
  if (!parsed || typeof parsed.instance_id !== 'string' || typeof parsed.status !== 'string') return { ok: false, reason: 'no report' };
  if (!identity || identity.instanceId !== parsed.instance_id) return { ok: false, reason: 'the identity document names another instance' };
  const region = typeof identity.region === 'string' ? identity.region : '';
  const certificate = certificateFor(region);
  const identityVerified = certificate !== undefined && identitySignatureValid(document, identitySignature.toString('utf8'), certificate);
  if (certificate !== undefined && !identityVerified) return { ok: false, reason: "AWS's signature of the identity document is not valid" };
  return {
    ok: true,
    opened: {
      report: parsed as OpenedReport['report'],
      publicKey: key.export({ type: 'spki', format: 'pem' }).toString(),
      region,
      accountId: typeof identity.accountId === 'string' ? identity.accountId : '',
      identityVerified,
    },
  };
}
