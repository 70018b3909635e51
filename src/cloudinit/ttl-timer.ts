/**
 * The TTL as cloud-init `bootcmd`: it runs on every boot, in cloud-init's
 * first stage, before any module that could fail. It writes a systemd timer
 * for the absolute expiry time (`OnCalendar=` in UTC, `Persistent=true`) and
 * a service that powers the instance off (a terminate, with
 * InstanceInitiatedShutdownBehavior=terminate). A reboot runs it again with
 * the same absolute time, and a boot after the expiry powers off at once.
 * Started with `--no-block`: cloud-init's first stage runs before
 * sysinit.target, which a timer's start job waits for.
 */

import { gzipSync } from 'node:zlib';

export const TTL_TIMER = 'spot-deployer-ttl.timer';
export const TTL_SERVICE = 'spot-deployer-ttl.service';

// POSIX sh: bootcmd runs under /bin/sh. $1 = systemd calendar time, $2 = the same as epoch seconds.
export const TTL_SCRIPT = `set -eu
if [ "$(date -u +%s)" -ge "$2" ]; then
  echo "spot-deployer: TTL ($1) has passed: powering off"
  systemctl poweroff || shutdown -h now
  exit 0
fi
dir=/etc/systemd/system
printf '[Unit]\\nDescription=spot-deployer TTL: power off at %s\\n\\n[Timer]\\nOnCalendar=%s\\nPersistent=true\\nAccuracySec=1s\\n\\n[Install]\\nWantedBy=timers.target\\n' "$1" "$1" >"$dir/${TTL_TIMER}"
printf '[Unit]\\nDescription=spot-deployer TTL: power off (terminates the instance)\\n\\n[Service]\\nType=oneshot\\nExecStart=/bin/systemctl poweroff\\n' >"$dir/${TTL_SERVICE}"
systemctl daemon-reload
systemctl enable ${TTL_TIMER}
systemctl start --no-block ${TTL_TIMER}
`;

/** `2026-01-01T08:00:00.000Z` → `2026-01-01 08:00:00 UTC`, systemd's calendar syntax. */
export function calendarOf(expiresAt: Date): string {
  return `${expiresAt.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * The script as bootcmd carries it: gzip and base64, unpacked by `base64 -d
 * | gunzip` (coreutils and gzip, on every supported image), which keeps the
 * user-data under its 4,096-byte target; the expiry stays readable as the
 * arguments. Deterministic: the same bytes on every run.
 */
const UNPACK = `echo ${gzipSync(Buffer.from(TTL_SCRIPT, 'utf8'), { level: 9 }).toString('base64')}|base64 -d|gunzip|sh -s -- "$1" "$2"`;

/** The bootcmd entries that arm the TTL for an absolute expiry (ISO 8601). */
export function ttlBootcmd(expiresAtIso: string): string[][] {
  const expiresAt = new Date(expiresAtIso);
  if (Number.isNaN(expiresAt.getTime())) throw new TypeError(`not an ISO time: ${expiresAtIso}`);
  return [['sh', '-c', UNPACK, 'spot-deployer-ttl', calendarOf(expiresAt), String(Math.floor(expiresAt.getTime() / 1000))]];
}
