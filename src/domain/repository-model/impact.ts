/**
 * Impact analysis: the request's mentions resolved against the repository model (entities and
 * their fields, routes, pages, symbols, file names), spread along the reference graph with a
 * personalised PageRank seeded by those mentions (and, as one signal among others, the lexical
 * ranking), then cut into files that must change, files that may change, and new files named in
 * the repository's conventions. Generated, locale, vendored, lockfile and fixture files, and
 * existing migrations, never enter the sets unless the request is about them.
 *
 * Pure module.
 */
import { tokenize } from '../context/tokenize.js';
import { coChangePartners, type ChangeHistory } from './co-change.js';
import { collectedBy } from './test-runners.js';
import type { FileRole, Impact, ImpactedFile, RepositoryModel } from './types.js';

export interface ImpactInput {
  model: RepositoryModel;
  request: string;
  hints?: readonly string[];
  /** The lexical ranking (BM25) of the code facet, best first. */
  lexical?: ReadonlyArray<{ path: string; score: number }>;
  /** The repository's recent commits (co-change); absent or empty without history. */
  history?: ChangeHistory;
}

export const IMPACT_LIMITS = { must: 12, may: 24, tests: 10 } as const;

/** Roles that are planned only when the request names them (rules as data: role -> words that name it). */
export const ROLE_MENTIONS: ReadonlyArray<readonly [FileRole, RegExp]> = [
  ['locale', /\b(translat\w*|locali[sz]\w*|i18n|l10n|locales?|languages?|wording|copy text)\b/i],
  ['generated', /\b(generat\w*|codegen|regenerat\w*|client sdk|api client|openapi client)\b/i],
  ['vendored', /\b(vendor\w*|third[- ]party)\b/i],
  ['lockfile', /\b(lock ?files?|dependenc\w*|upgrade|bump)\b/i],
  ['fixture', /\b(fixtures?|test ?data|snapshots?)\b/i],
];

/**
 * The tunables of the ranking, as data: seed weights by kind of evidence, and the random walk.
 * Measured with `npm run bench:quality` on the corpus of real changes.
 */
export const IMPACT_TUNING = {
  seeds: {
    entity: 2,
    field: 3,
    route: 1.5,
    page: 2.5,
    symbol: 3,
    fileName: 2,
    folder: 2,
    lexical: 10,
  },
  /** Share of a route's weight for the file that registers it when the handler lives elsewhere. */
  routerShare: 0.3,
  /** A folder named by the request seeds its files when it holds at most this many. */
  folderSeedMax: 40,
  /** An existing test of an impacted file scores this share of that file's score. */
  testShare: 0.8,
  /** Lexically ranked files used as seeds. */
  lexicalSeeds: 30,
  pagerank: { restart: 0.8, iterations: 30, forward: 1, backward: 0.3 },
  /**
   * Co-change: the best ranked files (`from`) lend a share of their score to the files the history
   * changed together with them (share x confidence).
   */
  coChange: { from: 10, share: 0.75 },
};

export type ImpactTuning = typeof IMPACT_TUNING;

/**
 * Sources code is generated from (rules as data: how a source file is recognised). When the change
 * reaches one, the files generated from it are regenerated with it, so they join the impact even
 * though generated files never do on their own words.
 */
export const CODEGEN_SOURCES: readonly RegExp[] = [/\.proto$/, /\.(graphql|gql)$/, /\.thrift$/, /\.fbs$/];
/** Whole-API documents a generator writes from all of its sources (`openapi.yaml`, `apidocs.swagger.yaml`). */
export const CODEGEN_AGGREGATES = /(^|[/._-])(openapi|swagger)([._-][^/]*)?\.(ya?ml|json)$/i;
/** Share of a source's score its generated files get. */
const GENERATED_SHARE = 0.9;

const termSet = (text: string): Set<string> => new Set(tokenize(text));

/** Tokens of a name (`created_at` -> [creat], `ItemPublic` -> [item, public]). */
const nameTokens = (name: string): string[] => tokenize(name);

