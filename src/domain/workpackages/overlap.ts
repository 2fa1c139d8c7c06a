/**
 * The two overlap checks over parallel packages: write scopes and locks.
 *
 * Output shape (the format leaves it open; this project's choice):
 *   scope_overlap: { passed, mode, errors, overlaps: [{ a, b, a_glob, b_glob }] }
 *   lock_overlap:  { passed, errors, overlaps: [{ a, b, keys, files }] }
 * `errors` holds one readable line per finding, `overlaps` the same findings as data.
 */
import { parallelPairs } from './dag.js';
import { globsOverlapCompat } from './glob-compat.js';
import { globsOverlapExact } from './glob-exact.js';
import { literalPrefix, prefixesConflict } from './glob-prefix.js';
import type { PackageView } from './package-view.js';
import { firstById } from './util.js';

export type GlobMode = 'compat' | 'exact';

/** The package every other package feeds into; it may read and write broadly. */
export const INTEGRATION_PACKAGE_ID = 'wp-integration';

export interface ScopeOverlap {
  a: string;
  b: string;
  a_glob: string;
  b_glob: string;
}
export interface ScopeOverlapCheck {
  passed: boolean;
  mode: GlobMode;
  errors: string[];
  overlaps: ScopeOverlap[];
}

export interface LockOverlap {
  a: string;
  b: string;
  keys: string[];
  files: string[];
}
export interface LockOverlapCheck {
  passed: boolean;
  errors: string[];
  overlaps: LockOverlap[];
}

export const globOverlapFn = (mode: GlobMode): ((a: string, b: string) => boolean) =>
  mode === 'exact' ? globsOverlapExact : globsOverlapCompat;

const quoteList = (items: readonly string[]): string => items.map((i) => `'${i}'`).join(', ');

export function scopeOverlapCheck(
  views: readonly PackageView[],
  pairs: ReadonlyArray<readonly [string, string]>,
  mode: GlobMode,
): ScopeOverlapCheck {
  const overlapsFn = globOverlapFn(mode);
  // Prefixes once per glob, not once per pair: with hundreds of packages the pairs dominate.
  const scopes = new Map([...firstById(views)].map(([id, v]) => [id, v.writeAllow.map((glob) => ({ glob, prefix: literalPrefix(glob) }))]));
  const overlaps: ScopeOverlap[] = [];
  for (const [a, b] of pairs) {
    for (const ga of scopes.get(a)!) {
      for (const gb of scopes.get(b)!) {
        if (prefixesConflict(ga.prefix, gb.prefix) || !overlapsFn(ga.glob, gb.glob)) continue;
        overlaps.push({ a, b, a_glob: ga.glob, b_glob: gb.glob });
      }
    }
  }
  const errors = overlaps.map((o) => `parallel pair (${o.a}, ${o.b}): write_allow overlap: '${o.a_glob}' vs '${o.b_glob}'`);
  return { passed: overlaps.length === 0, mode, errors, overlaps };
}

/** Sorted members of both sets. */
function common(x: ReadonlySet<string>, y: ReadonlySet<string>): string[] {
  if (x.size === 0 || y.size === 0) return [];
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  const out: string[] = [];
  for (const item of small) if (large.has(item)) out.push(item);
  return out.sort();
}

export function lockOverlapCheck(
  views: readonly PackageView[],
  pairs: ReadonlyArray<readonly [string, string]>,
): LockOverlapCheck {
  const map = firstById(views);
  const keySets = new Map([...map].map(([id, v]) => [id, new Set(v.lockKeys)]));
  const fileSets = new Map([...map].map(([id, v]) => [id, new Set(v.lockFiles)]));
  const overlaps: LockOverlap[] = [];
  const errors: string[] = [];
  for (const [a, b] of pairs) {
    const keys = common(keySets.get(a)!, keySets.get(b)!);
    const files = common(fileSets.get(a)!, fileSets.get(b)!);
    if (keys.length === 0 && files.length === 0) continue;
    overlaps.push({ a, b, keys, files });
    if (keys.length > 0) errors.push(`parallel pair (${a}, ${b}): lock key overlap: ${quoteList(keys)}`);
    if (files.length > 0) errors.push(`parallel pair (${a}, ${b}): file lock overlap: ${quoteList(files)}`);
  }
  return { passed: overlaps.length === 0, errors, overlaps };
}

/**
 * Pairwise checks need the transitive closure and every parallel pair, both quadratic in the
 * number of packages; real plans have tens. Beyond this the checks fail instead of exhausting
 * memory on a hostile document.
 */
export const MAX_PAIRWISE_PACKAGES = 2000;

export interface OverlapReport {
  /** Every parallel pair `[a, b]` with a < b. */
  parallelPairs: Array<[string, string]>;
  /** The parallel pairs involving wp-integration, which the checks skip. */
  exemptPairs: Array<[string, string]>;
  scope_overlap: ScopeOverlapCheck;
  lock_overlap: LockOverlapCheck;
}

/** Pairs with wp-integration are exempt from the overlap checks. */
export const involvesIntegration = ([a, b]: readonly [string, string]): boolean =>
  a === INTEGRATION_PACKAGE_ID || b === INTEGRATION_PACKAGE_ID;

/** Both overlap checks over the parallel pairs, as validate and the zones view report them. */
export function overlapReport(views: readonly PackageView[], mode: GlobMode): OverlapReport {
  const count = firstById(views).size;
  if (count > MAX_PAIRWISE_PACKAGES) {
    const errors = [`${count} packages: more than ${MAX_PAIRWISE_PACKAGES}, too many to compare pairwise`];
    return {
      parallelPairs: [],
      exemptPairs: [],
      scope_overlap: { passed: false, mode, errors, overlaps: [] },
      lock_overlap: { passed: false, errors, overlaps: [] },
    };
  }
  const pairs = parallelPairs(views);
  const checked = pairs.filter((pair) => !involvesIntegration(pair));
  return {
    parallelPairs: pairs,
    exemptPairs: pairs.filter(involvesIntegration),
    scope_overlap: scopeOverlapCheck(views, checked, mode),
    lock_overlap: lockOverlapCheck(views, checked),
  };
}
