import type { Notification, Task, TaskStatus } from '../../../src/shared/types.js';

/** Thin fetch wrapper for the taskboard HTTP API. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  listTasks(filter: { status?: TaskStatus; assigneeId?: number } = {}): Promise<Task[]> {
    const params = new URLSearchParams();
    if (filter.status) params.set('status', filter.status);
    if (filter.assigneeId !== undefined) params.set('assigneeId', String(filter.assigneeId));
    return this.request<Task[]>('GET', `/api/tasks?${params.toString()}`);
  }

  createTask(title: string, dueDate?: string): Promise<Task> {
    return this.request<Task>('POST', '/api/tasks', { title, dueDate });
  }

  moveTask(id: number, status: TaskStatus): Promise<Task> {
    return this.request<Task>('PATCH', `/api/tasks/${id}/status`, { status });
  }

  listNotifications(userId: number): Promise<Notification[]> {
    return this.request<Notification[]>('GET', `/api/users/${userId}/notifications?unread=true`);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.fetchImpl(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} failed with ${res.status}`);
    return (await res.json()) as T;
  }
}
