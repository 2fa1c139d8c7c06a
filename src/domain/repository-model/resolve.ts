/**
 * Joins per-file facts into the repository model: imports become a reference graph, routers and
 * mounts become full route paths (prefixes, includes, groups and constants resolved across
 * files), ORM classes and migrated tables become entities with fields and relations, UI calls are
 * matched to the routes they reach.
 *
 * Pure module.
 */
import pluralize from 'pluralize';
import { ImportResolver, type ImportContext } from './imports.js';
import type {
  ApiConventions,
  Entity,
  EntityFact,
  FileFacts,
  FileRole,
  MountFact,
  Page,
  PathPart,
  RepositoryModel,
  Route,
  RouterFact,
} from './types.js';

/** Top-level symbols kept per file in the model (rules as data). */
export const SYMBOLS_PER_FILE = { code: 500, generated: 40 } as const;

const MAX_PREFIXES = 6;
const MAX_USED_BY = 12;

const dirOf = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
};

export interface ResolveInput {
  files: readonly string[];
  roles: Record<string, FileRole>;
  facts: readonly FileFacts[];
  imports: ImportContext;
  /** Entities that come from outside the per-file facts (Prisma schema, SQL migrations), with their file. */
  extraEntities: Array<{ file: string; entity: EntityFact }>;
  problems?: string[];
}

/** `/api//items/:id` -> `/api/items/{id}`; `<int:pk>` -> `{pk}`; keeps a declared trailing slash. */
export function normalisePath(raw: string): string {
  let p = raw
    .replace(/<(?:[a-z]+:)?([A-Za-z_]\w*)>/g, '{$1}')
    .replace(/(^|\/):([A-Za-z_]\w*)\??/g, '$1{$2}')
    .replace(/\{([A-Za-z_]\w*):[^}]*\}/g, '{$1}')
    .replace(/\*(\w+)/g, '{$1}')
    .replace(/\/{2,}/g, '/');
  if (!p.startsWith('/')) p = `/${p}`;
  return p;
}

const joinPaths = (a: string, b: string): string => {
  if (b === '') return a === '' ? '/' : a;
  if (a === '' || a === '/') return b.startsWith('/') ? b : `/${b}`;
  return `${a.replace(/\/$/, '')}${b.startsWith('/') ? '' : '/'}${b}`;
};

interface Ctx {
  facts: Map<string, FileFacts>;
  resolver: ImportResolver;
  /** constant name -> values by file */
  constants: Map<string, Array<{ file: string; value: string }>>;
  problems: string[];
}

/** A reference (`settings.API_V1_STR`) to a string constant: the file's own, an imported file's, or the only one of that name. */
function constantValue(ctx: Ctx, file: string, ref: string): string | undefined {
  const name = ref.split('.').pop()!;
  const all = ctx.constants.get(name);
  if (!all || all.length === 0) return undefined;
  const own = all.find((c) => c.file === file);
  if (own) return own.value;
  const facts = ctx.facts.get(file);
  const imported = new Set(facts ? facts.imports.flatMap((i) => ctx.resolver.resolve(file, i)) : []);
  const viaImport = all.find((c) => imported.has(c.file));
  if (viaImport) return viaImport.value;
  const values = [...new Set(all.map((c) => c.value))];
  return values.length === 1 ? values[0] : undefined;
}

function partsText(ctx: Ctx, file: string, parts: readonly PathPart[]): string {
  let out = '';
  for (const p of parts) {
    if ('lit' in p) out += p.lit;
    else {
      const v = constantValue(ctx, file, p.ref);
      if (v === undefined) {
        ctx.problems.push(`${file}: route prefix ${p.ref} is not a string constant the model can read`);
        continue;
      }
      out += v;
    }
  }
  return out;
}

const key = (file: string, name: string): string => `${file}::${name}`;

