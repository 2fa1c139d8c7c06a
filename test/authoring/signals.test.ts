import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectSignals, inferEntities, inferEvents, inferOperations, isDocsOnly } from '../../src/domain/author/signals.js';
import { globToRegExp, isTestFile } from '../../src/domain/author/globs.js';

describe('request signals', () => {
  it('detects kinds of change from words', () => {
    assert.deepEqual(detectSignals('Support dark mode in the web UI'), { api: false, ui: true, data: false, docs: false, events: false, auth: false });
    assert.equal(detectSignals('GET /tasks/{id}/history returns changes').api, true);
    assert.equal(isDocsOnly(detectSignals('Document the deployment process'), 'document'), true);
    assert.equal(isDocsOnly(detectSignals('Document and add an endpoint'), 'document'), false);
  });

  it('infers operations only when spelled out', () => {
    assert.deepEqual(inferOperations('Add POST /tasks/{taskId}/archive and GET /tasks/archived.', 's').map((o) => [o.operationId, o.method, o.path, o.parameters.map((p) => p.name)]), [
      ['createTasksArchive', 'POST', '/tasks/{taskId}/archive', ['taskId']],
      ['getTasksArchived', 'GET', '/tasks/archived', []],
    ]);
    assert.deepEqual(inferOperations('Add an endpoint to list labels', 's').map((o) => `${o.method} ${o.path}`), ['GET /labels']);
    assert.deepEqual(inferOperations('Add an endpoint to archive tasks', 's').map((o) => `${o.method} ${o.path}`), ['POST /tasks/{id}/archive']);
    assert.deepEqual(inferOperations('Make the board faster', 's'), []);
  });

  it('infers a table and named events, nothing else', () => {
    assert.deepEqual(inferEntities('Store task history entries in a task_history table').map((e) => [e.name, e.table]), [['TaskHistory', 'task_history']]);
    assert.deepEqual(inferEntities('Persist pantry items in a database table').map((e) => [e.name, e.table]), [['PantryItem', 'pantry_items']]);
    assert.deepEqual(inferEntities('Keep a history of changes'), []);
    assert.deepEqual(inferEvents('Emit a `task.archived` event and publish the label.added event').map((e) => e.name), ['task.archived', 'label.added']);
  });
});

describe('globs', () => {
  it('matches ** , * and {a,b}', () => {
    assert.ok(globToRegExp('src/**').test('src/a/b.ts'));
    assert.ok(globToRegExp('**/*.py').test('app/x.py'));
    assert.ok(globToRegExp('**/*.py').test('x.py'));
    assert.ok(!globToRegExp('src/*.ts').test('src/a/b.ts'));
    assert.ok(globToRegExp('web/**/*.{ts,css}').test('web/styles.css'));
    assert.ok(!globToRegExp('docs/**').test('docsx/a.md'));
    assert.ok(globToRegExp('a,b.txt').test('a,b.txt'));
  });
  it('recognises test files across languages', () => {
    for (const p of ['test/api.test.ts', 'tests/test_inventory.py', 'worker/digest/digest_test.go', 'web/a.spec.ts']) assert.ok(isTestFile(p), p);
    for (const p of ['src/server/app.ts', 'app/services/inventory.py', 'docs/testing.md']) assert.ok(!isTestFile(p), p);
  });
});
