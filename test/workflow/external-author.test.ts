/**
 * The external-agent author inside the workflow, with real scripts as the agent (the one part
 * that stands in for a hosted LLM): a correct agent's draft becomes the plan; an agent that
 * never answers validly fails the plan with InvalidPlan, without retrying the activity.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { createActivities } from '../../src/activities/index.js';
import { projectRoot } from '../../src/config/paths.js';
import { prepareExample } from '../../src/examples/prepare.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { planStatus, startPlan, waitForState } from '../../src/service/plans.js';
import { closeTestEnv, testEnv, withWorker } from '../helpers/temporal.js';

after(closeTestEnv);

const stateDir = mkdtempSync(join(tmpdir(), 'pp-external-author-'));
const agent = (name: string): string => `${process.execPath} ${join(projectRoot, 'test/fixtures/agents', name)}`;

test("a correct agent's draft becomes the plan", async () => {
  const repo = await prepareExample('taskboard');
  const prepared = await preparePlan({ request: 'add an agent feature', repo, stateDir, authorCommand: agent('correct.mjs') });
  await withWorker(createActivities({ client: (await testEnv()).client }), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    const status = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(status.state, 'awaiting-approval', status.error);
    const spec = join(repo, 'openspec/changes', prepared.input.changeId, 'specs/agent-feature/spec.md');
    assert.ok(existsSync(spec), 'the spec delta comes from the agent');
    assert.match(readFileSync(spec, 'utf8'), /### Requirement: Agent requirement/);
    await handle.terminate('test done');
  });
});

test('an agent that never answers validly fails the plan with InvalidPlan after its attempts', async () => {
  const repo = await prepareExample('taskboard');
  const prepared = await preparePlan({ request: 'add an agent feature', repo, stateDir, authorCommand: agent('never-right.mjs') });
  await withWorker(createActivities({ client: (await testEnv()).client }), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    await assert.rejects(handle.result(), (err: unknown) => {
      assert.ok(err instanceof WorkflowFailedError);
      const activityFailure = err.cause as { cause?: { type?: string; message?: string } };
      assert.equal(activityFailure.cause?.type, 'InvalidPlan');
      assert.match(activityFailure.cause?.message ?? '', /Missing scenario/);
      return true;
    });
    const status = await planStatus(handle);
    assert.equal(status.state, 'failed');
    assert.equal(status.steps['scaffold-proposal'].status, 'failed');
    assert.equal(status.steps['scaffold-proposal'].attempts, 1);
    assert.equal(existsSync(join(repo, 'openspec/changes', prepared.input.changeId, 'proposal.md')), false, 'nothing rendered from an invalid draft');
  });
});
