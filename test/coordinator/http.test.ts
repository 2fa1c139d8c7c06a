/**
 * The http coordinator adapter (src/coordinator/http.ts) against a small HTTP server this test
 * starts (test/helpers/coordination-service.ts). It stands in for an agent coordinator's
 * coordination API, which cannot run here: the same routes and answer shapes (locks keyed by
 * file_path per agent_id, POST-only routes answering 405 to the GET probes, a refused lock naming
 * `locked_by`). Cases: capability probes and the tier step 1 derives from them, timeouts, the API
 * key, all-or-nothing lock claims with the holder named, releases, guardrails, discovery, the
 * service's other operations, and one plan with `coordinator: 'http'` on the dev server that
 * awaits approval coordinated and registers its locks with the stand-in on approval.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { createActivities } from '../../src/activities/index.js';
import { createEnvironmentActivities } from '../../src/activities/environment.js';
import { coordinatorFactory } from '../../src/coordinator/index.js';
import {
  CAPABILITY_PROBES,
  HttpCoordinator,
  httpCoordinatorOptionsFromEnv,
  lockAgentId,
  type ChangeLocks,
  type HttpCoordinatorOptions,
} from '../../src/coordinator/http.js';
import { exampleWithNoChangeInFlight } from '../helpers/authoring.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { decide, planResult, startPlan, waitForState } from '../../src/service/plans.js';
import { CAPABILITIES, missingRequired } from '../../src/shared/coordinator-types.js';
import { statusQuery } from '../../src/shared/messages.js';
import { startCoordinationService, type StandInOptions, type StandInService } from '../helpers/coordination-service.js';
import { closeTestEnv, testEnv, withWorker } from '../helpers/temporal.js';

after(closeTestEnv);

const KEY = 'test-key-123';
const services: StandInService[] = [];
after(async () => {
  await Promise.all(services.map((s) => s.close()));
});

async function service(options: StandInOptions = {}): Promise<StandInService> {
  const s = await startCoordinationService({ apiKey: KEY, ...options });
  services.push(s);
  return s;
}

const adapter = (s: StandInService, extra: HttpCoordinatorOptions = {}) => new HttpCoordinator({ baseUrl: s.url, apiKey: KEY, timeoutMs: 2_000, ...extra });

let example: string | undefined;
/** A git repository with openspec/ for step 1 (copied once). */
async function repository(): Promise<string> {
  example ??= await exampleWithNoChangeInFlight('taskboard');
  return example;
}

/** Step 1's own tier logic over the adapter's report. */
async function verify(s: StandInService | undefined, opts: HttpCoordinatorOptions = {}) {
  const repoDir = await repository();
  const http = s ? { baseUrl: s.url, apiKey: KEY, timeoutMs: 2_000, ...opts } : opts;
  const { verifyEnvironment } = createEnvironmentActivities({ coordinators: coordinatorFactory({ http }) });
  return verifyEnvironment({ repoDir, changeId: 'add-http-check', runDir: mkdtempSync(join(tmpdir(), 'pp-http-run-')), coordinator: 'http' });
}

test('every route there: all capabilities available, the coordinated tier, no warnings', async () => {
  const s = await service();
  const report = await adapter(s).capabilities();
  assert.equal(report.coordinator, 'http');
  assert.deepEqual(report.missing, []);
  assert.deepEqual(report.available, [...CAPABILITIES]);
  assert.equal(report.warnings, undefined);
  assert.match(report.detail.CAN_QUEUE_WORK.detail, /GET \/work\/get answered 405/);
  // Exactly /health and the eight probes, each a GET.
  const probed = s.requests.map((r) => `${r.method} ${r.path}`).sort();
  assert.deepEqual(probed, ['GET /health', ...Object.values(CAPABILITY_PROBES).map((p) => `GET ${p}`)].sort());

  const env = await verify(s);
  assert.equal(env.tier, 'coordinated');
  assert.equal(env.capabilities.coordinator, 'http');
  assert.deepEqual(env.warnings, []);
});

