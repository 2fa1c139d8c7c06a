/**
 * Parallel safety by construction: whatever boundaries (overlapping or not), hub files, resources
 * and task placement the context and draft bring, the generated document passes the validator
 * with overlap checks in both glob modes and every task lands in exactly one package.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BoundaryKind } from '../../src/domain/draft.js';
import { generateWorkPackages } from '../../src/domain/plan/generate-packages.js';
import { toWorkPackagesYaml } from '../../src/domain/plan/serialize.js';
import { checkTraceability } from '../../src/domain/plan/traceability.js';
import { boundary, capability, context, draft, ref, requirement, task, validatorFindings } from '../helpers/plan-fixtures.js';

const GLOBS = ['src/**', 'src/a/**', 'src/*.ts', 'src/a*/x.ts', 'src/*b/x.ts', 'web/**', 'web/src/**', 'db/**', '**/*.py', 'docs/**', 'README.md', 'app/api/**', 'app/db/**'];
const KINDS: BoundaryKind[] = ['backend', 'frontend', 'data', 'docs', 'tests', 'infra', 'shared', 'other'];
const HUBS = ['package.json', 'package-lock.json', 'src/index.ts', 'src/a/index.ts', 'app/__init__.py', 'pyproject.toml', 'db/migrations/index.ts', 'web/package.json'];
const LANGS = ['TypeScript', 'Python', 'SQL'];
/** Files tasks may name: inside boundaries, hubs, shared tests, folders of their own. */
const TASK_FILES = ['src/a/x.ts', 'web/src/app.ts', 'tests/test_api.py', 'test/api.test.ts', 'tests/**', 'package.json', 'app/__init__.py', 'db/001.sql', 'src/ab/x.ts'];

const boundaryArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  globs: fc.uniqueArray(fc.constantFrom(...GLOBS), { minLength: 1, maxLength: 3 }),
  test: fc.option(fc.constantFrom('npm test', 'pytest', 'go test ./...'), { nil: undefined }),
  languages: fc.uniqueArray(fc.constantFrom(...LANGS), { maxLength: 2 }),
});

const scenarioArb = fc.record({
  boundaries: fc.array(boundaryArb, { minLength: 0, maxLength: 5 }),
  hubs: fc.uniqueArray(fc.constantFrom(...HUBS), { maxLength: 5 }),
  withApi: fc.boolean(),
  withTable: fc.boolean(),
  withEvent: fc.boolean(),
  // Which boundary (by index, or a fixed package / unknown boundary) each task goes to.
  placement: fc.array(fc.record({ at: fc.integer({ min: -3, max: 4 }), files: fc.uniqueArray(fc.constantFrom(...TASK_FILES), { maxLength: 2 }) }), { minLength: 1, maxLength: 8 }),
  inFlight: fc.option(fc.uniqueArray(fc.constantFrom(...GLOBS), { minLength: 1, maxLength: 2 }), { nil: undefined }),
});

test('any boundaries, hubs and resources give a document valid in both glob modes', () => {
  fc.assert(
    fc.property(scenarioArb, (s) => {
      const infos = s.boundaries.map((b, i) =>
        boundary(`b${i}`, b.kind, b.globs, { languages: b.languages, ...(b.test ? { testCommand: b.test } : {}) }),
      );
      const scenarios = ['one', 'two'];
      const refs = scenarios.map((n) => ref('cap', 'Req', n));
      const boundaryFor = (p: number): string =>
        p === -1 ? 'contracts' : p === -2 ? 'integration' : p === -3 ? 'nowhere' : infos.length > 0 ? `b${p % infos.length}` : 'nowhere';
      const tasks = s.placement.map((p, i) => task(boundaryFor(p.at), `Task ${i}`, i === 0 ? refs : [refs[i % 2]!], { files: p.files }));
      const d = draft({
        capabilities: [capability('cap', [requirement('Req', scenarios)])],
        operations: s.withApi ? [{ operationId: 'getThing', method: 'GET', path: '/things/{thingId}', summary: 'Get' }] : [],
        entities: s.withTable ? [{ name: 'Thing', table: 'things', fields: [{ name: 'name', type: 'string' }] }] : [],
        events: s.withEvent ? [{ name: 'thing.made', description: 'made', fields: [{ name: 'id', type: 'uuid' }] }] : [],
        tasks,
      });
      const c = context({
        boundaries: infos,
        hubFiles: s.hubs,
        testCommands: ['make test'],
        changesInFlight: s.inFlight ? [{ id: 'other-change', capabilities: [], writeGlobs: s.inFlight, lockKeys: ['api:GET /things/{thingId}'] }] : [],
      });
      const { doc, report } = generateWorkPackages({ draft: d, context: c, planRevision: 1, contractsRevision: 1 });
      assert.deepEqual(validatorFindings(doc), []);
      assert.deepEqual(checkTraceability(d, doc), []);
      assert.equal(Object.keys(report.taskPackages).length, tasks.length);
      assert.equal(doc.packages[0]!.package_id === 'wp-contracts', doc.packages.length > 1);
      assert.equal(toWorkPackagesYaml(doc), toWorkPackagesYaml(generateWorkPackages({ draft: d, context: c, planRevision: 1, contractsRevision: 1 }).doc));
    }),
    { numRuns: 300, seed: 20261125 },
  );
});
