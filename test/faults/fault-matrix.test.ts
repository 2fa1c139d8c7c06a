/**
 * The fault matrix (run with `npm run test:faults`): for every step of a plan (1-7, a context
 * facet, a context code shard and the context merge), a worker process is SIGKILLed while that
 * step's activity runs, and another worker takes over. The first worker holds the activity once
 * its work is done and before it reports (PARALLEL_PLAN_INJECT_FAULTS=hold=<activity>, a
 * test-only switch): the hardest moment, since its files are written and the retry on the new
 * worker writes them again.
 *
 * Each case checks that the plan completes after approval; that in the plan's and its children's
 * histories every activity completed once and only the killed one ran a second attempt; and that
 * every artifact's sha256 on disk is the one recorded in the status, with no temporary file or
 * stage left in the change folder.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import proto from '@temporalio/proto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { preparePlan } from '../../src/service/plan-request.js';
import { decide, planResult, planStatus, startPlan, waitForState } from '../../src/service/plans.js';
import { hasLivePoller } from '../../src/service/inline-worker.js';
import { closeTestEnv, testEnv, uniqueTaskQueue } from '../helpers/temporal.js';
import { exampleWithNoChangeInFlight } from '../helpers/authoring.js';
import { until } from '../helpers/wait.js';

after(closeTestEnv);

const workerScript = fileURLToPath(new URL('../../src/worker.js', import.meta.url));
// Workers cache their workflow bundle in their state folder: one temporary folder for all.
const workerHome = mkdtempSync(join(tmpdir(), 'pp-faults-home-'));

const CASES = [
  { step: '1 verify-environment', activity: 'verifyEnvironment' },
  { step: '2 gather-context: a facet (changes in flight)', activity: 'contextChanges' },
  { step: '2 gather-context: a code shard', activity: 'contextCodeShard' },
  { step: '2 gather-context: the merge', activity: 'mergeContext' },
  { step: '3 scaffold-proposal', activity: 'scaffoldProposal' },
  { step: '4 generate-contracts', activity: 'generateContracts' },
  { step: '5 generate-work-packages', activity: 'generateWorkPackages' },
  { step: '6 validate', activity: 'validatePlan' },
  { step: '7 record-decision (after approval)', activity: 'recordDecision' },
] as const;

function startWorker(address: string, taskQueue: string, hold?: string): { proc: ChildProcess; held: Promise<void>; exited: Promise<unknown> } {
  const env: NodeJS.ProcessEnv = { ...process.env, TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: 'default', PARALLEL_PLAN_TASK_QUEUE: taskQueue, PARALLEL_PLAN_HOME: workerHome };
  if (hold) env.PARALLEL_PLAN_INJECT_FAULTS = `hold=${hold}`;
  else delete env.PARALLEL_PLAN_INJECT_FAULTS;
  const proc = spawn(process.execPath, [workerScript], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const held = new Promise<void>((resolve) => {
    proc.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (hold && stderr.includes(`holding activity ${hold} after its work`)) resolve();
    });
  });
  const exited = new Promise((r) => proc.once('exit', r));
  return { proc, held, exited };
}

/** The plan's history and those of its child workflows (context facets), each as its events. */
async function histories(client: Client, handle: WorkflowHandle): Promise<Array<{ workflowId: string; events: proto.temporal.api.history.v1.IHistoryEvent[] }>> {
  const out: Array<{ workflowId: string; events: proto.temporal.api.history.v1.IHistoryEvent[] }> = [];
  const visit = async (h: WorkflowHandle): Promise<void> => {
    const events = (await h.fetchHistory()).events ?? [];
    out.push({ workflowId: h.workflowId, events });
    for (const e of events) {
      const child = e.childWorkflowExecutionStartedEventAttributes?.workflowExecution;
      if (child?.workflowId) await visit(client.workflow.getHandle(child.workflowId, child.runId ?? undefined));
    }
  };
  await visit(handle);
  return out;
}

