/**
 * Continue-as-new on a real dev server: a plan whose history passes `continueAsNewAfterEvents`
 * continues as new at its safe points (awaiting a decision, and between a request-changes and
 * the next revision) and looks the same to its users: the status query answers as before with
 * the revision counting on, earlier revisions' digests kept, the context gathered once (again only
 * for a rebase), decisions by update and by signal taken, the search attributes carried, one entry
 * in the plan listing, and the result of the workflow id's handle is the last run's approval. Every
 * run's history replays against the current bundle. An approval timeout keeps its deadline across
 * runs.
 */
import { untilQuiet as until } from '../helpers/wait.js';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities/index.js';
import { exampleWithNoChangeInFlight } from '../helpers/authoring.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { decide, listPlans, planResult, planStatus, startPlan, waitForState } from '../../src/service/plans.js';
import { requestChangesSignal } from '../../src/shared/messages.js';
import type { PlanContinuation, PlanInput, PlanStatus } from '../../src/shared/plan-types.js';
import { PlanRevisionKey, PlanStatusKey } from '../../src/workflows/search-attributes.js';
import { closeTestEnv, testEnv, withWorker, workflowBundle } from '../helpers/temporal.js';

after(closeTestEnv);

const stateDir = mkdtempSync(join(tmpdir(), 'pp-continue-'));


interface Run {
  runId: string;
  status: string;
  /** The run's input: `continued` is what the run before it carried over. */
  input: PlanInput;
  inputBytes: number;
  /** The last event: how the run ended. */
  ended: string;
  events: number;
}

/** Every run of a workflow id, oldest first, with its input and how it ended (from its history). */
async function runsOf(client: Client, workflowId: string, expected: number): Promise<Run[]> {
  const executions = await until(`${expected} runs of ${workflowId} in visibility`, async () => {
    const xs: Array<{ runId: string; status: string; start: number }> = [];
    for await (const wf of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) xs.push({ runId: wf.runId, status: wf.status.name, start: wf.startTime.getTime() });
    return xs.length === expected && xs.every((x) => x.status !== 'RUNNING') ? xs : undefined;
  });
  const runs: Run[] = [];
  for (const x of executions.sort((a, b) => a.start - b.start)) {
    const events = (await client.workflow.getHandle(workflowId, x.runId).fetchHistory()).events ?? [];
    const payload = events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    assert.ok(payload, `run ${x.runId} has its input`);
    const last = events[events.length - 1]!;
    const ended = Object.keys(last).find((k) => k.endsWith('EventAttributes') && (last as Record<string, unknown>)[k]) ?? '?';
    runs.push({ runId: x.runId, status: x.status, input: JSON.parse(Buffer.from(payload).toString('utf8')) as PlanInput, inputBytes: payload.length, ended, events: events.length });
  }
  return runs;
}

async function replayAll(client: Client, workflowId: string, runs: Run[]): Promise<void> {
  for (const r of runs) {
    const history = await client.workflow.getHandle(workflowId, r.runId).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), replayName: `${workflowId}@${r.runId}` }, history, workflowId);
  }
}

const awaiting = (handle: WorkflowHandle, afterRevision?: number): Promise<PlanStatus> =>
  waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000, ...(afterRevision !== undefined ? { afterRevision } : {}) });