const covers = (words: ReadonlySet<string>, tokens: readonly string[]): boolean => tokens.length > 0 && tokens.every((t) => words.has(t));

interface Seed {
  weight: number;
  reason: string;
  strong: boolean;
}

export function analyseImpact(input: ImpactInput, tuning: ImpactTuning = IMPACT_TUNING): Impact {
  const SEED_WEIGHTS = tuning.seeds;
  const { model } = input;
  const text = [input.request, ...(input.hints ?? [])].join(' ');
  const words = termSet(text);
  const roleOf = (p: string): FileRole => model.roles[p] ?? 'other';
  const allowedRoles = new Set<FileRole>(['source', 'test', 'config', 'docs', 'template', 'asset', 'other']);
  for (const [role, re] of ROLE_MENTIONS) if (re.test(text)) allowedRoles.add(role);
  const embedded = new Set(model.migrations.filter((m) => m.tool === 'embedded').map((m) => m.dir));
  const plannable = (p: string): boolean => !p.startsWith('pkg:') && !p.startsWith('openspec/') && (allowedRoles.has(roleOf(p)) || embedded.has(p));

  // Each kind of evidence counts once per file (its strongest instance): a router file that
  // registers thirty matching routes is one piece of evidence, not thirty.
  const evidence = new Map<string, Map<string, { weight: number; reason: string; strong: boolean }>>();
  const seed = (path: string, weight: number, reason: string, strong: boolean, kind: string): void => {
    if (!path || weight <= 0) return;
    let kinds = evidence.get(path);
    if (!kinds) evidence.set(path, (kinds = new Map()));
    const had = kinds.get(kind);
    if (!had || had.weight < weight) kinds.set(kind, { weight, reason, strong: strong || (had?.strong ?? false) });
    else if (strong && !had.strong) had.strong = true;
  };
  const matched: Impact['matched'] = { entities: [], fields: [], routes: [], pages: [], symbols: [] };
  const symbolFiles = new Map<string, string[]>();
  for (const [file, syms] of Object.entries(model.symbols)) for (const sym of syms) symbolFiles.set(sym, [...(symbolFiles.get(sym) ?? []), file]);
  /** The file that defines a symbol, nearest to `near` (same folder first). */
  const definitionOf = (symbol: string, near: string): string | undefined => {
    const name = symbol.replace(/^.*\./, '');
    const files = (symbolFiles.get(name) ?? []).filter((f) => roleOf(f) === 'source');
    if (files.length === 0) return undefined;
    const qualifier = symbol.includes('.') ? symbol.split('.').slice(-2, -1)[0]!.toLowerCase() : '';
    return (
      files.find((f) => dirOf(f) === dirOf(near)) ??
      files.find((f) => qualifier !== '' && dirOf(f).split('/').pop()!.toLowerCase() === qualifier) ??
      (files.length === 1 ? files[0] : undefined)
    );
  };

  // Entities and their fields; an entity known only from SQL is defined in code by its type.
  const entityWords = new Set<string>();
  for (const e of model.entities) {
    const hit = covers(words, nameTokens(e.name)) || (e.table !== undefined && covers(words, nameTokens(e.table)));
    const fields = e.fields.filter((f) => !f.primaryKey && covers(words, nameTokens(f.name)) && nameTokens(f.name).some((t) => !nameTokens(e.name).includes(t)));
    const typeName = e.source === 'sql' ? pascalSingular(e.name) : undefined;
    const codeFile = typeName ? definitionOf(typeName, e.file) : undefined;
    const home = codeFile ?? e.file;
    if (hit) {
      matched.entities.push(e.name);
      nameTokens(e.name).forEach((t) => entityWords.add(t));
      seed(home, SEED_WEIGHTS.entity, `defines entity ${e.name}`, true, 'entity');
    }
    for (const f of fields) {
      if (!hit && nameTokens(f.name).length < 2) continue;
      matched.fields.push(`${e.name}.${f.name}`);
      seed(home, SEED_WEIGHTS.field, `defines ${e.name}.${f.name}`, true, 'field');
    }
  }
  // Routes: their resource segments named by the request; the handler's own file is where the
  // work is, the file that registers the route gets a share.
  for (const r of model.routes) {
    const segs = r.path.split('/').filter((s) => s !== '' && !/^\{/.test(s) && !/^(api|v\d+)$/i.test(s));
    if (segs.length === 0) continue;
    const last = segs[segs.length - 1]!;
    if (!segs.some((s) => covers(words, nameTokens(s)))) continue;
    const exact = covers(words, nameTokens(last));
    matched.routes.push(`${r.method} ${r.path}`);
    const weight = exact ? SEED_WEIGHTS.route : SEED_WEIGHTS.route / 2;
    const handlerFile = r.handler ? definitionOf(r.handler, r.file) : undefined;
    if (handlerFile && handlerFile !== r.file) {
      seed(handlerFile, weight, `handles ${r.method} ${r.path}`, exact, 'route');
      seed(r.file, weight * tuning.routerShare, `registers ${r.method} ${r.path}`, false, 'route');
    } else seed(r.file, weight, `handles ${r.method} ${r.path}`, exact, 'route');
  }
  // Pages and UI components.
  for (const p of model.pages) {
    if (p.framework === 'template') continue;
    const segs = p.path.split('/').filter((s) => s !== '' && !/^\{/.test(s));
    if (segs.length > 0 && segs.some((s) => covers(words, nameTokens(s)))) {
      matched.pages.push(p.path);
      seed(p.file, SEED_WEIGHTS.page, `shows page ${p.path}`, covers(words, nameTokens(segs[segs.length - 1]!)), 'page');
    }
  }
  // Symbols, file names and folder names (a package named by the request: `feat(opml): ...`).
  for (const [file, syms] of Object.entries(model.symbols)) {
    for (const sym of syms) {
      const t = nameTokens(sym);
      if (t.length >= 2 && covers(words, t)) {
        matched.symbols.push(sym);
        seed(file, SEED_WEIGHTS.symbol, `defines ${sym}`, false, 'symbol');
      }
    }
  }
  const folderFiles = new Map<string, string[]>();
  for (const [file, role] of Object.entries(model.roles)) {
    if (!allowedRoles.has(role) || role === 'docs') continue;
    const stem = file.replace(/^.*\//, '').replace(/\.[^.]+$/, '').replace(/\.(test|spec)$/, '').replace(/^test_|_test$/g, '');
    const t = nameTokens(stem);
    if (t.length > 0 && covers(words, t)) seed(file, SEED_WEIGHTS.fileName * (t.length > 1 ? 1.5 : 1), `named for ${stem}`, t.length > 1 || entityWords.has(t[0]!), 'name');
    const d = dirOf(file);
    if (d !== '') folderFiles.set(d, [...(folderFiles.get(d) ?? []), file]);
  }
  for (const [dir, members] of folderFiles) {
    const t = nameTokens(dir.split('/').pop()!);
    if (t.length === 0 || !covers(words, t) || members.length > tuning.folderSeedMax) continue;
    for (const m of members) seed(m, SEED_WEIGHTS.folder / Math.sqrt(members.length), `in ${dir}/, named by the request`, false, 'folder');
  }
  // The lexical ranking, one signal among the others.
  const lexical = (input.lexical ?? []).filter((l) => plannable(l.path)).slice(0, tuning.lexicalSeeds);
  const top = lexical[0]?.score ?? 0;
  lexical.forEach((l, i) => {
    if (top <= 0) return;
    seed(l.path, SEED_WEIGHTS.lexical * (l.score / top) * (i < 5 ? 1 : 0.6), `mentions the request's terms`, false, 'lexical');
  });
  const seeds = new Map<string, Seed>();
  for (const [path, kinds] of evidence) {
    const all = [...kinds.values()];
    const strongest = all.reduce((a, b) => (b.strong && !a.strong) || (b.strong === a.strong && b.weight > a.weight) ? b : a);
    seeds.set(path, { weight: all.reduce((n, k) => n + k.weight, 0), reason: strongest.reason, strong: all.some((k) => k.strong) });
  }

  const scores = personalisedPageRank(model, seeds, tuning.pagerank);
  const byScore = (a: [string, number], b: [string, number]): number => b[1] - a[1] || a[0].localeCompare(b[0]);
  let ranked = [...scores.entries()].filter(([p]) => plannable(p)).sort(byScore);
  // Files the history changed together with the best ranked ones: each takes the largest share
  // one of them lends, and the history is its reason when it lent more than the graph gave.
  const historyReason = new Map<string, string>();
  if (input.history && input.history.commits.length > 0 && tuning.coChange.share > 0) {
    const from = ranked.slice(0, tuning.coChange.from);
    const partners = coChangePartners(input.history, from.map(([p]) => p));
    const lent = new Map<string, { share: number; reason: string }>();
    for (const [path, score] of from) {
      for (const partner of partners.get(path) ?? []) {
        const share = score * partner.confidence * tuning.coChange.share;
        if (plannable(partner.path) && share > (lent.get(partner.path)?.share ?? 0)) lent.set(partner.path, { share, reason: `changed with ${path} in ${partner.together} of its recent commits` });
      }
    }
    if (lent.size > 0) {
      const merged = new Map(ranked);
      for (const [path, { share, reason }] of lent) {
        const own = merged.get(path) ?? 0;
        if (share > own) historyReason.set(path, reason);
        merged.set(path, own + share);
      }
      ranked = [...merged.entries()].sort(byScore);
    }
  }
  const max = ranked[0]?.[1] ?? 0;
  const files: ImpactedFile[] = [];
  const taken = new Set<string>();
  const edgeReason = neighbourReasons(model, seeds);
  // How many files each folder holds, and whether all of them may be planned (a folder with a
  // migration history, generated or locale files is never allowed whole).
  const folderCounts = new Map<string, number>();
  const unclean = new Set<string>();
  for (const [p, role] of Object.entries(model.roles)) {
    const clean = allowedRoles.has(role) && role !== 'migration';
    for (let d = dirOf(p); ; d = dirOf(d)) {
      folderCounts.set(d, (folderCounts.get(d) ?? 0) + 1);
      if (!clean) unclean.add(d);
      if (d === '') break;
    }
  }
  const push = (path: string, level: ImpactedFile['level'], score: number, reason: string) => {
    if (taken.has(path)) return;
    taken.add(path);
    const dir = dirOf(path);
    files.push({ path, level, score: Number(score.toFixed(4)), reason, role: roleOf(path), ...(unclean.has(dir) ? {} : { folderFiles: folderCounts.get(dir) ?? 0 }) });
  };
  let must = 0;
  for (const [path, score] of ranked) {
    const s = seeds.get(path);
    if (s?.strong && must < IMPACT_LIMITS.must) {
      push(path, 'must', score, s.reason);
      must++;
    }
  }
  let may = 0;
  for (const [path, score] of ranked) {
    if (may >= IMPACT_LIMITS.may || max <= 0 || score < max * 0.04) break;
    if (taken.has(path)) continue;
    push(path, 'may', score, seeds.get(path)?.reason ?? historyReason.get(path) ?? edgeReason.get(path) ?? 'near the files above in the reference graph');
    may++;
  }
  // Tests of the impacted code: existing test files that import it or are named for it.
  const testsFor = testsOf(model, files.map((f) => f.path));
  const scoreOf = new Map(files.map((f) => [f.path, f.score]));
  const candidates = [...testsFor].filter(([test]) => !taken.has(test) && plannable(test)).sort((a, b) => (scoreOf.get(b[1]) ?? 0) - (scoreOf.get(a[1]) ?? 0));
  for (const [test, of] of candidates.slice(0, IMPACT_LIMITS.tests)) push(test, 'may', (scoreOf.get(of) ?? 0) * tuning.testShare, `tests ${of}`);
  // Files generated from an impacted source are regenerated with it (one already ranked on its
  // words learns where it comes from).
  for (const g of generatedOutputs(model, files)) {
    const had = files.find((f) => f.path === g.path);
    if (had) {
      had.generatedFrom ??= g.generatedFrom;
      had.score = Math.max(had.score, g.score);
    } else {
      taken.add(g.path);
      files.push(g);
    }
  }
  files.sort((a, b) => (a.level === 'must' ? 0 : 1) - (b.level === 'must' ? 0 : 1) || b.score - a.score);
  // New files in the repository's conventions.
  for (const m of model.migrations) {
    if (m.tool === 'embedded') continue;
    files.push({ path: m.next, level: 'new', score: 0, reason: `a new ${m.tool} migration, if the schema changes`, role: 'migration', when: 'schema-change' });
  }
  return { matched: { ...matched, entities: unique(matched.entities), fields: unique(matched.fields), routes: unique(matched.routes).slice(0, 20), pages: unique(matched.pages).slice(0, 20), symbols: unique(matched.symbols).slice(0, 20) }, files };
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
const dirOf = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
};

/** `feed_entries` -> `FeedEntry`: the type name code gives a table's rows. */
function pascalSingular(table: string): string {
  const words = table.split(/[_\s-]+/).filter((w) => w !== '');
  return words.map((w, i) => (i === words.length - 1 ? singular(w) : w)).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
const singular = (w: string): string => (w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.endsWith('sses') ? w.slice(0, -2) : w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);

/** Personalised PageRank over the reference graph, both directions, restarting at the seeds. */
export function personalisedPageRank(model: RepositoryModel, seeds: ReadonlyMap<string, { weight: number }>, PAGERANK: ImpactTuning['pagerank'] = IMPACT_TUNING.pagerank): Map<string, number> {
  const { nodes, edges } = model.graph;
  const index = new Map(nodes.map((n, i) => [n, i]));
  const n = nodes.length;
  const restart = new Float64Array(n);
  let total = 0;
  for (const [p, s] of seeds) {
    const i = index.get(p);
    if (i === undefined) continue;
    restart[i] = s.weight;
    total += s.weight;
  }
  const out = new Map<string, number>();
  // Seeds outside the graph (a template no code names) keep their own weight.
  for (const [p, s] of seeds) if (!index.has(p)) out.set(p, s.weight / Math.max(1, total + s.weight) * PAGERANK.restart);
  if (total === 0 || n === 0) return out;
  for (let i = 0; i < n; i++) restart[i]! /= total;
  const outWeight = new Float64Array(n);
  for (const [a, b] of edges) {
    outWeight[a]! += PAGERANK.forward;
    outWeight[b]! += PAGERANK.backward;
  }
  let rank = Float64Array.from(restart);
  for (let it = 0; it < PAGERANK.iterations; it++) {
    const next = new Float64Array(n);
    let dangling = 0;
    for (let i = 0; i < n; i++) if (outWeight[i] === 0) dangling += rank[i]!;
    for (const [a, b] of edges) {
      next[b]! += (1 - PAGERANK.restart) * rank[a]! * (PAGERANK.forward / outWeight[a]!);
      next[a]! += (1 - PAGERANK.restart) * rank[b]! * (PAGERANK.backward / outWeight[b]!);
    }
    for (let i = 0; i < n; i++) next[i]! += (PAGERANK.restart + (1 - PAGERANK.restart) * dangling) * restart[i]!;
    rank = next;
  }
  for (let i = 0; i < n; i++) if (rank[i]! > 0) out.set(nodes[i]!, rank[i]!);
  // Go packages pass rank to their files; the package node itself is not a file.
  return out;
}

/** For files reached through the graph: the seed they import or are imported by. */
function neighbourReasons(model: RepositoryModel, seeds: ReadonlyMap<string, Seed>): Map<string, string> {
  const out = new Map<string, string>();
  const { nodes, edges } = model.graph;
  const name = (i: number) => nodes[i]!;
  const seedOf = (p: string): string | undefined => (seeds.has(p) ? p : undefined);
  for (const [a, b] of edges) {
    const A = name(a);
    const B = name(b);
    const sb = seedOf(B) ?? (B.startsWith('pkg:') ? undefined : undefined);
    if (sb && !out.has(A)) out.set(A, `imports ${sb}`);
    const sa = seedOf(A);
    if (sa && !out.has(B) && !B.startsWith('pkg:')) out.set(B, `used by ${sa}`);
  }
  return out;
}

/** `auth_service.pb.gw.go`, `auth_service_grpc.pb.go`, `auth_service_pb.ts` -> `auth_service`. */
const generatedStem = (path: string): string =>
  path.replace(/^.*\//, '').replace(/\..*$/, '').replace(/_(pb|grpc|pb2|pb2_grpc|connect)$/, '').toLowerCase();

/**
 * Files generated from the impacted codegen sources: generated files that carry the source's name
 * (`auth_service.proto` -> `proto/gen/api/v1/auth_service.pb.go`, `web/src/types/proto/api/v1/auth_service.ts`),
 * and the whole-API documents in the folders above those outputs (`proto/gen/openapi.yaml`).
 */
export function generatedOutputs(model: RepositoryModel, impacted: readonly ImpactedFile[]): ImpactedFile[] {
  const sources = impacted.filter((f) => f.level !== 'new' && CODEGEN_SOURCES.some((re) => re.test(f.path)));
  if (sources.length === 0) return [];
  const generated = Object.entries(model.roles).filter(([, role]) => role === 'generated').map(([p]) => p);
  const out: ImpactedFile[] = [];
  const folders = new Set<string>();
  for (const source of sources) {
    const stem = generatedStem(source.path);
    for (const p of generated) {
      if (generatedStem(p) !== stem || CODEGEN_AGGREGATES.test(p)) continue;
      out.push({ path: p, level: 'may', score: Number((source.score * GENERATED_SHARE).toFixed(4)), reason: `generated from ${source.path}`, role: 'generated', generatedFrom: source.path });
      for (let d = dirOf(p); d !== ''; d = dirOf(d)) folders.add(d);
    }
  }
  const best = sources.reduce((a, b) => (b.score > a.score ? b : a));
  for (const p of generated) {
    if (CODEGEN_AGGREGATES.test(p) && folders.has(dirOf(p))) out.push({ path: p, level: 'may', score: Number((best.score * GENERATED_SHARE).toFixed(4)), reason: `generated from ${best.path} and the other API sources`, role: 'generated', generatedFrom: best.path });
  }
  return out;
}

/** File names that say nothing about what a file holds (a test named `__init__` tests nothing in particular). */
const GENERIC_STEMS = new Set(['__init__', 'index', 'main', 'mod', 'init', 'utils', 'helpers', 'conftest', 'setup', 'types', 'test', 'tests', 'spec']);

/**
 * Existing test files for the given files: tests named after them (`feed.go` -> `feed_test.go`,
 * `items.py` -> `test_items.py`), and tests that import them when few tests do (a file every
 * test imports, such as the models module, says nothing about which test covers a change).
 */
export function testsOf(model: RepositoryModel, files: readonly string[], maxImporters = 3): Map<string, string> {
  const out = new Map<string, string>();
  const wanted = new Set(files);
  const stems = new Map<string, string>();
  for (const f of files) stems.set(f.replace(/^.*\//, '').replace(/\.[^.]+$/, '').toLowerCase(), f);
  for (const [path, role] of Object.entries(model.roles)) {
    if (role !== 'test' || out.has(path)) continue;
    const base = path.replace(/^.*\//, '').replace(/\.[^.]+$/, '').replace(/\.(test|spec)$/, '').replace(/^test_|_test$/g, '').toLowerCase();
    const of = GENERIC_STEMS.has(base) ? undefined : stems.get(base);
    if (of && (model.tests.length === 0 || collectedBy(path, model.tests).length > 0)) out.set(path, of);
  }
  const { nodes, edges } = model.graph;
  const importers = new Map<string, string[]>();
  for (const [a, b] of edges) {
    const from = nodes[a]!;
    const to = nodes[b]!;
    if (model.roles[from] === 'test' && wanted.has(to)) importers.set(to, [...(importers.get(to) ?? []), from]);
  }
  for (const [file, tests] of importers) {
    if (tests.length > maxImporters) continue;
    for (const t of tests) if (!out.has(t)) out.set(t, file);
  }
  return out;
}
