import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Task } from '../src/shared/types.js';
import { TaskColumn } from '../web/src/components/TaskColumn.js';
import { TaskCard } from '../web/src/components/TaskCard.js';

const task = (id: number, status: Task['status'], title = `task ${id}`): Task => ({
  id, title, description: '', status, assigneeId: null, dueDate: null, createdAt: '2026-01-01T00:00:00Z',
});

test('TaskColumn shows only tasks of its status with a count', () => {
  const html = TaskColumn('todo', [task(1, 'todo'), task(2, 'done'), task(3, 'todo')]);
  assert.match(html, /<small>2<\/small>/);
  assert.ok(!html.includes('data-task-id="2"'));
});

test('TaskCard escapes the title', () => {
  assert.match(TaskCard(task(1, 'todo', '<b>x</b>')), /&lt;b&gt;x&lt;\/b&gt;/);
});