/** The routers a mount's child expression names, as router keys. */
function mountTargets(ctx: Ctx, routers: Map<string, RouterFact & { file: string }>, file: string, child: string): string[] {
  const facts = ctx.facts.get(file);
  if (child.startsWith('module:')) {
    const mod = ctx.resolver.pythonModule(file, child.slice('module:'.length));
    return mod ? [...routers.values()].filter((r) => r.file === mod).map((r) => key(r.file, r.name)) : [];
  }
  // Go: a router parameter of a function (`registerAPI#0`), in this package first.
  if (/#\d+$/.test(child)) {
    const same = [...routers.values()].filter((r) => r.name === child && dirOf(r.file) === dirOf(file));
    const any = same.length > 0 ? same : [...routers.values()].filter((r) => r.name === child);
    return any.length <= 3 ? any.map((r) => key(r.file, r.name)) : [];
  }
  const expr = child.startsWith('call:') ? child.slice(5) : child;
  const [head, ...rest] = expr.split('.');
  if (!head) return [];
  if (rest.length === 0 && routers.has(key(file, head))) return [key(file, head)];
  // Python `items.router` / TS `items.router`: `items` is a module binding.
  const binding = facts?.imports.find((i) => i.names.some((n) => n.local === head));
  if (binding) {
    const name = binding.names.find((n) => n.local === head)!;
    const targets = ctx.resolver.resolve(file, binding);
    // `from app.api.routes import items` binds the submodule items.py, not its siblings.
    const submodule = targets.find((t) => t.endsWith(`/${name.imported}.py`) || t.endsWith(`/${name.imported}/__init__.py`));
    for (const t of submodule ? [submodule] : targets) {
      const tf = ctx.facts.get(t);
      if (!tf) continue;
      const candidates: string[] = [];
      if (rest.length > 0) candidates.push(rest.join('.'));
      if (name.imported !== '*' && name.imported !== 'default') candidates.push(name.imported);
      if (name.imported === 'default' && tf.defaultExport) candidates.push(tf.defaultExport);
      for (const c of candidates) if (routers.has(key(t, c))) return [key(t, c)];
      // The imported module itself (`from app.api.routes import items` then `items.router`).
      if (t.endsWith(`/${name.imported}.py`) || t.endsWith(`/${name.imported}/__init__.py`)) {
        const r = rest[0] ? key(t, rest[0]) : undefined;
        if (r && routers.has(r)) return [r];
      }
      // A factory (`createApiRouter()`) or a default-exported router: the routers of that file.
      if (child.startsWith('call:') || name.imported === 'default' || name.imported === '*') {
        const own = [...routers.values()].filter((r) => r.file === t);
        if (own.length === 1) return [key(t, own[0]!.name)];
      }
    }
  }
  if (routers.has(key(file, expr))) return [key(file, expr)];
  // A router built by a function of this file or package (`r.Mount("/admin", adminRouter())`):
  // the routers that function creates that derive from no other.
  if (child.startsWith('call:')) {
    const fn = expr.split('.').pop()!;
    const built = [...routers.values()].filter((r) => r.name.startsWith(`${fn}.`) && !r.parent && (r.file === file || dirOf(r.file) === dirOf(file)));
    if (built.length > 0 && built.length <= 2) return built.map((r) => key(r.file, r.name));
  }
  return [];
}