test('the API key goes as X-API-Key on every call; a refused key still proves the routes', async () => {
  const s = await service();
  const coordinator = adapter(s, { changeLocks: async () => ({ keys: [], files: ['src/x.ts'] }) });
  await coordinator.capabilities();
  await coordinator.claimLocks({ repository: '/repo/a', changeId: 'key-check', revision: 1, packages: [{ packageId: 'wp', keys: [], files: ['src/x.ts'] }] });
  await coordinator.releaseLocks({ changeId: 'key-check', repository: '/repo/a' });
  assert.ok(s.requests.length > 10);
  assert.deepEqual([...new Set(s.requests.map((r) => r.apiKey))], [KEY]);
  assert.equal(s.locks.size, 0, 'released');

  // A wrong key: the probes see 401 (the routes are mounted) and say to check the key.
  const wrong = await new HttpCoordinator({ baseUrl: s.url, apiKey: 'wrong', timeoutMs: 2_000 }).capabilities();
  assert.equal(wrong.detail.CAN_QUEUE_WORK.available, true);
  assert.match(wrong.detail.CAN_QUEUE_WORK.detail, /401.*COORDINATION_API_KEY/);
  const refused = await new HttpCoordinator({ baseUrl: s.url, apiKey: 'wrong', timeoutMs: 2_000 }).claimLocks({
    repository: '/repo/a',
    changeId: 'key-check',
    revision: 1,
    packages: [{ packageId: 'wp', keys: [], files: ['src/x.ts'] }],
  });
  assert.equal(refused.registered, false);
  assert.equal(refused.registered === false && refused.conflict, undefined);
  assert.match(refused.registered === false ? refused.reason : '', /answered 401: Invalid API key/);
});

