/**
 * General rules of the rule-based author (requests without a brief): served operations are
 * compared by method and path, singleton resources take no `{id}`, attributes added to an
 * existing entity are column changes, and "mark X as Y" is a state change of X.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inferOperations } from '../../src/domain/author/signals.js';

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
