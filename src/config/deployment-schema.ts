import { z } from 'zod';
import { DURATION_PATTERN } from './duration.js';

/**
 * `.spot/deployment.yaml`, version 1 (SPEC §2.2): what goes onto the
 * instance. Keys sit at the top level or under `deployment:`; the loader
 * unwraps the latter before this schema sees it. Pure validation, no
 * transforms, so it also yields the editor's JSON Schema.
 */

function buildDeploymentSchema() {
  const envValue = z.union([z.string(), z.number(), z.boolean()]);
  const envMap = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), envValue);
  const timeout = z.union([
    z.string().regex(DURATION_PATTERN, {
      error: 'timeout must be a duration like 90s, 15m, 8h or 3d',
    }),
    z.int().positive(),
  ]);
  const commands = z.union([z.string().min(1), z.array(z.string().min(1))]);

  const uploadSchema = z.strictObject({
    source: z.string().min(1),
    dest: z.string().min(1).optional(),
    destination: z.string().min(1).optional(),
    permissions: z.string().optional(),
    owner: z.string().optional(),
    exclude: z.array(z.string()).optional(),
  });

  const scriptSchema = z.union([
    z.string().min(1),
    z.strictObject({
      command: z.string().min(1).optional(),
      path: z.string().min(1).optional(),
      working_dir: z.string().min(1).optional(),
      user: z.string().min(1).optional(),
      env: envMap.optional(),
      timeout: timeout.optional(),
    }),
  ]);

  const healthSchema = z.strictObject({
    http: z.string().optional(),
    tcp: z.int().min(1).max(65535).optional(),
    command: z.string().optional(),
    timeout: timeout.optional(),
  });

  const serviceSchema = z.strictObject({
    file: z.string().min(1).optional(),
    unit: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    enabled: z.boolean().optional(),
    start: z.boolean().optional(),
    after: z.array(z.string().min(1)).optional(),
    health: healthSchema.optional(),
  });

  const tarballSchema = z.strictObject({
    url: z.string().min(1),
    checksum: z.string(),
    extract_to: z.string().min(1).optional(),
  });

  return z.strictObject({
    $schema: z.string().optional(),
    version: z.literal(1).optional(),
    target: z
      .string()
      .startsWith('/', {
        error: 'target must be an absolute path on the instance',
      })
      .optional(),
    packages: z
      .array(
        z.string().regex(/^[A-Za-z0-9][A-Za-z0-9+._:-]*(=[^\s=]+)?$/, {
          error: 'package must be name or name=version',
        }),
      )
      .optional(),
    env: envMap.optional(),
    uploads: z.array(uploadSchema).optional(),
    secrets: z.array(uploadSchema).optional(),
    scripts: z.array(scriptSchema).optional(),
    services: z.array(serviceSchema).optional(),
    compose: z.string().min(1).optional(),
    tarball: z.union([tarballSchema, z.array(tarballSchema)]).optional(),
    hooks: z
      .strictObject({
        pre_install: commands.optional(),
        post_install: commands.optional(),
        on_failure: commands.optional(),
      })
      .optional(),
    template: z.string().min(1).optional(),
  });
}

type DeploymentSchema = ReturnType<typeof buildDeploymentSchema>;
let built: DeploymentSchema | undefined;

/**
 * Built on first use: a project that follows the `deployment/` convention
 * has no deployment.yaml to parse, and zod takes about 3 ms of a cold
 * `validate` to build this schema.
 */
export const deploymentSchema = (): DeploymentSchema => (built ??= buildDeploymentSchema());

export type DeploymentFile = z.infer<DeploymentSchema>;
export type UploadEntry = NonNullable<DeploymentFile['uploads']>[number];
export type ScriptEntry = NonNullable<DeploymentFile['scripts']>[number];
export type ServiceEntry = NonNullable<DeploymentFile['services']>[number];
