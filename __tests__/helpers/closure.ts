/**
 * The bundle closure, checked from the outside: every path the instance will
 * read (script files, unit files, the compose file and what it refers to) is
 * in the bundle at the place the agent will look for it.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { selectUploads } from '../../src/bundle/select-files.js';
import { composeRefs } from '../../src/plan/compose-refs.js';
import { instancePath } from '../../src/plan/paths.js';
import type { Plan } from '../../src/plan/types.js';

export interface Read {
  /** Project-relative path. */
  project: string;
  /** Where the instance reads it. */
  instance: string;
  why: string;
}

/** Every file the instance reads, by the manifest; compose references resolved from the compose file. */
export function instanceReads(plan: Plan): Read[] {
  const { manifest } = plan;
  const reads: Read[] = [];
  const add = (project: string, why: string): void => void reads.push({ project, instance: instancePath(manifest, project), why });
  for (const [index, script] of manifest.scripts.entries()) if (script.path) add(script.path, `scripts.${index}.path`);
  for (const [index, service] of manifest.services.entries()) if (service.file) add(service.file, `services.${index}.file`);
  if (manifest.compose !== undefined) {
    add(manifest.compose, 'compose');
    const folder = path.posix.dirname(manifest.compose);
    const instanceFolder = path.posix.dirname(instancePath(manifest, manifest.compose));
    const doc = parse(readFileSync(path.join(plan.projectRoot, manifest.compose), 'utf8')) as unknown;
    for (const ref of composeRefs(doc)) {
      const project = path.posix.normalize(path.posix.join(folder, ref.path));
      reads.push({ project, instance: path.posix.join(instanceFolder, ref.path), why: `${manifest.compose}: ${ref.key.join('.')}` });
    }
  }
  return reads;
}

/** The reads that the bundle does not carry at the right place (empty when the closure holds). */
export async function missingFromBundle(plan: Plan): Promise<Read[]> {
  const { entries } = await selectUploads(plan, path.join(os.tmpdir(), 'sd-closure-out'));
  return instanceReads(plan).filter((read) => !entries.has(`files${path.posix.normalize(read.instance)}`));
}
