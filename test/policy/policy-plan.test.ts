/**
 * A repository's policy on a real dev server: the plan records it, a decision from someone it
 * does not allow is refused with the reason (the plan keeps waiting), and a plan whose packages
 * would write protected paths fails validation naming them. An invalid policy is refused before
 * any workflow starts.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivities } from '../../src/activities/index.js';
import { exampleWithNoChangeInFlight } from '../helpers/authoring.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { decide, startPlan, waitForState } from '../../src/service/plans.js';
import { closeTestEnv, testEnv, withWorker } from '../helpers/temporal.js';

after(closeTestEnv);
const stateDir = mkdtempSync(join(tmpdir(), 'pp-policy-plan-'));

async function exampleWithPolicy(policy: string): Promise<string> {
  const repo = await exampleWithNoChangeInFlight('taskboard');
  mkdirSync(join(repo, '.parallel-plan'));
  writeFileSync(join(repo, '.parallel-plan/policy.yaml'), policy);
  execFileSync('git', ['add', '-A'], { cwd: repo });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@x', 'commit', '-qm', 'policy'], { cwd: repo });
  return repo;
}

test('the policy decides who may approve: others are refused with the reason, the plan keeps waiting', async () => {
  const repo = await exampleWithPolicy('approvers: [alice]\nmax_parallel_width: 8\n');
  const { client } = await testEnv();
  await withWorker(createActivities({ client }), async ({ taskQueue }) => {
    const handle = await startPlan(client, await preparePlan({ request: 'add task priorities', repo, stateDir }), taskQueue);
    const status = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(status.policy?.source, '.parallel-plan/policy.yaml');
    assert.deepEqual(status.policy?.approvers, ['alice']);
    assert.equal(status.validation?.checks.find((c) => c.name === 'policy')?.passed, true);
    assert.equal(status.capabilities?.detail.CAN_POLICY.available, true);
    await assert.rejects(decide(handle, 'approve', { by: 'mallory' }), /mallory may not decide on plans of this repository: the policy \(\.parallel-plan\/policy\.yaml\) allows alice/);
    assert.equal((await waitForState(handle, ['awaiting-approval'])).state, 'awaiting-approval');
    const taken = await decide(handle, 'approve', { by: 'alice' });
    assert.equal(taken.outcome?.state, 'approved');
  });
});

test('a plan whose packages would write protected paths fails validation, naming the package and the path', async () => {
  const repo = await exampleWithPolicy('protected_paths: ["src/server/**"]\n');
  const { client } = await testEnv();
  await withWorker(createActivities({ client }), async ({ taskQueue }) => {
    const handle = await startPlan(client, await preparePlan({ request: 'add task priorities', repo, stateDir }), taskQueue);
    const status = await waitForState(handle, ['awaiting-approval', 'failed'], { timeoutMs: 300_000 });
    assert.equal(status.state, 'failed');
    const check = status.validation?.checks.find((c) => c.name === 'policy');
    assert.equal(check?.passed, false);
    assert.match(check!.issues.join('\n'), /policy-protected-path: wp-\w+ may write 'src\/server\/[^']*', which the policy \(\.parallel-plan\/policy\.yaml\) protects: 'src\/server\/\*\*'/);
  });
});

test('an invalid policy is refused before the plan starts, naming the field', async () => {
  const repo = await exampleWithPolicy('approvers: alice\n');
  await assert.rejects(preparePlan({ request: 'add task priorities', repo, stateDir }), /policy .*policy\.yaml is invalid:\n  approvers/);
});
