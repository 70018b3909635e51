/**
 * Checks of a compose deployment against the config: ports it publishes
 * that the security group keeps closed (a notice), and images whose Docker
 * has no compose plugin (refused: see docs/configuration.md, "Compose").
 */
import { CODE } from '../core/codes.js';
import type { IssueList, Locator } from '../config/issues.js';
import type { Plan } from './types.js';

export function checkCompose(plan: Plan, where: { locator: Locator; issues: IssueList }): void {
  const { compose, composePorts = [] } = plan.manifest;
  if (compose === undefined) return;
  const al2023 = plan.regions.find((region) => region.image === 'al2023');
  if (al2023) {
    where.issues.report(
      where.locator,
      ['compose'],
      CODE.invalidValue,
      `compose runs with Docker's compose plugin, which Amazon Linux 2023 does not ship (image al2023 in ${al2023.name})`,
      {
        hint: 'use image: ubuntu-24.04 (the default) for compose projects; on al2023 install Docker and the plugin in a script and run compose from it',
      },
    );
  }
  for (const published of composePorts) {
    const open = plan.network.ingress.some((rule) => rule.port === published.port && rule.protocol === published.protocol);
    if (open) continue;
    where.issues.add({
      code: CODE.portNotOpen,
      file: compose,
      line: published.line,
      column: published.column,
      key: published.key,
      message: `${published.key} publishes port ${published.port}/${published.protocol}, which no network.ingress rule opens`,
      hint: `to reach it from outside, add to .spot/config.yaml: network: {ingress: [{port: ${published.port}, cidr: <your range>}]}`,
      severity: 'warning',
    });
  }
}
