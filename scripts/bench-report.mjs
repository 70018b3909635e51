// Renders the benchmark's figures as Markdown and puts them into
// docs/performance.md between `<!-- bench:begin -->` and `<!-- bench:end -->`.
import { readFileSync, writeFileSync } from 'node:fs';

const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';
const s = (ms) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
const ratio = (a, b) => (a === undefined || b === undefined ? '—' : (a / b).toFixed(2));
const mib = (bytes) => `${(bytes / 1048576).toFixed(0)} MiB`;
const count = (value) => Number(value).toLocaleString('en-US');

function bundleTable(trees) {
  const rows = trees.map(
    (tree) =>
      `| ${tree.name} (${count(tree.files)} files, ${mib(tree.bytes)}) | ${s(tree.ms.ours)} | ${s(tree.ms.tar)} | ${s(tree.ms.pigz)} | **${ratio(tree.ms.ours, tree.ms.tar)}** | ${ratio(tree.ms.ours, tree.ms.pigz)} | ${count(tree.outBytes.ours)} / ${count(tree.outBytes.tar)} / ${count(tree.outBytes.pigz)} |`,
  );
  return [
    '| tree | bundle | `tar -czf` | `tar \\| pigz -6` | bundle / tar | bundle / pigz | output bytes (bundle / tar / pigz) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function deployTable(deploys) {
  const rows = deploys.map(
    (deploy) => `| ${deploy.name} | ${deploy.status} | ${s(deploy.ms)} | ${s(deploy.firstLaunchMs)} | ${deploy.requests} |`,
  );
  return ['| regions × instances | result | wall | first launch request | requests |', '| --- | --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

function actionsTable(deploys) {
  const actions = [...new Set(deploys.flatMap((deploy) => Object.keys(deploy.byAction)))].sort();
  const header = `| action | ${deploys.map((deploy) => deploy.name).join(' | ')} |`;
  const rows = actions.map((action) => `| ${action} | ${deploys.map((deploy) => deploy.byAction[action] ?? 0).join(' | ')} |`);
  return [header, `| --- | ${deploys.map(() => '---').join(' | ')} |`, ...rows].join('\n');
}

/** Actions whose count differs between the 1×10 and the 1×600 deploy. */
function growth(deploys) {
  const ten = deploys.find((deploy) => deploy.name === '1×10');
  const many = deploys.find((deploy) => deploy.name === '1×600');
  if (!ten || !many) return '';
  if (!many.status.startsWith('success')) return `1×600 did not deploy (${many.status}), so its requests cannot be compared.`;
  const actions = [...new Set([...Object.keys(ten.byAction), ...Object.keys(many.byAction)])];
  const differ = actions.filter((action) => (ten.byAction[action] ?? 0) !== (many.byAction[action] ?? 0));
  return differ.length === 0
    ? 'Requests per deploy, 1×10 against 1×600: **the same for every action**.'
    : `Requests that differ between 1×10 and 1×600: ${differ.map((action) => `${action} ${ten.byAction[action] ?? 0} → ${many.byAction[action] ?? 0}`).join(', ')}.`;
}

export function renderReport(report) {
  const parts = [`Measured ${report.date} on ${report.machine}.`];
  if (report.bundle) parts.push('### Bundle build (median of the runs, page cache warm)', bundleTable(report.bundle));
  if (report.deploys) {
    const named = (name) => report.deploys.find((deploy) => deploy.name === name);
    const [one, four, far] = [named('1×1'), named('4×2'), named('1×1 far (220 ms, bucket 15 ms)')];
    const [oneData, fourData, farData] = [named('1×1, 20 MB project'), named('4×2, 20 MB project'), named('1×1 far, 20 MB project')];
    // A fresh far region: security group, launch template, fleet, then the describe, each waiting for the one before.
    const floorMs = 4 * 220;
    parts.push(
      '### Deploys through the delaying proxy (15 / 70 / 80 / 220 ms per region, `wait: running`, fresh moto each run, medians)',
      deployTable(report.deploys),
      `4 regions / their slowest region alone (target ≤ 1.5): **${ratio(four?.ms, far?.ms)}** for the empty project, **${ratio(fourData?.ms, farData?.ms)}** for the 20 MB one. "Alone" is 1×1 in ap-southeast-2 (220 ms) with the bucket at 15 ms, as near as the 4-region deploy has it in its first region.`,
      `4 regions / the fastest region alone (1×1 at 15 ms): ${ratio(four?.ms, one?.ms)} for the empty project, ${ratio(fourData?.ms, oneData?.ms)} for the 20 MB one. No deploy can bring this one to 1.5 for a small project: in a fresh far region the security group, the launch template, the fleet call and the describe after it each wait for the one before, ${floorMs} ms at 220 ms a round trip, already ${ratio(floorMs, one?.ms)}× the whole 1-region deploy.`,
      '#### Requests by action (last run of each)',
      actionsTable(report.deploys),
      growth(report.deploys),
    );
  }
  if (report.unchanged) {
    const { first, again, ms } = report.unchanged;
    parts.push(
      '### Unchanged redeploy of the bench tree (1 region at 15 ms)',
      [
        '| deploy | wall | bundle PUTs | compressed |',
        '| --- | --- | --- | --- |',
        `| first (builds and uploads) | ${s(first.ms)} | ${first.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('.tar.gz')).length} | yes |`,
        ...again.map(
          (run, index) =>
            `| unchanged #${index + 1} | ${s(run.ms)} | ${run.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('.tar.gz')).length} | ${run.reused ? 'no' : 'yes'} |`,
        ),
      ].join('\n'),
      `Unchanged redeploy, median: **${s(ms)}** (target ≤ 2 s; it was 11.5 s).`,
    );
  }
  if (report.cold) {
    parts.push(
      `### Cold start (fresh processes, interleaved, median of ${report.cold.runs.node.length})`,
      `\`validate\` ${s(report.cold.validate)}, \`node -e 0\` ${s(report.cold.node)}: **${ratio(report.cold.validate, report.cold.node)}×** (target ≤ 2.5×).`,
    );
  }
  return parts.join('\n\n');
}

export function writeReport(path, markdown) {
  const text = readFileSync(path, 'utf8');
  const block = `${BEGIN}\n\n${markdown}\n\n${END}`;
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  const next = start >= 0 && end > start ? text.slice(0, start) + block + text.slice(end + END.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
}
