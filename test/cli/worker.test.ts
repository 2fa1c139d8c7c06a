/**
 * `parallel-plan worker --json`: a JSON line when it polls (pid, task queue, address) and one
 * when SIGTERM stops it, and nothing else on standard output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testEnv, uniqueTaskQueue } from '../helpers/temporal.js';

const bin = fileURLToPath(new URL('../../../bin/parallel-plan.js', import.meta.url));

test('worker --json prints a polling line, then a stopped line on SIGTERM', async () => {
  const env = await testEnv();
  const taskQueue = uniqueTaskQueue('worker-json');
  const child = spawn(process.execPath, [bin, 'worker', '--json', '--task-queue', taskQueue], {
    env: { ...process.env, TEMPORAL_ADDRESS: env.address, PARALLEL_PLAN_HOME: mkdtempSync(join(tmpdir(), 'pp-worker-json-')) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const polling = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no polling line within 120 s: ${err}`)), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as Record<string, unknown>);
      }
    });
    child.on('exit', (code) => reject(new Error(`worker exited ${code}: ${err}`)));
  });
  assert.equal(polling.event, 'polling');
  assert.equal(polling.taskQueue, taskQueue);
  assert.equal(polling.address, env.address);
  assert.equal(polling.pid, child.pid);
  const code = await new Promise<number | null>((resolve) => {
    child.on('exit', (c) => resolve(c));
    child.kill('SIGTERM');
  });
  assert.equal(code, 0, err);
  const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines.map((l) => l.event), ['polling', 'stopped']);
});
