/**
 * Repositories are not ours: what they commit (symlinks out of the tree, FIFOs) and what they
 * configure (`core.fsmonitor` and other commands git runs) must never make parallel-plan write
 * outside the repository, read another user's files, hang, or run the repository's commands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitLsFiles, gitTopLevel } from '../../src/adapters/git.js';
import { listRepositoryFiles } from '../../src/activities/context/files.js';
import { loadSpecs } from '../../src/activities/context/specs-facet.js';
import { loadChangesInFlight } from '../../src/activities/context/changes-facet.js';
import { createScaffoldActivities } from '../../src/activities/scaffold.js';
import { createEnvironmentActivities } from '../../src/activities/environment.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { commitAsRepository } from '../../src/examples/prepare.js';
import { PlanError } from '../../src/errors.js';

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A small committed repository with an OpenSpec layout and one spec. */
async function smallRepo(): Promise<string> {
  const dir = join(tempDir('pp-hostile-'), 'repo');
  mkdirSync(join(dir, 'openspec', 'specs', 'tasks'), { recursive: true });
  mkdirSync(join(dir, 'openspec', 'changes'), { recursive: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'openspec', 'specs', 'tasks', 'spec.md'), '# tasks Specification\n\n## Purpose\nTasks.\n\n## Requirements\n### Requirement: List Tasks\nThe service SHALL list tasks.\n\n#### Scenario: listed\n- **WHEN** a client lists tasks\n- **THEN** it gets them\n');
  writeFileSync(join(dir, 'src', 'tasks.py'), 'def list_tasks():\n    return []\n');
  await commitAsRepository(dir, 'fixture');
  return dir;
}

/** A folder outside the repository holding someone's work. */
function victimFolder(): { dir: string; proposal: string } {
  const dir = tempDir('pp-victim-');
  const proposal = join(dir, 'proposal.md');
  writeFileSync(proposal, 'precious work\n');
  return { dir, proposal };
}

const isBadInput = (pattern: RegExp) => (err: unknown) => err instanceof PlanError && err.type === 'BadInput' && pattern.test(err.message);

const request = 'add task priorities to the API';

test('a committed link at the derived change id does not capture the plan: another id is derived and nothing is written through the link', async () => {
  const repo = await smallRepo();
  const stateDir = tempDir('pp-state-');
  const first = await preparePlan({ request, repo, stateDir });
  const victim = victimFolder();
  symlinkSync(victim.dir, join(repo, 'openspec', 'changes', first.input.changeId));

  const second = await preparePlan({ request, repo, stateDir });
  assert.notEqual(second.input.changeId, first.input.changeId, 'the linked name counts as taken');
  await assert.rejects(preparePlan({ request, repo, stateDir, changeId: first.input.changeId }), isBadInput(/already exists/));

  // Even if a plan reaches step 3 with that id (the link appeared after it started), nothing is written through it.
  await assert.rejects(
    createScaffoldActivities().scaffoldProposal({
      repoDir: second.input.repoDir,
      runDir: join(stateDir, 'run'),
      changeId: first.input.changeId,
      request,
      author: { kind: 'rule-based' },
      contextRef: { path: join(stateDir, 'none.json'), sha256: '0'.repeat(64), bytes: 0 },
      revision: 1,
      feedback: [],
      tier: 'linear',
      warnings: [],
    }),
    isBadInput(/symbolic link to .*outside the repository/),
  );
  assert.equal(readFileSync(victim.proposal, 'utf8'), 'precious work\n');
  assert.deepEqual(readdirSync(victim.dir), ['proposal.md']);
});

test('a dangling link at the change id counts as taken', async () => {
  const repo = await smallRepo();
  const stateDir = tempDir('pp-state-');
  const first = await preparePlan({ request, repo, stateDir });
  symlinkSync('/nonexistent/elsewhere', join(repo, 'openspec', 'changes', first.input.changeId));
  const second = await preparePlan({ request, repo, stateDir });
  assert.notEqual(second.input.changeId, first.input.changeId);
});