/** Per activity type: how often it completed, and the attempt of each run's last start. */
function activityRuns(events: proto.temporal.api.history.v1.IHistoryEvent[]): Map<string, { completed: number; attempts: number[] }> {
  const typeOf = new Map<string, string>();
  const runs = new Map<string, { completed: number; attempts: number[] }>();
  const entry = (type: string) => runs.get(type) ?? runs.set(type, { completed: 0, attempts: [] }).get(type)!;
  for (const e of events) {
    const s = e.activityTaskScheduledEventAttributes;
    if (s) typeOf.set(String(e.eventId), s.activityType?.name ?? '');
    const st = e.activityTaskStartedEventAttributes;
    if (st) entry(typeOf.get(String(st.scheduledEventId)) ?? '').attempts.push(st.attempt ?? 1);
    const c = e.activityTaskCompletedEventAttributes;
    if (c) entry(typeOf.get(String(c.scheduledEventId)) ?? '').completed++;
  }
  return runs;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

test('fault matrix: a worker killed in any step is replaced; the plan completes, nothing runs twice, no artifact is torn', { concurrency: 3 }, async (t) => {
  const { client, address } = await testEnv();
  // Cases run three at a time, each on its own task queue: most of a case is waiting for the heartbeat timeout.
  await Promise.all(CASES.map((c) =>
    t.test(`step ${c.step}: ${c.activity}`, async () => {
      const taskQueue = uniqueTaskQueue(`faults-${c.activity}`);
      const repo = await exampleWithNoChangeInFlight('taskboard');
      const prepared = await preparePlan({
        request: 'add an endpoint that lists overdue tasks',
        repo,
        stateDir: mkdtempSync(join(tmpdir(), 'pp-faults-state-')),
      });
      const first = startWorker(address, taskQueue, c.activity);
      let second: ReturnType<typeof startWorker> | undefined;
      try {
        await until('the first worker to poll', async () => (await hasLivePoller(client, taskQueue)) || undefined, 120_000);
        const handle = await startPlan(client, prepared, taskQueue);
        if (c.activity === 'recordDecision') {
          await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
          await decide(handle, 'approve', { by: 'ops' }, { wait: false });
        }
        // The held activity has done its work on the first worker and is STARTED on the server.
        await Promise.race([first.held, first.exited.then(() => Promise.reject(new Error('the first worker exited before the hold')))]);
        if (c.activity !== 'contextChanges' && c.activity !== 'contextCodeShard') {
          const pending = (await handle.describe()).raw.pendingActivities ?? [];
          assert.ok(
            pending.some((a) => a.activityType?.name === c.activity && a.state === proto.temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED),
            `${c.activity} is running when the worker is killed`,
          );
        }
        first.proc.kill('SIGKILL');
        await first.exited;
        // What ran at the kill, in the plan and its children (read before another worker starts):
        // only these may run again.
        const running = new Set<string>();
        for (const h of await histories(client, handle)) {
          const d = await client.workflow.getHandle(h.workflowId).describe();
          for (const a of d.raw.pendingActivities ?? []) running.add(`${h.workflowId}/${a.activityType?.name}`);
        }

        second = startWorker(address, taskQueue);
        if (c.activity !== 'recordDecision') {
          const waiting = await waitForState(handle, ['awaiting-approval', 'failed'], { timeoutMs: 300_000 });
          assert.equal(waiting.state, 'awaiting-approval', waiting.error);
          assert.equal(waiting.validation?.passed, true);
          await decide(handle, 'approve', { by: 'ops' });
        }
        const result = await planResult(handle);
        assert.equal(result.state, 'approved', JSON.stringify(result));

        // History: every call completed once; the held activity ran a second attempt on the new
        // worker; no other activity did, but those running beside it at the kill (parallel facets).
        // The plan scheduled each of its steps once: nothing that had completed was run again.
        let killedRetried = false;
        for (const h of await histories(client, handle)) {
          for (const [type, r] of activityRuns(h.events)) {
            assert.equal(r.completed, r.attempts.length, `${h.workflowId}: every ${type} call completed (${JSON.stringify(r)})`);
            if (type === c.activity && r.attempts.some((a) => a >= 2)) killedRetried = true;
            else if (!running.has(`${h.workflowId}/${type}`)) assert.ok(r.attempts.every((a) => a === 1), `${h.workflowId}: ${type} ran once per call, not again after the kill (attempts ${r.attempts.join(',')})`);
          }
        }
        assert.ok(killedRetried, `${c.activity} ran a second attempt on the new worker`);
        const planRuns = activityRuns((await handle.fetchHistory()).events ?? []);
        for (const type of ['verifyEnvironment', 'mergeContext', 'scaffoldProposal', 'generateContracts', 'generateWorkPackages', 'validatePlan', 'recordDecision']) {
          assert.deepEqual(planRuns.get(type)?.attempts.length, 1, `the plan scheduled ${type} once`);
        }

        // Artifacts: on disk exactly as recorded; nothing half-written or staged left behind.
        const status = await planStatus(handle);
        assert.ok(status.artifacts.length >= 5, JSON.stringify(status.artifacts));
        for (const a of status.artifacts) {
          const digest = createHash('sha256').update(readFileSync(join(repo, a.path))).digest('hex');
          assert.equal(digest, a.sha256, `${a.path} on disk is the recorded one`);
        }
        const changeFolder = join(repo, 'openspec/changes', prepared.input.changeId);
        const recorded = new Set(status.artifacts.map((a) => relative(changeFolder, join(repo, a.path))));
        for (const f of filesUnder(changeFolder)) {
          assert.doesNotMatch(f, /\.tmp$/, `no temporary file left: ${f}`);
          assert.ok(recorded.has(f) || f === 'handoff.json', `${f} is an artifact of the plan`);
        }
      } finally {
        first.proc.kill('SIGKILL');
        second?.proc.kill('SIGTERM');
        await Promise.race([Promise.all([first.exited, second?.exited]), new Promise((r) => setTimeout(r, 15_000))]);
      }
    }),
  ));
});
