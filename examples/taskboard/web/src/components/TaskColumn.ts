import type { Task, TaskStatus } from '../../../src/shared/types.js';
import { TaskCard } from './TaskCard.js';

const TITLES: Record<TaskStatus, string> = { todo: 'To do', in_progress: 'In progress', done: 'Done' };

/** A board column holding the cards of one status. */
export function TaskColumn(status: TaskStatus, tasks: Task[]): string {
  const cards = tasks.filter((t) => t.status === status).map(TaskCard).join('\n');
  return `<section class="column" data-status="${status}">
<h2>${TITLES[status]} <small>${tasks.filter((t) => t.status === status).length}</small></h2>
${cards}
</section>`;
}
