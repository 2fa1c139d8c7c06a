/** Domain types shared by the HTTP API and the web board. */

export type TaskStatus = 'todo' | 'in_progress' | 'done';

export interface Task {
  id: number;
  title: string;
  description: string;
  status: TaskStatus;
  assigneeId: number | null;
  dueDate: string | null;
  createdAt: string;
}

export interface User {
  id: number;
  email: string;
  displayName: string;
}

export interface Notification {
  id: number;
  userId: number;
  taskId: number;
  kind: 'assigned' | 'status_changed' | 'due_soon';
  message: string;
  read: boolean;
  createdAt: string;
}
