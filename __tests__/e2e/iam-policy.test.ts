/**
 * docs/iam-policy.json, checked three ways, each for what it can show:
 *
 * 1. Against AWS's service reference, without AWS: every action, resource type
 *    and condition key is one AWS evaluates, and the conditions that keep the
 *    runner to its own resources are where they must be.
 * 2. Against src/ (read as text): every AWS call the tool makes is covered.
 * 3. Against moto enforcing IAM: the built CLI, signed as a user holding
 *    exactly the document, deploys, reports, sweeps and destroys; each action
 *    the flow needs, taken out, makes the flow fail with an access-denied error.
 *
 * moto 5.2.1 judges actions, and resources for S3 only. It ignores conditions
 * (aws:ResourceTag, aws:RequestTag, ec2:CreateAction, iam:PassedToService),
 * checks EC2, SSM, IAM and KMS calls against the resource `*`, and does not
 * authorize what AWS checks besides the call itself (tag-on-create, PassRole,
 * S3's use of KMS). What only AWS would show is in part 1; part 3 says where
 * moto is blind instead of pretending. docs/iam.md lists the same.
 */
import { CreateTagsCommand, EC2Client, RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  GetBucketLifecycleConfigurationCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deployStep,
  destroyStep,
  untilExpired,
  reportBootstrapOk,
  runFlow,
  statusStep,
  sweepStep,
  transcript,
  writeProject,
  type FlowRun,
} from '../helpers/iam-flow.js';
import { authorizedTypes, lintPolicy } from '../helpers/iam-lint.js';
import { ACCOUNT_ID, cliEnv, prepareAccount, sdkConfig, startEnforcingMoto, withoutEnforcement, type Keys } from '../helpers/iam-moto.js';
import { ACTIONS_OF_CALL, ACTIONS_OF_REQUEST_FIELD } from '../helpers/iam-needs.js';
import {
  allowedActions,
  asDocument,
  list,
  motoSpellings,
  PLACEHOLDERS,
  POLICY_PATH,
  readPolicy,
  statementsWith,
  TRUST_POLICY_PATH,
  withoutAction,
  withoutStatement,
  type PolicyDocument,
  type Statement,
} from '../helpers/iam-policy.js';
import type { LocalAws } from '../helpers/local-aws.js';
import { REMOVAL } from '../helpers/iam-removals.js';
import { awsCallsInSource, sourceText, taggedTypesNextTo } from '../helpers/source-calls.js';

const MANAGED_BY = { key: 'spot-deployer:managed-by', value: 'spot-deployer' };
const INSTANCE_ROLE = 'spot-deployer-instance';
const BUCKETS = { created: 'spot-deployer-iam-created', existing: 'spot-deployer-iam-existing' };

const fill = (bucket: string): Record<string, string> => ({
  YOUR_ACCOUNT_ID: ACCOUNT_ID,
  YOUR_BUCKET: bucket,
  YOUR_INSTANCE_ROLE: INSTANCE_ROLE,
  YOUR_KMS_KEY_ID: '0b1c2d3e-aaaa-bbbb-cccc-0123456789ab',
});
const documentFor = (bucket: string): PolicyDocument => readPolicy(POLICY_PATH, fill(bucket));
const asWritten = readPolicy(POLICY_PATH);

/** The document, unchanged, plus moto's spelling of the same permissions (see motoSpellings). */
const runnerPolicies = (document: PolicyDocument): Record<string, PolicyDocument> => ({
  'spot-deployer': document,
  'moto-spellings': asDocument(motoSpellings(document)),
});

const conditionOf = (statement: Statement, operator: string): Record<string, string | string[]> | undefined =>
  statement.Condition?.[operator];

