/**
 * Bad input fails before anything is written, with a message naming the problem: in the CLI's
 * preparation, and again inside the workflow (non-retryable, no second attempt).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { createActivities } from '../../src/activities/index.js';
import { prepareExample } from '../../src/examples/prepare.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { startPlan } from '../../src/service/plans.js';
import { PlanError } from '../../src/errors.js';
import { treeSnapshot } from '../helpers/files.js';
import { closeTestEnv, withWorker } from '../helpers/temporal.js';

after(closeTestEnv);

const stateDir = mkdtempSync(join(tmpdir(), 'pp-badinput-state-'));

const snapshot = treeSnapshot;

async function rejects(fn: () => Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(fn, (err: unknown) => {
    assert.ok(err instanceof PlanError, `expected a PlanError, got ${String(err)}`);
    assert.equal(err.type, 'BadInput');
    assert.match(err.message, pattern);
    return true;
  });
}

test('a missing repository path is named', async () => {
  const missing = join(tmpdir(), 'pp-does-not-exist-' + process.pid);
  await rejects(() => preparePlan({ request: 'add x', repo: missing, stateDir }), /does not exist/);
  assert.equal(existsSync(missing), false);
  assert.equal(existsSync(join(stateDir, 'runs')), false);
});

test('a folder that is not a git repository is refused and left untouched', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-notgit-'));
  writeFileSync(join(dir, 'README.md'), '# not a repo\n');
  const before = snapshot(dir);
  await rejects(() => preparePlan({ request: 'add x', repo: dir, stateDir }), /is not a git repository/);
  assert.deepEqual(snapshot(dir), before);
});

test('a repository git refuses to read (another owner) is named as such, not as "not a git repository"', { skip: process.getuid?.() !== 0 && 'needs root to give a folder to another user' }, async () => {
  const repo = await prepareExample('taskboard');
  chownSync(repo, 4321, 4321);
  const before = snapshot(repo);
  await rejects(() => preparePlan({ request: 'add x', repo, stateDir }), /git refuses to read .*dubious ownership/);
  assert.deepEqual(snapshot(repo), before);
});

test('a bare repository is refused as such (exit 2 in the CLI), naming the way out', async () => {
  const bare = join(mkdtempSync(join(tmpdir(), 'pp-bare-')), 'r.git');
  await execa('git', ['init', '-q', '--bare', bare]);
  const before = snapshot(bare);
  await rejects(() => preparePlan({ request: 'add x', repo: bare, stateDir }), /is a bare git repository/);
  assert.deepEqual(snapshot(bare), before);
});

test('--repo <subfolder> plans the repository whose openspec/ holds it, never a second openspec/', async () => {
  const repo = await prepareExample('taskboard');
  const before = snapshot(repo);
  const prepared = await preparePlan({ request: 'add task priorities', repo: join(repo, 'src'), stateDir });
  assert.equal(prepared.input.repoDir, realpathSync(repo));
  assert.deepEqual(snapshot(repo), before);
  // A package with an openspec/ of its own (a monorepo) is planned on its own.
  mkdirSync(join(repo, 'src', 'openspec'));
  const own = await preparePlan({ request: 'add task priorities', repo: join(repo, 'src'), stateDir });
  assert.equal(own.input.repoDir, realpathSync(join(repo, 'src')));
});

test('example --dir naming a file is refused with the path', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'pp-example-')), 'taken');
  writeFileSync(file, 'x');
  await rejects(() => prepareExample('taskboard', file), /taken is a file, not a folder/);
  assert.equal(readFileSync(file, 'utf8'), 'x');
});

test('an empty request is refused', async () => {
  const repo = await prepareExample('taskboard');
  const before = snapshot(repo);
  await rejects(() => preparePlan({ request: '   ', repo, stateDir }), /request is empty/);
  assert.deepEqual(snapshot(repo), before);
});

test('a change id with ../ is refused before any file is written', async () => {
  const repo = await prepareExample('taskboard');
  const before = snapshot(repo);
  await rejects(() => preparePlan({ request: 'add x', repo, stateDir, changeId: '../escape' }), /invalid change id '\.\.\/escape'/);
  assert.deepEqual(snapshot(repo), before);
  assert.equal(existsSync(join(repo, '..', 'escape')), false);
});

test('an invalid brief names the field', async () => {
  const repo = await prepareExample('taskboard');
  const brief = join(mkdtempSync(join(tmpdir(), 'pp-brief-')), 'brief.yaml');
  writeFileSync(brief, 'capabilities:\n  - name: Not Kebab\n    requirements: []\n');
  await rejects(() => preparePlan({ request: 'add x', repo, stateDir, brief }), /capabilities/);
});

test('inside the workflow, a non-git repository fails the plan at step 1 without retries', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-notgit-wf-'));
  mkdirSync(join(dir, 'src'));
  const before = snapshot(dir);
  await withWorker(createActivities(), async ({ client, taskQueue }) => {
    const handle = await startPlan(
      client,
      {
        workflowId: `bad-input-${process.pid}-${Date.now()}`,
        input: { request: 'add x', repoDir: dir, changeId: 'add-x', runDir: join(stateDir, 'runs', 'bad') },
      },
      taskQueue,
    );
    await assert.rejects(handle.result(), (err: unknown) => {
      assert.ok(err instanceof WorkflowFailedError);
      const cause = err.cause as { type?: string; message?: string; cause?: { type?: string; message?: string } };
      const failure = cause?.cause ?? cause;
      assert.equal(failure?.type, 'BadInput');
      assert.match(failure?.message ?? '', /is not a git repository/);
      return true;
    });
    const history = await handle.fetchHistory();
    const attempts = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt);
    assert.deepEqual(attempts, [1], 'step 1 ran once: bad input is not retried');
  });
  assert.deepEqual(snapshot(dir), before);
});
