/**
 * The shape of src/ that docs/architecture.md describes, checked: folders
 * that name the pipeline's stages, imports that only point down the layers
 * and never go round in a circle, and one registry of error codes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Top to bottom; a folder may import its own layer's folders only where listed in SIDEWAYS. */
const LAYERS: string[][] = [
  ['action', 'cli'],
  ['commands'],
  ['deploy', 'report', 'github'],
  ['aws', 'bundle', 'cloudinit', 'agent'],
  ['plan'],
  ['config'],
  ['core'],
];

const SRC = resolve('src');

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports of one file, resolved to files under src/ (type-only imports count: they are a dependency too). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1]!);
  return specs.map((spec) => resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
}

const folderOf = (file: string): string => relative(SRC, file).split('/')[0]!;
const layerOf = (folder: string): number => LAYERS.findIndex((layer) => layer.includes(folder));

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the house layout', () => {
  const files = sourceFiles();
  const graph = new Map(files.map((file) => [file, importsOf(file)]));

  it('keeps at most 3 loose files in src/, and every folder in a layer', () => {
    const loose = files.filter((file) => dirname(file) === SRC);
    expect(loose.length).toBeLessThanOrEqual(3);
    const folders = [...new Set(files.filter((file) => dirname(file) !== SRC).map(folderOf))];
    expect(folders.filter((folder) => layerOf(folder) === -1)).toEqual([]);
  });

  it('has no import circle, between files or between folders', () => {
    expect(
      findCycle(graph)
        ?.map((file) => relative(SRC, file))
        .join(' -> '),
    ).toBeUndefined();
    const folderGraph = new Map<string, string[]>();
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      const to = targets.map(folderOf).filter((folder) => folder !== from);
      folderGraph.set(from, [...new Set([...(folderGraph.get(from) ?? []), ...to])]);
    }
    expect(findCycle(folderGraph)).toBeUndefined();
  });

  it('imports only down the layers (at most one import runs back up)', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((target) => layerOf(folderOf(target)) < layerOf(folderOf(file)))
        .map((target) => `${relative(SRC, file)} -> ${relative(SRC, target)}`),
    );
    expect(upward.length, upward.join('\n')).toBeLessThanOrEqual(1);
  });

  it('keeps report/ and github/ apart from the deploy engine, and config/ apart from plan/', () => {
    const crossing = [...graph].flatMap(([file, targets]) => {
      const from = folderOf(file);
      const banned: Record<string, string[]> = { report: ['deploy', 'commands'], github: ['deploy', 'commands'], config: ['plan'] };
      return targets
        .filter((target) => banned[from]?.includes(folderOf(target)))
        .map((target) => `${relative(SRC, file)} -> ${relative(SRC, target)}`);
    });
    expect(crossing).toEqual([]);
  });

  it('declares error codes in core/codes.ts only', () => {
    const declaring = files.filter((file) => !file.endsWith('core/codes.ts') && /['"`]SD\d{3}\b/.test(readFileSync(file, 'utf8')));
    expect(declaring.map((file) => relative(SRC, file))).toEqual([]);
  });
});
