/**
 * Bad input is rejected before anything is written, and every issue names the offending item.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createContractActivities } from '../../src/activities/contracts.js';
import { checkDraft, type DraftIssueCode } from '../../src/domain/contracts/check-draft.js';
import { urlPostgresProvider } from '../../src/adapters/postgres-server.js';
import { ErrorType, PlanError } from '../../src/errors.js';
import type { PlanDraftInput } from '../../src/domain/draft.js';
import { inventoryDraft, tasksDraft } from './fixtures.js';
import { listFiles, removeDir, storeDraft, tempDir } from './helpers.js';

type Mutable = PlanDraftInput & { operations: NonNullable<PlanDraftInput['operations']>; entities: NonNullable<PlanDraftInput['entities']>; events: NonNullable<PlanDraftInput['events']> };

/** A tasks draft (plus an event list) to break in one place. */
function draftWith(edit: (d: Mutable) => void): unknown {
  const d = { ...tasksDraft(), events: [] } as Mutable;
  edit(d);
  return d;
}

const entity = (d: Mutable, name: string) => {
  const e = d.entities.find((x) => x.name === name);
  assert.ok(e, name);
  return e;
};
const op = (d: Mutable, id: string) => {
  const o = d.operations.find((x) => x.operationId === id);
  assert.ok(o, id);
  return o;
};
const field = (d: Mutable, entityName: string, fieldName: string) => {
  const f = entity(d, entityName).fields.find((x) => x.name === fieldName);
  assert.ok(f, fieldName);
  return f;
};

function expectIssue(input: unknown, code: DraftIssueCode, path: string, message?: RegExp): void {
  const result = checkDraft(input);
  assert.equal(result.valid, false, 'expected the draft to be rejected');
  const hit = result.issues.find((i) => i.code === code && i.path === path);
  assert.ok(hit, `expected ${code} at ${path}, got:\n${result.issues.map((i) => `${i.code} ${i.path}: ${i.message}`).join('\n')}`);
  if (message) assert.match(hit.message, message);
}

