/**
 * General rules of the rule-based author (requests without a brief): served operations are
 * compared by method and path, singleton resources take no `{id}`, attributes added to an
 * existing entity are column changes, and "mark X as Y" is a state change of X.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnChanges } from '../../src/domain/author/columns.js';
import { inferOperations } from '../../src/domain/author/signals.js';
import type { ContextSummary } from '../../src/domain/context/types.js';

const taskRoutes = ['/api/tasks', '/api/tasks/{id}', '/api/tasks/{id}/status', '/api/users', '/api/users/{id}'];
const taskOps = ['GET /api/tasks', 'POST /api/tasks', 'GET /api/tasks/{id}', 'DELETE /api/tasks/{id}', 'PATCH /api/tasks/{id}/status', 'POST /api/users', 'GET /api/users/{id}'];
const ops = (request: string, routes: readonly string[], operations: readonly string[] = []) =>
  inferOperations(request, 's', routes, operations).map((o) => `${o.method} ${o.path}`);

describe('served operations are compared by method and path', () => {
  it('never proposes an operation the repository serves, whatever its method', () => {
    for (const request of ['add an endpoint to create tasks', 'add an endpoint to delete tasks', 'add an endpoint that lists tasks', 'add an endpoint to get a task']) {
      const proposed = ops(request, taskRoutes, taskOps);
      for (const op of proposed) assert.ok(!taskOps.includes(op), `${request}: ${op} is served`);
    }
    assert.deepEqual(ops('add endpoints to create, update and delete tasks', taskRoutes, taskOps), ['PATCH /api/tasks/{id}']);
  });
  it('proposes a method the repository does not serve on a served path', () => {
    // POST /api/users is served, GET /api/users is not.
    assert.deepEqual(ops('add an endpoint to list users', taskRoutes, taskOps), ['GET /api/users']);
  });
  it('keeps a served operation the request modifies', () => {
    assert.deepEqual(ops('change the endpoint that lists tasks to sort them by due date', taskRoutes, taskOps), ['GET /api/tasks']);
    assert.deepEqual(ops('change the endpoint that deletes tasks to keep the history', taskRoutes, taskOps), ['DELETE /api/tasks/{id}']);
  });
  it('treats a path without known methods as a served GET only (older summaries)', () => {
    assert.deepEqual(ops('add an endpoint that lists tasks', taskRoutes), []);
    assert.deepEqual(ops('add an endpoint to list users', taskRoutes), []);
    assert.deepEqual(ops('add an endpoint to create tasks', taskRoutes), ['POST /api/tasks']);
  });
});

describe('singleton resources get no {id}', () => {
  const pantry = ['/shopping-list', '/items', '/items/{name}/consume', '/expiry', '/recipes/{recipe_id}'];
  const pantryOps = ['POST /shopping-list', 'GET /items', 'POST /items', 'POST /items/{name}/consume', 'GET /expiry', 'GET /recipes/{recipe_id}'];
  const noItemParam = (path: string) => !/\{[^}]+\}$/.test(path);
  it('a singular path the repository serves without an {id} below it is addressed as itself', () => {
    assert.deepEqual(ops('add an endpoint to get the shopping list', pantry, pantryOps), ['GET /shopping-list']);
    assert.deepEqual(ops('add an endpoint to delete the expiry', pantry, pantryOps), ['DELETE /expiry']);
    // A collection with items below it keeps its {id}.
    assert.deepEqual(ops('add an endpoint to delete an item', pantry, pantryOps), ['DELETE /items/{name}']);
  });
  it('singleton nouns take no {id}, with their qualifiers in one segment', () => {
    for (const request of ['add an endpoint to update the settings', 'add an endpoint to get the summary', 'add an endpoint that returns the dashboard stats', 'add an API endpoint to get the weekly report', 'add an endpoint to get the profile']) {
      const proposed = ops(request, taskRoutes);
      assert.equal(proposed.length, 1, `${request}: ${proposed.join(', ')}`);
      assert.ok(noItemParam(proposed[0]!) && proposed[0]!.includes(' /api/'), `${request}: ${proposed[0]}`);
    }
    assert.deepEqual(ops('add an endpoint that returns the dashboard stats', taskRoutes), ['GET /api/dashboard-stats']);
    // Owned by a served resource: nested under its item.
    assert.deepEqual(ops('add an endpoint to get the profile of a user', taskRoutes), ['GET /api/users/{id}/profile']);
  });
});

describe('an attribute of an existing entity is a column change', () => {
  const context = (over: Partial<ContextSummary>): ContextSummary =>
    ({ boundaries: [{ id: 'data', kind: 'data', globs: ['db/migrations/**'], languages: ['SQL'], files: 2 }], topFiles: [], relatedSpecs: [], ...over }) as unknown as ContextSummary;
  const migration = context({ topFiles: [{ path: 'db/migrations/0002_create_tasks.sql', score: 1, symbols: [] }] });
  const model = context({ boundaries: [], topFiles: [{ path: 'app/models/inventory.py', score: 1, symbols: ['PantryItem', 'PantryItem.expired'] }] });
  const spec = context({ relatedSpecs: [{ capability: 'user-accounts', path: 'openspec/specs/user-accounts/spec.md', score: 1, requirements: ['User Registration', 'Password Reset'] }] as never });
  const changes = (request: string, c: ContextSummary) => columnChanges(request, c).map((x) => `${x.entity}.${x.attribute}`);
  it('finds the entity in migrations, models and spec text', () => {
    assert.deepEqual(changes('add a priority to tasks', migration), ['tasks.priority']);
    assert.deepEqual(changes('each task should have an estimate shown on the card', migration), ['task.estimate']);
    assert.deepEqual(changes('add a barcode field to items', model), ['items.barcode']);
    assert.deepEqual(changes('users should have a display name', spec), ['users.display name']);
    // A reviewer naming the column ("store it as an archived_at column on tasks").
    assert.deepEqual(changes('store it as an archived_at column on tasks', migration), ['tasks.archived at']);
    assert.deepEqual(changes('use a due date field on each task', migration), ['task.due date']);
  });
  it('is not a column change for unknown things, places or features', () => {
    assert.deepEqual(changes('add a priority to widgets', migration), []);
    assert.deepEqual(changes('add an endpoint to archive tasks', migration), []);
    assert.deepEqual(changes('add a tooltip to tasks', migration), []);
    assert.deepEqual(changes('add a --json flag to the status command', migration), []);
    assert.deepEqual(changes('add a priority to the board', migration), []);
  });
});

describe('"mark X as Y" is a state change of X', () => {
  it('is a PATCH of the item, never a /mark action', () => {
    assert.deepEqual(ops('add an endpoint to mark tasks as done', taskRoutes, taskOps), ['PATCH /api/tasks/{id}']);
    assert.deepEqual(ops('let users mark a task as blocked through the API', taskRoutes, taskOps), ['PATCH /api/tasks/{id}']);
    assert.deepEqual(ops('add an endpoint to mark items as consumed', ['/items', '/items/{name}/consume']), ['PATCH /items/{name}']);
    for (const o of inferOperations('add an endpoint to mark notifications as read', 's', taskRoutes, taskOps)) assert.doesNotMatch(o.path, /\/mark(\/|$)/);
  });
  it('names the operation after the state', () => {
    assert.deepEqual(inferOperations('add an endpoint to mark tasks as done', 's', taskRoutes).map((o) => o.operationId), ['markTaskDone']);
  });
});
