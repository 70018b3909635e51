/**
 * The IAM actions AWS checks for each call the tool makes, from the API
 * references of EC2, S3 and SSM. This is the table to extend when src/ starts
 * sending a new command: the test fails on any call not listed here.
 */
export const ACTIONS_OF_CALL: Record<string, string[]> = {
  // EC2
  DescribeImagesCommand: ['ec2:DescribeImages'],
  DescribeInstancesCommand: ['ec2:DescribeInstances'],
  DescribeSecurityGroupsCommand: ['ec2:DescribeSecurityGroups'],
  DescribeSpotPriceHistoryCommand: ['ec2:DescribeSpotPriceHistory'],
  DescribeSubnetsCommand: ['ec2:DescribeSubnets'],
  DescribeVpcsCommand: ['ec2:DescribeVpcs'],
  CreateSecurityGroupCommand: ['ec2:CreateSecurityGroup'],
  AuthorizeSecurityGroupIngressCommand: ['ec2:AuthorizeSecurityGroupIngress'],
  RevokeSecurityGroupIngressCommand: ['ec2:RevokeSecurityGroupIngress'],
  DeleteSecurityGroupCommand: ['ec2:DeleteSecurityGroup'],
  // EC2 Fleet launches with the caller's permissions: CreateFleet, and RunInstances for the instances it starts.
  CreateFleetCommand: ['ec2:CreateFleet', 'ec2:RunInstances'],
  CreateLaunchTemplateCommand: ['ec2:CreateLaunchTemplate'],
  CreateLaunchTemplateVersionCommand: ['ec2:CreateLaunchTemplateVersion'],
  DeleteLaunchTemplateCommand: ['ec2:DeleteLaunchTemplate'],
  DescribeLaunchTemplatesCommand: ['ec2:DescribeLaunchTemplates'],
  TerminateInstancesCommand: ['ec2:TerminateInstances'],
  // The SDK's waiters poll DescribeInstances.
  waitUntilInstanceRunning: ['ec2:DescribeInstances'],
  waitUntilInstanceTerminated: ['ec2:DescribeInstances'],
  // SSM: public AMI parameters.
  GetParameterCommand: ['ssm:GetParameter'],
  // S3. HeadBucket is authorized as ListBucket, HeadObject as GetObject (and ListBucket turns its 403 into a 404).
  HeadBucketCommand: ['s3:ListBucket'],
  HeadObjectCommand: ['s3:GetObject', 's3:ListBucket'],
  ListObjectsV2Command: ['s3:ListBucket'],
  GetObjectCommand: ['s3:GetObject'],
  PutObjectCommand: ['s3:PutObject'],
  DeleteObjectsCommand: ['s3:DeleteObject'],
  DeleteObjectCommand: ['s3:DeleteObject'],
  CreateBucketCommand: ['s3:CreateBucket'],
  PutPublicAccessBlockCommand: ['s3:PutBucketPublicAccessBlock'],
  GetPublicAccessBlockCommand: ['s3:GetBucketPublicAccessBlock'],
  GetBucketEncryptionCommand: ['s3:GetEncryptionConfiguration'],
  GetBucketTaggingCommand: ['s3:GetBucketTagging'],
  PutBucketTaggingCommand: ['s3:PutBucketTagging'],
  PutBucketEncryptionCommand: ['s3:PutEncryptionConfiguration'],
  GetBucketLifecycleConfigurationCommand: ['s3:GetLifecycleConfiguration'],
  PutBucketLifecycleConfigurationCommand: ['s3:PutLifecycleConfiguration'],
  // lib-storage: PutObject, or Create/UploadPart/CompleteMultipartUpload (all s3:PutObject), and Abort on a failed part.
  'new Upload': ['s3:PutObject', 's3:AbortMultipartUpload'],
};

/**
 * Parts of a request that AWS authorizes as further actions, besides the
 * call's own: the test looks for the field names in src/.
 */
export const ACTIONS_OF_REQUEST_FIELD: Record<string, string[]> = {
  // Tag-on-create: CreateFleet (and the launches it makes), CreateLaunchTemplate and CreateSecurityGroup with tags also need ec2:CreateTags.
  TagSpecifications: ['ec2:CreateTags'],
  // A launch with an instance profile (in the launch template) passes its role to EC2.
  IamInstanceProfile: ['iam:PassRole'],
  // CreateBucket with x-amz-object-ownership.
  ObjectOwnership: ['s3:PutBucketOwnershipControls'],
  // Objects encrypted with the bucket's KMS key: writing makes a data key, reading (the instance's presigned GET) decrypts it.
  SSEKMSKeyId: ['kms:GenerateDataKey', 'kms:Decrypt'],
  // The first spot fleet of an account creates the AWSServiceRoleForEC2Fleet / EC2Spot service-linked roles.
  SpotOptions: ['iam:CreateServiceLinkedRole'],
};
