/**
 * tasks.md from a plan draft: one numbered section per work package in the shared group order,
 * tests before code, each task citing scenarios, decisions and files. Pure.
 */
import type { PlanDraft, Task } from '../draft.js';
import { groupTasks } from '../plan/task-groups.js';
import { code, doc, oneLine } from './markdown.js';
import type { RenderContext } from './options.js';

function task(t: Task): string {
  const lines = [`- [ ] ${t.id} ${oneLine(t.title)}`];
  if (t.scenarios.length > 0) lines.push(`  - Scenarios: ${t.scenarios.map(code).join(', ')}`);
  if (t.decisions.length > 0) lines.push(`  - Decisions: ${t.decisions.join(', ')}`);
  if (t.files.length > 0) lines.push(`  - Files: ${t.files.map(code).join(', ')}`);
  return lines.join('\n');
}

export function renderTasks(draft: PlanDraft, _ctx: RenderContext = {}): string {
  const sections = groupTasks(draft).map((g) => `## ${g.section}. ${g.boundary}\n\n${g.tasks.map(task).join('\n')}`);
  return doc([`# Tasks: ${oneLine(draft.title)}`, ...sections]);
}