describe('docs/iam-policy.json against the AWS service reference and the source', () => {
  it('uses real actions, resource types those actions authorize, and condition keys AWS evaluates for them', async () => {
    expect(await lintPolicy(asWritten)).toEqual([]);
  });

  it('covers every AWS call in src/, and every action it allows today is one of those calls needs or marked as coming soon', () => {
    const calls = awsCallsInSource('src', Object.keys(ACTIONS_OF_REQUEST_FIELD));
    const unknown = [...calls.keys()].filter((call) => !(call in ACTIONS_OF_CALL) && !(call in ACTIONS_OF_REQUEST_FIELD));
    expect(unknown, 'add these calls to __tests__/helpers/iam-needs.ts and to the policy').toEqual([]);
    const needed = new Set([...calls.keys()].flatMap((call) => ACTIONS_OF_CALL[call] ?? ACTIONS_OF_REQUEST_FIELD[call] ?? []));
    expect([...needed].filter((action) => !allowedActions(asWritten).includes(action))).toEqual([]);
    const soon = asWritten.Statement.filter((statement) => statement.Sid.startsWith('Soon')).flatMap((statement) => list(statement.Action));
    expect(allowedActions(asWritten).filter((action) => !needed.has(action) && !soon.includes(action))).toEqual([]);
  });

  it('lets ec2:CreateTags happen only inside a create call', () => {
    const tagging = statementsWith(asWritten, 'ec2:CreateTags');
    expect(tagging.map((statement) => statement.Effect)).toEqual(['Allow']);
    expect(conditionOf(tagging[0]!, 'StringEquals')).toEqual({
      'ec2:CreateAction': ['CreateFleet', 'CreateLaunchTemplate', 'CreateSecurityGroup', 'RunInstances'],
    });
  });

  it('terminates, deletes and changes only resources tagged managed-by = spot-deployer', () => {
    const changing = [
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:CreateLaunchTemplateVersion',
      'ec2:DeleteFleets',
      'ec2:DeleteLaunchTemplate',
      'ec2:DeleteSecurityGroup',
      'ec2:RevokeSecurityGroupIngress',
      'ec2:TerminateInstances',
    ];
    for (const action of changing) {
      const statements = statementsWith(asWritten, action);
      expect(statements.length, action).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        expect(statement.Condition, `${statement.Sid} grants ${action}`).toEqual({
          StringEquals: { [`aws:ResourceTag/${MANAGED_BY.key}`]: MANAGED_BY.value },
        });
      }
    }
  });

  it('denies each create call whose resources lack the tag, on exactly the resource types src/ tags', async () => {
    // Fleet instances are tagged by the launch template's data; EC2 Fleet authorizes their launch as ec2:RunInstances.
    const creates = {
      buildLaunchTemplateData: 'ec2:RunInstances',
      buildFleetInput: 'ec2:CreateFleet',
      CreateLaunchTemplateCommand: 'ec2:CreateLaunchTemplate',
      CreateSecurityGroupCommand: 'ec2:CreateSecurityGroup',
    };
    for (const [command, action] of Object.entries(creates)) {
      const denies = statementsWith(asWritten, action).filter((statement) => statement.Effect === 'Deny');
      expect(denies, action).toHaveLength(1);
      expect(denies[0]!.Condition).toEqual({ StringNotEquals: { [`aws:RequestTag/${MANAGED_BY.key}`]: MANAGED_BY.value } });
      const deniedTypes = list(denies[0]!.Resource).map((arn) => /:([a-z-]+)\/\*$/.exec(arn)![1]);
      expect(deniedTypes.sort(), `${action}: tagged in src/ next to ${command}`).toEqual(taggedTypesNextTo('src', command));
      // A Deny on a type AWS authorizes without the request tag (the image, the subnet) would refuse every launch.
      const types = await authorizedTypes(action);
      for (const type of deniedTypes) {
        expect(types.find((candidate) => candidate.name === type)?.conditionKeys, `${action} ${type}`).toContain(
          'aws:RequestTag/${TagKey}',
        );
      }
    }
  });

  it('uses the tag the tool writes and the key prefix it uses by default', () => {
    const source = sourceText('src');
    expect(source).toContain(`managedBy: '${MANAGED_BY.key}'`);
    expect(source).toContain(`MANAGED_BY = '${MANAGED_BY.value}'`);
    expect(source).toContain(`bucketPrefix: 'spot-deployer'`);
  });

  it('scopes S3 to the bucket and its key prefix, SSM to public parameters, PassRole to EC2, and the service-linked roles to spot', () => {
    const resourcesOf = (action: string): string[] => statementsWith(asWritten, action).flatMap((statement) => list(statement.Resource));
    for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload']) {
      expect(resourcesOf(action), action).toEqual(['arn:aws:s3:::YOUR_BUCKET/spot-deployer/*']);
    }
    for (const action of allowedActions(asWritten).filter((name) => name.startsWith('s3:') && !/Object|Multipart/.test(name))) {
      expect(resourcesOf(action), action).toEqual(['arn:aws:s3:::YOUR_BUCKET']);
    }
    expect(resourcesOf('ssm:GetParameter')).toEqual(['arn:aws:ssm:*:*:parameter/aws/service/*']);
    const [passRole] = statementsWith(asWritten, 'iam:PassRole');
    expect(passRole!.Resource).toBe('arn:aws:iam::YOUR_ACCOUNT_ID:role/YOUR_INSTANCE_ROLE');
    expect(passRole!.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } });
    const [serviceLinked] = statementsWith(asWritten, 'iam:CreateServiceLinkedRole');
    expect(serviceLinked!.Condition).toEqual({ StringEquals: { 'iam:AWSServiceName': ['ec2fleet.amazonaws.com', 'spot.amazonaws.com'] } });
  });

  it('allows `*` only on Describe calls and on create calls that a Deny holds to the tag', async () => {
    for (const statement of asWritten.Statement.filter((candidate) => candidate.Effect === 'Allow' && candidate.Resource === '*')) {
      for (const action of list(statement.Action)) {
        const heldByDeny = statementsWith(asWritten, action).some((other) => other.Effect === 'Deny');
        const onlyStar = (await authorizedTypes(action)).length === 0;
        expect(heldByDeny || onlyStar, `${statement.Sid}: ${action} on *`).toBe(true);
      }
    }
  });

  it('holds only the documented placeholders and fits a managed policy (6,144 characters without spaces)', () => {
    const text = readFileSync(POLICY_PATH, 'utf8');
    expect([...new Set(text.match(/YOUR_[A-Z_]+/g))].sort()).toEqual([...PLACEHOLDERS]);
    expect(JSON.stringify(asWritten).length).toBeLessThanOrEqual(6144);
    expect(new Set(asWritten.Statement.map((statement) => statement.Sid)).size).toBe(asWritten.Statement.length);
  });

  it('is explained statement by statement in docs/iam.md', () => {
    const guide = readFileSync('docs/iam.md', 'utf8');
    expect(asWritten.Statement.map((statement) => statement.Sid).filter((sid) => !guide.includes(`| \`${sid}\``))).toEqual([]);
  });
});

