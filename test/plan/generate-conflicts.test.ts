/** What breaks parallel work, handled at plan time: overlaps, hub files, changes in flight, gaps. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateWorkPackages } from '../../src/domain/plan/generate-packages.js';
import { checkTraceability, TraceabilityError } from '../../src/domain/plan/traceability.js';
import { renderWhyNotParallel } from '../../src/domain/plan/why-not-parallel.js';
import { boundary, capability, context, draft, pkg, ref, requirement, task, validatorFindings } from '../helpers/plan-fixtures.js';

const CAP = 'task-board';
const board = capability(CAP, [requirement('Filter the board', ['filter by label', 'clear the filter'])]);
const filterRef = ref(CAP, 'Filter the board', 'filter by label');
const clearRef = ref(CAP, 'Filter the board', 'clear the filter');
const run = (d: ReturnType<typeof draft>, c: ReturnType<typeof context>) => generateWorkPackages({ draft: d, context: c, planRevision: 1, contractsRevision: 1 });

test('overlapping boundaries are merged into one package and the proposal says why', () => {
  const d = draft({
    capabilities: [board],
    tasks: [task('backend', 'Endpoint', [filterRef]), task('shared', 'Shared filter type', [clearRef]), task('frontend', 'Filter bar', [filterRef])],
  });
  const c = context({
    boundaries: [
      boundary('backend', 'backend', ['src/**'], { testCommand: 'npm test' }),
      boundary('shared', 'shared', ['src/shared/**']),
      boundary('frontend', 'frontend', ['web/**'], { testCommand: 'npm run test:web' }),
    ],
  });
  const { doc, report } = run(d, c);
  assert.deepEqual(doc.packages.map((p) => p.package_id), ['wp-contracts', 'wp-backend-shared', 'wp-frontend', 'wp-integration']);
  assert.deepEqual(validatorFindings(doc), []);
  assert.deepEqual(pkg(doc, 'wp-backend-shared').scope.write_allow, ['src/**', 'src/shared/**']);
  assert.deepEqual(report.merges.map((m) => m.boundaries), [['backend', 'shared']]);
  const why = report.whyNotParallel.find((l) => l.startsWith('wp-backend-shared builds boundaries backend, shared together'));
  assert.ok(why, report.whyNotParallel.join('\n'));
  assert.match(why, /src\/\*\* overlaps shared src\/shared\/\*\*/);
  assert.match(renderWhyNotParallel(report), /- wp-backend-shared builds boundaries backend, shared together/);
  assert.equal(report.taskPackages['1.1'], 'wp-backend-shared');
  assert.equal(report.taskPackages['2.1'], 'wp-backend-shared');
});

test('globs that only the exact glob mode sees as overlapping are merged too', () => {
  const d = draft({ capabilities: [board], tasks: [task('alpha', 'A', [filterRef]), task('beta', 'B', [clearRef])] });
  // Neither glob, read as a path, matches the other (compat says no), yet src/ab/x.ts matches both.
  const c = context({ boundaries: [boundary('alpha', 'backend', ['src/a*/x.ts']), boundary('beta', 'backend', ['src/*b/x.ts'])] });
  const { doc, report } = run(d, c);
  assert.equal(doc.packages.length, 1);
  assert.equal(doc.packages[0]!.package_id, 'wp-alpha-beta');
  assert.match(report.whyNotParallel.join('\n'), /\(exact glob mode\)/);
  assert.deepEqual(validatorFindings(doc), []);
});

