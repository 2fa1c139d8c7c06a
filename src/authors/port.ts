/** The author port: anything that turns a request, brief and context into a plan draft. */
import type { PlanDraft } from '../domain/draft.js';
import type { AuthorInput } from '../domain/author/input.js';

export type { AuthorInput, ExistingRequirement } from '../domain/author/input.js';

export interface PlanAuthor {
  /** Short name for logs and the handoff record, e.g. `rule-based` or `external:claude`. */
  readonly name: string;
  draft(input: AuthorInput): Promise<PlanDraft>;
}