function resolveRoutes(ctx: Ctx, roles: Record<string, FileRole>): { routes: Route[] } {
  const routers = new Map<string, RouterFact & { file: string }>();
  for (const f of ctx.facts.values()) for (const r of f.routers) routers.set(key(f.path, r.name), { ...r, file: f.path });
  // Incoming mounts of each router: parent key + prefix text.
  const incoming = new Map<string, Array<{ parent: string; prefix: string }>>();
  const addIncoming = (child: string, parent: string, prefix: string) => {
    const list = incoming.get(child) ?? [];
    if (!list.some((x) => x.parent === parent && x.prefix === prefix)) list.push({ parent, prefix });
    incoming.set(child, list);
  };
  for (const f of ctx.facts.values()) {
    for (const r of f.routers) if (r.parent) addIncoming(key(f.path, r.name), key(f.path, r.parent), '');
    for (const m of f.mounts as MountFact[]) {
      const parentKeys = routers.has(key(f.path, m.parent)) ? [key(f.path, m.parent)] : mountTargets(ctx, routers, f.path, m.parent);
      const prefix = partsText(ctx, f.path, m.prefix);
      for (const child of mountTargets(ctx, routers, f.path, m.child)) for (const p of parentKeys) if (p !== child) addIncoming(child, p, prefix);
    }
  }
  const memo = new Map<string, string[]>();
  const prefixesOf = (k: string, seen: Set<string>): string[] => {
    const hit = memo.get(k);
    if (hit) return hit;
    const router = routers.get(k);
    const own = router ? partsText(ctx, router.file, router.prefix) : '';
    const ins = incoming.get(k) ?? [];
    let out: string[];
    if (ins.length === 0 || seen.has(k)) out = [own];
    else {
      const next = new Set(seen).add(k);
      out = [...new Set(ins.flatMap((i) => prefixesOf(i.parent, next).map((pp) => joinPaths(joinPaths(pp, i.prefix), own))))].slice(0, MAX_PREFIXES);
    }
    memo.set(k, out);
    return out;
  };
  const routes: Route[] = [];
  const seenRoute = new Set<string>();
  for (const f of ctx.facts.values()) {
    // Tests call routes (often made-up ones); the routes a service declares live in its code.
    if (roles[f.path] === 'test' || roles[f.path] === 'fixture') continue;
    for (const r of f.routes) {
      const sub = partsText(ctx, f.path, r.path);
      const prefixes = r.router === '' ? [''] : prefixesOf(key(f.path, r.router), new Set());
      for (const pre of prefixes) {
        // Express-style routers match `/items` and `/items/` alike: `router.get('/')` under `/items` is `/items`.
        const path = normalisePath(r.framework === 'node' && sub === '/' && pre !== '' && pre !== '/' ? pre : joinPaths(pre, sub));
        const id = `${r.method} ${path} ${f.path}`;
        if (seenRoute.has(id)) continue;
        seenRoute.add(id);
        routes.push({ method: r.method, path, file: f.path, line: r.line, ...(r.handler ? { handler: r.handler } : {}), ...(r.params ? { params: r.params } : {}), framework: r.framework });
      }
    }
  }
  return { routes };
}

/** Table entities with inherited fields (SQLModel `Item(ItemBase, table=True)`), relations apart. */
function resolveEntities(ctx: Ctx, graph: Map<string, Set<string>>, extra: ResolveInput['extraEntities'], roles: Record<string, FileRole>): Entity[] {
  const all: Array<{ file: string; e: EntityFact }> = [];
  for (const f of ctx.facts.values()) {
    const role = roles[f.path];
    if (role !== 'source' && role !== 'other') continue;
    for (const e of f.entities) all.push({ file: f.path, e });
  }
  const byName = new Map<string, Array<{ file: string; e: EntityFact }>>();
  for (const x of all) byName.set(x.e.name, [...(byName.get(x.e.name) ?? []), x]);
  const inherited = (x: { file: string; e: EntityFact }, depth: number): EntityFact['fields'] => {
    if (depth > 4) return [];
    const out: EntityFact['fields'] = [];
    for (const b of x.e.bases ?? []) {
      const base = (byName.get(b.replace(/^.*\./, '')) ?? []).find((c) => c.file === x.file) ?? byName.get(b.replace(/^.*\./, ''))?.[0];
      if (base && base !== x) out.push(...inherited(base, depth + 1), ...base.e.fields);
    }
    return out;
  };
  const importers = new Map<string, string[]>();
  for (const [from, tos] of graph) for (const to of tos) importers.set(to, [...(importers.get(to) ?? []), from]);
  const entities: Entity[] = [];
  const tables = new Set<string>();
  for (const x of all) {
    if (!x.e.isTable) continue;
    const fields = new Map<string, EntityFact['fields'][number]>();
    for (const f of [...inherited(x, 0), ...x.e.fields]) fields.set(f.name, { ...(fields.get(f.name) ?? {}), ...f });
    const plain = [...fields.values()];
    const table = x.e.table ?? (x.e.source === 'gorm' || x.e.source === 'xorm' ? pluralize(snakeCase(x.e.name)) : undefined);
    if (table) tables.add(table);
    const pkgNode = x.file.endsWith('.go') ? `pkg:${dirOf(x.file)}` : x.file;
    entities.push({
      name: x.e.name,
      ...(table ? { table } : {}),
      source: x.e.source,
      file: x.file,
      line: x.e.line,
      fields: plain.filter((f) => !f.relation).map(({ relation: _r, ...f }) => f),
      relations: plain.filter((f) => f.relation).map((f) => ({ name: f.name, target: f.relation!.target, many: f.relation!.many })),
      usedBy: (importers.get(pkgNode) ?? []).filter((p) => p !== x.file).slice(0, MAX_USED_BY),
    });
  }
  for (const { file, entity } of extra) {
    if (entity.source === 'sql' && (tables.has(entity.table ?? entity.name) || entities.some((e) => e.name.toLowerCase() === entity.name.toLowerCase()))) continue;
    if (entity.table) tables.add(entity.table);
    entities.push({
      name: entity.name,
      ...(entity.table ? { table: entity.table } : {}),
      source: entity.source,
      file,
      line: entity.line,
      fields: entity.fields.filter((f) => !f.relation).map(({ relation: _r, ...f }) => f),
      relations: entity.fields.filter((f) => f.relation).map((f) => ({ name: f.name, target: f.relation!.target, many: f.relation!.many })),
      usedBy: [],
    });
  }
  return entities;
}

