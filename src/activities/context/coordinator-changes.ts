/**
 * Step 2 with a coordinator: changes in flight that are not on disk. Lock claims held in the
 * registry for this repository (an approved change whose folder lives on another branch or
 * clone) join the changes facet with their keys and files, so context conflicts and the work
 * packages' in-flight collisions see them; plans of this repository still running (not written
 * yet) join with no claims, so the design and status name them.
 */
import type { Coordinator } from '../../coordinator/port.js';
import type { ChangeInFlight, FacetResult } from '../../domain/context/types.js';

export interface DiscoveredChanges {
  changes: ChangeInFlight[];
  /** Why discovery failed, when it did (the plan goes on with what is on disk). */
  problem?: string;
}

export async function discoverChanges(coordinator: Coordinator, repoDir: string, changeId: string | undefined): Promise<DiscoveredChanges> {
  try {
    const plans = await coordinator.discover({ repository: repoDir });
    const byId = new Map<string, ChangeInFlight>();
    for (const p of plans) {
      if (p.repository !== repoDir || !p.changeId || p.changeId === changeId) continue;
      const known = byId.get(p.changeId) ?? { id: p.changeId, capabilities: [], writeGlobs: [], lockKeys: [], lockFiles: [] };
      if (p.claim) {
        known.lockKeys = [...new Set([...known.lockKeys, ...p.claim.keys])].sort();
        known.lockFiles = [...new Set([...(known.lockFiles ?? []), ...p.claim.files])].sort();
      }
      byId.set(p.changeId, known);
    }
    return { changes: [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
  } catch (err) {
    return { changes: [], problem: `coordinator discover failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * The facet results with discovered changes added to the changes facet: a change already on disk
 * keeps its disk entry and gains the registry's keys and files; others are appended.
 */
export function withDiscoveredChanges(results: readonly FacetResult[], discovered: DiscoveredChanges): FacetResult[] {
  return results.map((r) => {
    if (r.facet !== 'changes') return r;
    const onDisk = (r.summary.changesInFlight as ChangeInFlight[] | undefined) ?? [];
    const merged = onDisk.map((c) => {
      const d = discovered.changes.find((x) => x.id === c.id);
      if (!d) return c;
      return { ...c, lockKeys: [...new Set([...c.lockKeys, ...d.lockKeys])].sort(), lockFiles: [...new Set([...(c.lockFiles ?? []), ...(d.lockFiles ?? [])])].sort() };
    });
    const added = discovered.changes.filter((d) => !onDisk.some((c) => c.id === d.id));
    const problems = [...((r.summary.problems as string[] | undefined) ?? []), ...(discovered.problem ? [discovered.problem] : [])];
    return { ...r, summary: { ...r.summary, changesInFlight: [...merged, ...added], problems } };
  });
}
