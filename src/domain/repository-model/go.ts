/**
 * Facts of a Go file from its tree-sitter syntax tree: imports, top-level symbols, GORM/xorm
 * structs, and HTTP routes of net/http, gorilla/mux, chi, gin, echo and macaron-style routers,
 * with groups (`api := r.Group("/api")`, `r.Route("/x", func(r chi.Router) {...})`,
 * `r.PathPrefix("/v1").Subrouter()`, `m.Group("/x", func() {...})`) tracked through the
 * function that builds them, and router parameters (`func registerAPI(g *gin.RouterGroup)`)
 * linked to the calls that pass a group.
 *
 * Pure module.
 */
import { emptyFacts, fileRefOf, HTTP_METHODS, sqlStatementsOf } from './facts.js';
import { dotted, kids, line, stringValue, walkTypes, type SyntaxNode } from './syntax.js';
import type { EntityFact, FieldFact, FileFacts, ImportFact, PathPart } from './types.js';

/** Route registration methods of Go routers, as the method they register ('' = from arguments). */
const ROUTE_METHODS: Readonly<Record<string, string>> = {
  GET: 'GET', POST: 'POST', PUT: 'PUT', PATCH: 'PATCH', DELETE: 'DELETE', HEAD: 'HEAD', OPTIONS: 'OPTIONS', Any: 'ANY',
  Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Head: 'HEAD', Options: 'OPTIONS',
  Combo: 'ANY', HandleFunc: '', Handle: '', Method: '', MethodFunc: '', Match: '', Static: 'GET',
};
const GO_STRINGS: ReadonlySet<string> = new Set(['interpreted_string_literal', 'raw_string_literal']);
const GROUP_METHODS = new Set(['Group', 'Route', 'PathPrefix', 'Subrouter', 'Prefix', 'With']);
const ROUTER_TYPE = /Router|RouterGroup|\bGroup\b|Engine|Echo|\bMux\b|ServeMux|chi\.|macaron|\bRoute\b|gin\.IRoutes/;

function importsOf(root: SyntaxNode): ImportFact[] {
  const out: ImportFact[] = [];
  for (const decl of kids(root)) {
    if (decl.type !== 'import_declaration') continue;
    for (const spec of decl.descendantsOfType('import_spec')) {
      if (!spec) continue;
      const path = stringValue(spec.childForFieldName('path'));
      if (!path) continue;
      const alias = spec.childForFieldName('name')?.text;
      const local = alias ?? path.split('/').pop()!.replace(/^v\d+$/, path.split('/').slice(-2, -1)[0] ?? '');
      out.push({ spec: path, names: [{ local, imported: '*' }], line: line(spec) });
    }
  }
  return out;
}

const snake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();

function tagValue(tag: string, key: string): string | undefined {
  const m = new RegExp(`${key}:"([^"]*)"`).exec(tag);
  return m?.[1];
}

