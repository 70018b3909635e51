import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInit } from '../../src/commands/init.js';
import { runValidate } from '../../src/commands/validate.js';
import { ConfigError } from '../../src/core/errors.js';
import { cleanProjectsAfterEach, makeProject } from './helpers.js';
import { localRun } from '../helpers/run-context.ts';

cleanProjectsAfterEach();

const COMPOSE = 'services:\n  web:\n    build: .\n    ports: ["8080:80"]\n';
const overrides = { regions: ['us-east-1'], bucket: 'b' };

describe('a compose file at the repository root', () => {
  it('validates with the convention: the root is bundled, the .env beside it as a secret', async () => {
    const dir = makeProject({ 'compose.yaml': COMPOSE, Dockerfile: 'FROM nginx\n', '.env': 'TOKEN=x\n' });
    const result = await runValidate({ run: localRun(), dir, overrides });
    expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(result.plan?.manifest.compose).toBe('compose.yaml');
    expect(result.plan?.manifest.uploads).toEqual([
      { source: '.', dest: '/opt/deployment', exclude: [], secret: false },
      { source: '.env', dest: '/opt/deployment/.env', mode: '0600', owner: 'root', exclude: [], secret: true },
    ]);
  });

  it('is offered by init, and the written deployment.yaml validates', async () => {
    const dir = makeProject({ 'docker-compose.yml': COMPOSE, Dockerfile: 'FROM nginx\n' });
    await runInit({ dir, force: false, bucket: 'my-bucket' });
    expect(parse(readFileSync(path.join(dir, '.spot/deployment.yaml'), 'utf8'))).toEqual({
      version: 1,
      target: '/opt/deployment',
      compose: 'docker-compose.yml',
    });
    const result = await runValidate({ run: localRun(), dir, overrides: { regions: ['us-east-1'] } });
    expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  });
});

describe('compose and the config', () => {
  it('notes each published port that no ingress rule opens, at its line in the compose file', async () => {
    const compose =
      'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n      - 127.0.0.1:9000:9000/udp\n      - {target: 443, published: 8443}\n      - "5000"\n';
    const dir = makeProject({
      '.spot/config.yaml': 'regions: [us-east-1]\nbucket: b\nnetwork: {ingress: [{port: 8443, cidr: 0.0.0.0/0}]}\n',
      'compose.yaml': compose,
    });
    const result = await runValidate({ run: localRun(), dir, overrides: {} });
    expect(result.ok).toBe(true);
    expect(
      result.issues.map(({ code, file, line, column, key, message, severity }) => ({ code, file, line, column, key, message, severity })),
    ).toEqual([
      {
        code: 'SD129',
        file: 'compose.yaml',
        line: 5,
        column: 9,
        key: 'services.web.ports.0',
        message: 'services.web.ports.0 publishes port 8080/tcp, which no network.ingress rule opens',
        severity: 'warning',
      },
      {
        code: 'SD129',
        file: 'compose.yaml',
        line: 6,
        column: 9,
        key: 'services.web.ports.1',
        message: 'services.web.ports.1 publishes port 9000/udp, which no network.ingress rule opens',
        severity: 'warning',
      },
    ]);
  });
});

describe('a deployment/ folder that runs nothing', () => {
  it('is refused by validate and by init, without sending the user to init', async () => {
    const dir = makeProject({ 'deployment/README.md': '# notes\n' });
    const result = await runValidate({ run: localRun(), dir, overrides });
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({
      code: 'SD128',
      file: 'deployment/',
      message: 'deployment/ has nothing to run: no setup.sh or init.sh, no scripts/*.sh, no *.service and no compose file',
    });
    expect(result.issues[0]!.hint).not.toContain('init');
    const caught = await runInit({ dir, force: false }).catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).issues[0]).toMatchObject({ code: 'SD128', file: 'deployment/' });
  });
});
