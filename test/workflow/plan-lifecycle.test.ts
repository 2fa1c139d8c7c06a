/**
 * The plan workflow end to end on a real Temporal dev server, with the real activities:
 * plan -> awaiting approval -> approve | reject | request-changes.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createActivities } from '../../src/activities/index.js';
import { exampleWithNoChangeInFlight } from '../helpers/authoring.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { decide, planResult, startPlan, waitForState } from '../../src/service/plans.js';
import { closeTestEnv, testEnv, withWorker } from '../helpers/temporal.js';

after(closeTestEnv);

const stateDir = mkdtempSync(join(tmpdir(), 'pp-lifecycle-state-'));
/** Real activities with the test server's client, so the Temporal coordinator offers the coordinated tier. */
const activities = async () => createActivities({ client: (await testEnv()).client });

async function planOnExample(request: string, changeId?: string) {
  const repo = await exampleWithNoChangeInFlight('taskboard');
  return preparePlan({ request, repo, changeId, stateDir });
}

function assertArtifactsOnDisk(repoDir: string, artifacts: Array<{ path: string; sha256: string }>): void {
  for (const a of artifacts) {
    const file = join(repoDir, a.path);
    assert.ok(existsSync(file), `${a.path} listed but missing`);
    assert.equal(createHash('sha256').update(readFileSync(file)).digest('hex'), a.sha256, `${a.path} digest`);
  }
}

test('plan reaches awaiting approval with validated artifacts; approve completes it with a handoff record', async () => {
  const prepared = await planOnExample(
    'add due dates to tasks: store the due date in the database, show it on the web board, and add an API endpoint that lists overdue tasks',
  );
  await withWorker(await activities(), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    const status = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(status.state, 'awaiting-approval', status.error);
    assert.equal(status.tier, 'coordinated');
    assert.equal(status.validation?.passed, true, JSON.stringify(status.validation, null, 2));
    // The Temporal UI's current details: a table of the steps with their times.
    const meta = (await handle.query('__temporal_workflow_metadata')) as { currentDetails?: string };
    assert.match(meta.currentDetails ?? '', /\| step \| status \| attempts \| time \|/);
    assert.match(meta.currentDetails ?? '', /\| validate \| done \| 1 \| \d+\.\d s \|/);
    assert.ok(typeof status.steps.validate.ms === 'number' && status.steps.validate.ms >= 0, 'the step records its time');
    const paths = status.artifacts.map((a) => a.path);
    const dir = `openspec/changes/${prepared.input.changeId}`;
    for (const f of ['proposal.md', 'design.md', 'tasks.md', 'work-packages.yaml', 'contracts/openapi/v1.yaml']) {
      assert.ok(paths.includes(`${dir}/${f}`), `artifact ${f} missing from ${paths.join(', ')}`);
    }
    assert.ok(paths.some((p) => p.startsWith(`${dir}/specs/`) && p.endsWith('/spec.md')), 'a spec delta');
    for (const step of ['verify-environment', 'gather-context', 'scaffold-proposal', 'generate-contracts', 'generate-work-packages', 'validate'] as const) {
      assert.equal(status.steps[step].status, 'done', step);
    }
    assert.ok(status.context && status.context.relatedSpecs.length > 0, 'context found related specs');
    assert.ok(status.packages && status.packages.packages >= 2, 'work packages summarised');
    assertArtifactsOnDisk(prepared.input.repoDir, status.artifacts);
    const proposal = readFileSync(join(prepared.input.repoDir, dir, 'proposal.md'), 'utf8');
    assert.match(proposal, /## Work Packages[\s\S]*```mermaid/, 'the proposal shows the package graph');
    assert.match(proposal, /## Why not parallel/);

    await decide(handle, 'approve', { by: 'alice', comment: 'ship it' });
    const result = await planResult(handle);
    assert.equal(result.state, 'approved');
    assert.equal(result.decision?.by, 'alice');
    assert.ok(result.handoff, 'handoff record');
    const handoff = JSON.parse(readFileSync(join(prepared.input.repoDir, result.handoff.path), 'utf8'));
    assert.equal(handoff.approved_by, 'alice');
    assert.equal(handoff.plan_revision, 1);
    assert.ok(handoff.lock_claims.length >= 1);
    assert.equal(handoff.lock_registration.registered, true, JSON.stringify(handoff.lock_registration));
    assert.ok(handoff.lock_claims.every((c: { registered: boolean }) => c.registered));
    assert.equal(handoff.guardrails.passed, true, handoff.guardrails.violations.join('; '));
  });
});

test('reject ends the plan without a handoff record', async () => {
  const prepared = await planOnExample('add a dark mode toggle to the web board');
  await withWorker(await activities(), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    await decide(handle, 'reject', { by: 'bob', comment: 'not now' });
    const result = await planResult(handle);
    assert.equal(result.state, 'rejected');
    assert.equal(result.handoff, undefined);
    assert.equal(existsSync(join(prepared.input.repoDir, `openspec/changes/${prepared.input.changeId}/handoff.json`)), false);
  });
});

