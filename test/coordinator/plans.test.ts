/**
 * The coordinator inside real plans on a real dev server: step 1's capability report and tier,
 * approval registering lock claims in the registry, a second approved plan with overlapping
 * locks recording the conflict (and keeping its approval), a rejection releasing the claim.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createActivities } from '../../src/activities/index.js';
import { prepareExample } from '../../src/examples/prepare.js';
import { exampleWithNoChangeInFlight } from '../helpers/authoring.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { decide, planResult, startPlan, waitForState } from '../../src/service/plans.js';
import { lockRegistryWorkflowId, locksQuery } from '../../src/shared/lock-messages.js';
import { statusQuery } from '../../src/shared/messages.js';
import { TemporalCoordinator } from '../../src/coordinator/temporal.js';
import { closeTestEnv, testEnv, withWorker } from '../helpers/temporal.js';

after(closeTestEnv);

const stateDir = mkdtempSync(join(tmpdir(), 'pp-coordinator-plans-'));

test("--coordinator none: the none adapter's empty report forces the linear tier", async () => {
  const repo = await prepareExample('taskboard');
  const prepared = await preparePlan({ request: 'add task priorities', repo, stateDir, coordinator: 'none' });
  await withWorker(createActivities({ client: (await testEnv()).client }), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    const status = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(status.tier, 'linear');
    assert.equal(status.capabilities?.coordinator, 'none');
    assert.deepEqual(status.capabilities?.available, []);
    assert.ok(status.warnings.some((w) => w.includes('linear tier') && w.includes('--coordinator none')));
    await handle.terminate('test done');
  });
});

test('a worker without a Temporal client degrades to the linear tier, naming the missing capabilities', async () => {
  const repo = await prepareExample('taskboard');
  const prepared = await preparePlan({ request: 'add task priorities', repo, stateDir });
  await withWorker(createActivities(), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    const status = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(status.tier, 'linear');
    assert.equal(status.capabilities?.coordinator, 'temporal');
    assert.ok(status.capabilities?.missing.includes('CAN_QUEUE_WORK'), 'no client: no dispatch can be started');
    const warning = status.warnings.find((w) => w.includes('linear tier'));
    assert.ok(warning, status.warnings.join('\n'));
    assert.match(warning, /lacks CAN_DISCOVER, CAN_QUEUE_WORK, CAN_LOCK/);
    assert.match(warning, /no Temporal client/);
    assert.equal(status.steps['generate-work-packages'].status, 'skipped');
    await handle.terminate('test done');
  });
});

test('approvals register lock claims; a second plan with overlapping locks records the conflict; a rejection releases', async () => {
  const { client: envClient } = await testEnv();
  const repo = await exampleWithNoChangeInFlight('taskboard');
  const request = 'add due dates to tasks: store the due date in the database and add an API endpoint that lists overdue tasks';
  const first = await preparePlan({ request, repo, stateDir, changeId: 'add-task-due-dates' });
  const second = await preparePlan({ request, repo, stateDir, changeId: 'add-overdue-listing' });
  await withWorker(createActivities({ client: envClient }), async ({ client, taskQueue }) => {
    const registry = client.workflow.getHandle(lockRegistryWorkflowId(taskQueue));
    const [h1, h2] = await Promise.all([startPlan(client, first, taskQueue), startPlan(client, second, taskQueue)]);
    // On failure the status says why (which check, with its first issues).
    const settle = async (h: typeof h1) =>
      waitForState(h, ['awaiting-approval'], { timeoutMs: 300_000 }).catch(async (err: unknown) => {
        const st = await h.query(statusQuery);
        throw new Error(`${String(err)}: ${st.error ?? ''} ${JSON.stringify(st.validation?.checks.filter((c) => !c.passed))}`);
      });
    const [s1, s2] = await Promise.all([settle(h1), settle(h2)]);
    for (const s of [s1, s2]) {
      assert.equal(s.state, 'awaiting-approval', s.error);
      assert.equal(s.tier, 'coordinated');
      assert.deepEqual(s.capabilities?.missing, [], 'the policy comes from the repository (none here), the memory is the repository memory workflow');
    }
    // The keys a change holds until it lands: env: keys are run-time resources, not registered.
    const keysOf = (changeId: string): string[] => {
      const wp = parse(readFileSync(join(repo, 'openspec/changes', changeId, 'work-packages.yaml'), 'utf8'));
      const keys = wp.packages.flatMap((p: { locks: { keys: string[] } }) => p.locks.keys) as string[];
      return [...new Set(keys.filter((k) => !k.startsWith('env:')))].sort();
    };
    const overlap = keysOf('add-task-due-dates').filter((k) => keysOf('add-overdue-listing').includes(k));
    assert.ok(overlap.length > 0, 'the two plans lock some of the same keys');

    // First approval: the other plan's change is on disk, unarchived, with overlapping packages:
    // refused until acknowledged. Then the claim is registered and visible through the registry's
    // `locks` query.
    await assert.rejects(decide(h1, 'approve', { by: 'alice' }), /approval refused: (PARTIAL|SEQUENTIAL) \(\d+ of \d+ packages conflict: .*\): .*the unarchived change add-overdue-listing .*--acknowledge-conflicts/);
    assert.equal(existsSync(join(repo, 'openspec/changes/add-task-due-dates/handoff.json')), false, 'a refused approval writes no handoff');
    await decide(h1, 'approve', { by: 'alice', acknowledgeConflicts: true });
    const r1 = await planResult(h1);
    assert.equal(r1.state, 'approved');
    const handoff1 = JSON.parse(readFileSync(join(repo, r1.handoff!.path), 'utf8'));
    assert.equal(handoff1.lock_registration.registered, true, JSON.stringify(handoff1.lock_registration));
    assert.match(handoff1.conflict_verdict, /^(PARTIAL|SEQUENTIAL)$/);
    assert.equal(handoff1.conflicts_acknowledged, true);
    assert.equal(handoff1.lock_registration.registry, lockRegistryWorkflowId(taskQueue));
    assert.ok(handoff1.lock_claims.every((c: { registered: boolean }) => c.registered));
    const view = await registry.query(locksQuery);
    const claim = view.claims.find((c) => c.changeId === 'add-task-due-dates');
    assert.ok(claim, 'the approved claim is in the registry');
    assert.equal(claim.repository, repo);
    assert.equal(claim.holder, h1.workflowId);
    assert.deepEqual(claim.keys, keysOf('add-task-due-dates'));
    // Lease from work-packages.yaml's lock_ttl_minutes.
    assert.ok(claim.ttlMs >= 60_000);

    // Second approval: refused while the first holds the locks (verdict named), nothing written;
    // acknowledged, it stands and the conflict is recorded in handoff.json and the warnings.
    await assert.rejects(decide(h2, 'approve', { by: 'bob' }), (err: unknown) => {
      assert.match(String((err as Error).message), /approval refused: (PARTIAL|SEQUENTIAL) \(\d+ of \d+ packages conflict: .*\): .*add-task-due-dates.*--acknowledge-conflicts/);
      return true;
    });
    assert.equal((await h2.query(statusQuery)).state, 'awaiting-approval');
    assert.equal(existsSync(join(repo, 'openspec/changes/add-overdue-listing/handoff.json')), false, 'a refused approval writes no handoff');
    const acknowledged = await decide(h2, 'approve', { by: 'bob', acknowledgeConflicts: true });
    assert.match(acknowledged.outcome?.verdict ?? '', /^(PARTIAL|SEQUENTIAL)$/);
    const r2 = await planResult(h2);
    assert.equal(r2.state, 'approved');
    const handoff2 = JSON.parse(readFileSync(join(repo, r2.handoff!.path), 'utf8'));
    assert.equal(handoff2.lock_registration.registered, false);
    assert.equal(handoff2.conflicts_acknowledged, true);
    assert.equal(handoff2.conflict_verdict, acknowledged.outcome?.verdict);
    assert.deepEqual(handoff2.lock_registration.conflicts.map((c: { changeId: string }) => c.changeId), ['add-task-due-dates']);
    assert.deepEqual(handoff2.lock_registration.conflicts[0].keys, overlap);
    assert.ok(handoff2.lock_claims.every((c: { registered: boolean }) => !c.registered));
    const contested = handoff2.lock_claims.filter((c: { conflict?: unknown }) => c.conflict);
    assert.ok(contested.length > 0);
    assert.equal(contested[0].conflict.held_by[0].change_id, 'add-task-due-dates');
    assert.equal(contested[0].conflict.held_by[0].holder, h1.workflowId);
    const status2 = await h2.query('status') as { warnings: string[] };
    const warning = status2.warnings.find((w) => w.includes('lock claims were not registered'));
    assert.ok(warning, status2.warnings.join('\n'));
    assert.match(warning, /change 'add-task-due-dates'/);
    assert.ok(overlap.every((k) => warning.includes(k)), 'the warning names the contested keys');
    assert.deepEqual((await registry.query(locksQuery)).claims.map((c) => c.changeId), ['add-task-due-dates']);

    // Planning the first change again and rejecting it releases its claim.
    const again = await startPlan(client, first, taskQueue);
    const replanned = await settle(again);
    assert.equal(replanned.state, 'awaiting-approval', `${replanned.error ?? ''} ${JSON.stringify(replanned.validation?.checks.filter((c) => !c.passed))}`);
    await decide(again, 'reject', { by: 'carol' });
    assert.equal((await planResult(again)).state, 'rejected');
    assert.deepEqual((await registry.query(locksQuery)).claims, []);
  });
});

test('step 2: a registry claim of a change not on disk joins the changes in flight and the packages name the collision', async () => {
  const { client: envClient } = await testEnv();
  const repo = await exampleWithNoChangeInFlight('taskboard');
  const prepared = await preparePlan({
    request: 'add due dates to tasks: store the due date in the database and add an API endpoint that lists overdue tasks',
    repo,
    stateDir,
  });
  await withWorker(createActivities({ client: envClient }), async ({ client, taskQueue }) => {
    // An approved change whose folder is on another branch: only the registry knows its claim.
    const elsewhere = await new TemporalCoordinator({ client, taskQueue }).claimLocks({
      repository: repo,
      changeId: 'rename-task-table',
      revision: 1,
      holder: 'plan-rename-task-table-elsewhere',
      packages: [{ packageId: 'wp-api', keys: ['api:GET /api/tasks/overdue'], files: [] }],
    });
    assert.equal(elsewhere.registered, true);

    const handle = await startPlan(client, prepared, taskQueue);
    const status = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(status.state, 'awaiting-approval', status.error);
    const inFlight = status.context?.changesInFlight.find((c) => c.id === 'rename-task-table');
    assert.ok(inFlight, `discovered change missing from ${JSON.stringify(status.context?.changesInFlight)}`);
    assert.deepEqual(inFlight.lockKeys, ['api:GET /api/tasks/overdue']);

    const wp = parse(readFileSync(join(repo, 'openspec/changes', prepared.input.changeId, 'work-packages.yaml'), 'utf8'));
    const locking = wp.packages.filter((p: { locks: { keys: string[] } }) => p.locks.keys.includes('api:GET /api/tasks/overdue'));
    assert.ok(locking.length > 0, `the plan locks the same endpoint: ${JSON.stringify(wp.packages.map((p: { locks: unknown }) => p.locks))}`);
    for (const p of locking) assert.match(p.description, /rename-task-table/, `${p.package_id} names the collision`);

    await assert.rejects(decide(handle, 'approve', { by: 'erin' }), /approval refused: PARTIAL \(1 of \d+ packages conflict: .*rename-task-table/);
    await decide(handle, 'approve', { by: 'erin', acknowledgeConflicts: true });
    const result = await planResult(handle);
    const handoff = JSON.parse(readFileSync(join(repo, result.handoff!.path), 'utf8'));
    assert.equal(handoff.lock_registration.registered, false);
    assert.equal(handoff.lock_registration.conflicts[0].changeId, 'rename-task-table');
  });
});
