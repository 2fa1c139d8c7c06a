/**
 * The HTTP API end to end on a real dev server with a real worker: tokens and roles (401, 403),
 * repositories limited to the allowed roots, a plan started, watched and approved over HTTP,
 * artifacts confined to the change folder, problem+json errors, and its own OpenAPI 3.1 document
 * checked by the validator used for contracts (swagger-parser). Requests go through Fastify's
 * inject (the same routing, validation and serialization as a socket).
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../src/api/server.js';
import { parseTokens } from '../../src/api/auth.js';
import { createActivities } from '../../src/activities/index.js';
import { exampleWithNoChangeInFlight } from '../helpers/authoring.js';
import { validateOpenApiFile } from '../../src/adapters/swagger-parser.js';
import { PlanError } from '../../src/errors.js';
import { closeTestEnv, testEnv, withWorker } from '../helpers/temporal.js';

after(closeTestEnv);

const TOKENS = { viewer: 'viewer-token-0123456789', planner: 'planner-token-0123456789', approver: 'approver-token-0123456789' };
const auth = (role: keyof typeof TOKENS) => ({ authorization: `Bearer ${TOKENS[role]}` });
const stateDir = mkdtempSync(join(tmpdir(), 'pp-api-'));

let repo: string;
before(async () => {
  repo = await exampleWithNoChangeInFlight('taskboard');
});

async function api(taskQueue: string): Promise<FastifyInstance> {
  const { client } = await testEnv();
  return buildApi({
    client,
    taskQueue,
    stateDir,
    allowRepoRoots: [dirname(repo)],
    tokens: parseTokens(Object.entries(TOKENS).map(([role, t]) => `${t}:${role}`).join(',')),
    eventsIntervalMs: 200,
  });
}

test('tokens are parsed strictly', () => {
  assert.throws(() => parseTokens('short:viewer'), (e: unknown) => e instanceof PlanError && /at least 16 characters/.test(e.message));
  assert.throws(() => parseTokens('a-long-enough-token-1234:admin'), (e: unknown) => e instanceof PlanError && /unknown role 'admin'/.test(e.message));
});

test('a plan started, watched, read and approved over HTTP, with roles and confinement enforced', async () => {
  await withWorker(createActivities({ client: (await testEnv()).client }), async ({ taskQueue }) => {
    const app = await api(taskQueue);
    try {
      assert.deepEqual((await app.inject({ method: 'GET', url: '/healthz' })).json(), { ok: true });

      const body = { request: 'add task priorities', repo };
      const anonymous = await app.inject({ method: 'POST', url: '/plans', payload: body });
      assert.equal(anonymous.statusCode, 401);
      assert.match(String(anonymous.headers['content-type'] ?? ''), /application\/problem\+json/);
      assert.equal((await app.inject({ method: 'POST', url: '/plans', payload: body, headers: { authorization: 'Bearer wrong-token-0123456789' } })).statusCode, 401);
      const viewer = await app.inject({ method: 'POST', url: '/plans', payload: body, headers: auth('viewer') });
      assert.equal(viewer.statusCode, 403);
      assert.match(viewer.json().detail, /viewer role may not start plans/);

      const outside = await app.inject({ method: 'POST', url: '/plans', payload: { ...body, repo: tmpdir() }, headers: auth('planner') });
      assert.equal(outside.statusCode, 403);
      assert.match(outside.json().detail, /not under an allowed repository root/);
      const invalid = await app.inject({ method: 'POST', url: '/plans', payload: { repo }, headers: auth('planner') });
      assert.equal(invalid.statusCode, 400);
      assert.match(invalid.json().detail, /request/);

      const started = await app.inject({ method: 'POST', url: '/plans', payload: body, headers: auth('planner') });
      assert.equal(started.statusCode, 202, started.body);
      const { id, changeId, links } = started.json() as { id: string; changeId: string; links: { self: string; events: string } };

      // Events: step progress until it awaits approval (the stream ends only at a terminal state, so read it with a deadline).
      let status: { state: string } = { state: 'running' };
      for (let i = 0; i < 600 && status.state !== 'awaiting-approval'; i++) {
        status = (await app.inject({ method: 'GET', url: links.self, headers: auth('viewer') })).json();
        if (status.state === 'failed') assert.fail(JSON.stringify(status));
        await new Promise((r) => setTimeout(r, 500));
      }
      assert.equal(status.state, 'awaiting-approval');

      const proposal = await app.inject({ method: 'GET', url: `${links.self}/artifacts/proposal.md`, headers: auth('viewer') });
      assert.equal(proposal.statusCode, 200);
      assert.match(proposal.body, /^## Why/m);
      for (const bad of ['../../../README.md', '%2e%2e/%2e%2e/README.md', 'nope.md']) {
        const r = await app.inject({ method: 'GET', url: `${links.self}/artifacts/${bad}`, headers: auth('viewer') });
        assert.ok([400, 404].includes(r.statusCode), `${bad}: ${r.statusCode}`);
      }
      // A link in the change folder that leads out of the repository is not served.
      const secret = join(mkdtempSync(join(tmpdir(), 'pp-secret-')), 'secret.txt');
      writeFileSync(secret, 'secret');
      symlinkSync(secret, join(repo, 'openspec/changes', changeId, 'leak.txt'));
      assert.equal((await app.inject({ method: 'GET', url: `${links.self}/artifacts/leak.txt`, headers: auth('viewer') })).statusCode, 404);

      const listed = await app.inject({ method: 'GET', url: `/plans?status=awaiting-approval&changeId=${changeId}`, headers: auth('viewer') });
      assert.equal(listed.statusCode, 200);
      assert.ok((listed.json() as { plans: Array<{ workflowId: string }> }).plans.some((p) => p.workflowId === id));

      const planner = await app.inject({ method: 'POST', url: `${links.self}/approve`, payload: { by: 'pat' }, headers: auth('planner') });
      assert.equal(planner.statusCode, 403);
      const noComment = await app.inject({ method: 'POST', url: `${links.self}/request-changes`, payload: { by: 'ann' }, headers: auth('approver') });
      assert.equal(noComment.statusCode, 400);
      assert.match(noComment.json().detail, /request-changes needs a comment/);
      const approved = await app.inject({ method: 'POST', url: `${links.self}/approve`, payload: { by: 'ann' }, headers: auth('approver') });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(approved.json().outcome.state, 'approved');
      const again = await app.inject({ method: 'POST', url: `${links.self}/approve`, payload: { by: 'ann' }, headers: auth('approver') });
      assert.equal(again.statusCode, 400);
      assert.match(again.json().detail, /is approved, not awaiting approval/);

      const events = await app.inject({ method: 'GET', url: links.events, headers: auth('viewer') });
      assert.match(String(events.headers['content-type'] ?? ''), /text\/event-stream/);
      assert.match(events.body, /event: status\ndata: \{"state":"approved"/);

      assert.equal((await app.inject({ method: 'GET', url: '/plans/no-such-plan', headers: auth('viewer') })).statusCode, 404);
    } finally {
      await app.close();
    }
  });
});

test('the API describes itself in OpenAPI 3.1 that the contract validator accepts', async () => {
  const app = await api('openapi-only');
  try {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { openapi: string; paths: Record<string, unknown> };
    assert.equal(doc.openapi, '3.1.0');
    for (const p of ['/plans', '/plans/{id}', '/plans/{id}/approve', '/plans/{id}/reject', '/plans/{id}/request-changes', '/healthz']) assert.ok(doc.paths[p], `${p} documented`);
    const file = join(mkdtempSync(join(tmpdir(), 'pp-api-doc-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const verdict = await validateOpenApiFile(file);
    assert.equal(verdict.passed, true, verdict.messages.join('\n'));
  } finally {
    await app.close();
  }
});
