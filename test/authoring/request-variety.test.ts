/**
 * Robustness: many request shapes, with a rich and an empty context, all give drafts whose
 * rendered artifacts pass the real `openspec validate --strict` and the structure check.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { openspecValidate } from '../../src/adapters/openspec.js';
import { checkDraft } from '../../src/domain/author/draft-check.js';
import { ruleBasedDraft } from '../../src/domain/author/rule-based.js';
import { deriveChangeId } from '../../src/domain/change-id.js';
import { renderChange } from '../../src/domain/render/index.js';
import { checkChangeStructure } from '../../src/domain/render/structure-check.js';
import { emptyContext, taskboardContext } from '../helpers/context-fixtures.js';
import { exampleRepo, freshOpenspecRepo, writeChange } from '../helpers/authoring.js';

const requests = [
  'add user authentication with OAuth2',
  'Allow users to export their tasks as CSV',
  'Fix: the board crashes when a task has no assignee!',
  'Remove the legacy notifications endpoint',
  'Refactor the task service into smaller modules',
  'Improve performance of task listing',
  'Emit a `task.archived` event when a task is archived',
  'Add PATCH /api/tasks/{id}/priority to set a task priority',
  'Migrate the user store to PostgreSQL',
  'Rename "done" to "completed" in the UI',
  'dark mode',
  'Add a "## Weird" header and | pipes | in the request',
  'Support multi-line\nrequests with\ttabs',
  // Shapes met on repositories nobody here wrote.
  'As a project manager I want to see a burndown chart for each sprint, so that I can track progress',
  'Tasks need a priority (low, medium, high) that can be set via the API and shown as a colored badge',
  'Webhooks: POST to a configured URL whenever a task changes status',
  'When a task is deleted, also delete its comments',
  "Return the client's geolocation based on IP",
  'add a --read-only flag that rejects POST, PUT, PATCH and DELETE requests',
  'rate limit clients to 100 requests per minute and return 429 when exceeded',
  'fix the bug where nested routes ignore the query filter',
  'add an endpoint that echoes back the request body',
];

describe('every request shape validates', () => {
  const existing: string[] = [];
  let taskboard: string;
  let fresh: string;
  before(async () => {
    taskboard = await exampleRepo('taskboard');
    fresh = await freshOpenspecRepo();
  });

  for (const request of requests) {
    for (const kind of ['taskboard', 'empty'] as const) {
      it(`${JSON.stringify(request)} with ${kind} context`, async () => {
        const repo = kind === 'taskboard' ? taskboard : fresh;
        const changeId = deriveChangeId(request, existing);
        existing.push(changeId);
        const context = kind === 'taskboard' ? { ...taskboardContext(), repoDir: repo } : emptyContext({ repoDir: repo });
        const draft = ruleBasedDraft({ request, context, changeId, revision: 1 });
        assert.ok(checkDraft(draft, { changeId }).ok, 'the rule-based draft passes the same checks as an agent draft');
        const files = renderChange(draft, { context });
        assert.deepEqual(checkChangeStructure(files).issues, []);
        writeChange(repo, changeId, files);
        const result = await openspecValidate(repo, changeId);
        assert.equal(result.valid, true, JSON.stringify(result.issues));
      });
    }
  }
});
