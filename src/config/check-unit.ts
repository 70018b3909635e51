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
  hint?: string;
}

/** Units the agent itself runs inside: a unit that waits for them waits for itself. */
const BOOT_UNITS = /(^|\s)(cloud-init\.target|cloud-final\.service)(\s|$)/;
const ORDERING = /^(After|Requires|Wants|BindsTo|Requisite)\s*=\s*(.*)$/;

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
    const ordering = ORDERING.exec(line);
    const boot = ordering ? BOOT_UNITS.exec(ordering[2]!) : null;
    if (ordering && boot)
      return {
        line: index + 1,
        message: `line ${index + 1} (${ordering[1]}=) waits for ${boot[2]}, which waits for this deployment: the boot would deadlock`,
        hint: `remove ${boot[2]} from ${ordering[1]}=; the deployer starts the service itself once the bundle is in place`,
      };
  }
  if (!sections.has('Service')) return { line: 1, message: 'has no [Service] section' };
  return undefined;
}
