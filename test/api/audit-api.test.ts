/**
 * `GET /plans/{id}/audit` on a real dev server: the same timeline as `parallel-plan audit --json`,
 * read from history with no worker on the plan's task queue (a plan started there never ran a
 * step); a viewer may read it, an unknown plan is 404, and the route is in the OpenAPI document.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApi } from '../../src/api/server.js';
import { parseTokens } from '../../src/api/auth.js';
import type { AuditTimeline } from '../../src/domain/audit/timeline.js';
import type { PlanInput } from '../../src/shared/plan-types.js';
import { closeTestEnv, testEnv, uniqueTaskQueue } from '../helpers/temporal.js';

after(closeTestEnv);

const VIEWER = 'viewer-token-0123456789';

test('GET /plans/{id}/audit answers from history, without a worker; 401 without a token, 404 for an unknown plan; documented', async () => {
  const { client } = await testEnv();
  const taskQueue = uniqueTaskQueue('audit-api');
  const changeId = `add-audit-${randomUUID().slice(0, 8)}`;
  const workflowId = `plan-${changeId}-0123456789`;
  const input: PlanInput = { request: 'add an audit trail', repoDir: '/nowhere/repo', changeId, runDir: '/nowhere/run' };
  const handle = await client.workflow.start('parallelPlanFeature', { workflowId, taskQueue, args: [input] });
  const app = await buildApi({ client, taskQueue, stateDir: mkdtempSync(join(tmpdir(), 'pp-audit-api-')), allowRepoRoots: [], tokens: parseTokens(`${VIEWER}:viewer`) });
  try {
    const url = `/plans/${encodeURIComponent(workflowId)}/audit`;
    assert.equal((await app.inject({ method: 'GET', url })).statusCode, 401);
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${VIEWER}` } });
    assert.equal(res.statusCode, 200, res.body);
    const t = res.json() as AuditTimeline;
    assert.equal(t.workflowId, workflowId);
    assert.equal(t.changeId, changeId);
    assert.equal(t.repoDir, '/nowhere/repo');
    assert.equal(t.state, 'running');
    assert.equal(t.runs.length, 1);
    assert.equal(t.runs[0]!.status, 'open');
    assert.deepEqual(t.activities, []);
    assert.deepEqual(t.entries.map((e) => e.what), ['plan started (run 1)']);
    const missing = await app.inject({ method: 'GET', url: '/plans/plan-no-such-plan-0000000000/audit', headers: { authorization: `Bearer ${VIEWER}` } });
    assert.equal(missing.statusCode, 404);
    assert.match(String(missing.headers['content-type'] ?? ''), /application\/problem\+json/);
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, { get?: unknown }> };
    assert.ok(doc.paths['/plans/{id}/audit']?.get, 'GET /plans/{id}/audit documented');
  } finally {
    await app.close();
    await handle.terminate('test over');
  }
});
