/**
 * The last step of context gathering: reads every facet's full file (checking its digest),
 * writes them together as `context/context.json`, and returns the compact summary.
 */
import { buildContextSummary } from '../../domain/context/summary.js';
import type { ContextSummary, FacetResult, FileRef } from '../../domain/context/types.js';
import { readVerified, writeJsonAtomic } from '../../io/atomic-write.js';
import { impactPath, mergedPath } from './run-folder.js';
import { analyseImpact } from '../../domain/repository-model/impact.js';
import { changeHistory, CO_CHANGE_RULES } from '../../domain/repository-model/co-change.js';
import { gitRecentCommits } from '../../adapters/git.js';
import { boundaryTestCommand } from '../../domain/repository-model/test-runners.js';
import type { Impact, RepositoryModel } from '../../domain/repository-model/types.js';
import type { Lesson } from '../../shared/memory-messages.js';

export interface MergeContextInput {
  repoDir: string;
  runDir: string;
  request: string;
  changeId?: string;
  results: FacetResult[];
  /** Lessons of earlier plans of the repository (recalled from the coordinator's memory), newest first. */
  lessons?: Lesson[];
  /** What the reader should know about the merge itself (a memory that did not answer). */
  warnings?: string[];
}

/** Impact entries kept in the summary (the full list is in impact.json). */
const SUMMARY_IMPACT_FILES = 60;

/** The best impact entries, and the files generated from any source among them (they go together). */
function summaryImpactFiles(files: Impact['files']): Impact['files'] {
  const kept = files.slice(0, SUMMARY_IMPACT_FILES);
  const sources = new Set(kept.map((f) => f.path));
  return [...kept, ...files.slice(SUMMARY_IMPACT_FILES).filter((f) => f.generatedFrom !== undefined && sources.has(f.generatedFrom))];
}

/** `opts.signal`: the activity's cancellation, which stops the history read. */
export async function mergeContext(input: MergeContextInput, opts: { signal?: AbortSignal } = {}): Promise<ContextSummary> {
  const facets: Record<string, unknown> = {};
  for (const r of input.results) if (r.facet !== 'model') facets[r.facet] = JSON.parse(await readVerified(r.ref));
  const summary = buildContextSummary(input.repoDir, { path: '', sha256: '', bytes: 0 }, input.results);
  const modelResult = input.results.find((r) => r.facet === 'model');
  let draft: Omit<ContextSummary, 'ref'> & { ref: FileRef } = summary;
  if (modelResult) {
    const model = JSON.parse(await readVerified(modelResult.ref)) as RepositoryModel;
    const code = facets.code as { ranked?: Array<{ path: string; score: number }> } | undefined;
    const history = changeHistory(await gitRecentCommits(input.repoDir, CO_CHANGE_RULES.commits, opts), (p) => model.roles[p] !== undefined);
    const impact = analyseImpact({ model, request: input.request, lexical: code?.ranked ?? [], history });
    await writeJsonAtomic(impactPath(input.runDir), impact);
    facets.impact = impact;
    // Each boundary is tested by the runner that collects in it, scoped to the boundary.
    const boundaries = summary.boundaries.map((b) => {
      const command = b.kind === 'docs' ? undefined : boundaryTestCommand(b.globs, b.languages, model.tests);
      return command ? { ...b, testCommand: command } : b;
    });
    draft = { ...summary, boundaries, impact: { matched: impact.matched, files: summaryImpactFiles(impact.files) } };
  }
  if (input.lessons && input.lessons.length > 0) draft = { ...draft, lessons: input.lessons };
  if (input.warnings && input.warnings.length > 0) draft = { ...draft, warnings: [...(draft.warnings ?? []), ...input.warnings] };
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
