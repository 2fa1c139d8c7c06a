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
import { collectedBy } from './test-runners.js';
import type { FileRole, Impact, ImpactedFile, RepositoryModel } from './types.js';

export interface ImpactInput {
  model: RepositoryModel;
  request: string;
  hints?: readonly string[];
  /** The lexical ranking (BM25) of the code facet, best first. */
  lexical?: ReadonlyArray<{ path: string; score: number }>;
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

const PAGERANK = { restart: 0.25, iterations: 30, forward: 1, backward: 0.6 } as const;

/** Seed weights by kind of evidence (data, so the cases beside it can pin the order). */
export const SEED_WEIGHTS = {
  entity: 4,
  field: 3,
  route: 3.5,
  page: 2.5,
  symbol: 1.5,
  fileName: 2,
  lexical: 2,
} as const;

const termSet = (text: string): Set<string> => new Set(tokenize(text));

/** Tokens of a name (`created_at` -> [creat], `ItemPublic` -> [item, public]). */
const nameTokens = (name: string): string[] => tokenize(name);

const covers = (words: ReadonlySet<string>, tokens: readonly string[]): boolean => tokens.length > 0 && tokens.every((t) => words.has(t));

interface Seed {
  weight: number;
  reason: string;
  strong: boolean;
}

export function analyseImpact(input: ImpactInput): Impact {
  const { model } = input;
  const text = [input.request, ...(input.hints ?? [])].join(' ');
  const words = termSet(text);
  const roleOf = (p: string): FileRole => model.roles[p] ?? 'other';
  const allowedRoles = new Set<FileRole>(['source', 'test', 'config', 'docs', 'template', 'asset', 'other']);
  for (const [role, re] of ROLE_MENTIONS) if (re.test(text)) allowedRoles.add(role);
  const embedded = new Set(model.migrations.filter((m) => m.tool === 'embedded').map((m) => m.dir));
  const plannable = (p: string): boolean => !p.startsWith('pkg:') && !p.startsWith('openspec/') && (allowedRoles.has(roleOf(p)) || embedded.has(p));

  const seeds = new Map<string, Seed>();
  const seed = (path: string, weight: number, reason: string, strong: boolean): void => {
    if (!path) return;
    const s = seeds.get(path);
    if (!s) seeds.set(path, { weight, reason, strong });
    else {
      s.weight += weight;
      if (strong && !s.strong) {
        s.strong = true;
        s.reason = reason;
      }
    }
  };
  const matched: Impact['matched'] = { entities: [], fields: [], routes: [], pages: [], symbols: [] };

  // Entities and their fields.
  const entityWords = new Set<string>();
  for (const e of model.entities) {
    const hit = covers(words, nameTokens(e.name)) || (e.table !== undefined && covers(words, nameTokens(e.table)));
    const fields = e.fields.filter((f) => !f.primaryKey && covers(words, nameTokens(f.name)) && nameTokens(f.name).some((t) => !nameTokens(e.name).includes(t)));
    if (hit) {
      matched.entities.push(e.name);
      nameTokens(e.name).forEach((t) => entityWords.add(t));
      seed(e.file, SEED_WEIGHTS.entity, `defines entity ${e.name}`, true);
    }
    for (const f of fields) {
      if (!hit && nameTokens(f.name).length < 2) continue;
      matched.fields.push(`${e.name}.${f.name}`);
      seed(e.file, SEED_WEIGHTS.field, `defines ${e.name}.${f.name}`, true);
    }
  }
  // Routes: their resource segments named by the request.
  const routeFiles = new Map<string, string[]>();
  for (const r of model.routes) {
    const segs = r.path.split('/').filter((s) => s !== '' && !/^\{/.test(s) && !/^(api|v\d+)$/i.test(s));
    if (segs.length === 0) continue;
    const last = segs[segs.length - 1]!;
    const resourceHit = segs.some((s) => covers(words, nameTokens(s)));
    if (!resourceHit) continue;
    const exact = covers(words, nameTokens(last));
    matched.routes.push(`${r.method} ${r.path}`);
    routeFiles.set(r.file, [...(routeFiles.get(r.file) ?? []), `${r.method} ${r.path}`]);
    seed(r.file, exact ? SEED_WEIGHTS.route : SEED_WEIGHTS.route / 2, `handles ${r.method} ${r.path}`, exact);
  }
  // Pages and UI components.
  for (const p of model.pages) {
    if (p.framework === 'template') continue;
    const segs = p.path.split('/').filter((s) => s !== '' && !/^\{/.test(s));
    if (segs.length > 0 && segs.some((s) => covers(words, nameTokens(s)))) {
      matched.pages.push(p.path);
      seed(p.file, SEED_WEIGHTS.page, `shows page ${p.path}`, covers(words, nameTokens(segs[segs.length - 1]!)));
    }
  }
  // Symbols and file names (templates and UI files carry the resource in their names).
  for (const [file, syms] of Object.entries(model.symbols)) {
    for (const s of syms) {
      const t = nameTokens(s);
      if (t.length >= 2 && covers(words, t)) {
        matched.symbols.push(s);
        seed(file, SEED_WEIGHTS.symbol, `defines ${s}`, false);
      }
    }
  }
  for (const [file, role] of Object.entries(model.roles)) {
    if (!allowedRoles.has(role) || role === 'docs') continue;
    const stem = file.replace(/^.*\//, '').replace(/\.[^.]+$/, '').replace(/\.(test|spec)$/, '').replace(/^test_|_test$/g, '');
    const t = nameTokens(stem);
    if (t.length > 0 && covers(words, t)) seed(file, SEED_WEIGHTS.fileName * (t.length > 1 ? 1.5 : 1), `named for ${stem}`, t.length > 1 || entityWords.has(t[0]!));
  }
  // The lexical ranking, one signal among the others.
  const lexical = (input.lexical ?? []).filter((l) => plannable(l.path)).slice(0, 30);
  const top = lexical[0]?.score ?? 0;
  lexical.forEach((l, i) => {
    if (top <= 0) return;
    seed(l.path, SEED_WEIGHTS.lexical * (l.score / top) * (i < 5 ? 1 : 0.6), `mentions the request's terms`, false);
  });

  const scores = personalisedPageRank(model, seeds);
  const ranked = [...scores.entries()].filter(([p]) => plannable(p)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const max = ranked[0]?.[1] ?? 0;
  const files: ImpactedFile[] = [];
  const taken = new Set<string>();
  const edgeReason = neighbourReasons(model, seeds);
  const push = (path: string, level: ImpactedFile['level'], score: number, reason: string) => {
    if (taken.has(path)) return;
    taken.add(path);
    files.push({ path, level, score: Number(score.toFixed(4)), reason, role: roleOf(path) });
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
    push(path, 'may', score, seeds.get(path)?.reason ?? edgeReason.get(path) ?? 'near the files above in the reference graph');
    may++;
  }
  // Tests of the impacted code: existing test files that import it or are named for it.
  const testsFor = testsOf(model, files.map((f) => f.path));
  let tests = 0;
  for (const [test, of] of testsFor) {
    if (tests >= IMPACT_LIMITS.tests) break;
    if (taken.has(test) || !plannable(test)) continue;
    push(test, 'may', 0, `tests ${of}`);
    tests++;
  }
  // New files in the repository's conventions.
  for (const m of model.migrations) {
    if (m.tool === 'embedded') continue;
    files.push({ path: m.next, level: 'new', score: 0, reason: `a new ${m.tool} migration, if the schema changes`, role: 'migration', when: 'schema-change' });
  }
  return { matched: { ...matched, entities: unique(matched.entities), fields: unique(matched.fields), routes: unique(matched.routes).slice(0, 20), pages: unique(matched.pages).slice(0, 20), symbols: unique(matched.symbols).slice(0, 20) }, files };
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** Personalised PageRank over the reference graph, both directions, restarting at the seeds. */
export function personalisedPageRank(model: RepositoryModel, seeds: ReadonlyMap<string, { weight: number }>): Map<string, number> {
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

/** Existing test files for the given files: tests that import them, or named after them. */
export function testsOf(model: RepositoryModel, files: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const wanted = new Set(files);
  const { nodes, edges } = model.graph;
  for (const [a, b] of edges) {
    const from = nodes[a]!;
    const to = nodes[b]!;
    if (model.roles[from] === 'test' && wanted.has(to) && !out.has(from)) out.set(from, to);
  }
  const stems = new Map<string, string>();
  for (const f of files) stems.set(f.replace(/^.*\//, '').replace(/\.[^.]+$/, '').toLowerCase(), f);
  for (const [path, role] of Object.entries(model.roles)) {
    if (role !== 'test' || out.has(path)) continue;
    const base = path.replace(/^.*\//, '').replace(/\.[^.]+$/, '').replace(/\.(test|spec)$/, '').replace(/^test_|_test$/g, '').toLowerCase();
    const of = stems.get(base);
    if (of && (model.tests.length === 0 || collectedBy(path, model.tests).length > 0)) out.set(path, of);
  }
  return out;
}
