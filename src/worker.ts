/**
 * The worker: polls the `parallel-plan` task queue with the plan workflows and all activities.
 * Run it with `parallel-plan worker` or `node dist/src/worker.js`; scale out by running more.
 */
import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities } from './activities/index.js';
import { taskQueue as defaultTaskQueue } from './config/paths.js';
import { resolveTarget, type TemporalTarget } from './server/target.js';
import { registerSearchAttributes } from './server/dev-server.js';
import { stateDir, workflowsPath } from './config/paths.js';
import { cachedWorkflowBundle } from './service/bundle-cache.js';
import { canStartPostgres, reapOrphanedPostgres } from './adapters/postgres-server.js';

export interface WorkerOptions {
  target: TemporalTarget;
  taskQueue?: string;
  /** A prebuilt or cached bundle; otherwise the workflows are bundled at start. */
  workflowBundle?: WorkflowBundleOption;
  /** false: workflow tasks only (enough to answer queries), no activity is picked up. */
  activities?: boolean;
}

export async function createPlanWorker(opts: WorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect(opts.target.connectionOptions);
  if (!opts.target.embedded) {
    // A real cluster may not know the attributes yet; the dev server registers them at start-up.
    await registerSearchAttributes(opts.target.connectionOptions, opts.target.namespace).catch(() => undefined);
  }
  const worker = await Worker.create({
    connection,
    namespace: opts.target.namespace,
    taskQueue: opts.taskQueue ?? defaultTaskQueue(),
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
    // The activities' Temporal client (coordinator: discover, lock registry) shares the worker's connection.
    ...(opts.activities === false ? {} : { activities: createActivities({ client: new Client({ connection, namespace: opts.target.namespace }) }) }),
  });
  return { worker, connection };
}

/** Runs a worker until SIGINT/SIGTERM (the SDK installs the signal handlers). */
export async function runWorker(opts: { stateDir?: string; taskQueue?: string; json?: boolean } = {}): Promise<void> {
  const dir = stateDir(opts.stateDir);
  // Throwaway PostgreSQL servers of workers that were killed mid-check are stopped and removed.
  if (canStartPostgres()) {
    const reaped = await reapOrphanedPostgres().catch(() => []);
    if (reaped.length > 0) console.error(`stopped ${reaped.length} PostgreSQL server(s) left by killed workers: ${reaped.join(', ')}`);
  }
  const target = await resolveTarget({ stateDir: dir });
  const { worker, connection } = await createPlanWorker({ target, taskQueue: opts.taskQueue, workflowBundle: await cachedWorkflowBundle(dir) });
  const queue = opts.taskQueue ?? defaultTaskQueue();
  // --json: one JSON line on standard output when polling starts and one when it stops.
  const event = (state: 'polling' | 'stopped', extra: Record<string, unknown> = {}): void => {
    if (opts.json) process.stdout.write(JSON.stringify({ event: state, pid: process.pid, taskQueue: queue, address: target.address, namespace: target.namespace, embedded: target.embedded, at: new Date().toISOString(), ...extra }) + '\n');
  };
  if (!opts.json) console.error(`parallel-plan worker polling task queue '${queue}' on ${target.address} (${target.namespace})`);
  event('polling');
  try {
    await worker.run();
    event('stopped');
  } catch (err) {
    event('stopped', { error: err instanceof Error ? err.message : String(err) });
    throw err;
  } finally {
    await connection.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runWorker({}).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
