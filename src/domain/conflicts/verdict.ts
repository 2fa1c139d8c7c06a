/**
 * How much a plan can still run in parallel with the changes it collides with: FULL when none of
 * its packages collides with another change, SEQUENTIAL when more than half of its packages do,
 * PARTIAL in between (the seed's verdicts). A package collides when another change holds one of
 * its lock keys or files, or (when both sides give write globs) may write where it writes, the
 * globs compared in exact mode. Pure module.
 */
import type { ChangeInFlight } from '../context/types.js';
import { globOverlapFn } from '../workpackages/overlap.js';

export type ConflictVerdict = 'FULL' | 'PARTIAL' | 'SEQUENTIAL';

export interface PackageClaim {
  packageId: string;
  keys: readonly string[];
  files: readonly string[];
  writeAllow?: readonly string[];
}

export interface HeldLocks {
  changeId: string;
  keys: readonly string[];
  files: readonly string[];
  writeGlobs?: readonly string[];
}

export interface VerdictResult {
  verdict: ConflictVerdict;
  /** This plan's packages that collide. */
  conflicting: string[];
  /** The other changes they collide with. */
  with: string[];
}

/** A change in flight as the locks it holds: its keys (without per-machine `env:` keys), files and write globs. */
export function heldLocksOf(change: ChangeInFlight): HeldLocks {
  return { changeId: change.id, keys: change.lockKeys.filter((k) => !k.startsWith('env:')), files: change.lockFiles ?? [], writeGlobs: change.writeGlobs };
}

export function conflictVerdict(packages: readonly PackageClaim[], held: readonly HeldLocks[]): VerdictResult {
  const overlaps = globOverlapFn('exact');
  const hits = (p: PackageClaim, h: HeldLocks): boolean =>
    p.keys.some((k) => h.keys.includes(k)) ||
    p.files.some((f) => h.files.includes(f)) ||
    (p.writeAllow ?? []).some((g) => (h.writeGlobs ?? []).some((o) => overlaps(g, o)));
  const conflicting = packages.filter((p) => held.some((h) => hits(p, h))).map((p) => p.packageId);
  const withChanges = [...new Set(held.filter((h) => packages.some((p) => hits(p, h))).map((h) => h.changeId))].sort();
  const verdict: ConflictVerdict = conflicting.length === 0 ? 'FULL' : conflicting.length * 2 > packages.length ? 'SEQUENTIAL' : 'PARTIAL';
  return { verdict, conflicting, with: withChanges };
}

/** One line for the proposal's Impact and the status. */
export function verdictLine(v: VerdictResult): string {
  if (v.verdict === 'FULL') return 'FULL: no package collides with a change in flight';
  return `${v.verdict}: ${v.conflicting.join(', ')} collide${v.conflicting.length === 1 ? 's' : ''} with ${v.with.join(', ')} (their locks or write scopes): build them after those changes land, or coordinate with them`;
}
