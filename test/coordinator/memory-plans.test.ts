/**
 * Memory (CAN_MEMORY) in real plans on a real dev server: a plan of the example repository gets a
 * request-changes with a comment and then a rejection with a comment; both are lessons in the
 * repository's memory workflow, and the next plan of the same repository has them in its status
 * context and in a "Lessons from earlier plans" section of its proposal.md.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivities } from '../../src/activities/index.js';
import { TemporalCoordinator } from '../../src/coordinator/temporal.js';
import { prepareExample } from '../../src/examples/prepare.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { decide, planResult, startPlan, waitForState } from '../../src/service/plans.js';
import { lessonsQuery } from '../../src/shared/memory-messages.js';
import { statusQuery } from '../../src/shared/messages.js';
import { closeTestEnv, testEnv, withWorker } from '../helpers/temporal.js';

after(closeTestEnv);

const stateDir = mkdtempSync(join(tmpdir(), 'pp-memory-plans-'));

test('request-changes and rejection comments are remembered per repository and recalled into the next plan', async () => {
  const { client: envClient } = await testEnv();
  const repo = await prepareExample('taskboard');
  const first = await preparePlan({ request: 'add due dates to tasks and an endpoint listing overdue tasks', repo, stateDir, changeId: 'add-task-due-dates' });
  const second = await preparePlan({ request: 'add task priorities', repo, stateDir, changeId: 'add-task-priorities' });
  await withWorker(createActivities({ client: envClient }), async ({ client, taskQueue }) => {
    const settle = async (h: Awaited<ReturnType<typeof startPlan>>, afterRevision?: number) =>
      waitForState(h, ['awaiting-approval'], { timeoutMs: 300_000, ...(afterRevision ? { afterRevision } : {}) }).catch(async (err: unknown) => {
        const st = await h.query(statusQuery);
        throw new Error(`${String(err)}: ${st.error ?? ''} ${JSON.stringify(st.validation?.checks.filter((c) => !c.passed))}`);
      });
    const h1 = await startPlan(client, first, taskQueue);
    const s1 = await settle(h1);
    assert.ok(s1.capabilities?.available.includes('CAN_MEMORY'), JSON.stringify(s1.capabilities?.detail.CAN_MEMORY));
    const memoryId = new TemporalCoordinator({ client, taskQueue }).memoryId(repo);
    assert.match(s1.capabilities!.detail.CAN_MEMORY.detail, new RegExp(`repository memory ${memoryId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} .*answered \\(0 lesson`));
    assert.equal(s1.context?.lessons, undefined, 'a first plan has nothing to recall');

    await decide(h1, 'request-changes', { by: 'bob', comment: 'overdue means past the due date in UTC, not local time' });
    await settle(h1, 1);
    await decide(h1, 'reject', { by: 'carol', comment: 'due dates belong to the scheduling service, not the task board' });
    assert.equal((await planResult(h1)).state, 'rejected');
    const after1 = await h1.query(statusQuery);
    assert.ok(!after1.warnings.some((w) => w.startsWith('memory:')), after1.warnings.join('\n'));

    // The repository's memory holds both lessons, newest first.
    const view = await client.workflow.getHandle(memoryId).query(lessonsQuery);
    assert.equal(view.repository, repo);
    assert.deepEqual(
      view.lessons.map((l) => [l.kind, l.changeId, l.revision, l.by, l.text]),
      [
        ['rejected', 'add-task-due-dates', 2, 'carol', 'due dates belong to the scheduling service, not the task board'],
        ['changes-requested', 'add-task-due-dates', 1, 'bob', 'overdue means past the due date in UTC, not local time'],
      ],
    );

    // The next plan of the same repository recalls them into its context and its proposal.
    const h2 = await startPlan(client, second, taskQueue);
    const s2 = await settle(h2);
    assert.deepEqual(s2.context?.lessons?.map((l) => l.kind), ['rejected', 'changes-requested']);
    assert.equal(s2.context?.lessons?.[0]?.text, 'due dates belong to the scheduling service, not the task board');
    const proposal = readFileSync(join(repo, 'openspec/changes/add-task-priorities/proposal.md'), 'utf8');
    const section = proposal.split('## Lessons from earlier plans\n\n')[1]?.split('\n## ')[0] ?? '';
    assert.ok(section, proposal);
    const lines = section.trim().split('\n');
    assert.equal(lines.length, 2, section);
    assert.match(lines[0]!, /^- Rejected \(`add-task-due-dates`, revision 2, by carol, \d{4}-\d\d-\d\d\): due dates belong to the scheduling service, not the task board$/);
    assert.match(lines[1]!, /^- Changes requested \(`add-task-due-dates`, revision 1, by bob, \d{4}-\d\d-\d\d\): overdue means past the due date in UTC, not local time$/);
    assert.ok(proposal.includes('## Work Packages'), 'packaging still adds its sections');
    await h2.terminate('test done');
  });
});
