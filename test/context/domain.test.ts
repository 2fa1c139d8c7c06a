import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildQuery } from '../../src/domain/context/bm25.js';
import { detectBoundaries } from '../../src/domain/context/boundaries.js';
import { extractWorkPackageClaims, proposalCapabilities } from '../../src/domain/context/changes.js';
import { CodeShardScorer, isRankable, rankCandidates } from '../../src/domain/context/code-ranking.js';
import { detectConflicts } from '../../src/domain/context/conflicts.js';
import { findHubFiles, hubKind } from '../../src/domain/context/hubs.js';
import { parseManifest, toxTestCommand } from '../../src/domain/context/manifests.js';
import { balancedShardRanges, shardRanges } from '../../src/domain/context/shards.js';
import { extractSymbols } from '../../src/domain/context/symbols.js';
import { tokenize } from '../../src/domain/context/tokenize.js';

test('tokenize splits camelCase, PascalCase, snake_case, kebab-case and paths, and stems', () => {
  assert.deepEqual(tokenize('src/server/services/notificationService.ts'), ['src', 'serv', 'servic', 'notif', 'servic', 'ts']);
  assert.deepEqual(tokenize('sendDueSoonReminders'), ['send', 'due', 'soon', 'remind']);
  assert.deepEqual(tokenize('HTTPServerError parse_json_body shopping-list'), ['serv', 'error', 'pars', 'json', 'bod', 'shop', 'list']);
  assert.deepEqual(tokenize('notify notifications notification'), ['notif', 'notif', 'notif']);
  assert.deepEqual(tokenize('expires expiring expired expiry'), ['expir', 'expir', 'expir', 'expir']);
  assert.deepEqual(tokenize('the user should be able to add a label'), ['user', 'label']);
});

test('manifests give languages, frameworks and test commands', () => {
  const pkg = parseManifest(
    'package.json',
    JSON.stringify({ scripts: { test: 'tsc && node --test dist/test/' }, dependencies: { express: '4', '@temporalio/client': '1' }, devDependencies: { typescript: '5' } }),
    new Set(['package.json', 'pnpm-lock.yaml']),
  )!;
  assert.deepEqual(pkg.languages, ['TypeScript', 'JavaScript']);
  assert.deepEqual(pkg.frameworks, ['Express', 'Temporal', 'node:test']);
  assert.equal(pkg.testCommand, 'pnpm test');
  const noTest = parseManifest('web/package.json', JSON.stringify({ scripts: { test: 'echo "Error: no test specified" && exit 1' } }))!;
  assert.equal(noTest.testCommand, undefined);
  const py = parseManifest('pyproject.toml', '[project]\ndependencies = ["fastapi>=0.115", "uvicorn[standard]>=0.3"]\n[project.optional-dependencies]\ndev = ["pytest>=8"]\n')!;
  assert.deepEqual(py.frameworks, ['FastAPI', 'pytest', 'Uvicorn']);
  assert.equal(py.testCommand, 'pytest');
  const poetry = parseManifest('svc/pyproject.toml', '[tool.poetry.dependencies]\npython = "^3.11"\nDjango = "^5"\n')!;
  assert.deepEqual(poetry.frameworks, ['Django']);
  assert.equal(poetry.testCommand, 'cd svc && python -m unittest');
  const req = parseManifest('requirements.txt', 'Flask==3.0  # web\nSQLAlchemy>=2\n-r dev.txt\n')!;
  assert.deepEqual(req.frameworks, ['Flask', 'SQLAlchemy']);
  const go = parseManifest('worker/go.mod', 'module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.0.12\n\tgo.temporal.io/sdk v1.26.0\n)\n')!;
  assert.deepEqual(go.frameworks, ['chi', 'Temporal']);
  assert.equal(go.testCommand, 'cd worker && go test ./...');
  const cargo = parseManifest('Cargo.toml', '[package]\nname = "x"\n[dependencies]\naxum = "0.7"\ntokio = { version = "1" }\n')!;
  assert.deepEqual([cargo.languages, cargo.frameworks, cargo.testCommand], [['Rust'], ['Axum', 'Tokio'], 'cargo test']);
  const pom = parseManifest('pom.xml', '<project><dependency><artifactId>spring-boot-starter-web</artifactId></dependency></project>', new Set(['mvnw']))!;
  assert.deepEqual([pom.frameworks, pom.testCommand], [['Spring Boot'], './mvnw test']);
  assert.equal(parseManifest('README.md', ''), undefined);
});

