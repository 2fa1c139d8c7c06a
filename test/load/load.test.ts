/**
 * Load (issue 13): 50 plans started at once on one worker process, against copies of the example
 * repository, all reach awaiting approval with no failure. Runs the benchmark's load script
 * (bench/load.ts) and checks its figures. Not part of `npm test` (minutes of CPU on 2 cores):
 * `npm run test:load`, which `.ci/run` runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchRow } from '../../bench/measure.js';

const script = fileURLToPath(new URL('../../bench/load.js', import.meta.url));
const PLANS = Number(process.env.LOAD_PLANS ?? 50);

test(`${PLANS} plans at once on one worker all reach awaiting approval, none fails`, { timeout: 40 * 60_000 }, async (t) => {
  const { stdout } = await promisify(execFile)(process.execPath, [script, '--plans', String(PLANS), '--workers', '1'], { maxBuffer: 16 * 1024 * 1024 });
  const rows = JSON.parse(stdout.trim().split('\n').pop()!) as BenchRow[];
  for (const r of rows) t.diagnostic(`${r.name}: ${r.ms} ms${r.peakRssMb ? `, peak RSS ${r.peakRssMb} MB` : ''}${r.notes ? ` (${r.notes})` : ''}`);
  const p50 = rows.find((r) => r.name.includes('p50'))!;
  assert.match(p50.notes ?? '', new RegExp(`^${PLANS} of ${PLANS} awaiting approval, 0 failed, 0 unfinished`));
  assert.ok(p50.peakRssMb !== undefined && p50.peakRssMb > 0 && p50.peakRssMb < 2048, `worker peak RSS ${p50.peakRssMb} MB`);
});
