/**
 * Vitest global setup: one moto server per worker slot, started once for the
 * run and stopped by its pid at the end. Files of one slot run one after
 * another and each takes its slot's server over with a reset (local-aws.ts);
 * files that need moto started differently (IAM enforced) start their own.
 */
import type { TestProject } from 'vitest/node';
import { MOTO_POOL_VARIABLE, POOLED_MOTO_ENV, spawnMoto, type MotoServer } from './local-aws.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const slots = Math.max(1, Number(project.config.maxWorkers) || 1);
  const servers: MotoServer[] = await Promise.all(Array.from({ length: slots }, () => spawnMoto(POOLED_MOTO_ENV)));
  // Forked workers inherit this process's environment.
  process.env[MOTO_POOL_VARIABLE] = servers.map((server) => server.url).join(' ');
  return async () => {
    delete process.env[MOTO_POOL_VARIABLE];
    await Promise.all(servers.map((server) => server.stop()));
  };
}
