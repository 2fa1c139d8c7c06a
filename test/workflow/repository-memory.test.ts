/**
 * The repository memory: its state logic (bounds, truncation, order, duplicates, validation) and
 * the entity workflow on a real dev server: lessons remembered by update-with-start through the
 * Temporal coordinator, the `lessons` query with filters, a malformed lesson refused before it
 * enters history, and continue-as-new carrying the lessons; with and without the worker's cache,
 * each history replayed against the bundle.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { TemporalCoordinator } from '../../src/coordinator/temporal.js';
import { lessonsQuery, MAX_LESSON_TEXT, MAX_LESSONS, memoryWorkflowId, rememberLessonUpdate, type RememberLessonInput } from '../../src/shared/memory-messages.js';
import { lessonInputProblem, RepositoryMemory } from '../../src/workflows/memory-state.js';
import { closeTestEnv, testEnv, uniqueTaskQueue, workflowBundle } from '../helpers/temporal.js';

after(closeTestEnv);

const REPO = '/repos/taskboard';
const lesson = (i: number, extra: Partial<RememberLessonInput['lesson']> = {}): RememberLessonInput => ({
  repository: REPO,
  lesson: { kind: 'changes-requested', changeId: `change-${i}`, revision: 1, by: 'alice', text: `lesson ${i}`, ...extra },
});

test('state: newest first, bounded to MAX_LESSONS (oldest dropped and counted), texts cut, duplicates kept once', () => {
  const memory = new RepositoryMemory(undefined, REPO);
  for (let i = 0; i < MAX_LESSONS + 5; i++) memory.remember(lesson(i), Date.UTC(2025, 0, 1) + i * 1000);
  const view = memory.view(undefined, Date.UTC(2025, 1, 1));
  assert.equal(view.total, MAX_LESSONS);
  assert.equal(view.dropped, 5);
  assert.equal(view.lessons[0]!.changeId, `change-${MAX_LESSONS + 4}`, 'newest first');
  assert.equal(view.lessons.at(-1)!.changeId, 'change-5', 'the five oldest were dropped');
  assert.equal(view.lessons[0]!.at, new Date(Date.UTC(2025, 0, 1) + (MAX_LESSONS + 4) * 1000).toISOString(), 'workflow time when no time is given');

  const long = memory.remember(lesson(999, { text: 'x'.repeat(5_000) }), 0);
  assert.equal(long.lesson.text.length, MAX_LESSON_TEXT);
  assert.ok(long.lesson.text.endsWith('…'));
  const again = memory.remember(lesson(999, { text: 'x'.repeat(5_000) }), 1);
  assert.equal(again.duplicate, true, 'a retried activity does not add the lesson twice');
  assert.equal(again.total, MAX_LESSONS);

  memory.remember(lesson(1000, { kind: 'rejected', at: '2025-03-01T00:00:00.000Z' }), 2);
  assert.deepEqual(memory.lessons({ kinds: ['rejected'] }).map((l) => l.changeId), ['change-1000']);
  assert.deepEqual(memory.lessons({ changeId: 'change-999' }).map((l) => l.changeId), ['change-999']);
  assert.equal(memory.lessons({ limit: 3 }).length, 3);
  assert.equal(memory.lessons({ limit: 0 }).length, 0);
  assert.equal(memory.lessons()[0]!.at, '2025-03-01T00:00:00.000Z', 'the given time is kept');

  const next = new RepositoryMemory(memory.nextRunState());
  assert.equal(next.view(undefined, 0).runs, 2);
  assert.deepEqual(next.lessons(), memory.lessons(), 'the next run starts with the same lessons');
  assert.equal(JSON.stringify(JSON.parse(JSON.stringify(memory.nextRunState()))), JSON.stringify(memory.nextRunState()), 'JSON-plain');
});

test('state: malformed lessons are named', () => {
  assert.equal(lessonInputProblem(lesson(1), REPO), undefined);
  assert.match(lessonInputProblem(lesson(1), '/repos/other')!, /this memory is of \/repos\/other/);
  assert.match(lessonInputProblem({ ...lesson(1), lesson: { ...lesson(1).lesson, kind: 'approved' } }, null)!, /kind must be one of rejected, changes-requested, package-failed/);
  assert.match(lessonInputProblem(lesson(1, { changeId: '../x' }), null)!, /changeId/);
  assert.match(lessonInputProblem(lesson(1, { text: '  ' }), null)!, /text must be a non-empty string/);
  assert.match(lessonInputProblem(lesson(1, { revision: 0 }), null)!, /revision/);
  assert.match(lessonInputProblem(lesson(1, { at: 'yesterday' }), null)!, /ISO time/);
  assert.match(lessonInputProblem({ lesson: lesson(1).lesson }, null)!, /repository/);
});

const MODES = [
  { name: 'cached', maxCachedWorkflows: undefined },
  { name: 'rebuilt from history on every task', maxCachedWorkflows: 0 },
] as const;

for (const mode of MODES) {
  test(`memory workflow (${mode.name}): update-with-start through the coordinator, query, validator, continue-as-new carries the lessons`, async () => {
    const env = await testEnv();
    const taskQueue = uniqueTaskQueue('memory');
    const worker = await Worker.create({
      connection: env.connection,
      namespace: env.namespace,
      taskQueue,
      workflowBundle: await workflowBundle(),
      ...(mode.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: mode.maxCachedWorkflows }),
    });
    const repository = `/repos/${randomUUID()}`;
    const coordinator = new TemporalCoordinator({ client: env.client, taskQueue });
    const id = coordinator.memoryId(repository);
    assert.match(id, new RegExp(`^parallel-plan-memory-[0-9a-f]{12}@${taskQueue}$`));
    assert.equal(memoryWorkflowId('abc', 'parallel-plan'), 'parallel-plan-memory-abc', 'the default queue has the bare id');
    let handle: WorkflowHandle | undefined;
    await worker.runUntil(async () => {
      // Nothing remembered yet: recall answers empty without starting a memory.
      assert.deepEqual(await coordinator.recallLessons({ repository }), { lessons: [], memory: id });

      const first = await coordinator.rememberLesson({ repository, lesson: { kind: 'rejected', changeId: 'add-due-dates', revision: 1, by: 'carol', text: 'store dates in UTC' } });
      assert.deepEqual(first, { stored: true, total: 1, duplicate: false, memory: id });
      handle = env.client.workflow.getHandle(id);
      const desc = await handle.describe();
      assert.equal(desc.type, 'repositoryMemoryWorkflow');
      assert.equal(desc.status.name, 'RUNNING');

      await coordinator.rememberLesson({ repository, lesson: { kind: 'changes-requested', changeId: 'add-due-dates', revision: 2, by: 'bob', text: 'split the API work' } });
      await coordinator.rememberLesson({ repository, lesson: { kind: 'package-failed', changeId: 'add-labels', revision: 1, packageId: 'wp-backend', by: 'agent-1', text: 'migration does not apply' } });

      const view = await handle.query(lessonsQuery);
      assert.equal(view.repository, repository);
      assert.deepEqual(view.lessons.map((l) => l.kind), ['package-failed', 'changes-requested', 'rejected'], 'newest first');
      assert.equal(view.lessons[0]!.packageId, 'wp-backend');
      assert.deepEqual((await handle.query(lessonsQuery, { kinds: ['rejected'] })).lessons.map((l) => l.text), ['store dates in UTC']);
      assert.deepEqual((await coordinator.recallLessons({ repository, limit: 2 })).lessons.map((l) => l.kind), ['package-failed', 'changes-requested']);

      // A malformed lesson is refused by the validator: nothing enters history.
      const before = (await handle.fetchHistory()).events?.length ?? 0;
      await assert.rejects(
        handle.executeUpdate(rememberLessonUpdate, { args: [{ repository, lesson: { kind: 'rejected', changeId: 'Bad Id', text: 'x' } }] }),
        (err: unknown) => err instanceof WorkflowUpdateFailedError && /malformed lesson: lesson.changeId/.test(String((err.cause as Error)?.message)),
      );
      await assert.rejects(handle.executeUpdate(rememberLessonUpdate, { args: [{ ...lesson(1), repository: '/repos/elsewhere' }] }), /update failed|this memory is of/i);
      assert.equal((await handle.fetchHistory()).events?.length ?? 0, before, 'refused updates leave no events');
      const failed = await new TemporalCoordinator({ client: env.client, taskQueue }).rememberLesson({ repository, lesson: { kind: 'rejected', changeId: 'Bad Id', text: 'x' } });
      assert.equal(failed.stored, false);
      assert.match((failed as { error: string }).error, /did not keep the lesson: malformed lesson/);

      // Continue-as-new (a small threshold): the next run answers with the same lessons.
      const small = `test-memory-${randomUUID()}`;
      const carried = await env.client.workflow.start('repositoryMemoryWorkflow', { workflowId: small, taskQueue, args: [{ repository, continueAsNewAfterEvents: 30 }] });
      for (let i = 0; (await carried.query(lessonsQuery)).runs === 1; i++) {
        await carried.executeUpdate(rememberLessonUpdate, { args: [{ repository, lesson: { kind: 'changes-requested', changeId: `change-${i}`, text: `lesson ${i}` } }] });
        assert.ok(i < 40, 'the memory continued as new');
      }
      const afterRun = await carried.query(lessonsQuery);
      assert.equal(afterRun.runs, 2);
      assert.ok(afterRun.total >= 5, `lessons carried: ${afterRun.total}`);
      assert.deepEqual(afterRun.lessons.at(-1)!.changeId, 'change-0', 'the oldest lesson is still there');
      await carried.executeUpdate(rememberLessonUpdate, { args: [{ repository, lesson: { kind: 'rejected', changeId: 'after-continue', text: 'kept in the new run' } }] });
      assert.equal((await carried.query(lessonsQuery)).lessons[0]!.changeId, 'after-continue');
      const firstRun = env.client.workflow.getHandle(small, carried.firstExecutionRunId);
      const firstHistory = await firstRun.fetchHistory();
      assert.ok(firstHistory.events?.some((e) => e.workflowExecutionContinuedAsNewEventAttributes), 'the first run ended by continue-as-new');
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), replayName: `${small} first run` }, firstHistory, small);
      await carried.terminate('test done');
    });
    const history = await handle!.fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), replayName: id }, history, id);
    await handle!.terminate('test done');
  });
}
