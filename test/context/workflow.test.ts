/**
 * contextFacetWorkflow on a real Temporal dev server with the real context activities: every
 * facet as a child-sized workflow, the code facet split into shard activities, and results
 * identical to the in-process path.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { asActivities } from '../../src/activities/activity-wrapper.js';
import { createContextActivities } from '../../src/activities/context.js';
import { gatherContextInProcess } from '../../src/activities/context/in-process.js';
import { ALL_FACETS, type ContextSummary, type FacetResult } from '../../src/domain/context/types.js';
import { contextFacetWorkflow } from '../../src/workflows/contextFacet.js';
import { closeTestEnv, withWorker } from '../helpers/temporal.js';
import { exampleRepo, tempRunDir } from './example-repos.js';

after(() => closeTestEnv());

const comparable = (s: ContextSummary) => ({ ...s, ref: undefined, facets: s.facets.map((f) => ({ facet: f.facet, files: f.files, skipped: f.skipped })) });

test('facet workflows gather the same context as the in-process path; the code facet runs in shards', { timeout: 120_000 }, async () => {
  const repoDir = await exampleRepo('taskboard');
  const request = 'Add due date reminders to notifications';
  const activities = asActivities(createContextActivities());
  await withWorker(activities, async ({ client, taskQueue }) => {
    const runDir = await tempRunDir();
    const id = `context-test-${Date.now()}`;
    const results: FacetResult[] = await Promise.all(
      ALL_FACETS.map((facet) =>
        client.workflow.execute(contextFacetWorkflow, {
          taskQueue,
          workflowId: `${id}/${facet}`,
          args: [{ facet, repoDir, runDir, request, shardSize: 8 }],
        }),
      ),
    );
    assert.deepEqual(results.map((r) => r.facet), [...ALL_FACETS]);
    const summary = await activities.mergeContext({ repoDir, runDir, request, results });
    const direct = await gatherContextInProcess({ repoDir, runDir: await tempRunDir(), request });
    assert.deepEqual(comparable(summary), comparable(direct));
    assert.equal(summary.topFiles[0]?.path, 'src/server/services/notificationService.ts');

    // The code facet: one listing, ceil(files / 8) shard activities rounded up to full rounds of
    // four (the shards scored at once), one merge; small history.
    const code = results.find((r) => r.facet === 'code')!;
    const shards = Math.ceil(Math.ceil(code.stats.files / 8) / 4) * 4;
    assert.equal((code.summary as { shards: number }).shards, shards);
    const history = await client.workflow.getHandle(`${id}/code`).fetchHistory();
    const scheduled = (history.events ?? [])
      .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)
      .filter((n): n is string => typeof n === 'string');
    assert.deepEqual(
      scheduled.reduce<Record<string, number>>((acc, n) => ({ ...acc, [n]: (acc[n] ?? 0) + 1 }), {}),
      { contextListFiles: 1, contextCodeShard: shards, contextMergeCode: 1 },
    );
    const shardEvent = history.events?.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'contextCodeShard');
    assert.ok(shardEvent?.activityTaskScheduledEventAttributes?.heartbeatTimeout, 'shard activities have a heartbeat timeout');

    // The model facet: the same shape (one listing, shards of the list, one merge), and only
    // refs and counts in its history.
    const modelHistory = await client.workflow.getHandle(`${id}/model`).fetchHistory();
    const modelScheduled = (modelHistory.events ?? [])
      .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)
      .filter((n): n is string => typeof n === 'string');
    assert.deepEqual(
      modelScheduled.reduce<Record<string, number>>((acc, n) => ({ ...acc, [n]: (acc[n] ?? 0) + 1 }), {}),
      { contextListModelFiles: 1, contextModelShard: shards, contextMergeModel: 1 },
    );
    assert.ok(JSON.stringify(modelHistory).length < 200_000, 'the model facet history holds refs and counts, not the model');
  });
});

test('a folder that is not a git repository fails the code facet at once as BadInput', { timeout: 60_000 }, async () => {
  const activities = asActivities(createContextActivities());
  await withWorker(activities, async ({ client, taskQueue }) => {
    const dir = await tempRunDir();
    const err = await client.workflow
      .execute(contextFacetWorkflow, { taskQueue, workflowId: `context-bad-${Date.now()}`, args: [{ facet: 'code', repoDir: dir, runDir: dir, request: 'x' }] })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof WorkflowFailedError, String(err));
    assert.ok(err.cause instanceof ActivityFailure);
    assert.ok(err.cause.cause instanceof ApplicationFailure);
    assert.equal(err.cause.cause.type, 'BadInput');
    assert.match(err.cause.cause.message, /not a git repository/);
  });
});