describe('checkDraft', () => {
  it('accepts the fixture drafts', () => {
    for (const d of [tasksDraft(), inventoryDraft()]) {
      const r = checkDraft(d);
      assert.deepEqual(r.issues, []);
      assert.equal(r.valid, true);
    }
  });

  it('unknown field type, named by entity and field', () => {
    expectIssue(draftWith((d) => Object.assign(field(d, 'Task', 'status'), { type: 'enumm' })), 'unknown_field_type', 'entities[Task].fields[status].type', /"enumm".*string, text/);
  });

  it('unknown parameter type, named by operation and parameter', () => {
    expectIssue(draftWith((d) => Object.assign(op(d, 'getTask').parameters?.[0] ?? {}, { type: 'guid' })), 'unknown_field_type', 'operations[getTask].parameters[id].type');
  });

  it('duplicate operationId', () => {
    expectIssue(draftWith((d) => Object.assign(op(d, 'deleteTask'), { operationId: 'getTask' })), 'duplicate_operation_id', 'operations[getTask]');
  });

  it('duplicate method + path, even with differently named parameters', () => {
    expectIssue(
      draftWith((d) => d.operations.push({ operationId: 'fetchTask', method: 'GET', path: '/tasks/{taskId}', summary: 'Again', parameters: [{ name: 'taskId', in: 'path', type: 'uuid' }] })),
      'duplicate_route',
      'operations[fetchTask]',
      /getTask and fetchTask/,
    );
  });

  it('path parameter declared but absent from the path', () => {
    expectIssue(
      draftWith((d) => op(d, 'getTask').parameters?.push({ name: 'projectId', in: 'path', type: 'uuid' })),
      'path_parameter_not_in_path',
      'operations[getTask].parameters[projectId]',
      /does not appear in path '\/tasks\/\{id\}'/,
    );
  });

  it('{param} in the path that is not declared', () => {
    expectIssue(draftWith((d) => Object.assign(op(d, 'getTask'), { path: '/tasks/{id}/comments/{commentId}' })), 'path_parameter_undeclared', 'operations[getTask].path', /\{commentId\}/);
  });

  it('{param} declared as a query parameter does not count as a path parameter', () => {
    expectIssue(draftWith((d) => Object.assign(op(d, 'getTask').parameters?.[0] ?? {}, { in: 'query' })), 'path_parameter_undeclared', 'operations[getTask].path');
  });

  it('malformed path template', () => {
    expectIssue(draftWith((d) => Object.assign(op(d, 'getTask'), { path: '/tasks/{id' })), 'invalid_path_template', 'operations[getTask].path');
  });

  it('duplicate parameter', () => {
    expectIssue(draftWith((d) => op(d, 'listTasks').parameters?.push({ name: 'status', in: 'query', type: 'string' })), 'duplicate_parameter', 'operations[listTasks].parameters[status]');
  });

  it('reserved PostgreSQL keyword as table name', () => {
    expectIssue(draftWith((d) => Object.assign(entity(d, 'Project'), { table: 'user' })), 'reserved_sql_name', 'entities[Project].table', /'user' is a reserved PostgreSQL keyword/);
  });

  it('reserved PostgreSQL keyword as column name', () => {
    expectIssue(draftWith((d) => Object.assign(field(d, 'Task', 'priority'), { name: 'order' })), 'reserved_sql_name', 'entities[Task].fields[order]');
  });

  it('two entities on one table', () => {
    expectIssue(draftWith((d) => Object.assign(entity(d, 'Project'), { table: 'tasks' })), 'duplicate_table_name', 'entities[Task].table', /Project and Task/);
  });

  it('two entities with one name', () => {
    expectIssue(draftWith((d) => Object.assign(entity(d, 'Project'), { name: 'Task', table: 'projects' })), 'duplicate_entity_name', 'entities[Task]');
  });

  it('an entity named like a generated schema (Task -> TaskCreate)', () => {
    expectIssue(
      draftWith((d) => d.entities.push({ name: 'TaskCreate', table: 'task_creates', fields: [{ name: 'x', type: 'string' }] })),
      'schema_name_clash',
      'entities[Task]',
      /'TaskCreate'.*clashes with entities\.TaskCreate/,
    );
  });

  it('an entity named Problem clashes with the shared problem schema', () => {
    expectIssue(draftWith((d) => d.entities.push({ name: 'Problem', table: 'problems', fields: [{ name: 'x', type: 'string' }] })), 'schema_name_clash', 'entities[Problem]');
  });

  it('reference to an unknown entity', () => {
    expectIssue(draftWith((d) => Object.assign(field(d, 'Task', 'project_id'), { references: 'Projct' })), 'unknown_entity', 'entities[Task].fields[project_id].references', /unknown entity 'Projct'/);
  });

  it('reference to an unknown field', () => {
    expectIssue(draftWith((d) => Object.assign(field(d, 'Task', 'project_id'), { references: 'Project.nope' })), 'unknown_field', 'entities[Task].fields[project_id].references', /unknown field 'nope' of entity Project/);
  });

  it('reference to a column that is neither key nor unique', () => {
    expectIssue(draftWith((d) => Object.assign(field(d, 'Task', 'created_at'), { references: 'Project.created_at' })), 'reference_not_unique', 'entities[Task].fields[created_at].references');
  });

  it('reference whose type differs from its target', () => {
    expectIssue(draftWith((d) => Object.assign(field(d, 'Task', 'project_id'), { type: 'string' })), 'reference_type_mismatch', 'entities[Task].fields[project_id].type', /'string' but references Project\.id of type 'uuid'/);
  });

  it('unknown request or response entity', () => {
    expectIssue(draftWith((d) => Object.assign(op(d, 'getTask'), { responseEntity: 'Tsk' })), 'unknown_entity', 'operations[getTask].responseEntity');
    expectIssue(draftWith((d) => Object.assign(op(d, 'createTask'), { requestEntity: 'Tsk' })), 'unknown_entity', 'operations[createTask].requestEntity');
  });

  it('primary key and index naming unknown fields', () => {
    expectIssue(draftWith((d) => Object.assign(entity(d, 'Project'), { primaryKey: ['nope'] })), 'unknown_field', 'entities[Project].primaryKey');
    expectIssue(draftWith((d) => Object.assign(entity(d, 'Task'), { indexes: [{ fields: ['status', 'nope'] }] })), 'unknown_field', 'entities[Task].indexes[status,nope]');
  });

  it('duplicate field, enum on a non-string, maxLength on a number, both request forms', () => {
    expectIssue(draftWith((d) => entity(d, 'Task').fields.push({ name: 'title', type: 'text' })), 'duplicate_field', 'entities[Task].fields[title]');
    expectIssue(draftWith((d) => Object.assign(field(d, 'Task', 'priority'), { enum: ['1', '2'] })), 'constraint_not_applicable', 'entities[Task].fields[priority].enum');
    expectIssue(draftWith((d) => Object.assign(field(d, 'Task', 'priority'), { maxLength: 3 })), 'constraint_not_applicable', 'entities[Task].fields[priority].maxLength');
    expectIssue(draftWith((d) => Object.assign(op(d, 'createTask'), { requestFields: [{ name: 'x', type: 'string' }] })), 'ambiguous_request_body', 'operations[createTask]');
    expectIssue(draftWith((d) => Object.assign(field(d, 'Task', 'assignee_email'), { maxLength: 4 })), 'constraint_not_applicable', 'entities[Task].fields[assignee_email].maxLength', /cannot hold any valid email/);
    expectIssue(draftWith((d) => Object.assign(field(d, 'Task', 'status'), { maxLength: 4 })), 'constraint_not_applicable', 'entities[Task].fields[status].enum', /'in_progress' is longer than maxLength 4/);
  });

  it('duplicate event, and an event class clashing with an entity', () => {
    const ev = { name: 'task.created', description: 'A task was created.', fields: [{ name: 'task_id', type: 'uuid' as const }] };
    expectIssue(draftWith((d) => d.events.push(ev, { ...ev })), 'duplicate_event', 'events[task.created]');
    expectIssue(
      draftWith((d) => {
        d.events.push(ev);
        d.entities.push({ name: 'TaskCreatedEvent', table: 'task_created_events', fields: [{ name: 'x', type: 'string' }] });
      }),
      'schema_name_clash',
      'events[task.created]',
      /'TaskCreatedEvent'/,
    );
  });

  it('references in event and request fields are checked too', () => {
    const ev = { name: 'task.created', description: 'A task was created.', fields: [{ name: 'task_id', type: 'uuid' as const, references: 'Tasks' }] };
    expectIssue(draftWith((d) => d.events.push(ev)), 'unknown_entity', 'events[task.created].fields[task_id].references');
    expectIssue(
      draftWith((d) => Object.assign(op(d, 'assignTask'), { requestFields: [{ name: 'project_id', type: 'uuid', references: 'Project.name' }] })),
      'reference_type_mismatch',
      'operations[assignTask].requestFields[project_id].type',
    );
  });
});

