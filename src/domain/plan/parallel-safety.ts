/**
 * A last guard after construction: the generated document must pass the validator with overlap
 * checking in BOTH glob modes. The planner builds plans that way; if this ever throws, the planner
 * has a bug, and a wrong plan must not reach agents that would then collide.
 */
import { invalidPlan } from '../../errors.js';
import type { GlobMode } from '../workpackages/overlap.js';
import type { WorkPackagesDoc } from '../workpackages/types.js';
import { checkLines, validateWorkPackages } from '../workpackages/validate.js';

const MODES: readonly GlobMode[] = ['compat', 'exact'];

/** Findings of the validator in both glob modes, prefixed with the mode. */
export function validationProblems(doc: WorkPackagesDoc): string[] {
  return MODES.flatMap((globMode) => {
    const result = validateWorkPackages(doc, { checkOverlap: true, globMode });
    return Object.entries(result.checks)
      .filter(([, check]) => !check.passed)
      .flatMap(([name, check]) => checkLines(check).map((line) => `[${globMode}] ${name}: ${line}`));
  });
}

export function assertValidPlan(doc: WorkPackagesDoc): void {
  const problems = validationProblems(doc);
  if (problems.length > 0) throw invalidPlan(`generated work packages fail validation:\n${problems.map((p) => `- ${p}`).join('\n')}`);
}