test('boundaries come from real folders with globs, languages and test commands', () => {
  const files = [
    'package.json', 'README.md', 'src/server/app.ts', 'src/server/routes/tasks.ts', 'src/shared/types.ts',
    'web/src/pages/Board.tsx', 'web/src/main.ts', 'db/migrations/0001_init.sql', 'db/migrations/index.ts',
    'test/app.test.ts', 'docs/architecture.md', '.github/workflows/ci.yml', 'openspec/specs/x/spec.md',
    'worker/go.mod', 'worker/main.go', 'scripts/seed.sh',
  ];
  const manifests = [
    parseManifest('package.json', JSON.stringify({ scripts: { test: 'vitest' }, devDependencies: { typescript: '5' } }))!,
    parseManifest('worker/go.mod', 'module w\n')!,
  ];
  const byGlob = Object.fromEntries(detectBoundaries(files, manifests).map((b) => [b.globs[0], b]));
  assert.deepEqual(Object.keys(byGlob).sort(), ['.github/**', 'db/migrations/**', 'docs/**', 'scripts/**', 'src/server/**', 'src/shared/**', 'test/**', 'web/**', 'worker/**']);
  assert.equal(byGlob['src/server/**']!.kind, 'backend');
  assert.equal(byGlob['src/server/**']!.testCommand, 'npm test');
  assert.equal(byGlob['worker/**']!.kind, 'backend');
  assert.equal(byGlob['worker/**']!.testCommand, 'cd worker && go test ./...');
  assert.equal(byGlob['web/**']!.kind, 'frontend');
  assert.equal(byGlob['db/migrations/**']!.kind, 'data');
  assert.deepEqual(byGlob['docs/**']!.globs, ['docs/**', 'README.md']);
  assert.equal(byGlob['docs/**']!.testCommand, undefined);
  assert.equal(byGlob['.github/**']!.kind, 'infra');
  assert.equal(byGlob['test/**']!.kind, 'tests');
  assert.equal(byGlob['src/shared/**']!.kind, 'shared');
  // Two backends get distinct ids.
  assert.deepEqual(detectBoundaries(files, manifests).filter((b) => b.kind === 'backend').map((b) => b.id).sort(), ['backend-server', 'backend-worker']);
  // Every glob matches an existing file.
  for (const b of detectBoundaries(files, manifests)) {
    for (const g of b.globs) assert.ok(files.some((f) => (g.endsWith('/**') ? f.startsWith(g.slice(0, -2)) : f === g)), g);
  }
});

test('source files at the repository root form a boundary: a Go package at the root, or the only code there is', () => {
  const goModule = ['go.mod', 'go.sum', 'README.md', 'mux.go', 'route.go', 'regexp.go', 'mux_test.go', '.github/workflows/test.yml'];
  const manifests = [parseManifest('go.mod', 'module github.com/gorilla/mux\n\ngo 1.20\n')!];
  const root = detectBoundaries(goModule, manifests).find((b) => b.kind === 'backend');
  assert.ok(root, 'a backend boundary for the root package');
  assert.deepEqual(root.globs, ['mux.go', 'mux_test.go', 'regexp.go', 'route.go']);
  assert.deepEqual(root.languages, ['Go']);
  assert.equal(root.testCommand, 'go test ./...');

  // Tool configuration at the root is not code; one root script beside a code folder is not a boundary.
  const app = ['package.json', 'index.js', 'jest.config.js', '.eslintrc.js', 'lib/server/app.js', 'lib/server/router.js'];
  assert.deepEqual(detectBoundaries(app).map((b) => b.globs[0]), ['lib/server/**']);
  // A single-file project still has its code in a boundary.
  assert.deepEqual(detectBoundaries(['app.py', 'README.md']).map((b) => [b.kind, b.globs]), [['backend', ['app.py']], ['docs', ['README.md']]]);
  // Many root files: one glob per extension.
  const many = Array.from({ length: 30 }, (_, i) => `m${i}.go`);
  assert.deepEqual(detectBoundaries(many).map((b) => b.globs), [['*.go']]);
  // Test data beside code is test material.
  assert.equal(detectBoundaries(['render/json.go', 'render/xml.go', 'testdata/cert.pem', 'testdata/a.tmpl']).find((b) => b.globs[0] === 'testdata/**')?.kind, 'tests');
  // Generated package metadata is no boundary.
  assert.deepEqual(detectBoundaries(['pkg/a.py', 'pkg/b.py', 'pkg.egg-info/PKG-INFO', 'pkg.egg-info/SOURCES.txt']).map((b) => b.globs[0]), ['pkg/**']);
});

