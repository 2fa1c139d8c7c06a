/**
 * Facts of a TypeScript or JavaScript file (TSX/JSX included) from its tree-sitter syntax tree:
 * imports and re-exports, top-level symbols, Express/Koa/Fastify/Hono routers, routes and
 * mounts, NestJS controllers, Next.js route handlers and pages (from the file's place), UI routes
 * (React Router, Vue Router, TanStack file routes), the API calls UI code makes, and ORM entities
 * (TypeORM, sequelize-typescript, Sequelize `define`/`init`, Drizzle tables).
 *
 * Pure module.
 */
import { emptyFacts, fileRefOf, HTTP_METHODS, sqlStatementsOf } from './facts.js';
import { dotted, kids, line, stringValue, templatePattern, walkTypes, type SyntaxNode } from './syntax.js';
import type { EntityFact, FieldFact, FileFacts, PathPart } from './types.js';

const ROUTE_CALL_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options']);
const ROUTER_CTOR = /(^|\.)(Router|express|fastify|Fastify|Hono|Koa|KoaRouter|createRouter|Elysia|polka)$/;
const CLIENT_RECEIVER = /(^|\.)(api|client|http|axios|request|fetcher|ky|httpClient|apiClient|\$http|instance|service)$/i;
const NEST_METHODS: Readonly<Record<string, string>> = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', All: 'ANY', Head: 'HEAD', Options: 'OPTIONS' };

const args = (call: SyntaxNode): SyntaxNode[] => {
  const a = call.childForFieldName('arguments');
  return a ? kids(a).filter((n) => n.type !== 'comment') : [];
};

/** The object a chain of calls starts from: `router.add(a).add(b)` -> `router`. */
function chainBase(node: SyntaxNode | null): SyntaxNode | null {
  let n = node;
  while (n && n.type === 'call_expression') {
    const f = n.childForFieldName('function');
    if (f?.type !== 'member_expression') break;
    n = f.childForFieldName('object');
  }
  return n;
}

function pathOf(node: SyntaxNode | null | undefined): PathPart[] | undefined {
  if (!node) return undefined;
  const s = node.type === 'template_string' ? templatePattern(node) : stringValue(node);
  if (s !== undefined) return [{ lit: s }];
  if (node.type === 'identifier' || node.type === 'member_expression') {
    const d = dotted(node);
    return d ? [{ ref: d }] : undefined;
  }
  if (node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '+') {
    const l = pathOf(node.childForFieldName('left'));
    const r = pathOf(node.childForFieldName('right'));
    return l && r ? [...l, ...r] : undefined;
  }
  return undefined;
}

/** Properties of an object literal as key -> value node. */
function objectProps(obj: SyntaxNode | undefined): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  if (!obj || obj.type !== 'object') return out;
  for (const p of kids(obj)) {
    if (p.type === 'pair') {
      const k = p.childForFieldName('key');
      const key = k ? (stringValue(k) ?? k.text) : undefined;
      const v = p.childForFieldName('value');
      if (key && v) out.set(key, v);
    } else if (p.type === 'shorthand_property_identifier') out.set(p.text, p);
  }
  return out;
}

function importsOf(root: SyntaxNode, facts: FileFacts): void {
  for (const node of kids(root)) {
    if (node.type === 'import_statement') {
      const spec = stringValue(node.childForFieldName('source'));
      if (!spec) continue;
      const names: Array<{ local: string; imported: string }> = [];
      const clause = kids(node).find((k) => k.type === 'import_clause');
      for (const c of clause ? kids(clause) : []) {
        if (c.type === 'identifier') names.push({ local: c.text, imported: 'default' });
        else if (c.type === 'namespace_import') names.push({ local: kids(c)[0]?.text ?? '*', imported: '*' });
        else if (c.type === 'named_imports') {
          for (const s of kids(c)) {
            if (s.type !== 'import_specifier') continue;
            const name = s.childForFieldName('name')?.text ?? '';
            names.push({ local: s.childForFieldName('alias')?.text ?? name, imported: name });
          }
        }
      }
      facts.imports.push({ spec, names, line: line(node) });
    } else if (node.type === 'export_statement') {
      const spec = stringValue(node.childForFieldName('source'));
      if (spec) facts.imports.push({ spec, names: [], line: line(node) });
    }
  }
}

