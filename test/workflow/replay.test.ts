/**
 * Determinism guard: recorded histories of every workflow replay against the current workflow
 * code. Re-record with `node scripts/record-histories.mjs` after an intended change to workflow
 * logic (and version the change with patching if old runs must keep replaying).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../helpers/temporal.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/histories/', import.meta.url));

const files = readdirSync(fixtures).filter((f) => f.endsWith('.json')).sort();

test('history fixtures exist for each workflow type', () => {
  const types = new Set(files.map((f) => JSON.parse(readFileSync(join(fixtures, f), 'utf8')).workflowType as string));
  for (const t of ['parallelPlanFeature', 'contextFacetWorkflow', 'lockRegistryWorkflow', 'dispatchWorkflow', 'workPackageWorkflow', 'repositoryMemoryWorkflow']) assert.ok(types.has(t), `no recorded history for ${t}`);
});

for (const file of files) {
  test(`replays ${file}`, async () => {
    const { workflowId, history } = JSON.parse(readFileSync(join(fixtures, file), 'utf8'));
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), replayName: file }, history, workflowId);
  });
}
