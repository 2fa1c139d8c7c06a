/**
 * Builds the compact `ContextSummary` from the facets' compact summaries. Each list is capped
 * (see limits.ts), so the value stays a few KB for any repository.
 *
 * Pure module.
 */
import { detectConflicts } from './conflicts.js';
import { SUMMARY_LIMITS as L } from './limits.js';
import type {
  ArchitectureFacetSummary,
  ChangesFacetSummary,
  CodeFacetSummary,
  ContextSummary,
  FacetName,
  FacetResult,
  FileRef,
  SpecsFacetSummary,
} from './types.js';
import type { ModelSummary } from '../repository-model/types.js';

function summaryOf<T>(results: readonly FacetResult[], facet: FacetName): Partial<T> {
  return (results.find((r) => r.facet === facet)?.summary ?? {}) as Partial<T>;
}

export function buildContextSummary(repoDir: string, ref: FileRef, results: readonly FacetResult[]): ContextSummary {
  const specs = summaryOf<SpecsFacetSummary>(results, 'specs');
  const changes = summaryOf<ChangesFacetSummary>(results, 'changes');
  const arch = summaryOf<ArchitectureFacetSummary>(results, 'architecture');
  const code = summaryOf<CodeFacetSummary>(results, 'code');
  const model = results.find((r) => r.facet === 'model')?.summary as ModelSummary | undefined;

  const relatedSpecs = (specs.relatedSpecs ?? []).slice(0, L.relatedSpecs).map((s) => ({
    ...s,
    requirements: s.requirements.slice(0, L.requirementsPerSpec),
  }));
  const topFiles = (code.topFiles ?? []).slice(0, L.topFiles).map((f) => ({ ...f, symbols: f.symbols.slice(0, L.symbolsPerFile) }));
  const changesInFlight = (changes.changesInFlight ?? []).slice(0, L.changes).map((c) => ({
    ...c,
    writeGlobs: c.writeGlobs.slice(0, L.globsPerChange),
    lockKeys: c.lockKeys.slice(0, L.globsPerChange),
    ...(c.lockFiles ? { lockFiles: c.lockFiles.slice(0, L.globsPerChange) } : {}),
  }));
  const code_ = results.find((r) => r.facet === 'code');
  return {
    repoDir,
    ref,
    facets: results.map((r) => ({ facet: r.facet, ref: r.ref, files: r.stats.files, skipped: r.stats.skipped, ms: r.stats.ms })),
    specsCount: specs.specsCount ?? 0,
    relatedSpecs,
    changesInFlight,
    conflicts: detectConflicts(changesInFlight, relatedSpecs, topFiles).slice(0, L.conflicts),
    languages: (arch.languages ?? []).slice(0, L.languages),
    frameworks: (arch.frameworks ?? []).slice(0, L.frameworks),
    testCommands: (arch.testCommands ?? []).slice(0, L.testCommands),
    boundaries: arch.boundaries ?? [],
    hubFiles: (arch.hubFiles ?? []).slice(0, L.hubFiles),
    docs: (arch.docs ?? []).slice(0, L.docs),
    topFiles,
    ...(code.apiRoutes && code.apiRoutes.length > 0 ? { apiRoutes: code.apiRoutes.slice(0, L.apiRoutes) } : {}),
    ...(code.apiOperations && code.apiOperations.length > 0 ? { apiOperations: code.apiOperations.slice(0, L.apiOperations) } : {}),
    filesScanned: code.filesScanned ?? 0,
    filesSkipped: code_?.stats.skipped ?? 0,
    ...(specs.problems && specs.problems.length > 0 ? { warnings: specs.problems.slice(0, L.problems) } : {}),
    ...(model ? { model } : {}),
  };
}
