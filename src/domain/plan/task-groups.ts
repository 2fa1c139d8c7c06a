/**
 * The one ordering of tasks shared by tasks.md and work-packages.yaml: contracts first, then the
 * draft's boundaries in their order, then any boundary the draft did not declare (first seen
 * first), then integration. Within a group tests come before code and the checkpoint comes last.
 * Task ids are (re)numbered from this order, so `1.2` in tasks.md is `1.2` in every package.
 *
 * Pure module.
 */
import type { PlanDraft, Task } from '../draft.js';

export const CONTRACTS_GROUP = 'contracts';
export const INTEGRATION_GROUP = 'integration';

export interface TaskGroup {
  /** Boundary id, `contracts` or `integration`. */
  boundary: string;
  /** 1-based section number in tasks.md. */
  section: number;
  /** Tasks with ids renumbered `<section>.<n>`. */
  tasks: Task[];
}

const KIND_RANK: Readonly<Record<Task['kind'], number>> = {
  contract: 0,
  test: 1,
  code: 2,
  docs: 3,
  checkpoint: 4,
};

export function groupOrder(draft: Pick<PlanDraft, 'boundaries' | 'tasks'>): string[] {
  const order: string[] = [CONTRACTS_GROUP];
  for (const b of draft.boundaries) if (!order.includes(b.id)) order.push(b.id);
  for (const t of draft.tasks) {
    if (t.boundary !== INTEGRATION_GROUP && !order.includes(t.boundary)) order.push(t.boundary);
  }
  order.push(INTEGRATION_GROUP);
  return order;
}

/** Groups in order, empty groups dropped, tasks sorted stably by kind and renumbered. */
export function groupTasks(draft: Pick<PlanDraft, 'boundaries' | 'tasks'>): TaskGroup[] {
  const groups: TaskGroup[] = [];
  for (const boundary of groupOrder(draft)) {
    const members = draft.tasks
      .map((task, index) => ({ task, index }))
      .filter(({ task }) => task.boundary === boundary)
      .sort((a, b) => KIND_RANK[a.task.kind] - KIND_RANK[b.task.kind] || a.index - b.index);
    if (members.length === 0) continue;
    const section = groups.length + 1;
    groups.push({
      boundary,
      section,
      tasks: members.map(({ task }, i) => ({ ...task, id: `${section}.${i + 1}` })),
    });
  }
  return groups;
}

/** The draft's tasks flattened in group order with their final ids. */
export function numberTasks(draft: Pick<PlanDraft, 'boundaries' | 'tasks'>): Task[] {
  return groupTasks(draft).flatMap((g) => g.tasks);
}
