/**
 * Dispatch on a real dev server: the bundled example's 5-package DAG (contracts, then data,
 * backend and frontend, then integration) handed to two agent processes that use the real CLI
 * (`work next|heartbeat|complete`); one agent is killed mid-package, loses its lease, and the
 * other finishes the package. Also: failures within and past retry_budget, holders checked,
 * task-type filters, a dispatch refused by the lock registry naming the holder, and the CLI's
 * errors. The agents are fixture scripts standing in for coding agents (none can run here).
 */
import { until } from '../helpers/wait.js';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities/index.js';
import { TemporalCoordinator } from '../../src/coordinator/temporal.js';
import type { WorkPackagesDoc } from '../../src/domain/workpackages/types.js';
import { prepareExample } from '../../src/examples/prepare.js';
import { sha256 } from '../../src/io/atomic-write.js';
import { readWorkPackagesFile } from '../../src/io/work-packages-file.js';
import { planWorkflowId } from '../../src/service/plan-request.js';
import { lessonsQuery } from '../../src/shared/memory-messages.js';
import { claimNext, completePackage, dispatchInputOf, failPackage, heartbeatPackage, startDispatchOf } from '../../src/service/dispatch.js';
import type { DispatchStatus } from '../../src/shared/dispatch-messages.js';
import { closeTestEnv, testEnv, uniqueTaskQueue, workflowBundle } from '../helpers/temporal.js';

after(closeTestEnv);

const bin = fileURLToPath(new URL('../../../bin/parallel-plan.js', import.meta.url));
const agentScript = fileURLToPath(new URL('../../../test/fixtures/agents/dispatch-agent.mjs', import.meta.url));
const CHANGE = 'add-task-labels';
const WP = `openspec/changes/${CHANGE}/work-packages.yaml`;

interface Ctx {
  client: Client;
  address: string;
  taskQueue: string;
  registryWorkflowId: string;
}

