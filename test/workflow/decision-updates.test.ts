/**
 * Decisions as updates on a real dev server: the plan's validator refuses a decision in the wrong
 * state, from someone the policy does not allow, or request-changes without a comment, with the
 * reason and without entering history; two decisions sent at once (approve --no-wait and
 * reject --no-wait) are one accepted and one refused; an approval answers with its handoff.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { createActivities } from '../../src/activities/index.js';
import { exampleWithNoChangeInFlight } from '../helpers/authoring.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { decide, planResult, planStatus, startPlan, waitForState } from '../../src/service/plans.js';
import { requestChangesUpdate } from '../../src/shared/messages.js';
import { PlanError } from '../../src/errors.js';
import { closeTestEnv, testEnv, withWorker } from '../helpers/temporal.js';

after(closeTestEnv);

const stateDir = mkdtempSync(join(tmpdir(), 'pp-updates-'));
const refusedWith = (pattern: RegExp) => (err: unknown) => {
  assert.ok(err instanceof PlanError, `expected a PlanError, got ${String(err)}`);
  assert.equal(err.type, 'BadInput');
  assert.match(err.message, pattern);
  return true;
};

test('the plan refuses decisions it cannot take, says why, and takes exactly one of two sent at once', async () => {
  const repo = await exampleWithNoChangeInFlight('taskboard');
  const prepared = await preparePlan({ request: 'add task priorities', repo, stateDir, approvers: ['alice', 'bob'] });
  await withWorker(createActivities({ client: (await testEnv()).client }), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    // While it runs, a decision is refused (the plan's own check, not the caller's).
    await assert.rejects(decide(handle, 'approve', { by: 'alice' }), refusedWith(/not awaiting approval|already/));
    const ready = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(ready.state, 'awaiting-approval', ready.error);

    await assert.rejects(decide(handle, 'approve', { by: 'mallory' }), refusedWith(/mallory may not decide on this plan \(approvers: alice, bob\)/));
    // A caller that skips the client's checks meets the validator.
    await assert.rejects(handle.executeUpdate(requestChangesUpdate, { args: [{ by: 'alice' }] }), (err: unknown) => {
      assert.ok(err instanceof WorkflowUpdateFailedError);
      assert.match(err.cause?.message ?? '', /request-changes needs a comment/);
      return true;
    });
    assert.equal((await planStatus(handle)).decisions.length, 0, 'refused decisions are not recorded');

    const both = await Promise.allSettled([
      decide(handle, 'approve', { by: 'alice' }, { wait: false }),
      decide(handle, 'reject', { by: 'bob' }, { wait: false }),
    ]);
    const taken = both.filter((r) => r.status === 'fulfilled');
    const refused = both.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(taken.length, 1, 'one decision is accepted');
    assert.equal(refused.length, 1, 'the other is refused');
    assert.match(String((refused[0]!.reason as Error).message), /already has a decision: (approve by alice|reject by bob)/);
    const result = await planResult(handle);
    const winner = (taken[0] as PromiseFulfilledResult<{ kind: string }>).value.kind;
    assert.equal(result.state, winner === 'approve' ? 'approved' : 'rejected');
    await assert.rejects(decide(handle, 'reject', { by: 'bob' }), refusedWith(/is (approved|rejected), not awaiting approval/));
  });
});

test('two people planning the same change id in one repository: the second is told which plan runs and how to see it', async () => {
  const repo = await exampleWithNoChangeInFlight('taskboard');
  const first = await preparePlan({ request: 'add task priorities', repo, stateDir });
  // The second derives the same id: the first has not written its change folder yet (staged).
  const second = await preparePlan({ request: 'add task priorities', repo, stateDir });
  assert.equal(second.input.changeId, first.input.changeId);
  const { client } = await testEnv();
  const handle = await startPlan(client, first, 'no-worker-polls-this-queue');
  try {
    await assert.rejects(startPlan(client, second, 'no-worker-polls-this-queue'), refusedWith(new RegExp(`a plan for change '${first.input.changeId}' in .* is already running \\(workflow ${first.workflowId}\\)`)));
  } finally {
    await handle.terminate('test done');
  }
});

test('an approval answers with its outcome: state, revision and the handoff record', async () => {
  const repo = await exampleWithNoChangeInFlight('taskboard');
  const prepared = await preparePlan({ request: 'add task priorities', repo, stateDir });
  await withWorker(createActivities({ client: (await testEnv()).client }), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    const changed = await decide(handle, 'request-changes', { by: 'carol', comment: 'priorities are low, normal and high' });
    assert.deepEqual([changed.outcome?.state, changed.outcome?.revision, changed.outcome?.nextRevision], ['running', 1, 2]);
    await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000, afterRevision: 1 });
    const approved = await decide(handle, 'approve', { by: 'carol' });
    assert.equal(approved.outcome?.state, 'approved');
    assert.equal(approved.outcome?.revision, 2);
    assert.ok(approved.outcome?.handoff, 'the handoff record');
    assert.ok(existsSync(join(prepared.input.repoDir, approved.outcome.handoff.path)));
  });
});

test('a revision nobody decides on within --approval-timeout ends the plan as expired', async () => {
  const repo = await exampleWithNoChangeInFlight('taskboard');
  await assert.rejects(preparePlan({ request: 'add task priorities', repo, stateDir, approvalTimeout: 'soon' }), refusedWith(/--approval-timeout 'soon' is not a duration/));
  const prepared = await preparePlan({ request: 'add task priorities', repo, stateDir, approvalTimeout: '3s' });
  await withWorker(createActivities({ client: (await testEnv()).client }), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    const ready = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(ready.state, 'awaiting-approval', ready.error);
    const result = await planResult(handle);
    assert.equal(result.state, 'expired');
    const status = await planStatus(handle);
    assert.ok(status.warnings.some((w) => /no decision within 3s: the plan expired/.test(w)), status.warnings.join('\n'));
    await assert.rejects(decide(handle, 'approve', { by: 'alice' }), refusedWith(/is expired, not awaiting approval/));
  });
});
