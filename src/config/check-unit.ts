/**
 * A small systemd unit-file reader: enough to tell whether a unit parses and
 * has a `[Service]` section. No npm library parses unit files faithfully
 * (INI parsers mishandle repeated keys and `\` continuations), so this is
 * hand-written and deliberately strict about structure only.
 */
export interface UnitProblem {
  /** 1-based line in the unit text. */
  line: number;
  message: string;
}

const SECTION = /^\[([A-Za-z][A-Za-z0-9 _-]*)\]$/;
const ASSIGNMENT = /^[A-Za-z0-9_.-]+\s*=/;

export function checkUnitText(text: string): UnitProblem | undefined {
  const lines = text.split(/\r?\n/);
  const sections = new Set<string>();
  let continued = false;
  let inSection = false;
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    const wasContinued = continued;
    continued = line.endsWith('\\');
    if (wasContinued || line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = SECTION.exec(line);
    if (section) {
      sections.add(section[1]!);
      inSection = true;
      continue;
    }
    if (!ASSIGNMENT.test(line))
      return {
        line: index + 1,
        message: `line ${index + 1} is neither [Section] nor Key=value`,
      };
    if (!inSection)
      return {
        line: index + 1,
        message: `line ${index + 1} comes before any [Section]`,
      };
  }
  if (!sections.has('Service')) return { line: 1, message: 'has no [Service] section' };
  return undefined;
}
