import type { Task } from '../../../src/shared/types.js';
import { escapeHtml } from './html.js';

/** Renders one task card on the board. */
export function TaskCard(task: Task): string {
  const due = task.dueDate ? `<span class="due">due ${escapeHtml(task.dueDate.slice(0, 10))}</span>` : '';
  const assignee = task.assigneeId === null ? 'unassigned' : `user #${task.assigneeId}`;
  return `<article class="task-card" data-task-id="${task.id}">
  <h3>${escapeHtml(task.title)}</h3>
  <p class="assignee">${assignee}</p>${due}
</article>`;
}
