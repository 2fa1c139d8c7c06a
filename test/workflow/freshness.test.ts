/**
 * Plans cannot go stale: the plan records the commit it was made from; an approval after commits
 * that touch its write scopes is refused with the commits and files, and the plan keeps waiting;
 * `request-changes --rebase` re-plans on the current commit, which can then be approved. Commits
 * of the change folder itself (people commit their plans) and of files outside the scopes do not
 * block. Real Temporal dev server, real activities, real git.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { createActivities } from '../../src/activities/index.js';
import { exampleWithNoChangeInFlight } from '../helpers/authoring.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { decide, planResult, planStatus, startPlan, waitForState } from '../../src/service/plans.js';
import { globMatches } from '../../src/domain/repository-model/glob-match.js';
import { PlanError } from '../../src/errors.js';
import { closeTestEnv, testEnv, withWorker } from '../helpers/temporal.js';

after(closeTestEnv);

const stateDir = mkdtempSync(join(tmpdir(), 'pp-fresh-'));
const git = async (repo: string, ...args: string[]): Promise<string> =>
  (await execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', ...args], { cwd: repo })).stdout.trim();

test('an approval after commits touching the write scopes is refused; request-changes --rebase re-plans on the current commit', async () => {
  const repo = await exampleWithNoChangeInFlight('taskboard');
  const prepared = await preparePlan({ request: 'add task priorities', repo, stateDir });
  const changeId = prepared.input.changeId;
  await withWorker(createActivities({ client: (await testEnv()).client }), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    const ready = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(ready.state, 'awaiting-approval', ready.error);
    assert.equal(ready.baseCommit, await git(repo, 'rev-parse', 'HEAD'), 'the plan records its commit');

    // Committing the plan and a file outside every scope does not make it stale.
    const wp = parse(readFileSync(join(repo, `openspec/changes/${changeId}/work-packages.yaml`), 'utf8')) as { packages: Array<{ scope: { write_allow: string[] } }> };
    const globs = wp.packages.flatMap((p) => p.scope.write_allow);
    const files = (await git(repo, 'ls-files')).split('\n');
    const inScope = files.find((f) => !f.startsWith('openspec/') && globs.some((g) => globMatches(g, f)))!;
    const outside = 'NOTES.txt';
    assert.ok(inScope, 'some committed file is in a write scope');
    assert.ok(!globs.some((g) => globMatches(g, outside)));
    writeFileSync(join(repo, outside), 'unrelated\n');
    await git(repo, 'add', '-A');
    await git(repo, 'commit', '-q', '-m', 'commit the plan and some notes');

    appendFileSync(join(repo, inScope), '\n// changed by someone else\n');
    await git(repo, 'commit', '-q', '-am', 'someone changes a planned file');
    const moved = await git(repo, 'rev-parse', 'HEAD');

    await assert.rejects(decide(handle, 'approve', { by: 'alice' }), (err: unknown) => {
      assert.ok(err instanceof PlanError && err.type === 'BadInput', String(err));
      assert.match(err.message, /approval refused: the repository moved/);
      assert.ok(err.message.includes(moved.slice(0, 12)) && err.message.includes(inScope), err.message);
      assert.doesNotMatch(err.message, /commit the plan and some notes/);
      return true;
    });
    const waiting = await planStatus(handle);
    assert.equal(waiting.state, 'awaiting-approval');
    assert.equal(waiting.decisions.length, 0, 'the refused approval is not a decision');

    await decide(handle, 'request-changes', { by: 'alice', comment: 'rebase on the current code', rebase: true });
    const second = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000, afterRevision: 1 });
    assert.equal(second.revision, 2, second.error);
    assert.equal(second.baseCommit, moved, 'revision 2 is made from the current commit');
    const approved = await decide(handle, 'approve', { by: 'alice' });
    assert.equal(approved.outcome?.state, 'approved');
    const handoff = JSON.parse(readFileSync(join(repo, approved.outcome!.handoff!.path), 'utf8')) as { base_commit: string };
    assert.equal(handoff.base_commit, moved);
    assert.equal((await planResult(handle)).state, 'approved');
  });
});
