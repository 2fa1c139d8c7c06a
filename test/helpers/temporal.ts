/**
 * One real Temporal dev server for the whole suite. scripts/run-tests.mjs starts it and passes
 * TEMPORAL_TEST_ADDRESS (and its web UI's URL as TEMPORAL_TEST_UI); a test file run on its own
 * starts (or reuses) one in a temp state folder.
 * Workflows are bundled once per test process; each test gets its own task queue.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workflowsPath } from '../../src/config/paths.js';
import { ensureDevServer, freePort, serverStatus } from '../../src/server/dev-server.js';

export interface TestEnv {
  address: string;
  namespace: string;
  client: Client;
  connection: NativeConnection;
  /** The server's web UI, when known (TEMPORAL_TEST_UI, or the server this process started or reused). */
  uiUrl?: string;
}

let envPromise: Promise<TestEnv> | undefined;
let bundlePromise: Promise<WorkflowBundleWithSourceMap> | undefined;
let runtimeInstalled = false;

export const testStateDir = (): string => join(tmpdir(), 'parallel-plan-test-server');

async function testServer(): Promise<{ address: string; uiUrl?: string }> {
  if (process.env.TEMPORAL_TEST_ADDRESS) return { address: process.env.TEMPORAL_TEST_ADDRESS, uiUrl: process.env.TEMPORAL_TEST_UI };
  const stateDir = testStateDir();
  const status = await serverStatus(stateDir);
  if (status.running && status.info) return { address: status.info.address, uiUrl: status.info.uiUrl };
  const port = await freePort();
  const info = await ensureDevServer({ stateDir, port, uiPort: await freePort() });
  return { address: info.address, uiUrl: info.uiUrl };
}

function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new (class {
      log(): void {}
      trace(): void {}
      debug(): void {}
      info(): void {}
      warn(): void {}
      error(message: string, meta?: unknown): void {
        if (process.env.TEST_WORKER_LOGS) console.error(message, meta);
      }
    })() });
  } catch {
    // already installed by another helper in this process
  }
}

export function testEnv(): Promise<TestEnv> {
  envPromise ??= (async () => {
    quietRuntime();
    const { address, uiUrl } = await testServer();
    const connection = await NativeConnection.connect({ address });
    const client = new Client({ connection: await Connection.connect({ address }), namespace: 'default' });
    return { address, namespace: 'default', client, connection, uiUrl };
  })();
  return envPromise;
}

const noop = (): void => undefined;
const silentLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };

export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundlePromise ??= bundleWorkflowCode({ workflowsPath, logger: silentLogger });
  return bundlePromise;
}

export const uniqueTaskQueue = (prefix = 'test'): string => `${prefix}-${randomUUID()}`;

/** Runs `fn` while a worker with the given activities polls a fresh task queue. */
export async function withWorker<T>(
  activities: object,
  fn: (ctx: { taskQueue: string; client: Client; env: TestEnv }) => Promise<T>,
  opts: { taskQueue?: string } = {},
): Promise<T> {
  const env = await testEnv();
  const taskQueue = opts.taskQueue ?? uniqueTaskQueue();
  const worker = await Worker.create({
    connection: env.connection,
    namespace: env.namespace,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
  });
  return worker.runUntil(fn({ taskQueue, client: env.client, env }));
}

export async function closeTestEnv(): Promise<void> {
  if (!envPromise) return;
  const env = await envPromise;
  envPromise = undefined;
  await env.client.connection.close();
  await env.connection.close();
}