test('a service without /work/get (404): CAN_QUEUE_WORK missing with the reason, the linear tier', async () => {
  const s = await service({ status: { '/work/get': 404 } });
  const report = await adapter(s).capabilities();
  assert.deepEqual(report.missing, ['CAN_QUEUE_WORK']);
  assert.deepEqual(missingRequired(report), ['CAN_QUEUE_WORK']);
  assert.match(report.detail.CAN_QUEUE_WORK.detail, /GET \/work\/get answered 404/);

  const env = await verify(s);
  assert.equal(env.tier, 'linear');
  const warning = env.warnings.find((w) => w.includes('linear tier'));
  assert.ok(warning, env.warnings.join('\n'));
  assert.match(warning, /the http coordinator lacks CAN_QUEUE_WORK \(CAN_QUEUE_WORK: GET \/work\/get answered 404/);
});

test('an enriching route failing (500): a warning, still coordinated', async () => {
  const s = await service({ status: { '/memory/query': 500 } });
  const report = await adapter(s).capabilities();
  assert.deepEqual(report.missing, ['CAN_MEMORY']);
  assert.deepEqual(missingRequired(report), []);
  assert.equal(report.warnings?.length, 1);
  assert.match(report.warnings![0]!, /CAN_MEMORY is unavailable \(GET \/memory\/query answered 500.*\): the plan goes on without it/);

  const env = await verify(s);
  assert.equal(env.tier, 'coordinated');
  assert.deepEqual(env.warnings, report.warnings);

  // Guardrails failing is a warning too: the local check still runs on approval.
  s.options.status = { '/guardrails/check': 503 };
  const safety = await adapter(s).capabilities();
  assert.deepEqual(safety.missing, ['CAN_GUARDRAILS']);
  assert.match(safety.warnings![0]!, /CAN_GUARDRAILS is unavailable .*local guardrails check only/);
});

test('/health down, unreachable, or no URL: every capability missing with the reason', async () => {
  const s = await service({ status: { '/health': 503 } });
  const down = await adapter(s).capabilities();
  assert.deepEqual(down.available, []);
  assert.deepEqual(down.missing, [...CAPABILITIES]);
  for (const c of CAPABILITIES) assert.match(down.detail[c].detail, /not available: GET \/health answered 503/);
  assert.deepEqual(s.requests.map((r) => r.path), ['/health'], 'no probe after a failed health check');

  const gone = await startCoordinationService();
  const url = gone.url;
  await gone.close();
  const refused = await new HttpCoordinator({ baseUrl: url, timeoutMs: 2_000 }).capabilities();
  assert.deepEqual(refused.available, []);
  assert.match(refused.detail.CAN_LOCK.detail, /GET \/health failed: .*ECONNREFUSED/);

  const unset = await new HttpCoordinator({ baseUrl: '' }).capabilities();
  assert.deepEqual(unset.available, []);
  assert.match(unset.detail.CAN_DISCOVER.detail, /COORDINATION_API_URL is not set/);

  const env = await verify(s);
  assert.equal(env.tier, 'linear');
  assert.match(env.warnings.join('\n'), /lacks CAN_DISCOVER, CAN_QUEUE_WORK, CAN_LOCK .*GET \/health answered 503/);
});

test('a route that never answers is missing within the timeout; a hanging /health fails everything as fast', async () => {
  const s = await service({ hang: ['/discovery/agents'] });
  const started = Date.now();
  const report = await adapter(s, { timeoutMs: 300 }).capabilities();
  const took = Date.now() - started;
  assert.deepEqual(report.missing, ['CAN_DISCOVER']);
  assert.match(report.detail.CAN_DISCOVER.detail, /GET \/discovery\/agents did not answer within 300 ms/);
  assert.ok(took < 2_000, `took ${took} ms`);

  s.options.hang = ['/health'];
  const t2 = Date.now();
  const none = await adapter(s, { timeoutMs: 300 }).capabilities();
  assert.ok(Date.now() - t2 < 2_000);
  assert.deepEqual(none.available, []);
  assert.match(none.detail.CAN_LOCK.detail, /GET \/health did not answer within 300 ms/);

  // Operations time out as results, not throws.
  s.options.hang = ['/locks/acquire'];
  const claim = await adapter(s, { timeoutMs: 300 }).claimLocks({ repository: '/repo/t', changeId: 'slow', revision: 1, packages: [{ packageId: 'wp', keys: [], files: ['a.ts'] }] });
  assert.equal(claim.registered, false);
  assert.match(claim.registered === false ? claim.reason : '', /POST \/locks\/acquire did not answer within 300 ms/);
});

const REPO = '/work/repos/taskboard';
const changeLocks = (locks: Record<string, ChangeLocks>) => async (_repo: string, changeId: string): Promise<ChangeLocks> => locks[changeId] ?? { keys: [], files: [] };

test('a claim: one acquire per key and file as file_path, with the lease in minutes (1-480), then released', async () => {
  const s = await service();
  const packages = [
    { packageId: 'wp-api', keys: ['api:GET /api/tasks/overdue', 'db:schema:tasks'], files: ['src/api/tasks.ts'] },
    { packageId: 'wp-web', keys: ['db:schema:tasks'], files: ['web/board.ts'] },
  ];
  const all = { keys: ['api:GET /api/tasks/overdue', 'db:schema:tasks'], files: ['src/api/tasks.ts', 'web/board.ts'] };
  const coordinator = adapter(s, { changeLocks: changeLocks({ 'add-due-dates': all }) });
  const result = await coordinator.claimLocks({ repository: REPO, changeId: 'add-due-dates', revision: 2, holder: 'plan-add-due-dates-abc', packages, ttlMs: 10 * 60 * 60_000 });
  assert.equal(result.registered, true, result.registered ? '' : result.reason);
  if (!result.registered) return;
  assert.equal(result.registry, `coordination service ${s.url}`);
  assert.deepEqual(result.claim.keys, all.keys);
  assert.deepEqual(result.claim.files, all.files);
  assert.equal(result.claim.ttlMs, 480 * 60_000, 'a 10 h lease is cut to the service maximum');
  const acquires = s.requests.filter((r) => r.path === '/locks/acquire').map((r) => r.body as Record<string, unknown>);
  assert.deepEqual(acquires.map((b) => b.file_path), ['api:GET /api/tasks/overdue', 'db:schema:tasks', 'src/api/tasks.ts', 'web/board.ts']);
  const agent = lockAgentId(REPO, 'add-due-dates');
  assert.match(agent, /^parallel-plan:add-due-dates@[0-9a-f]{10}$/);
  for (const b of acquires) {
    assert.equal(b.agent_id, agent);
    assert.equal(b.agent_type, 'parallel-plan');
    assert.equal(b.ttl_minutes, 480);
    assert.match(String(b.reason), /^parallel-plan change add-due-dates revision 2, packages .*, holder plan-add-due-dates-abc$/);
  }
  assert.match(String(acquires[1]!.reason), /packages wp-api, wp-web/);
  assert.deepEqual([...s.locks.keys()].sort(), [...all.keys, ...all.files].sort());

  // A short lease is at least a minute.
  const short = await adapter(s).claimLocks({ repository: REPO, changeId: 'tiny', revision: 1, packages: [{ packageId: 'wp', keys: [], files: ['t.ts'] }], ttlMs: 5_000 });
  assert.equal(short.registered && short.claim.ttlMs, 60_000);

  // A renewal naming fewer packages (the dispatch's) refreshes those and releases the rest.
  const renewed = await coordinator.claimLocks({ repository: REPO, changeId: 'add-due-dates', revision: 2, holder: 'plan-add-due-dates-abc/dispatch', packages: [packages[1]!], ttlMs: 60 * 60_000 });
  assert.equal(renewed.registered, true);
  assert.equal(renewed.registered && renewed.replacedRevision, 2);
  assert.deepEqual([...s.locks.entries()].filter(([, l]) => l.locked_by === agent).map(([p]) => p).sort(), ['db:schema:tasks', 'web/board.ts']);

  // Release: every lock the change's work packages name that the service shows it holding.
  const released = await coordinator.releaseLocks({ changeId: 'add-due-dates', repository: REPO });
  assert.equal(released.error, undefined);
  assert.equal(released.released.length, 1);
  assert.deepEqual(released.released[0]!.keys, ['db:schema:tasks']);
  assert.deepEqual(released.released[0]!.files, ['web/board.ts']);
  assert.equal(released.released[0]!.revision, 2);
  assert.equal(released.released[0]!.holder, 'plan-add-due-dates-abc/dispatch');
  assert.deepEqual([...s.locks.keys()], ['t.ts']);
  assert.deepEqual((await coordinator.releaseLocks({ changeId: 'add-due-dates', repository: REPO })).released, [], 'nothing left');
  assert.match((await coordinator.releaseLocks({ changeId: 'add-due-dates' })).error ?? '', /name the repository/);
});

for (const conflictStatus of [409, 200] as const) {
  test(`a lock conflict (${conflictStatus === 409 ? '409' : '200 with success: false'}): not registered, holders named, locks acquired before it released`, async () => {
    const s = await service({ conflictStatus });
    // Another change of parallel-plan holds src/b.ts; an agent of the service holds src/d.ts.
    const other = adapter(s);
    const theirs = await other.claimLocks({ repository: REPO, changeId: 'rename-tasks', revision: 3, holder: 'plan-rename-tasks-xyz', packages: [{ packageId: 'wp-db', keys: [], files: ['src/b.ts'] }] });
    assert.equal(theirs.registered, true);
    s.locks.set('src/d.ts', { locked_by: 'claude-code-7', agent_type: 'claude_code', locked_at: new Date().toISOString(), expires_at: new Date(Date.now() + 3_600_000).toISOString(), reason: 'refactoring' });
    // This change already holds src/a.ts from an earlier claim: a refresh, kept after the refusal.
    const mine = adapter(s);
    const agent = lockAgentId(REPO, 'add-due-dates');
    assert.equal((await mine.claimLocks({ repository: REPO, changeId: 'add-due-dates', revision: 1, packages: [{ packageId: 'wp-api', keys: [], files: ['src/a.ts'] }] })).registered, true);

    const result = await mine.claimLocks({
      repository: REPO,
      changeId: 'add-due-dates',
      revision: 1,
      holder: 'plan-add-due-dates-abc',
      packages: [
        { packageId: 'wp-api', keys: ['api:GET /api/tasks'], files: ['src/a.ts', 'src/b.ts'] },
        { packageId: 'wp-web', keys: [], files: ['src/c.ts', 'src/d.ts'] },
      ],
    });
    assert.equal(result.registered, false);
    if (result.registered) return;
    assert.ok(result.conflict, result.reason);
    assert.equal(result.conflict.changeId, 'add-due-dates');
    assert.deepEqual(result.conflict.conflicts, [
      { changeId: 'rename-tasks', holder: 'plan-rename-tasks-xyz', revision: 3, keys: [], files: ['src/b.ts'], expiresAt: s.locks.get('src/b.ts')!.expires_at },
      { changeId: 'agent:claude-code-7', holder: 'claude-code-7', revision: 0, keys: [], files: ['src/d.ts'], expiresAt: s.locks.get('src/d.ts')!.expires_at },
    ]);
    assert.match(result.reason, /refused the claim: change 'rename-tasks' \(holder plan-rename-tasks-xyz, revision 3\) holds src\/b\.ts until .*; agent 'claude-code-7' holds src\/d\.ts/);
    assert.match(result.reason, /the 1 lock\(s\) it had acquired were released/);
    // All or nothing: api:GET /api/tasks (acquired before the refusal) is released, src/c.ts never taken,
    // src/a.ts (held before this claim) kept.
    assert.deepEqual(
      [...s.locks.entries()].map(([p, l]) => [p, l.locked_by]).sort(),
      [['src/a.ts', agent], ['src/b.ts', lockAgentId(REPO, 'rename-tasks')], ['src/d.ts', 'claude-code-7']].sort(),
    );
    assert.ok(s.requests.some((r) => r.path === '/locks/release' && (r.body as { file_path: string }).file_path === 'api:GET /api/tasks'));
    assert.equal(s.requests.filter((r) => r.path === '/locks/acquire' && (r.body as { file_path: string }).file_path === 'src/c.ts').length, 0, 'no acquire after the refusal');
  });
}

test('guardrails: the local check decides with the service\'s findings; an unreachable service leaves the local verdict with a warning', async () => {
  const s = await service({ protectedPaths: /\.env$/ });
  const coordinator = adapter(s);
  const ok = await coordinator.checkGuardrails({ changeId: 'add-x', paths: ['openspec/changes/add-x/proposal.md'] });
  assert.deepEqual(ok, { passed: true, violations: [] });
  const body = s.requests.find((r) => r.path === '/guardrails/check')!.body as { operation_text: string; file_paths: string[] };
  assert.deepEqual(body.file_paths, ['openspec/changes/add-x/proposal.md']);
  assert.match(body.operation_text, /add-x/);

  const flagged = await coordinator.checkGuardrails({ changeId: 'add-x', paths: ['openspec/changes/add-x/proposal.md', '.env'] });
  assert.equal(flagged.passed, false);
  assert.deepEqual(flagged.violations, ['.env: outside openspec/changes/add-x/', 'coordinator guardrails: protected_path (file, high, blocked): .env']);

  s.options.status = { '/guardrails/check': 500 };
  const local = await coordinator.checkGuardrails({ changeId: 'add-x', paths: ['README.md'] });
  assert.equal(local.passed, false);
  assert.deepEqual(local.violations, ['README.md: outside openspec/changes/add-x/']);
  assert.match(local.warnings?.[0] ?? '', /did not check the plan's writes \(POST \/guardrails\/check answered 500.*\); only the local check ran/);
});

test('discover: the service\'s agents as plans in flight (parallel-plan agents as their change, in their own repository only)', async () => {
  const s = await service({
    agents: [
      { agent_id: 'claude-code-7', agent_type: 'claude_code', status: 'active', current_task: 'refactor tasks', capabilities: ['coding'] },
      { agent_id: lockAgentId(REPO, 'rename-tasks'), agent_type: 'parallel-plan', status: 'idle' },
      { agent_id: lockAgentId('/elsewhere', 'other-repo-change'), agent_type: 'parallel-plan', status: 'active' },
      { agent_id: 'gone-agent', status: 'disconnected' },
    ],
  });
  const found = await adapter(s).discover({ repository: REPO });
  assert.deepEqual(found, [
    { changeId: 'agent:claude-code-7', repository: REPO, workflowId: null, state: 'running', revision: null, claim: null },
    { changeId: 'rename-tasks', repository: REPO, workflowId: null, state: 'running', revision: null, claim: null },
    { changeId: 'other-repo-change', repository: null, workflowId: null, state: 'running', revision: null, claim: null },
  ]);
  s.options.status = { '/discovery/agents': 500 };
  await assert.rejects(adapter(s).discover({ repository: REPO }), /discovery failed: GET \/discovery\/agents answered 500/);
});

test("the service's other operations: work submit, handoff, memory, policy, audit", async () => {
  const s = await service();
  const c = adapter(s);
  const submitted = await c.submitWork({ task_type: 'implementation', task_description: 'wp-api of add-due-dates', input_data: { change_id: 'add-due-dates' }, priority: 1, depends_on: [] });
  assert.equal(submitted.ok, true);
  assert.equal(s.tasks.length, 1);
  assert.deepEqual(s.tasks[0], { id: (submitted.ok && (submitted.body as { task_id: string }).task_id) || '', task_type: 'implementation', task_description: 'wp-api of add-due-dates', input_data: { change_id: 'add-due-dates' }, priority: 1, depends_on: [] });

  const published = await c.publishHandoff({ repository: REPO, changeId: 'add-due-dates', revision: 1, approvedBy: 'alice', artifacts: ['openspec/changes/add-due-dates/proposal.md'], decisions: ['conflict verdict: FULL'], nextSteps: ['/parallel-implement-feature add-due-dates'] });
  assert.equal(published.published, true);
  assert.equal(s.handoffs[0]!.agent_id, lockAgentId(REPO, 'add-due-dates'));
  assert.match(String(s.handoffs[0]!.summary), /add-due-dates revision 1 approved by alice/);

  assert.equal((await c.storeMemory({ agent_id: 'parallel-plan', event_type: 'plan_approved', summary: 'add-due-dates', tags: ['plan'] })).ok, true);
  const memories = await c.queryMemory({ agent_id: 'parallel-plan', event_type: 'plan_approved' });
  assert.equal(memories.ok && (memories.body as { memories: unknown[] }).memories.length, 1);
  const policy = await c.checkPolicy({ agent_id: 'parallel-plan', operation: 'force_push' });
  assert.deepEqual(policy.ok && (policy.body as { allowed: boolean }).allowed, false);
  const audit = await c.queryAudit({ limit: 2 });
  assert.equal(audit.ok && (audit.body as { entries: unknown[] }).entries.length, 2);
  assert.ok(s.requests.some((r) => r.path === '/audit?limit=2'));

  s.options.status = { '/handoffs/write': 500 };
  const failed = await c.publishHandoff({ repository: REPO, changeId: 'x', revision: 1, approvedBy: 'a', artifacts: [], decisions: [], nextSteps: [] });
  assert.equal(failed.published, false);
});

test('configuration from the environment; `--coordinator http` on the CLI', () => {
  assert.deepEqual(httpCoordinatorOptionsFromEnv({ COORDINATION_API_URL: ' http://coord:8081/ ', COORDINATION_API_KEY: 'k', COORDINATION_API_TIMEOUT_MS: '1500' }), {
    baseUrl: 'http://coord:8081/',
    apiKey: 'k',
    timeoutMs: 1500,
  });
  assert.deepEqual(httpCoordinatorOptionsFromEnv({ COORDINATION_API_TIMEOUT_MS: 'soon' }), {});
  assert.equal(new HttpCoordinator({ baseUrl: 'http://coord:8081/' }).baseUrl, 'http://coord:8081');
  const bin = fileURLToPath(new URL('../../../bin/parallel-plan.js', import.meta.url));
  const help = spawnSync(process.execPath, [bin, 'plan', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout.replace(/\s+/g, ' '), /--coordinator <kind>.*choices: "temporal", "http", "none"/);
});

test('a plan with coordinator http on the dev server: coordinated at approval, its locks registered with the service on approval', async () => {
  const s = await service();
  const { client: envClient } = await testEnv();
  const repo = await exampleWithNoChangeInFlight('taskboard');
  const stateDir = mkdtempSync(join(tmpdir(), 'pp-http-plan-'));
  const prepared = await preparePlan({
    request: 'add due dates to tasks: store the due date in the database and add an API endpoint that lists overdue tasks',
    repo,
    stateDir,
    coordinator: 'http',
  });
  assert.equal(prepared.input.coordinator, 'http');
  await withWorker(createActivities({ client: envClient, http: { baseUrl: s.url, apiKey: KEY, timeoutMs: 5_000 } }), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    const status = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 }).catch(async (err: unknown) => {
      const st = await handle.query(statusQuery);
      throw new Error(`${String(err)}: ${st.error ?? ''} ${st.warnings.join('; ')}`);
    });
    assert.equal(status.state, 'awaiting-approval', status.error);
    assert.equal(status.tier, 'coordinated', status.warnings.join('\n'));
    assert.equal(status.capabilities?.coordinator, 'http');
    assert.deepEqual(status.capabilities?.missing, []);
    assert.ok(s.requests.some((r) => r.path === '/discovery/agents'), 'step 2 asked the service for agents in flight');

    const wp = parse(readFileSync(join(repo, 'openspec/changes', prepared.input.changeId, 'work-packages.yaml'), 'utf8')) as { packages: Array<{ locks: { keys: string[]; files: string[] } }> };
    const expected = [...new Set(wp.packages.flatMap((p) => [...p.locks.keys.filter((k) => !k.startsWith('env:')), ...p.locks.files]))].sort();
    assert.ok(expected.length > 0);
    assert.equal(s.locks.size, 0, 'nothing locked before the approval');

    await decide(handle, 'approve', { by: 'alice' });
    const result = await planResult(handle);
    assert.equal(result.state, 'approved');
    const handoff = JSON.parse(readFileSync(join(repo, result.handoff!.path), 'utf8'));
    assert.equal(handoff.lock_registration.coordinator, 'http');
    assert.equal(handoff.lock_registration.registered, true, JSON.stringify(handoff.lock_registration));
    assert.equal(handoff.lock_registration.registry, `coordination service ${s.url}`);
    assert.equal(handoff.guardrails.passed, true, handoff.guardrails.violations.join('; '));
    assert.equal(handoff.coordinator_handoff.published, true);
    const agent = lockAgentId(repo, prepared.input.changeId);
    assert.deepEqual([...s.locks.keys()].sort(), expected);
    assert.ok([...s.locks.values()].every((l) => l.locked_by === agent && l.reason?.includes(handle.workflowId)));
    assert.equal(s.handoffs.length, 1);
    assert.equal(s.handoffs[0]!.agent_id, agent);
    assert.deepEqual([...new Set(s.requests.map((r) => r.apiKey))], [KEY]);
  });
});
