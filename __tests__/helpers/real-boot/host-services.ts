/**
 * What the booted container reaches on the host end of its veth (and
 * nothing else): a TCP forwarder to the local S3 endpoint, and a read-only
 * copy of the few deb.debian.org files the examples' `apt-get` needs.
 *
 * The forwarder exists because the deploy must use an endpoint the container
 * can also reach: presigned URLs name the host of AWS_ENDPOINT_URL. moto
 * stays on 127.0.0.1; the deploy's AWS_ENDPOINT_URL is the forwarder's
 * 10.200.N.1 address. Both servers bind only that address.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

export interface HostService {
  url: string;
  /** One line per request or connection, for the artifacts. */
  log: string[];
  close(): Promise<void>;
}

async function listen(server: Server | ReturnType<typeof createTcpServer>, host: string, port: number): Promise<number> {
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done());
  });
  return (server.address() as AddressInfo).port;
}

function closer(server: Server | ReturnType<typeof createTcpServer>, sockets: Set<{ destroy(): void }>): () => Promise<void> {
  return () =>
    new Promise<void>((done) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => done());
    });
}

/** Forwards every connection on `host` to `target` (moto on 127.0.0.1). */
export async function startForwarder(host: string, target: URL): Promise<HostService> {
  const log: string[] = [];
  const sockets = new Set<{ destroy(): void }>();
  const server = createTcpServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    log.push(`${new Date().toISOString()} connection from ${client.remoteAddress}`);
    client.pipe(upstream).pipe(client);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  const port = await listen(server, host, 0);
  return { url: `http://${host}:${port}`, log, close: closer(server, sockets) };
}

/**
 * Serves `<root>/debian/...` on port 80 of `host`, which the container's
 * /etc/hosts names deb.debian.org: its unmodified sources.list then works,
 * and apt checks the InRelease signature and the .deb hashes as usual.
 */
export async function startMirror(host: string, root: string): Promise<HostService> {
  const log: string[] = [];
  const sockets = new Set<{ destroy(): void }>();
  const server = createHttpServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://mirror').pathname));
    const file = join(root, path);
    const found = path.startsWith('/debian/') && existsSync(file) && statSync(file).isFile();
    log.push(`${new Date().toISOString()} ${request.method} ${request.url} ${found ? 200 : 404}`);
    if (!found) {
      response.writeHead(404).end('Not Found');
      return;
    }
    response.writeHead(200, { 'content-length': statSync(file).size });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  server.on('connection', (socket) => sockets.add(socket));
  await listen(server, host, 80);
  return { url: `http://${host}`, log, close: closer(server, sockets) };
}
