/**
 * Stable configuration error codes (SD1xx). Users, docs and tests refer to
 * these; never renumber one. The table in docs/configuration.md mirrors it.
 */
export const CONFIG_CODES = {
  /** Generic or usage problem. */
  generic: 'SD100',
  /** No `.spot/` or `deployment/` found. */
  noProject: 'SD101',
  /** YAML syntax error (including tabs used for indentation). */
  yamlSyntax: 'SD102',
  /** A key appears twice in one map. */
  duplicateKey: 'SD103',
  /** Unknown key (with "did you mean"). */
  unknownKey: 'SD104',
  /** Wrong type or value outside the allowed set. */
  invalidValue: 'SD105',
  /** A required value is missing (regions, bucket, …). */
  missingValue: 'SD106',
  /** Empty file where content is required. */
  emptyFile: 'SD107',
  /** Unsupported `version`. */
  badVersion: 'SD108',
  /** `deployment.yaml` mixes top-level keys with a `deployment:` map. */
  mixedLayout: 'SD109',
  /** Deprecated key of the original Python tool (warning). */
  deprecatedKey: 'SD110',
  /** A source file or folder does not exist. */
  missingSource: 'SD111',
  /** A source path leaves the project (`..`, absolute, symlink). */
  pathEscape: 'SD112',
  /** Two uploads write to the same destination. */
  duplicateDest: 'SD113',
  /** Permission string is not octal like `0644`. */
  badPermissions: 'SD114',
  /** Owner is not `user` or `user:group`. */
  badOwner: 'SD115',
  /** Systemd unit is missing a `[Service]` section or does not parse. */
  badUnit: 'SD116',
  /** A script is not a regular file, or (warning) is not executable. */
  badScript: 'SD117',
  /** Checksum is not `sha256:<64 hex>`. */
  badChecksum: 'SD118',
  /** Tarball URL is not https:// or s3://. */
  badUrl: 'SD119',
  /** Unknown region name. */
  badRegion: 'SD120',
  /** Instance type name is not `family.size`. */
  badInstanceType: 'SD121',
  /** Instance types disagree with `architecture` or with each other. */
  archMismatch: 'SD122',
  /** Instance counts do not fit the regions. */
  badCount: 'SD123',
  /** Duration is not like `90s`, `15m`, `8h`, `3d` or `never`. */
  badDuration: 'SD124',
  /** CIDR is not valid IPv4 notation. */
  badCidr: 'SD125',
  /** SSH open to the world (warning). */
  openSsh: 'SD126',
  /** `init` would overwrite an existing file. */
  wouldOverwrite: 'SD127',
  /** `.spot/` holds only one of the two files in a way that cannot work. */
  incompleteSpot: 'SD128',
} as const;

export type ConfigCode = (typeof CONFIG_CODES)[keyof typeof CONFIG_CODES];
