/**
 * Load: N plans (default 50) started at once against copies of the example repository, on one
 * worker process and then on two (`parallel-plan worker`, as users run it): how many reach
 * awaiting approval, p50/p95 time from start to awaiting approval, and each worker's peak RSS
 * (the kernel's high-water mark, VmHWM). Run by `npm run bench` (skip with --no-load) or alone:
 * `node dist/bench/load.js [--plans 50] [--workers 1,2]`; prints JSON rows on its last line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { prepareExample } from '../src/examples/prepare.js';
import { ensureDevServer, freePort, stopDevServer } from '../src/server/dev-server.js';
import { preparePlan } from '../src/service/plan-request.js';
import { planStatus, startPlan } from '../src/service/plans.js';
import type { BenchRow } from './measure.js';

const bin = fileURLToPath(new URL('../../bin/parallel-plan.js', import.meta.url));
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};

const peakKb = (pid: number): number => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
};

/** A worker process polling `taskQueue`, resolved once it says it polls (worker --json). */
function startWorker(address: string, home: string, taskQueue: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'worker', '--json'], {
      env: { ...process.env, TEMPORAL_ADDRESS: address, PARALLEL_PLAN_HOME: home, PARALLEL_PLAN_TASK_QUEUE: taskQueue },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited ${code} before polling`)));
  });
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function loadRun(client: Client, address: string, plans: number, workers: number): Promise<BenchRow[]> {
  const home = mkdtempSync(join(tmpdir(), 'pp-load-home-'));
  const stateDir = mkdtempSync(join(tmpdir(), 'pp-load-state-'));
  const taskQueue = `load-${randomUUID()}`;
  const procs: ChildProcess[] = [];
  try {
    for (let i = 0; i < workers; i++) procs.push(await startWorker(address, home, taskQueue));
    const prepared = [];
    for (let i = 0; i < plans; i++) {
      prepared.push(await preparePlan({ request: 'add due dates to tasks and an endpoint listing overdue tasks', repo: await prepareExample('taskboard'), stateDir }));
    }
    const started = Date.now();
    const handles = await Promise.all(prepared.map((p) => startPlan(client, p, taskQueue)));
    const done = new Map<string, { ms: number; state: string }>();
    const deadline = started + 30 * 60_000;
    while (done.size < handles.length && Date.now() < deadline) {
      for (const h of handles) {
        if (done.has(h.workflowId)) continue;
        const s = await planStatus(h).catch(() => undefined);
        if (s && (s.state === 'awaiting-approval' || s.state === 'failed')) done.set(h.workflowId, { ms: Date.now() - started, state: s.state });
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const ok = [...done.values()].filter((d) => d.state === 'awaiting-approval').map((d) => d.ms);
    const failed = [...done.values()].filter((d) => d.state === 'failed').length;
    const peaks = procs.map((p) => Math.round(peakKb(p.pid!) / 1024));
    await Promise.all(handles.map((h) => h.terminate('load benchmark done').catch(() => undefined)));
    const label = `${plans} plans at once on ${workers} worker${workers > 1 ? 's' : ''}`;
    return [
      {
        name: `load: ${label}, p50 to awaiting approval`,
        ms: percentile(ok, 50),
        peakRssMb: Math.max(...peaks),
        notes: `${ok.length} of ${plans} awaiting approval, ${failed} failed, ${plans - done.size} unfinished; worker peak RSS ${peaks.join(' / ')} MB`,
      },
      { name: `load: ${label}, p95 to awaiting approval`, ms: percentile(ok, 95), notes: `last at ${Math.max(0, ...ok)} ms` },
    ];
  } finally {
    for (const p of procs) p.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const plans = Number(arg('--plans', '50'));
  const workerCounts = arg('--workers', '1,2').split(',').map(Number);
  const stateDir = mkdtempSync(join(tmpdir(), 'pp-load-server-'));
  const server = await ensureDevServer({ stateDir, port: await freePort(), uiPort: await freePort(), readyTimeoutMs: 90_000 });
  const client = new Client({ connection: await Connection.connect({ address: server.address }) });
  const rows: BenchRow[] = [];
  try {
    for (const w of workerCounts) rows.push(...(await loadRun(client, server.address, plans, w)));
  } finally {
    await client.connection.close();
    await stopDevServer(stateDir);
  }
  console.log(JSON.stringify(rows));
}

await main();
