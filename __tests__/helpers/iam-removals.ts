/**
 * What taking each action out of docs/iam-policy.json does to the CLI flow on
 * moto (create: true, with an instance profile): the test runs every claim,
 * and docs/iam.md repeats them for readers.
 */
import type { StepName } from './iam-flow.js';

export type Removal =
  | { failsAt: StepName; garbled?: true }
  | { pricesMissing: true }
  | { passes: 'moto does not check it' | 'not reached by this flow' | 'coming soon'; why: string };

const MOTO_BLIND = 'moto does not check it' as const;
const NOT_REACHED = 'not reached by this flow' as const;
const SOON = 'coming soon' as const;

/**
 * What taking each allowed action out of the document does to the flow.
 * `failsAt` is proven by its own run; `passes` by one run without all of
 * them (in moto fewer Allows never let more through, so that covers each).
 */
export const REMOVAL: Record<string, Removal> = {
  'ec2:AuthorizeSecurityGroupIngress': { failsAt: 'deploy' },
  'ec2:CreateSecurityGroup': { failsAt: 'deploy' },
  'ec2:DeleteSecurityGroup': { failsAt: 'sweep' },
  'ec2:DescribeImages': { failsAt: 'deploy' },
  'ec2:DescribeInstances': { failsAt: 'deploy' },
  'ec2:DescribeSecurityGroups': { failsAt: 'deploy' },
  'ec2:DescribeSubnets': { failsAt: 'deploy' },
  'ec2:DescribeVpcs': {
    passes: NOT_REACHED,
    why: 'the default VPC is found through its default subnets; DescribeVpcs only tells a missing VPC from one without subnets',
  },
  'ec2:CreateFleet': { failsAt: 'deploy' },
  'ec2:CreateLaunchTemplate': { failsAt: 'deploy' },
  'ec2:DescribeLaunchTemplates': { failsAt: 'deploy' },
  'ec2:DeleteLaunchTemplate': { failsAt: 'sweep' },
  'ec2:TerminateInstances': { failsAt: 'sweep' },
  // moto writes its IAM denial as XML even to JSON-protocol services: the SDK cannot parse SSM's 403.
  'ssm:GetParameter': { failsAt: 'deploy', garbled: true },
  's3:CreateBucket': { failsAt: 'deploy' },
  's3:DeleteObject': { failsAt: 'sweep' },
  's3:GetLifecycleConfiguration': { failsAt: 'deploy' },
  's3:GetObject': { failsAt: 'deploy' },
  's3:ListBucket': { failsAt: 'deploy' },
  's3:PutLifecycleConfiguration': { failsAt: 'deploy' },
  's3:PutBucketTagging': { failsAt: 'deploy' },
  's3:PutObject': { failsAt: 'deploy' },
  'ec2:DescribeSpotPriceHistory': { pricesMissing: true },
  'ec2:CreateTags': {
    passes: MOTO_BLIND,
    why: 'AWS authorizes the tags of CreateFleet, CreateLaunchTemplate and CreateSecurityGroup as ec2:CreateTags; moto only the call',
  },
  'ec2:RunInstances': {
    passes: MOTO_BLIND,
    why: "AWS authorizes the instances an EC2 Fleet launches as the caller's ec2:RunInstances; moto checks ec2:CreateFleet only",
  },
  'ec2:CreateLaunchTemplateVersion': {
    passes: NOT_REACHED,
    why: 'the first fleet call of a deployment creates its template (version 1); later deploys add versions',
  },
  'iam:PassRole': { passes: MOTO_BLIND, why: 'the flow passes a role (iam_instance_profile); moto never checks iam:PassRole' },
  'iam:CreateServiceLinkedRole': {
    passes: MOTO_BLIND,
    why: "AWS creates AWSServiceRoleForEC2Spot on an account's first spot request; moto has no such role",
  },
  's3:PutBucketOwnershipControls': {
    passes: MOTO_BLIND,
    why: 'AWS checks it for CreateBucket with ObjectOwnership; moto checks s3:CreateBucket only',
  },
  's3:GetBucketPublicAccessBlock': { passes: MOTO_BLIND, why: 'moto answers GetPublicAccessBlock without checking this action' },
  's3:GetEncryptionConfiguration': { passes: MOTO_BLIND, why: 'moto answers GetBucketEncryption without checking this action' },
  's3:PutBucketPublicAccessBlock': { passes: MOTO_BLIND, why: 'moto authorizes PutPublicAccessBlock as s3:CreateBucket' },
  's3:PutEncryptionConfiguration': { passes: MOTO_BLIND, why: 'moto authorizes PutBucketEncryption as s3:CreateBucket' },
  's3:AbortMultipartUpload': { passes: NOT_REACHED, why: 'lib-storage aborts only after a failed part; this bundle is one PutObject' },
  'ec2:RevokeSecurityGroupIngress': { passes: NOT_REACHED, why: 'only when network.ingress or ssh.cidr loses a rule' },
  's3:GetBucketTagging': { passes: NOT_REACHED, why: 'only for an existing bucket with create: true, to see whether the deployer made it' },
  'kms:Decrypt': { passes: NOT_REACHED, why: "only with bucket.kms_key; moto does not authorize S3's use of KMS either" },
  'kms:GenerateDataKey': { passes: NOT_REACHED, why: "only with bucket.kms_key; moto does not authorize S3's use of KMS either" },
  'ec2:DeleteFleets': { passes: SOON, why: 'deleting maintain/request fleets; instant fleets need no delete' },
  'ec2:DescribeFleets': { passes: SOON, why: 'reading fleets back; an instant fleet answers in its CreateFleet response' },
  'ec2:DescribeAvailabilityZones': { passes: SOON, why: 'capacity planning per zone' },
  'ec2:DescribeInstanceTypeOfferings': { passes: SOON, why: 'capacity planning per zone' },
};
