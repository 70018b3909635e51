import { z } from 'zod';
import { DURATION_PATTERN, TTL_PATTERN } from './duration.js';

/**
 * How a config file is parsed: once per run, so zod's JIT (a parser compiled
 * with `new Function` per object shape, paid back over many parses) would
 * only add its compile time to every command's start (about 1 ms of a cold
 * `validate`, measured).
 */
export const PARSE_ONCE = { jitless: true } as const;

/**
 * `.spot/config.yaml`, version 1 (SPEC §2.1). Pure validation — no
 * transforms — so the same schema yields the editor's JSON Schema.
 * Defaults are applied when the Plan is built, not here.
 */

export const REGION_PATTERN = /^[a-z]{2}(-gov)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-[1-9]$/;
export const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
export const IMAGE_PATTERN = /^(ubuntu-24\.04|ubuntu-22\.04|al2023|ami-[0-9a-f]{8,17}|ssm:\/.+)$/;

const duration = (what: string) =>
  z.string().regex(DURATION_PATTERN, {
    error: `${what} must be a duration like 90s, 15m, 8h or 3d`,
  });

const instanceType = z.string().regex(INSTANCE_TYPE_PATTERN, {
  error: 'instance type must look like family.size, e.g. t3.small',
});
const region = z.string().regex(REGION_PATTERN, {
  error: 'region must be an AWS region name like us-east-1',
});
const image = z.string().regex(IMAGE_PATTERN, {
  error: 'image must be ubuntu-24.04, ubuntu-22.04, al2023, ami-… or ssm:/path',
});
const subnets = z.union([z.literal('auto'), z.array(z.string().regex(/^subnet-[0-9a-f]+$/)).min(1)]);

export const regionEntrySchema = z.union([
  region,
  z.strictObject({
    name: region,
    count: z.int().min(0).optional(),
    instance_types: z.array(instanceType).min(1).optional(),
    image: image.optional(),
    subnets: subnets.optional(),
  }),
]);

const cidr = z.string();

export const ingressSchema = z.strictObject({
  port: z.int().min(1).max(65535),
  cidr,
  protocol: z.enum(['tcp', 'udp']).optional(),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1).optional(),
  name: z.string().min(1).optional(),
  instances: z.int().min(1).optional(),
  regions: z.array(regionEntrySchema).min(1).optional(),
  instance_types: z.array(instanceType).min(1).optional(),
  architecture: z.enum(['x86_64', 'arm64']).optional(),
  image: image.optional(),
  market: z.enum(['spot', 'on-demand', 'spot-then-on-demand']).optional(),
  max_price: z.number().positive().optional(),
  // EC2 Fleet's spot strategies (capacity-optimized-prioritized aside); on-demand always goes by the order of instance_types.
  allocation: z.enum(['price-capacity-optimized', 'capacity-optimized', 'lowest-price', 'diversified']).optional(),
  root_volume: z
    .strictObject({
      size_gb: z.int().min(8).max(16384).optional(),
      type: z.enum(['gp3', 'gp2', 'io1', 'io2', 'st1', 'sc1', 'standard']).optional(),
    })
    .optional(),
  network: z
    .strictObject({
      vpc: z.union([z.literal('default'), z.string().regex(/^vpc-[0-9a-f]+$/)]).optional(),
      subnets: subnets.optional(),
      public_ip: z.boolean().optional(),
      ingress: z.array(ingressSchema).optional(),
    })
    .optional(),
  ssh: z
    .strictObject({
      key_name: z.string().min(1).optional(),
      public_key: z.string().min(1).optional(),
      public_key_path: z.string().min(1).optional(),
      username: z.string().min(1).optional(),
      cidr: cidr.optional(),
    })
    .optional(),
  iam_instance_profile: z.string().min(1).optional(),
  ttl: z
    .string()
    .regex(TTL_PATTERN, {
      error: 'ttl must be a duration like 8h or 3d, or never',
    })
    .optional(),
  tags: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  bucket: z
    .union([
      z.string().min(1),
      z.strictObject({
        name: z.string().min(1),
        create: z.boolean().optional(),
        prefix: z.string().optional(),
        /** KMS key (id, alias or ARN) for bundles and status objects; S3-managed keys otherwise. */
        kms_key: z.string().min(1).optional(),
      }),
    ])
    .optional(),
  wait: z.enum(['none', 'running', 'ready']).optional(),
  ready_timeout: duration('ready_timeout').optional(),
  health_check: z
    .strictObject({
      port: z.int().min(1).max(65535),
      path: z.string().startsWith('/', { error: 'health_check.path must start with /' }).optional(),
      expect: z.int().min(100).max(599).optional(),
    })
    .optional(),
});

export type ConfigFile = z.infer<typeof configSchema>;
export type RegionEntry = z.infer<typeof regionEntrySchema>;
