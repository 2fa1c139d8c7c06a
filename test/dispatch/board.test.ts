/**
 * The dispatch board's rules (pure): which packages start when, what a failure blocks, the order
 * agents take ready packages in, and the DAG problems a dispatch refuses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allSettled, applyEvent, applyResult, dagProblem, initialViews, markReady, readyInOrder, startable } from '../../src/domain/dispatch/board.js';
import type { DispatchPackage, PackageResult } from '../../src/shared/dispatch-messages.js';

const pkg = (packageId: string, dependsOn: string[] = [], priority = 5, taskType = 'implementation'): DispatchPackage => ({
  packageId,
  taskType,
  dependsOn,
  priority,
  retryBudget: 1,
  keys: [],
  files: [],
});
const done = (packageId: string, state: 'completed' | 'failed' = 'completed'): PackageResult => ({
  packageId,
  state,
  holder: 'a',
  attempts: 1,
  failures: state === 'failed' ? 2 : 0,
  finishedAt: '2026-01-01T00:00:00.000Z',
  summary: null,
  reason: state === 'failed' ? 'tests fail' : null,
});
const diamond = [pkg('wp-contracts', [], 1, 'contracts'), pkg('wp-data', ['wp-contracts'], 2), pkg('wp-backend', ['wp-contracts'], 3), pkg('wp-frontend', ['wp-contracts'], 3), pkg('wp-integration', ['wp-data', 'wp-backend', 'wp-frontend'], 9, 'integration')];

test('a package starts only when every package it depends on has completed', () => {
  const views = initialViews(diamond);
  assert.deepEqual(startable(views), ['wp-contracts']);
  markReady(views, 'wp-contracts', 't0');
  assert.deepEqual(startable(views), [], 'a ready package is not started twice');
  applyResult(views, done('wp-contracts'));
  assert.deepEqual(startable(views), ['wp-data', 'wp-backend', 'wp-frontend']);
  for (const id of ['wp-data', 'wp-backend']) {
    markReady(views, id, 't1');
    applyResult(views, done(id));
  }
  assert.deepEqual(startable(views), ['wp-frontend'], 'integration waits for the frontend too');
  markReady(views, 'wp-frontend', 't2');
  applyResult(views, done('wp-frontend'));
  assert.deepEqual(startable(views), ['wp-integration']);
  assert.equal(allSettled(views), false);
  markReady(views, 'wp-integration', 't3');
  applyResult(views, done('wp-integration'));
  assert.equal(allSettled(views), true);
});

test('a package that fails for good blocks everything downstream of it, and only that', () => {
  const views = initialViews(diamond);
  markReady(views, 'wp-contracts', 't0');
  applyResult(views, done('wp-contracts'));
  for (const id of ['wp-data', 'wp-backend', 'wp-frontend']) markReady(views, id, 't1');
  assert.deepEqual(applyResult(views, done('wp-backend', 'failed')), ['wp-integration']);
  const state = Object.fromEntries(views.map((v) => [v.packageId, v.state]));
  assert.deepEqual(state, { 'wp-contracts': 'completed', 'wp-data': 'ready', 'wp-backend': 'failed', 'wp-frontend': 'ready', 'wp-integration': 'blocked' });
  assert.match(views.find((v) => v.packageId === 'wp-integration')!.reason!, /depends on wp-backend, which failed/);
  assert.equal(allSettled(views), false, 'data and frontend can still finish');
});

test('a transitive chain is blocked through several levels', () => {
  const views = initialViews([pkg('a'), pkg('b', ['a']), pkg('c', ['b']), pkg('d')]);
  markReady(views, 'a', 't');
  markReady(views, 'd', 't');
  assert.deepEqual(applyResult(views, done('a', 'failed')), ['b', 'c']);
});

test('agents take ready packages by priority, then file order, narrowed to their task types', () => {
  const views = initialViews([pkg('z-low', [], 7), pkg('a-high', [], 2), pkg('m-high', [], 2, 'integration'), pkg('waiting', ['z-low'], 1)]);
  for (const id of ['z-low', 'a-high', 'm-high']) markReady(views, id, 't');
  assert.deepEqual(readyInOrder(views).map((v) => v.packageId), ['a-high', 'm-high', 'z-low']);
  assert.deepEqual(readyInOrder(views, ['integration']).map((v) => v.packageId), ['m-high']);
  applyEvent(views, { packageId: 'a-high', state: 'claimed', holder: 'agent-1', at: 't', attempts: 1, failures: 0, leaseUntil: 't+1' });
  assert.deepEqual(readyInOrder(views).map((v) => v.packageId), ['m-high', 'z-low'], 'a claimed package is not offered');
  applyEvent(views, { packageId: 'a-high', state: 'lease-lost', holder: 'agent-1', at: 't2', attempts: 1, failures: 0, reason: 'lease ended' });
  assert.equal(readyInOrder(views)[0]!.packageId, 'a-high', 'a lost lease makes it ready again');
  assert.equal(views.find((v) => v.packageId === 'a-high')!.leasesLost, 1);
});

test('a dispatch refuses unknown dependencies, cycles and duplicate ids', () => {
  assert.equal(dagProblem(diamond), undefined);
  assert.match(dagProblem([pkg('a', ['nope'])])!, /a: depends_on 'nope' not found/);
  assert.match(dagProblem([pkg('a', ['b']), pkg('b', ['a'])])!, /cycle: a -> b -> a/);
  assert.match(dagProblem([pkg('a'), pkg('a')])!, /same package_id/);
});
