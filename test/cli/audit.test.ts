/**
 * `parallel-plan audit` on a real dev server, through the built binary: a plan made, changed once
 * (request-changes by alice), approved by bob, then audited with no worker polling its task queue
 * (the history is read from the server); then dispatched, one package failed by one agent and
 * completed by another, and audited again.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities/index.js';
import { exampleWithNoChangeInFlight } from '../helpers/authoring.js';
import type { AuditTimeline } from '../../src/domain/audit/timeline.js';
import { auditPlan } from '../../src/service/audit.js';
import { hasLivePoller } from '../../src/service/inline-worker.js';
import { cli } from '../helpers/cli.js';
import { closeTestEnv, testEnv, uniqueTaskQueue, workflowBundle } from '../helpers/temporal.js';

after(closeTestEnv);



test('audit: the timeline of a plan changed once and approved, read with no worker running; then its dispatch', async () => {
  const { address, client, connection } = await testEnv();
  // A task queue of its own: once the CLI processes exit, no worker polls it.
  const taskQueue = uniqueTaskQueue('audit');
  const env = { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: 'default', PARALLEL_PLAN_HOME: mkdtempSync(join(tmpdir(), 'pp-audit-home-')), PARALLEL_PLAN_TASK_QUEUE: taskQueue };
  const repo = await exampleWithNoChangeInFlight('taskboard');

  const plan = await cli(['plan', 'add task priorities shown on the web board', '--repo', repo, '--json'], env);
  assert.equal(plan.code, 0, plan.stderr);
  const id: string = JSON.parse(plan.stdout).status.changeId;
  const rc = await cli(['request-changes', id, '--by', 'alice', '--comment', 'priorities are low, normal and high', '--repo', repo, '--json'], env);
  assert.equal(rc.code, 0, rc.stderr + rc.stdout);
  const waited = await cli(['status', id, '--repo', repo, '--wait', 'approval', '--json'], env);
  assert.equal(waited.code, 0, waited.stderr);
  assert.equal(JSON.parse(waited.stdout).status.revision, 2);
  const approve = await cli(['approve', id, '--by', 'bob', '--repo', repo, '--json'], env);
  assert.equal(approve.code, 0, approve.stderr + approve.stdout);

  assert.equal(await hasLivePoller(client, taskQueue), false, 'no worker polls the plan\'s task queue');
  const json = await cli(['audit', id, '--repo', repo, '--json'], env);
  assert.equal(json.code, 0, json.stderr);
  const t = JSON.parse(json.stdout) as AuditTimeline;
  assert.equal(t.changeId, id);
  assert.equal(t.state, 'approved');
  assert.equal(t.tier, 'coordinated');
  assert.equal(t.runs.length, 1);
  assert.deepEqual(
    t.activities.map((a) => `${a.revision} ${a.step} ${a.activityType}`),
    [
      '1 verify-environment verifyEnvironment',
      '1 gather-context mergeContext',
      '1 scaffold-proposal scaffoldProposal',
      '1 generate-contracts generateContracts',
      '1 generate-work-packages generateWorkPackages',
      '1 validate validatePlan',
      // The request-changes comment kept as a lesson for the repository's next plans.
      '1 present-for-approval rememberLesson',
      '2 scaffold-proposal scaffoldProposal',
      '2 generate-contracts generateContracts',
      '2 generate-work-packages generateWorkPackages',
      '2 validate validatePlan',
      '2 present-for-approval checkFreshness',
      '2 present-for-approval recordDecision',
    ],
  );
  assert.ok(t.activities.every((a) => a.attempts === 1 && a.outcome === 'completed'));
  assert.deepEqual(t.children.map((c) => c.label).sort(), ['architecture', 'changes', 'code', 'model', 'specs']);
  assert.deepEqual(
    t.decisions.map((d) => [d.kind, d.via, d.by, d.comment, d.revision, d.outcome, d.nextRevision]),
    [
      ['request-changes', 'update', 'alice', 'priorities are low, normal and high', 1, 'taken', 2],
      ['approve', 'update', 'bob', null, 2, 'taken', null],
    ],
  );
  assert.deepEqual(t.revisions.map((r) => [r.revision, r.requestedBy, r.decision, r.decidedBy]), [
    [1, null, 'request-changes', 'alice'],
    [2, 'alice', 'approve', 'bob'],
  ]);
  assert.deepEqual([t.locks[0]!.decision, t.locks[0]!.registered, t.locks[0]!.verdict, t.locks[0]!.handoff], ['approve', true, 'FULL', `openspec/changes/${id}/handoff.json`]);
  assert.equal(t.summary.decisions, 2);
  assert.deepEqual(t.summary.retried, []);
  assert.ok(t.summary.planMs! > 0 && t.summary.planMs! >= t.summary.awaitingMs);
  assert.equal(t.dispatch, null);

  const text = await cli(['audit', t.workflowId], env);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`^Audit of plan ${id} — approved, coordinated tier$`, 'm'));
  assert.match(text.stdout, /^ {3}\+0:\d\d\.\d{3}\s+\d+ms\s+request-changes on r1 \(update\)\s+alice\s+"priorities are low, normal and high"; revision 2 follows$/m);
  assert.match(text.stdout, /^ {3}\+\d+:\d\d\.\d{3}\s+\S+\s+validate: validatePlan\s+passed \d+ checks$/m);
  assert.match(text.stdout, /^ {3}\+\d+:\d\d\.\d{3}\s+locks: claims registered \(FULL\)\s+bob\s+handoff openspec\/changes\/.*\/handoff\.json$/m);
  assert.match(text.stdout, /^ {4}r2 \(requested by alice: "priorities are low, normal and high"\) — approve by bob$/m);
  assert.match(text.stdout, /^ {2}Attempts > 1: none$/m);
  assert.match(text.stdout, /^ {2}Time: \S+ planning, of which \S+ awaiting decisions$/m);

  // The dispatch, with a worker (the CLI's dispatch queries the plan first): one agent fails the
  // first package, another completes it.
  const worker = await Worker.create({ connection, namespace: 'default', taskQueue, workflowBundle: await workflowBundle(), activities: createActivities({ client }) });
  const running = worker.run();
  const dispatch = await cli(['dispatch', id, '--repo', repo, '--json'], env);
  assert.equal(dispatch.code, 0, dispatch.stderr + dispatch.stdout);
  const claim = async (agent: string): Promise<string> => {
    const next = await cli(['work', 'next', '--repo', repo, '--agent', agent, '--wait', '60s', '--json'], env);
    assert.equal(next.code, 0, next.stderr + next.stdout);
    return (JSON.parse(next.stdout) as { package_id: string }).package_id;
  };
  const pkg = await claim('agent-1');
  const failed = await cli(['work', 'fail', pkg, '--repo', repo, '--agent', 'agent-1', '--reason', 'the migration does not apply'], env);
  assert.equal(failed.code, 0, failed.stderr + failed.stdout);
  assert.equal(await claim('agent-2'), pkg, 'the failed package is ready again and first in line');
  const done = await cli(['work', 'complete', pkg, '--repo', repo, '--agent', 'agent-2', '--summary', 'contracts in place'], env);
  assert.equal(done.code, 0, done.stderr + done.stdout);
  worker.shutdown();
  await running;

  const after = await auditPlan(client, id, repo);
  const d = after.dispatch!;
  assert.ok(d, 'the dispatch is part of the audit');
  assert.equal(d.workflowId, `${t.workflowId}/dispatch`);
  assert.equal(d.planRevision, 2);
  const p = d.packages.find((x) => x.packageId === pkg)!;
  assert.equal(p.historyRead, true);
  assert.equal(p.state, 'completed');
  assert.deepEqual(p.claims.map((c) => [c.agent, c.attempt, c.ended, c.reason ?? c.summary]), [
    ['agent-1', 1, 'retry', 'the migration does not apply'],
    ['agent-2', 2, 'completed', 'contracts in place'],
  ]);
  assert.ok(after.locks.some((l) => l.source === 'renewDispatchLocks' && l.registered === true));
  assert.deepEqual(after.summary.retried.map((r) => [r.what, r.attempts, r.lastFailure]), [[`package ${pkg}`, 2, 'the migration does not apply']]);
  assert.equal(after.summary.packages!.completed, 1);
  assert.ok(after.entries.some((e) => e.kind === 'package' && e.what === `${pkg} claimed (attempt 2)` && e.who === 'agent-2'));
  const again = await cli(['audit', id, '--repo', repo], env);
  assert.match(again.stdout, new RegExp(`^ {4}${pkg}: completed — agent-1 \\(retry, [^)]+\\), agent-2 \\(completed, [^)]+\\)$`, 'm'));
  assert.match(again.stdout, /^ {2}Dispatch: running; \d+ packages, 1 completed, 0 failed, 0 blocked$/m);

  // The dispatch would wait for agents: end it (its package children end with it).
  await client.workflow.getHandle(d.workflowId).terminate('test over');
});
