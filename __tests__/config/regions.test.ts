import { describe, expect, it } from 'vitest';
import { AWS_REGIONS } from '../../src/config/aws-regions.js';
import { loadProject } from '../../src/plan/load-project.js';
import { ConfigError } from '../../src/core/errors.js';
import { cleanProjectsAfterEach, makeProject, SETUP } from './helpers.js';
import { localRun } from '../helpers/run-context.ts';

cleanProjectsAfterEach();

const PARTITIONS = '../../node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js';

describe('region names', () => {
  it("are the installed AWS SDK's own list (regenerate with node scripts/aws-regions.mjs)", async () => {
    const { partitionsInfo } = (await import(PARTITIONS)) as { partitionsInfo: { partitions: { regions: Record<string, unknown> }[] } };
    const fromSdk = partitionsInfo.partitions.flatMap((partition) =>
      Object.keys(partition.regions).filter((name) => !name.startsWith('aws-')),
    );
    expect([...AWS_REGIONS].sort()).toEqual(fromSdk.sort());
    expect(AWS_REGIONS).toContain('us-gov-west-1');
    expect(AWS_REGIONS).toContain('cn-north-1');
  });

  it('refuses a well-formed name AWS does not have, in the config and in the regions input, with a guess', async () => {
    const issuesOf = async (config: string, overrides = {}) => {
      const dir = makeProject({ '.spot/config.yaml': config, 'deployment/setup.sh': SETUP });
      const caught = await loadProject({ dir, overrides, run: localRun() }).catch((error: unknown) => error);
      expect(caught).toBeInstanceOf(ConfigError);
      return (caught as ConfigError).issues.map(({ code, key, message, hint }) => ({ code, key, message, hint }));
    };
    expect(await issuesOf('regions: [us-east-1, eu-west-7]\nbucket: b\ninstances: 2\n')).toEqual([
      { code: 'SD120', key: 'regions.1', message: 'region "eu-west-7" is not a region AWS has', hint: 'did you mean eu-west-1?' },
    ]);
    expect(await issuesOf('regions: [us-east-1]\nbucket: b\n', { regions: ['us-wets-2'] })).toEqual([
      {
        code: 'SD120',
        key: 'regions',
        message: '"us-wets-2" is not an AWS region name',
        hint: 'write region names like us-east-1, comma-separated',
      },
    ]);
    expect(await issuesOf('regions: [us-east-1]\nbucket: b\n', { regions: ['ap-south-9'] })).toEqual([
      { code: 'SD120', key: 'regions', message: '"ap-south-9" is not a region AWS has', hint: 'did you mean ap-south-1?' },
    ]);
    expect((await issuesOf('regions: [eu-wset-1]\nbucket: b\n'))[0]).toMatchObject({ code: 'SD120', hint: 'did you mean eu-west-1?' });
  });
});
