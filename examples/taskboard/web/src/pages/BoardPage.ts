import type { ApiClient } from '../api/client.js';
import { NotificationBell, TaskColumn } from '../components/index.js';

/** The kanban board page: three columns and the notification bell. */
export async function BoardPage(api: ApiClient, currentUserId: number): Promise<string> {
  const [tasks, notifications] = await Promise.all([api.listTasks(), api.listNotifications(currentUserId)]);
  return `<header><h1>Taskboard</h1>${NotificationBell(notifications)}</header>
<main class="board">
${TaskColumn('todo', tasks)}
${TaskColumn('in_progress', tasks)}
${TaskColumn('done', tasks)}
</main>`;
}
