/**
 * Facts of a Python file from its tree-sitter syntax tree: imports, top-level symbols, string
 * constants, FastAPI/Flask routers, routes and mounts, Django `urlpatterns`, and ORM entities
 * (SQLModel, SQLAlchemy, Django models).
 *
 * Pure module.
 */
import { emptyFacts, fileRefOf, HTTP_METHODS, sqlStatementsOf } from './facts.js';
import { dotted, kids, line, stringValue, walkTypes, type SyntaxNode } from './syntax.js';
import type { EntityFact, FieldFact, FileFacts, ImportFact, PathPart } from './types.js';

const ROUTER_CTORS: Readonly<Record<string, { framework: string; prefixKw: string }>> = {
  APIRouter: { framework: 'fastapi', prefixKw: 'prefix' },
  FastAPI: { framework: 'fastapi', prefixKw: 'root_path_in_servers_never' },
  Blueprint: { framework: 'flask', prefixKw: 'url_prefix' },
  Flask: { framework: 'flask', prefixKw: 'url_prefix_never' },
  NinjaAPI: { framework: 'django-ninja', prefixKw: 'urls_namespace_never' },
  Router: { framework: 'django-ninja', prefixKw: 'prefix' },
  APIBlueprint: { framework: 'flask', prefixKw: 'url_prefix' },
};

const MOUNT_CALLS: Readonly<Record<string, string>> = {
  include_router: 'prefix',
  register_blueprint: 'url_prefix',
  add_router: '',
};

const DJANGO_FIELD = /^(models\.)?(\w+Field|ForeignKey|OneToOneField|ManyToManyField)$/;
const SQLA_COLUMN = /^(sa\.|db\.|sqlalchemy\.)?(Column|mapped_column)$/;
const SQLA_RELATION = /^(sa\.orm\.|db\.|orm\.)?relationship$/;

/** Keyword arguments of a call as name -> value node. */
function keywords(call: SyntaxNode): Map<string, SyntaxNode> {
  return keywordsOf(call.childForFieldName('arguments'));
}

function keywordsOf(args: SyntaxNode | null): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  if (!args) return out;
  for (const a of kids(args)) {
    if (a.type !== 'keyword_argument') continue;
    const name = a.childForFieldName('name')?.text;
    const value = a.childForFieldName('value');
    if (name && value) out.set(name, value);
  }
  return out;
}

const positional = (call: SyntaxNode): SyntaxNode[] => {
  const args = call.childForFieldName('arguments');
  return args ? kids(args).filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment') : [];
};

const isTrue = (n: SyntaxNode | undefined): boolean => n?.type === 'true' || n?.text === 'True';

/** A path expression: a string, a constant reference, or `a + b` of those. */
function pathOf(node: SyntaxNode | null | undefined): PathPart[] | undefined {
  if (!node) return undefined;
  const s = stringValue(node);
  if (s !== undefined) return [{ lit: s }];
  if (node.type === 'identifier' || node.type === 'attribute') {
    const d = dotted(node);
    return d ? [{ ref: d }] : undefined;
  }
  if (node.type === 'binary_operator' && node.children.some((c) => c?.text === '+')) {
    const l = pathOf(node.childForFieldName('left'));
    const r = pathOf(node.childForFieldName('right'));
    return l && r ? [...l, ...r] : undefined;
  }
  if (node.type === 'string' && node.namedChildren.some((c) => c?.type === 'interpolation')) {
    // f"{settings.API_V1_STR}/items": interpolations are references.
    const parts: PathPart[] = [];
    for (const c of kids(node)) {
      if (c.type === 'string_content') parts.push({ lit: c.text });
      else if (c.type === 'interpolation') {
        const d = dotted(c.namedChildren[0] ?? null);
        if (!d) return undefined;
        parts.push({ ref: d });
      }
    }
    return parts;
  }
  return undefined;
}

