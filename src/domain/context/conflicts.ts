/**
 * Where a request collides with changes already in flight: the same capability, the files it
 * would change inside another change's write scope, or its files and the migration slot under
 * another change's locks.
 *
 * Pure module.
 */
import { pathInScope } from '../plan/scope-overlap.js';
import type { ChangeInFlight, ContextConflict, RankedFile, RelatedSpec } from './types.js';

/**
 * Only clearly related specs and files count; weak matches would cry wolf. A spec is clearly
 * related when it scores at least half of the best spec (and is not near zero).
 */
export const CONFLICT_SPEC_RELATIVE = 0.5;
export const CONFLICT_SPEC_MIN = 0.1;
export const CONFLICT_TOP_FILES = 10;

const MIGRATION = /(^|\/)(migrations?|alembic)\//;

export function detectConflicts(
  changes: readonly ChangeInFlight[],
  relatedSpecs: readonly RelatedSpec[],
  topFiles: readonly RankedFile[],
): ContextConflict[] {
  const best = Math.max(0, ...relatedSpecs.map((s) => s.score));
  const specs = relatedSpecs
    .filter((s) => s.score >= CONFLICT_SPEC_MIN && s.score >= best * CONFLICT_SPEC_RELATIVE)
    .map((s) => s.capability);
  const files = topFiles.slice(0, CONFLICT_TOP_FILES).map((f) => f.path);
  const out: ContextConflict[] = [];
  for (const change of changes) {
    for (const cap of change.capabilities.filter((c) => specs.includes(c))) {
      out.push({ changeId: change.id, kind: 'capability', detail: `${change.id} also changes capability ${cap}` });
    }
    const inScope = files.filter((f) => pathInScope(f, change.writeGlobs));
    if (inScope.length > 0) {
      out.push({ changeId: change.id, kind: 'scope', detail: `${change.id} may write ${inScope.slice(0, 5).join(', ')}` });
    }
    const locked = files.filter((f) => change.lockFiles?.includes(f));
    if (locked.length > 0) {
      out.push({ changeId: change.id, kind: 'lock', detail: `${change.id} locks ${locked.slice(0, 5).join(', ')}` });
    }
    if (change.lockKeys.includes('db:migration-slot') && files.some((f) => MIGRATION.test(f))) {
      out.push({ changeId: change.id, kind: 'lock', detail: `${change.id} holds db:migration-slot and this request touches migrations` });
    }
  }
  return out;
}
