/**
 * Request-changes is honoured by the rule-based author: a reviewer's comment naming a column, the
 * model file, a new endpoint and a filter parameter changes revision 2's entities, operations,
 * tasks and packages, not only a task that quotes it; the revision's changes against revision 1
 * say so. Real context (with the repository model) of the FastAPI + SQLModel fixture.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatherContextInProcess } from '../../src/activities/context/in-process.js';
import { repositorySlice } from '../../src/activities/context/model-facet.js';
import { ruleBasedDraft } from '../../src/domain/author/rule-based.js';
import { queryParameters } from '../../src/domain/author/fit-repository.js';
import type { ContextSummary } from '../../src/domain/context/types.js';
import type { PlanDraft } from '../../src/domain/draft.js';
import { generateWorkPackages } from '../../src/domain/plan/generate-packages.js';
import { pathMentions, revisionChanges } from '../../src/domain/revision/changes.js';
import { globMatches } from '../../src/domain/repository-model/glob-match.js';
import { fixtureRepo } from '../helpers/authoring.js';

const REQUEST = 'let users archive items instead of deleting them';
const COMMENT = 'store it as an archived_at column on items in backend/app/models.py, add POST /api/v1/items/{id}/restore to bring an item back, and let the item list take an archived filter parameter';

describe('request-changes on the FastAPI fixture', () => {
  let context: ContextSummary;
  let r1: PlanDraft;
  let r2: PlanDraft;
  before(async () => {
    const repoDir = await fixtureRepo('fastapi-sqlmodel');
    context = await gatherContextInProcess({ repoDir, runDir: mkdtempSync(join(tmpdir(), 'pp-rc-')), request: REQUEST, changeId: 'archive-items' });
    const repository = await repositorySlice(context);
    const base = { request: REQUEST, context, changeId: 'archive-items', ...(repository ? { repository } : {}) };
    r1 = ruleBasedDraft({ ...base, revision: 1, feedback: [] });
    r2 = ruleBasedDraft({ ...base, revision: 2, feedback: [COMMENT], comments: [COMMENT], namedFiles: ['backend/app/models.py'] });
  });

  it('revision 2 carries the comment: the column, the new operation, the filter and the file', () => {
    const item = r2.entities.find((e) => e.name === 'Item');
    assert.ok(item?.fields.some((f) => f.name === 'archived_at'), JSON.stringify(r2.entities));
    assert.ok(r2.operations.some((o) => o.method === 'POST' && /^\/api\/v1\/items\/\{[a-z_]*id\}\/restore$/i.test(o.path)), r2.operations.map((o) => `${o.method} ${o.path}`).join(', '));
    const list = r2.operations.find((o) => o.method === 'GET' && /\/api\/v1\/items\/?$/.test(o.path));
    assert.ok(list?.parameters.some((p) => p.in === 'query' && p.name === 'archived'), JSON.stringify(list));
    assert.ok(r2.tasks.some((t) => t.files.includes('backend/app/models.py')), 'a task changes the model file');
    assert.equal(r2.title, r1.title, 'the title stays the request');
    assert.equal(r2.request, REQUEST);
  });

  it('the packages let someone write the named file, and the changes say what moved', () => {
    const { doc } = generateWorkPackages({ draft: r2, context, planRevision: 2, contractsRevision: 2 });
    assert.ok(doc.packages.some((p) => p.scope.write_allow.some((g) => globMatches(g, 'backend/app/models.py'))), 'a package may write backend/app/models.py');
    const changes = revisionChanges(r1, r2, 2);
    assert.ok(changes.operations.some((l) => /^\+ POST \/api\/v1\/items\/.*\/restore/.test(l)), changes.operations.join('\n'));
    assert.ok(changes.operations.some((l) => /^\+ GET \/api\/v1\/items.*\?.*archived/.test(l)), changes.operations.join('\n'));
    assert.ok(changes.fields.includes('+ Item.archived_at') || r1.entities.some((e) => e.fields.some((f) => f.name === 'archived_at')), changes.fields.join('\n'));
  });
});

describe('pathMentions', () => {
  it('finds repository paths in review text, without quotes, punctuation, URLs or routes', () => {
    assert.deepEqual(pathMentions('change `backend/app/models.py`, models.py and "src/a-b/c.ts". See https://x.io/a.html or /api/v1/items, or ../etc/passwd'), ['backend/app/models.py', 'models.py', 'src/a-b/c.ts']);
  });
});

describe('QUERY_PARAMETERS: the query parameters a request names', () => {
  const CASES: Array<[string, string[]]> = [
    ['let the item list take an archived filter parameter', ['archived']],
    ['accept an optional search query', ['search']],
    ['add a query parameter `owner` to the repository list', ['owner']],
    ['filter the repository list by owner', ['owner']],
    ['filter the post list by tag', ['tag']],
    ['add a status filter to the task list', ['status']],
    ['search the items by title', ['title']],
    ['show the number of open issues on the repository page', []],
  ];
  for (const [text, names] of CASES) {
    it(text, () => assert.deepEqual(queryParameters(text, {} as never).map((p) => p.name), names));
  }
});