test('a plan continues as new at its safe points: revisions count on, nothing is lost, decisions by update and signal, the approval has its handoff', async () => {
  const repo = await exampleWithNoChangeInFlight('taskboard');
  const prepared = await preparePlan({ request: 'add task priorities', repo, stateDir });
  // One event is enough: every safe point of a run that did something continues as new.
  prepared.input.continueAsNewAfterEvents = 1;
  await withWorker(createActivities({ client: (await testEnv()).client }), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    const firstRun = (await handle.describe()).runId;

    const r1 = await awaiting(handle);
    assert.equal(r1.state, 'awaiting-approval', r1.error);
    assert.equal(r1.revision, 1);
    // The first run continued as new while awaiting the decision; the next one answers the same.
    const continued = await until('the first continue-as-new', async () => {
      const s = await planStatus(handle);
      return (s.runs ?? 1) > 1 ? s : undefined;
    });
    assert.notEqual((await handle.describe()).runId, firstRun);
    const same = (s: PlanStatus) => ({ ...s, runs: undefined });
    assert.deepEqual(same(continued), same(r1), 'the continued run answers the status the first run left');
    assert.equal((await client.workflow.getHandle(handle.workflowId, firstRun).describe()).status.name, 'CONTINUED_AS_NEW');
    const firstEvents = (await client.workflow.getHandle(handle.workflowId, firstRun).fetchHistory()).events ?? [];
    assert.ok(firstEvents[firstEvents.length - 1]?.workflowExecutionContinuedAsNewEventAttributes, 'the first run ends in WorkflowExecutionContinuedAsNew');

    // Request-changes by update, on a run the first one continued into.
    const changed = await decide(handle, 'request-changes', { by: 'carol', comment: 'priorities are low, normal and high' });
    assert.deepEqual([changed.outcome?.state, changed.outcome?.revision, changed.outcome?.nextRevision], ['running', 1, 2]);
    const r2 = await awaiting(handle, 1);
    assert.equal(r2.revision, 2, r2.error);
    assert.deepEqual(r2.earlierRevisions, [{ revision: 1, artifacts: r1.artifacts }]);

    // Request-changes by signal, with a rebase: the context is gathered again, once.
    await handle.signal(requestChangesSignal, { by: 'dave', comment: 'sort the board by priority', rebase: true });
    const r3 = await awaiting(handle, 2);
    assert.equal(r3.revision, 3, r3.error);

    const approved = await decide(handle, 'approve', { by: 'carol' });
    assert.equal(approved.outcome?.state, 'approved');
    assert.equal(approved.outcome?.revision, 3);
    assert.ok(approved.outcome?.handoff, 'the approval answers with the handoff record');
    assert.ok(existsSync(join(repo, approved.outcome.handoff.path)));

    // The workflow id's handle follows the runs to the last one's result.
    const result = await planResult(handle);
    assert.equal(result.state, 'approved');
    assert.equal(result.revision, 3);
    assert.deepEqual(result.handoff, approved.outcome.handoff);
    assert.equal(result.decision?.by, 'carol');

    const status = await planStatus(handle);
    assert.equal(status.state, 'approved');
    assert.equal(status.revision, 3);
    assert.deepEqual(status.earlierRevisions, [
      { revision: 1, artifacts: r1.artifacts },
      { revision: 2, artifacts: r2.artifacts },
    ]);
    assert.deepEqual(
      status.decisions.map((d) => [d.kind, d.by, d.revision, d.rebase ?? false]),
      [
        ['request-changes', 'carol', 1, false],
        ['request-changes', 'dave', 2, true],
        ['approve', 'carol', 3, false],
      ],
    );
    assert.equal(status.steps['verify-environment'].attempts, 1, 'step 1 ran once over all runs');
    assert.equal(status.steps['gather-context'].attempts, 2, 'the context was gathered once, and again for the rebase only');
    assert.equal(status.steps['present-for-approval'].attempts, 3, 'each revision was presented once');
    assert.equal(status.tier, r1.tier);
    assert.deepEqual(status.capabilities, r1.capabilities);
    assert.equal(status.baseCommit, r1.baseCommit);
    for (const w of r1.warnings) assert.ok(status.warnings.includes(w), `warning kept: ${w}`);
    assert.match(readFileSync(join(repo, `openspec/changes/${prepared.input.changeId}/work-packages.yaml`), 'utf8'), /plan_revision: 3/);

    // Runs: continued at both kinds of safe point, then completed; small inputs (refs, not files).
    const runs = await runsOf(client, handle.workflowId, status.runs ?? 1);
    assert.ok(runs.length >= 4, `continued as new at least three times (${runs.length} runs)`);
    assert.equal(runs[0]!.runId, firstRun);
    assert.equal(runs[0]!.input.continued, undefined);
    assert.deepEqual(
      runs.map((r) => r.ended),
      [...runs.slice(1).map(() => 'workflowExecutionContinuedAsNewEventAttributes'), 'workflowExecutionCompletedEventAttributes'],
    );
    const phases = runs.slice(1).map((r) => (r.input.continued as PlanContinuation).phase);
    assert.ok(phases.includes('await-decision') && phases.includes('next-revision'), phases.join(', '));
    const proposal = readFileSync(join(repo, `openspec/changes/${prepared.input.changeId}/proposal.md`), 'utf8');
    const line = proposal.split('\n').find((l) => l.trim().length > 40) ?? proposal.slice(0, 60);
    for (const r of runs.slice(1)) {
      const carried = r.input.continued!;
      assert.ok(r.inputBytes < 256 * 1024, `run input ${r.inputBytes} bytes`);
      assert.ok(!JSON.stringify(carried).includes(line.trim()), 'no file contents are carried');
      assert.equal(carried.contextRef.sha256, carried.status.context?.ref.sha256);
    }
    // Each later run's history is one stretch of the plan, none longer than the first run's.
    assert.ok(runs.every((r) => r.events <= firstEvents.length), runs.map((r) => r.events).join(', '));

    const desc = await handle.describe();
    assert.equal(desc.typedSearchAttributes.get(PlanStatusKey), 'approved');
    assert.equal(desc.typedSearchAttributes.get(PlanRevisionKey), 3);
    const listed = await until('the listing', async () => {
      const xs = (await listPlans(client, { limit: 1000 })).filter((p) => p.workflowId === handle.workflowId);
      return xs.length === 1 && xs[0]!.state === 'approved' ? xs : undefined;
    });
    assert.equal(listed[0]!.runId, runs[runs.length - 1]!.runId, 'the plan is listed once, as its current run');

    await replayAll(client, handle.workflowId, runs);
  });
});

