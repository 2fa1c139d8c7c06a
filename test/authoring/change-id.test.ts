import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CHANGE_ID_MAX, checkChangeId, deriveChangeId } from '../../src/domain/change-id.js';

describe('deriveChangeId', () => {
  const cases: Array<[string, string]> = [
    ['Add user authentication with OAuth2', 'add-user-authentication'],
    ['Support dark mode in the web UI', 'add-dark-mode-support'],
    ['allow users to export tasks as CSV', 'add-task-export-support'],
    ['Let users filter the board by assignee', 'add-board-filtering-support'],
    ['Rename the status done to completed everywhere', 'update-status-done'],
    ['Speed up context gathering on large repositories', 'improve-context-gathering'],
    ['improve the performance of task listing', 'improve-task-listing-performance'],
    ['Add POST /api/tasks/{id}/archive and GET /api/tasks/archived', 'add-tasks-archive'],
    ['Fix crash when the title is empty', 'fix-crash-when-title-empty'],
    ['Delete archived tasks after 30 days', 'remove-archived-tasks'],
    ['Refactor the notification service', 'refactor-notification-service'],
    ['Document the deployment process', 'document-deployment-process'],
    ['Change task creation to allow longer titles', 'update-task-creation'],
    // Verb + the key object of the first clause, the owner read first.
    ['add due dates to tasks: store the due date in the database, show it on the web board, and add an API endpoint that lists overdue tasks', 'add-task-due-dates'],
    ['Add an endpoint to archive tasks', 'add-archive-tasks-endpoint'],
    ['add a CLI command that lists the plans waiting for approval', 'add-list-plans-command'],
    ['Document how to write an external author command', 'document-write-external-author-command'],
    ['add 2fa to login', 'add-login-2fa'],
    // Actions the id's verbs do not name, fixes named by what goes wrong, notifications by their event.
    ['pin important tasks to the top of the board', 'add-important-task-pinning'],
    ['rate limit clients to 100 requests per minute', 'add-client-throttling'],
    ['fix the bug where nested routes ignore the query filter', 'fix-nested-routes-ignore-query'],
    ['notify users two days before an item expires', 'add-item-expiry-notification'],
    ['send an email notification when a task is assigned to someone', 'add-task-assignment-email-notification'],
    ['notify the owner', 'add-owner-notification'],
    ["Return the client's geolocation based on IP", 'add-client-geolocation-retrieval'],
    ['the shopping list should group items by store aisle', 'add-item-grouping'],
    ['add a context method that binds a request body to a struct', 'add-bind-request-body-method'],
    ['track how long each task spent in each column', 'add-task-column-time'],
    ['When a task is deleted, also delete its comments', 'add-comment-deletion'],
    // Phrasings without a leading verb, coordinated verbs, "X on <things>".
    ['users can export tasks as CSV', 'add-task-export-support'],
    ['tasks should have a priority shown on the card', 'add-task-priority'],
    ['add endpoints to create, update and delete labels', 'add-label-endpoints'],
    ['add comments on tasks: store them in a comments table', 'add-task-comments'],
    ['Dark mode', 'add-dark-mode'],
    ['Ajouter la fonctionnalité «export» ✨', 'add-ajouter-la-fonctionnalite-export'],
    ['!!!', 'add-change'],
  ];
  for (const [request, id] of cases) {
    it(`${JSON.stringify(request)} -> ${id}`, () => assert.equal(deriveChangeId(request, []), id));
  }

  it('is unique against existing ids with -2, -3', () => {
    assert.equal(deriveChangeId('Add dark mode', ['add-dark-mode']), 'add-dark-mode-2');
    assert.equal(deriveChangeId('Add dark mode', ['add-dark-mode', 'add-dark-mode-2']), 'add-dark-mode-3');
  });

  it('stays within 64 characters and 5 words without cutting words, also with a suffix', () => {
    const request = 'Add a very detailed reporting dashboard for warehouse managers with filters and exports per region';
    const id = deriveChangeId(request, []);
    assert.ok(id.length <= CHANGE_ID_MAX, id);
    assert.equal(id, 'add-detailed-reporting-dashboard');
    const long = deriveChangeId(`Add ${'supercalifragilistic '.repeat(6)}`, []);
    assert.ok(long.length <= CHANGE_ID_MAX && long.split('-').length <= 5, long);
    const again = deriveChangeId(request, [id]);
    assert.ok(again.length <= CHANGE_ID_MAX && again.endsWith('-2') && again !== id, again);
  });

  it('always yields a valid, unused id (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.array(fc.string({ maxLength: 70 }), { maxLength: 5 }), (request, existing) => {
        const id = deriveChangeId(request, existing);
        assert.deepEqual(checkChangeId(id), { ok: true });
        assert.ok(!existing.includes(id));
      }),
    );
  });
});

describe('checkChangeId', () => {
  const bad: Array<[string, RegExp]> = [
    ['', /empty/],
    ['../etc', /path separator/],
    ['add/x', /path separator/],
    ['Add-Login', /uppercase/],
    ['add login', /whitespace/],
    ['1-add', /start with a lowercase letter/],
    ['add--login', /empty segment/],
    ['add-login-', /empty segment/],
    ['add_login', /only a-z, 0-9 and single hyphens/],
    ['a'.repeat(65), /65 characters long; at most 64/],
  ];
  for (const [id, message] of bad) {
    it(`rejects ${JSON.stringify(id.length > 20 ? `${id.slice(0, 10)}...` : id)}`, () => {
      const r = checkChangeId(id);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.match(r.message, message);
        assert.match(r.fix, /^use /);
      }
    });
  }
  it('accepts kebab-case ids', () => {
    assert.deepEqual(checkChangeId('add-user-login-2'), { ok: true });
  });
  it('suggests a fixed id', () => {
    const r = checkChangeId('Add_User Login');
    assert.ok(!r.ok && r.fix === 'use "add-user-login"', JSON.stringify(r));
  });
});
