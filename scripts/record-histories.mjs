#!/usr/bin/env node
// Records workflow histories for the replay test (test/fixtures/histories/) by running real
// plans on the example repository against a dev server: approved (with a request-changes round),
// rejected, a plan that continues as new, and context facet children (code, specs, the repository model); and the lock registry: the plans' registry, and one
// run driven through claim, conflict, re-claim, lease expiry, release, a rejected malformed
// claim and continue-as-new; a code facet split into several shards; a dispatch of the example's
// packages and one package child (a lapsed lease, a retried failure); the repository memory the
// request-changes stored its lesson in, and one driven through each kind of lesson and
// continue-as-new. Run after `npm run build`.
// Files not written here (e.g. plan-approved-before-lock-registry.json, recorded before approval
// claimed locks) are kept, so older histories keep replaying. Names as arguments record only those
// (`node scripts/record-histories.mjs context-facet-code-sharded`), keeping the other files as
// they were: histories from before a `patched()` change must stay to test the old branch.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const d = (p) => import(join(root, 'dist', p));
const { ensureDevServer, stopDevServer, freePort } = await d('src/server/dev-server.js');
const { prepareExample } = await d('src/examples/prepare.js');
const { preparePlan } = await d('src/service/plan-request.js');
const { startPlan, waitForState, decide, planResult } = await d('src/service/plans.js');
const { createActivities } = await d('src/activities/index.js');
const { claimLocksUpdate, releaseLocksUpdate, locksQuery, lockRegistryWorkflowId } = await d('src/shared/lock-messages.js');
const { requestChangesSignal } = await d('src/shared/messages.js');
const { Worker, NativeConnection, bundleWorkflowCode } = await import('@temporalio/worker');
const { Client, Connection } = await import('@temporalio/client');
import { execFileSync } from 'node:child_process';

const out = join(root, 'test/fixtures/histories');
mkdirSync(out, { recursive: true });
const stateDir = mkdtempSync(join(tmpdir(), 'pp-record-'));
const server = await ensureDevServer({ stateDir, port: await freePort(), uiPort: await freePort() });
const connection = await NativeConnection.connect({ address: server.address });
const client = new Client({ connection: await Connection.connect({ address: server.address }) });
const taskQueue = 'record-histories';
const worker = await Worker.create({
  connection,
  taskQueue,
  workflowBundle: await bundleWorkflowCode({ workflowsPath: (await d('src/config/paths.js')).workflowsPath }),
  activities: createActivities({ client }),
});

// The Temporal CLI writes the standard JSON history format that replay reads.
const only = process.argv.slice(2);

async function save(name, handle, workflowType, runId) {
  if (only.length > 0 && !only.includes(name)) return;
  const run = runId ? ['--run-id', runId] : [];
  const json = execFileSync(server.cli.path, ['workflow', 'show', '--workflow-id', handle.workflowId, ...run, '--output', 'json', '--address', server.address], {
    maxBuffer: 64 * 1024 * 1024,
  }).toString();
  writeFileSync(join(out, `${name}.json`), JSON.stringify({ workflowType, workflowId: handle.workflowId, history: JSON.parse(json) }, null, 1) + '\n');
  console.log(`recorded ${name}`);
}

