/**
 * The audit timeline on recorded histories of real plans (test/fixtures/histories): decoded the
 * way the service decodes a server's history (historyFromJSON, then the default data converter),
 * then read by the pure timeline. Asserts facts of those runs: steps in order, who decided what
 * with which comment, revisions, refusals, lock results, continue-as-new chains.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { defaultDataConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import type { AuditHistory } from '../../src/domain/audit/history.js';
import { ACTIVITY_STEPS, buildTimeline, HISTORY_LIMITS } from '../../src/domain/audit/timeline.js';
import { decodeHistory } from '../../src/service/audit.js';
import { formatDuration, formatOffset, renderAudit } from '../../src/cli/render-audit.js';
import { STEPS } from '../../src/shared/plan-types.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/histories/', import.meta.url));

function rawFixture(name: string): { workflowId: string; history: { events: Array<Record<string, unknown>> } } {
  return JSON.parse(readFileSync(join(fixtures, name), 'utf8'));
}

async function load(name: string, edit?: (events: Array<Record<string, unknown>>) => void): Promise<AuditHistory> {
  const { workflowId, history } = rawFixture(name);
  edit?.(history.events);
  return { workflowId, events: await decodeHistory(historyFromJSON(history), defaultDataConverter) };
}

const planActivities = (t: ReturnType<typeof buildTimeline>) => t.activities.filter((a) => a.run !== null);

test('decoded events are JSON-plain: types without prefix, ISO times, numeric ids, payloads decoded', async () => {
  const { events } = await load('plan-staged-updates-approved.json');
  const [started, scheduled] = [events[0]!, events.find((e) => e.type === 'ActivityTaskScheduled')!];
  assert.equal(started.type, 'WorkflowExecutionStarted');
  assert.equal(started.id, 1);
  assert.equal(started.time, '2026-12-01T23:26:06.497Z');
  assert.equal((started.attrs.input as Array<{ changeId: string }>)[0]!.changeId, 'add-task-due-dates');
  assert.equal((scheduled.attrs.activityType as { name: string }).name, 'verifyEnvironment');
  assert.equal(scheduled.attrs.startToCloseTimeout, 120_000, 'durations in ms');
  const accepted = events.find((e) => e.type === 'WorkflowExecutionUpdateAccepted')!;
  assert.deepEqual((accepted.attrs.acceptedRequest as { input: { args: unknown[] } }).input.args, [{ by: 'recorder', comment: 'overdue means past the due date in UTC' }]);
  assert.doesNotThrow(() => JSON.stringify(events));
  assert.ok(!JSON.stringify(events).includes('stackTrace'));
});

test('every activity type the plan and dispatch workflows call maps to one of the steps', () => {
  for (const step of Object.values(ACTIVITY_STEPS)) assert.ok(step === 'dispatch' || (STEPS as readonly string[]).includes(step), step);
  for (const type of ['verifyEnvironment', 'mergeContext', 'scaffoldProposal', 'generateContracts', 'generateWorkPackages', 'validatePlan', 'checkFreshness', 'recordDecision', 'repositoryHead']) {
    assert.ok(ACTIVITY_STEPS[type], type);
  }
});

test('request-changes by signal, then revision 2 and an approval by signal (plan-request-changes-approved)', async () => {
  const t = buildTimeline({ runs: [await load('plan-request-changes-approved.json')] });
  assert.equal(t.workflowId, 'plan-add-task-due-dates-9dc94d679c');
  assert.equal(t.changeId, 'add-task-due-dates');
  assert.equal(t.state, 'approved');
  assert.equal(t.tier, 'coordinated');
  assert.deepEqual(
    planActivities(t).map((a) => `${a.revision} ${a.step} ${a.activityType}`),
    [
      '1 verify-environment verifyEnvironment',
      '1 gather-context mergeContext',
      '1 scaffold-proposal scaffoldProposal',
      '1 generate-contracts generateContracts',
      '1 generate-work-packages generateWorkPackages',
      '1 validate validatePlan',
      '2 scaffold-proposal scaffoldProposal',
      '2 generate-contracts generateContracts',
      '2 generate-work-packages generateWorkPackages',
      '2 validate validatePlan',
      '2 present-for-approval recordDecision',
    ],
  );
  assert.deepEqual(t.children.map((c) => `${c.step} ${c.label} ${c.outcome}`), ['gather-context specs completed', 'gather-context changes completed', 'gather-context architecture completed', 'gather-context code completed']);
  assert.ok(t.activities.every((a) => a.attempts === 1 && a.outcome === 'completed' && a.durationMs !== null && a.durationMs >= 0));
  assert.deepEqual(
    t.decisions.map((d) => ({ kind: d.kind, via: d.via, by: d.by, comment: d.comment, revision: d.revision, outcome: d.outcome, next: d.nextRevision })),
    [
      { kind: 'request-changes', via: 'signal', by: 'recorder', comment: 'overdue means past the due date in UTC', revision: 1, outcome: 'taken', next: 2 },
      { kind: 'approve', via: 'signal', by: 'recorder', comment: null, revision: 2, outcome: 'taken', next: null },
    ],
  );
  assert.deepEqual(
    t.revisions.map((r) => ({ revision: r.revision, by: r.requestedBy, comment: r.comment, decision: r.decision, validated: r.validated })),
    [
      { revision: 1, by: null, comment: null, decision: 'request-changes', validated: true },
      { revision: 2, by: 'recorder', comment: 'overdue means past the due date in UTC', decision: 'approve', validated: true },
    ],
  );
  assert.equal(t.locks.length, 1);
  assert.equal(t.locks[0]!.handoff, 'openspec/changes/add-task-due-dates/handoff.json');
  assert.equal(t.summary.revisions, 2);
  assert.deepEqual(t.summary.byKind, { approve: 1, reject: 0, 'request-changes': 1 });
  assert.deepEqual(t.summary.retried, []);
  assert.equal(t.summary.planMs, Date.parse(t.closedAt!) - Date.parse(t.startedAt!));
  // Chronological, the decision before the revision it began.
  const offsets = t.entries.map((e) => e.offsetMs);
  assert.deepEqual(offsets, [...offsets].sort((a, b) => a - b));
  const rc = t.entries.findIndex((e) => e.kind === 'decision' && e.what.startsWith('request-changes'));
  assert.equal(t.entries[rc + 1]!.what, 'revision 2 begins');
  assert.equal(t.entries[t.entries.length - 1]!.what, 'plan approved');
  assert.ok(t.notes.includes(HISTORY_LIMITS));
});

test('decisions through updates: the update answers, with the revision it started and the approval (plan-staged-updates-approved)', async () => {
  const t = buildTimeline({ runs: [await load('plan-staged-updates-approved.json')] });
  assert.equal(t.state, 'approved');
  const [rc, approve] = t.decisions;
  assert.equal(t.decisions.length, 2);
  assert.deepEqual([rc!.via, rc!.name, rc!.by, rc!.comment, rc!.outcome, rc!.nextRevision, rc!.state], ['update', 'requestPlanChanges', 'recorder', 'overdue means past the due date in UTC', 'taken', 2, 'running']);
  assert.ok(rc!.answeredAt && rc!.updateId && rc!.identity);
  assert.deepEqual([approve!.name, approve!.revision, approve!.state, approve!.handoff], ['approvePlan', 2, 'approved', 'openspec/changes/add-task-due-dates/handoff.json']);
  assert.equal(t.children.length, 5, 'five context facets (the repository model among them)');
  assert.equal(t.locks[0]!.registered, true, 'the approval of a coordinated plan claimed its locks (no warning says otherwise)');
  // The second revision waited about 9 s for the approval.
  const r2 = t.revisions[1]!;
  assert.ok(r2.presentedAt && r2.decidedAt && Date.parse(r2.decidedAt) - Date.parse(r2.presentedAt) > 5_000);
});

test('an approval refused as stale, then request-changes --rebase: context gathered again for revision 2 (plan-stale-approval-rebased)', async () => {
  const t = buildTimeline({ runs: [await load('plan-stale-approval-rebased.json')] });
  assert.equal(t.state, 'approved');
  const [stale, rebase, approve] = t.decisions;
  assert.equal(t.decisions.length, 3);
  assert.equal(stale!.kind, 'approve');
  assert.equal(stale!.outcome, 'refused');
  assert.match(stale!.refusal!, /^approval refused: the repository moved since the plan's commit 2a25f0cabab7: ef7224d5e46e change a planned file \(package\.json\)/);
  assert.deepEqual([rebase!.kind, rebase!.rebase, rebase!.outcome, rebase!.revision, rebase!.nextRevision], ['request-changes', true, 'taken', 1, 2]);
  assert.deepEqual([approve!.kind, approve!.revision, approve!.outcome], ['approve', 2, 'taken']);
  const fresh = planActivities(t).filter((a) => a.activityType === 'checkFreshness');
  assert.deepEqual(fresh.map((a) => a.details[0]), ['stale: 1 commit since 2a25f0cabab7', 'fresh at ef7224d5e46e']);
  const r2children = t.children.filter((c) => c.revision === 2);
  assert.equal(r2children.length, 5);
  assert.ok(r2children.every((c) => c.workflowId.includes('/r2/context/')));
  assert.deepEqual(planActivities(t).filter((a) => a.step === 'gather-context' && a.revision === 2).map((a) => a.activityType), ['mergeContext', 'repositoryHead']);
  const r2 = t.revisions.find((r) => r.revision === 2)!;
  assert.equal(r2.rebase, true);
  assert.ok(r2.changes!.requirements.includes('+ task-priorities-rebase: ADDED Task Priorities Rebase'));
  assert.equal(t.summary.refusedDecisions, 1);
  assert.equal(t.summary.decisions, 2);
  const text = renderAudit(t).join('\n');
  assert.match(text, /^!! .*approve on r1 \(update\)\s+recorder\s+refused: approval refused: the repository moved/m);
  assert.match(text, /r2 changed: requirements \+ task-priorities-rebase/);
});

test('a linear plan rejected by signal: no contracts or packages, nothing to release (plan-linear-rejected)', async () => {
  const t = buildTimeline({ runs: [await load('plan-linear-rejected.json')] });
  assert.equal(t.state, 'rejected');
  assert.equal(t.tier, 'linear');
  assert.ok(!t.activities.some((a) => a.activityType === 'generateContracts' || a.activityType === 'generateWorkPackages'));
  assert.deepEqual(t.decisions.map((d) => [d.kind, d.via, d.by, d.outcome]), [['reject', 'signal', 'recorder', 'taken']]);
  assert.deepEqual([t.locks[0]!.decision, t.locks[0]!.registered, t.locks[0]!.warnings], ['reject', null, []]);
  assert.ok(t.entries.some((e) => e.kind === 'lock' && e.what === 'locks: none to release'));
});

test('continue-as-new: runs merged in chain order whatever order they come in; a gap is noted and filled from the carried status', async () => {
  const runs = await Promise.all(['plan-continued-as-new-approved.json', 'plan-continued-as-new-first-run.json', 'plan-continued-as-new-between-revisions.json'].map((f) => load(f)));
  const t = buildTimeline({ runs });
  assert.equal(t.state, 'approved');
  assert.deepEqual(t.runs.map((r) => [r.index, r.status, r.revisionAtStart, r.phase]), [
    [1, 'continued-as-new', 1, null],
    [2, 'continued-as-new', 1, 'await-decision'],
    [3, 'completed', 3, 'await-decision'],
  ]);
  assert.equal(t.runs[1]!.continuedFrom, t.runs[0]!.runId);
  assert.ok(t.notes.some((n) => n.includes(`between ${t.runs[1]!.runId} and ${t.runs[2]!.runId} was not read`)), t.notes.join('\n'));
  assert.deepEqual(
    t.decisions.map((d) => [d.kind, d.via, d.by, d.comment, d.revision, d.outcome]),
    [
      ['request-changes', 'update', 'recorder', 'priorities are low, normal and high', 1, 'taken'],
      ['request-changes', 'carried', 'recorder', 'sort the board by priority', 2, 'taken'],
      ['approve', 'update', 'recorder', null, 3, 'taken'],
    ],
  );
  assert.deepEqual(t.revisions.map((r) => [r.revision, r.comment, r.decision]), [
    [1, null, 'request-changes'],
    [2, 'priorities are low, normal and high', 'request-changes'],
    [3, 'sort the board by priority', 'approve'],
  ]);
  assert.ok(t.revisions[2]!.changes, "revision 3's changes come from the last run's carried status");
  assert.equal(t.decisions[2]!.verdict, 'FULL');
  assert.deepEqual([t.locks[0]!.verdict, t.locks[0]!.registered], ['FULL', true]);
  // The last run's activities belong to revision 3.
  assert.deepEqual(planActivities(t).filter((a) => a.run === 3).map((a) => `${a.revision} ${a.activityType}`), ['3 checkFreshness', '3 recordDecision']);
  const runEntries = t.entries.filter((e) => e.kind === 'run').map((e) => e.what);
  assert.deepEqual(runEntries, ['plan started (run 1)', 'run 1 continued as new', 'run 2 begins (continue-as-new)', 'run 2 continued as new', 'run 3 begins (continue-as-new)', 'plan approved']);
  assert.equal(t.summary.runs, 3);
  assert.match(renderAudit(t)[1]!, /\(3 runs: continued as new 2 times\)/);
});

test('an activity that needed three attempts is flagged, with the failure before its last attempt', async () => {
  const run = await load('plan-request-changes-approved.json', (events) => {
    // The first validatePlan's started event as the server records a third attempt.
    const scheduled = events.find((e) => (e.activityTaskScheduledEventAttributes as { activityType?: { name: string } } | undefined)?.activityType?.name === 'validatePlan')!;
    const started = events.find((e) => (e.activityTaskStartedEventAttributes as { scheduledEventId?: string } | undefined)?.scheduledEventId === scheduled.eventId)!;
    Object.assign(started.activityTaskStartedEventAttributes as object, { attempt: 3, lastFailure: { message: 'openspec validate exited 1', applicationFailureInfo: { type: 'ToolFailed' } } });
  });
  const t = buildTimeline({ runs: [run] });
  const validate = t.activities.find((a) => a.activityType === 'validatePlan')!;
  assert.equal(validate.attempts, 3);
  assert.equal(validate.lastFailure, 'ToolFailed: openspec validate exited 1');
  assert.deepEqual(t.summary.retried, [{ what: 'validate: validatePlan (revision 1)', attempts: 3, at: validate.scheduledAt, lastFailure: 'ToolFailed: openspec validate exited 1' }]);
  const text = renderAudit(t);
  assert.ok(text.some((l) => /^!! .*validate: validatePlan .*3 attempts; attempt 2 failed: ToolFailed: openspec validate exited 1/.test(l)), text.join('\n'));
  assert.ok(text.includes('  Attempts > 1: 1'));
  assert.ok(text.some((l) => l.startsWith('    !! validate: validatePlan (revision 1): 3 attempts (before: ToolFailed: openspec validate exited 1)')));
});

test('a signal the plan ignored (it arrived while the plan was running) has no effect in the timeline', async () => {
  const run = await load('plan-request-changes-approved.json');
  const early = run.events.find((e) => e.type === 'ActivityTaskCompleted')!;
  run.events.splice(run.events.indexOf(early) + 1, 0, { id: 9_999, time: early.time, type: 'WorkflowExecutionSignaled', attrs: { signalName: 'approve', input: [{ by: 'mallory' }], identity: 'cli' } });
  const t = buildTimeline({ runs: [run] });
  const ignored = t.decisions.find((d) => d.by === 'mallory')!;
  assert.equal(ignored.outcome, 'ignored');
  assert.equal(t.decisions.filter((d) => d.outcome === 'taken').length, 2, 'the recorder\'s decisions are still the ones taken');
  assert.equal(t.summary.ignoredSignals, 1);
});

test('the human table: offsets, durations, what, who, details; then the summary', async () => {
  const t = buildTimeline({ runs: [await load('plan-request-changes-approved.json')] });
  const lines = renderAudit(t, { uiLink: 'http://localhost:8233/x' });
  assert.equal(lines[0], 'Audit of plan add-task-due-dates — approved, coordinated tier');
  assert.match(lines.join('\n'), /^ {3}\+0:00\.058\s+64ms\s+verify-environment: verifyEnvironment\s+tier coordinated$/m);
  assert.match(lines.join('\n'), /^ {3}\+0:01\.975\s+request-changes on r1 \(signal\)\s+recorder\s+"overdue means past the due date in UTC"; revision 2 follows$/m);
  assert.match(lines.join('\n'), /^ {4}r2 \(requested by recorder: "overdue means past the due date in UTC"\) — approve by recorder$/m);
  assert.ok(lines.includes('  Decisions: 2 taken (1 request-changes, 1 approve); 0 refused; 0 signals without effect'));
  assert.ok(lines.includes('  Attempts > 1: none'));
  assert.equal(lines[lines.length - 1], 'Temporal UI: http://localhost:8233/x');
  assert.equal(formatOffset(3_723_456), '+1:02:03.456');
  assert.equal(formatOffset(90_061_000), '+1d 01:01:01');
  assert.deepEqual([formatDuration(850), formatDuration(2_314), formatDuration(245_000), formatDuration(10_920_000), formatDuration(null)], ['850ms', '2.31s', '4m05s', '3h02m', '']);
});
