/**
 * Spec-level conflicts between changes: two unarchived changes that modify, remove or rename
 * the same requirement of the same capability cannot both land as written (the second one's
 * delta no longer applies). Read from the delta specs' sections with the one spec parser. Pure.
 */
import { parseSpecMarkdown } from '../context/spec-markdown.js';

export type TouchOperation = 'MODIFIED' | 'REMOVED' | 'RENAMED';

export interface RequirementTouch {
  capability: string;
  requirement: string;
  operation: TouchOperation;
}

export interface SpecConflict {
  changeId: string;
  capability: string;
  requirement: string;
  /** This change's operation, then the other change's. */
  mine: TouchOperation;
  theirs: TouchOperation;
}

const RENAMED_SECTION = /^##\s+RENAMED\s+Requirements\s*$/i;
const SECTION = /^##\s+/;
const FROM = /FROM:\s*`?\s*###\s+Requirement:\s*(.+?)\s*`?\s*$/i;

/** The existing requirements a delta spec changes: MODIFIED and REMOVED headers, RENAMED's FROM names. */
export function requirementTouches(capability: string, specMarkdown: string): RequirementTouch[] {
  const out: RequirementTouch[] = [];
  for (const r of parseSpecMarkdown(specMarkdown).requirements) {
    if (r.operation === 'MODIFIED' || r.operation === 'REMOVED') out.push({ capability, requirement: r.name, operation: r.operation });
  }
  let renamed = false;
  for (const line of specMarkdown.split(/\r?\n/)) {
    if (RENAMED_SECTION.test(line)) renamed = true;
    else if (SECTION.test(line) && !line.startsWith('###')) renamed = false;
    else if (renamed) {
      const from = FROM.exec(line);
      if (from) out.push({ capability, requirement: from[1]!, operation: 'RENAMED' });
    }
  }
  return out;
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The requirements this change touches that other changes touch too. */
export function specConflicts(mine: readonly RequirementTouch[], others: ReadonlyArray<{ changeId: string; touches: readonly RequirementTouch[] }>): SpecConflict[] {
  const out: SpecConflict[] = [];
  for (const o of others) {
    for (const t of o.touches) {
      const hit = mine.find((m) => m.capability === t.capability && norm(m.requirement) === norm(t.requirement));
      if (hit) out.push({ changeId: o.changeId, capability: t.capability, requirement: hit.requirement, mine: hit.operation, theirs: t.operation });
    }
  }
  return out;
}

export const specConflictLine = (c: SpecConflict): string =>
  `${c.changeId} also ${c.theirs === 'MODIFIED' ? 'modifies' : c.theirs === 'REMOVED' ? 'removes' : 'renames'} requirement '${c.requirement}' of ${c.capability} (this change ${c.mine === 'MODIFIED' ? 'modifies' : c.mine === 'REMOVED' ? 'removes' : 'renames'} it)`;