/** `require('x')` and `import('x')` anywhere in the file. */
const CALLS: ReadonlySet<string> = new Set(['call_expression']);
const VISITED: ReadonlySet<string> = new Set(['call_expression', 'object', 'jsx_self_closing_element', 'jsx_opening_element', 'string', 'template_string']);

function dynamicImports(root: SyntaxNode, facts: FileFacts): void {
  walkTypes(root, CALLS, (n) => {
    const fn = n.childForFieldName('function');
    if (fn?.type === 'import' || (fn?.type === 'identifier' && fn.text === 'require')) {
      const spec = stringValue(args(n)[0]);
      if (spec) {
        const decl = n.parent?.type === 'variable_declarator' ? n.parent.childForFieldName('name')?.text : undefined;
        facts.imports.push({ spec, names: decl ? [{ local: decl, imported: '*' }] : [], line: line(n) });
      }
    }
  });
}

function declarationNames(node: SyntaxNode): string[] {
  switch (node.type) {
    case 'function_declaration':
    case 'generator_function_declaration':
    case 'class_declaration':
    case 'abstract_class_declaration':
    case 'interface_declaration':
    case 'type_alias_declaration':
    case 'enum_declaration': {
      const n = node.childForFieldName('name')?.text;
      return n ? [n] : [];
    }
    case 'lexical_declaration':
    case 'variable_declaration':
      return kids(node)
        .filter((d) => d.type === 'variable_declarator')
        .map((d) => d.childForFieldName('name'))
        .filter((n): n is SyntaxNode => n?.type === 'identifier')
        .map((n) => n.text);
    default:
      return [];
  }
}

const decoratorsOf = (node: SyntaxNode): SyntaxNode[] => {
  const own = kids(node).filter((k) => k.type === 'decorator');
  // `@Entity() export class X` puts the decorators on the export statement.
  if (own.length === 0 && node.parent?.type === 'export_statement') return kids(node.parent).filter((k) => k.type === 'decorator');
  return own;
};

function decoratorCall(d: SyntaxNode): { name: string; args: SyntaxNode[] } {
  const expr = d.namedChildren[0];
  if (expr?.type === 'call_expression') return { name: dotted(expr.childForFieldName('function')) ?? '', args: args(expr) };
  return { name: expr ? (dotted(expr) ?? expr.text) : '', args: [] };
}

/** `() => User`, `() => [User]`, `"User"`: the entity a relation decorator names. */
function relationTarget(node: SyntaxNode | undefined): string | undefined {
  if (!node) return undefined;
  const m = /([A-Z][A-Za-z0-9_]*)/.exec(node.type === 'arrow_function' ? (node.childForFieldName('body')?.text ?? '') : node.text);
  return m?.[1];
}

const COLUMN_DECORATORS = /^(Column|PrimaryColumn|PrimaryGeneratedColumn|CreateDateColumn|UpdateDateColumn|DeleteDateColumn|VersionColumn|ObjectIdColumn|PrimaryKey|AutoIncrement|CreatedAt|UpdatedAt|DeletedAt|ForeignKey|Unique|AllowNull|Default|Index|IsUUID|Length)$/;
const RELATION_DECORATORS: Readonly<Record<string, boolean>> = { ManyToOne: false, OneToOne: false, OneToMany: true, ManyToMany: true, BelongsTo: false, HasOne: false, HasMany: true, BelongsToMany: true };