function importsOf(root: SyntaxNode): ImportFact[] {
  const out: ImportFact[] = [];
  for (const node of kids(root)) {
    if (node.type === 'import_statement') {
      for (const n of node.childrenForFieldName('name')) {
        if (!n) continue;
        if (n.type === 'aliased_import') {
          const spec = n.childForFieldName('name')?.text ?? '';
          out.push({ spec, names: [{ local: n.childForFieldName('alias')?.text ?? spec, imported: '*' }], line: line(node) });
        } else out.push({ spec: n.text, names: [{ local: n.text.split('.')[0]!, imported: '*' }], line: line(node) });
      }
    } else if (node.type === 'import_from_statement') {
      const mod = node.childForFieldName('module_name');
      let spec = mod?.text ?? '';
      let level = 0;
      if (mod?.type === 'relative_import') {
        const dots = /^\.+/.exec(spec)?.[0].length ?? 0;
        level = dots;
        spec = spec.slice(dots);
      }
      const names: ImportFact['names'] = [];
      for (const n of node.childrenForFieldName('name')) {
        if (!n) continue;
        if (n.type === 'aliased_import') names.push({ local: n.childForFieldName('alias')?.text ?? '', imported: n.childForFieldName('name')?.text ?? '' });
        else names.push({ local: n.text, imported: n.text });
      }
      if (node.children.some((c) => c?.type === 'wildcard_import')) names.push({ local: '*', imported: '*' });
      out.push({ spec, ...(level > 0 ? { level } : {}), names, line: line(node) });
    }
  }
  return out;
}

