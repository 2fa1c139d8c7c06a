import type { Task, TaskStatus } from '../../shared/types.js';
import type { Store } from '../db/store.js';
import type { NotificationService } from './notificationService.js';

export class ValidationError extends Error {
  override name = 'ValidationError';
}

export interface CreateTaskInput {
  title: string;
  description?: string;
  assigneeId?: number | null;
  dueDate?: string | null;
}

const STATUS_FLOW: Record<TaskStatus, TaskStatus[]> = {
  todo: ['in_progress', 'done'],
  in_progress: ['todo', 'done'],
  done: ['in_progress'],
};

export class TaskService {
  constructor(
    private readonly store: Store,
    private readonly notifications: NotificationService,
  ) {}

  createTask(input: CreateTaskInput): Task {
    const title = input.title?.trim();
    if (!title) throw new ValidationError('title is required');
    if (title.length > 200) throw new ValidationError('title must be at most 200 characters');
    if (input.dueDate && Number.isNaN(Date.parse(input.dueDate))) {
      throw new ValidationError('dueDate must be an ISO date');
    }
    const task: Task = {
      id: this.store.nextId('tasks'),
      title,
      description: input.description ?? '',
      status: 'todo',
      assigneeId: input.assigneeId ?? null,
      dueDate: input.dueDate ?? null,
      createdAt: this.store.now(),
    };
    this.store.tasks.set(task.id, task);
    if (task.assigneeId !== null) this.notifications.notifyAssigned(task);
    return task;
  }

  getTask(id: number): Task | undefined {
    return this.store.tasks.get(id);
  }

  listTasks(filter: { status?: TaskStatus; assigneeId?: number } = {}): Task[] {
    return [...this.store.tasks.values()]
      .filter((t) => (filter.status ? t.status === filter.status : true))
      .filter((t) => (filter.assigneeId !== undefined ? t.assigneeId === filter.assigneeId : true))
      .sort((a, b) => a.id - b.id);
  }

  changeStatus(id: number, status: TaskStatus): Task {
    const task = this.requireTask(id);
    if (!STATUS_FLOW[task.status].includes(status)) {
      throw new ValidationError(`cannot move task from ${task.status} to ${status}`);
    }
    const updated = { ...task, status };
    this.store.tasks.set(id, updated);
    this.notifications.notifyStatusChanged(updated, task.status);
    return updated;
  }

  assignTask(id: number, assigneeId: number | null): Task {
    const task = this.requireTask(id);
    if (assigneeId !== null && !this.store.users.has(assigneeId)) {
      throw new ValidationError(`unknown user ${assigneeId}`);
    }
    const updated = { ...task, assigneeId };
    this.store.tasks.set(id, updated);
    if (assigneeId !== null) this.notifications.notifyAssigned(updated);
    return updated;
  }

  deleteTask(id: number): boolean {
    return this.store.tasks.delete(id);
  }

  private requireTask(id: number): Task {
    const task = this.store.tasks.get(id);
    if (!task) throw new ValidationError(`task ${id} not found`);
    return task;
  }
}
