/**
 * Durability: SIGKILL the worker process while a step runs, start a new worker, and the plan
 * completes; activities that had completed are not executed again (asserted from history).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import proto from '@temporalio/proto';
import { exampleWithNoChangeInFlight } from '../helpers/authoring.js';
import { projectRoot } from '../../src/config/paths.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { decide, planResult, planStatus, startPlan, waitForState } from '../../src/service/plans.js';
import { hasLivePoller } from '../../src/service/inline-worker.js';
import { closeTestEnv, testEnv, uniqueTaskQueue } from '../helpers/temporal.js';

after(closeTestEnv);

const workerScript = fileURLToPath(new URL('../../src/worker.js', import.meta.url));

// The worker caches its workflow bundle in its state folder: a temporary one, never the home folder.
const workerHome = mkdtempSync(join(tmpdir(), 'pp-crash-home-'));

function startWorkerProcess(address: string, taskQueue: string): ChildProcess {
  const env = { ...process.env, TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: 'default', PARALLEL_PLAN_TASK_QUEUE: taskQueue, PARALLEL_PLAN_HOME: workerHome };
  return spawn(process.execPath, [workerScript], { env, stdio: ['ignore', 'ignore', 'pipe'] });
}

async function until(what: string, fn: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a worker killed mid-step is replaced and the plan completes without redoing finished steps', async () => {
  const { client, address } = await testEnv();
  const taskQueue = uniqueTaskQueue('crash');
  const repo = await exampleWithNoChangeInFlight('taskboard');
  // The author is an agent script that thinks for 8 s: step 3 is reliably still running when the
  // worker is killed, however loaded the machine is.
  const prepared = await preparePlan({
    request: 'add an endpoint to archive completed tasks',
    repo,
    stateDir: mkdtempSync(join(tmpdir(), 'pp-crash-state-')),
    authorCommand: `${process.execPath} ${join(projectRoot, 'test/fixtures/agents/slow-correct.mjs')}`,
  });

  let worker = startWorkerProcess(address, taskQueue);
  const exits: Array<Promise<unknown>> = [];
  try {
    await until('the first worker to poll', () => hasLivePoller(client, taskQueue), 120_000);
    const handle = await startPlan(client, prepared, taskQueue);
    // The status query turns to step 3 as soon as the workflow schedules it; the kill must come
    // after the worker has picked the task up, or the new worker would run it as attempt 1.
    await until('step 3 to start on the first worker', async () => {
      if ((await planStatus(handle)).currentStep !== 'scaffold-proposal') return false;
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      return pending.some((a) => a.activityType?.name === 'scaffoldProposal' && a.state === proto.temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED);
    }, 300_000);
    const killed = new Promise((r) => worker.once('exit', r));
    worker.kill('SIGKILL');
    await killed;

    worker = startWorkerProcess(address, taskQueue);
    exits.push(new Promise((r) => worker.once('exit', r)));
    const status = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(status.state, 'awaiting-approval', status.error);
    assert.equal(status.validation?.passed, true);

    await decide(handle, 'approve', { by: 'ops' });
    const result = await planResult(handle);
    assert.equal(result.state, 'approved');

    const events = (await handle.fetchHistory()).events ?? [];
    const typeOf = new Map<string, string>();
    const scheduled = new Map<string, number>();
    const completed = new Map<string, number>();
    for (const e of events) {
      const s = e.activityTaskScheduledEventAttributes;
      if (s) {
        const type = s.activityType?.name ?? '';
        typeOf.set(String(e.eventId), type);
        scheduled.set(type, (scheduled.get(type) ?? 0) + 1);
      }
      const c = e.activityTaskCompletedEventAttributes;
      if (c) {
        const type = typeOf.get(String(c.scheduledEventId)) ?? '';
        completed.set(type, (completed.get(type) ?? 0) + 1);
      }
    }
    for (const type of ['verifyEnvironment', 'mergeContext', 'scaffoldProposal', 'generateContracts', 'generateWorkPackages', 'validatePlan']) {
      assert.equal(scheduled.get(type), 1, `${type} scheduled once`);
      assert.equal(completed.get(type), 1, `${type} completed once`);
    }
    // Steps 1 and 2 had completed before the kill and ran exactly once (above); step 3 was
    // running and is the only one retried, on the new worker.
    const attempts = (type: string): number[] =>
      events
        .filter((e) => e.activityTaskStartedEventAttributes && typeOf.get(String(e.activityTaskStartedEventAttributes.scheduledEventId)) === type)
        .map((e) => e.activityTaskStartedEventAttributes!.attempt ?? 1);
    assert.ok(Math.max(...attempts('scaffoldProposal')) >= 2, `scaffoldProposal retried after the kill (attempts ${attempts('scaffoldProposal').join(',')})`);
    for (const type of ['verifyEnvironment', 'mergeContext']) assert.deepEqual(attempts(type), [1], `${type} ran once`);
  } finally {
    worker.kill('SIGTERM');
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 15_000))]);
  }
});
