/** Facet "specs": the repository's capabilities, ranked by relevance to the request. */
import { buildQuery } from '../../domain/context/bm25.js';
import { SUMMARY_LIMITS } from '../../domain/context/limits.js';
import { parseSpecMarkdown } from '../../domain/context/spec-markdown.js';
import { rankSpecs, type SpecDocument } from '../../domain/context/spec-ranking.js';
import type { FacetInput, FacetResult, SpecsFacetSummary } from '../../domain/context/types.js';
import { writeJsonAtomic } from '../../io/atomic-write.js';
import { openspecReadProblems, readOptional, SPECS_REL, subfolders } from '../../io/openspec-files.js';
import { facetPath } from './run-folder.js';

export async function loadSpecs(repoDir: string): Promise<SpecDocument[]> {
  const docs: SpecDocument[] = [];
  for (const capability of await subfolders(repoDir, SPECS_REL)) {
    const path = `${SPECS_REL}/${capability}/spec.md`;
    const text = await readOptional(repoDir, path);
    if (text !== undefined) docs.push({ capability, path, spec: parseSpecMarkdown(text) });
  }
  return docs;
}

export async function gatherSpecs(input: FacetInput): Promise<FacetResult> {
  const started = Date.now();
  const specs = await loadSpecs(input.repoDir);
  const related = rankSpecs(buildQuery(input.request, input.hints), specs);
  const ref = await writeJsonAtomic(facetPath(input.runDir, 'specs'), {
    facet: 'specs',
    request: input.request,
    related,
    specs: specs.map((s) => ({
      capability: s.capability,
      path: s.path,
      purpose: s.spec.purpose,
      requirements: s.spec.requirements.map((r) => ({ name: r.name, scenarios: r.scenarios.map((sc) => sc.name) })),
    })),
  });
  const problems = openspecReadProblems(input.repoDir);
  const summary: SpecsFacetSummary = {
    specsCount: specs.length,
    relatedSpecs: related.slice(0, SUMMARY_LIMITS.relatedSpecs),
    ...(problems.length > 0 ? { problems } : {}),
  };
  return { facet: 'specs', ref, summary: { ...summary }, stats: { files: specs.length, skipped: 0, ms: Date.now() - started } };
}