function structEntity(spec: SyntaxNode, tableNames: Map<string, string>): EntityFact | undefined {
  const name = spec.childForFieldName('name')?.text;
  const type = spec.childForFieldName('type');
  if (!name || type?.type !== 'struct_type') return undefined;
  const list = kids(type).find((k) => k.type === 'field_declaration_list');
  if (!list) return undefined;
  const fields: FieldFact[] = [];
  let orm: 'gorm' | 'xorm' | undefined;
  for (const f of kids(list)) {
    if (f.type !== 'field_declaration') continue;
    const names = f.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null).map((n) => n.text);
    const ftype = f.childForFieldName('type')?.text ?? '';
    const tag = stringValue(f.childForFieldName('tag')) ?? '';
    const gorm = tagValue(tag, 'gorm');
    const xorm = tagValue(tag, 'xorm');
    if (names.length === 0) {
      if (/gorm\.Model$/.test(ftype)) {
        orm = 'gorm';
        fields.push({ name: 'id', type: 'uint', primaryKey: true }, { name: 'created_at', type: 'time.Time' }, { name: 'updated_at', type: 'time.Time' }, { name: 'deleted_at', type: 'gorm.DeletedAt', nullable: true });
      }
      continue;
    }
    if (gorm !== undefined) orm ??= 'gorm';
    if (xorm !== undefined) orm ??= 'xorm';
    if (gorm === '-' || xorm === '-') continue;
    for (const n of names) {
      if (!/^[A-Z]/.test(n)) continue;
      const bare = ftype.replace(/^[[\]*]+/, '').replace(/^\[\]\*?/, '');
      const isStruct = /^[A-Z]\w*$/.test(bare) && !['Time'].includes(bare);
      const many = ftype.startsWith('[]');
      const column = (gorm && /column:(\w+)/.exec(gorm)?.[1]) ?? (xorm && /'(\w+)'/.exec(xorm)?.[1]) ?? snake(n);
      if (isStruct && (many || (gorm !== undefined && /foreignKey|references|many2many/i.test(gorm)) || !/^(string|int|bool)/.test(bare))) {
        if (isStruct && !/^(u?int\d*|float\d*|string|bool|byte|rune)$/.test(bare)) {
          fields.push({ name: n, relation: { target: bare, many } });
          continue;
        }
      }
      const tagText = `${gorm ?? ''} ${xorm ?? ''}`;
      fields.push({
        name: column,
        type: ftype,
        ...(/primaryKey|primary_key|\bpk\b/i.test(tagText) || n === 'ID' ? { primaryKey: true } : {}),
        ...(/unique/i.test(tagText) ? { unique: true } : {}),
        ...(ftype.startsWith('*') || /\bnull\b(?!.*not)/i.test(tagText.replace(/not null/gi, '')) ? { nullable: true } : {}),
      });
    }
  }
  if (!orm) return undefined;
  const table = tableNames.get(name);
  return { name, ...(table ? { table } : {}), source: orm, fields, line: line(spec), isTable: true };
}

/** `func (Repository) TableName() string { return "repositories" }`. */
function tableNameMethods(root: SyntaxNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of kids(root)) {
    if (m.type !== 'method_declaration' || m.childForFieldName('name')?.text !== 'TableName') continue;
    const recv = m.childForFieldName('receiver')?.text.replace(/[()*]/g, '').trim().split(/\s+/).pop();
    const ret = m.descendantsOfType('return_statement')[0];
    const value = ret ? stringValue(ret.descendantsOfType(['interpreted_string_literal', 'raw_string_literal'])[0]) : undefined;
    if (recv && value) out.set(recv, value);
  }
  return out;
}

interface Scope {
  /** local name -> router name in facts */
  routers: Map<string, string>;
  parent?: Scope;
}

const lookup = (scope: Scope | undefined, name: string): string | undefined => {
  for (let s = scope; s; s = s.parent) {
    const hit = s.routers.get(name);
    if (hit) return hit;
  }
  return undefined;
};

