/** What every plan author receives (rule-based or external). Pure type module. */
import type { FeatureBrief } from '../brief.js';
import type { ContextSummary } from '../context/types.js';
import type { Scenario } from '../draft.js';
import type { ModelSlice } from '../repository-model/slice.js';

/** A requirement as it stands in openspec/specs/<capability>/spec.md (needed for MODIFIED deltas). */
export interface ExistingRequirement {
  capability: string;
  /** Exact header text. */
  name: string;
  text: string;
  scenarios: Scenario[];
}

export interface AuthorInput {
  request: string;
  brief?: FeatureBrief;
  context: ContextSummary;
  changeId: string;
  /** 1 for the first draft; raised by each request-changes round. */
  revision: number;
  /** Request-changes comments of the previous revision; the draft must show how each is addressed. */
  feedback?: string[];
  /**
   * The request-changes comments among the feedback (validation notes left out): the rule-based
   * author reads them as more of the request, so the revision changes what they ask for.
   */
  comments?: string[];
  /** Repository files the request or the comments name that exist (checked by the caller). */
  namedFiles?: string[];
  /**
   * Current text of the related specs' top requirements. A MODIFIED delta replaces the whole
   * block and `openspec validate --strict` rejects one that drops existing scenarios, so the
   * rule-based author only modifies a requirement it has here; otherwise it ADDs to the capability.
   */
  existingRequirements?: ExistingRequirement[];
  /** What the repository already has that this request touches (absent without a repository model). */
  repository?: ModelSlice;
}
