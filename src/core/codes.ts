/**
 * The one registry of error codes. Users, docs and tests refer to these, so
 * a code is never renumbered or reused. Ranges: SD1xx configuration and
 * bundle, SD2xx credentials and permissions, SD3xx capacity and quota, SD4xx
 * timeouts, SD5xx bootstrap, SD9xx bugs. No other file declares a code:
 * code elsewhere names one through `CODE.<name>`, and the user guide's table
 * is generated from this file (`npm run docs`), with a test that fails when
 * it is stale.
 */

export type Severity = 'error' | 'warning';

interface CodeInfo {
  /** The name code refers to it by, e.g. `CODE.badRegion`. */
  readonly name: string;
  /** What the code means, in a few words, for the docs table. */
  readonly title: string;
  readonly severity: Severity;
  /** The hint used when the place that raises it has nothing more specific to say. */
  readonly hint: string;
}

export const CODES = {
  SD100: {
    name: 'usage',
    title: 'a usage problem: unknown command, bad flag or input value',
    severity: 'error',
    hint: 'Run spot-deployer --help for commands and flags.',
  },
  SD101: {
    name: 'noProject',
    title: 'no .spot/ folder and no deployment/ folder found',
    severity: 'error',
    hint: 'Run spot-deployer init in your project, or pass --dir.',
  },
  SD102: {
    name: 'yamlSyntax',
    title: 'YAML syntax error (tabs for indentation included), or a file that cannot be read',
    severity: 'error',
    hint: 'Fix the YAML at the line shown; indent with spaces.',
  },
  SD103: { name: 'duplicateKey', title: 'a key appears twice in one map', severity: 'error', hint: 'Keep one of the two keys.' },
  SD104: {
    name: 'unknownKey',
    title: 'unknown key (with "did you mean")',
    severity: 'error',
    hint: 'Check the spelling against the configuration reference.',
  },
  SD105: {
    name: 'invalidValue',
    title: 'wrong type, or a value outside the allowed set',
    severity: 'error',
    hint: 'Use one of the values the message lists.',
  },
  SD106: {
    name: 'missingValue',
    title: 'a required value is missing (regions, bucket, …)',
    severity: 'error',
    hint: 'Add the key named in the message.',
  },
  SD107: {
    name: 'emptyFile',
    title: 'an empty file where content is required',
    severity: 'error',
    hint: 'Fill the file in, or remove it.',
  },
  SD108: { name: 'badVersion', title: 'unsupported `version`', severity: 'error', hint: 'Set version: 1.' },
  SD109: {
    name: 'mixedLayout',
    title: 'deployment.yaml mixes top-level keys with a `deployment:` map',
    severity: 'error',
    hint: 'Put every key either at the top level or under deployment:, not both.',
  },
  SD110: {
    name: 'deprecatedKey',
    title: "a key of the original Python tool's layout (warning)",
    severity: 'warning',
    hint: 'Move to the key the message names.',
  },
  SD111: {
    name: 'missingSource',
    title: 'a source file or folder does not exist',
    severity: 'error',
    hint: 'Paths are relative to the project root; check the spelling.',
  },
  SD112: {
    name: 'pathEscape',
    title: 'a path leaves the project (`..`, absolute, or a symlink pointing out)',
    severity: 'error',
    hint: 'Keep every source inside the project; copy the target in instead of linking to it.',
  },
  SD113: {
    name: 'duplicateDest',
    title: 'two uploads write to the same destination',
    severity: 'error',
    hint: 'Give each upload its own dest.',
  },
  SD114: {
    name: 'badPermissions',
    title: 'a permission string is not octal like `0644`',
    severity: 'error',
    hint: 'Quote permissions as a string: "0644".',
  },
  SD115: {
    name: 'badOwner',
    title: 'an owner is not `user` or `user:group`',
    severity: 'error',
    hint: 'Write owner: app or owner: app:app.',
  },
  SD116: {
    name: 'badUnit',
    title: 'a systemd unit does not parse or has no [Service] section',
    severity: 'error',
    hint: 'Check the unit file with systemd-analyze verify.',
  },
  SD117: {
    name: 'badScript',
    title: 'a script is not a regular file, or (warning) is not executable',
    severity: 'error',
    hint: 'chmod +x the script, or point at a regular file.',
  },
  SD118: {
    name: 'badChecksum',
    title: 'a checksum is not `sha256:<64 hex>`',
    severity: 'error',
    hint: 'Write checksum: "sha256:" followed by the 64 hex digits of sha256sum.',
  },
  SD119: {
    name: 'badUrl',
    title: 'a tarball URL the instance cannot fetch or unpack',
    severity: 'error',
    hint: 'Use an https:// URL (presigned for a private S3 object) of a .tar.gz, .tgz or .tar file.',
  },
  SD120: { name: 'badRegion', title: 'a region name AWS does not have', severity: 'error', hint: 'Use a region name such as us-east-1.' },
  SD121: {
    name: 'badInstanceType',
    title: 'an instance type name that is not `family.size`',
    severity: 'error',
    hint: 'Write instance types like t3.small.',
  },
  SD122: {
    name: 'archMismatch',
    title: 'instance types disagree with `architecture` or with each other',
    severity: 'error',
    hint: 'Use only x86_64 types, or only arm64 types (names with g, like t4g).',
  },
  SD123: {
    name: 'badCount',
    title: 'instance counts do not fit the regions',
    severity: 'error',
    hint: 'Make the per-region counts add up to instances.',
  },
  SD124: {
    name: 'badDuration',
    title: 'a duration is not like `90s`, `15m`, `8h`, `3d` or `never`',
    severity: 'error',
    hint: 'Write durations like 90s, 15m, 8h or 3d.',
  },
  SD125: { name: 'badCidr', title: 'a CIDR is not valid IPv4 notation', severity: 'error', hint: 'Write a CIDR like 203.0.113.0/24.' },
  SD126: {
    name: 'openSsh',
    title: 'SSH open to the whole internet (warning)',
    severity: 'warning',
    hint: 'Set ssh.cidr to your own address range.',
  },
  SD127: {
    name: 'wouldOverwrite',
    title: '`init` would overwrite an existing file',
    severity: 'error',
    hint: 'Pass --force to overwrite.',
  },
  SD128: {
    name: 'incompleteSpot',
    title: 'nothing to deploy, or .spot/ holds only one of its files in a way that cannot work',
    severity: 'error',
    hint: 'Add .spot/deployment.yaml, or a deployment/ folder with a setup.sh.',
  },
  SD129: {
    name: 'portNotOpen',
    title: 'a port the compose file publishes that no `network.ingress` rule opens (warning)',
    severity: 'warning',
    hint: 'Add the port to network.ingress in .spot/config.yaml, or stop publishing it.',
  },
  SD130: {
    name: 'unsafeDest',
    title: 'a destination on the instance that is not absolute or has `..`',
    severity: 'error',
    hint: 'Write the destination as an absolute path, e.g. /opt/app.',
  },
  SD131: {
    name: 'unsupportedType',
    title: 'a device file, socket or FIFO in the bundle',
    severity: 'error',
    hint: 'Exclude it in .spotignore.',
  },
  SD132: {
    name: 'changedWhileReading',
    title: 'a file changed size while it was being bundled',
    severity: 'error',
    hint: 'Run again once nothing writes to the project.',
  },
  SD133: {
    name: 'unsafeExtra',
    title: 'a generated bundle path that is absolute, has `..` or sits under files/',
    severity: 'error',
    hint: 'This is a bug in spot-deployer; please report it.',
  },
  SD134: {
    name: 'fileLeftBehind',
    title: 'a `deployment/` script names a project file outside `deployment/`, which is not uploaded (warning)',
    severity: 'warning',
    hint: 'Move the file under deployment/, or upload it from .spot/deployment.yaml.',
  },
  SD135: {
    name: 'missingBucket',
    title: 'the S3 bucket does not exist',
    severity: 'error',
    hint: 'Create the bucket, or set bucket: {name, create: true}.',
  },
  SD136: {
    name: 'bucketTaken',
    title: 'the S3 bucket name belongs to another account',
    severity: 'error',
    hint: 'Bucket names are global; choose another name.',
  },
  SD137: {
    name: 'unsafeBucket',
    title: 'a bucket setting that would reach beyond this tool (empty prefix, foreign settings)',
    severity: 'error',
    hint: 'Give bucket.prefix a non-empty value.',
  },
  SD138: {
    name: 'unitFileMissing',
    title: 'a service unit names a file of the deployment that nothing puts there',
    severity: 'error',
    hint: 'Fix the path, add the file to the upload it falls in, or prefix EnvironmentFile=/WorkingDirectory= with - if it is optional.',
  },
  SD140: {
    name: 'badEnvName',
    title: 'an env name that is not a shell identifier, or one the shell keeps for itself',
    severity: 'error',
    hint: 'Use names like APP_PORT: letters, digits and _, not starting with a digit.',
  },
  SD141: {
    name: 'serviceCycle',
    title: 'services whose `after` lists form a cycle, or name a service that does not exist',
    severity: 'error',
    hint: 'Remove one of the after: entries.',
  },
  SD142: {
    name: 'nulByte',
    title: 'a value holds a NUL byte, which no shell argument can carry',
    severity: 'error',
    hint: 'Remove the NUL character from the value.',
  },
  SD150: {
    name: 'imageNotFound',
    title: '`image` not found in a region (alias, AMI id or SSM path)',
    severity: 'error',
    hint: 'Check the AMI id or SSM path exists in that region.',
  },
  SD151: {
    name: 'noNetwork',
    title: 'no default VPC, a VPC without subnets, or listed subnets not found, in two VPCs or outside network.vpc',
    severity: 'error',
    hint: 'Set network.vpc and network.subnets.',
  },
  SD152: {
    name: 'badTemplate',
    title: 'a cloud-init template or fragment that is not valid, or sets a key the deployer owns',
    severity: 'error',
    hint: 'Fix the template, or choose minimal or docker.',
  },
  SD153: {
    name: 'userDataTooBig',
    title: "user-data over EC2's 16,384 bytes even after gzip (checked before any AWS call)",
    severity: 'error',
    hint: 'Move content from .spot/cloud-init.yaml into the bundle.',
  },
  SD200: {
    name: 'noCredentials',
    title: 'no usable AWS credentials (including fork pull requests)',
    severity: 'error',
    hint: 'Configure credentials with aws-actions/configure-aws-credentials, or AWS_PROFILE in a terminal.',
  },
  SD201: {
    name: 'accessDenied',
    title: 'permission denied: the hint names the IAM action',
    severity: 'error',
    hint: 'Add the IAM action to the role; see the IAM policy in the user guide.',
  },
  SD202: {
    name: 'untrustedFork',
    title: "a fork's pull request under pull_request_target, which would run the fork's code with this repository's AWS role",
    severity: 'error',
    hint: 'Deploy fork pull requests only after review, with allow-fork-pull-request-target: true (read docs/security.md first).',
  },
  SD299: {
    name: 'awsError',
    title: 'any other AWS error, with its code and message',
    severity: 'error',
    hint: 'The AWS error code and message say what AWS refused.',
  },
  SD300: {
    name: 'noCapacity',
    title: 'no capacity in any pool tried',
    severity: 'error',
    hint: 'Add instance types or regions, or use market: spot-then-on-demand.',
  },
  SD301: {
    name: 'quota',
    title: 'an EC2 quota (spot instance count, vCPU)',
    severity: 'error',
    hint: 'Ask for a higher quota in Service Quotas, or launch fewer instances.',
  },
  SD302: {
    name: 'throttled',
    title: "throttled after the SDK's retries",
    severity: 'error',
    hint: 'AWS throttled the calls; try again in a minute.',
  },
  SD400: {
    name: 'bootstrapTimeout',
    title: 'instances that did not report a bootstrap status within `ready_timeout`',
    severity: 'error',
    hint: 'Raise ready_timeout for slow setups; otherwise read the console output: the instance needs outbound HTTPS to S3.',
  },
  SD410: {
    name: 'deploymentLocked',
    title: 'another deploy of the same deployment held its lock for longer than the wait',
    severity: 'error',
    hint: 'Wait for the other run to finish (or cancel it), then run again; in Actions, a concurrency group per deployment avoids this.',
  },
  SD500: {
    name: 'bootstrapFailed',
    title: 'a bootstrap that failed: its step, and the end of the agent log',
    severity: 'error',
    hint: 'The end of the agent log is in the summary and in --json; the full log is /var/log/spot-deployer.log on the instance.',
  },
  SD999: {
    name: 'bug',
    title: 'a bug in spot-deployer',
    severity: 'error',
    hint: 'Run again with --debug (or ACTIONS_STEP_DEBUG) and report the stack trace.',
  },
} as const satisfies Record<`SD${number}`, CodeInfo>;

export type Code = keyof typeof CODES;
export type CodeName = (typeof CODES)[Code]['name'];

/** Codes by name: `CODE.badRegion` is `'SD120'`. */
export const CODE = Object.fromEntries(Object.entries(CODES).map(([code, info]) => [info.name, code])) as {
  readonly [C in Code as (typeof CODES)[C]['name']]: C;
};

export const isCode = (value: string): value is Code => Object.hasOwn(CODES, value);

export const defaultHint = (code: Code): string => CODES[code].hint;