test('a root manifest and lockfile needed by two packages are owned by the backend; the frontend must not edit them', () => {
  const d = draft({
    capabilities: [board],
    tasks: [task('backend', 'Endpoint', [filterRef]), task('frontend', 'Filter bar', [clearRef], { files: ['web/src/Filter.ts'] }), task('docs', 'Guide', [filterRef], { kind: 'docs' })],
  });
  const c = context({
    boundaries: [
      boundary('backend', 'backend', ['src/server/**'], { languages: ['typescript'] }),
      boundary('frontend', 'frontend', ['web/**'], { languages: ['typescript'] }),
      boundary('docs', 'docs', ['docs/**']),
    ],
    hubFiles: ['package.json', 'package-lock.json', 'web/src/components/index.ts', 'requirements.txt'],
  });
  const { doc, report } = run(d, c);
  assert.deepEqual(validatorFindings(doc), []);
  assert.deepEqual(
    report.hubFiles.map((h) => [h.file, h.owner, h.others]),
    [
      ['package-lock.json', 'wp-backend', ['wp-frontend']],
      ['package.json', 'wp-backend', ['wp-frontend']],
    ],
  );
  const backend = pkg(doc, 'wp-backend');
  assert.deepEqual(backend.locks.files, ['package-lock.json', 'package.json']);
  assert.deepEqual(backend.scope.write_allow, ['package-lock.json', 'package.json', 'src/server/**']);
  const frontend = pkg(doc, 'wp-frontend');
  assert.deepEqual(frontend.locks.files, []);
  assert.ok(frontend.scope.deny?.includes('package.json'));
  assert.match(frontend.description, /package\.json \(wp-backend\)/);
  assert.ok(!pkg(doc, 'wp-docs').scope.deny?.includes('package.json'), 'docs never needed the manifest');
  assert.ok(report.whyNotParallel.some((l) => l.startsWith('package.json is a hub file')));
});

test('a task that names a hub inside another boundary makes it shared; the containing package owns it', () => {
  const d = draft({
    capabilities: [board],
    tasks: [task('api', 'Endpoint', [filterRef]), task('db', 'Model', [clearRef], { files: ['app/__init__.py'] })],
  });
  const c = context({
    boundaries: [boundary('api', 'backend', ['app/api/**'], { languages: ['python'] }), boundary('db', 'data', ['app/db/**'], { languages: ['python'] })],
    hubFiles: ['app/__init__.py', 'app/api/__init__.py', 'pyproject.toml', 'package.json'],
  });
  const { doc, report } = run(d, c);
  assert.deepEqual(validatorFindings(doc), []);
  assert.deepEqual(
    report.hubFiles.map((h) => [h.file, h.owner, h.others]),
    [
      ['app/__init__.py', 'wp-api', ['wp-db']],
      ['pyproject.toml', 'wp-api', ['wp-db']],
    ],
  );
  assert.ok(pkg(doc, 'wp-db').scope.deny?.includes('app/__init__.py'));
});

test('tasks of two boundaries that write the same test file run one after the other, and the proposal says why', () => {
  const d = draft({
    capabilities: [board],
    tasks: [
      task('backend', 'Endpoint tests', [filterRef], { files: ['test/api.test.ts', 'src/server/routes/filters.ts'] }),
      task('frontend', 'Filter bar tests', [clearRef], { files: ['test/api.test.ts', 'test/web/filter.test.ts'] }),
      task('docs', 'Guide', [filterRef], { files: ['docs/filters.md'] }),
    ],
  });
  const c = context({
    boundaries: [boundary('backend', 'backend', ['src/server/**']), boundary('frontend', 'frontend', ['web/**']), boundary('docs', 'docs', ['docs/**']), boundary('tests', 'tests', ['test/**'])],
  });
  const { doc, report } = run(d, c);
  assert.deepEqual(validatorFindings(doc), []);
  // Files a task names outside its boundary join its write scope; files inside add nothing.
  assert.deepEqual(pkg(doc, 'wp-backend').scope.write_allow, ['src/server/**', 'test/api.test.ts']);
  assert.deepEqual(pkg(doc, 'wp-frontend').scope.write_allow, ['test/api.test.ts', 'test/web/filter.test.ts', 'web/**']);
  assert.deepEqual(pkg(doc, 'wp-frontend').depends_on, ['wp-backend']);
  assert.deepEqual(pkg(doc, 'wp-docs').depends_on, ['wp-contracts']);
  assert.ok(pkg(doc, 'wp-frontend').scope.deny?.includes('src/server/**'));
  assert.ok(report.whyNotParallel.includes('wp-frontend runs after wp-backend: their tasks both write test/api.test.ts.'), report.whyNotParallel.join('\n'));
  // The integration package may write the repository's test folder for end-to-end tests.
  assert.ok(pkg(doc, 'wp-integration').scope.write_allow.includes('test/**'));
});

