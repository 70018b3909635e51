/**
 * The TTL on a really booted instance (issue 9, finding 8): after the first
 * boot, the timer cloud-init's bootcmd armed; then a real reboot of the same
 * disk (`systemctl reboot` inside, nspawn boots the overlay again) and the
 * timer again, with what the agent and the app did on the second boot; then
 * the timer firing for real: a runtime drop-in (in /run, so the unit file
 * bootcmd wrote is untouched) moves its calendar a few seconds ahead, and
 * systemd powers the container off through spot-deployer-ttl.service.
 *
 * Not shown here: a boot after the expiry. The container shares the host's
 * clock and cloud-init replays the user-data it cached on the first boot, so
 * that needs a deploy whose expiry passes during the test; the bootcmd's
 * "already expired: power off" branch is run by cloud-init's own shellify
 * in __tests__/cloudinit/ttl-timer.test.ts instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Container } from './container.ts';
import { capture, type Captured } from './proc.ts';

const TIMER = 'spot-deployer-ttl.timer';
const PROPERTIES = ['ActiveState', 'SubState', 'UnitFileState', 'TimersCalendar', 'NextElapseUSecRealtime', 'Persistent', 'FragmentPath'];
/** Seconds ahead the drop-in moves the calendar: enough for daemon-reload and the restart. */
const FIRE_IN_S = 3;

export interface TimerState {
  /** `systemctl show` of the timer, timestamps as `@<unix seconds>`. */
  properties: Record<string, string>;
  /** Target of the enable symlink in timers.target.wants ('' when missing). */
  wantedBy: string;
  /** mtime (unix seconds) of the unit file in /etc/systemd/system. */
  fileMtime: number;
  /** /run/systemd/shutdown/scheduled: the agent's relative `shutdown -h +N`, if any. */
  scheduledShutdown: string;
}

export interface TtlReboot {
  first: TimerState;
  reboot: { exitCode: number | null; bootedAt: number; ms: number };
  second: TimerState;
  /** `cloud-init status --wait --long` on the second boot. */
  cloudInit: Captured;
  /** Over both boots: bootcmd runs, the agent's reports, and cloud-init skipping runcmd's script as already run. */
  bootcmdRuns: number;
  agentReports: number;
  agentSkipped: number;
  /** The example's probe again, on the second boot. */
  probe: Captured | undefined;
  /** The timer fired: the calendar it was moved to, nspawn's exit code, and the last boot's journal. */
  fired: { calendar: string; exitCode: number | null | undefined; ms: number; journal: string };
}

async function timerState(container: Container): Promise<TimerState> {
  const show = await container.exec(['systemctl', 'show', TIMER, '--timestamp=unix', ...PROPERTIES.map((name) => `--property=${name}`)]);
  const properties = Object.fromEntries(
    show.output
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const link = await container.exec(['readlink', `/etc/systemd/system/timers.target.wants/${TIMER}`]);
  const mtime = await container.exec(['stat', '-c', '%Y', `/etc/systemd/system/${TIMER}`]);
  const scheduled = await container.exec(['sh', '-c', 'cat /run/systemd/shutdown/scheduled 2>&1 || true']);
  return {
    properties,
    wantedBy: link.code === 0 ? link.output.trim() : '',
    fileMtime: Number(mtime.output.trim()),
    scheduledShutdown: scheduled.output,
  };
}

const countIn = (file: string, text: string): number => (existsSync(file) ? readFileSync(file, 'utf8').split(text).length - 1 : 0);

/** systemd's calendar syntax for an instant, in UTC. */
const calendarAt = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** Moves the timer's calendar FIRE_IN_S ahead (a drop-in in /run) and waits for the container to power itself off. */
async function fireTimer(container: Container): Promise<TtlReboot['fired']> {
  const calendar = calendarAt(Math.ceil(Date.now() / 1000) * 1000 + FIRE_IN_S * 1000);
  const dropIn = `/run/systemd/system/${TIMER}.d`;
  const script = `mkdir -p ${dropIn} && printf '[Timer]\\nOnCalendar=\\nOnCalendar=%s\\n' "$1" >${dropIn}/fire-now.conf && systemctl daemon-reload && systemctl restart ${TIMER}`;
  const armed = await container.exec(['sh', '-c', script, 'sh', calendar]);
  if (armed.code !== 0) throw new Error(`could not move the timer's calendar: ${armed.output}`);
  const started = Date.now();
  const exitCode = await container.exited(FIRE_IN_S * 1000 + 30_000);
  const ms = Date.now() - started;
  // The journal is persistent (/var/log/journal); its last boot is the one that just powered off.
  const journal = await capture('journalctl', [
    `--directory=${join(container.upper, 'var/log/journal')}`,
    '-b',
    '--no-pager',
    '-o',
    'short-precise',
  ]);
  return { calendar, exitCode, ms, journal: journal.output };
}

/** Runs the whole check on a container whose first boot has finished; the container is powered off when this returns. */
export async function checkTtlAcrossReboot(container: Container, probe?: string): Promise<TtlReboot> {
  const first = await timerState(container);
  const rebootStarted = Date.now();
  const { exitCode, bootedAt } = await container.reboot();
  const cloudInit = await container.exec(['cloud-init', 'status', '--wait', '--long'], 180_000);
  await container.exec(['systemctl', 'is-system-running', '--wait'], 60_000);
  const reboot = { exitCode, bootedAt, ms: Date.now() - rebootStarted };
  const second = await timerState(container);
  const probeAgain = probe ? await container.exec(['sh', '-c', probe]) : undefined;
  const bootcmdRuns = countIn(join(container.upper, 'var/log/cloud-init.log'), 'Running module bootcmd');
  const agentReports = countIn(join(container.upper, 'var/log/spot-deployer.log'), '[spot-deployer] reporting status');
  const agentSkipped = countIn(join(container.upper, 'var/log/cloud-init.log'), 'config-scripts-user already ran');
  const fired = await fireTimer(container);
  return { first, reboot, second, cloudInit, bootcmdRuns, agentReports, agentSkipped, probe: probeAgain, fired };
}