async function withDispatchWorker(fn: (ctx: Ctx) => Promise<void>): Promise<void> {
  const env = await testEnv();
  const taskQueue = uniqueTaskQueue('dispatch');
  const registryWorkflowId = `test-registry-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.connection,
    namespace: env.namespace,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ client: env.client, lockRegistry: { workflowId: registryWorkflowId, taskQueue } }),
  });
  await worker.runUntil(fn({ client: env.client, address: env.address, taskQueue, registryWorkflowId }));
}

/** The example repository and a dispatch of its approved work-packages.yaml. */
async function dispatchExample(ctx: Ctx, leaseMs: number): Promise<{ repo: string; handle: WorkflowHandle; doc: WorkPackagesDoc }> {
  const repo = realpathSync(await prepareExample('taskboard'));
  const doc = (await readWorkPackagesFile(join(repo, WP))) as WorkPackagesDoc;
  const input = dispatchInputOf(doc, {
    repoDir: repo,
    changeId: CHANGE,
    planWorkflowId: planWorkflowId(repo, CHANGE),
    planRevision: 1,
    workPackages: { path: WP, sha256: sha256(readFileSync(join(repo, WP))) },
    leaseMs,
  });
  const handle = await startDispatchOf(ctx.client, input, { taskQueue: ctx.taskQueue });
  return { repo, handle, doc };
}


const readyOf = (handle: WorkflowHandle) => async (): Promise<DispatchStatus | undefined> => {
  const s = await handle.query<DispatchStatus>('dispatchStatus');
  return s.packages.some((p) => p.state === 'ready') ? s : undefined;
};

test('two agent processes build the 5-package DAG in order; an agent killed mid-package loses its lease and the other finishes it', async () => {
  await withDispatchWorker(async (ctx) => {
    // Leases long enough for a CLI heartbeat on a loaded 2-core machine, short enough to test.
    const { repo, handle, doc } = await dispatchExample(ctx, 15_000);
    const events = join(mkdtempSync(join(tmpdir(), 'pp-dispatch-')), 'events.jsonl');
    const home = mkdtempSync(join(tmpdir(), 'pp-dispatch-home-'));
    const agents: ChildProcess[] = [];
    const start = (agent: string, extra: Record<string, string> = {}): ChildProcess => {
      const child = spawn(process.execPath, [agentScript], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: ctx.address,
          PARALLEL_PLAN_TASK_QUEUE: ctx.taskQueue,
          PARALLEL_PLAN_HOME: home,
          CHANGE,
          AGENT: agent,
          EVENTS: events,
          WORK_MS: '1500',
          BIN: bin,
          REPO: repo,
          ...extra,
        },
      });
      let err = '';
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code, signal) => {
        if (code && !signal) console.error(`agent ${agent} exited ${code}: ${err.slice(-2000)}`);
      });
      agents.push(child);
      return child;
    };
    type Event = { agent: string; at: number; event: string; package?: string; change?: string; depends_on?: string[]; state?: string };
    const read = (): Event[] => (existsSync(events) ? readFileSync(events, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Event) : []);
    try {
      await until('the first ready package', readyOf(handle));
      const a = start('agent-a', { HANG_ON_DEPENDANT: '1' });
      start('agent-b');
      const hung = await until('agent-a to hang on a package', () => read().find((e) => e.agent === 'agent-a' && e.event === 'hang'), 120_000);
      a.kill('SIGKILL');
      await until('agent-b to finish', () => read().find((e) => e.agent === 'agent-b' && e.event === 'done'), 180_000);

      const final = (await handle.result()) as DispatchStatus;
      assert.equal(final.state, 'completed', JSON.stringify(final, null, 2));
      assert.deepEqual(final.packages.map((p) => [p.packageId, p.state]), doc.packages.map((p) => [p.package_id, 'completed']));
      const lost = final.packages.find((p) => p.packageId === hung.package)!;
      assert.equal(lost.holder, 'agent-b', 'the other agent finished the package the killed one held');
      assert.ok(lost.leasesLost >= 1 && lost.attempts >= 2, JSON.stringify(lost));
      assert.equal(lost.summary, 'done by agent-b');
      // DAG order, on the workflow's own clock: no package was ready or claimed before its dependencies completed.
      const byId = new Map(final.packages.map((p) => [p.packageId, p]));
      for (const p of final.packages) {
        for (const dep of p.dependsOn) {
          const d = byId.get(dep)!;
          assert.ok(Date.parse(p.readyAt!) >= Date.parse(d.finishedAt!), `${p.packageId} ready at ${p.readyAt}, before ${dep} finished at ${d.finishedAt}`);
          assert.ok(Date.parse(p.claimedAt!) >= Date.parse(d.finishedAt!), `${p.packageId} claimed before ${dep} finished`);
        }
      }
      // Both agents worked: agent-a completed at least one package before it was killed, or held one.
      const claims = read().filter((e) => e.event === 'claimed');
      assert.ok(claims.some((e) => e.agent === 'agent-a') && claims.some((e) => e.agent === 'agent-b'));
      // What `work next --json` printed is the package as in work-packages.yaml, plus change_id.
      for (const c of claims) {
        assert.equal(c.change, CHANGE);
        assert.deepEqual(c.depends_on, doc.packages.find((p) => p.package_id === c.package)!.depends_on);
      }
      // The dispatch released the change's locks at the end.
      const view = await ctx.client.workflow.getHandle(ctx.registryWorkflowId).query<{ claims: Array<{ changeId: string; repository: string }> }>('locks');
      assert.deepEqual(view.claims.filter((c) => c.repository === repo), []);
    } finally {
      for (const c of agents) c.kill('SIGKILL');
    }
  });
});

test('failures are retried within retry_budget, then the package fails and blocks its dependants; only the holder may renew or complete', async () => {
  await withDispatchWorker(async (ctx) => {
    const { repo, handle } = await dispatchExample(ctx, 60_000);
    await until('the first ready package', readyOf(handle));
    const filter = { repo, changeId: CHANGE };
    assert.equal(await claimNext(ctx.client, { ...filter, agent: 'x', types: ['integration'] }), null, 'no integration package is ready yet');
    const first = await claimNext(ctx.client, { ...filter, agent: 'x' });
    assert.equal(first?.package.package_id, 'wp-contracts', 'priority 1 first');
    assert.equal(first?.claim.attempt, 1);
    assert.equal(await claimNext(ctx.client, { ...filter, agent: 'y' }), null, 'the one ready package is taken');
    await assert.rejects(heartbeatPackage(ctx.client, 'wp-contracts', { ...filter, agent: 'y' }), /held by x, not y/);
    await assert.rejects(completePackage(ctx.client, 'wp-contracts', { ...filter, agent: 'y' }), /held by x, not y/);
    await assert.rejects(failPackage(ctx.client, 'wp-contracts', { ...filter, agent: 'x', reason: ' ' }), /needs a reason/);

    const retried = await failPackage(ctx.client, 'wp-contracts', { ...filter, agent: 'x', reason: 'openapi lint fails' });
    assert.deepEqual([retried.state, retried.failures, retried.retryBudget], ['ready', 1, 1]);
    await until('the retried package to be ready', readyOf(handle));
    const second = await claimNext(ctx.client, { ...filter, agent: 'y' });
    assert.equal(second?.claim.attempt, 2);
    const spent = await failPackage(ctx.client, 'wp-contracts', { ...filter, reason: 'still failing' });
    assert.equal(spent.state, 'failed');
    assert.deepEqual(spent.blocks.sort(), ['wp-backend', 'wp-data', 'wp-frontend', 'wp-integration']);
    await assert.rejects(completePackage(ctx.client, 'wp-contracts', filter), /no running dispatch has package|already failed/);

    const final = (await handle.result()) as DispatchStatus;
    assert.equal(final.state, 'failed');
    assert.deepEqual(Object.fromEntries(final.packages.map((p) => [p.packageId, p.state])), {
      'wp-contracts': 'failed',
      'wp-data': 'blocked',
      'wp-backend': 'blocked',
      'wp-frontend': 'blocked',
      'wp-integration': 'blocked',
    });
    assert.match(final.warnings.join('\n'), /wp-contracts failed \(still failing\): blocked wp-data, wp-backend, wp-frontend, wp-integration/);
    assert.ok(!final.warnings.some((w) => w.startsWith('memory:')), final.warnings.join('\n'));
    // The package that failed for good is a lesson in the repository's memory.
    const memory = new TemporalCoordinator({ client: ctx.client, taskQueue: ctx.taskQueue });
    const { lessons } = await ctx.client.workflow.getHandle(memory.memoryId(repo)).query(lessonsQuery);
    assert.deepEqual(
      lessons.map((l) => [l.kind, l.changeId, l.packageId, l.by, l.revision]),
      [['package-failed', CHANGE, 'wp-contracts', 'y', 1]],
    );
    assert.match(lessons[0]!.text, /^wp-contracts failed after 2 attempt\(s\) and 2 failure\(s\): still failing$/);
  });
});

test('a dispatch whose locks another change holds is refused, naming the holder', async () => {
  await withDispatchWorker(async (ctx) => {
    const repo = realpathSync(await prepareExample('taskboard'));
    const doc = (await readWorkPackagesFile(join(repo, WP))) as WorkPackagesDoc;
    const file = doc.packages.flatMap((p) => p.locks.files)[0]!;
    const coordinator = new TemporalCoordinator({ client: ctx.client, taskQueue: ctx.taskQueue, registryWorkflowId: ctx.registryWorkflowId });
    const other = await coordinator.claimLocks({ repository: repo, changeId: 'other-change', revision: 1, holder: 'plan-other-change', packages: [{ packageId: 'wp-x', keys: [], files: [file] }] });
    assert.equal(other.registered, true);
    const input = dispatchInputOf(doc, { repoDir: repo, changeId: CHANGE, planWorkflowId: planWorkflowId(repo, CHANGE), planRevision: 1, workPackages: { path: WP, sha256: sha256(readFileSync(join(repo, WP))) } });
    const final = (await (await startDispatchOf(ctx.client, input, { taskQueue: ctx.taskQueue })).result()) as DispatchStatus;
    assert.equal(final.state, 'refused');
    assert.match(final.warnings[0]!, new RegExp(`dispatch refused: lock conflict .*'other-change'.*plan-other-change.*${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.ok(final.packages.every((p) => p.state === 'waiting'), 'no package was started');
  });
});

