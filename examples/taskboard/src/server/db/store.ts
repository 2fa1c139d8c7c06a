import type { Notification, Task, User } from '../../shared/types.js';

/**
 * In-memory store with the same tables as db/migrations. The production
 * deployment swaps it for a PostgreSQL-backed implementation of the same shape.
 */
export interface Store {
  users: Map<number, User & { passwordHash: string }>;
  tasks: Map<number, Task>;
  notifications: Map<number, Notification>;
  nextId(table: 'users' | 'tasks' | 'notifications'): number;
  now(): string;
}

export function createMemoryStore(clock: () => Date = () => new Date()): Store {
  const counters = { users: 0, tasks: 0, notifications: 0 };
  return {
    users: new Map(),
    tasks: new Map(),
    notifications: new Map(),
    nextId(table) {
      counters[table] += 1;
      return counters[table];
    },
    now: () => clock().toISOString(),
  };
}
