/**
 * The default author: offline and deterministic. The only I/O is reading the current text of the
 * most relevant existing spec, which a MODIFIED delta must carry in full.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSpecMarkdown } from '../domain/context/spec-markdown.js';
import { existingRequirementsFrom } from '../domain/author/existing.js';
import type { ExistingRequirement } from '../domain/author/input.js';
import { reusableSpec, DEFAULT_RELEVANCE_THRESHOLD } from '../domain/author/requirements.js';
import { ruleBasedDraft, type RuleBasedOptions } from '../domain/author/rule-based.js';
import type { ContextSummary } from '../domain/context/types.js';
import type { AuthorInput, PlanAuthor } from './port.js';

async function loadExisting(context: ContextSummary, threshold: number): Promise<ExistingRequirement[]> {
  const spec = reusableSpec(context, threshold);
  if (!spec) return [];
  try {
    const text = await readFile(join(context.repoDir, spec.path), 'utf8');
    return existingRequirementsFrom(spec.capability, parseSpecMarkdown(text).requirements);
  } catch {
    // Unreadable spec: the author falls back to an ADDED requirement, which is still valid.
    return [];
  }
}

export function createRuleBasedAuthor(opts: RuleBasedOptions = {}): PlanAuthor {
  const threshold = opts.relevanceThreshold ?? DEFAULT_RELEVANCE_THRESHOLD;
  return {
    name: 'rule-based',
    async draft(input: AuthorInput) {
      const existingRequirements = input.existingRequirements ?? (await loadExisting(input.context, threshold));
      return ruleBasedDraft({ ...input, existingRequirements }, { relevanceThreshold: threshold });
    },
  };
}
