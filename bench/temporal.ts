/**
 * The Temporal part of `npm run bench`: context gathering through the facet child workflows
 * against the same functions called directly (orchestration overhead), and whole plans on the
 * example repository. Runs in a process of its own (bench/index.ts spawns it and reads JSON
 * rows from stdout), so its peak RSS is not inflated by the other benchmarks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../src/activities/index.js';
import { gatherContextInProcess, gatherFacet } from '../src/activities/context/in-process.js';
import { mergeContext } from '../src/activities/context/merge.js';
import { ALL_FACETS, FACETS, type FacetResult } from '../src/domain/context/types.js';
import { prepareExample } from '../src/examples/prepare.js';
import { ensureDevServer, freePort, stopDevServer } from '../src/server/dev-server.js';
import { preparePlan } from '../src/service/plan-request.js';
import { decide, planResult, startPlan, waitForState } from '../src/service/plans.js';
import { cachedWorkflowBundle } from '../src/service/bundle-cache.js';
import { ensureSyntheticRepo, SYNTHETIC_FILES } from './context.js';
import { peakRssDuring, peakRssMb, timed, type BenchRow } from './measure.js';
import { NEEDLE_REQUEST } from './synthetic-repo.js';

/** Context gathering through Temporal (four facet child workflows in parallel + merge) vs direct calls. */
async function benchOrchestration(client: Client, taskQueue: string): Promise<BenchRow[]> {
  const repoDir = await ensureSyntheticRepo(SYNTHETIC_FILES);
  let temporalPeakRss = 0;
  const measure = async (label: string, fn: (runDir: string) => Promise<unknown>): Promise<number> => {
    const runDir = await mkdtemp(join(tmpdir(), `pp-bench-${label}-`));
    try {
      const run = await peakRssDuring(() => timed(() => fn(runDir)));
      if (fn === viaTemporal) temporalPeakRss = Math.max(temporalPeakRss, run.peakRssMb);
      return run.value.ms;
    } finally {
      await rm(runDir, { recursive: true, force: true });
    }
  };
  const viaTemporal = (runDir: string): Promise<unknown> =>
    Promise.all(
      FACETS.map((facet) =>
        client.workflow.execute('contextFacetWorkflow', {
          taskQueue,
          workflowId: `bench-${facet}-${Date.now()}`,
          args: [{ facet, repoDir, runDir, request: NEEDLE_REQUEST }],
        }) as Promise<FacetResult>,
      ),
    ).then((results) => mergeContext({ repoDir, runDir, request: NEEDLE_REQUEST, results }));
  const direct = (runDir: string): Promise<unknown> => gatherContextInProcess({ repoDir, runDir, request: NEEDLE_REQUEST });

  await measure('warmup', viaTemporal); // first run pays for loading the workflow bundle
  // Medians of five: one run disturbed by the rest of the machine does not move the figure.
  const runs = 5;
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const temporalRuns: number[] = [];
  const directRuns: number[] = [];
  // The Temporal runs come first, so their peak RSS is that of a worker that did nothing else
  // (the direct runs' garbage would otherwise still be on the heap).
  for (let i = 0; i < runs; i++) temporalRuns.push(await measure('temporal', viaTemporal));
  for (let i = 0; i < runs; i++) directRuns.push(await measure('direct', direct));
  const temporalMs = Math.round(median(temporalRuns));
  const directMs = Math.round(median(directRuns));
  const overhead = ((temporalMs - directMs) / directMs) * 100;
  return [
    { name: `context via Temporal: 4 facet child workflows + merge, ${SYNTHETIC_FILES} files (median of ${runs}; worker peak RSS, target < 500 MB)`, ms: temporalMs, peakRssMb: temporalPeakRss, filesPerSec: Math.round((SYNTHETIC_FILES / temporalMs) * 1000) },
    { name: `context in-process, same repo (median of ${runs})`, ms: directMs, filesPerSec: Math.round((SYNTHETIC_FILES / directMs) * 1000) },
    { name: 'context orchestration overhead (target <= 15%)', ms: temporalMs - directMs, notes: `${overhead.toFixed(1)}% (ratio ${(temporalMs / directMs).toFixed(2)})` },
  ];
}

/** A whole plan on the example repository, to awaiting approval and to approved. */
async function benchPlan(client: Client, taskQueue: string, stateDir: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const label of ['first', 'second']) {
    const prepared = await preparePlan({
      request: 'add due dates to tasks, store them in the database, show them on the web board and add an endpoint listing overdue tasks',
      repo: await prepareExample('taskboard'),
      stateDir,
    });
    const toApproval = await timed(async () => {
      const handle = await startPlan(client, prepared, taskQueue);
      return { handle, status: await waitForState(handle, ['awaiting-approval']) };
    });
    const validation = toApproval.value.status.validation?.checks.reduce((sum, c) => sum + (c.ms ?? 0), 0) ?? 0;
    rows.push({ name: `plan on examples/taskboard to awaiting approval (${label} run)`, ms: toApproval.ms, notes: `validate step ${validation} ms of it` });
    const approve = await timed(async () => {
      // The example's own change in flight (add-task-labels) overlaps the plan: acknowledged.
      await decide(toApproval.value.handle, 'approve', { by: 'bench', acknowledgeConflicts: true });
      return planResult(toApproval.value.handle);
    });
    rows.push({ name: `approve to completed (${label} run)`, ms: approve.ms });
  }
  return rows;
}

/**
 * The whole plan, to awaiting approval, through Temporal (the workflow, its facet children and
 * activities on the worker) against the same steps called one after another in this process
 * (the activities as functions, the facets gathered together): orchestration overhead, medians
 * of several runs each, alternated so a drift of the machine touches both.
 */
