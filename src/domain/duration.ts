/** Durations as users type them on the command line and in the API: a whole number and a unit. */
export const DURATION_PATTERN = /^[1-9]\d{0,5}(s|m|h|d|w)$/;
export const DURATION_HINT = 'give a whole number and a unit: 45s, 30m, 12h, 7d or 2w';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Milliseconds of `45s`, `30m`, `12h`, `7d`, `2w`; undefined when it is not such a duration. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (!DURATION_PATTERN.test(t)) return undefined;
  return Number(t.slice(0, -1)) * UNIT_MS[t.slice(-1)]!;
}