describe('docs/oidc-trust-policy.json', () => {
  const trust = JSON.parse(readFileSync(TRUST_POLICY_PATH, 'utf8')) as {
    Statement: Array<{
      Effect: string;
      Principal: { Federated: string };
      Action: string;
      Condition: Record<string, Record<string, unknown>>;
    }>;
  };

  it("trusts GitHub's OIDC provider for sts.amazonaws.com, for exact subjects of one repository", () => {
    const [statement] = trust.Statement;
    expect(trust.Statement).toHaveLength(1);
    expect(statement!.Principal.Federated).toBe('arn:aws:iam::YOUR_ACCOUNT_ID:oidc-provider/token.actions.githubusercontent.com');
    expect(statement!.Action).toBe('sts:AssumeRoleWithWebIdentity');
    // StringEquals, never StringLike: a `repo:OWNER/*` subject would let every repository of the owner in.
    expect(Object.keys(statement!.Condition)).toEqual(['StringEquals']);
    const equals = statement!.Condition.StringEquals!;
    expect(equals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
    expect(equals['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:OWNER/REPO:pull_request',
      'repo:OWNER/REPO:ref:refs/heads/main',
      'repo:OWNER/REPO:environment:preview',
    ]);
  });
});

describe('with exactly docs/iam-policy.json, against moto enforcing IAM', () => {
  let aws: LocalAws;
  const timings: string[] = [];

  beforeAll(async () => {
    aws = await startEnforcingMoto();
  });

  afterAll(async () => {
    await aws?.stop();
    if (timings.length > 0) console.info(`IAM policy flows on moto:\n  ${timings.join('\n  ')}`);
  });

  const ec2For = (keys: Keys): EC2Client => new EC2Client(sdkConfig(aws, keys));
  const s3For = (keys: Keys): S3Client => new S3Client({ ...sdkConfig(aws, keys), forcePathStyle: true });

  it('bucket.create: true — deploy creates and secures the bucket, status reads the instance report, sweep removes the expired deployment', async () => {
    const account = await prepareAccount(aws, { runnerPolicies: runnerPolicies(documentFor(BUCKETS.created)) });
    const dir = writeProject({ name: 'iam-created', bucket: { name: BUCKETS.created, create: true } });
    const flow = await runFlow(
      [
        deployStep(dir, '1s'),
        { ...statusStep(dir), before: () => reportBootstrapOk(aws, account.admin, 'iam-created') },
        sweepStep(dir, untilExpired(aws, account.admin)),
        destroyStep(dir),
      ],
      cliEnv(aws, account.runner),
    );
    timings.push(`create: true, full flow: ${flow.ms} ms`);
    expect(flow.failed, transcript(flow)).toBeUndefined();
    const [deploy, status, sweep, destroy] = flow.steps.map((run) => JSON.parse(run.stdout) as Record<string, unknown>);
    expect(deploy).toMatchObject({ status: 'success', instances: [{ lifecycle: 'spot', state: 'running', price: expect.any(Number) }] });
    expect(status).toMatchObject({ instances: [{ bootstrap: 'ok' }] });
    expect(sweep).toMatchObject({
      swept: [
        {
          deploymentId: 'iam-created',
          // The bundle, the status object and the launch's conf (kept: with `wait: running` an instance may still need it).
          destroyed: { terminated: [expect.anything()], securityGroups: [expect.any(String)], objectsDeleted: 3 },
        },
      ],
    });
    expect(destroy).toMatchObject({ terminated: [], objectsDeleted: 0 });

    const s3 = s3For(account.admin);
    const rules = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKETS.created }));
    expect(rules.Rules?.map((rule) => rule.ID)).toEqual(['spot-deployer-bundles', 'spot-deployer-status']);
    expect((await s3.send(new ListObjectsV2Command({ Bucket: BUCKETS.created }))).KeyCount).toBe(0);
    s3.destroy();
  });

  it('an existing bucket and an instance profile — deploy, status, destroy and sweep; the bucket statement is not needed then', async () => {
    for (const [label, document] of [
      ['exact document', documentFor(BUCKETS.existing)],
      ['without SetUpBucketWhenCreateIsTrue', withoutStatement(documentFor(BUCKETS.existing), 'SetUpBucketWhenCreateIsTrue')],
    ] as const) {
      const account = await prepareAccount(aws, {
        runnerPolicies: runnerPolicies(document),
        existingBuckets: [BUCKETS.existing],
        instanceProfile: INSTANCE_ROLE,
      });
      const dir = writeProject({ name: 'iam-existing', bucket: { name: BUCKETS.existing, create: false }, instanceProfile: INSTANCE_ROLE });
      const flow = await runFlow([deployStep(dir, '2h'), statusStep(dir), destroyStep(dir), sweepStep(dir)], cliEnv(aws, account.runner));
      timings.push(`existing bucket, ${label}: ${flow.ms} ms`);
      expect(flow.failed, `${label}\n${transcript(flow)}`).toBeUndefined();
      const [deploy, status, destroy, sweep] = flow.steps.map((run) => JSON.parse(run.stdout) as Record<string, unknown>);
      expect(deploy).toMatchObject({ status: 'success', instances: [{ state: 'running' }] });
      expect(status).toMatchObject({ instances: [{ state: 'running' }] });
      // The bundle and the launch's conf.
      expect(destroy).toMatchObject({ terminated: [expect.anything()], securityGroups: [expect.any(String)], objectsDeleted: 2 });
      expect(sweep).toMatchObject({ seen: [], swept: [] });
    }
  });

  it('keeps S3 to the bucket and prefix: moto does evaluate S3 resource ARNs', async () => {
    const account = await prepareAccount(aws, {
      runnerPolicies: runnerPolicies(documentFor(BUCKETS.existing)),
      existingBuckets: [BUCKETS.existing, 'someone-elses-bucket'],
    });
    const s3 = s3For(account.runner);
    const put = (Bucket: string, Key: string) => s3.send(new PutObjectCommand({ Bucket, Key, Body: 'x' }));
    await put(BUCKETS.existing, 'spot-deployer/demo/inside.txt');
    await expect(put(BUCKETS.existing, 'elsewhere/outside.txt')).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(put('someone-elses-bucket', 'spot-deployer/demo/x.txt')).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(s3.send(new GetObjectCommand({ Bucket: 'someone-elses-bucket', Key: 'spot-deployer/x' }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    });
    s3.destroy();
  });

  it('where moto is blind: it lets the runner terminate an untagged instance, tag an existing one and launch without tags (AWS denies all three; see the conditions checked above)', async () => {
    const account = await prepareAccount(aws, { runnerPolicies: runnerPolicies(documentFor(BUCKETS.existing)) });
    const admin = ec2For(account.admin);
    const runner = ec2For(account.runner);
    const launch = (client: EC2Client) =>
      client.send(new RunInstancesCommand({ ImageId: 'ami-0ubuntu2404amd64', MinCount: 1, MaxCount: 1 }));
    // The runner holds the document and moto's spelling of it, as in the flows; the document alone fails here
    // only because moto matches no EC2 ARN, which would prove nothing about the conditions.
    const notOurs = (await launch(admin)).Instances![0]!.InstanceId!;
    // On AWS: UnauthorizedOperation, ChangeOnlyManagedResources needs aws:ResourceTag/spot-deployer:managed-by.
    const terminated = await runner.send(new TerminateInstancesCommand({ InstanceIds: [notOurs] }));
    expect(terminated.TerminatingInstances?.[0]?.CurrentState?.Name).toMatch(/shutting-down|terminated/);
    // On AWS: UnauthorizedOperation, TagOnlyWhileCreating needs ec2:CreateAction (set only inside a create call).
    const another = (await launch(admin)).Instances![0]!.InstanceId!;
    const tag = { Key: MANAGED_BY.key, Value: MANAGED_BY.value };
    await expect(runner.send(new CreateTagsCommand({ Resources: [another], Tags: [tag] }))).resolves.toBeDefined();
    // On AWS: explicit deny, DenyLaunchWithoutManagedByTag.
    expect((await launch(runner)).Instances).toHaveLength(1);
    admin.destroy();
    runner.destroy();
  });

  it("accepts both documents as IAM policies (moto's validator) for a role that GitHub's OIDC provider may assume", async () => {
    const iam = new IAMClient(sdkConfig(aws, { accessKeyId: 'testing', secretAccessKey: 'testing' }));
    await aws.reset();
    await withoutEnforcement(aws, async () => {
      await iam.send(
        new CreateOpenIDConnectProviderCommand({
          Url: 'https://token.actions.githubusercontent.com',
          ClientIDList: ['sts.amazonaws.com'],
          ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
        }),
      );
      const trust = readFileSync(TRUST_POLICY_PATH, 'utf8').replaceAll('YOUR_ACCOUNT_ID', ACCOUNT_ID).replaceAll('OWNER/REPO', 'acme/web');
      await iam.send(new CreateRoleCommand({ RoleName: 'spot-deployer-github', AssumeRolePolicyDocument: trust }));
      const permissions = JSON.stringify(documentFor(BUCKETS.created));
      await iam.send(
        new PutRolePolicyCommand({ RoleName: 'spot-deployer-github', PolicyName: 'spot-deployer', PolicyDocument: permissions }),
      );
    });
    iam.destroy();
  });

  describe('each action, taken out of the document', () => {
    /** create: true with an instance profile: the flow that touches every statement today's code needs. */
    async function flowWithout(actions: string[]): Promise<FlowRun & { runner: Keys }> {
      let document = documentFor(BUCKETS.created);
      for (const action of actions) document = withoutAction(document, action);
      const account = await prepareAccount(aws, { runnerPolicies: runnerPolicies(document), instanceProfile: INSTANCE_ROLE });
      const dir = writeProject({ name: 'iam-cut', bucket: { name: BUCKETS.created, create: true }, instanceProfile: INSTANCE_ROLE });
      const steps = [deployStep(dir, '1s'), statusStep(dir), sweepStep(dir, untilExpired(aws, account.admin)), destroyStep(dir)];
      return { ...(await runFlow(steps, cliEnv(aws, account.runner))), runner: account.runner };
    }

    it('every action is accounted for below', () => {
      expect(Object.keys(REMOVAL).sort()).toEqual(allowedActions(asWritten));
    });

    const needed = Object.entries(REMOVAL).flatMap(([action, removal]) =>
      'failsAt' in removal && !removal.garbled ? [[action, removal.failsAt] as const] : [],
    );
    it.each(needed)('without %s the flow fails at %s with access denied', async (action, step) => {
      const flow = await flowWithout([action]);
      timings.push(`without ${action}: failed at ${flow.failed?.step ?? 'nothing'} in ${flow.ms} ms`);
      const text = transcript(flow);
      expect(flow.failed?.step, text).toBe(step);
      expect(text).toContain('SD201');
      // moto names the denied EC2/SSM action itself; for S3 (no such message) the tool names the action it was refused.
      expect(text).toContain(action.startsWith('s3:') ? `${action} on ${BUCKETS.created}` : `not authorized to perform: ${action}`);
    });

    it('without ssm:GetParameter the flow fails at deploy; moto answers 403 AccessDenied in XML, which the SSM client cannot read', async () => {
      const flow = await flowWithout(['ssm:GetParameter']);
      timings.push(`without ssm:GetParameter: failed at ${flow.failed?.step ?? 'nothing'} in ${flow.ms} ms`);
      expect(flow.failed?.step, transcript(flow)).toBe('deploy');
      expect(transcript(flow)).toMatch(/ssm:GetParameter \(us-east-1 \/aws\/service\/[^)]+\) failed/);
      // The tool cannot classify an unreadable body as SD201; the same call made here shows what moto answered.
      const ssm = new SSMClient(sdkConfig(aws, flow.runner));
      const denied = (await ssm.send(new GetParameterCommand({ Name: '/aws/service/any' })).catch((error: unknown) => error)) as {
        $response?: { statusCode?: number };
      };
      expect(denied.$response?.statusCode).toBe(403);
      ssm.destroy();
    });

    it('without ec2:DescribeSpotPriceHistory the flow succeeds but reports no prices (prices never fail a deploy, by design)', async () => {
      const flow = await flowWithout(['ec2:DescribeSpotPriceHistory']);
      timings.push(`without ec2:DescribeSpotPriceHistory: ${flow.ms} ms`);
      expect(flow.failed, transcript(flow)).toBeUndefined();
      const deploy = JSON.parse(flow.steps[0]!.stdout) as { costPerHour?: number; instances: Array<{ price?: number }> };
      expect(deploy.costPerHour).toBeUndefined();
      expect(deploy.instances[0]!.price).toBeUndefined();
    });

    it('without all the others at once the flow still succeeds: moto does not check them, this flow does not reach them, or they are for code coming soon', async () => {
      const passing = Object.entries(REMOVAL).flatMap(([action, removal]) => ('passes' in removal ? [action] : []));
      const flow = await flowWithout(passing);
      timings.push(`without the ${passing.length} actions moto cannot prove: ${flow.ms} ms`);
      expect(flow.failed, transcript(flow)).toBeUndefined();
    });
  });
});
