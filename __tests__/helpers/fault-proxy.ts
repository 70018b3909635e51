/**
 * An HTTP proxy in front of moto for the tests: it records every request
 * (method, path, query, EC2/SSM `Action`, region, body size) so tests can
 * count calls, answers chosen EC2 actions with EC2 error XML (capacity,
 * quota, throttling: errors moto cannot produce), and can rewrite an
 * action's response body (e.g. to add per-pool `Errors` to CreateFleet).
 *
 *   let proxy!: FaultProxy;
 *   const aws = await startLocalAws({ proxy: async (moto) => (proxy = await startFaultProxy(moto)) });
 *   proxy.failAction({ action: 'CreateFleet', code: 'InsufficientInstanceCapacity', times: 1 });
 *   expect(proxy.count({ method: 'PUT', path: /\/bundles\// })).toBe(1);
 *
 * The proxy runs in the test's own process: a child that talks to it must be
 * spawned asynchronously (`execFile`, `spawn`), never with `spawnSync`, or the
 * two wait on each other for ever.
 */
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** URL path without the query, e.g. `/bucket/key`. */
  path: string;
  /** Raw query string without `?`, e.g. `partNumber=1&uploadId=…`. */
  query: string;
  /** `Action` of query-protocol APIs (EC2), or the `X-Amz-Target` operation (SSM); else undefined. */
  action?: string;
  /** Region from the SigV4 credential scope, when signed. */
  region?: string;
  bodyBytes: number;
  /** HTTP status sent back to the client. */
  status?: number;
}

export interface RequestFilter {
  method?: string;
  path?: string | RegExp;
  query?: string | RegExp;
  action?: string;
  region?: string;
}

export interface FaultRule {
  action: string;
  code: string;
  message?: string;
  /** HTTP status; 400 unless given (EC2 sends 500 for InsufficientInstanceCapacity). */
  status?: number;
  /** Only in this region. */
  region?: string;
  /** How many matching requests fail; unlimited unless given. */
  times?: number;
  /** Only when this returns true for the request's parsed form parameters. */
  when?: (params: URLSearchParams) => boolean;
}

export type ResponseRewrite = (body: string, request: RecordedRequest, params: URLSearchParams) => string;

export interface FaultProxy {
  url: string;
  requests: RecordedRequest[];
  count(filter?: RequestFilter): number;
  failAction(rule: FaultRule): void;
  rewriteResponse(action: string, rewrite: ResponseRewrite): void;
  /** Holds matching requests this long before forwarding them (a slow AWS call, to stop a run in the middle of it). */
  delayAction(rule: { action: string; region?: string; ms: number }): void;
  /** Forgets recorded requests (keeps faults). */
  clearRequests(): void;
  /** Forgets faults and rewrites. */
  clearFaults(): void;
  close(): Promise<void>;
}

const matches = (value: string, expected: string | RegExp | undefined): boolean =>
  expected === undefined || (typeof expected === 'string' ? value === expected : expected.test(value));

export const matchesFilter = (request: RecordedRequest, filter: RequestFilter): boolean =>
  matches(request.method, filter.method) &&
  matches(request.path, filter.path) &&
  matches(request.query, filter.query) &&
  (filter.action === undefined || request.action === filter.action) &&
  (filter.region === undefined || request.region === filter.region);

/** EC2's error document, as the SDK's query-protocol parser expects it. */
export function ec2ErrorXml(code: string, message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors>` +
    `<RequestID>${randomUUID()}</RequestID></Response>`
  );
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function describe(req: IncomingMessage, body: Buffer): { record: RecordedRequest; params: URLSearchParams } {
  const url = new URL(req.url ?? '/', 'http://proxy');
  const form = String(req.headers['content-type'] ?? '').includes('x-www-form-urlencoded');
  const params = new URLSearchParams(form ? body.toString('utf8') : url.search);
  const target = req.headers['x-amz-target'];
  const action = params.get('Action') ?? (typeof target === 'string' ? target.split('.').pop() : undefined);
  const region = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(String(req.headers.authorization ?? url.search))?.[1];
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.search.replace(/^\?/, ''),
    bodyBytes: body.length,
    ...(action ? { action } : {}),
    ...(region ? { region } : {}),
  };
  return { record, params };
}

interface Forwarded {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (res) => {
        readBody(res).then((data) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: data }), reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

/** Starts the proxy on 127.0.0.1 (a free port) in front of `motoUrl`. */
export async function startFaultProxy(motoUrl: string): Promise<FaultProxy> {
  const target = new URL(motoUrl);
  const requests: RecordedRequest[] = [];
  let faults: FaultRule[] = [];
  let rewrites: { action: string; rewrite: ResponseRewrite }[] = [];
  let delays: Array<{ action: string; region?: string; ms: number }> = [];

  const takeFault = (record: RecordedRequest, params: URLSearchParams): FaultRule | undefined => {
    const rule = faults.find(
      (candidate) =>
        candidate.action === record.action &&
        (candidate.region === undefined || candidate.region === record.region) &&
        (candidate.times === undefined || candidate.times > 0) &&
        (candidate.when === undefined || candidate.when(params)),
    );
    if (rule?.times !== undefined) rule.times -= 1;
    return rule;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const { record, params } = describe(req, body);
    requests.push(record);
    const fault = takeFault(record, params);
    if (fault) {
      record.status = fault.status ?? 400;
      res.writeHead(record.status, { 'content-type': 'text/xml' });
      res.end(ec2ErrorXml(fault.code, fault.message ?? `${fault.code} (injected by the test proxy)`));
      return;
    }
    const delay = delays.find((rule) => rule.action === record.action && (rule.region === undefined || rule.region === record.region));
    if (delay) await new Promise((done) => setTimeout(done, delay.ms));
    const answer = await forward(target, req, body);
    record.status = answer.status;
    const rewrite = rewrites.find((candidate) => candidate.action === record.action);
    if (!rewrite) {
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
      return;
    }
    const rewritten = Buffer.from(rewrite.rewrite(answer.body.toString('utf8'), record, params), 'utf8');
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(rewritten.length) });
    res.end(rewritten);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`fault proxy: ${String(error)}`);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (filter = {}) => requests.filter((request) => matchesFilter(request, filter)).length,
    failAction: (rule) => void faults.push({ ...rule }),
    rewriteResponse: (action, rewrite) => void rewrites.push({ action, rewrite }),
    delayAction: (rule) => void delays.push({ ...rule }),
    clearRequests: () => void requests.splice(0),
    clearFaults: () => {
      faults = [];
      rewrites = [];
      delays = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
