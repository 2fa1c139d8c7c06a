/**
 * The default author: offline and deterministic. Its only I/O is reading the current text of the
 * specs it may modify; everything else is the pure core in src/domain/author/.
 */
import { checkDraft } from '../domain/author/draft-check.js';
import { DEFAULT_RELEVANCE_THRESHOLD } from '../domain/author/requirements.js';
import { invalidPlan } from '../errors.js';
import { ruleBasedDraft, type RuleBasedOptions } from '../domain/author/rule-based.js';
import { withExistingRequirements } from './existing-specs.js';
import type { AuthorInput, PlanAuthor } from './port.js';

export function createRuleBasedAuthor(opts: RuleBasedOptions = {}): PlanAuthor {
  const threshold = opts.relevanceThreshold ?? DEFAULT_RELEVANCE_THRESHOLD;
  return {
    name: 'rule-based',
    async draft(input: AuthorInput) {
      const draft = ruleBasedDraft(await withExistingRequirements(input, threshold), { relevanceThreshold: threshold });
      // Same checks as an agent's draft: a brief can still combine into something inconsistent.
      const checked = checkDraft(draft, { changeId: input.changeId });
      if (!checked.ok) throw invalidPlan(`the rule-based draft is inconsistent:\n${checked.errors.join('\n')}`, 'check the brief for the fields named above');
      return checked.draft;
    },
  };
}
