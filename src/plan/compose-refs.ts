/**
 * The files a compose file reads, relative to its own folder: build
 * contexts (and their Dockerfiles), bind-mount sources written as relative
 * paths, `env_file`, `secrets`/`configs` with `file:`, `extends.file` and
 * top-level `include`. Parsed with the `yaml` package; nothing is resolved
 * against the project here (see compose-closure.ts).
 */
export interface ComposeRef {
  /** The path as written, relative to the compose file's folder. */
  path: string;
  /** Where it is written, e.g. `services.web.env_file.0`. */
  key: (string | number)[];
  /** Whether the instance fails without it (a missing bind source is created empty by Docker). */
  required: boolean;
}

type Value = unknown;
const asRecord = (value: Value): Record<string, Value> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Value>) : undefined;
const isRelative = (value: string): boolean => value === '.' || value === '..' || value.startsWith('./') || value.startsWith('../');
const isPath = (value: string): boolean => !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !value.startsWith('/') && !value.startsWith('~');

/** Every path a compose document refers to, in document order. */
export function composeRefs(value: Value): ComposeRef[] {
  const refs: ComposeRef[] = [];
  const doc = asRecord(value) ?? {};
  for (const [index, entry] of asList(doc.include).entries()) {
    const file = typeof entry === 'string' ? entry : asRecord(entry)?.path;
    for (const [n, one] of asList(file).entries()) {
      if (typeof one === 'string') refs.push({ path: one, key: ['include', index, ...(Array.isArray(file) ? [n] : [])], required: true });
    }
  }
  for (const [name, service] of Object.entries(asRecord(doc.services) ?? {})) serviceRefs(name, asRecord(service) ?? {}, refs);
  for (const section of ['secrets', 'configs'] as const) {
    for (const [name, entry] of Object.entries(asRecord(doc[section]) ?? {})) {
      const file = asRecord(entry)?.file;
      if (typeof file === 'string') refs.push({ path: file, key: [section, name, 'file'], required: true });
    }
  }
  return refs.filter((ref) => isPath(ref.path));
}

function serviceRefs(name: string, service: Record<string, Value>, refs: ComposeRef[]): void {
  const at = ['services', name];
  const build = service.build;
  if (typeof build === 'string') refs.push({ path: build, key: [...at, 'build'], required: true });
  const buildMap = asRecord(build);
  if (buildMap) {
    const context = typeof buildMap.context === 'string' ? buildMap.context : '.';
    if (typeof buildMap.context === 'string') refs.push({ path: context, key: [...at, 'build', 'context'], required: true });
    if (typeof buildMap.dockerfile === 'string' && !buildMap.dockerfile.startsWith('/')) {
      refs.push({ path: `${context.replace(/\/+$/, '')}/${buildMap.dockerfile}`, key: [...at, 'build', 'dockerfile'], required: true });
    }
  }
  const envFile = service.env_file;
  for (const [index, entry] of asList(envFile).entries()) {
    const record = asRecord(entry);
    const file = typeof entry === 'string' ? entry : record?.path;
    const key = Array.isArray(envFile) ? [...at, 'env_file', index] : [...at, 'env_file'];
    if (typeof file === 'string') refs.push({ path: file, key, required: record?.required !== false });
  }
  const extendsFile = asRecord(service.extends)?.file;
  if (typeof extendsFile === 'string') refs.push({ path: extendsFile, key: [...at, 'extends', 'file'], required: true });
  for (const [index, volume] of asList(service.volumes).entries()) {
    const source = typeof volume === 'string' ? shortSource(volume) : bindSource(asRecord(volume));
    if (source !== undefined && isRelative(source)) refs.push({ path: source, key: [...at, 'volumes', index], required: false });
  }
}

/** `./data:/data:ro` → `./data`; a named volume or anonymous one → undefined. */
function shortSource(volume: string): string | undefined {
  const parts = volume.split(':');
  return parts.length >= 2 ? parts[0] : undefined;
}

function bindSource(volume: Record<string, Value> | undefined): string | undefined {
  return volume?.type === 'bind' && typeof volume.source === 'string' ? volume.source : undefined;
}

const asList = (value: Value): Value[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** A port a compose service publishes on the host. */
export interface PublishedPort {
  port: number;
  protocol: 'tcp' | 'udp';
  key: (string | number)[];
  /** Position in the compose file, once located. */
  line?: number;
  column?: number;
}

/** Host ports published by `ports:` (short `[ip:]host:container[/proto]` or long `{published, protocol}`). */
export function publishedPorts(value: Value): PublishedPort[] {
  const ports: PublishedPort[] = [];
  for (const [name, service] of Object.entries(asRecord(asRecord(value)?.services) ?? {})) {
    for (const [index, entry] of asList(asRecord(service)?.ports).entries()) {
      const key = ['services', name, 'ports', index];
      const long = asRecord(entry);
      const [spec, protocol] = long
        ? [String(long.published ?? ''), long.protocol === 'udp' ? 'udp' : 'tcp']
        : String(entry).split('/').concat('tcp').slice(0, 2);
      const parts = long ? [spec] : (spec ?? '').split(':');
      const host = long ? spec : parts.length >= 2 ? parts[parts.length - 2] : undefined;
      const first = Number((host ?? '').split('-')[0]);
      if (Number.isInteger(first) && first > 0) ports.push({ port: first, protocol: protocol === 'udp' ? 'udp' : 'tcp', key });
    }
  }
  return ports;
}