for (const linked of ['openspec', 'openspec/changes']) {
  test(`${linked}/ as a link out of the repository is refused before anything is written, naming the link`, async () => {
    const repo = await smallRepo();
    const victim = victimFolder();
    const at = join(repo, ...linked.split('/'));
    execFileSync('rm', ['-rf', at]);
    symlinkSync(victim.dir, at);
    const stateDir = tempDir('pp-state-');
    await assert.rejects(preparePlan({ request, repo, stateDir }), isBadInput(new RegExp(`${linked} in .* is a symbolic link to .*outside the repository`)));
    // Step 1 refuses it too (a plan started by another client, or a link made after the start).
    await assert.rejects(
      createEnvironmentActivities().verifyEnvironment({ repoDir: repo, changeId: 'add-task-priorities', runDir: join(stateDir, 'run'), coordinator: 'none' }),
      isBadInput(/symbolic link/),
    );
    assert.deepEqual(readdirSync(victim.dir), ['proposal.md']);
    assert.equal(readFileSync(victim.proposal, 'utf8'), 'precious work\n');
  });
}

test("'archive' is never a change id: OpenSpec keeps archived changes there", async () => {
  const repo = await smallRepo();
  await assert.rejects(preparePlan({ request, repo, stateDir: tempDir('pp-state-'), changeId: 'archive' }), isBadInput(/archive/));
});

test('specs linked out of the repository are not read, and a FIFO in place of a spec does not hang the reader', async () => {
  const repo = await smallRepo();
  const outside = tempDir('pp-outside-spec-');
  writeFileSync(join(outside, 'spec.md'), '# secret Specification\n\n## Requirements\n### Requirement: Secret\nThe secret SHALL stay secret.\n');
  symlinkSync(outside, join(repo, 'openspec', 'specs', 'secret'));
  mkdirSync(join(repo, 'openspec', 'specs', 'pipe'));
  execFileSync('mkfifo', [join(repo, 'openspec', 'specs', 'pipe', 'spec.md')]);
  symlinkSync('/etc/passwd', join(repo, 'openspec', 'specs', 'tasks', 'extra.md'));
  const started = Date.now();
  const specs = await loadSpecs(repo);
  assert.ok(Date.now() - started < 5_000, 'no hang');
  assert.deepEqual(specs.map((s) => s.capability), ['tasks']);

  // The same for changes in flight: a proposal linked to a file outside is not read.
  mkdirSync(join(repo, 'openspec', 'changes', 'other'));
  symlinkSync(join(outside, 'spec.md'), join(repo, 'openspec', 'changes', 'other', 'proposal.md'));
  execFileSync('mkfifo', [join(repo, 'openspec', 'changes', 'other', 'work-packages.yaml')]);
  const { changes } = await loadChangesInFlight(repo);
  assert.deepEqual(changes.map((c) => c.id), ['other']);
  assert.deepEqual(changes[0]!.capabilities, []);
});

test("the repository's core.fsmonitor (and hooks) never run when parallel-plan reads it with git", async () => {
  const repo = await smallRepo();
  const marker = join(tempDir('pp-marker-'), 'ran');
  const script = join(tempDir('pp-fsmonitor-'), 'monitor.sh');
  writeFileSync(script, `#!/bin/sh\necho ran >> ${marker}\n`);
  chmodSync(script, 0o755);
  execFileSync('git', ['config', 'core.fsmonitor', script], { cwd: repo });
  // Control: plain git does run it, so the check below can fail.
  execFileSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: repo });
  assert.ok(existsSync(marker), 'the fixture is armed: plain git runs the fsmonitor command');
  execFileSync('rm', ['-f', marker]);

  writeFileSync(join(repo, 'untracked.txt'), 'new\n');
  const files = await gitLsFiles(repo);
  assert.ok(files.includes('untracked.txt'), 'untracked files are still listed');
  await gitTopLevel(repo);
  await listRepositoryFiles(repo);
  assert.equal(existsSync(marker), false, 'the fsmonitor command did not run');
});
