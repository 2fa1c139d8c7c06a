/**
 * The default author: offline and deterministic. Its only I/O is reading the current text of the
 * specs it may modify; everything else is the pure core in src/domain/author/.
 */
import { DEFAULT_RELEVANCE_THRESHOLD } from '../domain/author/requirements.js';
import { ruleBasedDraft, type RuleBasedOptions } from '../domain/author/rule-based.js';
import { withExistingRequirements } from './existing-specs.js';
import type { AuthorInput, PlanAuthor } from './port.js';

export function createRuleBasedAuthor(opts: RuleBasedOptions = {}): PlanAuthor {
  const threshold = opts.relevanceThreshold ?? DEFAULT_RELEVANCE_THRESHOLD;
  return {
    name: 'rule-based',
    async draft(input: AuthorInput) {
      return ruleBasedDraft(await withExistingRequirements(input, threshold), { relevanceThreshold: threshold });
    },
  };
}
