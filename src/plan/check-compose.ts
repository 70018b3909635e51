/**
 * Checks of a compose deployment against the config: ports it publishes
 * that the security group keeps closed (a notice), and images whose Docker
 * has no compose plugin (refused: see docs/configuration.md, "Compose").
 */
import { CODE } from '../core/codes.js';
import type { IssueList, Locator } from '../config/issues.js';
import type { Plan } from './types.js';

/**
 * AL2023 by its short name or by the public SSM parameters AWS publishes its
 * images under (`al2023` resolves to one of them). An `ami-…` or another
 * `ssm:` path is not known to be AL2023 before the launch, so it passes.
 */
export function isAl2023(image: string): boolean {
  return image === 'al2023' || image.startsWith('ssm:/aws/service/ami-amazon-linux-latest/al2023-');
}

export function checkCompose(plan: Plan, where: { locator: Locator; issues: IssueList }): void {
  const { compose, composePorts = [] } = plan.manifest;
  if (compose === undefined) return;
  const al2023 = plan.regions.find((region) => isAl2023(region.image));
  if (al2023) {
    where.issues.report(
      where.locator,
      ['compose'],
      CODE.invalidValue,
      `compose runs with Docker's compose plugin, which Amazon Linux 2023 does not ship (image ${al2023.image} in ${al2023.name})`,
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
