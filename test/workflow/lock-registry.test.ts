/**
 * The lock registry entity workflow on a real dev server: claims, conflicts naming the holder and
 * keys, re-claims replacing a change's own claim, release, leases expiring on workflow time,
 * validators refusing malformed claims, and continue-as-new carrying the claims over.
 */
import { until } from '../helpers/wait.js';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import {
  claimLocksUpdate,
  LOCK_CONFLICT,
  locksQuery,
  releaseLocksUpdate,
  type ClaimLocksInput,
  type LockConflictDetail,
} from '../../src/shared/lock-messages.js';
import type { LockRegistryInput } from '../../src/workflows/lockRegistry.js';
import { closeTestEnv, testEnv, uniqueTaskQueue, workflowBundle } from '../helpers/temporal.js';

after(closeTestEnv);

/**
 * Every scenario runs twice: with the worker's sticky cache, and with none, so each workflow task
 * rebuilds the run from history. Both must produce the same commands (history replays), then the
 * recorded history is replayed once more against the bundle.
 */
const MODES = [
  { name: 'cached', maxCachedWorkflows: undefined },
  { name: 'rebuilt from history on every task', maxCachedWorkflows: 0 },
] as const;

async function withRegistryWorker(
  mode: (typeof MODES)[number],
  fn: (ctx: { client: Client; taskQueue: string; started: WorkflowHandle[] }) => Promise<void>,
): Promise<void> {
  const env = await testEnv();
  const taskQueue = uniqueTaskQueue('registry');
  const worker = await Worker.create({
    connection: env.connection,
    namespace: env.namespace,
    taskQueue,
    workflowBundle: await workflowBundle(),
    ...(mode.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: mode.maxCachedWorkflows }),
  });
  const started: WorkflowHandle[] = [];
  await worker.runUntil(fn({ client: env.client, taskQueue, started }));
  for (const h of started) {
    const history = await h.fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), replayName: h.workflowId }, history, h.workflowId);
  }
}

const REPO = '/repos/taskboard';

async function startRegistry(ctx: { client: Client; taskQueue: string; started: WorkflowHandle[] }, input: LockRegistryInput = {}): Promise<WorkflowHandle> {
  const h = await ctx.client.workflow.start('lockRegistryWorkflow', { workflowId: `test-lock-registry-${randomUUID()}`, taskQueue: ctx.taskQueue, args: [input] });
  ctx.started.push(h);
  return h;
}

const claim = (changeId: string, packages: Array<[string, string[], string[]]>, extra: Partial<ClaimLocksInput> = {}): ClaimLocksInput => ({
  repository: REPO,
  changeId,
  revision: 1,
  holder: `plan-${changeId}`,
  packages: packages.map(([packageId, keys, files]) => ({ packageId, keys, files })),
  ...extra,
});

/** The ApplicationFailure under an update failure. */
function failure(err: unknown): { type?: string; message: string; details?: unknown[] } {
  assert.ok(err instanceof WorkflowUpdateFailedError, `expected WorkflowUpdateFailedError, got ${String(err)}`);
  const cause = err.cause as { type?: string; message: string; details?: unknown[] };
  return cause;
}


