/** Packaging of differently shaped changes: UI only, database, docs only, one boundary. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateWorkPackages } from '../../src/domain/plan/generate-packages.js';
import { boundary, capability, context, draft, pkg, ref, requirement, task, validatorFindings } from '../helpers/plan-fixtures.js';

const CAP = 'task-board';
const board = capability(CAP, [requirement('Filter the board', ['filter by label', 'clear the filter'])]);
const filterRef = ref(CAP, 'Filter the board', 'filter by label');
const clearRef = ref(CAP, 'Filter the board', 'clear the filter');
const run = (d: ReturnType<typeof draft>, c: ReturnType<typeof context>) => generateWorkPackages({ draft: d, context: c, planRevision: 1, contractsRevision: 1 });

test('UI-only feature: frontend and docs split; CI-only checks give tier B, docs tier C; no API or table locks', () => {
  const d = draft({
    capabilities: [board],
    tasks: [task('frontend', 'Filter bar component', [filterRef, clearRef]), task('docs', 'Document the filter bar', [filterRef], { kind: 'docs' })],
  });
  const c = context({
    boundaries: [
      boundary('frontend', 'frontend', ['web/src/**'], { languages: ['TypeScript'] }),
      boundary('docs', 'docs', ['docs/**']),
      boundary('infra', 'infra', ['.github/**']),
    ],
    hubFiles: ['package.json'],
    docs: ['.github/workflows/ci.yml'],
  });
  const { doc, report } = run(d, c);
  assert.deepEqual(doc.packages.map((p) => p.package_id), ['wp-contracts', 'wp-frontend', 'wp-docs', 'wp-integration']);
  assert.deepEqual(validatorFindings(doc), []);
  const frontend = pkg(doc, 'wp-frontend');
  assert.equal(frontend.verification.tier_required, 'B');
  assert.deepEqual(frontend.verification.steps.map((s) => [s.kind, s.ci?.workflow]), [['ci', '.github/workflows/ci.yml']]);
  const docs = pkg(doc, 'wp-docs');
  assert.equal(docs.verification.tier_required, 'C');
  assert.equal(docs.verification.steps[0]!.kind, 'manual');
  assert.equal(docs.task_type, 'documentation');
  const keys = doc.packages.flatMap((p) => p.locks.keys);
  assert.ok(!keys.some((k) => k.startsWith('api:') || k.startsWith('db:') || k === 'env:mock-server'), keys.join(', '));
  // Frontend and docs run side by side: no dependency between them.
  assert.deepEqual(frontend.depends_on, ['wp-contracts']);
  assert.deepEqual(docs.depends_on, ['wp-contracts']);
  // The root manifest governs web/src/** but lies outside it: the frontend, its only user, owns it.
  assert.deepEqual(report.hubFiles.map((h) => [h.file, h.owner, h.others]), [['package.json', 'wp-frontend', []]]);
  assert.deepEqual(frontend.scope.write_allow, ['package.json', 'web/src/**']);
  assert.ok(!report.whyNotParallel.some((l) => l.includes('package.json')));
});

test('a CI folder among the boundaries is enough for tier B when no workflow file was listed', () => {
  const d = draft({ capabilities: [board], tasks: [task('frontend', 'Bar', [filterRef, clearRef]), task('backend', 'Api', [filterRef])] });
  const c = context({
    boundaries: [boundary('frontend', 'frontend', ['web/**']), boundary('backend', 'backend', ['api/**']), boundary('infra', 'infra', ['.github/**'])],
  });
  const { doc } = run(d, c);
  assert.deepEqual(validatorFindings(doc), []);
  const steps = pkg(doc, 'wp-frontend').verification.steps;
  assert.equal(pkg(doc, 'wp-frontend').verification.tier_required, 'B');
  assert.deepEqual(steps.map((s) => [s.kind, s.ci]), [['ci', { provider: 'github' }]]);
});

test('code without tests or CI is tier C with a manual review step', () => {
  const d = draft({ capabilities: [board], tasks: [task('frontend', 'Bar', [filterRef, clearRef]), task('backend', 'Api', [filterRef])] });
  const c = context({ boundaries: [boundary('frontend', 'frontend', ['web/**']), boundary('backend', 'backend', ['api/**'])] });
  const { doc } = run(d, c);
  assert.deepEqual(validatorFindings(doc), []);
  const backend = pkg(doc, 'wp-backend').verification;
  assert.equal(backend.tier_required, 'C');
  assert.equal(backend.steps[0]!.kind, 'manual');
  assert.match(backend.steps[0]!.manual_instructions ?? '', /No local test command was found for backend/);
});

test('database change: data owns the table and migration slot; the backend waits for the shared test database', () => {
  const d = draft({
    capabilities: [board],
    entities: [{ name: 'SavedFilter', table: 'saved_filters', fields: [{ name: 'query', type: 'text' }] }],
    tasks: [
      task('data', 'Migration for saved_filters', [filterRef]),
      task('backend', 'SavedFilter repository', [filterRef, clearRef]),
    ],
  });
  const c = context({
    boundaries: [
      boundary('data', 'data', ['db/**'], { testCommand: 'npm run test:db' }),
      boundary('backend', 'backend', ['src/server/**'], { testCommand: 'npm run test:server' }),
    ],
    hubFiles: ['db/migrations/index.ts'],
  });
  const { doc, report } = run(d, c);
  assert.deepEqual(validatorFindings(doc), []);
  const data = pkg(doc, 'wp-data');
  assert.ok(data.locks.keys.includes('db:schema:saved_filters'));
  assert.ok(data.locks.keys.includes('db:migration-slot'));
  assert.ok(!pkg(doc, 'wp-backend').locks.keys.some((k) => k.startsWith('db:')));
  assert.deepEqual(pkg(doc, 'wp-backend').depends_on, ['wp-data']);
  assert.ok(report.whyNotParallel.some((l) => l.includes('env:test-database')));
  // The migration registry lies inside the data boundary only: no shared hub.
  assert.deepEqual(report.hubFiles, []);
});

test('docs-only change across two docs boundaries: one schema-valid package, tier C', () => {
  const d = draft({
    capabilities: [board],
    tasks: [task('docs', 'Guide page', [filterRef, clearRef], { kind: 'docs' }), task('readme', 'README section', [filterRef], { kind: 'docs' })],
  });
  const c = context({ boundaries: [boundary('docs', 'docs', ['docs/**']), boundary('readme', 'docs', ['README.md'])], testCommands: ['npm test'] });
  const { doc, report } = run(d, c);
  assert.equal(doc.packages.length, 1);
  const only = doc.packages[0]!;
  assert.equal(only.package_id, 'wp-docs-readme');
  assert.deepEqual(validatorFindings(doc), []);
  assert.equal(only.verification.tier_required, 'C');
  assert.deepEqual(only.verification.steps.map((s) => s.kind), ['command', 'manual']);
  assert.deepEqual(only.scope.write_allow, ['README.md', 'docs/**', 'openspec/changes/add-task-labels/contracts/**']);
  assert.match(report.singlePackageReason ?? '', /documentation only/);
  assert.match(report.whyNotParallel[0]!, /^Not split into parallel packages: it changes documentation only/);
  assert.deepEqual(only.inputs?.tasks, ['1.1', '2.1']);
});

test('one-boundary change: a single package holds the API locks, the contracts folder and the real tests', () => {
  const d = draft({
    capabilities: [board],
    operations: [{ operationId: 'listFilters', method: 'GET', path: '/filters/{filterId}', summary: 'Get a filter' }],
    tasks: [task('contracts', 'Freeze contract', [filterRef], { kind: 'contract' }), task('api', 'Endpoint', [filterRef, clearRef])],
  });
  const c = context({ boundaries: [boundary('api', 'backend', ['app/**'], { testCommand: 'pytest tests/api' })], testCommands: ['pytest'] });
  const { doc, report } = run(d, c);
  assert.equal(doc.packages.length, 1);
  const only = pkg(doc, 'wp-api');
  assert.deepEqual(validatorFindings(doc), []);
  assert.deepEqual(only.depends_on, []);
  assert.ok(only.locks.keys.includes('api:GET /filters/{filterId}'));
  assert.ok(only.locks.keys.includes('env:full-test-suite'));
  assert.deepEqual(only.scope.write_allow, ['app/**', 'openspec/changes/add-task-labels/contracts/**']);
  assert.equal(only.verification.tier_required, 'A');
  // The boundary's `pytest tests/api` is part of the repository's `pytest`, which runs once.
  assert.deepEqual(only.verification.steps.map((s) => s.command), ['npx @fission-ai/openspec@1.13.2 validate add-task-labels --strict', 'pytest']);
  assert.match(report.singlePackageReason ?? '', /one boundary \(api\)/);
  assert.deepEqual(Object.values(report.taskPackages), ['wp-api', 'wp-api']);
});

test('globs the draft invents are dropped; a task of an unknown boundary goes to integration', () => {
  const d = draft({
    capabilities: [board],
    boundaries: [{ id: 'ui', kind: 'frontend', globs: ['client/**', 'web/**'] }],
    tasks: [task('ui', 'Filter bar', [filterRef]), task('backend', 'Filter endpoint', [clearRef]), task('mobile', 'Mobile filter', [filterRef], { files: ['mobile/Filter.kt'] })],
  });
  const c = context({ boundaries: [boundary('web', 'frontend', ['web/**']), boundary('backend', 'backend', ['src/**'])] });
  const { doc, report } = run(d, c);
  assert.deepEqual(validatorFindings(doc), []);
  assert.deepEqual(pkg(doc, 'wp-ui').scope.write_allow, ['web/**']);
  assert.ok(report.notes.some((n) => n.includes('client/**')));
  assert.ok(report.notes.some((n) => n.startsWith('boundary mobile')));
  assert.equal(report.taskPackages['3.1'], 'wp-integration');
  assert.ok(pkg(doc, 'wp-integration').scope.write_allow.includes('mobile/Filter.kt'));
  assert.ok(!doc.packages.some((p) => p.scope.write_allow.includes('client/**')));
});

test('files the change reaches outside every zone (a root changelog, a config folder no task names) are written by the zone the change lands in most, and by no other', () => {
  const d = draft({
    capabilities: [board],
    tasks: [task('backend', 'Filter endpoint', [filterRef]), task('frontend', 'Filter bar', [clearRef], { files: ['web/src/Board.ts', 'test/board.test.ts'] })],
  });
  const impacted = (path: string, score: number, role: 'source' | 'docs' | 'test' = 'source') => ({ path, level: 'may' as const, score, reason: 'test', role });
  const c = {
    ...context({
      boundaries: [
        boundary('backend', 'backend', ['server/**'], { languages: ['Go'] }),
        boundary('frontend', 'frontend', ['web/**'], { languages: ['TypeScript'] }),
        boundary('conf', 'shared', ['conf/**'], { languages: ['Go'] }),
      ],
    }),
    filesScanned: 200,
    impact: {
      matched: { entities: [], fields: [], routes: [], pages: [], symbols: [] },
      files: [
        impacted('server/filter.go', 0.5),
        impacted('server/board.go', 0.3),
        impacted('web/src/Board.ts', 0.2),
        impacted('conf/options.go', 0.1),
        impacted('CHANGELOG.md', 0.05, 'docs'),
        impacted('test/board.test.ts', 0.04, 'test'),
      ],
    },
  };
  const { doc } = run(d, c);
  assert.deepEqual(validatorFindings(doc), []);
  const writers = (file: string) => doc.packages.filter((p) => p.package_id !== 'wp-integration' && p.scope.write_allow.includes(file)).map((p) => p.package_id);
  assert.deepEqual(writers('conf/options.go'), ['wp-backend']);
  assert.deepEqual(writers('CHANGELOG.md'), ['wp-backend']);
  // A file outside every zone that the frontend's own tasks name stays the frontend's.
  assert.deepEqual(writers('test/board.test.ts'), ['wp-frontend']);
});
