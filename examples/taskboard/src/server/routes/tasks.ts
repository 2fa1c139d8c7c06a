import type { Router } from '../router.js';
import type { TaskService } from '../services/taskService.js';
import type { TaskStatus } from '../../shared/types.js';

/** Task endpoints: /api/tasks */
export function registerTaskRoutes(router: Router, tasks: TaskService): void {
  router
    .add('GET', '/api/tasks', ({ query }) => {
      const status = (query.get('status') ?? undefined) as TaskStatus | undefined;
      const assignee = query.get('assigneeId');
      return { status: 200, body: tasks.listTasks({ status, assigneeId: assignee ? Number(assignee) : undefined }) };
    })
    .add('POST', '/api/tasks', ({ body }) => ({ status: 201, body: tasks.createTask(body as { title: string }) }))
    .add('GET', '/api/tasks/:id', ({ params }) => {
      const task = tasks.getTask(Number(params.id));
      return task ? { status: 200, body: task } : { status: 404, body: { error: 'task not found' } };
    })
    .add('PATCH', '/api/tasks/:id/status', ({ params, body }) => ({
      status: 200,
      body: tasks.changeStatus(Number(params.id), (body as { status: TaskStatus }).status),
    }))
    .add('PUT', '/api/tasks/:id/assignee', ({ params, body }) => ({
      status: 200,
      body: tasks.assignTask(Number(params.id), (body as { assigneeId: number | null }).assigneeId),
    }))
    .add('DELETE', '/api/tasks/:id', ({ params }) => ({ status: tasks.deleteTask(Number(params.id)) ? 204 : 404 }));
}