test("a Python package tested by tox gets tox's command, not the root package.json's npm test", () => {
  const tox = ['[tox]', 'envlist = py3, flake8', '', '[testenv]', 'deps =', '    -e .', 'changedir = tests', 'commands =', '    {envpython} runtests.py {posargs}', '', '[testenv:flake8]', 'commands = flake8 .', ''].join('\n');
  assert.equal(toxTestCommand(tox), 'cd tests && python runtests.py');
  assert.equal(toxTestCommand('[tox]\nenvlist = py3\n'), 'tox');
  assert.equal(toxTestCommand('[testenv]\ncommands = pytest {posargs:tests}\n'), 'pytest');
  const manifests = [
    parseManifest('package.json', JSON.stringify({ scripts: { test: 'grunt test' } }))!,
    parseManifest('pyproject.toml', '[project]\nname = "django"\n')!,
    parseManifest('tox.ini', tox)!,
  ];
  // The package holds some JavaScript (admin widgets); its main language decides.
  const files = ['django/__init__.py', 'django/urls/base.py', 'django/core/management/base.py', 'django/contrib/admin/static/admin/js/core.js', 'js_tests/tests.html', 'js_tests/admin/core.test.js'];
  const byGlob = Object.fromEntries(detectBoundaries(files, manifests).map((b) => [b.globs[0], b.testCommand]));
  assert.equal(byGlob['django/**'], 'cd tests && python runtests.py');
  assert.equal(byGlob['js_tests/**'], 'npm test');
});

test('a Python boundary gets no npm test command', () => {
  const files = ['package.json', 'services/api/app.py', 'services/api/models.py'];
  const [b] = detectBoundaries(files, [parseManifest('package.json', JSON.stringify({ scripts: { test: 'jest' } }))!]);
  assert.equal(b!.testCommand, undefined);
});

test('hub files: lockfiles, manifests, registries and barrels, most shared first', () => {
  assert.equal(hubKind('package-lock.json'), 'lockfile');
  assert.equal(hubKind('worker/go.sum'), 'lockfile');
  assert.equal(hubKind('app/routers/__init__.py'), 'registry');
  assert.equal(hubKind('db/migrations/index.ts'), 'registry');
  assert.equal(hubKind('src/server/routes/index.ts'), 'registry');
  assert.equal(hubKind('web/src/components/index.ts'), 'barrel');
  assert.equal(hubKind('app/models/__init__.py'), 'barrel');
  assert.equal(hubKind('pyproject.toml'), 'manifest');
  assert.equal(hubKind('src/server/services/taskService.ts'), undefined);
  const hubs = findHubFiles(['web/src/index.ts', 'package.json', 'src/routes/index.ts', 'yarn.lock', 'openspec/index.ts']);
  assert.deepEqual(hubs.map((h) => h.path), ['yarn.lock', 'package.json', 'src/routes/index.ts', 'web/src/index.ts']);
});

test('work-packages claims are read leniently', () => {
  const ok = extractWorkPackageClaims(`
schema_version: 1
packages:
  - package_id: wp-a
    scope: { write_allow: [src/a/**], read_allow: ["**"] }
    locks: { files: [src/a/index.ts], keys: ["api:GET /a", "db:migration-slot"] }
  - id: wp-b
    scope: { write_allow: [src/a/**, web/**] }
    locks: { keys: 7 }
  - just a string
`);
  assert.deepEqual(ok.packageIds, ['wp-a', 'wp-b']);
  assert.deepEqual(ok.writeGlobs, ['src/a/**', 'web/**']);
  assert.deepEqual(ok.lockKeys, ['api:GET /a', 'db:migration-slot']);
  assert.deepEqual(ok.lockFiles, ['src/a/index.ts']);
  assert.deepEqual(ok.problems, ['packages[2] is not a mapping']);
  assert.deepEqual(extractWorkPackageClaims('packages: null\n').problems, ['packages is not a list']);
  assert.match(extractWorkPackageClaims('packages: [\n  - : :\n').problems[0]!, /^not valid YAML/);
  assert.deepEqual(extractWorkPackageClaims('- a\n- b\n').problems, ['top level is not a mapping']);
});

test('proposal capabilities are read from the capability sections', () => {
  const text = '## Why\n- `not-this` one\n## Capabilities\n### New Capabilities\n- `task-labels`: labels\n### Modified Capabilities\n- `board-views`: chips\n- None\n## Impact\n- `src-server`\n';
  assert.deepEqual(proposalCapabilities(text), ['task-labels', 'board-views']);
});

test('symbols: TypeScript via the compiler parser, Python and Go via patterns', () => {
  const ts = extractSymbols('a.ts', 'export class TaskService {\n  createTask(): void {}\n  private x = 1;\n}\nexport function buildRouter() {}\nexport const MIGRATIONS = [] as const;\nexport interface Store {}\ntype Id = string;\nexport { a as b } from "./x.js";\n');
  assert.deepEqual(ts, ['TaskService', 'TaskService.createTask', 'buildRouter', 'MIGRATIONS', 'Store', 'Id', 'b']);
  const tsx = extractSymbols('Board.tsx', 'export function Board() { return <div className="b">{1}</div>; }\n');
  assert.deepEqual(tsx, ['Board']);
  const py = extractSymbols('inv.py', 'DEFAULT_DAYS = 3\n\nclass InventoryService:\n    def __init__(self):\n        pass\n\n    def consume(self, n):\n        x = 1\n\nasync def find_items(x):\n    return x\n');
  assert.deepEqual(py, ['DEFAULT_DAYS', 'InventoryService', 'InventoryService.consume', 'find_items']);
  const go = extractSymbols('d.go', 'package digest\n\ntype ExpiryAlert struct{}\n\nfunc (a *ExpiryAlert) Render() string { return "" }\nfunc FetchAlerts() {}\nconst (\n\tA = 1\n\tB = 2\n)\n');
  assert.deepEqual(go, ['ExpiryAlert.Render', 'FetchAlerts', 'ExpiryAlert', 'A', 'B']);
  assert.deepEqual(extractSymbols('notes.md', '# x'), []);
});

