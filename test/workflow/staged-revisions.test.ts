/**
 * Staged revisions: a revision reaches openspec/changes/<id>/ only once it passed validation.
 * A plan that fails validation leaves the repository as it was (git status unchanged, the change
 * id free for the next plan); a second revision that fails keeps the first one's files; files a
 * person added to the change folder survive a revision that replaces it. Real Temporal dev server,
 * real activities; the author is a script standing in for an agent (no hosted LLM here).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { WorkflowFailedError } from '@temporalio/client';
import { createActivities } from '../../src/activities/index.js';
import { projectRoot } from '../../src/config/paths.js';
import { prepareExample } from '../../src/examples/prepare.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { decide, planStatus, startPlan, waitForState } from '../../src/service/plans.js';
import { closeTestEnv, testEnv, withWorker } from '../helpers/temporal.js';

after(closeTestEnv);

const stateDir = mkdtempSync(join(tmpdir(), 'pp-staged-'));
const agent = (name: string, env = ''): string => `${env ? `env ${env} ` : ''}${process.execPath} ${join(projectRoot, 'test/fixtures/agents', name)}`;
const gitStatus = async (repo: string): Promise<string> => (await execa('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: repo })).stdout;
const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

test('a plan that fails validation writes nothing to the repository, and its change id can be planned again', async () => {
  const repo = await prepareExample('taskboard');
  const before = await gitStatus(repo);
  const failing = await preparePlan({ request: 'add a widget listing', repo, stateDir, changeId: 'add-widgets', authorCommand: agent('never-fits.mjs') });
  await withWorker(createActivities({ client: (await testEnv()).client }), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, failing, taskQueue);
    await assert.rejects(handle.result(), WorkflowFailedError);
    assert.match((await planStatus(handle)).error ?? '', /failed validation/);
    const status = await planStatus(handle);
    assert.equal(status.state, 'failed');
    assert.equal(status.validation?.passed, false);
    assert.match(status.error ?? '', /nothing was written to openspec\/changes\/add-widgets\//);
    assert.equal(existsSync(join(repo, 'openspec/changes/add-widgets')), false, 'no partial change folder');
    assert.equal(await gitStatus(repo), before, 'the repository is as it was');

    // The same id is free: a plan that passes takes it, and its files are the ones in its status.
    const next = await preparePlan({ request: 'add a widget listing', repo, stateDir, changeId: 'add-widgets', authorCommand: agent('correct.mjs') });
    const ok = await waitForState(await startPlan(client, next, taskQueue), ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(ok.state, 'awaiting-approval', ok.error);
    for (const a of ok.artifacts.filter((x) => x.path.startsWith('openspec/changes/'))) assert.equal(digest(join(repo, a.path)), a.sha256, a.path);
  });
});

test('a second revision that fails keeps the first; a revision that passes keeps the files a person added', async () => {
  const repo = await prepareExample('taskboard');
  const prepared = await preparePlan({ request: 'add a widget listing', repo, stateDir, changeId: 'widgets', authorCommand: agent('never-fits.mjs', 'FROM_REVISION=3') });
  const dir = join(repo, 'openspec/changes/widgets');
  await withWorker(createActivities({ client: (await testEnv()).client }), async ({ client, taskQueue }) => {
    const handle = await startPlan(client, prepared, taskQueue);
    const first = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(first.state, 'awaiting-approval', first.error);
    writeFileSync(join(dir, 'review-notes.md'), 'notes the reviewer keeps beside the plan\n');

    // Revision 2 passes (the author fails from revision 3 on) and replaces the folder, notes kept.
    await decide(handle, 'request-changes', { by: 'carol', comment: 'one more pass' });
    const second = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000, afterRevision: 1 });
    assert.equal(second.revision, 2, second.error);
    assert.equal(readFileSync(join(dir, 'review-notes.md'), 'utf8'), 'notes the reviewer keeps beside the plan\n');
    const wp = readFileSync(join(dir, 'work-packages.yaml'), 'utf8');
    assert.match(wp, /plan_revision: 2/);
    const kept = Object.fromEntries(second.artifacts.filter((a) => a.path.startsWith('openspec/changes/')).map((a) => [a.path, digest(join(repo, a.path))]));

    // Revision 3 fails validation: revision 2 stays exactly as it was.
    await decide(handle, 'request-changes', { by: 'carol', comment: 'and another' });
    await assert.rejects(handle.result(), WorkflowFailedError);
    assert.match((await planStatus(handle)).error ?? '', /failed validation/);
    for (const [path, sha] of Object.entries(kept)) assert.equal(digest(join(repo, path)), sha, `${path} of revision 2 is untouched`);
    assert.equal(readFileSync(join(dir, 'work-packages.yaml'), 'utf8'), wp);
    assert.ok(existsSync(join(dir, 'review-notes.md')));
  });
});
