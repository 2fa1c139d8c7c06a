/**
 * Architectural boundaries read from the real file list: folders grouped into backend,
 * frontend, data (migrations), docs, tests, infra and shared code, each with globs that match
 * existing files and the test command of the nearest manifest that speaks its language.
 *
 * Pure module.
 */
import { languageOf } from './languages.js';
import type { ManifestInfo } from './manifests.js';
import { baseName, extensionOf, isDocumentation } from './paths.js';
import type { BoundaryInfo } from './types.js';

type Kind = BoundaryInfo['kind'];

export const MAX_BOUNDARIES = 12;

/** Folders that hold several units: `src/server` and `src/web` are separate boundaries. */
const CONTAINERS = new Set(['src', 'lib', 'packages', 'apps', 'services', 'internal', 'pkg', 'cmd', 'modules']);
const DATA_SEGMENTS = new Set(['migrations', 'migration', 'alembic', 'prisma']);
/** Folders the planner itself manages or that hold no project code. */
const IGNORED_ROOTS = new Set(['openspec', 'node_modules', 'vendor', 'dist', 'build', '.git', '__pycache__', '.venv', 'venv', '.tox', 'coverage']);
/** Generated package metadata (`httpbin.egg-info/`), committed by some projects, never edited. */
const GENERATED_ROOT = /\.(egg-info|dist-info)$/;

const KIND_BY_NAME: ReadonlyArray<[Kind, ReadonlySet<string>]> = [
  ['tests', new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'e2e', 'integration-tests', 'testing', 'testdata', 'fixtures', '__fixtures__', 'test_data'])],
  ['docs', new Set(['docs', 'doc', 'documentation', 'adr', 'adrs', 'wiki'])],
  ['data', new Set(['migrations', 'migration', 'alembic', 'db', 'database', 'prisma', 'sql', 'seeds'])],
  ['infra', new Set(['.github', '.gitlab', '.circleci', '.ci', 'ci', 'deploy', 'deployment', 'deployments', 'infra', 'infrastructure', 'k8s', 'kubernetes', 'helm', 'charts', 'terraform', 'ops', 'docker', 'ansible', 'scripts', 'tools', 'bin'])],
  ['frontend', new Set(['web', 'frontend', 'client', 'ui', 'www', 'webapp', 'site', 'public', 'static', 'components', 'pages', 'views', 'styles'])],
  ['shared', new Set(['shared', 'common', 'lib', 'libs', 'utils', 'util', 'core', 'types', 'contracts'])],
  ['backend', new Set(['server', 'api', 'backend', 'services', 'service', 'worker', 'workers', 'cmd', 'handlers', 'routes', 'routers', 'controllers', 'app', 'functions', 'lambda'])],
];

const FRONTEND_EXT = new Set(['tsx', 'jsx', 'vue', 'svelte', 'css', 'scss', 'less', 'html']);
const NON_PROJECT_LANGUAGES = new Set(['SQL', 'Shell']);
const SERVER_LANGUAGES = new Set(['Python', 'Go', 'Java', 'Kotlin', 'Rust', 'Ruby', 'PHP', 'C#', 'Elixir', 'Scala']);

interface Unit {
  path: string;
  files: number;
  frontend: number;
  docs: number;
  languages: Map<string, number>;
}

