/**
 * The server survives a restart: the embedded Temporal dev server (SQLite file in its state
 * folder) is stopped and started again on the same port while a plan runs, and again while it
 * awaits approval; the worker and the client reconnect, the plan reaches approval, and it
 * completes after the approval. Real dev server, real worker, real activities.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities/index.js';
import { exampleWithNoChangeInFlight } from '../helpers/authoring.js';
import { ensureDevServer, freePort, stopDevServer } from '../../src/server/dev-server.js';
import { preparePlan } from '../../src/service/plan-request.js';
import { decide, planResult, planStatus, startPlan, waitForState } from '../../src/service/plans.js';
import { uniqueTaskQueue, workflowBundle } from '../helpers/temporal.js';

test('a plan survives two server restarts (while running, while awaiting approval) and completes after approval', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'pp-restart-'));
  const [port, uiPort] = [await freePort(), await freePort()];
  const server = await ensureDevServer({ stateDir, port, uiPort });
  const restart = async (): Promise<void> => {
    assert.equal((await stopDevServer(stateDir)).stopped, true);
    const again = await ensureDevServer({ stateDir, port, uiPort });
    assert.equal(again.reused, false);
    assert.equal(again.dbFile, server.dbFile, 'the same SQLite file');
  };
  const native = await NativeConnection.connect({ address: server.address });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace: 'default' });
  const taskQueue = uniqueTaskQueue('restart');
  const worker = await Worker.create({ connection: native, namespace: 'default', taskQueue, workflowBundle: await workflowBundle(), activities: createActivities({ client }) });
  const running = worker.run();
  try {
    const repo = await exampleWithNoChangeInFlight('taskboard');
    const prepared = await preparePlan({ request: 'add task priorities', repo, stateDir: mkdtempSync(join(tmpdir(), 'pp-restart-state-')) });
    const handle = await startPlan(client, prepared, taskQueue);
    // Mid-plan: once context gathering has started.
    for (let i = 0; i < 600; i++) {
      const s = await planStatus(handle).catch(() => undefined);
      if (s && s.steps['verify-environment'].status === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await restart();
    const waiting = await waitForState(handle, ['awaiting-approval'], { timeoutMs: 300_000 });
    assert.equal(waiting.state, 'awaiting-approval', waiting.error);

    await restart();
    let approved;
    for (let attempt = 0; attempt < 50 && !approved; attempt++) {
      // The first calls after a restart may meet a server that is still warming up.
      approved = await decide(handle, 'approve', { by: 'alice' }).catch((err: unknown) => {
        if (attempt === 49) throw err;
        return new Promise<undefined>((r) => setTimeout(() => r(undefined), 200));
      });
    }
    assert.equal(approved?.outcome?.state, 'approved');
    assert.equal((await planResult(handle)).state, 'approved');
  } finally {
    worker.shutdown();
    await running.catch(() => undefined);
    await connection.close();
    await native.close();
    await stopDevServer(stateDir);
  }
});