describe('generateContracts with bad input', () => {
  const noPostgres = urlPostgresProvider('postgresql://unused');

  it('writes nothing and names the offending item', async () => {
    const repoDir = await tempDir('bad');
    try {
      const draft = draftWith((d) => Object.assign(field(d, 'Task', 'project_id'), { references: 'Projct' }));
      const draftRef = await storeDraft(repoDir, draft);
      const activities = createContractActivities({ postgres: noPostgres });
      await assert.rejects(
        activities.generateContracts({ repoDir, changeId: 'add-tasks-api', draftRef, revision: 1 }),
        (err: unknown) => err instanceof PlanError && err.type === ErrorType.BadInput && /entities\[Task\]\.fields\[project_id\]\.references: references unknown entity 'Projct'/.test(err.message),
      );
      assert.deepEqual(await listFiles(join(repoDir, 'openspec')), []);
    } finally {
      await removeDir(repoDir);
    }
  });

  it('leaves an earlier generation untouched', async () => {
    const repoDir = await tempDir('keep');
    try {
      const activities = createContractActivities({ postgres: noPostgres });
      const good = await activities.generateContracts({ repoDir, changeId: 'add-tasks-api', draftRef: await storeDraft(repoDir, tasksDraft()), revision: 1 });
      const dir = join(repoDir, 'openspec/changes/add-tasks-api/contracts');
      const before = await Promise.all((await listFiles(dir)).map(async (f) => [f, await readFile(join(dir, f), 'utf8')]));
      const bad = draftWith((d) => Object.assign(entity(d, 'Project'), { table: 'user' }));
      await assert.rejects(activities.generateContracts({ repoDir, changeId: 'add-tasks-api', draftRef: await storeDraft(repoDir, bad), revision: 2 }), /reserved PostgreSQL keyword/);
      const after = await Promise.all((await listFiles(dir)).map(async (f) => [f, await readFile(join(dir, f), 'utf8')]));
      assert.deepEqual(after, before);
      assert.equal(good.files.length, before.length);
    } finally {
      await removeDir(repoDir);
    }
  });

  it('a new revision removes contract files the draft no longer produces', async () => {
    const repoDir = await tempDir('stale');
    try {
      const activities = createContractActivities({ postgres: noPostgres });
      await activities.generateContracts({ repoDir, changeId: 'add-inventory', draftRef: await storeDraft(repoDir, inventoryDraft()), revision: 1 });
      const dir = join(repoDir, 'openspec/changes/add-inventory/contracts');
      assert.ok((await listFiles(dir)).includes('events/stock.adjusted.schema.json'));
      const fewer = { ...inventoryDraft(), events: [] };
      const second = await activities.generateContracts({ repoDir, changeId: 'add-inventory', draftRef: await storeDraft(repoDir, fewer), revision: 2 });
      assert.deepEqual(await listFiles(dir), ['README.md', 'generated/models.py', 'generated/types.ts', 'openapi/v1.yaml', 'schema.sql']);
      assert.deepEqual(second.files.map((f) => f.path.replace('openspec/changes/add-inventory/contracts/', '')), ['README.md', 'openapi/v1.yaml', 'generated/types.ts', 'generated/models.py', 'schema.sql']);
    } finally {
      await removeDir(repoDir);
    }
  });

  it('rejects a draft whose digest does not match, or that belongs to another change', async () => {
    const repoDir = await tempDir('digest');
    try {
      const activities = createContractActivities({ postgres: noPostgres });
      const ref = await storeDraft(repoDir, tasksDraft());
      await assert.rejects(activities.generateContracts({ repoDir, changeId: 'add-tasks-api', draftRef: { ...ref, sha256: '0'.repeat(64) }, revision: 1 }), /changed since it was written/);
      await assert.rejects(activities.generateContracts({ repoDir, changeId: 'other-change', draftRef: ref, revision: 1 }), /is for change 'add-tasks-api', not 'other-change'/);
      assert.deepEqual(await listFiles(join(repoDir, 'openspec')), []);
    } finally {
      await removeDir(repoDir);
    }
  });
});
