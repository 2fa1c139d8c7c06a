/**
 * Collisions with other changes already in flight in the repository. The planner cannot order
 * packages of another change, so it reports the collision and tells the agent in the package.
 */
import type { ChangeInFlight } from '../context/types.js';
import { firstClash } from './scope-overlap.js';

export interface InFlightCollision {
  packageId: string;
  changeId: string;
  /** Human sentence, used in the report and the package description. */
  detail: string;
}

export function inFlightCollisions(
  pkg: { packageId: string; writeAllow: readonly string[]; keys: readonly string[]; files: readonly string[] },
  changes: readonly ChangeInFlight[],
): InFlightCollision[] {
  const found: InFlightCollision[] = [];
  for (const change of [...changes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const clash = firstClash(pkg.writeAllow, change.writeGlobs);
    const sharedKeys = pkg.keys.filter((k) => change.lockKeys.includes(k));
    const sharedFiles = pkg.files.filter((f) => (change.lockFiles ?? []).includes(f));
    if (!clash && sharedKeys.length === 0 && sharedFiles.length === 0) continue;
    const parts = [
      ...(clash ? [`write scope ${clash.a} overlaps its ${clash.b}`] : []),
      ...(sharedKeys.length > 0 ? [`both lock ${sharedKeys.join(', ')}`] : []),
      ...(sharedFiles.length > 0 ? [`both lock files ${sharedFiles.join(', ')}`] : []),
    ];
    found.push({
      packageId: pkg.packageId,
      changeId: change.id,
      detail: `${pkg.packageId} collides with change ${change.id} in flight (${parts.join('; ')}): land one change before the other or rebase onto it`,
    });
  }
  return found;
}