try {
  await worker.runUntil(async () => {
    const approved = await preparePlan({ request: 'add due dates to tasks and an endpoint listing overdue tasks', repo: await prepareExample('taskboard'), stateDir });
    let h = await startPlan(client, approved, taskQueue);
    await waitForState(h, ['awaiting-approval']);
    await decide(h, 'request-changes', { by: 'recorder', comment: 'overdue means past the due date in UTC' });
    await waitForState(h, ['awaiting-approval'], { afterRevision: 1 });
    await decide(h, 'approve', { by: 'recorder', acknowledgeConflicts: true });
    await planResult(h);
    // Recorded before the repository model: kept as it is (the unpatched branch of 'repository-model').
    await save('plan-request-changes-approved', h, 'parallelPlanFeature');
    // The same plan with the repository model facet (five context children).
    await save('plan-repository-model-approved', h, 'parallelPlanFeature');
    // The same plan with staged revisions and decisions taken by update (both approved here).
    await save('plan-staged-updates-approved', h, 'parallelPlanFeature');
    // The same plan waited for through the awaitPlanState update (no status polling); the example's
    // change in flight makes the approval need acknowledging.
    await save('plan-awaited-by-update-approved', h, 'parallelPlanFeature');
    await save('context-facet-model', client.workflow.getHandle(`${h.workflowId}/context/model`), 'contextFacetWorkflow');
    await save('context-facet-code', client.workflow.getHandle(`${h.workflowId}/context/code`), 'contextFacetWorkflow');
    await save('context-facet-specs', client.workflow.getHandle(`${h.workflowId}/context/specs`), 'contextFacetWorkflow');
    // The repository memory the request-changes above stored its lesson in (still running).
    const { memoryWorkflowId, rememberLessonUpdate, lessonsQuery } = await d('src/shared/memory-messages.js');
    const { memoryRepositoryHash } = await d('src/coordinator/temporal.js');
    await save('repository-memory-plan-lessons', client.workflow.getHandle(memoryWorkflowId(memoryRepositoryHash(approved.input.repoDir), taskQueue)), 'repositoryMemoryWorkflow');
    // A memory driven through each kind of lesson, a duplicate, a refused malformed lesson and continue-as-new.
    if (only.length === 0 || only.includes('repository-memory-continued-as-new')) {
      const memory = await client.workflow.start('repositoryMemoryWorkflow', { workflowId: 'record-repository-memory', taskQueue, args: [{ repository: '/repos/example', continueAsNewAfterEvents: 40 }] });
      const remember = (lesson) => memory.executeUpdate(rememberLessonUpdate, { args: [{ repository: '/repos/example', lesson }] });
      await remember({ kind: 'changes-requested', changeId: 'add-due-dates', revision: 1, by: 'bob', text: 'overdue means past the due date in UTC' });
      await remember({ kind: 'changes-requested', changeId: 'add-due-dates', revision: 1, by: 'bob', text: 'overdue means past the due date in UTC' });
      await remember({ kind: 'rejected', changeId: 'add-due-dates', revision: 2, by: 'carol', text: 'x'.repeat(1_500) });
      await remember({ kind: 'package-failed', changeId: 'add-labels', revision: 1, packageId: 'wp-backend', by: 'agent-1', text: 'migration does not apply' });
      await remember({ kind: 'rejected', changeId: 'Bad Id', text: 'refused' }).then(() => { throw new Error('expected the malformed lesson to be refused'); }, () => undefined);
      for (let i = 0; (await memory.query(lessonsQuery)).runs === 1; i++) {
        await remember({ kind: 'changes-requested', changeId: `change-${i}`, text: `lesson ${i}` });
      }
      await save('repository-memory-continued-as-new', memory, 'repositoryMemoryWorkflow', memory.firstExecutionRunId);
    }

    // An approval refused because a planned file changed since the plan's commit, then
    // request-changes --rebase (context gathered again) and an approval.
    if (only.length === 0 || only.includes('plan-stale-approval-rebased')) {
      const staleRepo = await prepareExample('taskboard');
      const stale = await preparePlan({ request: 'add task priorities', repo: staleRepo, stateDir });
      h = await startPlan(client, stale, taskQueue);
      await waitForState(h, ['awaiting-approval']);
      const gitIn = (...args) => execFileSync('git', ['-c', 'user.name=r', '-c', 'user.email=r@localhost', ...args], { cwd: staleRepo }).toString();
      const wpText = execFileSync('cat', [join(staleRepo, `openspec/changes/${stale.input.changeId}/work-packages.yaml`)]).toString();
      const { globMatches } = await d('src/domain/repository-model/glob-match.js');
      const { parse } = await import('yaml');
      const globs = parse(wpText).packages.flatMap((p) => p.scope.write_allow);
      const planned = gitIn('ls-files').split('\n').find((f) => f && !f.startsWith('openspec/') && globs.some((g) => globMatches(g, f)));
      writeFileSync(join(staleRepo, planned), '// changed\n', { flag: 'a' });
      gitIn('commit', '-q', '-am', 'change a planned file');
      await decide(h, 'approve', { by: 'recorder' }).then(() => { throw new Error('expected the stale approval to be refused'); }, () => undefined);
      await decide(h, 'request-changes', { by: 'recorder', comment: 'rebase', rebase: true });
      await waitForState(h, ['awaiting-approval'], { afterRevision: 1 });
      await decide(h, 'approve', { by: 'recorder', acknowledgeConflicts: true });
      await planResult(h);
      await save('plan-stale-approval-rebased', h, 'parallelPlanFeature');
    }

    // A plan that continues as new at every safe point (continueAsNewAfterEvents: 1), two
    // request-changes rounds (update, then signal) and an approval: its first run (continued while
    // awaiting a decision), its second (continued between a request-changes and the next
    // revision, started from a carried state) and its last (approved).
    if (only.length === 0 || only.some((n) => n.startsWith('plan-continued-as-new'))) {
      const continuing = await preparePlan({ request: 'add task priorities', repo: await prepareExample('taskboard'), stateDir });
      continuing.input.continueAsNewAfterEvents = 1;
      h = await startPlan(client, continuing, taskQueue);
      await waitForState(h, ['awaiting-approval']);
      await decide(h, 'request-changes', { by: 'recorder', comment: 'priorities are low, normal and high' });
      await waitForState(h, ['awaiting-approval'], { afterRevision: 1 });
      await h.signal(requestChangesSignal, { by: 'recorder', comment: 'sort the board by priority' });
      await waitForState(h, ['awaiting-approval'], { afterRevision: 2 });
      await decide(h, 'approve', { by: 'recorder', acknowledgeConflicts: true });
      await planResult(h);
      const { runs } = await h.query('status');
      let executions = [];
      for (let i = 0; i < 120 && executions.length !== runs; i++) {
        executions = [];
        for await (const wf of client.workflow.list({ query: `WorkflowId = '${h.workflowId}'` })) executions.push(wf);
        if (executions.length !== runs) await new Promise((r) => setTimeout(r, 500));
      }
      executions.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
      if (executions.length < 3 || executions[0].runId !== h.firstExecutionRunId) throw new Error(`expected the plan to continue as new (${executions.length} runs)`);
      await save('plan-continued-as-new-first-run', h, 'parallelPlanFeature', executions[0].runId);
      await save('plan-continued-as-new-between-revisions', h, 'parallelPlanFeature', executions[1].runId);
      await save('plan-continued-as-new-approved', h, 'parallelPlanFeature', executions[executions.length - 1].runId);
    }

    const rejected = await preparePlan({ request: 'add a dark mode toggle', repo: await prepareExample('taskboard'), stateDir, coordinator: 'none' });
    h = await startPlan(client, rejected, taskQueue);
    await waitForState(h, ['awaiting-approval']);
    await decide(h, 'reject', { by: 'recorder' });
    await planResult(h);
    await save('plan-linear-rejected', h, 'parallelPlanFeature');
    // The registry the approval above claimed in (still running: its history so far).
    await save('lock-registry-plan-approval', client.workflow.getHandle(lockRegistryWorkflowId(taskQueue)), 'lockRegistryWorkflow');

    const reg = await client.workflow.start('lockRegistryWorkflow', { workflowId: 'record-lock-registry', taskQueue, args: [{ continueAsNewAfterEvents: 60 }] });
    const firstRun = reg.firstExecutionRunId;
    const claim = (changeId, keys, extra = {}) => ({
      repository: '/repos/example', changeId, revision: 1, holder: `plan-${changeId}`, packages: [{ packageId: 'wp-main', keys, files: [`src/${changeId}.ts`] }], ...extra,
    });
    const refused = (p) => p.then(() => { throw new Error('expected the update to fail'); }, () => undefined);
    await reg.executeUpdate(claimLocksUpdate, { args: [claim('add-due-dates', ['db:schema:tasks', 'api:GET /tasks/overdue'])] });
    await refused(reg.executeUpdate(claimLocksUpdate, { args: [claim('add-priorities', ['db:schema:tasks'])] }));
    await reg.executeUpdate(claimLocksUpdate, { args: [claim('add-due-dates', ['db:schema:tasks'], { revision: 2 })] });
    await reg.executeUpdate(claimLocksUpdate, { args: [claim('short-lease', ['env:staging'], { ttlMs: 1_000 })] });
    await new Promise((r) => setTimeout(r, 2_000));
    await refused(reg.executeUpdate(claimLocksUpdate, { args: [claim('../bad', ['not a key'])] }));
    await reg.executeUpdate(releaseLocksUpdate, { args: [{ changeId: 'add-due-dates' }] });
    for (let i = 0; (await reg.query(locksQuery)).runs === 1; i++) {
      await reg.executeUpdate(claimLocksUpdate, { args: [claim(`change-${i}`, [`env:slot-${i}`])] });
    }
    await save('lock-registry-continued-as-new', reg, 'lockRegistryWorkflow', firstRun);

    // A code facet in balanced shards (several rounds of parallel shard activities).
    const repoDir = await prepareExample('taskboard');
    const sharded = await client.workflow.start('contextFacetWorkflow', {
      workflowId: 'record-context-facet-code-sharded',
      taskQueue,
      args: [{ facet: 'code', repoDir, runDir: mkdtempSync(join(tmpdir(), 'pp-record-run-')), request: 'list overdue tasks', shardSize: 8 }],
    });
    await sharded.result();
    await save('context-facet-code-sharded', sharded, 'contextFacetWorkflow');

    // A dispatch of the example's 5-package DAG driven through the agents' verbs: a claim whose
    // lease lapses, a failure within retry_budget, then every package completed.
    if (only.length === 0 || only.some((n) => n.startsWith('dispatch-') || n.startsWith('work-package-'))) {
      const { dispatchInputOf, startDispatchOf, claimNext, completePackage, failPackage } = await d('src/service/dispatch.js');
      const { readWorkPackagesFile } = await d('src/io/work-packages-file.js');
      const { sha256 } = await d('src/io/atomic-write.js');
      const { planWorkflowId } = await d('src/service/plan-request.js');
      const { readFileSync, realpathSync } = await import('node:fs');
      const repo = realpathSync(await prepareExample('taskboard'));
      const change = 'add-task-labels';
      const wp = `openspec/changes/${change}/work-packages.yaml`;
      const input = dispatchInputOf(await readWorkPackagesFile(join(repo, wp)), {
        repoDir: repo,
        changeId: change,
        planWorkflowId: planWorkflowId(repo, change),
        planRevision: 1,
        workPackages: { path: wp, sha256: sha256(readFileSync(join(repo, wp))) },
        leaseMs: 2_000,
      });
      const dispatch = await startDispatchOf(client, input, { taskQueue });
      const filter = { repo, changeId: change };
      const next = async (agent) => {
        for (let i = 0; i < 100; i++) {
          const got = await claimNext(client, { ...filter, agent });
          if (got) return got;
          await new Promise((r) => setTimeout(r, 200));
        }
        throw new Error('nothing became ready');
      };
      await completePackage(client, (await next('agent-1')).package.package_id, { ...filter, agent: 'agent-1' });
      const lapsed = await next('agent-1');
      await new Promise((r) => setTimeout(r, 3_000));
      const retaken = await next('agent-2');
      if (retaken.package.package_id !== lapsed.package.package_id) throw new Error('the lapsed package was not offered first');
      await failPackage(client, retaken.package.package_id, { ...filter, agent: 'agent-2', reason: 'flaky test' });
      await completePackage(client, (await next('agent-2')).package.package_id, { ...filter, agent: 'agent-2' });
      for (let i = 0; i < 3; i++) await completePackage(client, (await next('agent-1')).package.package_id, { ...filter, agent: 'agent-1' });
      await dispatch.result();
      await save('dispatch-example-completed', dispatch, 'dispatchWorkflow');
      await save('work-package-lease-lost-retried', client.workflow.getHandle(`${dispatch.workflowId}/${lapsed.package.package_id}`), 'workPackageWorkflow');
    }
  });
} finally {
  // A failed recording must not leave a dev server running.
  await connection.close();
  await stopDevServer(stateDir);
}

