import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '../src/server/db/store.js';
import { NotificationService } from '../src/server/services/notificationService.js';
import { TaskService, ValidationError } from '../src/server/services/taskService.js';

function setup() {
  const store = createMemoryStore(() => new Date('2026-01-10T09:00:00Z'));
  const notifications = new NotificationService(store);
  return { store, notifications, tasks: new TaskService(store, notifications) };
}

test('createTask trims the title and starts in todo', () => {
  const { tasks } = setup();
  const task = tasks.createTask({ title: '  Write release notes ' });
  assert.equal(task.title, 'Write release notes');
  assert.equal(task.status, 'todo');
});

test('createTask rejects an empty title', () => {
  const { tasks } = setup();
  assert.throws(() => tasks.createTask({ title: '   ' }), ValidationError);
});

test('changeStatus follows the allowed flow and notifies the assignee', () => {
  const { store, tasks, notifications } = setup();
  store.users.set(1, { id: 1, email: 'a@example.com', displayName: 'A', passwordHash: 'x:y' });
  const task = tasks.createTask({ title: 'Ship it', assigneeId: 1 });
  tasks.changeStatus(task.id, 'in_progress');
  assert.throws(() => tasks.changeStatus(task.id, 'in_progress'), /cannot move task/);
  const kinds = notifications.listForUser(1).map((n) => n.kind);
  assert.deepEqual(kinds, ['assigned', 'status_changed']);
});

test('listTasks filters by status and assignee', () => {
  const { store, tasks } = setup();
  store.users.set(2, { id: 2, email: 'b@example.com', displayName: 'B', passwordHash: 'x:y' });
  tasks.createTask({ title: 'one' });
  const two = tasks.createTask({ title: 'two', assigneeId: 2 });
  tasks.changeStatus(two.id, 'done');
  assert.deepEqual(tasks.listTasks({ status: 'done' }).map((t) => t.title), ['two']);
  assert.deepEqual(tasks.listTasks({ assigneeId: 2 }).map((t) => t.id), [two.id]);
});