test('an approval timeout keeps its deadline when the plan continues as new while awaiting a decision', async () => {
  const repo = await exampleWithNoChangeInFlight('taskboard');
  const prepared = await preparePlan({ request: 'add task priorities', repo, stateDir, approvalTimeout: '8s', coordinator: 'none' });
  prepared.input.continueAsNewAfterEvents = 1;
  const env = await testEnv();
  const taskQueue = `continue-nocache-${Date.now()}`;
  // No sticky cache: every workflow task rebuilds the run from its history.
  const worker = await Worker.create({
    connection: env.connection,
    namespace: env.namespace,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ client: env.client }),
    maxCachedWorkflows: 0,
  });
  await worker.runUntil(async () => {
    const handle = await startPlan(env.client, prepared, taskQueue);
    const ready = await awaiting(handle);
    assert.equal(ready.state, 'awaiting-approval', ready.error);
    const result = await planResult(handle);
    assert.equal(result.state, 'expired');
    const status = await planStatus(handle);
    assert.ok(status.warnings.some((w) => /no decision within 8s: the plan expired/.test(w)), status.warnings.join('\n'));
    const runs = await runsOf(env.client, handle.workflowId, status.runs ?? 1);
    assert.equal(runs.length, 2, 'continued once, then waited out the deadline');
    const deadline = Date.parse(runs[1]!.input.continued!.approvalDeadline!);
    const presented = Date.parse(status.steps['validate'].startedAt!) + (status.steps['validate'].ms ?? 0);
    assert.ok(deadline - presented <= 8_000 + 1_000 && deadline - presented >= 8_000 - 1_000, `deadline ${deadline - presented} ms after the revision was presented`);
    const closed = (await handle.describe()).closeTime!.getTime();
    assert.ok(closed - deadline < 5_000, `expired ${closed - deadline} ms after the deadline`);
    await replayAll(env.client, handle.workflowId, runs);
  });
});
