/**
 * docs/iam-policy.json as data: read with its placeholders filled in, cut
 * down one action at a time, and spelled the way moto's IAM check reads it.
 * Pure functions, no AWS.
 */
import { readFileSync } from 'node:fs';

export type Condition = Record<string, Record<string, string | string[]>>;

export interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Condition;
}

export interface PolicyDocument {
  Version: string;
  Statement: Statement[];
}

export const POLICY_PATH = 'docs/iam-policy.json';
export const TRUST_POLICY_PATH = 'docs/oidc-trust-policy.json';

/** The placeholders a user replaces before pasting the policy. */
export const PLACEHOLDERS = ['YOUR_ACCOUNT_ID', 'YOUR_BUCKET', 'YOUR_INSTANCE_ROLE', 'YOUR_KMS_KEY_ID'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/** The document's text with every placeholder replaced, as a user would paste it. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  let filled = text;
  for (const [placeholder, value] of Object.entries(values)) filled = filled.replaceAll(placeholder, value);
  return filled;
}

export function readPolicy(path: string, values: Record<string, string> = {}): PolicyDocument {
  return JSON.parse(fillPlaceholders(readFileSync(path, 'utf8'), values)) as PolicyDocument;
}

/** Every action the document allows, once each, sorted. */
export function allowedActions(policy: PolicyDocument): string[] {
  const actions = policy.Statement.filter((statement) => statement.Effect === 'Allow').flatMap((statement) => list(statement.Action));
  return [...new Set(actions)].sort();
}

export const statementsWith = (policy: PolicyDocument, action: string): Statement[] =>
  policy.Statement.filter((statement) => list(statement.Action).includes(action));

/** The document without `action` in any Allow statement; statements left with no action go. */
export function withoutAction(policy: PolicyDocument, action: string): PolicyDocument {
  const Statement = policy.Statement.flatMap((statement) => {
    if (statement.Effect !== 'Allow') return [statement];
    const remaining = list(statement.Action).filter((candidate) => candidate !== action);
    return remaining.length === 0 ? [] : [{ ...statement, Action: remaining }];
  });
  return { ...policy, Statement };
}

export function withoutStatement(policy: PolicyDocument, sid: string): PolicyDocument {
  return { ...policy, Statement: policy.Statement.filter((statement) => statement.Sid !== sid) };
}

const isS3 = (resource: string): boolean => resource.startsWith('arn:aws:s3:::');
const bucketArn = (resource: string): string => resource.split('/')[0]!;

/**
 * moto 5.2.1 checks the same permissions under other names or resources in
 * three places. These statements restate what the document already allows,
 * in moto's terms, so the test can attach the document unchanged and still
 * have moto judge it. They are derived from the (possibly cut-down) document,
 * so removing an action also removes moto's spelling of it.
 *
 * 1. moto authorizes every EC2, SSM, IAM and KMS call against the resource
 *    `*`, so a statement scoped to ARNs never matches there: the same
 *    statement with `Resource: "*"` (conditions kept; moto ignores them).
 * 2. moto authorizes HeadBucket as `s3:HeadBucket`, which is no IAM action;
 *    AWS authorizes it as `s3:ListBucket`.
 * 3. moto authorizes DeleteObjects against the bucket's ARN; AWS authorizes
 *    `s3:DeleteObject` on each key.
 *
 * Deny statements are left alone: moto ignores their conditions, so a Deny
 * widened to `*` would deny everything, which AWS would not.
 */
export function motoSpellings(policy: PolicyDocument): Statement[] {
  const extra: Statement[] = [];
  for (const statement of policy.Statement.filter((candidate) => candidate.Effect === 'Allow')) {
    const resources = list(statement.Resource);
    const actions = list(statement.Action);
    if (!resources.includes('*') && !resources.every(isS3)) {
      extra.push({ ...statement, Sid: `${statement.Sid}AsMotoSeesIt`, Resource: '*' });
    }
    if (actions.includes('s3:ListBucket')) {
      extra.push({ Sid: `${statement.Sid}HeadBucket`, Effect: 'Allow', Action: 's3:HeadBucket', Resource: resources });
    }
    if (actions.includes('s3:DeleteObject')) {
      const buckets = [...new Set(resources.filter(isS3).map(bucketArn))];
      extra.push({ Sid: `${statement.Sid}DeleteObjects`, Effect: 'Allow', Action: 's3:DeleteObject', Resource: buckets });
    }
  }
  return extra;
}

export const asDocument = (Statement: Statement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
