/**
 * A fake EC2 instance metadata service speaking IMDSv2 only (a PUT for a
 * token first, then GETs carrying it; a GET without a valid token is 401, as
 * on an instance with `HttpTokens: required`). Run as its own process inside
 * the boot test's network namespace (`ip netns exec NS node imds-server.ts
 * ADDRESS PORT CONFIG.json`), because a Node process cannot listen in another
 * namespace. Prints `listening` when ready and one line per request, so the
 * test's artifact shows what the instance asked for.
 *
 * CONFIG.json: { "metadata": { "instance-id": "...", ... }, "identity": {...},
 * "userDataFile": "..." }. Paths not known answer 404, like IMDS; in
 * particular `meta-data/spot/instance-action` is 404 (no interruption).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

interface ImdsConfig {
  metadata: Record<string, string>;
  identity: Record<string, unknown>;
  /** AWS's signature of the document text, made by the test's stand-in for AWS (fixtures/identity). */
  identitySignature?: string;
  userDataFile?: string;
}

const [address, port, configFile] = process.argv.slice(2);
if (!address || !port || !configFile) throw new Error('usage: imds-server.ts ADDRESS PORT CONFIG.json');
const config = JSON.parse(readFileSync(configFile, 'utf8')) as ImdsConfig;
const tokens = new Set<string>();

function answer(response: ServerResponse, status: number, body: string | Buffer, type = 'text/plain'): number {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(body);
  return status;
}

/** Directory listings, as IMDS gives them for `meta-data/` and the like. */
function listing(prefix: string): string | undefined {
  const names = Object.keys(config.metadata)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length).replace(/\/.*$/, '/'));
  return names.length > 0 ? [...new Set(names)].join('\n') : undefined;
}

/** The document exactly as signed: the signature covers these bytes. */
const identityText = (identity: Record<string, unknown>): string => JSON.stringify(identity, null, 2);

function get(path: string, response: ServerResponse): number {
  if (path === '/latest/dynamic/instance-identity/document') {
    return answer(response, 200, identityText(config.identity), 'application/json');
  }
  if (path === '/latest/dynamic/instance-identity/signature' && config.identitySignature) {
    return answer(response, 200, config.identitySignature);
  }
  if (path === '/latest/user-data' && config.userDataFile) return answer(response, 200, readFileSync(config.userDataFile));
  const key = path.replace(/^\/latest\/meta-data\/?/, '');
  if (key === path) return answer(response, 404, 'Not Found');
  const value = config.metadata[key] ?? (key === '' || key.endsWith('/') ? listing(key) : undefined);
  return value === undefined ? answer(response, 404, 'Not Found') : answer(response, 200, value);
}

function handle(request: IncomingMessage, response: ServerResponse): number {
  const path = new URL(request.url ?? '/', 'http://imds').pathname;
  if (request.method === 'PUT' && path === '/latest/api/token') {
    const ttl = Number(request.headers['x-aws-ec2-metadata-token-ttl-seconds']);
    if (!(ttl >= 1 && ttl <= 21600)) return answer(response, 400, 'Bad Request');
    const token = randomBytes(24).toString('base64url');
    tokens.add(token);
    return answer(response, 200, token);
  }
  if (request.method !== 'GET') return answer(response, 405, 'Method Not Allowed');
  if (!tokens.has(String(request.headers['x-aws-ec2-metadata-token'] ?? ''))) return answer(response, 401, 'Unauthorized');
  return get(path, response);
}

const server = createServer((request, response) => {
  const status = handle(request, response);
  console.log(`${new Date().toISOString()} ${request.method} ${request.url} ${status}`);
});
server.listen(Number(port), address, () => console.log(`listening on ${address}:${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
