/**
 * What of a work-packages document goes into the lock registry: each package's files and lock
 * keys (without `env:` keys) and the lease, the longest `ttl_minutes` of the packages (or the
 * defaults' `lock_ttl_minutes`). One source for the approval's claim and the dispatch's renewals.
 */
import { DEFAULT_LOCK_TTL_MS, type PackageLocks } from '../../shared/lock-messages.js';
import type { WorkPackage, WorkPackagesDoc } from './types.js';

// env: keys name build and test resources (a test database, a port range) that agents take
// while they run, each in its own worktree; they are not held by a change until it lands,
// so registering them would make every two approved changes conflict.
export const registryKeys = (p: WorkPackage): string[] => p.locks.keys.filter((k) => !k.startsWith('env:'));

export function lockClaimsOf(doc: WorkPackagesDoc): { packages: PackageLocks[]; ttlMs: number } {
  const defaultMinutes = doc.defaults?.lock_ttl_minutes;
  const minutes = doc.packages.map((p) => p.locks.ttl_minutes ?? defaultMinutes).filter((m): m is number => typeof m === 'number');
  return {
    packages: doc.packages.map((p) => ({ packageId: p.package_id, keys: registryKeys(p), files: p.locks.files })),
    ttlMs: minutes.length > 0 ? Math.max(...minutes) * 60_000 : DEFAULT_LOCK_TTL_MS,
  };
}

/** Each package as what may collide with other changes: its registry keys, locked files and write globs (the conflict verdict's input). */
export function packageClaimsOf(doc: WorkPackagesDoc): Array<{ packageId: string; keys: string[]; files: string[]; writeAllow: string[] }> {
  return doc.packages.map((p) => ({ packageId: p.package_id, keys: registryKeys(p), files: p.locks.files, writeAllow: p.scope.write_allow }));
}