function classEntity(node: SyntaxNode): EntityFact | undefined {
  const name = node.childForFieldName('name')?.text;
  const body = node.childForFieldName('body');
  if (!name || !body) return undefined;
  const decos = decoratorsOf(node).map(decoratorCall);
  const entity = decos.find((d) => d.name === 'Entity' || d.name === 'Table' || d.name === 'ViewEntity');
  const heritage = kids(node).find((k) => k.type === 'class_heritage')?.text ?? '';
  if (!entity && !/extends\s+(Model|BaseEntity|ParanoidModel|IdModel|\w*Model)\b/.test(heritage)) return undefined;
  let table: string | undefined;
  if (entity) {
    const a0 = entity.args[0];
    table = stringValue(a0) ?? (a0 ? (stringValue(objectProps(a0).get('tableName')) ?? stringValue(objectProps(a0).get('name'))) : undefined);
  }
  const fields: FieldFact[] = [];
  for (const member of kids(body)) {
    if (member.type !== 'public_field_definition' && member.type !== 'field_definition') continue;
    const fname = member.childForFieldName('name')?.text;
    if (!fname) continue;
    const ds = kids(member).filter((k) => k.type === 'decorator').map(decoratorCall);
    const type = member.childForFieldName('type')?.text.replace(/^:\s*/, '');
    const rel = ds.find((d) => d.name in RELATION_DECORATORS);
    if (rel) {
      const target = relationTarget(rel.args[0]);
      if (target) fields.push({ name: fname, relation: { target, many: RELATION_DECORATORS[rel.name]! } });
      continue;
    }
    if (!ds.some((d) => COLUMN_DECORATORS.test(d.name)) && !entity) continue;
    if (ds.length === 0) continue;
    const fk = ds.find((d) => d.name === 'ForeignKey');
    const opts = ds.find((d) => d.name === 'Column')?.args.find((a) => a.type === 'object');
    const props = objectProps(opts);
    fields.push({
      name: fname,
      ...(type ? { type } : {}),
      ...(ds.some((d) => /^Primary/.test(d.name)) ? { primaryKey: true } : {}),
      ...(ds.some((d) => d.name === 'Unique') || props.get('unique')?.text === 'true' ? { unique: true } : {}),
      ...(props.get('nullable')?.text === 'true' || ds.some((d) => d.name === 'AllowNull') || (type && /\|\s*null/.test(type)) ? { nullable: true } : {}),
      ...(fk ? { references: relationTarget(fk.args[0]) ?? '' } : {}),
    });
  }
  return { name, ...(table ? { table } : {}), source: entity?.name === 'Table' || !entity ? 'sequelize' : 'typeorm', fields, line: line(node), isTable: true };
}

