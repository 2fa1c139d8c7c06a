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
import type { AuthorInput, PlanAuthor } from './port.js';

/** Spec files whose requirements the draft may modify: the brief's and the top related spec. */
function specsToRead(input: AuthorInput, threshold: number): Array<{ capability: string; path: string }> {
  const out = new Map<string, string>();
  const pathOf = (capability: string) =>
    input.context.relatedSpecs.find((s) => s.capability === capability)?.path ?? `openspec/specs/${capability}/spec.md`;
  for (const cap of input.brief?.capabilities ?? []) {
    if (cap.requirements.some((r) => r.modifies)) out.set(cap.name, pathOf(cap.name));
  }
  const top = input.brief ? undefined : reusableSpec(input.context, threshold);
  if (top) out.set(top.capability, top.path);
  return [...out].map(([capability, path]) => ({ capability, path }));
}

async function loadExisting(input: AuthorInput, threshold: number): Promise<ExistingRequirement[]> {
  const loaded = await Promise.all(
    specsToRead(input, threshold).map(async ({ capability, path }) => {
      try {
        const text = await readFile(join(input.context.repoDir, path), 'utf8');
        return existingRequirementsFrom(capability, parseSpecMarkdown(text).requirements);
      } catch {
        // Unreadable spec: the author falls back to what it can do without it (ADDED deltas).
        return [];
      }
    }),
  );
  return loaded.flat();
}

export function createRuleBasedAuthor(opts: RuleBasedOptions = {}): PlanAuthor {
  const threshold = opts.relevanceThreshold ?? DEFAULT_RELEVANCE_THRESHOLD;
  return {
    name: 'rule-based',
    async draft(input: AuthorInput) {
      const existingRequirements = input.existingRequirements ?? (await loadExisting(input, threshold));
      return ruleBasedDraft({ ...input, existingRequirements }, { relevanceThreshold: threshold });
    },
  };
}