test('request-changes re-runs steps 3-6 as revision 2 with the comment', async () => {
  const prepared = await planOnExample('add task comments so users can discuss a task');
  await withWorker(await activities(), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    const first = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(first.revision, 1);
    await decide(handle, 'request-changes', { by: 'carol', comment: 'comments must be editable for 15 minutes' });
    const second = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000, afterRevision: 1 });
    assert.equal(second.revision, 2);
    assert.equal(second.steps['scaffold-proposal'].attempts, 2);
    assert.equal(second.validation?.passed, true);
    const wp = parse(readFileSync(join(prepared.input.repoDir, `openspec/changes/${prepared.input.changeId}/work-packages.yaml`), 'utf8'));
    assert.equal(wp.feature.plan_revision, 2);
    assert.equal(wp.contracts.revision, 2);
    const changeFiles = ['proposal.md', 'design.md', 'tasks.md'].map((f) =>
      readFileSync(join(prepared.input.repoDir, `openspec/changes/${prepared.input.changeId}/${f}`), 'utf8'),
    );
    assert.ok(changeFiles.some((t) => t.includes('editable for 15 minutes')), 'the comment shapes revision 2');
    // The status says what revision 2 changed against revision 1, and keeps revision 1's digests.
    assert.deepEqual(second.revisionChanges?.map((c) => c.revision), [2]);
    assert.deepEqual(second.earlierRevisions?.map((r) => r.revision), [1]);
    assert.deepEqual(second.earlierRevisions?.[0]?.artifacts, first.artifacts);
    const proposal = (s: typeof first) => s.artifacts.find((a) => a.path.endsWith('/proposal.md'))?.sha256;
    assert.notEqual(proposal(second), proposal(first), 'revision 2 rewrote the proposal; revision 1 keeps its digest');
    await decide(handle, 'approve', { by: 'carol' });
    const result = await planResult(handle);
    assert.equal(result.revision, 2);
  });
});

test('the linear tier writes proposal, tasks and spec deltas only, with a warning', async () => {
  const repo = await exampleWithNoChangeInFlight('taskboard');
  const prepared = await preparePlan({ request: 'add task priorities', repo, stateDir, coordinator: 'none' });
  await withWorker(await activities(), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    const status = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(status.tier, 'linear');
    assert.equal(status.steps['generate-contracts'].status, 'skipped');
    assert.equal(status.steps['generate-work-packages'].status, 'skipped');
    assert.ok(status.warnings.some((w) => w.includes('linear')));
    const dir = join(repo, `openspec/changes/${prepared.input.changeId}`);
    assert.ok(existsSync(join(dir, 'proposal.md')));
    assert.ok(readFileSync(join(dir, 'proposal.md'), 'utf8').toLowerCase().includes('linear'));
    assert.equal(existsSync(join(dir, 'work-packages.yaml')), false);
    assert.equal(existsSync(join(dir, 'contracts')), false);
    await decide(handle, 'reject', { by: 'dave' });
    await planResult(handle);
  });
});