test('the CLI: work next with nothing dispatched prints null; unknown plans and packages are exit 2 with the reason', async () => {
  const env = await testEnv();
  const home = mkdtempSync(join(tmpdir(), 'pp-dispatch-cli-'));
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [bin, ...args], { env: { ...process.env, TEMPORAL_ADDRESS: env.address, PARALLEL_PLAN_HOME: home, PARALLEL_PLAN_TASK_QUEUE: uniqueTaskQueue('cli') } }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  const none = await cli(['work', 'next', '--change', `nothing-${randomUUID().slice(0, 8)}`, '--json']);
  assert.equal(none.code, 0, none.stderr);
  assert.equal(JSON.parse(none.stdout), null);
  const plan = await cli(['dispatch', `no-such-plan-${randomUUID().slice(0, 8)}`]);
  assert.equal(plan.code, 2);
  assert.match(plan.stderr, /no plan found for 'no-such-plan-/);
  const pkg = await cli(['work', 'complete', 'wp-nope', '--change', 'no-such-change']);
  assert.equal(pkg.code, 2);
  assert.match(pkg.stderr, /no running dispatch has package 'wp-nope' for change no-such-change/);
  const lease = await cli(['dispatch', 'x', '--lease', 'soon']);
  assert.equal(lease.code, 2);
  assert.match(lease.stderr, /--lease 'soon' is not a duration/);
});
