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
import { inferOperationsDetailed } from '../domain/author/signals.js';
import { parseSpecMarkdown, type ParsedSpec } from '../domain/context/spec-markdown.js';
import { badInput } from '../errors.js';

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
  // A request that changes a route the repository serves modifies the requirement named after it.
  if (!input.brief) {
    for (const op of inferOperationsDetailed(input.request, '', input.context.apiRoutes ?? [], input.context.apiOperations ?? []).filter((o) => o.modifies)) {
      for (const spec of input.context.relatedSpecs) if (spec.requirements.includes(op.name)) out.set(spec.capability, spec.path);
    }
  }
  return [...out].map(([capability, path]) => ({ capability, path }));
}

async function readSpec(repoDir: string, path: string): Promise<ParsedSpec | undefined> {
  try {
    return parseSpecMarkdown(await readFile(join(repoDir, path), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * A brief that modifies a requirement must name one that exists, by its exact header: otherwise
 * openspec only notes that archiving would fail, long after the plan was approved.
 */
function checkBriefModifies(input: AuthorInput, specs: ReadonlyMap<string, { path: string; spec: ParsedSpec | undefined }>): void {
  const problems: string[] = [];
  input.brief?.capabilities.forEach((cap, i) => {
    cap.requirements.forEach((req, j) => {
      if (!req.modifies) return;
      const where = `capabilities[${i}].requirements[${j}].name`;
      const loaded = specs.get(cap.name);
      if (!loaded?.spec) {
        problems.push(`${where}: expected a requirement of an existing spec, got ${JSON.stringify(req.name)} but ${loaded?.path ?? `openspec/specs/${cap.name}/spec.md`} does not exist`);
      } else if (!loaded.spec.requirements.some((r) => r.name === req.name)) {
        const names = loaded.spec.requirements.map((r) => JSON.stringify(r.name)).join(', ');
        problems.push(`${where}: expected the exact header of a requirement in ${loaded.path} (${names}), got ${JSON.stringify(req.name)}`);
      }
    });
  });
  if (problems.length > 0) throw badInput(`brief modifies requirements that do not exist:\n${problems.join('\n')}`, 'copy the header exactly from the current spec, or drop `modifies: true` to add a new requirement');
}

export async function loadExistingRequirements(input: AuthorInput, threshold = DEFAULT_RELEVANCE_THRESHOLD): Promise<ExistingRequirement[]> {
  const targets = specsToRead(input, threshold);
  const specs = new Map(
    await Promise.all(targets.map(async ({ capability, path }) => [capability, { path, spec: await readSpec(input.context.repoDir, path) }] as const)),
  );
  checkBriefModifies(input, specs);
  // An unreadable spec leaves nothing to modify: authors then fall back to ADDED deltas.
  return [...specs].flatMap(([capability, { spec }]) => (spec ? existingRequirementsFrom(capability, spec.requirements) : []));
}

/** The input with `existingRequirements` filled in, unless the caller already provided them. */
export async function withExistingRequirements(input: AuthorInput, threshold = DEFAULT_RELEVANCE_THRESHOLD): Promise<AuthorInput> {
  if (input.existingRequirements) return input;
  return { ...input, existingRequirements: await loadExistingRequirements(input, threshold) };
}