for (const mode of MODES) {
  test(`a claim is registered; another change claiming the same keys or files gets LockConflict naming holder and keys (${mode.name})`, async () => {
    await withRegistryWorker(mode, async (ctx) => {
      const h = await startRegistry(ctx);
      const first = await h.executeUpdate(claimLocksUpdate, {
        args: [claim('add-due-dates', [['wp-db', ['db:schema:tasks'], ['src/db/schema.sql']], ['wp-api', ['api:GET /tasks/overdue'], []]])],
      });
      assert.equal(first.replacedRevision, null);
      assert.deepEqual(first.claim.keys, ['api:GET /tasks/overdue', 'db:schema:tasks']);
      assert.ok(first.claim.expiresAtMs > Date.parse(first.claim.claimedAt));

      const view = await h.query(locksQuery);
      assert.deepEqual(view.claims.map((c) => c.changeId), ['add-due-dates']);

      await assert.rejects(
        h.executeUpdate(claimLocksUpdate, { args: [claim('add-priorities', [['wp-db', ['db:schema:tasks', 'db:schema:labels'], ['src/db/schema.sql']]])] }),
        (err: unknown) => {
          const f = failure(err);
          assert.equal(f.type, LOCK_CONFLICT);
          assert.match(f.message, /change 'add-due-dates'/);
          assert.match(f.message, /plan-add-due-dates/);
          assert.match(f.message, /keys db:schema:tasks/);
          assert.match(f.message, /files src\/db\/schema\.sql/);
          assert.doesNotMatch(f.message, /db:schema:labels/, 'only the contested keys are named');
          const detail = f.details?.[0] as LockConflictDetail;
          assert.deepEqual(detail.conflicts.map((c) => [c.changeId, c.keys, c.files]), [['add-due-dates', ['db:schema:tasks'], ['src/db/schema.sql']]]);
          return true;
        },
      );
      // All or nothing: the refused claim holds nothing.
      assert.deepEqual((await h.query(locksQuery)).claims.map((c) => c.changeId), ['add-due-dates']);

      // Disjoint keys, and the same keys in another repository, do not conflict.
      await h.executeUpdate(claimLocksUpdate, { args: [claim('add-labels', [['wp-db', ['db:schema:labels'], []]])] });
      await h.executeUpdate(claimLocksUpdate, { args: [claim('add-due-dates', [['wp-db', ['db:schema:tasks'], []]], { repository: '/repos/other' })] });
      const after = await h.query(locksQuery);
      assert.deepEqual(after.claims.map((c) => `${c.repository}:${c.changeId}`), ['/repos/other:add-due-dates', `${REPO}:add-due-dates`, `${REPO}:add-labels`]);
    });
  });

  test(`the same change re-claiming (a new revision) replaces its own claim and frees what it dropped (${mode.name})`, async () => {
    await withRegistryWorker(mode, async (ctx) => {
      const h = await startRegistry(ctx);
      await h.executeUpdate(claimLocksUpdate, { args: [claim('add-comments', [['wp-db', ['db:schema:comments', 'api:POST /comments'], []]])] });
      const second = await h.executeUpdate(claimLocksUpdate, {
        args: [claim('add-comments', [['wp-db', ['db:schema:comments'], []], ['wp-api', ['api:GET /comments'], []]], { revision: 2 })],
      });
      assert.equal(second.replacedRevision, 1);
      const view = await h.query(locksQuery);
      assert.equal(view.claims.length, 1);
      assert.equal(view.claims[0]!.revision, 2);
      assert.deepEqual(view.claims[0]!.keys, ['api:GET /comments', 'db:schema:comments']);
      // The dropped key is free for another change now.
      await h.executeUpdate(claimLocksUpdate, { args: [claim('other-change', [['wp', ['api:POST /comments'], []]])] });
    });
  });

  test(`release by change id frees the claim; releasing an unknown change releases nothing (${mode.name})`, async () => {
    await withRegistryWorker(mode, async (ctx) => {
      const h = await startRegistry(ctx);
      await h.executeUpdate(claimLocksUpdate, { args: [claim('change-a', [['wp', ['event:task.created'], ['a.ts']]])] });
      const none = await h.executeUpdate(releaseLocksUpdate, { args: [{ changeId: 'unknown-change' }] });
      assert.deepEqual(none.released, []);
      const { released } = await h.executeUpdate(releaseLocksUpdate, { args: [{ changeId: 'change-a', repository: REPO }] });
      assert.deepEqual(released.map((c) => c.changeId), ['change-a']);
      assert.deepEqual((await h.query(locksQuery)).claims, []);
      await h.executeUpdate(claimLocksUpdate, { args: [claim('change-b', [['wp', ['event:task.created'], ['a.ts']]])] });
    });
  });

  test(`validators refuse malformed claims and releases before they enter history (${mode.name})`, async () => {
    await withRegistryWorker(mode, async (ctx) => {
      const h = await startRegistry(ctx);
      const bad: Array<[unknown, RegExp]> = [
        [{ ...claim('x', []), changeId: '' }, /changeId/],
        [{ ...claim('x', []), changeId: '../escape' }, /changeId/],
        [{ ...claim('x', []), revision: 0 }, /revision/],
        [{ ...claim('x', []), packages: 'wp' }, /packages must be an array/],
        [claim('x', [['wp', ['not a key'], []]]), /lock key 'not a key' unrecognized namespace prefix/],
        [claim('x', [['wp', [], ['']]]), /empty or overlong file/],
        [claim('x', [['wp', [], []], ['wp', [], []]]), /appears twice/],
        [{ ...claim('x', []), ttlMs: -5 }, /ttlMs/],
        [{ ...claim('x', []), repository: '' }, /repository/],
      ];
      for (const [input, pattern] of bad) {
        await assert.rejects(h.executeUpdate(claimLocksUpdate, { args: [input as ClaimLocksInput] }), (err: unknown) => {
          assert.match(failure(err).message, /malformed lock claim/);
          assert.match(failure(err).message, pattern);
          return true;
        });
      }
      await assert.rejects(h.executeUpdate(releaseLocksUpdate, { args: [{ changeId: 42 } as never] }), (err: unknown) => {
        assert.match(failure(err).message, /malformed lock release: changeId/);
        return true;
      });
      assert.deepEqual((await h.query(locksQuery)).claims, []);
      const events = (await h.fetchHistory()).events ?? [];
      assert.equal(events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length, 0, 'rejected updates leave no trace in history');
    });
  });

  test(`a lease not renewed expires on workflow time; a renewed one stays (${mode.name})`, async () => {
    await withRegistryWorker(mode, async (ctx) => {
      const h = await startRegistry(ctx);
      const t0 = Date.now();
      await h.executeUpdate(claimLocksUpdate, { args: [claim('vanished-holder', [['wp', ['flag:darkmode'], []]], { ttlMs: 2_000 })] });
      const t1 = Date.now();
      await h.executeUpdate(claimLocksUpdate, { args: [claim('renewing-holder', [['wp', ['flag:beta'], []]], { ttlMs: 4_000 })] });
      await assert.rejects(h.executeUpdate(claimLocksUpdate, { args: [claim('newcomer', [['wp', ['flag:darkmode'], []]])] }), (err: unknown) => {
        assert.equal(failure(err).type, LOCK_CONFLICT);
        assert.match(failure(err).message, /change 'vanished-holder'/);
        return true;
      });

      // Renewed 2 s into a 4 s lease: a loaded machine has 2 s of slack before the renewal is late.
      await new Promise((r) => setTimeout(r, 2_000));
      await h.executeUpdate(claimLocksUpdate, { args: [claim('renewing-holder', [['wp', ['flag:beta'], []]], { ttlMs: 10_000 })] });

      // The registry's own timer drops the expired lease: the query shows it gone without any update.
      const view = await until('the lease to expire', async () => {
        const v = await h.query(locksQuery);
        return v.claims.some((c) => c.changeId === 'vanished-holder') ? undefined : v;
      });
      assert.ok(Date.now() - t0 >= 2_000, 'not before its lease ended');
      assert.deepEqual(view.claims.map((c) => c.changeId), ['renewing-holder'], 'the renewed lease is still held');
      // Past the end of the first lease, the renewal is what keeps it.
      await new Promise((r) => setTimeout(r, Math.max(0, t1 + 5_000 - Date.now())));
      assert.deepEqual((await h.query(locksQuery)).claims.map((c) => c.changeId), ['renewing-holder'], 'the renewal outlived the first lease');
      await h.executeUpdate(claimLocksUpdate, { args: [claim('newcomer', [['wp', ['flag:darkmode'], []]])] });

      const events = (await h.fetchHistory()).events ?? [];
      assert.ok(events.some((e) => e.timerFiredEventAttributes), 'expiry ran on a workflow timer');
    });
  });

  test(`continue-as-new carries the claims over to the next run (${mode.name})`, async () => {
    await withRegistryWorker(mode, async (ctx) => {
      const { client } = ctx;
      const h = await startRegistry(ctx, { continueAsNewAfterEvents: 25 });
      const firstRun = (await h.describe()).runId;
      for (let i = 0; i < 12; i++) {
        await h.executeUpdate(claimLocksUpdate, { args: [claim(`change-${i}`, [['wp', [`env:slot-${i}`], [`f${i}.ts`]]])] });
      }
      const view = await until('a continue-as-new', async () => {
        const v = await h.query(locksQuery);
        return v.runs > 1 ? v : undefined;
      });
      assert.notEqual((await h.describe()).runId, firstRun);
      assert.equal(view.claims.length, 12);
      assert.deepEqual(view.claims.map((c) => c.changeId).sort(), Array.from({ length: 12 }, (_, i) => `change-${i}`).sort());
      // Conflicts are still detected against claims made in the earlier run.
      await assert.rejects(h.executeUpdate(claimLocksUpdate, { args: [claim('late', [['wp', ['env:slot-3'], []]])] }), (err: unknown) => {
        assert.equal(failure(err).type, LOCK_CONFLICT);
        assert.match(failure(err).message, /change 'change-3'/);
        return true;
      });
      const old = client.workflow.getHandle(h.workflowId, firstRun);
      assert.equal((await old.describe()).status.name, 'CONTINUED_AS_NEW');
    });
  });

  test(`update-with-start starts the registry and claims in one call; a second one joins the running registry (${mode.name})`, async () => {
    await withRegistryWorker(mode, async (ctx) => {
      const workflowId = `test-lock-registry-${randomUUID()}`;
      const start = () =>
        new WithStartWorkflowOperation('lockRegistryWorkflow', { workflowId, taskQueue: ctx.taskQueue, args: [{}], workflowIdConflictPolicy: 'USE_EXISTING' });
      const a = await ctx.client.workflow.executeUpdateWithStart(claimLocksUpdate, { args: [claim('change-a', [['wp', ['env:alpha'], []]])], startWorkflowOperation: start() });
      assert.equal(a.claim.changeId, 'change-a');
      await assert.rejects(
        ctx.client.workflow.executeUpdateWithStart(claimLocksUpdate, { args: [claim('change-b', [['wp', ['env:alpha'], []]])], startWorkflowOperation: start() }),
        (err: unknown) => failure(err).type === LOCK_CONFLICT,
      );
      const h = ctx.client.workflow.getHandle(workflowId);
      ctx.started.push(h);
      assert.deepEqual((await h.query(locksQuery)).claims.map((c) => c.changeId), ['change-a']);
    });
  });
}
