/**
 * Where a person can look at a deployment: the preview URL for an instance,
 * from the ingress ports the configuration opens. Pure.
 */
import { isIP } from 'node:net';

/** One `network.ingress` rule, as far as the preview cares; the plan's IngressRule fits. */
export interface IngressPort {
  port: number;
  protocol?: 'tcp' | 'udp';
}

// Well-known ports that never answer a browser. Anything else a project opens over TCP is
// most likely its web server (3000, 5000, 8000, 8080, …), so a link is the better guess.
const NOT_HTTP = new Set([
  21, 22, 23, 25, 53, 110, 111, 135, 139, 143, 389, 445, 465, 587, 993, 995, 1433, 1521, 2049, 2375, 2376, 3306, 3389, 5432, 5672, 5900,
  6379, 9042, 9092, 11211, 27017,
]);
const HTTPS = new Set([443, 8443]);

/** The first TCP ingress port, in configuration order, that a browser can open; undefined when none is. */
export function previewPort(ingress: readonly IngressPort[] | undefined): number | undefined {
  return ingress?.find((rule) => (rule.protocol ?? 'tcp') === 'tcp' && !NOT_HTTP.has(rule.port))?.port;
}

/** `http://IP` for 80, `https://IP` for 443, else the scheme and `:PORT`. Undefined for an address that is not an IP. */
export function previewUrl(ip: string, port: number): string | undefined {
  const family = isIP(ip);
  if (family === 0) return undefined;
  const host = family === 6 ? `[${ip}]` : ip;
  const scheme = HTTPS.has(port) ? 'https' : 'http';
  const defaultPort = scheme === 'https' ? 443 : 80;
  return `${scheme}://${host}${port === defaultPort ? '' : `:${port}`}`;
}

/** `22/tcp, 53/udp`: the open ports, for when none of them gives a link. */
export const describePorts = (ingress: readonly IngressPort[]): string =>
  [...new Set(ingress.map((rule) => `${rule.port}/${rule.protocol ?? 'tcp'}`))].join(', ');
