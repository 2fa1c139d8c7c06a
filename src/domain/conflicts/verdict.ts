/**
 * How much a plan can still run in parallel with the claims it collides with: FULL when none of
 * its packages' locks is held by another change, SEQUENTIAL when more than half of its packages
 * are, PARTIAL in between (the seed's verdicts). Pure module.
 */
export type ConflictVerdict = 'FULL' | 'PARTIAL' | 'SEQUENTIAL';

export interface PackageClaim {
  packageId: string;
  keys: readonly string[];
  files: readonly string[];
}

export interface HeldLocks {
  changeId: string;
  keys: readonly string[];
  files: readonly string[];
}

export function conflictVerdict(packages: readonly PackageClaim[], held: readonly HeldLocks[]): { verdict: ConflictVerdict; conflicting: string[] } {
  const keys = new Set(held.flatMap((h) => h.keys));
  const files = new Set(held.flatMap((h) => h.files));
  const conflicting = packages.filter((p) => p.keys.some((k) => keys.has(k)) || p.files.some((f) => files.has(f))).map((p) => p.packageId);
  const verdict: ConflictVerdict = conflicting.length === 0 ? 'FULL' : conflicting.length * 2 > packages.length ? 'SEQUENTIAL' : 'PARTIAL';
  return { verdict, conflicting };
}
