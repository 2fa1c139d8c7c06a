import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateWorkPackages } from '../../src/domain/plan/generate-packages.js';
import { toWorkPackagesYaml } from '../../src/domain/plan/serialize.js';
import { checkTraceability } from '../../src/domain/plan/traceability.js';
import { renderWhyNotParallel, renderPackagesMermaid } from '../../src/domain/plan/why-not-parallel.js';
import { transitiveDependencies } from '../../src/domain/workpackages/dag.js';
import { dagReport } from '../../src/domain/workpackages/graph.js';
import { labelsFeature, pkg, validatorFindings } from '../helpers/plan-fixtures.js';

const generate = () => {
  const { draft, context } = labelsFeature();
  return { draft, ...generateWorkPackages({ draft, context, planRevision: 2, contractsRevision: 3, createdAt: '2026-11-25T08:00:00Z' }) };
};

test('API feature across data, backend and frontend: contracts first, one package per boundary, integration last', () => {
  const { doc } = generate();
  assert.deepEqual(
    doc.packages.map((p) => p.package_id),
    ['wp-contracts', 'wp-data', 'wp-backend', 'wp-frontend', 'wp-integration'],
  );
  assert.equal(doc.feature.plan_revision, 2);
  assert.equal(doc.contracts.revision, 3);
  assert.equal(doc.feature.created_at, '2026-11-25T08:00:00Z');
  const contracts = pkg(doc, 'wp-contracts');
  assert.equal(contracts.priority, 1);
  assert.deepEqual(contracts.depends_on, []);
  assert.deepEqual(contracts.scope.write_allow, ['openspec/changes/add-task-labels/contracts/**']);
  // Scopes come from the context's real globs only (the docs boundary has no task: no package).
  assert.deepEqual(pkg(doc, 'wp-frontend').scope.write_allow, ['web/**']);
  assert.deepEqual(pkg(doc, 'wp-data').scope.write_allow, ['db/**']);
});

test('every generated document passes the validator with overlap checks in both glob modes', () => {
  const { doc } = generate();
  assert.deepEqual(validatorFindings(doc), []);
});

test('locks: endpoints on the backend, tables and the migration slot on data, events on the producer', () => {
  const { doc } = generate();
  const backend = pkg(doc, 'wp-backend').locks.keys;
  assert.ok(backend.includes('api:POST /tasks/{taskId}/labels'));
  assert.ok(backend.includes('api:GET /tasks/{taskId}/labels'));
  assert.ok(backend.includes('event:label.added'));
  const data = pkg(doc, 'wp-data').locks.keys;
  assert.ok(data.includes('db:schema:task_labels'));
  assert.ok(data.includes('db:migration-slot'));
  assert.ok(!backend.includes('db:migration-slot'));
  assert.ok(pkg(doc, 'wp-contracts').locks.keys.includes('feature:add-task-labels:contracts'));
  assert.ok(pkg(doc, 'wp-integration').locks.keys.includes('env:full-test-suite'));
  // Ownership keys are unique per package.
  const featureKeys = doc.packages.flatMap((p) => p.locks.keys.filter((k) => k.startsWith('feature:')));
  assert.equal(new Set(featureKeys).size, featureKeys.length);
});

test('a shared test database orders backend after data, and says so', () => {
  const { doc, report } = generate();
  assert.ok(pkg(doc, 'wp-data').locks.keys.includes('env:test-database'));
  assert.ok(pkg(doc, 'wp-backend').locks.keys.includes('env:test-database'));
  assert.deepEqual(pkg(doc, 'wp-backend').depends_on, ['wp-data']);
  assert.deepEqual(pkg(doc, 'wp-frontend').depends_on, ['wp-contracts']);
  assert.ok(pkg(doc, 'wp-frontend').locks.keys.includes('env:mock-server'));
  assert.ok(report.whyNotParallel.some((l) => l.startsWith('wp-backend runs after wp-data') && l.includes('env:test-database')));
  const section = renderWhyNotParallel(report);
  assert.match(section, /^## Why not parallel\n\n- /);
  assert.match(section, /wp-backend runs after wp-data/);
});

test('the DAG is minimal and wp-integration transitively depends on every other package', () => {
  const { doc } = generate();
  const nodes = doc.packages.map((p) => ({ id: p.package_id, dependsOn: p.depends_on, weight: 1 }));
  const closure = transitiveDependencies(nodes);
  for (const p of doc.packages) {
    for (const dep of p.depends_on) {
      const implied = p.depends_on.some((other) => other !== dep && closure.get(other)!.has(dep));
      assert.ok(!implied, `${p.package_id} -> ${dep} is implied by another dependency`);
    }
  }
  const integration = closure.get('wp-integration')!;
  for (const p of doc.packages) if (p.package_id !== 'wp-integration') assert.ok(integration.has(p.package_id), p.package_id);
  assert.deepEqual(pkg(doc, 'wp-integration').depends_on, ['wp-backend', 'wp-frontend']);
  // The frontend builds against the mock while data and then backend are built: two agents at once.
  const dag = dagReport(doc);
  assert.equal(dag.maxParallelWidth, 2);
  assert.deepEqual(dag.waves, [['wp-contracts'], ['wp-data', 'wp-frontend'], ['wp-backend'], ['wp-integration']]);
  // Priorities follow the waves: contracts 1, data/frontend 2, backend 3, integration 4.
  assert.deepEqual(
    doc.packages.map((p) => [p.package_id, p.priority]),
    [['wp-contracts', 1], ['wp-data', 2], ['wp-backend', 3], ['wp-frontend', 2], ['wp-integration', 4]],
  );
});

test('verification uses the boundaries\' real test commands (tier A) and the repository suite for integration', () => {
  const { doc } = generate();
  const backend = pkg(doc, 'wp-backend').verification;
  assert.equal(backend.tier_required, 'A');
  assert.deepEqual(backend.steps.map((s) => [s.kind, s.command]), [['command', 'npm test -- test/server']]);
  const integration = pkg(doc, 'wp-integration').verification;
  assert.ok(integration.steps.some((s) => s.command === 'npm test'));
  assert.ok(integration.steps.some((s) => s.command === 'npx @fission-ai/openspec@1.13.2 validate add-task-labels --strict' && s.env?.OPENSPEC_TELEMETRY === '0'));
  for (const p of doc.packages) {
    const stepKeys = p.verification.steps.flatMap((s) => s.evidence.result_keys);
    assert.deepEqual(p.outputs.result_keys, [...new Set(stepKeys)].sort());
    assert.equal(p.worktree.name, `add-task-labels--${p.package_id}`);
  }
});

test('every task belongs to exactly one package and traceability is clean', () => {
  const { doc, report, draft } = generate();
  assert.deepEqual(checkTraceability(draft, doc), []);
  assert.deepEqual(report.taskPackages, {
    '1.1': 'wp-contracts',
    '2.1': 'wp-data',
    '3.1': 'wp-backend',
    '3.2': 'wp-backend',
    '4.1': 'wp-frontend',
    '5.1': 'wp-integration',
  });
  assert.deepEqual(pkg(doc, 'wp-backend').inputs?.tasks, ['3.1', '3.2']);
});

test('generation is deterministic down to the YAML bytes', () => {
  const a = toWorkPackagesYaml(generate().doc);
  const b = toWorkPackagesYaml(generate().doc);
  assert.equal(a, b);
  const mermaid = renderPackagesMermaid(generate().doc);
  assert.match(mermaid, /^```mermaid\nflowchart TD\n/);
});
