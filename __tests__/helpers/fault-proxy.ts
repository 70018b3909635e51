/**
 * An HTTP proxy in front of moto for the tests: it records every request
 * (method, path, query, EC2/SSM `Action`, region, body size) so tests can
 * count calls, answers chosen EC2 actions with EC2 error XML (capacity,
 * quota, throttling: errors moto cannot produce), can rewrite an
 * action's response body, gives CreateFleet the per-pool `Errors` and
 * shortfalls moto never sends (`failFleet`),
 * add a round trip per region (`addLatency`), and hold a request until
 * another one arrives (`holdUntil`). Each request records where it arrived
 * and was answered in one sequence of events, so tests order calls without
 * a clock.
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
import { performance } from 'node:perf_hooks';
import { fleetAnswer, planFleetFault, takeFleetFault, withFleetErrors, type FleetFault } from './fleet-faults.js';

export type { FleetFault, FleetPool } from './fleet-faults.js';

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
  /** Place in the proxy's sequence of events when the request arrived (see `mark`): orders requests without a clock. */
  arrived: number;
  /** Place in that sequence when the answer was sent. */
  answered?: number;
  /** `performance.now()` at arrival: for the benchmark's timings only; tests order by `arrived`. */
  at: number;
  /** `performance.now()` when the answer was sent: for the benchmark's timelines only. */
  doneAt?: number;
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
  /** Answers matching requests (any service, e.g. an S3 PUT) with S3's error document and this status. */
  failRequests(rule: RequestFilter & { code: string; status: number; times?: number }): void;
  rewriteResponse(action: string, rewrite: ResponseRewrite): void;
  /** Per-pool errors and shortfalls in CreateFleet answers (see FleetFault). */
  failFleet(rule: FleetFault): void;
  /** Holds matching requests this long before forwarding them (a slow AWS call, to stop a run in the middle of it). */
  delayAction(rule: { action: string; region?: string; ms: number }): void;
  /** Adds this much to every matching request, on top of any other delay (e.g. a region's round trip: `{ region, ms }`). */
  addLatency(rule: RequestFilter & { ms: number }): void;
  /**
   * Holds matching requests until a request matching `until` has arrived (or
   * `timeoutMs` passed): "this call is still in flight when that one is made".
   */
  holdUntil(filter: RequestFilter, until: RequestFilter, timeoutMs?: number): void;
  /** The next place in the sequence of events, to compare with `arrived` / `answered`. */
  mark(): number;
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

function describe(req: IncomingMessage, body: Buffer, arrived: number): { record: RecordedRequest; params: URLSearchParams } {
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
    arrived,
    at: performance.now(),
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
      // The body may have been rewritten (failFleet): its length is the one sent.
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'content-length': String(body.length) },
      },
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
  let fleetFaults: FleetFault[] = [];
  let delays: Array<{ action: string; region?: string; ms: number }> = [];
  let latencies: Array<RequestFilter & { ms: number }> = [];
  let requestFaults: Array<RequestFilter & { code: string; status: number; times?: number }> = [];
  let holds: Array<{ filter: RequestFilter; until: RequestFilter; timeoutMs: number }> = [];
  let events = 0;
  const arrivals: Array<() => void> = [];
  const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

  /** Resolves once a request matching `until` has arrived, or after `timeoutMs`. */
  const arrivalOf = async (until: RequestFilter, timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!requests.some((request) => matchesFilter(request, until)) && Date.now() < deadline) {
      await new Promise<void>((done) => {
        arrivals.push(done);
        setTimeout(done, Math.max(0, deadline - Date.now()));
      });
    }
  };

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
    const { record, params } = describe(req, body, ++events);
    requests.push(record);
    for (const wake of arrivals.splice(0)) wake();
    const fault = takeFault(record, params);
    if (fault) {
      record.status = fault.status ?? 400;
      res.writeHead(record.status, { 'content-type': 'text/xml' });
      res.end(ec2ErrorXml(fault.code, fault.message ?? `${fault.code} (injected by the test proxy)`));
      record.answered = ++events;
      record.doneAt = performance.now();
      return;
    }
    const delay = delays.find((rule) => rule.action === record.action && (rule.region === undefined || rule.region === record.region));
    const latency = latencies.filter((rule) => matchesFilter(record, rule)).reduce((sum, rule) => sum + rule.ms, 0);
    if (delay || latency > 0) await sleep((delay?.ms ?? 0) + latency);
    for (const hold of holds.filter((candidate) => matchesFilter(record, candidate.filter))) await arrivalOf(hold.until, hold.timeoutMs);
    const refused = requestFaults.find((rule) => matchesFilter(record, rule) && (rule.times === undefined || rule.times > 0));
    if (refused) {
      if (refused.times !== undefined) refused.times -= 1;
      record.status = refused.status;
      res.writeHead(refused.status, { 'content-type': 'application/xml' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refused.code}</Code><Message>injected by the test proxy</Message></Error>`,
      );
      record.answered = ++events;
      record.doneAt = performance.now();
      return;
    }
    const fleet = record.action === 'CreateFleet' ? takeFleetFault(fleetFaults, record, params) : undefined;
    const plan = fleet ? planFleetFault(fleet, params) : undefined;
    if (plan && !plan.forward) {
      record.status = 200;
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(fleetAnswer(plan.errors));
      record.answered = ++events;
      record.doneAt = performance.now();
      return;
    }
    const answer = await forward(target, req, plan ? Buffer.from(plan.forward!.toString(), 'utf8') : body);
    if (plan) answer.body = Buffer.from(withFleetErrors(answer.body.toString('utf8'), plan.errors), 'utf8');
    record.status = answer.status;
    record.answered = ++events;
    record.doneAt = performance.now();
    const rewrite = rewrites.find((candidate) => candidate.action === record.action);
    if (!rewrite) {
      // A HEAD answer has no body but the object's length: keep moto's header unless the body was rewritten.
      res.writeHead(answer.status, plan ? { ...answer.headers, 'content-length': String(answer.body.length) } : answer.headers);
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
    failRequests: (rule) => void requestFaults.push({ ...rule }),
    rewriteResponse: (action, rewrite) => void rewrites.push({ action, rewrite }),
    failFleet: (rule) => void fleetFaults.push({ ...rule }),
    delayAction: (rule) => void delays.push({ ...rule }),
    addLatency: (rule) => void latencies.push({ ...rule }),
    holdUntil: (filter, until, timeoutMs = 20_000) => void holds.push({ filter, until, timeoutMs }),
    mark: () => ++events,
    clearRequests: () => void requests.splice(0),
    clearFaults: () => {
      faults = [];
      rewrites = [];
      fleetFaults = [];
      delays = [];
      latencies = [];
      holds = [];
      requestFaults = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