async function benchPlanOverhead(client: Client, taskQueue: string, stateDir: string): Promise<BenchRow[]> {
  const request = 'add due dates to tasks, store them in the database, show them on the web board and add an endpoint listing overdue tasks';
  // The coordinator answers from the bench's queue either way (capabilities, lock registry).
  const acts = createActivities({ client, lockRegistry: { taskQueue } });
  const viaTemporal = async (): Promise<number> => {
    const prepared = await preparePlan({ request, repo: await prepareExample('taskboard'), stateDir });
    const run = await timed(async () => {
      const handle = await startPlan(client, prepared, taskQueue);
      const status = await waitForState(handle, ['awaiting-approval']);
      if (status.state !== 'awaiting-approval') throw new Error(`plan ${status.state}: ${status.error}`);
      await handle.terminate('bench done');
    });
    return run.ms;
  };
  const inProcess = async (): Promise<number> => {
    const prepared = await preparePlan({ request, repo: await prepareExample('taskboard'), stateDir });
    const { input } = prepared;
    const run = await timed(async () => {
      const env = await acts.verifyEnvironment({ repoDir: input.repoDir, changeId: input.changeId, runDir: input.runDir, coordinator: 'temporal' });
      const results = await Promise.all(ALL_FACETS.map((facet) => gatherFacet({ facet, repoDir: input.repoDir, runDir: input.runDir, request: input.request, changeId: input.changeId })));
      const context = await acts.mergeContext({ repoDir: input.repoDir, runDir: input.runDir, request: input.request, changeId: input.changeId, results, coordinator: 'temporal' });
      const stageDir = `${input.runDir}/stage/r1`;
      const scaffold = await acts.scaffoldProposal({
        repoDir: input.repoDir, runDir: input.runDir, changeId: input.changeId, request: input.request, author: { kind: 'rule-based' },
        contextRef: context.ref, revision: 1, feedback: [], tier: env.tier, warnings: env.warnings, stageDir,
      });
      if (env.tier === 'coordinated') {
        await acts.generateContracts({ repoDir: input.repoDir, changeId: input.changeId, draftRef: scaffold.draftRef, revision: 1, stageDir });
        await acts.generateWorkPackages({ repoDir: input.repoDir, runDir: input.runDir, changeId: input.changeId, draftRef: scaffold.draftRef, contextRef: context.ref, planRevision: 1, contractsRevision: 1, createdAt: new Date().toISOString(), stageDir });
      }
      const v = await acts.validatePlan({ repoDir: input.repoDir, changeId: input.changeId, tier: env.tier, draftRef: scaffold.draftRef, contextRef: context.ref, stageDir, ...(env.policy ? { policy: env.policy } : {}) });
      if (!v.passed) throw new Error(`in-process plan failed validation: ${v.checks.filter((c) => !c.passed).map((c) => c.name).join(', ')}`);
    });
    return run.ms;
  };
  // Whole plans vary by a second on 2 cores: five of each by default (PLAN_OVERHEAD_RUNS to change).
  const runs = Math.max(1, Number(process.env.PLAN_OVERHEAD_RUNS ?? 5));
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const t: number[] = [];
  const d: number[] = [];
  for (let i = 0; i < runs; i++) {
    t.push(await viaTemporal());
    d.push(await inProcess());
  }
  const temporalMs = Math.round(median(t));
  const directMs = Math.round(median(d));
  const overhead = ((temporalMs - directMs) / directMs) * 100;
  return [
    { name: `plan to awaiting approval via Temporal, warm (median of ${runs})`, ms: temporalMs },
    { name: `same pipeline in-process, activities called directly (median of ${runs})`, ms: directMs },
    { name: 'plan orchestration overhead (target <= 15%)', ms: temporalMs - directMs, notes: `${overhead.toFixed(1)}% (ratio ${(temporalMs / directMs).toFixed(2)})` },
  ];
}

/** `bundleDir`: a state folder whose bundle cache is already filled (bench/index.ts does it). */
export async function benchTemporal(bundleDir: string, only: readonly string[] = []): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const noop = (): void => undefined;
  const silent = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };
  Runtime.install({ logger: silent });
  const stateDir = await mkdtemp(join(tmpdir(), 'pp-bench-state-'));
  const server = await ensureDevServer({ stateDir, port: await freePort(), uiPort: await freePort(), readyTimeoutMs: 90_000 });
  const connection = await NativeConnection.connect({ address: server.address });
  const client = new Client({ connection: await Connection.connect({ address: server.address }) });
  const taskQueue = 'bench';
  const worker = await Worker.create({ connection, taskQueue, workflowBundle: await cachedWorkflowBundle(bundleDir), activities: createActivities({ client }) });
  try {
    await worker.runUntil(async () => {
      // --plan-overhead-only: just the whole-plan comparison (minutes instead of the whole bench).
      if (!only.includes('plan-overhead')) {
        rows.push(...(await benchOrchestration(client, taskQueue)));
        rows.push(...(await benchPlan(client, taskQueue, stateDir)));
      }
      rows.push(...(await benchPlanOverhead(client, taskQueue, stateDir)));
    });
    rows.push({ name: 'Temporal benchmark process, whole life (bundling, both context paths, plans)', ms: Math.round(performance.now()), peakRssMb: peakRssMb() });
  } finally {
    await client.connection.close();
    await connection.close();
    await stopDevServer(stateDir);
    await rm(stateDir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundleDir = process.argv[2];
  if (!bundleDir) throw new Error('usage: temporal.js <state folder with a cached workflow bundle>');
  process.stdout.write(JSON.stringify(await benchTemporal(bundleDir, process.argv.includes('--plan-overhead-only') ? ['plan-overhead'] : [])) + '\n');
  process.exit(0);
}
