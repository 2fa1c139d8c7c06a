/**
 * Reads the current text of the specs a draft may modify, so MODIFIED deltas can carry the whole
 * requirement (openspec --strict rejects a MODIFIED block that drops existing scenarios). Shared
 * by the rule-based author and the external-command author's prompt.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { existingRequirementsFrom } from '../domain/author/existing.js';
import type { AuthorInput, ExistingRequirement } from '../domain/author/input.js';
import { DEFAULT_RELEVANCE_THRESHOLD, reusableSpec } from '../domain/author/requirements.js';
import { parseSpecMarkdown } from '../domain/context/spec-markdown.js';

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

export async function loadExistingRequirements(input: AuthorInput, threshold = DEFAULT_RELEVANCE_THRESHOLD): Promise<ExistingRequirement[]> {
  const loaded = await Promise.all(
    specsToRead(input, threshold).map(async ({ capability, path }) => {
      try {
        const text = await readFile(join(input.context.repoDir, path), 'utf8');
        return existingRequirementsFrom(capability, parseSpecMarkdown(text).requirements);
      } catch {
        // Unreadable spec: authors fall back to what they can do without it (ADDED deltas).
        return [];
      }
    }),
  );
  return loaded.flat();
}

/** The input with `existingRequirements` filled in, unless the caller already provided them. */
export async function withExistingRequirements(input: AuthorInput, threshold = DEFAULT_RELEVANCE_THRESHOLD): Promise<AuthorInput> {
  if (input.existingRequirements) return input;
  return { ...input, existingRequirements: await loadExistingRequirements(input, threshold) };
}
