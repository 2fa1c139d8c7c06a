/**
 * Checks a draft from an untrusted author: the zod schema first, then the cross-references the
 * schema cannot express (tasks citing scenarios and decisions that exist, unique names). Errors
 * are `<path>: ...` lines, fed back to an agent verbatim.
 *
 * Pure module.
 */
import { PlanDraftSchema, type PlanDraft } from '../draft.js';
import { formatZodIssues, issueLines } from '../zod-issues.js';
import { headerText } from '../render/markdown.js';
import { scenarioRefs } from './requirements.js';

export type DraftCheck = { ok: true; draft: PlanDraft } | { ok: false; errors: string[] };

export function checkDraft(value: unknown, expected: { changeId: string }): DraftCheck {
  const parsed = PlanDraftSchema.safeParse(value);
  if (!parsed.success) return { ok: false, errors: issueLines(formatZodIssues(parsed.error, value)) };
  const draft = parsed.data;
  const errors: string[] = [];
  if (draft.changeId !== expected.changeId) errors.push(`changeId: expected ${JSON.stringify(expected.changeId)}, got ${JSON.stringify(draft.changeId)}`);
  const caps = new Set<string>();
  draft.capabilities.forEach((c, i) => {
    if (caps.has(c.name)) errors.push(`capabilities[${i}].name: expected a capability name used once, got ${JSON.stringify(c.name)} again`);
    caps.add(c.name);
    const reqs = new Set<string>();
    c.requirements.forEach((r, j) => {
      // Headers are rendered on one line without leading '#'; a name that changes in rendering
      // would no longer match the task citations or an existing header.
      if (headerText(r.name) !== r.name) errors.push(`capabilities[${i}].requirements[${j}].name: expected one line without leading '#' or outer spaces, got ${JSON.stringify(r.name)}`);
      if (reqs.has(r.name)) errors.push(`capabilities[${i}].requirements[${j}].name: expected a requirement name unique within ${c.name}, got ${JSON.stringify(r.name)} again`);
      reqs.add(r.name);
      const scns = new Set<string>();
      r.scenarios.forEach((s, k) => {
        if (headerText(s.name) !== s.name) errors.push(`capabilities[${i}].requirements[${j}].scenarios[${k}].name: expected one line without leading '#' or outer spaces, got ${JSON.stringify(s.name)}`);
        if (scns.has(s.name)) errors.push(`capabilities[${i}].requirements[${j}].scenarios[${k}].name: expected a scenario name unique within the requirement, got ${JSON.stringify(s.name)} again`);
        scns.add(s.name);
      });
    });
  });
  const refs = new Set(scenarioRefs(draft.capabilities));
  const decisions = new Set(draft.decisions.map((d) => d.id));
  draft.tasks.forEach((t, i) => {
    t.scenarios.forEach((s, j) => {
      if (!refs.has(s)) errors.push(`tasks[${i}].scenarios[${j}]: expected "<capability>/<requirement>/<scenario>" naming a scenario of the draft, got ${JSON.stringify(s)}`);
    });
    t.decisions.forEach((d, j) => {
      if (!decisions.has(d)) errors.push(`tasks[${i}].decisions[${j}]: expected one of ${[...decisions].join(', ') || '(no decisions)'}, got ${JSON.stringify(d)}`);
    });
  });
  const covered = new Set(draft.tasks.flatMap((t) => t.scenarios));
  for (const ref of refs) if (!covered.has(ref)) errors.push(`tasks: expected a task citing scenario ${JSON.stringify(ref)}, got none`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, draft };
}
