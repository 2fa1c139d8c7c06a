/**
 * Where in the repository a change lands: the boundaries it touches and the real files to cite,
 * all taken from the gathered context.
 *
 * Pure module.
 */
import type { BoundaryInfo, ContextSummary } from '../context/types.js';
import { baseName, dirOf, extensionOf } from '../context/paths.js';
import type { Boundary } from '../draft.js';
import { isTestFile, matchesAny } from './globs.js';
import { placeNewTest } from '../repository-model/test-placement.js';
import { roleOfPath } from '../repository-model/file-roles.js';
import { newFileGlob } from '../repository-model/migrations.js';
import type { FileRole } from '../repository-model/types.js';

const NOT_EDITED: ReadonlySet<FileRole> = new Set(['migration', 'generated', 'locale', 'vendored', 'lockfile', 'fixture']);
import type { Signals } from './signals.js';

const MAX_FILES = 4;
/** Ranked files that count as "the context found related code here". */
const RELEVANT_TOP = 8;
/** How many places below the best a boundary's first ranked file may be and still count. */
const RANK_SLACK = 4;
/** Files that declare HTTP routes (`app/routers/items.py`, `src/server/routes/tasks.ts`). */
const SERVING_FILE = /(^|\/)(routes?|routers?|controllers?|handlers?|endpoints?|api|views|urls)(\/|\.|_|$)|openapi|swagger/i;

export interface TouchedBoundary {
  boundary: Boundary;
  /** Real source files to change (top-ranked context files inside the boundary), or its globs. */
  codeFiles: string[];
  /** Real test files to extend, or the glob where new tests go. */
  testFiles: string[];
}

/** A new thing the request adds: "a management command that lists ..." -> kind command. */
export interface NewArtifact {
  /** The kind of thing, singular ("command", "renderer"). */
  kind: string;
  /** Words for its name ("list", "url", "patterns"; "toml"). */
  name: string[];
}

/** Folder segments that hold things of `kind`: commands/ for a command, render/ for a renderer. */
function holdsKind(segment: string, kind: string): boolean {
  const s = segment.toLowerCase().replace(/s$/, '');
  return s === kind || (s.length >= 4 && kind.startsWith(s)) || (kind.length >= 4 && s.startsWith(kind));
}

/** The new file's name in its siblings' style: snake_case, kebab-case or camelCase. */
function fileNameLike(siblings: readonly string[], words: readonly string[], ext: string): string {
  const names = siblings.map((p) => baseName(p).replace(/\.[^.]+$/, ''));
  const snakeByDefault = ['py', 'go', 'rb', 'rs'].includes(ext);
  const join = names.some((n) => n.includes('-'))
    ? words.join('-')
    : names.some((n) => /[a-z][A-Z]/.test(n))
      ? words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('')
      : names.some((n) => n.includes('_')) || snakeByDefault
        ? words.join('_')
        : words.join('-');
  return `${join}.${ext}`;
}

/**
 * Where a new thing of the request's kind goes in a boundary: beside the ranked files in a folder
 * named for that kind (`django/core/management/commands/list_url_patterns.py`, `render/toml.go`).
 */
function newArtifactFile(artifact: NewArtifact | undefined, code: readonly string[]): string | undefined {
  if (!artifact || artifact.name.length === 0) return undefined;
  for (const file of code) {
    const dir = dirOf(file);
    const last = dir.split('/').pop() ?? '';
    if (dir === '' || !holdsKind(last, artifact.kind)) continue;
    const siblings = code.filter((p) => dirOf(p) === dir);
    const path = `${dir}/${fileNameLike(siblings, artifact.name, extensionOf(file))}`;
    return code.includes(path) ? undefined : path;
  }
  return undefined;
}

function toBoundary(b: BoundaryInfo): Boundary {
  return { id: b.id, kind: b.kind, globs: [...b.globs], ...(b.testCommand ? { testCommand: b.testCommand } : {}) };
}

