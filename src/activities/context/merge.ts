/**
 * The last step of context gathering: reads every facet's full file (checking its digest),
 * writes them together as `context/context.json`, and returns the compact summary.
 */
import { buildContextSummary } from '../../domain/context/summary.js';
import type { ContextSummary, FacetResult, FileRef } from '../../domain/context/types.js';
import { readVerified, writeJsonAtomic } from '../../io/atomic-write.js';
import { mergedPath } from './run-folder.js';

export interface MergeContextInput {
  repoDir: string;
  runDir: string;
  request: string;
  changeId?: string;
  results: FacetResult[];
}

export async function mergeContext(input: MergeContextInput): Promise<ContextSummary> {
  const facets: Record<string, unknown> = {};
  for (const r of input.results) facets[r.facet] = JSON.parse(await readVerified(r.ref));
  const draft = buildContextSummary(input.repoDir, { path: '', sha256: '', bytes: 0 }, input.results);
  const ref = await writeJsonAtomic(mergedPath(input.runDir), {
    request: input.request,
    ...(input.changeId ? { changeId: input.changeId } : {}),
    summary: { ...draft, ref: undefined },
    facets,
  });
  return { ...draft, ref };
}

/**
 * The summary back from the merged file (the workflow passes only its ref), with the digest
 * checked so later steps see exactly what the workflow saw.
 */
export async function readContextSummary(ref: FileRef): Promise<ContextSummary> {
  const merged = JSON.parse(await readVerified(ref)) as { summary: Omit<ContextSummary, 'ref'> };
  return { ...merged.summary, ref };
}