/** The target entity of a type annotation: `list["Item"]`, `Optional[User]`, `User | None`. */
function annotationTarget(type: string): { target: string; many: boolean } | undefined {
  const many = /^(list|List|set|Set|Sequence|Mapped\[\s*(list|List))\b/.test(type);
  const names = [...type.matchAll(/["']?([A-Z][A-Za-z0-9_]*)["']?/g)].map((m) => m[1]!).filter((n) => !['Optional', 'List', 'Set', 'Mapped', 'Sequence', 'None', 'Union'].includes(n));
  return names[0] ? { target: names[0], many } : undefined;
}

function fieldFromCall(name: string, call: SyntaxNode, annotation: string | undefined): FieldFact | undefined {
  const fn = dotted(call.childForFieldName('function')) ?? '';
  const kw = keywords(call);
  const pos = positional(call);
  if (fn === 'Relationship' || SQLA_RELATION.test(fn)) {
    const first = stringValue(pos[0]) ?? pos[0]?.text;
    const fromAnn = annotation ? annotationTarget(annotation) : undefined;
    const target = fromAnn?.target ?? first?.replace(/["']/g, '');
    return target ? { name, relation: { target, many: fromAnn?.many ?? /uselist\s*=\s*True/.test(call.text) } } : undefined;
  }
  if (fn === 'Field') {
    const fk = stringValue(kw.get('foreign_key'));
    return {
      name,
      ...(annotation ? { type: annotation } : {}),
      ...(isTrue(kw.get('primary_key')) ? { primaryKey: true } : {}),
      ...(isTrue(kw.get('unique')) ? { unique: true } : {}),
      ...(kw.get('nullable') ? { nullable: isTrue(kw.get('nullable')) } : annotation && /None|Optional/.test(annotation) ? { nullable: true } : {}),
      ...(fk ? { references: fk } : {}),
    };
  }
  if (SQLA_COLUMN.test(fn)) {
    const fkCall = call.descendantsOfType('call').find((c) => /ForeignKey$/.test(dotted(c?.childForFieldName('function')) ?? ''));
    const fk = fkCall ? stringValue(positional(fkCall)[0]) : undefined;
    const typeNode = pos.find((p) => p.type !== 'string' && !(p.type === 'call' && /ForeignKey$/.test(dotted(p.childForFieldName('function')) ?? '')));
    const colName = stringValue(pos[0]);
    return {
      name: colName && /^[a-z_][a-z0-9_]*$/.test(colName) ? colName : name,
      ...(typeNode ? { type: typeNode.text.replace(/^(sa|db|sqlalchemy)\./, '') } : annotation ? { type: annotation } : {}),
      ...(isTrue(kw.get('primary_key')) ? { primaryKey: true } : {}),
      ...(isTrue(kw.get('unique')) ? { unique: true } : {}),
      ...(kw.get('nullable') ? { nullable: isTrue(kw.get('nullable')) } : {}),
      ...(fk ? { references: fk } : {}),
    };
  }
  const dj = DJANGO_FIELD.exec(fn);
  if (dj) {
    const kind = dj[2]!;
    if (kind === 'ForeignKey' || kind === 'OneToOneField' || kind === 'ManyToManyField') {
      const target = (stringValue(pos[0]) ?? pos[0]?.text ?? '').replace(/^.*\./, '');
      return { name, type: kind, ...(target ? { references: target } : {}), ...(isTrue(kw.get('null')) ? { nullable: true } : {}), ...(kind === 'ManyToManyField' ? {} : {}) };
    }
    return {
      name,
      type: kind,
      ...(isTrue(kw.get('primary_key')) ? { primaryKey: true } : {}),
      ...(isTrue(kw.get('unique')) ? { unique: true } : {}),
      ...(isTrue(kw.get('null')) ? { nullable: true } : {}),
    };
  }
  return undefined;
}

function classEntity(node: SyntaxNode, path: string): EntityFact | undefined {
  const name = node.childForFieldName('name')?.text;
  const body = node.childForFieldName('body');
  if (!name || !body) return undefined;
  const supers = node.childForFieldName('superclasses');
  const bases = supers ? kids(supers).filter((a) => a.type !== 'keyword_argument').map((a) => a.text) : [];
  const classKw = keywordsOf(supers);
  let table: string | undefined;
  let abstract = false;
  const fields: FieldFact[] = [];
  let ormCalls = 0;
  const kinds = { sqlmodel: 0, sqla: 0, django: 0 };
  for (const stmt of kids(body)) {
    if (stmt.type === 'class_definition' && stmt.childForFieldName('name')?.text === 'Meta') {
      for (const m of stmt.childForFieldName('body')?.descendantsOfType('assignment') ?? []) {
        const l = m?.childForFieldName('left')?.text;
        if (l === 'db_table') table = stringValue(m!.childForFieldName('right')) ?? table;
        if (l === 'abstract' && isTrue(m!.childForFieldName('right') ?? undefined)) abstract = true;
      }
      continue;
    }
    if (stmt.type !== 'expression_statement') continue;
    const a = stmt.namedChildren[0];
    if (!a || a.type !== 'assignment') continue;
    const left = a.childForFieldName('left');
    if (left?.type !== 'identifier') continue;
    const fname = left.text;
    const right = a.childForFieldName('right');
    const ann = a.childForFieldName('type')?.text;
    if (fname === '__tablename__') {
      table = stringValue(right) ?? table;
      continue;
    }
    if (fname === '__abstract__' && isTrue(right ?? undefined)) abstract = true;
    if (fname.startsWith('__') || fname === 'model_config' || fname === 'objects') continue;
    if (right?.type === 'call') {
      const f = fieldFromCall(fname, right, ann);
      if (f) {
        fields.push(f);
        ormCalls++;
        const fn = dotted(right.childForFieldName('function')) ?? '';
        if (fn === 'Field' || fn === 'Relationship') kinds.sqlmodel++;
        else if (DJANGO_FIELD.test(fn)) kinds.django++;
        else kinds.sqla++;
        continue;
      }
    }
    if (ann && !right) {
      // SQLModel / pydantic style: `title: str`, `owner: "User" | None`.
      fields.push({ name: fname, type: ann, ...(/None|Optional/.test(ann) ? { nullable: true } : {}) });
    } else if (ann && right) {
      fields.push({ name: fname, type: ann });
    }
  }
  const baseText = bases.join(' ');
  const sqlmodel = /\bSQLModel\b/.test(baseText) || isTrue(classKw.get('table')) || (kinds.sqlmodel > 0 && kinds.sqla === 0 && kinds.django === 0);
  const django = /\bmodels\.Model\b/.test(baseText) || kinds.django > 0;
  const sqla = table !== undefined || /\b(Base|DeclarativeBase|db\.Model)\b/.test(baseText) || kinds.sqla > 0;
  if (!sqlmodel && !django && !sqla && ormCalls === 0) {
    // A subclass of another model class of the repository: kept as a candidate, resolved later by its bases.
    if (bases.length === 0 || fields.length === 0) return undefined;
    return { name, source: 'sqlmodel', fields, line: line(node), bases, isTable: false };
  }
  const source = sqlmodel ? 'sqlmodel' : django ? 'django' : 'sqlalchemy';
  const isTable = sqlmodel ? isTrue(classKw.get('table')) || table !== undefined : !abstract;
  if (!table && source === 'django' && isTable) {
    const parts = path.split('/');
    const app = parts[parts.length - 2] === 'models' ? parts[parts.length - 3] : parts[parts.length - 2];
    if (app) table = `${app}_${name.toLowerCase()}`;
  }
  if (!table && source === 'sqlmodel' && isTable) table = name.toLowerCase();
  return { name, ...(table ? { table } : {}), source, fields, line: line(node), bases, isTable };
}

const DJANGO_PATH = /^(path|re_path|url)$/;

function djangoPattern(raw: string, regex: boolean): string {
  let p = raw;
  if (regex) p = p.replace(/^\^/, '').replace(/\$$/, '').replace(/\(\?P<(\w+)>[^)]*\)/g, '{$1}').replace(/\\\//g, '/');
  p = p.replace(/<(?:\w+:)?(\w+)>/g, '{$1}');
  return p;
}

/** `urlpatterns = [path("x/", view), path("api/", include("app.urls"))]`. */
const CALLS: ReadonlySet<string> = new Set(['call']);
const STRINGS: ReadonlySet<string> = new Set(['string']);

function djangoUrls(root: SyntaxNode, facts: FileFacts): void {
  walkTypes(root, CALLS, (n) => {
    const fn = dotted(n.childForFieldName('function')) ?? '';
    if (!DJANGO_PATH.test(fn.replace(/^.*\./, ''))) return;
    const pos = positional(n);
    const route = stringValue(pos[0]);
    if (route === undefined) return;
    const pattern = djangoPattern(route, fn.endsWith('re_path') || fn.endsWith('url'));
    const target = pos[1];
    if (target?.type === 'call' && /(^|\.)include$/.test(dotted(target.childForFieldName('function')) ?? '')) {
      const inc = positional(target)[0];
      const mod = stringValue(inc) ?? (inc?.type === 'tuple' ? stringValue(kids(inc)[0]) : undefined) ?? dotted(inc);
      if (mod) facts.mounts.push({ parent: 'urlpatterns', child: `module:${mod}`, prefix: [{ lit: `/${pattern}` }], line: line(n) });
      return false;
    }
    const handler = target ? (dotted(target) ?? dotted(target.childForFieldName('function'))?.replace(/\.as_view$/, '')) : undefined;
    facts.routes.push({ method: 'ANY', path: [{ lit: `/${pattern}` }], router: 'urlpatterns', ...(handler ? { handler } : {}), framework: 'django', line: line(n) });
    return false;
  });
  if (facts.routes.some((r) => r.router === 'urlpatterns') || facts.mounts.some((m) => m.parent === 'urlpatterns')) {
    facts.routers.push({ name: 'urlpatterns', framework: 'django', prefix: [] });
  }
}

/** Handler parameters that are plain values (query parameters), not injected dependencies or bodies. */
function valueParams(def: SyntaxNode | null): string[] {
  const params = def?.childForFieldName('parameters');
  if (!params) return [];
  const out: string[] = [];
  for (const p of kids(params)) {
    const name = p.type === 'identifier' ? p.text : p.childForFieldName('name')?.text ?? kids(p).find((k) => k.type === 'identifier')?.text;
    if (!name || name === 'self' || name === 'request') continue;
    const type = p.childForFieldName('type')?.text ?? '';
    const value = p.childForFieldName('value')?.text ?? '';
    if (/Depends|Annotated\[.*Depends|Session|Request|BackgroundTasks|Response/.test(type + value)) continue;
    if (/^(str|int|float|bool|uuid\.UUID|UUID|datetime|date)(\s*\|\s*None)?$|^Optional\[(str|int|float|bool)\]$/.test(type) || /Query\(/.test(type + value) || (type === '' && value !== '')) out.push(name);
  }
  return out;
}

function decoratedRoutes(node: SyntaxNode, facts: FileFacts): void {
  const def = node.childForFieldName('definition');
  const handler = def?.childForFieldName('name')?.text;
  const params = valueParams(def);
  for (const d of kids(node)) {
    if (d.type !== 'decorator') continue;
    const call = d.namedChildren[0];
    if (!call || call.type !== 'call') continue;
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') continue;
    const router = dotted(fn.childForFieldName('object'));
    const method = fn.childForFieldName('attribute')?.text ?? '';
    if (!router) continue;
    const pos = positional(call);
    const kw = keywords(call);
    const path = pathOf(pos[0] ?? kw.get('path') ?? kw.get('rule'));
    if (!path && !['route', 'api_route'].includes(method) && !HTTP_METHODS.has(method.toUpperCase())) continue;
    let methods: string[] = [];
    if (HTTP_METHODS.has(method.toUpperCase())) methods = [method.toUpperCase()];
    else if (method === 'route' || method === 'api_route' || method === 'websocket') {
      const m = kw.get('methods');
      methods = m ? [...m.text.matchAll(/["'](\w+)["']/g)].map((x) => x[1]!.toUpperCase()) : ['GET'];
      if (method === 'websocket') methods = ['GET'];
    } else continue;
    for (const m of methods) facts.routes.push({ method: m, path: path ?? [{ lit: '' }], router, ...(handler ? { handler } : {}), ...(params.length > 0 ? { params } : {}), framework: 'python', line: line(d) });
  }
}

/** Facts of a Python module; `header` parses only what the imports need. */
export function pythonFacts(path: string, root: SyntaxNode, opts: { header?: boolean } = {}): FileFacts {
  const facts = emptyFacts(path);
  facts.imports = importsOf(root);
  if (opts.header) {
    facts.headerOnly = true;
    return facts;
  }
  for (const node of kids(root)) {
    if (node.type === 'class_definition' || node.type === 'function_definition') {
      const n = node.childForFieldName('name')?.text;
      if (n) facts.symbols.push(n);
    }
    if (node.type === 'decorated_definition') {
      const n = node.childForFieldName('definition')?.childForFieldName('name')?.text;
      if (n) facts.symbols.push(n);
      decoratedRoutes(node, facts);
    }
    const cls = node.type === 'class_definition' ? node : node.type === 'decorated_definition' ? node.childForFieldName('definition') : null;
    if (cls?.type === 'class_definition') {
      const entity = classEntity(cls, path);
      if (entity) facts.entities.push(entity);
      // Class-level string constants (pydantic Settings: API_V1_STR: str = "/api/v1").
      for (const stmt of kids(cls.childForFieldName('body') ?? cls)) {
        const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
        if (a?.type !== 'assignment') continue;
        const l = a.childForFieldName('left');
        const v = stringValue(a.childForFieldName('right'));
        if (l?.type === 'identifier' && v !== undefined && v.length < 200) facts.constants[l.text] = v;
      }
    }
    if (node.type === 'expression_statement') {
      const a = node.namedChildren[0];
      if (a?.type === 'assignment') {
        const l = a.childForFieldName('left');
        const r = a.childForFieldName('right');
        if (l?.type === 'identifier') {
          facts.symbols.push(l.text);
          const v = stringValue(r);
          if (v !== undefined && v.length < 200) facts.constants[l.text] = v;
          if (r?.type === 'call') {
            const ctor = (dotted(r.childForFieldName('function')) ?? '').replace(/^.*\./, '');
            const spec = ROUTER_CTORS[ctor];
            if (spec) facts.routers.push({ name: l.text, framework: spec.framework, prefix: pathOf(keywords(r).get(spec.prefixKw)) ?? [] });
          }
        }
      }
    }
  }
  // Mounts and imperative routes anywhere in the module (include_router often sits in a function).
  walkTypes(root, CALLS, (n) => {
    const fn = n.childForFieldName('function');
    if (fn?.type !== 'attribute') return;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const parent = dotted(fn.childForFieldName('object'));
    if (!parent) return;
    if (method in MOUNT_CALLS) {
      const pos = positional(n);
      const child = dotted(pos[0]);
      const kwName = MOUNT_CALLS[method]!;
      const prefix = kwName ? (pathOf(keywords(n).get(kwName)) ?? []) : (pathOf(pos[1]) ?? []);
      if (method === 'add_router' && pos.length >= 2) {
        const c = dotted(pos[1]);
        if (c) facts.mounts.push({ parent, child: c, prefix: pathOf(pos[0]) ?? [], line: line(n) });
      } else if (child) facts.mounts.push({ parent, child, prefix, line: line(n) });
    } else if (method === 'mount') {
      const pos = positional(n);
      const child = dotted(pos[1]);
      if (child) facts.mounts.push({ parent, child, prefix: pathOf(pos[0]) ?? [], line: line(n) });
    } else if (method === 'add_api_route' || method === 'add_url_rule') {
      const pos = positional(n);
      const kw = keywords(n);
      const p = pathOf(pos[0]);
      const m = kw.get('methods');
      const methods = m ? [...m.text.matchAll(/["'](\w+)["']/g)].map((x) => x[1]!.toUpperCase()) : ['GET'];
      const handler = dotted(pos[1] ?? kw.get('endpoint') ?? kw.get('view_func'));
      if (p) for (const mm of methods) facts.routes.push({ method: mm, path: p, router: parent, ...(handler ? { handler } : {}), framework: 'python', line: line(n) });
    }
  });
  if (/(^|\/)urls\.py$/.test(path) || facts.symbols.includes('urlpatterns')) djangoUrls(root, facts);
  walkTypes(root, STRINGS, (n) => {
    const v = stringValue(n);
    if (v !== undefined) {
      const ref = fileRefOf(v);
      if (ref) facts.fileRefs.push(ref);
    }
    return false;
  });
  facts.sql = sqlStatementsOf(root, path);
  return facts;
}
