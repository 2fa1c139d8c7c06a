/** Facet "changes": other OpenSpec changes in flight and what they claim. */
import { changeInFlight, extractWorkPackageClaims } from '../../domain/context/changes.js';
import { SUMMARY_LIMITS } from '../../domain/context/limits.js';
import type { ChangeInFlight, ChangesFacetSummary, FacetInput, FacetResult } from '../../domain/context/types.js';
import { writeJsonAtomic } from '../../io/atomic-write.js';
import { ARCHIVE_FOLDER, CHANGES_REL, readOptional, subfolders } from '../../io/openspec-files.js';
import { facetPath } from './run-folder.js';

export async function loadChangesInFlight(repoDir: string, exclude?: string): Promise<{ changes: ChangeInFlight[]; problems: string[] }> {
  const changes: ChangeInFlight[] = [];
  const problems: string[] = [];
  for (const id of await subfolders(repoDir, CHANGES_REL)) {
    if (id === ARCHIVE_FOLDER || id === exclude) continue;
    const dir = `${CHANGES_REL}/${id}`;
    const deltas = await subfolders(repoDir, `${dir}/specs`);
    const proposal = await readOptional(repoDir, `${dir}/proposal.md`);
    const wp = await readOptional(repoDir, `${dir}/work-packages.yaml`);
    const claims = wp === undefined ? undefined : extractWorkPackageClaims(wp);
    claims?.problems.forEach((p) => problems.push(`${id}/work-packages.yaml: ${p}`));
    changes.push(changeInFlight(id, deltas, proposal, claims));
  }
  return { changes, problems };
}

export async function gatherChanges(input: FacetInput): Promise<FacetResult> {
  const started = Date.now();
  const { changes, problems } = await loadChangesInFlight(input.repoDir, input.changeId);
  const ref = await writeJsonAtomic(facetPath(input.runDir, 'changes'), { facet: 'changes', changes, problems });
  const summary: ChangesFacetSummary = {
    changesInFlight: changes.slice(0, SUMMARY_LIMITS.changes),
    problems: problems.slice(0, SUMMARY_LIMITS.problems),
  };
  return { facet: 'changes', ref, summary: { ...summary }, stats: { files: changes.length, skipped: 0, ms: Date.now() - started } };
}
