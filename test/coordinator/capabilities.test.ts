/**
 * The coordinator port's adapters against a real dev server: the Temporal-native coordinator with
 * and without a client and with a registry nobody answers for; the none adapter; discover seeing
 * the registry's claims; the guardrail check.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { workflowsPath } from '../../src/config/paths.js';
import { noneCoordinator } from '../../src/coordinator/none.js';
import { TemporalCoordinator } from '../../src/coordinator/temporal.js';
import { checkPlanWrites } from '../../src/coordinator/guardrails.js';
import { CAPABILITIES, REQUIRED_CAPABILITIES } from '../../src/shared/coordinator-types.js';
import { locksQuery } from '../../src/shared/lock-messages.js';
import { closeTestEnv, testEnv, uniqueTaskQueue, withWorker } from '../helpers/temporal.js';

after(closeTestEnv);

test('the none adapter offers no capability at all', async () => {
  const none = noneCoordinator();
  const report = await none.capabilities();
  assert.equal(report.coordinator, 'none');
  assert.deepEqual(report.available, []);
  assert.deepEqual(report.missing, [...CAPABILITIES]);
  assert.equal(report.detail.CAN_LOCK.kind, 'required');
  assert.equal(report.detail.CAN_GUARDRAILS.kind, 'safety');
  assert.equal(report.detail.CAN_AUDIT.kind, 'enriching');
  assert.deepEqual(await none.discover(), []);
  const claim = await none.claimLocks({ repository: '/r', changeId: 'c', revision: 1, packages: [] });
  assert.equal(claim.registered, false);
});

test('without a client the Temporal coordinator lacks discover and lock, and says why', async () => {
  const report = await new TemporalCoordinator({ taskQueue: 'parallel-plan' }).capabilities();
  assert.equal(report.coordinator, 'temporal');
  for (const c of ['CAN_DISCOVER', 'CAN_LOCK', 'CAN_QUEUE_WORK', 'CAN_AUDIT'] as const) {
    assert.ok(report.missing.includes(c), `${c} missing`);
  }
  assert.match(report.detail.CAN_LOCK.detail, /no Temporal client/);
  assert.match(report.detail.CAN_DISCOVER.detail, /no Temporal client/);
  assert.ok(report.available.includes('CAN_GUARDRAILS'));
  const claim = await new TemporalCoordinator().claimLocks({ repository: '/r', changeId: 'c', revision: 1, packages: [] });
  assert.equal(claim.registered, false);
});

test('with a client and a worker on the queue, all required capabilities are available and the registry answers', async () => {
  await withWorker({}, async ({ client, taskQueue }) => {
    const registryWorkflowId = `test-registry-${randomUUID()}`;
    const coordinator = new TemporalCoordinator({ client, taskQueue, registryWorkflowId });
    const report = await coordinator.capabilities();
    assert.deepEqual(report.missing.filter((c) => (REQUIRED_CAPABILITIES as readonly string[]).includes(c)), [], JSON.stringify(report.detail, null, 2));
    assert.match(report.detail.CAN_LOCK.detail, new RegExp(`${registryWorkflowId} on task queue '${taskQueue}' answered`));
    assert.match(report.detail.CAN_QUEUE_WORK.detail, new RegExp(`a probe dispatch ran on task queue '${taskQueue}'`));
    assert.match(report.detail.CAN_AUDIT.detail, /workflow history/);
    assert.deepEqual(report.missing, ['CAN_POLICY']);
    assert.match(report.detail.CAN_MEMORY.detail, /repository memory parallel-plan-memory-probe@.* answered/);
    // The capability check started the registry: it is a real, running workflow.
    const desc = await client.workflow.getHandle(registryWorkflowId).describe();
    assert.equal(desc.type, 'lockRegistryWorkflow');
    assert.equal(desc.status.name, 'RUNNING');
  });
});

test('a registry whose task queue nobody polls does not count as CAN_LOCK', async () => {
  const { client } = await testEnv();
  const taskQueue = uniqueTaskQueue('nobody-polls');
  const report = await new TemporalCoordinator({ client, taskQueue, registryWorkflowId: `test-registry-${randomUUID()}`, answerTimeoutMs: 1_500 }).capabilities();
  assert.ok(report.missing.includes('CAN_LOCK'));
  assert.match(report.detail.CAN_LOCK.detail, /did not answer/);
  assert.ok(report.missing.includes('CAN_QUEUE_WORK'));
  assert.match(report.detail.CAN_QUEUE_WORK.detail, /a probe dispatch .* did not run/);
  assert.ok(report.available.includes('CAN_DISCOVER'), 'visibility still works');
});

test('claims through the coordinator: registered, then a conflict is a result naming the holder, then release', async () => {
  await withWorker({}, async ({ client, taskQueue }) => {
    const registryWorkflowId = `test-registry-${randomUUID()}`;
    const coordinator = new TemporalCoordinator({ client, taskQueue, registryWorkflowId });
    const repository = `/repos/${randomUUID()}`;
    const a = await coordinator.claimLocks({ repository, changeId: 'change-a', revision: 1, holder: 'plan-a', packages: [{ packageId: 'wp', keys: ['db:schema:tasks'], files: [] }] });
    assert.equal(a.registered, true, a.registered ? '' : a.reason);
    const b = await coordinator.claimLocks({ repository, changeId: 'change-b', revision: 1, holder: 'plan-b', packages: [{ packageId: 'wp', keys: ['db:schema:tasks'], files: [] }] });
    assert.equal(b.registered, false);
    assert.ok(!b.registered && b.conflict);
    assert.deepEqual(b.conflict.conflicts.map((c) => [c.changeId, c.holder, c.keys]), [['change-a', 'plan-a', ['db:schema:tasks']]]);
    assert.match(b.reason, /change 'change-a'.*keys db:schema:tasks/);

    const found = await coordinator.discover();
    const holder = found.find((p) => p.changeId === 'change-a' && p.repository === repository);
    assert.ok(holder, 'discover lists the claim holder');
    assert.equal(holder.state, 'holding-locks');
    assert.deepEqual(holder.claim?.keys, ['db:schema:tasks']);

    assert.deepEqual((await coordinator.releaseLocks({ changeId: 'change-a', repository })).released.map((c) => c.changeId), ['change-a']);
    assert.deepEqual((await client.workflow.getHandle(registryWorkflowId).query(locksQuery)).claims, []);
    // Releasing against a registry that never ran is not an error.
    const never = new TemporalCoordinator({ client, taskQueue, registryWorkflowId: `never-started-${randomUUID()}` });
    assert.deepEqual(await never.releaseLocks({ changeId: 'change-a' }), { released: [] });
  });
});

test('guardrails: a plan writes only its change folder (and openspec/config.yaml from init)', () => {
  assert.deepEqual(checkPlanWrites('add-x', ['openspec/changes/add-x/proposal.md', 'openspec/config.yaml', 'openspec/changes/add-x/contracts/openapi/v1.yaml']), {
    passed: true,
    violations: [],
  });
  const bad = checkPlanWrites('add-x', ['src/app.ts', 'openspec/changes/add-y/tasks.md', '/etc/passwd', 'openspec/changes/add-x/../add-y/x.md', 'openspec/specs/tasks/spec.md']);
  assert.equal(bad.passed, false);
  assert.deepEqual(bad.violations, [
    'src/app.ts: outside openspec/changes/add-x/',
    'openspec/changes/add-y/tasks.md: outside openspec/changes/add-x/',
    '/etc/passwd: absolute path',
    'openspec/changes/add-x/../add-y/x.md: relative segments escape the change folder',
    'openspec/specs/tasks/spec.md: outside openspec/changes/add-x/',
  ]);
});

test('a worker that polls the queue but cannot run dispatches does not count as CAN_QUEUE_WORK', async () => {
  // A worker of an older build: it runs the lock registry, but has no dispatch workflow.
  const env = await testEnv();
  const taskQueue = uniqueTaskQueue('no-dispatch');
  const noop = (): void => undefined;
  const worker = await Worker.create({
    connection: env.connection,
    namespace: env.namespace,
    taskQueue,
    workflowBundle: await bundleWorkflowCode({ workflowsPath: join(dirname(workflowsPath), 'lockRegistry.js'), logger: { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop } }),
    activities: {},
  });
  const report = await worker.runUntil(
    new TemporalCoordinator({ client: env.client, taskQueue, registryWorkflowId: `test-registry-${randomUUID()}`, answerTimeoutMs: 3_000 }).capabilities(),
  );
  assert.ok(report.available.includes('CAN_LOCK'), 'the registry runs there');
  assert.ok(report.missing.includes('CAN_QUEUE_WORK'), JSON.stringify(report.detail.CAN_QUEUE_WORK));
  assert.match(report.detail.CAN_QUEUE_WORK.detail, new RegExp(`a probe dispatch on task queue '${taskQueue}' did not run`));
});
