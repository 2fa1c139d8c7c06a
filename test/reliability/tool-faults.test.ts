/**
 * Transient tool failures on a real dev server, injected with the test-only switch
 * PARALLEL_PLAN_INJECT_FAULTS (src/adapters/fault-injection.ts): git, openspec and Prism each fail
 * once and the plan still reaches awaiting approval, the failed activities retried with backoff
 * (seen as attempts in history); PostgreSQL failing every time ends the plan after its retries with
 * a report naming the tool and its output; the external author (an agent command) failing once is
retried too. Two workers poll the queue meanwhile. (Validation runs
 * openspec, psql and Prism in one activity of three attempts: two of them may fail once.)
 */
import { test, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities/index.js';
import { resetInjectedFaults } from '../../src/adapters/fault-injection.js';
import { prepareExample } from '../../src/examples/prepare.js';
import { projectRoot } from '../../src/config/paths.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { startPlan, waitForState } from '../../src/service/plans.js';
import { closeTestEnv, testEnv, uniqueTaskQueue, workflowBundle } from '../helpers/temporal.js';

after(closeTestEnv);
afterEach(() => {
  delete process.env.PARALLEL_PLAN_INJECT_FAULTS;
  resetInjectedFaults();
});
const stateDir = mkdtempSync(join(tmpdir(), 'pp-tool-faults-'));
const REQUEST = 'add due dates to tasks: store the due date in the database and add an API endpoint that lists overdue tasks';

/** Two workers on one queue (the faults are counted per process: both share this one's counter). */
async function withTwoWorkers<T>(fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const env = await testEnv();
  const taskQueue = uniqueTaskQueue('faults');
  const make = async () =>
    Worker.create({ connection: env.connection, namespace: env.namespace, taskQueue, workflowBundle: await workflowBundle(), activities: createActivities({ client: env.client }) });
  const [a, b] = [await make(), await make()];
  return a.runUntil(b.runUntil(fn(taskQueue)));
}

/** Attempts of each activity type that ran more than once, from history. */
async function retried(handle: Awaited<ReturnType<typeof startPlan>>): Promise<Record<string, number>> {
  const history = await handle.fetchHistory();
  const typeOf = new Map<string, string>();
  const out: Record<string, number> = {};
  for (const e of history.events ?? []) {
    if (e.activityTaskScheduledEventAttributes) typeOf.set(String(e.eventId), e.activityTaskScheduledEventAttributes.activityType?.name ?? '?');
    const started = e.activityTaskStartedEventAttributes;
    if (started && (started.attempt ?? 1) > 1) {
      const type = typeOf.get(String(started.scheduledEventId)) ?? '?';
      out[type] = Math.max(out[type] ?? 0, started.attempt ?? 1);
    }
  }
  return out;
}

/** A plan on the example started with `faults` injected, on two workers; `check` sees it once it settles. */
async function planWithFaults(
  faults: string,
  extra: { authorCommand?: string },
  check: (handle: Awaited<ReturnType<typeof startPlan>>, status: Awaited<ReturnType<typeof waitForState>>) => Promise<void>,
): Promise<void> {
  const { client } = await testEnv();
  const prepared = await preparePlan({ request: REQUEST, repo: await prepareExample('taskboard'), stateDir, ...extra });
  process.env.PARALLEL_PLAN_INJECT_FAULTS = faults;
  await withTwoWorkers(async (taskQueue) => {
    const handle = await startPlan(client, prepared, taskQueue);
    await check(handle, await waitForState(handle, ['awaiting-approval', 'failed'], { timeoutMs: 240_000 }));
    await handle.terminate('test done').catch(() => undefined);
  });
}

test('git, openspec and Prism failing once each are retried with backoff and the plan completes its steps', () =>
  planWithFaults('git=1,openspec=1,prism=1', {}, async (handle, status) => {
    assert.equal(status.state, 'awaiting-approval', status.error);
    assert.equal(status.validation?.passed, true);
    const attempts = await retried(handle);
    // git fails in step 1; openspec and Prism inside validation (one attempt each).
    assert.ok((attempts.verifyEnvironment ?? 0) >= 2, JSON.stringify(attempts));
    assert.ok((attempts.validatePlan ?? 0) >= 3, `openspec, then Prism failed an attempt each: ${JSON.stringify(attempts)}`);
    assert.ok(['postgres', 'prism'].every((t) => status.validation!.checks.some((c) => c.name === `contracts: ${t}` && c.passed && !c.skipped)), 'PostgreSQL and Prism ran in the end');
  }));

test('the external author failing once is retried with backoff and its second attempt writes the proposal', () =>
  planWithFaults('author=1', { authorCommand: `${process.execPath} ${join(projectRoot, 'test/fixtures/agents/correct.mjs')}` }, async (handle, status) => {
    assert.equal(status.state, 'awaiting-approval', status.error);
    assert.equal(status.validation?.passed, true);
    assert.ok(((await retried(handle)).scaffoldProposal ?? 0) >= 2, 'step 3 ran a second attempt after the agent command failed');
  }));

test('PostgreSQL failing every time ends the plan after its retries, naming the tool and its output', () =>
  planWithFaults('postgres=always', {}, async (handle, status) => {
    assert.equal(status.state, 'failed');
    assert.equal(status.steps.validate.status, 'failed');
    assert.match(status.error ?? '', /psql \(apply schema\.sql\) failed \(injected fault 3\): exit code 1; stderr: postgres: simulated crash/);
    assert.equal((await retried(handle)).validatePlan, 3, 'the tools profile allows three attempts');
  }));