function pathOf(node: SyntaxNode | null | undefined): PathPart[] | undefined {
  if (!node) return undefined;
  const s = stringValue(node);
  if (s !== undefined) return [{ lit: s }];
  if (node.type === 'identifier' || node.type === 'selector_expression') {
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

const argsOf = (call: SyntaxNode): SyntaxNode[] => {
  const a = call.childForFieldName('arguments');
  return a ? kids(a).filter((n) => n.type !== 'comment') : [];
};

class RouteCollector {
  private counter = 0;
  constructor(
    private readonly facts: FileFacts,
    private readonly fn: string,
  ) {}

  /** A router name for a new group in this function. */
  private fresh(base: string): string {
    return `${this.fn}.${base}#${++this.counter}`;
  }

  /** The router a receiver expression names, registering plain names as roots on first sight. */
  routerOf(expr: SyntaxNode | null, scope: Scope, declare: boolean): string | undefined {
    if (!expr) return undefined;
    if (expr.type === 'call_expression') return this.groupCall(expr, scope);
    const name = dotted(expr);
    if (!name) return undefined;
    const known = lookup(scope, name);
    if (known) return known;
    if (!declare) return undefined;
    const qualified = `${this.fn}.${name}`;
    if (!this.facts.routers.some((r) => r.name === qualified)) this.facts.routers.push({ name: qualified, framework: 'go', prefix: [] });
    scope.routers.set(name, qualified);
    return qualified;
  }

  /** `r.Group("/x")`, `r.PathPrefix("/x").Subrouter()`, `r.With(mw)`: a derived router. */
  groupCall(call: SyntaxNode, scope: Scope): string | undefined {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression') return undefined;
    const method = fn.childForFieldName('field')?.text ?? '';
    if (!GROUP_METHODS.has(method)) return undefined;
    const recv = fn.childForFieldName('operand');
    if (method === 'Subrouter') return this.routerOf(recv, scope, true);
    const parent = this.routerOf(recv, scope, true);
    if (!parent) return undefined;
    const args = argsOf(call);
    const prefix = method === 'With' ? [] : (pathOf(args[0]) ?? []);
    if (method !== 'With' && args[0] && args[0].type === 'func_literal') return undefined;
    const name = this.fresh(method.toLowerCase());
    this.facts.routers.push({ name, framework: 'go', prefix, parent });
    return name;
  }

  route(call: SyntaxNode, scope: Scope): boolean {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression') return false;
    const name = fn.childForFieldName('field')?.text ?? '';
    // gorilla: r.HandleFunc("/x", h).Methods("GET")
    if (name === 'Methods') {
      const inner = fn.childForFieldName('operand');
      if (inner?.type !== 'call_expression') return false;
      const methods = argsOf(call)
        .map((a) => stringValue(a) ?? /Method(\w+)$/.exec(a.text)?.[1]?.toUpperCase() ?? '')
        .filter((m) => m !== '');
      return this.register(inner, scope, methods);
    }
    return name in ROUTE_METHODS ? this.register(call, scope, undefined) : false;
  }

  private register(call: SyntaxNode, scope: Scope, chained: string[] | undefined): boolean {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression') return false;
    const name = fn.childForFieldName('field')?.text ?? '';
    if (!(name in ROUTE_METHODS)) return false;
    const recv = fn.childForFieldName('operand');
    const args = argsOf(call);
    let methods: string[];
    let pathNode: SyntaxNode | undefined;
    let handler: SyntaxNode | undefined;
    if (ROUTE_METHODS[name]) {
      methods = [ROUTE_METHODS[name]!];
      pathNode = args[0];
      handler = args[args.length - 1];
    } else if (name === 'Handle' && args.length >= 3 && stringValue(args[0]) && HTTP_METHODS.has(stringValue(args[0])!.toUpperCase())) {
      methods = [stringValue(args[0])!.toUpperCase()];
      pathNode = args[1];
      handler = args[args.length - 1];
    } else if ((name === 'Method' || name === 'MethodFunc') && args.length >= 3) {
      const m = stringValue(args[0]) ?? /Method(\w+)$/.exec(args[0]!.text)?.[1];
      methods = m ? [m.toUpperCase()] : ['ANY'];
      pathNode = args[1];
      handler = args[2];
    } else {
      methods = chained && chained.length > 0 ? chained.map((m) => m.toUpperCase()) : ['ANY'];
      pathNode = args[0];
      handler = args[1];
    }
    const path = pathOf(pathNode);
    if (!path) return false;
    // Go 1.22 patterns: mux.HandleFunc("GET /items/{id}", h)
    const first = path[0];
    if (first && 'lit' in first) {
      const m = /^([A-Z]+)\s+(\/.*)$/.exec(first.lit);
      if (m && HTTP_METHODS.has(m[1]!)) {
        methods = [m[1]!];
        path[0] = { lit: m[2]! };
      }
    }
    // A literal path, or a path in a variable on a router this function already knows.
    const literal = path.some((p) => 'lit' in p && p.lit.startsWith('/'));
    const known = recv ? this.routerOf(recv, scope, false) : undefined;
    if (!literal && !(known && path.every((p) => 'lit' in p || /path|prefix|route|url|api|endpoint/i.test(p.ref)))) return false;
    const router = recv && dotted(recv) === 'http' ? this.routerOfHttp() : (known ?? this.routerOf(recv, scope, true));
    if (!router) return false;
    const h = handler ? (dotted(handler) ?? (handler.type === 'func_literal' ? 'func literal' : handler.type === 'call_expression' ? dotted(handler.childForFieldName('function')) : undefined)) : undefined;
    for (const m of methods) this.facts.routes.push({ method: m, path, router, ...(h ? { handler: h } : {}), framework: 'go', line: line(call) });
    return true;
  }

  private routerOfHttp(): string {
    const name = 'http.DefaultServeMux';
    if (!this.facts.routers.some((r) => r.name === name)) this.facts.routers.push({ name, framework: 'go', prefix: [] });
    return name;
  }
}

/** Parameters of router type: `func registerAPI(g *gin.RouterGroup)` -> g is router `registerAPI#0`. */
function routerParams(fn: SyntaxNode, fnName: string, facts: FileFacts, scope: Scope): void {
  const params = fn.childForFieldName('parameters');
  if (!params) return;
  let index = 0;
  for (const p of kids(params)) {
    if (p.type !== 'parameter_declaration') continue;
    const type = p.childForFieldName('type')?.text ?? '';
    const names = p.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
    for (const n of names.length > 0 ? names : [null]) {
      if (n && ROUTER_TYPE.test(type)) {
        const routerName = `${fnName}#${index}`;
        facts.routers.push({ name: routerName, framework: 'go', prefix: [] });
        scope.routers.set(n.text, routerName);
      }
      index++;
    }
  }
}

function collectRoutes(body: SyntaxNode, collector: RouteCollector, scope: Scope, facts: FileFacts, fnName: string): void {
  const visit = (node: SyntaxNode, sc: Scope): void => {
    // `api := r.Group("/api")`, `sr = r.PathPrefix("/v1").Subrouter()`
    if (node.type === 'short_var_declaration' || node.type === 'assignment_statement' || node.type === 'var_spec') {
      const left = node.type === 'var_spec' ? node.childrenForFieldName('name') : kids(node.childForFieldName('left') ?? node);
      const right = node.type === 'var_spec' ? kids(node.childForFieldName('value') ?? node) : kids(node.childForFieldName('right') ?? node);
      left.forEach((l, i) => {
        const r = right[i];
        if (!l || !r) return;
        if (r.type === 'call_expression') {
          const g = collector.groupCall(r, sc);
          if (g) {
            sc.routers.set(l.text, g);
            return;
          }
          const ctor = dotted(r.childForFieldName('function')) ?? '';
          if (/(^|\.)(New|NewRouter|NewServeMux|Default|NewEngine|Classic|NewMux)$/.test(ctor) && /gin|echo|chi|mux|http|macaron|web|router/i.test(ctor + ' ' + r.text)) {
            const name = `${fnName}.${l.text}`;
            facts.routers.push({ name, framework: 'go', prefix: [] });
            sc.routers.set(l.text, name);
          }
        } else if (r.type === 'identifier' || r.type === 'selector_expression') {
          const known = lookup(sc, r.text);
          if (known) sc.routers.set(l.text, known);
        }
      });
    }
    if (node.type === 'call_expression') {
      const fn = node.childForFieldName('function');
      const args = argsOf(node);
      if (fn?.type === 'selector_expression') {
        const method = fn.childForFieldName('field')?.text ?? '';
        const closure = args.find((a) => a.type === 'func_literal');
        // chi: r.Route("/x", func(r chi.Router) {...}); macaron: m.Group("/x", func() {...}); chi: r.Group(func(r chi.Router){...})
        if ((method === 'Route' || method === 'Group') && closure) {
          const parent = collector.routerOf(fn.childForFieldName('operand'), sc, true);
          const prefix = pathOf(args[0]) ?? [];
          const name = `${fnName}.${method.toLowerCase()}@${line(node)}`;
          if (parent) facts.routers.push({ name, framework: 'go', prefix: args[0] === closure ? [] : prefix, parent });
          const inner: Scope = { routers: new Map(), parent: sc };
          const params = closure.childForFieldName('parameters');
          const pnames = params ? kids(params).flatMap((p) => p.childrenForFieldName('name')).filter((n): n is SyntaxNode => n !== null) : [];
          if (pnames.length > 0) inner.routers.set(pnames[0]!.text, name);
          else {
            const recvName = dotted(fn.childForFieldName('operand'));
            if (recvName) inner.routers.set(recvName, name);
          }
          for (const a of args) if (a !== closure) visit(a, sc);
          visit(closure.childForFieldName('body') ?? closure, inner);
          return;
        }
        // chi: r.Mount("/x", sub) and echo/gin-style passing a group to a registrar: registerAPI(api)
        if (method === 'Mount' && args.length >= 2) {
          const parent = collector.routerOf(fn.childForFieldName('operand'), sc, true);
          const child = args[1]!.type === 'call_expression' ? dotted(args[1]!.childForFieldName('function')) : dotted(args[1]);
          if (parent && child) facts.mounts.push({ parent, child: args[1]!.type === 'call_expression' ? `call:${child}` : child, prefix: pathOf(args[0]) ?? [], line: line(node) });
        }
        if (collector.route(node, sc)) {
          for (const a of args) if (a.type === 'func_literal') visit(a.childForFieldName('body') ?? a, sc);
          return;
        }
      }
      // A router passed to a function: registerAPI(api) / h.Register(api)
      const callee = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.type === 'identifier' ? fn.text : undefined;
      if (callee) {
        args.forEach((a, i) => {
          const r = a.type === 'identifier' || a.type === 'selector_expression' ? lookup(sc, a.text) : a.type === 'call_expression' ? collector.groupCall(a, sc) : undefined;
          if (r) facts.mounts.push({ parent: r, child: `${callee}#${i}`, prefix: [], line: line(node) });
        });
      }
    }
    for (const c of kids(node)) {
      if (c.type === 'func_literal') {
        visit(c.childForFieldName('body') ?? c, { routers: new Map(), parent: sc });
      } else visit(c, sc);
    }
  };
  visit(body, scope);
}

export function goFacts(path: string, root: SyntaxNode, opts: { header?: boolean } = {}): FileFacts {
  const facts = emptyFacts(path);
  facts.imports = importsOf(root);
  if (opts.header) {
    facts.headerOnly = true;
    return facts;
  }
  const tables = tableNameMethods(root);
  for (const node of kids(root)) {
    if (node.type === 'function_declaration' || node.type === 'method_declaration') {
      const name = node.childForFieldName('name')?.text ?? '';
      if (name) facts.symbols.push(name);
      const body = node.childForFieldName('body');
      if (!body) continue;
      const scope: Scope = { routers: new Map() };
      routerParams(node, name, facts, scope);
      collectRoutes(body, new RouteCollector(facts, name), scope, facts, name);
    } else if (node.type === 'type_declaration') {
      for (const spec of kids(node)) {
        if (spec.type !== 'type_spec') continue;
        const name = spec.childForFieldName('name')?.text;
        if (name) facts.symbols.push(name);
        const entity = structEntity(spec, tables);
        if (entity) facts.entities.push(entity);
      }
    } else if (node.type === 'var_declaration' || node.type === 'const_declaration') {
      for (const spec of node.descendantsOfType(['var_spec', 'const_spec'])) {
        if (!spec) continue;
        const names = spec.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
        const values = kids(spec.childForFieldName('value') ?? spec).filter((v) => v.type !== 'identifier' || names.every((n) => n !== v));
        names.forEach((n, i) => {
          facts.symbols.push(n.text);
          const v = stringValue(values[i]);
          if (v !== undefined && v.length < 200) facts.constants[n.text] = v;
        });
      }
    }
  }
  walkTypes(root, GO_STRINGS, (n) => {
    const v = stringValue(n);
    const ref = v !== undefined ? fileRefOf(v) : undefined;
    if (ref) facts.fileRefs.push(ref);
    return false;
  });
  facts.sql = sqlStatementsOf(root, path);
  return facts;
}
