import { z } from 'zod';
import { configSchema } from './config-schema.js';
import { deploymentSchema } from './deployment-schema.js';

/** Where editors fetch the schemas; `init` writes it into each file's first line. */
export const SCHEMA_BASE_URL = 'https://raw.githubusercontent.com/spot-deployer/spot-deployer/v2/schema';
export const SCHEMA_FILES = {
  config: 'config.schema.json',
  deployment: 'deployment.schema.json',
} as const;

const CONFIG_DESCRIPTIONS: Record<string, string> = {
  version: 'Schema version; 1.',
  name: 'Deployment name; tags and S3 keys derive from it. Default: the repository or folder name.',
  instances: 'Total instances, spread over regions in order. Default: one per region.',
  regions: 'Ordered list of region names, or maps {name, count, instance_types, image, subnets}.',
  instance_types: 'Ordered capacity ladder, e.g. [t3.small, t3a.small]. Default [t3.small].',
  architecture: 'x86_64 or arm64; must agree with the instance types.',
  image: 'ubuntu-24.04 (default), ubuntu-22.04, al2023, ami-… or ssm:/path.',
  market: 'spot (default), on-demand or spot-then-on-demand.',
  max_price: 'USD per instance-hour cap for spot.',
  allocation:
    'EC2 Fleet spot allocation strategy: price-capacity-optimized (default), capacity-optimized, lowest-price or diversified. On-demand follows the order of instance_types.',
  root_volume: '{size_gb, type}; always encrypted. Default {size_gb: 20, type: gp3}.',
  network: '{vpc, subnets, public_ip, ingress: [{port, cidr, protocol}]}. Default: default VPC, no ingress.',
  ssh: '{key_name} or {public_key} / {public_key_path}, username, cidr. SSH is off unless set.',
  iam_instance_profile: 'Instance profile name or ARN.',
  ttl: 'Dead-man switch: 90s, 15m, 8h, 3d or never. Default 24h.',
  tags: 'Tags added to every resource.',
  bucket: 'S3 bucket for bundles and status objects, or {name, create, prefix}. Required here or as an input.',
  wait: 'none, running or ready (default).',
  ready_timeout: 'How long to wait for ready, e.g. 15m (default).',
  health_check: '{port, path, expect} polled by the instance before it reports ready.',
};

const DEPLOYMENT_DESCRIPTIONS: Record<string, string> = {
  version: 'Schema version; 1.',
  target: 'Where the bundle unpacks on the instance. Default /opt/deployment.',
  packages: 'OS packages (apt on Ubuntu, dnf on AL2023): name or name=version.',
  env: 'Written to /etc/spot-deployer/env (0600) and given to scripts and services.',
  uploads: '[{source, dest, permissions, owner, exclude}]; source is relative to the project root.',
  secrets: 'Like uploads, but 0600 files / 0700 folders owned by root; never printed.',
  scripts: 'Ordered; each a command string or {command | path, working_dir, user, env, timeout}.',
  services: '[{file | unit, name, enabled, start, after, health}]: systemd units.',
  compose: 'A docker compose file in the bundle, run as a systemd service.',
  tarball: 'External package {url, checksum: sha256:…, extract_to}, or a list of them.',
  hooks: '{pre_install, post_install, on_failure}: commands run on the instance.',
  template: 'cloud-init base template: minimal (default), docker, or a path.',
};

function build(schema: z.ZodType, id: string, title: string, descriptions: Record<string, string>): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const properties = (json.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [key, description] of Object.entries(descriptions)) {
    if (properties[key]) properties[key] = { description, ...properties[key] };
  }
  return {
    $schema: json.$schema,
    $id: `${SCHEMA_BASE_URL}/${id}`,
    title,
    ...json,
  };
}

/** JSON Schemas of both files, generated from the zod schemas (never edited by hand). */
export function buildJsonSchemas(): Record<keyof typeof SCHEMA_FILES, Record<string, unknown>> {
  return {
    config: build(configSchema, SCHEMA_FILES.config, 'spot-deployer .spot/config.yaml (version 1)', CONFIG_DESCRIPTIONS),
    deployment: build(
      deploymentSchema(),
      SCHEMA_FILES.deployment,
      'spot-deployer .spot/deployment.yaml (version 1)',
      DEPLOYMENT_DESCRIPTIONS,
    ),
  };
}

/** The file text for `schema/<name>`: stable key order, two-space indent, final newline. */
export const jsonSchemaText = (schema: Record<string, unknown>): string => `${JSON.stringify(schema, null, 2)}\n`;
