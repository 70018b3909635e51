/**
 * What the tool asks of AWS, read from src/ as text. The test never imports
 * src/ (it is being restructured); it only reads the files, so a moved file
 * is still found and a new SDK command cannot slip past the policy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Each AWS call or request feature found, with the files it is in: `DescribeVpcsCommand`, `new Upload`, `IamInstanceProfile`. */
export function awsCallsInSource(root: string, features: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const note = (call: string, file: string): void => {
    const files = found.get(call) ?? [];
    if (!files.includes(file)) found.set(call, [...files, file]);
  };
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/new ([A-Z]\w*Command)\(/g)) note(match[1]!, file);
    for (const match of text.matchAll(/\b(waitUntil\w+)\(/g)) note(match[1]!, file);
    if (/new Upload\(/.test(text)) note('new Upload', file);
    for (const feature of features) if (new RegExp(`\\b${feature}\\b`).test(text)) note(feature, file);
  }
  return found;
}

/** The top-level functions of a file, each as its text (from its `function` line to the closing brace at column 0). */
const topLevelFunctions = (text: string): string[] =>
  [...text.matchAll(/^(?:export )?(?:async )?function [\s\S]*?^\}$/gm)].map((match) => match[0]);

/**
 * The resource types tagged on create next to `marker`: the
 * `tagSpecifications(tags, [...])` lists in the top-level function that
 * makes the call (`new CreateSecurityGroupCommand(`) or that is the request
 * builder (`function buildLaunchTemplateData(`).
 */
export function taggedTypesNextTo(root: string, marker: string): string[] {
  const types = new Set<string>();
  for (const file of sourceFiles(root)) {
    for (const body of topLevelFunctions(readFileSync(file, 'utf8'))) {
      if (!body.includes(`new ${marker}(`) && !body.includes(`function ${marker}(`)) continue;
      for (const match of body.matchAll(/tagSpecifications\([^,]+,\s*\[([^\]]*)\]\)/g)) {
        for (const quoted of match[1]!.matchAll(/'([^']+)'/g)) types.add(quoted[1]!);
      }
    }
  }
  return [...types].sort();
}

/** All of src/ as one text, for facts that must hold wherever the restructuring puts them. */
export const sourceText = (root: string): string =>
  sourceFiles(root)
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
