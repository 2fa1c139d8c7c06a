/**
 * All facets and the merge in this process, without Temporal: what the child workflows do,
 * as direct function calls (tests, benchmarks, quick local runs).
 */
import { ALL_FACETS, type ContextSummary, type FacetInput, type FacetResult } from '../../domain/context/types.js';
import { gatherArchitecture } from './architecture-facet.js';
import { gatherChanges } from './changes-facet.js';
import { gatherCode } from './code-facet.js';
import { gatherModel } from './model-facet.js';
import { mergeContext } from './merge.js';
import { gatherSpecs } from './specs-facet.js';

export type GatherInput = Omit<FacetInput, 'facet'>;

export function gatherFacet(input: FacetInput): Promise<FacetResult> {
  switch (input.facet) {
    case 'specs':
      return gatherSpecs(input);
    case 'changes':
      return gatherChanges(input);
    case 'architecture':
      return gatherArchitecture(input);
    case 'code':
      return gatherCode(input);
    case 'model':
      return gatherModel(input);
  }
}

/** Every facet, side by side. */
export function gatherFacets(input: GatherInput): Promise<FacetResult[]> {
  return Promise.all(ALL_FACETS.map((facet) => gatherFacet({ ...input, facet })));
}

export async function gatherContextInProcess(input: GatherInput): Promise<ContextSummary> {
  const results = await gatherFacets(input);
  return mergeContext({
    repoDir: input.repoDir,
    runDir: input.runDir,
    request: input.request,
    ...(input.changeId ? { changeId: input.changeId } : {}),
    results,
  });
}