/** Boundaries the request's signals point at, else those holding the top-ranked files. */
function chooseBoundaries(context: ContextSummary, signals: Signals, docsOnly: boolean): BoundaryInfo[] {
  const candidates = context.boundaries.filter((b) => b.kind !== 'tests');
  if (docsOnly) return candidates.filter((b) => b.kind === 'docs');
  const kinds = new Set<string>();
  if (signals.api || signals.events || signals.auth) kinds.add('backend');
  if (signals.ui) kinds.add('frontend');
  if (signals.data) kinds.add(candidates.some((b) => b.kind === 'data') ? 'data' : 'backend');
  if (signals.docs) kinds.add('docs');
  let chosen = candidates.filter((b) => kinds.has(b.kind));
  // Several boundaries of one kind (an API and a worker, say): keep those where the context found
  // related files near the top of the ranking (within a few places of the best), else the first.
  const top = context.topFiles.slice(0, RELEVANT_TOP).map((f) => f.path);
  const bestRank = (b: BoundaryInfo) => {
    const i = top.findIndex((p) => matchesAny(p, b.globs));
    return i < 0 ? Infinity : i;
  };
  // API clauses go to the backend that serves the repository's routes (its ranked files declare
  // them); another backend is kept only when the request's own terms rank it higher.
  const ranked = context.topFiles.map((f) => f.path);
  const serves = (b: BoundaryInfo) => (context.apiRoutes ?? []).length > 0 && ranked.some((p) => matchesAny(p, b.globs) && !isTestFile(p) && SERVING_FILE.test(p));
  const backends = chosen.filter((b) => b.kind === 'backend');
  const serving = backends.filter(serves);
  if (signals.api && serving.length > 0 && serving.length < backends.length) {
    const bestServing = Math.min(...serving.map(bestRank));
    chosen = chosen.filter((b) => b.kind !== 'backend' || serving.includes(b) || bestRank(b) < bestServing);
  }
  chosen = chosen.filter((b) => {
    const same = chosen.filter((o) => o.kind === b.kind);
    if (same.length < 2) return true;
    const best = Math.min(...same.map(bestRank));
    return best === Infinity ? same[0] === b : bestRank(b) <= best + RANK_SLACK;
  });
  if (chosen.length === 0) {
    const top = context.topFiles.slice(0, 3).map((f) => f.path);
    chosen = candidates.filter((b) => top.some((p) => matchesAny(p, b.globs)));
  }
  if (chosen.length === 0) chosen = candidates.filter((b) => b.kind === 'backend').slice(0, 1);
  if (chosen.length === 0) chosen = candidates.slice(0, 1);
  return chosen;
}

