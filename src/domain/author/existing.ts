/**
 * Converts parsed main-spec requirements into the author's ExistingRequirement (scenario steps
 * `**WHEN** ...` become `when`/`then`/`given`; `**AND**` continues the previous step).
 *
 * Pure module.
 */
import type { ParsedRequirement } from '../context/spec-markdown.js';
import type { Scenario } from '../draft.js';
import type { ExistingRequirement } from './input.js';

function scenarioFrom(name: string, steps: readonly string[]): Scenario | undefined {
  const parts: Record<'given' | 'when' | 'then', string[]> = { given: [], when: [], then: [] };
  let last: keyof typeof parts | undefined;
  for (const step of steps) {
    const m = /^\*\*(GIVEN|WHEN|THEN|AND)\*\*:?\s*(.*)$/i.exec(step.trim());
    if (!m) continue;
    const key = m[1]!.toUpperCase();
    const target = key === 'AND' ? last : (key.toLowerCase() as keyof typeof parts);
    if (!target) continue;
    parts[target].push(m[2]!.trim());
    last = target;
  }
  if (parts.when.length === 0 || parts.then.length === 0) return undefined;
  return {
    name,
    ...(parts.given.length > 0 ? { given: parts.given.join(' and ') } : {}),
    when: parts.when.join(' and '),
    then: parts.then.join(' and '),
  };
}

export function existingRequirementsFrom(capability: string, requirements: readonly ParsedRequirement[]): ExistingRequirement[] {
  return requirements.flatMap((r) => {
    const scenarios = r.scenarios.map((s) => scenarioFrom(s.name, s.steps));
    // A scenario we cannot read back faithfully would be silently dropped: skip the requirement instead.
    if (scenarios.some((s) => s === undefined) || !/\b(SHALL|MUST)\b/.test(r.text)) return [];
    return [{ capability, name: r.name, text: r.text, scenarios: scenarios as Scenario[] }];
  });
}
