import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectSignals, inferEntities, inferEvents, inferOperations, isDocsOnly } from '../../src/domain/author/signals.js';
import { isTestFile, matchesAny } from '../../src/domain/author/globs.js';

describe('request signals', () => {
  it('detects kinds of change from words', () => {
    assert.deepEqual(detectSignals('Support dark mode in the web UI'), { api: false, ui: true, data: false, docs: false, events: false, auth: false });
    assert.equal(detectSignals('GET /tasks/{id}/history returns changes').api, true);
    assert.equal(isDocsOnly(detectSignals('Document the deployment process'), 'document'), true);
    assert.equal(isDocsOnly(detectSignals('Document and add an endpoint'), 'document'), false);
  });

  it('infers operations only when spelled out', () => {
    assert.deepEqual(inferOperations('Add POST /tasks/{taskId}/archive and GET /tasks/archived.', 's').map((o) => [o.operationId, o.method, o.path, o.parameters.map((p) => p.name)]), [
      ['archiveTask', 'POST', '/tasks/{taskId}/archive', ['taskId']],
      ['listArchivedTasks', 'GET', '/tasks/archived', []],
    ]);
    assert.deepEqual(inferOperations('Add an endpoint to list labels', 's').map((o) => `${o.method} ${o.path}`), ['GET /labels']);
    assert.deepEqual(inferOperations('Add an endpoint to archive tasks', 's').map((o) => `${o.method} ${o.path}`), ['POST /tasks/{id}/archive']);
    assert.deepEqual(inferOperations('Make the board faster', 's'), []);
  });

  it('reads real-user phrasings of an API', () => {
    const routes = ['/api/tasks', '/api/tasks/{id}', '/api/users', '/api/users/{id}'];
    const ops = (request: string) => inferOperations(request, 's', routes).map((o) => `${o.method} ${o.path} ${o.operationId}`);
    // Coordinated verbs share one object: one operation each.
    assert.deepEqual(ops('add endpoints to create, update and delete labels'), ['POST /api/labels createLabel', 'PATCH /api/labels/{id} updateLabel', 'DELETE /api/labels/{id} deleteLabel']);
    assert.deepEqual(ops('add API endpoints to create and list the comments of a task'), ['POST /api/tasks/{id}/comments createTaskComment', 'GET /api/tasks/{id}/comments listTaskComments']);
    // Pronouns stand for the previous clause's object.
    assert.deepEqual(ops('store labels in a labels table and expose them over the API'), ['GET /api/labels listLabels']);
    assert.deepEqual(ops('let users archive tasks through the API'), ['POST /api/tasks/{id}/archive archiveTask']);
    assert.deepEqual(ops('users can delete users through the API'), ['DELETE /api/users/{id} deleteUser']);
    // Never a second GET of a served route: a criterion becomes a sub-path, an owner nests.
    assert.deepEqual(ops('add an endpoint that lists tasks by priority'), ['GET /api/tasks/by-priority listTasksByPriority']);
    assert.deepEqual(ops('add an endpoint that lists the tasks of a user'), ['GET /api/users/{id}/tasks listUserTasks']);
    assert.deepEqual(ops('add an endpoint to list tasks'), []);
    // Unless the request changes that route.
    assert.deepEqual(ops('change the endpoint that lists tasks to sort them by due date'), ['GET /api/tasks listTasks']);
  });

  it('infers a table and named events, nothing else', () => {
    assert.deepEqual(inferEntities('Store task history entries in a task_history table').map((e) => [e.name, e.table]), [['TaskHistory', 'task_history']]);
    assert.deepEqual(inferEntities('Persist pantry items in a database table').map((e) => [e.name, e.table]), [['PantryItem', 'pantry_items']]);
    assert.deepEqual(inferEntities('Keep a history of changes'), []);
    // A field of an existing table is a column change, not a new entity.
    assert.deepEqual(inferEntities('Store the due date in the tasks table'), []);
    assert.deepEqual(inferEntities('Store comments in a new comments table').map((e) => e.table), ['comments']);
    assert.deepEqual(inferEntities('add comments on tasks: store them in a comments table').map((e) => [e.name, e.table, (e.description ?? '').startsWith('Rows for comments')]), [['Comment', 'comments', true]]);
    assert.deepEqual(inferEvents('Emit a `task.archived` event and publish the label.added event').map((e) => e.name), ['task.archived', 'label.added']);
  });
});

