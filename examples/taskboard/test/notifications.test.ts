import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '../src/server/db/store.js';
import { NotificationService } from '../src/server/services/notificationService.js';
import { TaskService } from '../src/server/services/taskService.js';

test('sendDueSoonReminders notifies only open tasks due within a day', () => {
  const store = createMemoryStore();
  store.users.set(1, { id: 1, email: 'a@example.com', displayName: 'A', passwordHash: 'x:y' });
  const notifications = new NotificationService(store);
  const tasks = new TaskService(store, notifications);
  tasks.createTask({ title: 'soon', assigneeId: 1, dueDate: '2026-03-02T08:00:00Z' });
  tasks.createTask({ title: 'later', assigneeId: 1, dueDate: '2026-03-09T08:00:00Z' });
  const done = tasks.createTask({ title: 'finished', assigneeId: 1, dueDate: '2026-03-02T08:00:00Z' });
  tasks.changeStatus(done.id, 'done');
  const sent = notifications.sendDueSoonReminders(new Date('2026-03-01T12:00:00Z'));
  assert.deepEqual(sent.map((n) => n.message), ['"soon" is due soon']);
});

test('markRead hides a notification from the unread list', () => {
  const store = createMemoryStore();
  store.users.set(1, { id: 1, email: 'a@example.com', displayName: 'A', passwordHash: 'x:y' });
  const notifications = new NotificationService(store);
  const tasks = new TaskService(store, notifications);
  tasks.createTask({ title: 'x', assigneeId: 1 });
  const [first] = notifications.listForUser(1, true);
  assert.ok(first);
  assert.ok(notifications.markRead(first.id));
  assert.equal(notifications.listForUser(1, true).length, 0);
});