/** Drizzle: `export const users = pgTable("users", { id: serial("id").primaryKey(), ... })`. */
function drizzleTable(name: string, call: SyntaxNode): EntityFact | undefined {
  const fn = dotted(call.childForFieldName('function')) ?? '';
  if (!/(pg|mysql|sqlite)Table$/.test(fn)) return undefined;
  const [tableArg, colsArg] = args(call);
  const table = stringValue(tableArg);
  const fields: FieldFact[] = [];
  for (const [key, value] of objectProps(colsArg)) {
    const text = value.text;
    const col = /^(\w+)\(\s*["'](\w+)["']/.exec(text);
    const ref = /\.references\(\s*\(\)\s*=>\s*(\w+)\.(\w+)/.exec(text);
    fields.push({
      name: col?.[2] ?? key,
      ...(col ? { type: col[1]! } : {}),
      ...(/\.primaryKey\(/.test(text) ? { primaryKey: true } : {}),
      ...(/\.unique\(/.test(text) ? { unique: true } : {}),
      ...(/\.notNull\(/.test(text) ? { nullable: false } : { nullable: true }),
      ...(ref ? { references: `${ref[1]}.${ref[2]}` } : {}),
    });
  }
  return { name, ...(table ? { table } : {}), source: 'drizzle', fields, line: line(call), isTable: true };
}

/** Sequelize: `sequelize.define("user", {...})` and `User.init({...}, { tableName })`. */
function sequelizeModel(name: string | undefined, call: SyntaxNode): EntityFact | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'member_expression') return undefined;
  const method = fn.childForFieldName('property')?.text;
  const a = args(call);
  let modelName: string | undefined;
  let attrs: SyntaxNode | undefined;
  let options: SyntaxNode | undefined;
  if (method === 'define' && stringValue(a[0]) && a[1]?.type === 'object') {
    modelName = name ?? stringValue(a[0]);
    attrs = a[1];
    options = a[2];
  } else if (method === 'init' && a[0]?.type === 'object' && a[1]?.type === 'object' && objectProps(a[1]).has('sequelize')) {
    modelName = dotted(fn.childForFieldName('object'));
    attrs = a[0];
    options = a[1];
  } else return undefined;
  if (!modelName) return undefined;
  const fields: FieldFact[] = [];
  for (const [key, value] of objectProps(attrs)) {
    const props = objectProps(value.type === 'object' ? value : undefined);
    fields.push({
      name: key,
      type: (props.get('type') ?? value).text.replace(/^DataTypes?\./, ''),
      ...(props.get('primaryKey')?.text === 'true' ? { primaryKey: true } : {}),
      ...(props.get('unique')?.text === 'true' ? { unique: true } : {}),
      ...(props.get('allowNull') ? { nullable: props.get('allowNull')!.text === 'true' } : {}),
    });
  }
  const table = stringValue(objectProps(options).get('tableName')) ?? (method === 'define' ? stringValue(a[0]) : undefined);
  return { name: modelName, ...(table ? { table } : {}), source: 'sequelize', fields, line: line(call), isTable: true };
}

/** Next.js file-system routes: `app/api/posts/[id]/route.ts` -> `/api/posts/{id}`; `pages/api/x.ts`. */
export function nextRouteOf(path: string): { kind: 'route' | 'page' | 'api-page'; path: string } | undefined {
  const m = /(?:^|\/)(?:src\/)?(app|pages)\/(.*)$/.exec(path);
  if (!m) return undefined;
  const [, dir, rest] = m as unknown as [string, string, string];
  const segs = rest.split('/');
  const file = segs.pop()!;
  const toUrl = (parts: string[]): string => {
    const kept = parts
      .filter((p) => !/^\(.*\)$/.test(p) && !p.startsWith('@') && !p.startsWith('_'))
      .map((p) => p.replace(/^\[\[?\.\.\.(\w+)\]?\]$/, '{$1}').replace(/^\[(\w+)\]$/, '{$1}'));
    return `/${kept.join('/')}`.replace(/\/$/, '') || '/';
  };
  if (dir === 'app') {
    if (/^route\.[cm]?[jt]sx?$/.test(file)) return { kind: 'route', path: toUrl(segs) };
    if (/^page\.[cm]?[jt]sx?$/.test(file)) return { kind: 'page', path: toUrl(segs) };
    return undefined;
  }
  if (!/\.[cm]?[jt]sx?$/.test(file) || /^_(app|document|error|middleware)\./.test(file)) return undefined;
  const stem = file.replace(/\.[cm]?[jt]sx?$/, '');
  const parts = stem === 'index' ? segs : [...segs, stem];
  return { kind: segs[0] === 'api' ? 'api-page' : 'page', path: toUrl(parts) };
}

function apiCallOf(call: SyntaxNode): { method?: string; path: string } | undefined {
  const fn = call.childForFieldName('function');
  const a = args(call);
  const first = a[0];
  // Generated clients: client.get({ url: "/api/v1/items/" }).
  if (fn?.type === 'member_expression' && first?.type === 'object') {
    const m = fn.childForFieldName('property')?.text ?? '';
    const url = stringValue(objectProps(first).get('url'));
    if (url?.startsWith('/') && ROUTE_CALL_METHODS.has(m.toLowerCase()) && m.toLowerCase() !== 'all') return { method: m.toUpperCase() === 'DEL' ? 'DELETE' : m.toUpperCase(), path: url };
  }
  const url = first?.type === 'template_string' ? templatePattern(first) : stringValue(first);
  if (url === undefined) return undefined;
  const path = url.replace(/^https?:\/\/[^/]+/, '').replace(/^\$\{?\w*\}?(?=\/)/, '').replace(/^\{\w+\}(?=\/)/, '');
  if (!path.startsWith('/') || path.startsWith('//')) return undefined;
  if (fn?.type === 'identifier' && (fn.text === 'fetch' || fn.text === 'useSWR' || fn.text === '$fetch' || fn.text === 'ofetch')) {
    const method = stringValue(objectProps(a[1]).get('method'));
    return { ...(method ? { method: method.toUpperCase() } : {}), path };
  }
  if (fn?.type === 'member_expression') {
    const recv = dotted(fn.childForFieldName('object')) ?? '';
    const m = fn.childForFieldName('property')?.text ?? '';
    if (CLIENT_RECEIVER.test(recv) && (ROUTE_CALL_METHODS.has(m.toLowerCase()) || HTTP_METHODS.has(m))) {
      return { method: m.toUpperCase() === 'DEL' ? 'DELETE' : m.toUpperCase(), path };
    }
  }
  return undefined;
}

function jsxRoute(node: SyntaxNode): { path: string; component?: string } | undefined {
  const name = node.childForFieldName('name')?.text;
  if (name !== 'Route') return undefined;
  let path: string | undefined;
  let component: string | undefined;
  for (const attr of kids(node)) {
    if (attr.type !== 'jsx_attribute') continue;
    const [k, v] = kids(attr);
    if (!k || !v) continue;
    if (k.text === 'path') path = stringValue(v) ?? (v.type === 'jsx_expression' ? stringValue(kids(v)[0]) : undefined);
    if (k.text === 'element' || k.text === 'component' || k.text === 'Component') component = /<?\s*([A-Z]\w*)/.exec(v.text)?.[1];
  }
  return path ? { path, ...(component ? { component } : {}) } : undefined;
}

export function typescriptFacts(path: string, root: SyntaxNode, opts: { header?: boolean } = {}): FileFacts {
  const facts = emptyFacts(path);
  importsOf(root, facts);
  const next = nextRouteOf(path);
  // File-system pages are known from the path alone.
  if (next?.kind === 'page') facts.pages.push({ path: next.path, framework: 'nextjs', line: 1 });
  if (opts.header) {
    facts.headerOnly = true;
    return facts;
  }
  dynamicImports(root, facts);
  const routerVars = new Set<string>();

  for (const top of kids(root)) {
    // CommonJS: module.exports = router
    if (top.type === 'expression_statement') {
      const a = top.namedChildren[0];
      if (a?.type === 'assignment_expression' && dotted(a.childForFieldName('left')) === 'module.exports') {
        const right = a.childForFieldName('right');
        if (right?.type === 'identifier') facts.defaultExport = right.text;
      }
    }
    const decl = top.type === 'export_statement' ? (top.childForFieldName('declaration') ?? top.namedChildren.find((c) => c?.type !== 'decorator') ?? null) : top;
    if (!decl) continue;
    if (top.type === 'export_statement' && top.children.some((c) => c?.type === 'default')) {
      const v = top.childForFieldName('value') ?? decl;
      const n = v.type === 'identifier' ? v.text : (v.childForFieldName('name')?.text ?? undefined);
      if (n) facts.defaultExport = n;
    }
    for (const n of declarationNames(decl)) {
      facts.symbols.push(n);
      // Next.js app-router handlers: export async function GET(request) {...}
      if (next?.kind === 'route' && HTTP_METHODS.has(n) && top.type === 'export_statement') {
        facts.routes.push({ method: n, path: [{ lit: next.path }], router: '', handler: n, framework: 'nextjs', line: line(decl) });
      }
    }
    if (decl.type === 'class_declaration' || decl.type === 'abstract_class_declaration') {
      const e = classEntity(decl);
      if (e) facts.entities.push(e);
      nestController(decl, facts);
    }
    if (decl.type === 'lexical_declaration' || decl.type === 'variable_declaration') {
      for (const d of kids(decl)) {
        if (d.type !== 'variable_declarator') continue;
        const name = d.childForFieldName('name')?.text;
        let value = d.childForFieldName('value');
        if (value?.type === 'await_expression') value = value.namedChildren[0] ?? null;
        if (!name || !value) continue;
        const sv = stringValue(value);
        if (sv !== undefined && sv.length < 200) facts.constants[name] = sv;
        const call = value.type === 'new_expression' ? value : value.type === 'call_expression' ? value : undefined;
        if (call) {
          const ctor = dotted(call.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function')) ?? '';
          if (ROUTER_CTOR.test(ctor) || /(^|\.)Router$/.test(ctor)) {
            const opt = args(call).find((a) => a.type === 'object');
            facts.routers.push({ name, framework: 'node', prefix: pathOf(objectProps(opt).get('prefix')) ?? [] });
            routerVars.add(name);
          }
          if (call.type === 'call_expression') {
            const e = drizzleTable(name, call) ?? sequelizeModel(name, call);
            if (e) facts.entities.push(e);
          }
        }
      }
    }
  }
  if (next?.kind === 'api-page') facts.routes.push({ method: 'ANY', path: [{ lit: next.path }], router: '', handler: facts.defaultExport ?? 'default', framework: 'nextjs', line: 1 });

  walkTypes(root, VISITED, (n) => {
    if (n.type === 'call_expression') {
      const fn = n.childForFieldName('function');
      const a = args(n);
      if (fn?.type === 'member_expression') {
        // Chained registrations (`router.add(...).add(...)`, `app.get(...).post(...)`) are on the chain's base.
        const recv = dotted(chainBase(fn.childForFieldName('object')));
        const method = fn.childForFieldName('property')?.text ?? '';
        const lower = method.toLowerCase();
        if (recv && ROUTE_CALL_METHODS.has(lower) && a.length >= 2) {
          const p = pathOf(a[0]);
          const lit = p?.[0] && 'lit' in p[0] ? p[0].lit : undefined;
          const onRouter = routerVars.has(recv) || /^(app|router|api|server|fastify|route|r|routes|apiRouter|v1|koa)$/i.test(recv.split('.').pop() ?? '');
          if (p && onRouter && (lit === undefined || lit.startsWith('/') || (routerVars.has(recv) && /^[\w.-]+$/.test(lit)))) {
            const handler = a[a.length - 1];
            const h = handler ? (dotted(handler) ?? undefined) : undefined;
            facts.routes.push({ method: lower === 'del' ? 'DELETE' : lower === 'all' ? 'ANY' : method.toUpperCase(), path: p, router: recv, ...(h ? { handler: h } : {}), framework: 'node', line: line(n) });
            return;
          }
        }
        // Routers that take the method as an argument: router.add('GET', '/api/tasks', handler).
        if (recv && ['add', 'on', 'route', 'handle', 'addRoute'].includes(method) && a.length >= 3) {
          const m0 = stringValue(a[0])?.toUpperCase();
          const p = pathOf(a[1]);
          const lit = p?.[0] && 'lit' in p[0] ? p[0].lit : undefined;
          if (m0 && (HTTP_METHODS.has(m0) || m0 === 'ALL') && p && lit?.startsWith('/')) {
            const handler = a[a.length - 1];
            const h = handler ? (dotted(handler) ?? undefined) : undefined;
            facts.routes.push({ method: m0 === 'ALL' ? 'ANY' : m0, path: p, router: recv, ...(h ? { handler: h } : {}), framework: 'node', line: line(n) });
            return;
          }
        }
        // app.use("/api", router) / router.use(sub.routes()) / fastify.register(plugin, { prefix })
        if (recv && (method === 'use' || method === 'register' || method === 'route' || method === 'mount')) {
          const first = a[0];
          const prefix = first && (stringValue(first) !== undefined || first.type === 'template_string') ? pathOf(first) : undefined;
          const rest = prefix ? a.slice(1) : a;
          const opt = method === 'register' ? rest.find((x) => x.type === 'object') : undefined;
          const pre = opt ? (pathOf(objectProps(opt).get('prefix')) ?? []) : (prefix ?? []);
          for (const c of rest) {
            let child = c.type === 'call_expression' ? dotted(c.childForFieldName('function')) : dotted(c);
            if (!child) continue;
            child = child.replace(/\.(routes|middleware|router|callback)$/, '');
            if (c.type === 'call_expression' && !/\.(routes|middleware)$/.test(dotted(c.childForFieldName('function')) ?? '')) child = `call:${child}`;
            facts.mounts.push({ parent: recv, child, prefix: pre, line: line(n) });
          }
        }
      }
      const call = apiCallOf(n);
      if (call) facts.apiCalls.push({ ...call, line: line(n) });
      // TanStack Router file routes: createFileRoute("/_layout/items")
      if (fn?.type === 'call_expression' || fn?.type === 'identifier') {
        const callee = fn.type === 'call_expression' ? dotted(fn.childForFieldName('function')) : fn.text;
        if (callee === 'createFileRoute' || callee === 'createRoute') {
          const inner = fn.type === 'call_expression' ? args(fn)[0] : a.find((x) => x.type === 'object');
          const p = stringValue(inner) ?? stringValue(objectProps(inner).get('path'));
          if (p) facts.pages.push({ path: `/${p.split('/').filter((s) => s && !s.startsWith('_')).join('/')}`.replace(/\$(\w+)/g, '{$1}'), framework: 'tanstack-router', line: line(n) });
        }
      }
    } else if (n.type === 'object') {
      // Generated clients: request({ method: "GET", url: "/api/v1/items/" }).
      const o = objectProps(n);
      const url = stringValue(o.get('url')) ?? stringValue(o.get('path'));
      const m = stringValue(o.get('method'));
      if (url?.startsWith('/') && m && HTTP_METHODS.has(m.toUpperCase())) facts.apiCalls.push({ method: m.toUpperCase(), path: url, line: line(n) });
      // Route objects: { path: "/items", element: <Items/> } (React Router, Vue Router).
      const props = objectProps(n);
      const p = stringValue(props.get('path'));
      if (p !== undefined && (p.startsWith('/') || p === '') && ['element', 'component', 'Component', 'lazy', 'components'].some((k) => props.has(k))) {
        const comp = ['element', 'component', 'Component'].map((k) => props.get(k)).find(Boolean);
        const c = comp ? /<?\s*([A-Z]\w*)/.exec(comp.text)?.[1] : undefined;
        facts.pages.push({ path: p || '/', framework: 'route-object', line: line(n), ...(c ? { component: c } : {}) });
      }
    } else if (n.type === 'jsx_self_closing_element' || n.type === 'jsx_opening_element') {
      const r = jsxRoute(n);
      if (r) facts.pages.push({ path: r.path, framework: 'react-router', line: line(n), ...(r.component ? { component: r.component } : {}) });
    } else if (n.type === 'string' || n.type === 'template_string') {
      const v = stringValue(n);
      const ref = v !== undefined ? fileRefOf(v) : undefined;
      if (ref) facts.fileRefs.push(ref);
      return false;
    }
  });
  facts.sql = sqlStatementsOf(root, path);
  return facts;
}

/** NestJS: `@Controller("items") class ItemsController { @Get(":id") findOne() {} }`. */
function nestController(cls: SyntaxNode, facts: FileFacts): void {
  const ctrl = decoratorsOf(cls).map(decoratorCall).find((d) => d.name === 'Controller');
  if (!ctrl) return;
  const name = cls.childForFieldName('name')?.text ?? 'controller';
  const first = ctrl.args[0];
  const prefix = stringValue(first) ?? stringValue(objectProps(first).get('path')) ?? '';
  facts.routers.push({ name, framework: 'nestjs', prefix: [{ lit: prefix.startsWith('/') || prefix === '' ? prefix : `/${prefix}` }] });
  const body = cls.childForFieldName('body');
  let pending: SyntaxNode[] = [];
  for (const m of kids(body ?? cls)) {
    if (m.type === 'decorator') {
      pending.push(m);
      continue;
    }
    const ds = [...pending, ...kids(m).filter((k) => k.type === 'decorator')].map(decoratorCall);
    pending = [];
    if (m.type !== 'method_definition') continue;
    for (const d of ds) {
      const method = NEST_METHODS[d.name];
      if (!method) continue;
      const sub = stringValue(d.args[0]) ?? '';
      facts.routes.push({ method, path: [{ lit: sub === '' ? '' : sub.startsWith('/') ? sub : `/${sub}` }], router: name, handler: `${name}.${m.childForFieldName('name')?.text ?? ''}`, framework: 'nestjs', line: line(m) });
    }
  }
}
