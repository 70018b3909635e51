import { isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ConfigIssue } from '../core/errors.js';
import { CODE } from '../core/codes.js';

export type KeyPath = ReadonlyArray<string | number>;

/** A parsed YAML file that can answer "where is this key?". */
export interface YamlSource {
  /** Path relative to the project root, `/`-separated. */
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  /** Plain JS value of the document (null for an empty file). */
  value: unknown;
  /** True when the file holds nothing but comments and blank lines. */
  empty: boolean;
}

export interface Position {
  line: number;
  column: number;
}

const FILE_START: Position = { line: 1, column: 1 };

/** Parses YAML text, turning syntax errors and duplicate keys into issues. */
export function parseYamlSource(file: string, text: string): { source: YamlSource; issues: ConfigIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: true,
    uniqueKeys: true,
  });
  const issues = doc.errors.map((error): ConfigIssue => {
    const at = error.linePos?.[0];
    const duplicate = error.code === 'DUPLICATE_KEY';
    const key = duplicate ? keyPathAtOffset(doc, error.pos[0]) : '';
    return {
      code: duplicate ? CODE.duplicateKey : CODE.yamlSyntax,
      file,
      line: at?.line ?? 1,
      column: at?.col ?? 1,
      key,
      message: duplicate ? `duplicate key "${lastSegment(key)}"` : firstSentence(error.message),
      hint: syntaxHint(error.code),
      severity: 'error',
    };
  });
  let value: unknown = null;
  if (issues.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // The yaml package refuses documents whose aliases expand too far (a "billion laughs" bomb).
      const at = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]) : { line: 1, col: 1 };
      issues.push({
        code: CODE.yamlSyntax,
        file,
        line: at.line,
        column: at.col,
        key: '',
        message: `the document cannot be expanded: ${firstSentence(error instanceof Error ? error.message : String(error))}`,
        hint: 'use fewer YAML aliases (*name); write the values out instead of nesting aliases of aliases',
        severity: 'error',
      });
    }
  }
  const empty = doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null);
  return { source: { file, doc, lineCounter, value, empty }, issues };
}

function firstSentence(message: string): string {
  const cut = message.split(/ at line \d+, column \d+/)[0] ?? message;
  return cut.trim().replace(/^./, (c) => c.toLowerCase());
}

function syntaxHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'remove one of the two entries; YAML keeps only the last, which hides mistakes';
    case 'TAB_AS_INDENT':
      return 'YAML indentation must use spaces; replace the tab with spaces';
    default:
      return 'fix the YAML syntax at this position (check indentation, quotes and brackets)';
  }
}

function lastSegment(path: string): string {
  const parts = path.split('.');
  return parts[parts.length - 1] ?? path;
}

/** Dotted key path of the map key that starts at `offset`. */
function keyPathAtOffset(doc: Document, offset: number): string {
  const found = walkForKey(doc.contents, offset, []);
  return found ? found.join('.') : '';
}

function walkForKey(node: unknown, offset: number, path: (string | number)[]): (string | number)[] | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const name = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      if (keyNode?.range && keyNode.range[0] === offset) return [...path, name];
      const inner = walkForKey(pair.value, offset, [...path, name]);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const inner = walkForKey(item, offset, [...path, index]);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * Position of the node at `path`: the value, or with `at: 'key'` the key
 * itself. When the path does not exist (a missing key, or a value mapped from
 * an older layout) the deepest existing ancestor is used.
 */
export function positionOf(source: YamlSource, path: KeyPath, at: 'key' | 'value' = 'value'): Position {
  let node: unknown = source.doc.contents;
  let best: Position = node ? offsetPosition(source, node) : FILE_START;
  for (const [index, segment] of path.entries()) {
    const next = childOf(node, segment);
    if (!next) return best;
    const isLast = index === path.length - 1;
    node = next.value;
    // A map or list is shown where its key is: that is the line users look for.
    const preferKey = (at === 'key' && isLast) || isCollection(next.value);
    const target = preferKey ? (next.keyNode ?? next.value) : (next.value ?? next.keyNode);
    best = target ? offsetPosition(source, target) : best;
  }
  return best;
}

function childOf(node: unknown, segment: string | number): { keyNode?: unknown; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && keyName(item.key) === String(segment));
    return pair ? { keyNode: pair.key, value: pair.value } : undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

function keyName(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function offsetPosition(source: YamlSource, node: unknown): Position {
  const range = (node as Node).range;
  if (!range) return FILE_START;
  const pos = source.lineCounter.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}
