/** `90s`, `15m`, `8h`, `3d`; `never` is accepted only where a TTL is meant. */
export const DURATION_PATTERN = /^[1-9][0-9]*(s|m|h|d)$/;
export const TTL_PATTERN = /^(never|[1-9][0-9]*(s|m|h|d))$/;

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** Seconds in a duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const unit = match[1] as keyof typeof UNIT_SECONDS;
  return Number.parseInt(text, 10) * UNIT_SECONDS[unit];
}

/** Like parseDuration, but `never` means no TTL. */
export function parseTtl(text: string): number | 'never' | undefined {
  return text.trim() === 'never' ? 'never' : parseDuration(text);
}

export const DURATION_HINT = 'write a number and a unit: 90s, 15m, 8h or 3d';
