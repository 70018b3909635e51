/**
 * A stand-in for a release download from github.com, for an example whose
 * deployment.yaml names an external tarball (prebuilt-binary). The instance
 * has no internet, so the test serves a small tarball of the same layout over
 * HTTPS on the host end of the veth, under the very URL the example names:
 * the instance's /etc/hosts sends github.com (and GitHub's download host) there
 * and it trusts a CA made for this one run. github.com answers with a
 * redirect, as it does, so the agent's `curl -L` is exercised too.
 *
 * The example stays as a user writes it (real URL, real checksum); only the
 * test's temporary copy gets the stand-in tarball's sha256 as `checksum`,
 * which the agent verifies before unpacking.
 *
 * Why not an s3:// URL presigned by the deploy: `validate` refuses s3://
 * tarball URLs (SD119, docs/decisions.md "What the instance gets"), so the
 * deploy never presigns one.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseDocument } from 'yaml';
import { run } from './proc.ts';

/** What a stand-in gives the boot: names the instance resolves to the host, a CA it trusts, what it served. */
export interface Prepared {
  /** Host names the instance's /etc/hosts maps to the host end of the veth. */
  hosts: string[];
  /** PEM certificate the instance trusts (appended to its CA bundle). */
  trustedCa?: string;
  /** One line per request: `GET /path 200`. */
  log: string[];
  /** Requests the instance must have made for the example to be honest. */
  expectRequests: RegExp[];
  close(): Promise<void>;
}

const GITHUB = 'github.com';
const DOWNLOAD_HOST = 'objects.githubusercontent.com';

/** A CA and a server certificate for `names`, both made now and valid for a day. */
async function certificates(dir: string, names: string[]): Promise<{ ca: string; key: string; cert: string }> {
  const file = (name: string): string => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=spot-deployer boot test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
  ]);
  await run('openssl', ['req', ...ec, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', `/CN=${names[0]}`]);
  writeFileSync(file('ext.cnf'), `subjectAltName=${names.map((name) => `DNS:${name}`).join(',')}\nextendedKeyUsage=serverAuth\n`);
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    file('ext.cnf'),
    '-out',
    file('server.pem'),
  ]);
  return {
    ca: readFileSync(file('ca.pem'), 'utf8'),
    key: readFileSync(file('server.key'), 'utf8'),
    cert: readFileSync(file('server.pem'), 'utf8'),
  };
}

/**
 * node_exporter's release layout (`<release>/node_exporter`), with a bash
 * script in place of the binary: it honours `--web.listen-address` and serves
 * `/metrics` with python3 (cloud-init needs python3, so the image has it).
 */
async function nodeExporterTarball(dir: string, release: string): Promise<Buffer> {
  const top = join(dir, 'tree', release);
  mkdirSync(join(top, 'www'), { recursive: true });
  writeFileSync(
    join(top, 'node_exporter'),
    [
      '#!/bin/bash',
      '# Stand-in for Prometheus node_exporter (spot-deployer boot test): serves www/metrics.',
      'set -eu',
      'listen=:9100',
      'for arg in "$@"; do case $arg in --web.listen-address=*) listen=${arg#*=} ;; esac; done',
      'host=${listen%:*}',
      'cd "$(dirname "$(readlink -f "$0")")/www"',
      'exec python3 -m http.server "${listen##*:}" ${host:+--bind "$host"}',
      '',
    ].join('\n'),
  );
  chmodSync(join(top, 'node_exporter'), 0o755);
  writeFileSync(join(top, 'www/metrics'), '# HELP node_exporter_build_info A stand-in.\nnode_exporter_build_info{version="1.8.2"} 1\n');
  const tarball = join(dir, `${release}.tar.gz`);
  await run('tar', ['-czf', tarball, '--owner=0', '--group=0', '--numeric-owner', '-C', join(dir, 'tree'), release]);
  return readFileSync(tarball);
}

/** github.com redirects the release path to the download host, which serves the bytes. */
async function startReleaseServer(
  host: string,
  tls: { key: string; cert: string },
  path: string,
  body: Buffer,
): Promise<{ server: Server; log: string[] }> {
  const log: string[] = [];
  const assetPath = `/release-asset/${basename(path)}`;
  const server = createServer(tls, (request, response) => {
    const url = new URL(request.url ?? '/', `https://${request.headers.host ?? GITHUB}`);
    const [status, headers, content] =
      url.hostname === GITHUB && url.pathname === path
        ? [302, { location: `https://${DOWNLOAD_HOST}${assetPath}?sp=r&sig=stand-in` }, '']
        : url.hostname === DOWNLOAD_HOST && url.pathname === assetPath
          ? [200, { 'content-type': 'application/octet-stream', 'content-length': body.length }, body]
          : [404, {}, 'Not Found'];
    log.push(`${request.method} ${url.hostname}${url.pathname} ${status}`);
    response.writeHead(status, headers).end(content);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(443, host, () => done());
  });
  if ((server.address() as AddressInfo).port !== 443) throw new Error('release stand-in is not on port 443');
  return { server, log };
}

/** Reads the copy's tarball URL (it must be a github.com release), serves a stand-in at it, rewrites the checksum. */
export async function githubReleaseStandIn(context: { dir: string; hostIp: string }): Promise<Prepared> {
  const file = join(context.dir, '.spot/deployment.yaml');
  const document = parseDocument(readFileSync(file, 'utf8'));
  const url = new URL(String(document.getIn(['tarball', 'url'])));
  if (url.hostname !== GITHUB || !url.pathname.endsWith('.tar.gz'))
    throw new Error(`${file}: tarball.url is not a github.com .tar.gz: ${url.href}`);
  const work = mkdtempSync(join(tmpdir(), 'sd-release-'));
  try {
    const tarball = await nodeExporterTarball(work, basename(url.pathname, '.tar.gz'));
    const tls = await certificates(work, [GITHUB, DOWNLOAD_HOST]);
    document.setIn(['tarball', 'checksum'], `sha256:${createHash('sha256').update(tarball).digest('hex')}`);
    writeFileSync(file, document.toString());
    const { server, log } = await startReleaseServer(context.hostIp, tls, url.pathname, tarball);
    const close = (): Promise<void> =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    const expectRequests = [new RegExp(`^GET ${GITHUB}${url.pathname} 302$`), new RegExp(`^GET ${DOWNLOAD_HOST}/release-asset/\\S+ 200$`)];
    return { hosts: [GITHUB, DOWNLOAD_HOST], trustedCa: tls.ca, log, expectRequests, close };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