/** `test/**` -> `test`; `src/server/**` -> `src/server`; a glob without a folder -> ''. */
function globRoot(glob: string): string {
  const cut = glob.search(/[*?{[]/);
  const head = cut < 0 ? glob : glob.slice(0, cut);
  return head.endsWith('/') ? head.slice(0, -1) : dirOf(head);
}

/** `taskService.test.ts` -> `taskservice`, `test_inventory.py` -> `inventory`, `digest_test.go` -> `digest`. */
function stemOf(path: string): string {
  return baseName(path)
    .replace(/\.(test|spec)\.[a-z]+$/, '')
    .replace(/^test_/, '')
    .replace(/_test\.[a-z]+$/, '')
    .replace(/\.[a-z]+$/, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

const TS_LIKE = new Set(['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'mts', 'cts']);

/**
 * A new test file for this feature in this boundary, in the repository's convention: the
 * boundary's own test folder, else the shared test folder, named after the feature and the
 * boundary so that packages never write the same test file.
 */
const LANG_EXT: Readonly<Record<string, string>> = { typescript: 'ts', javascript: 'js', python: 'py', go: 'go' };

function newTestFile(b: BoundaryInfo, code: readonly string[], ownTests: readonly string[], sharedTests: readonly string[], testRoots: readonly string[], feature: string, repoLanguages: readonly string[]): string | undefined {
  // The boundary's code language; a data boundary of SQL files is tested in the repository's language.
  const known = (e: string) => TS_LIKE.has(e) || e === 'py' || e === 'go';
  const fromLangs = [...b.languages, ...repoLanguages].map((l) => LANG_EXT[l.toLowerCase()] ?? '').find(known) ?? '';
  const codeExt = code.map(extensionOf).find(known) ?? fromLangs;
  const isPy = codeExt === 'py';
  const isGo = codeExt === 'go';
  const isTs = TS_LIKE.has(codeExt);
  const snake = `${feature}_${b.id}`.replace(/[^a-z0-9]+/g, '_');
  if (isGo) {
    const dir = dirOf(ownTests.find((p) => p.endsWith('_test.go')) ?? code.find((p) => p.endsWith('.go')) ?? '') || globRoot(b.globs[0] ?? '');
    return `${dir ? `${dir}/` : ''}${feature.replace(/[^a-z0-9]+/g, '_')}_test.go`;
  }
  const like = (p: string) => (isPy ? extensionOf(p) === 'py' : TS_LIKE.has(extensionOf(p)));
  const example = ownTests.find(like) ?? sharedTests.find(like);
  const dir = example ? dirOf(example) : (testRoots[0] ?? globRoot(b.globs[0] ?? ''));
  const at = (name: string) => (dir ? `${dir}/${name}` : name);
  if (isPy) return at(`test_${snake}.py`);
  if (isTs) {
    const ext = example ? extensionOf(example).replace(/x$/, '') : codeExt.replace(/x$/, '') || 'ts';
    const kind = example && /\.spec\.[a-z]+$/.test(example) ? 'spec' : 'test';
    return at(`${feature}.${b.id}.${kind}.${ext === '' ? 'ts' : ext}`);
  }
  return undefined;
}

/**
 * Boundaries the change touches, with the real code files to change and the test files to write.
 * `feature` (kebab-case, e.g. `task-due-dates`) names the new test files: each boundary gets its
 * own, so parallel packages never write the same file. An existing shared test file is kept only
 * when it clearly belongs to one boundary (it tests one of that boundary's files by name).
 */
/** Impacted files (existing, editable) in ranking order: must first, then may. */
function impactedPaths(context: ContextSummary): Array<{ path: string; reason: string; level: string }> {
  const files = context.impact?.files ?? [];
  return files.filter((f) => f.level !== 'new' && f.role !== 'migration' && f.role !== 'generated' && f.role !== 'locale' && f.role !== 'vendored' && f.role !== 'lockfile');
}

/**
 * Boundaries the impact reaches: those holding a file the change must touch, or one of the best
 * few it may touch. Added to what the request's words ask for, so a change whose files are found
 * gets the boundaries that hold them.
 */
function impactBoundaries(context: ContextSummary, docsOnly: boolean): BoundaryInfo[] {
  const files = impactedPaths(context);
  if (files.length === 0 || docsOnly) return [];
  const strong = [...files.filter((f) => f.level === 'must'), ...files.filter((f) => f.level === 'may').slice(0, IMPACT_TOP_MAY)];
  const codeBoundaries = context.boundaries.filter((b) => b.kind !== 'tests' && b.kind !== 'docs');
  return codeBoundaries.filter((b) => strong.some((f) => !isTestFile(f.path) && matchesAny(f.path, b.globs)));
}

/** The best few may-files count as reached boundaries (the rest only widen the scope). */
const IMPACT_TOP_MAY = 4;

export function touchedBoundaries(context: ContextSummary, signals: Signals, docsOnly: boolean, feature = 'feature', artifact?: NewArtifact, changeId?: string): TouchedBoundary[] {
  const byWords = chooseBoundaries(context, signals, docsOnly);
  const byImpact = impactBoundaries(context, docsOnly);
  // Words choose kinds; the impact knows where the files are. A boundary chosen by words alone
  // is kept only when the impact reaches no boundary of its kind.
  const chosen = byImpact.length === 0 ? byWords : [...byImpact, ...byWords.filter((b) => !byImpact.includes(b) && !byImpact.some((i) => i.kind === b.kind))];
  const impacted = impactedPaths(context);
  // Folders the repository keeps tests in (its test boundaries and the folders of known tests).
  const knownTestDirs = new Set([...context.boundaries.filter((b) => b.kind === 'tests').flatMap((b) => b.globs.map(globRoot)), ...impacted.filter((f) => isTestFile(f.path)).map((f) => dirOf(f.path))]);
  const hasTestFolder = (dir: string) => knownTestDirs.has(dir);
  const testGlobs = context.boundaries.filter((b) => b.kind === 'tests').flatMap((b) => b.globs);
  const testRoots = testGlobs.map(globRoot).filter((r) => r !== '');
  const ranked = context.topFiles.map((f) => f.path);
  const shared = ranked.filter((p) => isTestFile(p) && matchesAny(p, testGlobs));
  const claimed = new Set<string>();
  const out: TouchedBoundary[] = chosen.map((b) => {
    const fromImpact = impacted.filter((f) => matchesAny(f.path, b.globs)).map((f) => f.path);
    // Migration history, generated, locale and vendored files are never files to change.
    const editable = (p: string) => !NOT_EDITED.has(roleOfPath(p));
    const inside = (fromImpact.length > 0 ? [...new Set([...fromImpact, ...ranked.filter((p) => matchesAny(p, b.globs))])] : ranked.filter((p) => matchesAny(p, b.globs))).filter(editable);
    // A data boundary changes its schema through a new migration, named the repository's way.
    const migration = b.kind === 'data' && changeId ? (context.impact?.files ?? []).find((f) => f.level === 'new' && f.when === 'schema-change' && matchesAny(f.path.replace(/<[a-z]+>/g, 'x'), b.globs)) : undefined;
    if (migration) inside.push(newFileGlob(migration.path, changeId!));
    const rankedCode = inside.filter((p) => !isTestFile(p));
    const added = newArtifactFile(artifact, rankedCode);
    const code = [...(added ? [added] : []), ...rankedCode].slice(0, MAX_FILES);
    const own = inside.filter(isTestFile);
    // A shared test file belongs to a boundary when its name starts one of that boundary's file
    // names (`taskService.test.ts` -> taskService.ts, `board.test.ts` -> BoardPage.ts) and no
    // other touched boundary's.
    const matches = (o: BoundaryInfo, t: string) => {
      const st = stemOf(t);
      return st.length >= 4 && ranked.some((q) => matchesAny(q, o.globs) && !isTestFile(q) && stemOf(q).startsWith(st));
    };
    const mineOnly = (t: string) => {
      const st = stemOf(t);
      return st.length >= 4 && code.some((q) => stemOf(q).startsWith(st));
    };
    const owned = shared.filter((p) => !claimed.has(p) && mineOnly(p) && !chosen.some((o) => o !== b && matches(o, p)));
    owned.forEach((p) => claimed.add(p));
    // With the model's test runners, a new test goes where a runner collects it.
    const runners = context.model?.tests ?? [];
    const realCode = code.filter((p) => !/[*?[{]/.test(p));
    // A boundary without code of a tested language (SQL migrations, templates) is tested where the
    // code that uses it is: beside the best impacted source file of the change.
    const anchor = realCode.length > 0 ? realCode : impacted.filter((f) => !isTestFile(f.path) && editable(f.path)).map((f) => f.path).slice(0, 1);
    const placed = runners.length > 0 && anchor.length > 0
      ? placeNewTest({ code: anchor, name: `${feature}_${b.id}`, scriptStem: `${feature}.${b.id}`, runners, examples: [...own, ...shared], exists: hasTestFolder }) ??
        placeNewTest({ code: impacted.filter((f) => !isTestFile(f.path) && editable(f.path)).map((f) => f.path), name: `${feature}_${b.id}`, scriptStem: `${feature}.${b.id}`, runners, examples: [...own, ...shared], exists: hasTestFolder })
      : undefined;
    // Where the model knows the runners and none would collect a new test here, none is invented.
    const fresh = runners.length > 0 ? placed : newTestFile(b, code, own, shared, testRoots, feature, context.languages);
    // Existing tests of this boundary's impacted code, wherever they live (a shared tests folder).
    const testing = impacted.filter((f) => isTestFile(f.path) && /^tests /.test(f.reason) && code.some((c) => f.reason === `tests ${c}`)).map((f) => f.path);
    const tests = [...new Set([...(fresh ? [fresh] : []), ...own, ...owned, ...testing])].slice(0, MAX_FILES);
    return {
      boundary: toBoundary(b),
      codeFiles: code.length > 0 ? code : [...b.globs],
      // With the model's runners known, a test task names only real or collected files.
      testFiles: tests.length > 0 ? tests : runners.length > 0 ? [] : testGlobs.length > 0 ? [testGlobs[0]!] : [b.globs[0]!],
    };
  });
  if (out.length === 0 && docsOnly) {
    // No docs boundary was found: the docs the context lists are the boundary.
    const docs = context.docs.length > 0 ? [...context.docs] : ['README.md'];
    out.push({ boundary: { id: 'docs', kind: 'docs', globs: docs }, codeFiles: docs.slice(0, MAX_FILES), testFiles: [] });
  }
  return out;
}

/**
 * Files a person named (in the request or a request-changes comment) that exist in the
 * repository: each joins the touched boundary that holds it as a file to change (a test file as a
 * test to extend), and a boundary not yet touched is touched for it. Migration history, generated
 * and locale files are never files to change, named or not.
 */
export function withNamedFiles(context: ContextSummary, touched: TouchedBoundary[], named: readonly string[]): TouchedBoundary[] {
  const out = touched.map((t) => ({ ...t, codeFiles: [...t.codeFiles], testFiles: [...t.testFiles] }));
  for (const file of named) {
    if (NOT_EDITED.has(roleOfPath(file))) continue;
    const test = isTestFile(file);
    const home = context.boundaries.find((b) => (test ? true : b.kind !== 'tests') && matchesAny(file, b.globs) && (!test || b.kind !== 'tests' || !out.some((t) => matchesAny(file, t.boundary.globs))));
    const target = out.find((t) => matchesAny(file, t.boundary.globs)) ?? (home ? out[out.push({ boundary: toBoundary(home), codeFiles: [], testFiles: [] }) - 1] : undefined);
    if (!target) continue;
    const list = test ? target.testFiles : target.codeFiles;
    if (!list.includes(file)) list.unshift(file);
    // A boundary touched only for this file changes only what was named.
    if (!test) target.codeFiles = target.codeFiles.filter((f) => f === file || !target.boundary.globs.includes(f));
  }
  return out;
}
