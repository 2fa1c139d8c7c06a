/**
 * CAN_GUARDRAILS as the planner needs it: a plan only ever writes its own change folder
 * `openspec/changes/<id>/`. The one exception is `openspec/config.yaml`, which step 1 writes
 * through `openspec init` when the repository has no `openspec/` folder at all. Absolute paths
 * and `..` segments are violations too. Pure: the approval step runs it over the plan's
 * artifact list and records the verdict in handoff.json (a violation is reported, never fixed).
 */

export interface GuardrailVerdict {
  passed: boolean;
  /** One line per offending path. */
  violations: string[];
  /** Set by adapters that also ask a service: which checks ran, e.g. a remote check that did not answer. */
  warnings?: string[];
}

const INIT_FILES = new Set(['openspec/config.yaml']);

export function checkPlanWrites(changeId: string, paths: readonly string[]): GuardrailVerdict {
  const own = `openspec/changes/${changeId}/`;
  const violations: string[] = [];
  for (const p of paths) {
    const path = p.replace(/\\/g, '/');
    if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) violations.push(`${p}: absolute path`);
    else if (path.split('/').some((s) => s === '..' || s === '.')) violations.push(`${p}: relative segments escape the change folder`);
    else if (!path.startsWith(own) && !INIT_FILES.has(path)) violations.push(`${p}: outside ${own}`);
  }
  return { passed: violations.length === 0, violations };
}
