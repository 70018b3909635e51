/**
 * The bundle closure of a compose file: its folder goes into the bundle (so
 * build contexts and bind mounts beside it come along), a `.env` beside it
 * travels as a secret (0600), and every other path it refers to must land
 * on the instance where compose will look for it, else it is refused with
 * the compose file, line, column and key that needs it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CODE, type Code } from '../core/codes.js';
import { parseYamlSource, positionOf, type KeyPath } from '../config/yaml-source.js';
import { ignoredBy } from './compose-ignored.js';
import { composeRefs, publishedPorts, type PublishedPort } from './compose-refs.js';
import type { ManifestContext } from './manifest-context.js';
import { instancePath } from './paths.js';
import type { BundleSource } from './types.js';

export interface ClosureInput {
  /** Project-relative compose file. */
  compose: string;
  target: string;
  /** The manifest's uploads so far; entries are added here. */
  uploads: BundleSource[];
  context: ManifestContext;
}

const covers = (upload: BundleSource, wanted: string): boolean =>
  upload.source === '.' || wanted === upload.source || wanted.startsWith(`${upload.source}/`);

/**
 * Adds what the compose file needs to `input.uploads`, and reports what
 * cannot be bundled. Returns the host ports the compose file publishes.
 */
export function addComposeClosure(input: ClosureInput): PublishedPort[] {
  const { compose, target, uploads, context } = input;
  const folder = path.posix.dirname(compose);
  if (!uploads.some((upload) => !upload.secret && covers(upload, compose))) {
    uploads.push({ source: folder, dest: path.posix.join(target, folder), exclude: [], secret: false });
  }
  const instanceFolder = path.posix.dirname(instancePath({ target, uploads }, compose));
  const dotEnv = path.posix.join(folder, '.env');
  if (existsSync(path.join(context.projectRoot, dotEnv)) && !uploads.some((upload) => upload.secret && covers(upload, dotEnv))) {
    uploads.push({ source: dotEnv, dest: path.posix.join(instanceFolder, '.env'), mode: '0600', owner: 'root', exclude: [], secret: true });
  }
  const parsed = readCompose(input);
  if (!parsed) return [];
  for (const ref of composeRefs(parsed.source.value)) {
    const where = (code: Code, message: string, hint: string): void =>
      report(input, { at: positionOf(parsed.source, ref.key), key: ref.key, code, message: `${compose}: ${message}`, hint });
    const relative = path.posix.normalize(path.posix.join(folder, ref.path));
    if (relative === '..' || relative.startsWith('../')) {
      where(
        CODE.pathEscape,
        `${ref.key.join('.')} "${ref.path}" is outside the project`,
        'move it into the project; only project files can be bundled',
      );
      continue;
    }
    if (!existsSync(path.join(context.projectRoot, relative))) {
      if (ref.required) {
        where(
          CODE.missingSource,
          `${ref.key.join('.')} "${ref.path}" does not exist`,
          `create ${relative}, or correct the path (relative to ${folder})`,
        );
      }
      continue;
    }
    const wanted = path.posix.join(instanceFolder, ref.path);
    if (!uploads.some((upload) => covers(upload, relative))) {
      uploads.push({ source: relative, dest: wanted, exclude: [], secret: false });
    }
    // A bind mount left out on purpose (a data folder) is created empty by compose; anything required must be bundled.
    const isFolder = statSync(path.join(context.projectRoot, relative)).isDirectory();
    const skippedBy = ref.required ? ignoredBy(uploads, relative, isFolder, context.bundleIgnore) : undefined;
    if (skippedBy) {
      where(
        CODE.missingSource,
        `${ref.key.join('.')} "${ref.path}" is left out of the bundle by ${skippedBy}, so compose would not find it on the instance`,
        `bundle it: in ${skippedBy}, remove the rule that matches ${relative}${isFolder ? '/' : ''} or add !${relative}${isFolder ? '/' : ''} after it`,
      );
      continue;
    }
    const lands = instancePath({ target, uploads }, relative);
    if (lands !== wanted) {
      where(
        CODE.missingSource,
        `${ref.key.join('.')} "${ref.path}" lands at ${lands} on the instance, but compose looks for it at ${wanted}`,
        `upload ${relative} to ${wanted}, or keep it beside ${compose}`,
      );
    }
  }
  return publishedPorts(parsed.source.value).map((port) => ({ ...port, ...positionOf(parsed.source, port.key) }));
}

function readCompose(input: ClosureInput): { source: ReturnType<typeof parseYamlSource>['source'] } | undefined {
  const absolute = path.join(input.context.projectRoot, input.compose);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A missing file is reported by checkDeployment; anything else is reported here.
    if (code !== 'ENOENT' && code !== 'EISDIR') {
      input.context.issues.add({
        code: CODE.invalidValue,
        file: input.compose,
        line: 1,
        column: 1,
        key: 'compose',
        message: `${input.compose} cannot be read: ${code ?? String(error)}`,
        hint: 'check the file permissions (the deployer needs to read it)',
        severity: 'error',
      });
    }
    return undefined;
  }
  const { source, issues } = parseYamlSource(input.compose, text);
  input.context.issues.add(...issues);
  return issues.length > 0 ? undefined : { source };
}

function report(
  input: ClosureInput,
  issue: { at: { line: number; column: number }; key: KeyPath; code: Code; message: string; hint: string },
): void {
  input.context.issues.add({
    code: issue.code,
    file: input.compose,
    line: issue.at.line,
    column: issue.at.column,
    key: issue.key.join('.'),
    message: issue.message,
    hint: issue.hint,
    severity: 'error',
  });
}