export const snakeCase = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();

/** Does a called path (`/api/posts/{id}`) reach a route path (`/api/posts/{postId}`)? */
export function pathMatches(called: string, route: string): boolean {
  const a = called.replace(/\?.*$/, '').replace(/\/$/, '').split('/');
  const b = route.replace(/\/$/, '').split('/');
  if (a.length !== b.length) return false;
  return a.every((seg, i) => seg === b[i] || /^\{.*\}$/.test(seg) || /^\{.*\}$/.test(b[i]!));
}

function conventionsOf(routes: readonly Route[], facts: Iterable<FileFacts>): ApiConventions {
  const api = routes.filter((r) => r.framework !== 'nextjs' || r.path.startsWith('/api'));
  const segs = api.map((r) => r.path.split('/').filter((s) => s !== ''));
  let prefix: string[] = [];
  if (segs.length > 0) {
    // The leading segments most routes share (a few stray routes like /healthz do not cancel it).
    for (let i = 0; ; i++) {
      const counts = new Map<string, number>();
      for (const s of segs) if (s.length > i && prefix.every((p, j) => s[j] === p) && !/^\{/.test(s[i]!)) counts.set(s[i]!, (counts.get(s[i]!) ?? 0) + 1);
      const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
      if (!best || best[1] < Math.max(2, segs.length * 0.6)) break;
      if (!/^(api|v\d+|rest|public|internal|admin)$/i.test(best[0]) && i > 0) break;
      if (i === 0 && !/^(api|v\d+|rest)$/i.test(best[0])) break;
      prefix.push(best[0]);
    }
  }
  const resources = segs.map((s) => s[prefix.length]).filter((s): s is string => s !== undefined && !/^\{/.test(s));
  const plural = resources.filter((r) => pluralize.isPlural(r)).length >= resources.filter((r) => pluralize.isSingular(r) && !pluralize.isPlural(r)).length;
  const params = api.flatMap((r) => [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
  const styleCount = new Map<string, number>();
  for (const p of params) {
    const style = p === 'id' ? '{id}' : /_id$/.test(p) ? '{<resource>_id}' : /Id$/.test(p) ? '{<resource>Id}' : `{${p}}`;
    styleCount.set(style, (styleCount.get(style) ?? 0) + 1);
  }
  const idStyle = [...styleCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '{id}';
  const hints = new Map<string, number>();
  const routeFiles = new Set(routes.map((r) => r.file));
  for (const f of facts) if (routeFiles.has(f.path) || f.path.includes('api') || f.path.includes('handler')) for (const h of f.errorHints ?? []) hints.set(h, (hints.get(h) ?? 0) + 1);
  const errorShape = (['problem', 'detail', 'error', 'message'] as const).map((k) => [k, hints.get(k) ?? 0] as const).sort((a, b) => b[1] - a[1])[0];
  const pagination = [...new Set(routes.flatMap((r) => r.params ?? []).filter((p) => /^(skip|limit|offset|page|per_page|page_size|pageSize|perPage|cursor|size)$/.test(p)))];
  const trailingSlash = api.filter((r) => r.path.endsWith('/') && r.path !== '/').length > api.length / 2;
  return { prefix: prefix.length > 0 ? `/${prefix.join('/')}` : '', plural, idStyle, errorShape: errorShape && errorShape[1] > 0 ? errorShape[0] : 'unknown', pagination, trailingSlash };
}

export function resolveModel(input: ResolveInput): RepositoryModel {
  const facts = new Map(input.facts.map((f) => [f.path, f]));
  const resolver = new ImportResolver(input.files, input.imports);
  const constants = new Map<string, Array<{ file: string; value: string }>>();
  for (const f of input.facts) for (const [name, value] of Object.entries(f.constants)) constants.set(name, [...(constants.get(name) ?? []), { file: f.path, value }]);
  const ctx: Ctx = { facts, resolver, constants, problems: [...(input.problems ?? [])] };

  // Reference graph: imports, Go package membership, file references by path.
  const graph = new Map<string, Set<string>>();
  const addEdge = (a: string, b: string) => {
    if (a === b) return;
    let s = graph.get(a);
    if (!s) graph.set(a, (s = new Set()));
    s.add(b);
  };
  const bySuffix = new Map<string, string[]>();
  for (const f of input.files) {
    const role = input.roles[f];
    if (role !== 'template' && role !== 'asset' && role !== 'config' && role !== 'source' && role !== 'locale') continue;
    const parts = f.split('/');
    for (let i = Math.max(0, parts.length - 4); i < parts.length; i++) {
      const suffix = parts.slice(i).join('/');
      bySuffix.set(suffix, [...(bySuffix.get(suffix) ?? []), f]);
    }
  }
  for (const f of input.facts) {
    for (const imp of f.imports) for (const t of resolver.resolve(f.path, imp)) addEdge(f.path, t);
    if (f.path.endsWith('.go')) addEdge(f.path, `pkg:${dirOf(f.path)}`);
    for (const ref of f.fileRefs) {
      const hits = bySuffix.get(ref) ?? [];
      if (hits.length > 0 && hits.length <= 3) for (const h of hits) addEdge(f.path, h);
    }
  }
  // Go package nodes point back at their files, so importing a package reaches its code.
  for (const f of input.files) if (f.endsWith('.go') && !f.endsWith('_test.go')) addEdge(`pkg:${dirOf(f)}`, f);

  const { routes } = resolveRoutes(ctx, input.roles);
  const entities = resolveEntities(ctx, graph, input.extraEntities, input.roles);
  const pages: Page[] = [];
  for (const f of input.facts) for (const p of f.pages) pages.push({ path: normalisePath(p.path), file: f.path, framework: p.framework, ...(p.component ? { component: p.component } : {}) });
  for (const f of input.files) if (input.roles[f] === 'template') pages.push({ path: f, file: f, framework: 'template' });

  const uiCalls: RepositoryModel['uiCalls'] = [];
  for (const f of input.facts) {
    for (const call of f.apiCalls) {
      const hits = routes.filter((r) => (!call.method || r.method === call.method || r.method === 'ANY') && pathMatches(call.path, r.path));
      for (const h of hits.slice(0, 3)) {
        uiCalls.push({ file: f.path, route: `${h.method} ${h.path}` });
        addEdge(f.path, h.file);
      }
    }
  }

  const nodes: string[] = [];
  const index = new Map<string, number>();
  const id = (n: string): number => {
    let i = index.get(n);
    if (i === undefined) {
      i = nodes.length;
      nodes.push(n);
      index.set(n, i);
    }
    return i;
  };
  const edges: Array<[number, number]> = [];
  for (const [a, tos] of graph) for (const b of tos) edges.push([id(a), id(b)]);

  // Every top-level symbol of hand-written code (a route's handler is found by its name: `log` is
  // the 907th line and the 60th function of a Django views module); generated files keep a few.
  const symbols: Record<string, string[]> = {};
  for (const f of input.facts) {
    if (f.symbols.length === 0) continue;
    const cap = input.roles[f.path] === 'generated' ? SYMBOLS_PER_FILE.generated : SYMBOLS_PER_FILE.code;
    symbols[f.path] = [...new Set(f.symbols)].slice(0, cap);
  }

  const languages = [...new Set(input.facts.map((f) => f.path.replace(/^.*\./, '')))];
  return {
    files: input.files.length,
    roles: input.roles,
    languages,
    entities,
    migrations: [],
    routes,
    conventions: conventionsOf(routes, input.facts),
    pages,
    uiCalls,
    tests: [],
    graph: { nodes, edges },
    symbols,
    problems: [...new Set(ctx.problems)].slice(0, 50),
  };
}
