import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CODE } from '../core/codes.js';
import { IssueList } from './issues.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

/**
 * Reads and parses a project-relative YAML file. Undefined when it does not
 * exist; syntax problems and emptiness become issues.
 */
export function readYamlFile(root: string, file: string, issues: IssueList): YamlSource | undefined {
  const absolute = path.join(root, file);
  if (!existsSync(absolute)) return undefined;
  const at = { file, line: 1, column: 1, key: '', severity: 'error' as const };
  if (!statSync(absolute).isFile()) {
    issues.add({
      ...at,
      code: CODE.invalidValue,
      message: `${file} is not a file`,
      hint: `remove the folder or rename it`,
    });
    return undefined;
  }
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    issues.add({
      ...at,
      code: CODE.invalidValue,
      message: `${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      hint: 'check the file permissions (the deployer needs to read it), or remove the file',
    });
    return undefined;
  }
  const { source, issues: syntax } = parseYamlSource(file, text);
  issues.add(...syntax);
  if (syntax.length > 0) return undefined;
  if (source.empty) {
    issues.add({
      ...at,
      code: CODE.emptyFile,
      message: `${file} is empty`,
      hint: emptyHint(file),
    });
    return undefined;
  }
  if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value)) {
    const { line, column } = source.doc.contents?.range ? toPos(source, source.doc.contents.range[0]) : { line: 1, column: 1 };
    issues.add({
      ...at,
      line,
      column,
      code: CODE.invalidValue,
      message: `${file} must hold a map of settings (key: value lines)`,
      hint: 'see docs/configuration.md for the layout',
    });
    return undefined;
  }
  return source;
}

function toPos(source: YamlSource, offset: number): { line: number; column: number } {
  const pos = source.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function emptyHint(file: string): string {
  if (file.endsWith('cloud-init.yaml')) return 'add cloud-config keys (e.g. write_files, runcmd), or delete the file';
  return file.endsWith('deployment.yaml')
    ? 'describe what to install (uploads, scripts, services), or delete the file to use the deployment/ convention'
    : 'add at least regions and bucket, or delete the file and pass them as inputs';
}
