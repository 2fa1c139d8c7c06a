/**
 * The pure generators: stable output (golden files), the shapes other steps rely on, and the
 * details that make contracts usable (realistic examples, problem responses, security, FK order).
 * Regenerate the golden files with UPDATE_GOLDEN=1 after an intended change, and review the diff.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../../src/config/paths.js';
import { checkDraft } from '../../src/domain/contracts/check-draft.js';
import { contractsManifest, contractsSection } from '../../src/domain/contracts/manifest.js';
import { buildOpenApi } from '../../src/domain/contracts/openapi.js';
import { exampleCases, probePlan } from '../../src/domain/contracts/probes.js';
import { renderPydantic } from '../../src/domain/contracts/pydantic.js';
import { renderContracts } from '../../src/domain/contracts/render.js';
import { constraintName, renderSql, tableOrder } from '../../src/domain/contracts/sql.js';
import { eventSchema } from '../../src/domain/contracts/events.js';
import type { PlanDraft, PlanDraftInput } from '../../src/domain/draft.js';
import { baseDraft, inventoryDraft, noApiDraft, notificationsDraft, tasksDraft } from './fixtures.js';

function parsed(input: PlanDraftInput): PlanDraft {
  const r = checkDraft(input);
  assert.ok(r.draft, r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.draft;
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const GOLDEN = join(projectRoot, 'test/contracts/golden');

describe('contract generators', () => {
  it('match the committed golden files (tasks and inventory drafts)', async () => {
    for (const input of [tasksDraft(), inventoryDraft()]) {
      const draft = parsed(input);
      for (const file of renderContracts(draft, 1).files) {
        const path = join(GOLDEN, draft.changeId, file.path);
        if (process.env.UPDATE_GOLDEN === '1') {
          await mkdir(join(path, '..'), { recursive: true });
          await writeFile(path, file.content);
        }
        assert.ok(existsSync(path), `golden file ${path} is missing (run with UPDATE_GOLDEN=1)`);
        assert.equal(file.content, await readFile(path, 'utf8'), `${draft.changeId}/${file.path} differs from its golden file`);
      }
    }
  });

  it('are deterministic', () => {
    const a = renderContracts(parsed(notificationsDraft()), 3);
    const b = renderContracts(parsed(notificationsDraft()), 3);
    assert.deepEqual(a, b);
  });

  it('manifest and contracts section use repo-relative paths under the change', () => {
    const draft = parsed(inventoryDraft());
    const m = contractsManifest('add-inventory', draft);
    const base = 'openspec/changes/add-inventory/contracts';
    assert.deepEqual(m.files, [
      `${base}/README.md`,
      `${base}/openapi/v1.yaml`,
      `${base}/generated/types.ts`,
      `${base}/generated/models.py`,
      `${base}/schema.sql`,
      `${base}/events/stock.adjusted.schema.json`,
      `${base}/events/product.price.changed.schema.json`,
    ]);
    assert.deepEqual(contractsSection('add-inventory', draft, 2), {
      revision: 2,
      openapi: { primary: `${base}/openapi/v1.yaml`, files: [`${base}/openapi/v1.yaml`] },
      generated: { pydantic_dir: `${base}/generated`, typescript_dir: `${base}/generated` },
      mocks: { prism: { enabled: true, command: `npx @stoplight/prism-cli@5.14.2 mock ${base}/openapi/v1.yaml -p 4010 -h 127.0.0.1`, base_url: 'http://127.0.0.1:4010' } },
    });
    assert.equal(contractsSection('add-audit-table', parsed(noApiDraft()), 1).mocks?.prism?.enabled, false);
  });

  it('a change without API gets info + empty paths only', () => {
    assert.deepEqual(Object.keys(buildOpenApi(parsed(noApiDraft()))), ['openapi', 'info', 'paths']);
    assert.deepEqual(buildOpenApi(parsed(noApiDraft())).paths, {});
  });

  it('operations carry problem responses, security and success codes as appropriate', () => {
    const doc = buildOpenApi(parsed(tasksDraft())) as Obj;
    const del = doc.paths['/tasks/{id}'].delete;
    assert.deepEqual(Object.keys(del.responses), ['204', '400', '401', '404', '500']);
    assert.equal(del.responses['204'].content, undefined);
    assert.deepEqual(Object.keys(doc.paths['/tasks'].post.responses), ['201', '400', '401', '422', '500']);
    assert.deepEqual(del.security, [{ bearerAuth: [] }]);
    assert.deepEqual(doc.components.securitySchemes, { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } });
    assert.equal(doc.components.responses.NotFound.content['application/problem+json'].schema.$ref, '#/components/schemas/Problem');
    assert.equal(doc.paths['/tasks/{id}'].patch.requestBody.content['application/json'].schema.$ref, '#/components/schemas/TaskUpdate');
    assert.equal(doc.components.schemas.TaskUpdate.required, undefined, 'PATCH body has no required fields');
    assert.deepEqual(doc.components.schemas.TaskCreate.required, ['project_id', 'title', 'status', 'priority', 'created_at']);
    assert.equal(doc.components.schemas.Task.properties.id.readOnly, true);

    const inv = buildOpenApi(parsed(inventoryDraft())) as Obj;
    assert.equal(inv.paths['/products'].get.security, undefined, 'an operation without auth has no security');
    assert.deepEqual(inv.components.securitySchemes.apiKeyAuth, { type: 'apiKey', in: 'header', name: 'X-API-Key' });
    assert.equal(inv.paths['/warehouses/{code}/stock'].post.requestBody.content['application/json'].schema.$ref, '#/components/schemas/AdjustStockRequest');
    const notif = buildOpenApi(parsed(notificationsDraft())) as Obj;
    assert.equal(notif.components.securitySchemes.oauth2.type, 'oauth2');
  });

  it('examples are realistic and consistent across references', () => {
    const doc = buildOpenApi(parsed(tasksDraft())) as Obj;
    const task = doc.components.schemas.Task.examples[0];
    const project = doc.components.schemas.Project.examples[0];
    assert.equal(task.project_id, project.id, 'a foreign key example equals the referenced id example');
    assert.match(task.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(task.status, 'open');
    assert.equal(task.assignee_email, 'ada@example.com');
    assert.equal(task.due_date, '2026-03-14');
    assert.equal(doc.paths['/tasks/{id}'].get.parameters[0].example, task.id, 'path id example is the resource id');
    assert.equal(project.name, 'Ada Lovelace');
  });

  it('every operation gets a probe and every example a model', () => {
    const doc = buildOpenApi(parsed(tasksDraft()));
    const probes = probePlan(doc);
    assert.equal(probes.length, 6);
    const assign = probes.find((p) => p.operationId === 'assignTask');
    assert.equal(assign?.url, `/tasks/${(doc as Obj).components.schemas.Task.examples[0].id}/assign`);
    assert.equal(assign?.headers.Authorization, 'Bearer mock-token');
    assert.deepEqual(assign?.body, { assignee_email: 'ada@example.com', note: 'A longer free-text description of the item.' });
    const models = new Set(exampleCases(doc).map((c) => c.model));
    assert.deepEqual([...models].sort(), ['AssignTaskRequest', 'Problem', 'Project', 'Task', 'TaskCreate', 'TaskUpdate']);
  });

  it('SQL orders tables by foreign key and breaks cycles with ALTER TABLE', () => {
    const draft = parsed(baseDraft('cyclic', {
      entities: [
        { name: 'Employee', table: 'employees', fields: [{ name: 'team_id', type: 'uuid', references: 'Team', required: false }, { name: 'manager_id', type: 'uuid', references: 'Employee', required: false }] },
        { name: 'Team', table: 'teams', fields: [{ name: 'lead_id', type: 'uuid', references: 'Employee', required: false }] },
        { name: 'Badge', table: 'badges', fields: [{ name: 'employee_id', type: 'uuid', references: 'Employee' }] },
      ],
    }));
    assert.deepEqual(tableOrder(draft).map((e) => e.table), ['employees', 'badges', 'teams']);
    const sql = renderSql(draft);
    assert.match(sql, /ALTER TABLE employees ADD CONSTRAINT employees_team_id_fkey FOREIGN KEY \(team_id\) REFERENCES teams \(id\);/);
    assert.match(sql, /CONSTRAINT employees_manager_id_fkey FOREIGN KEY \(manager_id\) REFERENCES employees \(id\)/, 'self-reference stays inline');
  });

  it('long constraint names are shortened with a hash, never silently truncated', () => {
    const name = constraintName('a_really_long_table_name_for_testing', ['and_an_even_longer_column_name_here'], 'fkey');
    assert.ok(name.length <= 63, name);
    assert.match(name, /_[0-9a-f]{8}_fkey$/);
    assert.notEqual(name, constraintName('a_really_long_table_name_for_testing', ['and_an_even_longer_column_name_hers'], 'fkey'));
  });

  it('Pydantic models alias Python keywords and import only what they use', () => {
    const py = renderPydantic(parsed(notificationsDraft()));
    assert.match(py, /from_: str = Field\(alias="from", description=/);
    assert.match(py, /populate_by_name=True/);
    assert.doesNotMatch(py, /Decimal/);
    assert.match(py, /^__all__ = \["Problem", "Notification", "Subscription", "NotificationCreate", "SubscriptionCreate", "NotificationSentEvent"\]$/m);
    const inv = renderPydantic(parsed(inventoryDraft()));
    assert.match(inv, /^from decimal import Decimal$/m);
    assert.match(inv, /reason: Literal\["count", "sale", "return"\]/);
  });

  it('event schemas carry $schema, $id, title and examples', () => {
    const draft = parsed(inventoryDraft());
    const s = eventSchema(draft, draft.events[1] as PlanDraft['events'][number]);
    assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(s.$id, 'urn:parallel-plan:add-inventory:events:product.price.changed:v2');
    assert.equal(s.title, 'ProductPriceChangedEvent');
    assert.deepEqual(s.examples, [{ sku: 'SKU-10042', old_price: '19.99', new_price: '19.99', currency: 'EUR' }]);
  });
});