/** Folder that forms the boundary of `file`, or undefined when it belongs to none. */
export function unitOf(file: string): string | undefined {
  const parts = file.split('/');
  if (parts.length === 1 || IGNORED_ROOTS.has(parts[0]!) || GENERATED_ROOT.test(parts[0]!)) return undefined;
  const data = parts.findIndex((p, i) => i < parts.length - 1 && DATA_SEGMENTS.has(p));
  if (data >= 0) return parts.slice(0, data + 1).join('/');
  if (CONTAINERS.has(parts[0]!) && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return parts[0]!;
}

const ROOT_DOC = /^(readme|architecture|contributing|design|changelog)(\.[a-z]+)?$/i;

/** Root files that configure tools rather than hold the project's code. */
const ROOT_TOOLING = /^(\..*|.*\.config\.[a-z]+|setup\.py|noxfile\.py|fabfile\.py|tasks\.py|conftest\.py|gulpfile\.[a-z]+|gruntfile\.[a-z]+|jakefile\.[a-z]+)$/i;
/** Up to this many root source files are listed one by one; beyond it, one `*.<ext>` per extension. */
const MAX_ROOT_FILES_LISTED = 24;

/**
 * Source files at the repository root (a Go package, a single-module Python project, a small
 * library): a boundary of their own when there are several, or when no folder holds code.
 */
function rootSourceBoundary(files: readonly string[], folderBoundaries: readonly BoundaryInfo[], manifests: readonly ManifestInfo[]): BoundaryInfo | undefined {
  const root = files.filter((f) => {
    if (f.includes('/') || ROOT_TOOLING.test(f)) return false;
    const lang = languageOf(f);
    return lang !== undefined && !NON_PROJECT_LANGUAGES.has(lang);
  });
  const folderCode = folderBoundaries.some((b) => b.kind !== 'docs' && b.kind !== 'infra' && b.languages.some((l) => !NON_PROJECT_LANGUAGES.has(l)));
  if (root.length === 0 || (root.length < 3 && folderCode)) return undefined;
  const unit = collectUnits(root, () => '').get('')!;
  const languages = topLanguages(unit);
  const globs = root.length <= MAX_ROOT_FILES_LISTED ? [...root].sort() : [...new Set(root.map((f) => `*.${extensionOf(f)}`))].sort();
  const kind: Kind = unit.frontend * 2 > unit.files ? 'frontend' : languages.some((l) => SERVER_LANGUAGES.has(l)) ? 'backend' : 'shared';
  const testCommand = testCommandFor('', languages, manifests);
  return { id: '', kind, globs, languages, files: root.length, ...(testCommand ? { testCommand } : {}) };
}

function classify(unit: Unit): Kind {
  const names = unit.path.split('/').reverse();
  for (const name of names) {
    const lower = name.toLowerCase();
    const byName = KIND_BY_NAME.find(([, set]) => set.has(lower));
    if (byName) return byName[0];
  }
  if (unit.docs === unit.files) return 'docs';
  if (unit.frontend * 2 > unit.files) return 'frontend';
  const top = [...unit.languages.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (top && SERVER_LANGUAGES.has(top)) return 'backend';
  return 'other';
}

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'root';

function topLanguages(unit: Unit): string[] {
  return [...unit.languages.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([l]) => l);
}

/**
 * Nearest manifest (deepest folder containing `path`) that speaks the unit's main language (then
 * its others, in order); a command the project declares beats a default. A Python package with
 * some JavaScript in it is tested with its Python command, not the root's `npm test`.
 */
function testCommandFor(path: string, languages: readonly string[], manifests: readonly ManifestInfo[]): string | undefined {
  const containing = manifests
    .filter((m) => m.testCommand && (m.dir === '' || path === m.dir || path.startsWith(`${m.dir}/`)))
    .sort((a, b) => b.dir.length - a.dir.length || Number(b.declared ?? false) - Number(a.declared ?? false));
  for (const language of languages) {
    const speaking = containing.find((m) => m.languages.includes(language));
    if (speaking) return speaking.testCommand;
  }
  // Migrations in SQL or scripts belong to the project that applies them: its tests cover them.
  const onlyData = languages.length > 0 && languages.every((l) => NON_PROJECT_LANGUAGES.has(l));
  return onlyData ? containing[0]?.testCommand : undefined;
}

function collectUnits(files: Iterable<string>, unitFor: (file: string) => string | undefined): Map<string, Unit> {
  const units = new Map<string, Unit>();
  for (const file of files) {
    const path = unitFor(file);
    if (path === undefined) continue;
    let unit = units.get(path);
    if (!unit) {
      unit = { path, files: 0, frontend: 0, docs: 0, languages: new Map() };
      units.set(path, unit);
    }
    unit.files += 1;
    const ext = extensionOf(file);
    if (FRONTEND_EXT.has(ext)) unit.frontend += 1;
    if (isDocumentation(file)) unit.docs += 1;
    const lang = languageOf(file);
    if (lang) unit.languages.set(lang, (unit.languages.get(lang) ?? 0) + 1);
  }
  return units;
}

export function detectBoundaries(files: readonly string[], manifests: readonly ManifestInfo[] = []): BoundaryInfo[] {
  let units = collectUnits(files, unitOf);
  if (units.size > MAX_BOUNDARIES) {
    // Too fine-grained for a plan: fall back to top-level folders.
    units = collectUnits(files, (f) => {
      const u = unitOf(f);
      return u === undefined ? undefined : u.split('/')[0];
    });
  }
  const rootDocs = files.filter((f) => !f.includes('/') && ROOT_DOC.test(baseName(f)));
  const boundaries = [...units.values()]
    .sort((a, b) => b.files - a.files || a.path.localeCompare(b.path))
    .slice(0, MAX_BOUNDARIES)
    .map((unit) => {
      const kind = classify(unit);
      const languages = topLanguages(unit);
      const testCommand = kind === 'docs' ? undefined : testCommandFor(unit.path, languages, manifests);
      return {
        id: '',
        kind,
        globs: [`${unit.path}/**`],
        languages,
        files: unit.files,
        ...(testCommand ? { testCommand } : {}),
      } satisfies BoundaryInfo;
    });
  const rootSource = rootSourceBoundary(files, boundaries, manifests);
  if (rootSource) boundaries.push(rootSource);
  const docs = boundaries.find((b) => b.kind === 'docs');
  if (docs) {
    docs.globs.push(...rootDocs);
    docs.files += rootDocs.length;
  } else if (rootDocs.length > 0) {
    boundaries.push({ id: '', kind: 'docs', globs: rootDocs, languages: [], files: rootDocs.length });
  }
  return assignIds(boundaries).sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.id.localeCompare(b.id));
}

const KIND_ORDER: readonly Kind[] = ['backend', 'frontend', 'data', 'shared', 'tests', 'docs', 'infra', 'other'];

/** `backend` when a kind occurs once, else `backend-<folder>`; always unique. */
function assignIds(boundaries: BoundaryInfo[]): BoundaryInfo[] {
  const perKind = new Map<string, number>();
  for (const b of boundaries) perKind.set(b.kind, (perKind.get(b.kind) ?? 0) + 1);
  const used = new Set<string>();
  return boundaries.map((b) => {
    const folder = b.globs[0]!.endsWith('/**') ? b.globs[0]!.slice(0, -3) : 'root';
    let id = perKind.get(b.kind) === 1 ? b.kind : `${b.kind}-${slug(folder.split('/').pop() ?? folder)}`;
    while (used.has(id)) id = `${id}-${slug(folder)}`;
    used.add(id);
    return { ...b, id };
  });
}
