/**
 * One terminal is enough: when no worker polls the task queue, `plan` and `approve` run one
 * inside the CLI process for as long as they wait.
 */
import { hostname } from 'node:os';
import type { Client } from '@temporalio/client';
import { taskQueue as defaultTaskQueue } from '../config/paths.js';
import { pidAlive } from '../io/processes.js';
import type { TemporalTarget } from '../server/target.js';

/** A poller seen within this window counts as a live worker (long polls last about a minute). */
const LIVE_POLLER_MS = 90_000;


/**
 * The server lists a poller for a while after its worker is gone. Workers on this machine are
 * recognised by the SDK's default identity `<pid>@<host>` and checked directly; others count
 * while they polled recently.
 */
export async function hasLivePoller(client: Client, taskQueue = defaultTaskQueue()): Promise<boolean> {
  const res = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
  });
  const now = Date.now();
  const host = hostname();
  return (res.pollers ?? []).some((p) => {
    const local = /^(\d+)@(.+)$/.exec(p.identity ?? '');
    if (local && local[2] === host) return Number(local[1]) !== process.pid && pidAlive(Number(local[1]));
    const seconds = Number(p.lastAccessTime?.seconds ?? 0);
    return now - seconds * 1000 < LIVE_POLLER_MS;
  });
}

export type InlineWorkerMode = 'auto' | 'always' | 'never';

let runtimeQuieted = false;
function quietRuntime(Runtime: typeof import('@temporalio/worker').Runtime): void {
  if (runtimeQuieted) return;
  runtimeQuieted = true;
  const noop = (): void => undefined;
  try {
    Runtime.install({ logger: { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop } });
  } catch {
    // already installed
  }
}

export async function withInlineWorker<T>(
  opts: {
    target: TemporalTarget;
    client: Client;
    stateDir: string;
    mode?: InlineWorkerMode;
    taskQueue?: string;
    /** false for read-only commands: answer queries without starting activities it would abandon. */
    activities?: boolean;
  },
  fn: (inline: boolean) => Promise<T>,
): Promise<T> {
  const mode = opts.mode ?? 'auto';
  const needed = mode === 'always' || (mode === 'auto' && !(await hasLivePoller(opts.client, opts.taskQueue)));
  if (!needed) return fn(false);
  // The worker, its activities and the bundler load only when a worker is needed: commands that
  // find one polling (and validate, graph, --help) start in a fraction of the time.
  const [{ Runtime }, { createPlanWorker }, { cachedWorkflowBundle }] = await Promise.all([
    import('@temporalio/worker'),
    import('../worker.js'),
    import('./bundle-cache.js'),
  ]);
  quietRuntime(Runtime);
  const { worker, connection } = await createPlanWorker({
    target: opts.target,
    taskQueue: opts.taskQueue ?? defaultTaskQueue(),
    activities: opts.activities,
    workflowBundle: await cachedWorkflowBundle(opts.stateDir),
  });
  try {
    return await worker.runUntil(fn(true));
  } finally {
    await connection.close();
  }
}
