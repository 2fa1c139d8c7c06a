/** What every plan author receives (rule-based or external). Pure type module. */
import type { FeatureBrief } from '../brief.js';
import type { ContextSummary } from '../context/types.js';

export interface AuthorInput {
  request: string;
  brief?: FeatureBrief;
  context: ContextSummary;
  changeId: string;
  /** 1 for the first draft; raised by each request-changes round. */
  revision: number;
  /** Request-changes comments of the previous revision; the draft must show how each is addressed. */
  feedback?: string[];
}