describe('globs', () => {
  it('matches ** , * and {a,b}', () => {
    assert.ok(matchesAny('src/a/b.ts', ['src/**']));
    assert.ok(matchesAny('app/x.py', ['**/*.py']));
    assert.ok(matchesAny('x.py', ['**/*.py']));
    assert.ok(!matchesAny('src/a/b.ts', ['src/*.ts']));
    assert.ok(matchesAny('web/styles.css', ['web/**/*.{ts,css}']));
    assert.ok(!matchesAny('docsx/a.md', ['docs/**']));
    assert.ok(matchesAny('a,b.txt', ['a,b.txt']));
  });
  it('recognises test files across languages', () => {
    for (const p of ['test/api.test.ts', 'tests/test_inventory.py', 'worker/digest/digest_test.go', 'web/a.spec.ts']) assert.ok(isTestFile(p), p);
    for (const p of ['src/server/app.ts', 'app/services/inventory.py', 'docs/testing.md']) assert.ok(!isTestFile(p), p);
  });
});

describe('operations from the request and the repository routes', () => {
  const taskboard = ['/api/users/{userId}/notifications', '/api/notifications/{id}/read', '/api/tasks', '/api/tasks/{id}', '/api/tasks/{id}/status', '/healthz', '/api/users', '/api/login'];
  const pantry = ['/shopping-list', '/items', '/items/{name}/consume', '/expiry', '/recipes/{recipe_id}'];
  const ops = (request: string, routes: string[]) => inferOperations(request, 's', routes).map((o) => `${o.method} ${o.path} ${o.operationId}`);
  it('takes the method from the verb and the path from existing routes', () => {
    assert.deepEqual(ops('add due dates to tasks: show them on the board, and add an API endpoint that lists overdue tasks', taskboard), ['GET /api/tasks/overdue listOverdueTasks']);
    assert.deepEqual(ops('add an endpoint to delete a notification', taskboard), ['DELETE /api/notifications/{id} deleteNotification']);
    assert.deepEqual(ops('add an API to rename items', pantry), ['PATCH /items/{name} renameItem']);
    assert.deepEqual(ops('add an endpoint that lists expired items', pantry), ['GET /items/expired listExpiredItems']);
  });
  it('reads several things as a listing, and a served read in another format under its own sub-path', () => {
    // GET /api/tasks/{id} is served: "returns the overdue tasks" must not be taken for it.
    assert.deepEqual(ops('add an endpoint that returns the overdue tasks', taskboard), ['GET /api/tasks/overdue listOverdueTasks']);
    assert.deepEqual(ops('add an endpoint that returns a task', [...taskboard.filter((r) => r !== '/api/tasks/{id}')]), ['GET /api/tasks/{id} getTask']);
    assert.deepEqual(ops('add an endpoint that returns the request headers as YAML', ['/headers', '/ip', '/get']), ['GET /headers/yaml listRequestHeadersYaml']);
    assert.deepEqual(ops('add an endpoint that shows recipe details', pantry), ['GET /recipes/{recipe_id}/details getRecipeDetail']);
  });
  it('uses the shared prefix for new resources and nests sub-resources under their owner', () => {
    assert.deepEqual(ops('add an endpoint to create labels', taskboard), ['POST /api/labels createLabel']);
    assert.deepEqual(ops('add an endpoint for creating comments on tasks', taskboard), ['POST /api/tasks/{id}/comments createTaskComment']);
    assert.deepEqual(ops('add an endpoint that shows recipe details', pantry), ['GET /recipes/{recipe_id}/details getRecipeDetail']);
  });
  it('counts only unambiguous UI words in a clause that asks for an endpoint', () => {
    assert.equal(detectSignals('add an endpoint that shows task history').ui, false);
    assert.equal(detectSignals('show the due date on the web board').ui, true);
    assert.equal(detectSignals('add an API endpoint and a page that shows task history').ui, true);
  });
});
