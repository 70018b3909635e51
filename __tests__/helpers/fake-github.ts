/**
 * A small stand-in for the GitHub REST API on 127.0.0.1: issue comments and
 * deployments, kept in memory, with every request recorded. The action
 * reaches it through GITHUB_API_URL, as it would reach GitHub Enterprise.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Tokens the fake accepts: `fake-token` acts like the Actions GITHUB_TOKEN (no GET /user), `fake-pat` like a user's token. */
export const FAKE_TOKENS: Record<string, { login: string; installation: boolean }> = {
  'fake-token': { login: 'github-actions[bot]', installation: true },
  'fake-pat': { login: 'octo-dev', installation: false },
};

export interface FakeGitHub {
  url: string;
  comments: Array<{ id: number; issue: number; body: string; user?: { login: string } }>;
  deployments: Array<{
    id: number;
    ref: string;
    environment: string;
    statuses: Array<{ state: string; environment_url?: string; log_url?: string }>;
  }>;
  requests: string[];
  close(): Promise<void>;
}

async function json(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const state: Pick<FakeGitHub, 'comments' | 'deployments' | 'requests'> = { comments: [], deployments: [], requests: [] };
  let nextId = 1000;
  const send = (response: ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const path = url.pathname;
      state.requests.push(`${request.method} ${path}`);
      const token = FAKE_TOKENS[String(request.headers.authorization ?? '').replace(/^token /, '')];
      if (!token) return send(response, 401, { message: 'Bad credentials' });
      const body = await json(request);
      let match: RegExpExecArray | null;
      if (path === '/user' && request.method === 'GET') {
        if (token.installation) return send(response, 403, { message: 'Resource not accessible by integration' });
        return send(response, 200, { login: token.login });
      }
      if ((match = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path))) {
        const issue = Number(match[1]);
        if (request.method === 'GET')
          return send(
            response,
            200,
            state.comments.filter((comment) => comment.issue === issue),
          );
        const comment = { id: nextId++, issue, body: String(body.body), user: { login: token.login } };
        state.comments.push(comment);
        return send(response, 201, comment);
      }
      if ((match = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path)) && request.method === 'PATCH') {
        const comment = state.comments.find((candidate) => candidate.id === Number(match![1]));
        if (!comment) return send(response, 404, { message: 'Not Found' });
        comment.body = String(body.body);
        return send(response, 200, comment);
      }
      if (/^\/repos\/[^/]+\/[^/]+\/deployments$/.test(path) && request.method === 'GET') {
        const environment = url.searchParams.get('environment');
        // GitHub lists the newest first.
        return send(
          response,
          200,
          [...state.deployments].reverse().filter((deployment) => !environment || deployment.environment === environment),
        );
      }
      if (/^\/repos\/[^/]+\/[^/]+\/deployments$/.test(path) && request.method === 'POST') {
        const deployment = { id: nextId++, ref: String(body.ref), environment: String(body.environment), statuses: [] };
        state.deployments.push(deployment);
        return send(response, 201, deployment);
      }
      if ((match = /^\/repos\/[^/]+\/[^/]+\/deployments\/(\d+)\/statuses$/.exec(path))) {
        const deployment = state.deployments.find((candidate) => candidate.id === Number(match![1]));
        if (!deployment) return send(response, 404, { message: 'Not Found' });
        if (request.method === 'GET') return send(response, 200, [...deployment.statuses].reverse());
        const status = {
          state: String(body.state),
          ...(body.environment_url ? { environment_url: String(body.environment_url) } : {}),
          ...(body.log_url ? { log_url: String(body.log_url) } : {}),
        };
        (deployment.statuses as Array<typeof status>).push(status);
        return send(response, 201, status);
      }
      return send(response, 404, { message: `no fake for ${request.method} ${path}` });
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