/** Ranges in order that cover [0, files) exactly once, none longer than `size`. */
function assertCoversOnce(ranges: ReadonlyArray<{ start: number; end: number }>, files: number, size: number): void {
  let next = 0;
  for (const r of ranges) {
    assert.equal(r.start, next);
    assert.ok(r.end > r.start && r.end - r.start <= size);
    next = r.end;
  }
  assert.equal(next, files);
}

test('shard ranges cover every index exactly once', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 700 }), (files, size) => assertCoversOnce(shardRanges(files, size), files, size)));
});

test('balanced shards: every index once, at most the shard size, a multiple of the lanes when split', () => {
  assert.deepEqual(balancedShardRanges(50_000, 10_000, 4).map((r) => r.end - r.start), Array(8).fill(6_250));
  assert.deepEqual(balancedShardRanges(40, 10_000, 4), [{ start: 0, end: 40 }]);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 700 }), fc.integer({ min: 1, max: 6 }), (files, size, lanes) => {
      const ranges = balancedShardRanges(files, size, lanes);
      assertCoversOnce(ranges, files, size);
      if (files > size && ranges.length < files) assert.equal(ranges.length % lanes, 0, `${ranges.length} shards for ${lanes} lanes`);
      const sizes = ranges.map((r) => r.end - r.start);
      if (sizes.length > 0) assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, 'equal sizes');
    }),
  );
});

test('sharded BM25 ranks exactly like one pass over all files', () => {
  const words = ['invoice', 'reminder', 'task', 'user', 'billing', 'email', 'deadline', 'schedule', 'report', 'cache'];
  const doc = fc.record({ name: fc.constantFrom(...words), body: fc.array(fc.constantFrom(...words), { maxLength: 30 }) });
  fc.assert(
    fc.property(fc.array(doc, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (docs, size) => {
      const query = buildQuery('schedule invoice reminder emails');
      const files = docs.map((d, i) => ({ path: `src/${d.name}/${i}.ts`, text: d.body.join(' ') }));
      const one = new CodeShardScorer(query, 10_000);
      files.forEach((f) => one.add(f.path, f.text));
      const shards = shardRanges(files.length, size).map(({ start, end }) => {
        const s = new CodeShardScorer(query, 10_000);
        files.slice(start, end).forEach((f) => s.add(f.path, f.text));
        return s.finish();
      });
      assert.deepEqual(rankCandidates(query, shards, 1000), rankCandidates(query, [one.finish()], 1000));
    }),
  );
});

test('code ranking leaves out OpenSpec files, lockfiles and bundles', () => {
  assert.equal(isRankable('openspec/specs/a/spec.md'), false);
  assert.equal(isRankable('package-lock.json'), false);
  assert.equal(isRankable('web/app.min.js'), false);
  assert.equal(isRankable('src/app.ts'), true);
});

test('conflicts: shared capability, write scope, locked files and the migration slot', () => {
  const conflicts = detectConflicts(
    [{ id: 'add-labels', capabilities: ['task-management'], writeGlobs: ['src/server/**'], lockKeys: ['db:migration-slot'], lockFiles: ['src/server/routes/index.ts'] }],
    [{ capability: 'task-management', path: 'p', score: 0.9, requirements: [] }, { capability: 'other', path: 'q', score: 0.9, requirements: [] }],
    [{ path: 'src/server/routes/index.ts', score: 3, symbols: [] }, { path: 'db/migrations/0005_x.sql', score: 2, symbols: [] }],
  );
  assert.deepEqual(conflicts.map((c) => c.kind), ['capability', 'scope', 'lock', 'lock']);
  const none = detectConflicts(
    [{ id: 'x', capabilities: ['task-management'], writeGlobs: ['web/**'], lockKeys: [] }],
    [{ capability: 'other', path: 'o', score: 0.9, requirements: [] }, { capability: 'task-management', path: 'p', score: 0.2, requirements: [] }],
    [{ path: 'src/a.ts', score: 1, symbols: [] }],
  );
  assert.deepEqual(none, []);
});
