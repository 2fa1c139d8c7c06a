/**
 * Sets of Unicode code points as sorted, disjoint, inclusive ranges: the symbolic edge labels
 * of the glob automata ("any character but /" is one set, not a million edges).
 */

export const MAX_CODE_POINT = 0x10ffff;
export const SLASH = 0x2f;

/** A set of code points as sorted, disjoint, inclusive ranges `[lo0, hi0, lo1, hi1, ...]`. */
export type CharSet = readonly number[];

export const ANY: CharSet = [0, MAX_CODE_POINT];
export const NOT_SLASH: CharSet = [0, SLASH - 1, SLASH + 1, MAX_CODE_POINT];
export const single = (cp: number): CharSet => [cp, cp];

export function normalize(ranges: Array<[number, number]>): number[] {
  ranges.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  for (const [lo, hi] of ranges) {
    if (out.length > 0 && lo <= out[out.length - 1]! + 1) out[out.length - 1] = Math.max(out[out.length - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

export function complement(set: CharSet): number[] {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < set.length; i += 2) {
    if (set[i]! > next) out.push(next, set[i]! - 1);
    next = set[i + 1]! + 1;
  }
  if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT);
  return out;
}

export function intersect(a: CharSet, b: CharSet): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]!, b[j]!);
    const hi = Math.min(a[i + 1]!, b[j + 1]!);
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

/** Whether two sets share a character (no allocation: this runs in the inner search loop). */
export function overlaps(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (Math.max(a[i]!, b[j]!) <= Math.min(a[i + 1]!, b[j + 1]!)) return true;
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return false;
}

/** A readable member of a set for witnesses: prefer `a`.., then printable, then anything. */
export function pickChar(set: CharSet): number {
  for (const floor of [0x61, 0x21, 0]) {
    for (let i = 0; i < set.length; i += 2) if (set[i + 1]! >= floor) return Math.max(set[i]!, floor);
  }
  return set[0]!;
}
