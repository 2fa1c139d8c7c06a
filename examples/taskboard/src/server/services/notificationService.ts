import type { Notification, Task, TaskStatus } from '../../shared/types.js';
import type { Store } from '../db/store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** In-app notifications: task assignment, status changes and due-date reminders. */
export class NotificationService {
  constructor(private readonly store: Store) {}

  notifyAssigned(task: Task): Notification | null {
    if (task.assigneeId === null) return null;
    return this.push(task.assigneeId, task.id, 'assigned', `You were assigned "${task.title}"`);
  }

  notifyStatusChanged(task: Task, previous: TaskStatus): Notification | null {
    if (task.assigneeId === null) return null;
    return this.push(task.assigneeId, task.id, 'status_changed', `"${task.title}" moved from ${previous} to ${task.status}`);
  }

  /** Reminds assignees of open tasks due within the next day. */
  sendDueSoonReminders(now: Date): Notification[] {
    const sent: Notification[] = [];
    for (const task of this.store.tasks.values()) {
      if (task.status === 'done' || task.assigneeId === null || !task.dueDate) continue;
      const remaining = Date.parse(task.dueDate) - now.getTime();
      if (remaining > 0 && remaining <= DAY_MS) {
        const n = this.push(task.assigneeId, task.id, 'due_soon', `"${task.title}" is due soon`);
        sent.push(n);
      }
    }
    return sent;
  }

  listForUser(userId: number, unreadOnly = false): Notification[] {
    return [...this.store.notifications.values()].filter((n) => n.userId === userId && (!unreadOnly || !n.read));
  }

  markRead(id: number): boolean {
    const n = this.store.notifications.get(id);
    if (!n) return false;
    this.store.notifications.set(id, { ...n, read: true });
    return true;
  }

  private push(userId: number, taskId: number, kind: Notification['kind'], message: string): Notification {
    const notification: Notification = {
      id: this.store.nextId('notifications'),
      userId,
      taskId,
      kind,
      message,
      read: false,
      createdAt: this.store.now(),
    };
    this.store.notifications.set(notification.id, notification);
    return notification;
  }
}
