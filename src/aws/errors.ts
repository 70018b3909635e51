/**
 * The one place AWS errors are wrapped and classified. Every AWS call site
 * passes its failure through `wrapAwsError`, which names the action and the
 * resource and decides what the caller should do next.
 */
import { CODE } from '../core/codes.js';
import { SpotError } from '../core/errors.js';

export type ErrorClass = 'retry' | 'next-pool' | 'switch-market' | 'stop';

const CAPACITY_CODES = new Set([
  'InsufficientInstanceCapacity',
  'InsufficientCapacity',
  'SpotMaxPriceTooLow',
  'InsufficientFreeAddressesInSubnet',
  'Unsupported',
  'InvalidFleetConfiguration',
  'UnfulfillableCapacity',
]);
const QUOTA_CODES = new Set(['MaxSpotInstanceCountExceeded', 'VcpuLimitExceeded', 'InstanceLimitExceeded']);
const THROTTLE_CODES = new Set(['RequestLimitExceeded', 'Throttling', 'ThrottlingException', 'SlowDown']);
const PERMISSION_CODES = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException', 'AuthFailure']);
/** Node's socket errors and the SDK's timeout: AWS was never reached. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'TimeoutError',
]);
const CREDENTIAL_CODES = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
]);

export const awsErrorCode = (error: unknown): string => {
  if (error && typeof error === 'object') {
    const named = error as { name?: string; Code?: string; code?: string };
    return named.Code ?? named.code ?? named.name ?? 'Unknown';
  }
  return 'Unknown';
};

export const awsErrorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function classifyAwsError(code: string): ErrorClass {
  if (THROTTLE_CODES.has(code)) return 'retry';
  if (CAPACITY_CODES.has(code)) return 'next-pool';
  if (QUOTA_CODES.has(code) && code === 'MaxSpotInstanceCountExceeded') return 'switch-market';
  return 'stop';
}

interface WrapContext {
  /** The API action, e.g. `ec2:RunInstances`. */
  action: string;
  /** The resource the call was about, e.g. `us-east-1 t3.small` or a bucket. */
  resource?: string;
}

/** Turns any AWS SDK error into a SpotError with a stable code and a hint. */
export function wrapAwsError(error: unknown, context: WrapContext): SpotError {
  if (error instanceof SpotError) return error;
  const code = awsErrorCode(error);
  const where = context.resource ? ` (${context.resource})` : '';
  const detail = `${context.action}${where} failed: ${code}: ${awsErrorMessage(error)}`;
  if (CREDENTIAL_CODES.has(code) || /credential/i.test(awsErrorMessage(error))) {
    return new SpotError(CODE.noCredentials, detail, {
      cause: error,
      hint:
        'No usable AWS credentials. In Actions, add aws-actions/configure-aws-credentials before this step ' +
        '(pull requests from forks get no secrets or OIDC token); in a terminal, set AWS_PROFILE or run `aws sso login`.',
    });
  }
  if (PERMISSION_CODES.has(code)) {
    return new SpotError(CODE.accessDenied, detail, {
      cause: error,
      hint: `Allow ${context.action} for the role or user in use; see docs/iam.md for the full policy.`,
    });
  }
  if (QUOTA_CODES.has(code)) {
    return new SpotError(CODE.quota, detail, {
      cause: error,
      hint: 'An EC2 quota was reached: raise "All Standard Spot Instance Requests" (or the on-demand vCPU quota) in Service Quotas, or ask for fewer instances.',
    });
  }
  if (CAPACITY_CODES.has(code)) {
    return new SpotError(CODE.noCapacity, detail, {
      cause: error,
      hint: 'No capacity in any pool tried. Add instance types or regions, or use market: spot-then-on-demand.',
    });
  }
  if (THROTTLE_CODES.has(code)) {
    return new SpotError(CODE.throttled, detail, { cause: error, hint: 'AWS throttled the calls; try again in a minute.' });
  }
  if (/^InvalidAMIID/.test(code)) {
    return new SpotError(CODE.imageNotFound, detail, {
      cause: error,
      hint: 'Check `image` in .spot/config.yaml: the AMI must exist in that region and be shared with this account.',
    });
  }
  if (NETWORK_CODES.has(code)) {
    const endpoint = process.env.AWS_ENDPOINT_URL;
    return new SpotError(CODE.awsError, detail, {
      cause: error,
      hint: endpoint
        ? `Nothing answered at AWS_ENDPOINT_URL=${endpoint}: start the local endpoint there, or unset AWS_ENDPOINT_URL to reach AWS itself.`
        : 'AWS could not be reached from this machine: check its network, DNS and any HTTPS proxy (HTTPS_PROXY), then run again.',
    });
  }
  return new SpotError(CODE.awsError, detail, {
    cause: error,
    hint: 'Run with debug logging (ACTIONS_STEP_DEBUG or --debug) for the full AWS response.',
  });
}