test('a task that names a file in another boundary may write it: not denied, and the two are ordered', () => {
  const d = draft({
    capabilities: [board],
    tasks: [task('backend', 'Endpoint', [filterRef]), task('frontend', 'Client for the endpoint', [clearRef], { files: ['src/server/openapi-client.ts'] })],
  });
  const c = context({ boundaries: [boundary('backend', 'backend', ['src/server/**']), boundary('frontend', 'frontend', ['web/**'])] });
  const { doc } = run(d, c);
  assert.deepEqual(validatorFindings(doc), []);
  const frontend = pkg(doc, 'wp-frontend');
  assert.ok(frontend.scope.write_allow.includes('src/server/openapi-client.ts'));
  assert.ok(!frontend.scope.deny?.includes('src/server/**'), JSON.stringify(frontend.scope.deny));
  assert.deepEqual(frontend.depends_on, ['wp-backend']);
});

test('a collision with a change in flight is reported and written into the package', () => {
  const d = draft({ capabilities: [board], tasks: [task('backend', 'Endpoint', [filterRef, clearRef]), task('frontend', 'Bar', [filterRef])] });
  const c = context({
    boundaries: [boundary('backend', 'backend', ['src/server/**']), boundary('frontend', 'frontend', ['web/**'])],
    changesInFlight: [{ id: 'add-due-dates', capabilities: [], writeGlobs: ['src/server/routes/**'], lockKeys: [] }],
  });
  const { doc, report } = run(d, c);
  assert.deepEqual(report.inFlight.map((x) => [x.packageId, x.changeId]), [['wp-backend', 'add-due-dates']]);
  assert.match(pkg(doc, 'wp-backend').description, /collides with change add-due-dates/);
  assert.ok(report.whyNotParallel.some((l) => l.includes('add-due-dates')));
});

test('an uncovered requirement fails generation with a typed error naming it', () => {
  const d = draft({
    capabilities: [board, capability('labels', [requirement('Rename labels', ['rename a label'])])],
    tasks: [task('backend', 'Endpoint', [filterRef, clearRef, ref('labels', 'Rename labels', 'no such scenario')])],
  });
  const c = context({ boundaries: [boundary('backend', 'backend', ['src/**'])] });
  assert.throws(
    () => run(d, c),
    (error: unknown) => {
      assert.ok(error instanceof TraceabilityError);
      assert.equal(error.type, 'InvalidPlan');
      assert.deepEqual(
        error.issues.map((i) => [i.code, i.ref]),
        [
          ['uncovered-requirement', 'labels/Rename labels'],
          ['unknown-scenario', 'labels/Rename labels/no such scenario'],
        ],
      );
      assert.match(error.message, /requirement "labels\/Rename labels" is covered by no task/);
      return true;
    },
  );
});

test('a partly covered requirement names the uncovered scenario', () => {
  const d = draft({ capabilities: [board], tasks: [task('backend', 'Endpoint', [filterRef])] });
  const c = context({ boundaries: [boundary('backend', 'backend', ['src/**'])] });
  assert.throws(() => run(d, c), (error: unknown) => error instanceof TraceabilityError && error.issues.some((i) => i.code === 'uncovered-scenario' && i.ref === clearRef));
});

test('checkTraceability reads an edited or malformed document without crashing', () => {
  const d = draft({ capabilities: [board], tasks: [task('backend', 'Endpoint', [filterRef, clearRef])] });
  const c = context({ boundaries: [boundary('backend', 'backend', ['src/**'])] });
  const { doc } = run(d, c);
  const edited = structuredClone(doc);
  edited.packages[0]!.inputs = { tasks: ['1.1', '7.7'] };
  edited.packages.push({ ...structuredClone(edited.packages[0]!), package_id: 'wp-copy' });
  assert.deepEqual(
    checkTraceability(d, edited).map((i) => [i.code, i.ref]),
    [
      ['task-in-several-packages', '1.1'],
      ['unknown-task', '7.7'],
    ],
  );
  for (const broken of [{}, { packages: null }, { packages: [null, 3, { inputs: 'x' }] }]) {
    const issues = checkTraceability(d, broken as unknown as typeof doc);
    assert.deepEqual(issues.map((i) => i.code), ['task-without-package']);
  }
});
