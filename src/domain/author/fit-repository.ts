/**
 * The draft fitted to what the repository already has (from the repository model): entities
 * that exist keep their table and real fields and gain only the new ones; a new entity is named
 * the way the repository names tables, carries the fields the request names (at least a name),
 * and its link to the entities it is attached to; operations answer with the entity they act on
 * (a list 200 with an array, a create 201 with the item); the API style (error body, the
 * languages to generate types for) follows the repository's.
 *
 * Pure module.
 */
import pluralize from 'pluralize';
import type { ContextSummary } from '../context/types.js';
import type { ApiStyle, Entity, Field, FieldType, Operation } from '../draft.js';
import type { ModelSlice } from '../repository-model/slice.js';
import { words } from '../request-text.js';
import type { ColumnChange } from './columns.js';

/** What the author knows of the repository's data and API (the model slice, else the summary). */
export interface RepositoryFacts {
  entities: Array<{ name: string; table?: string; fields: Array<{ name: string; type?: string; primaryKey?: boolean; nullable?: boolean; unique?: boolean; references?: string }> }>;
  /** `METHOD /path`. */
  routes: string[];
  errorShape: 'detail' | 'problem' | 'error' | 'message' | 'unknown';
  languages: string[];
}

export function repositoryFacts(context: ContextSummary, slice: ModelSlice | undefined): RepositoryFacts | undefined {
  const m = context.model;
  if (!m && !slice) return undefined;
  const entities = slice?.entities.length
    ? slice.entities.map((e) => ({ name: e.name, ...(e.table ? { table: e.table } : {}), fields: e.fields }))
    : (m?.entities ?? []).map((e) => ({ name: e.name, ...(e.table ? { table: e.table } : {}), fields: e.fields.map((name) => ({ name })) }));
  // The model's routes first; the code facet's (pattern-matched) ones fill what a custom router hides from the model.
  const modelRoutes = [...(slice?.routes ?? []).map((r) => `${r.method} ${r.path}`), ...(context.impact?.matched.routes ?? []), ...(m?.routes ?? [])];
  const known = new Set(modelRoutes.map((r) => r.slice(r.indexOf(' ') + 1).replace(/\/$/, '')));
  const scanned = [...(context.apiOperations ?? []), ...(context.apiRoutes ?? []).filter((p) => !(context.apiOperations ?? []).some((o) => o.endsWith(` ${p}`))).map((p) => `ANY ${p}`)];
  // Pattern-matched routes miss prefixes and mounts: they stand in only when the model found none.
  const routes = [...new Set(modelRoutes.length > 0 ? modelRoutes : scanned.filter((r) => !known.has(r.slice(r.indexOf(' ') + 1).replace(/\/$/, ''))))];
  return {
    entities,
    routes,
    errorShape: (slice?.conventions ?? m?.conventions)?.errorShape ?? 'unknown',
    languages: context.languages.map((l) => l.toLowerCase()),
  };
}

/** The paths and `METHOD /path` operations of the repository, for operation inference. */
export function servedRoutes(facts: RepositoryFacts): { routes: string[]; operations: string[] } {
  const ops = facts.routes.filter((r) => !r.startsWith('ANY '));
  return { routes: [...new Set(facts.routes.map((r) => r.slice(r.indexOf(' ') + 1)))], operations: ops };
}

const singularLower = (w: string): string => pluralize.singular(w.toLowerCase());
const pascal = (parts: readonly string[]): string => parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase()).join('');
const snake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toLowerCase().replace(/^_+|_+$/g, '');

/** The model entity a name stands for (`tasks`, `Task`, `task_history` ...). */
export function findModelEntity(facts: RepositoryFacts, name: string): RepositoryFacts['entities'][number] | undefined {
  const key = singularLower(snake(name).replace(/_/g, ''));
  const exact = facts.entities.find((e) => singularLower(e.name) === key || (e.table !== undefined && singularLower(e.table.replace(/_/g, '')) === key) || singularLower(snake(e.name).replace(/_/g, '')) === key);
  if (exact || key.length < 3) return exact;
  // An abbreviation the routes use: `repos` for Repository, `orgs` for Organization.
  const abbreviated = facts.entities.filter((e) => singularLower(e.name).startsWith(key));
  return abbreviated.length === 1 ? abbreviated[0] : undefined;
}

type TableStyle = 'plural' | 'singular' | 'pascal';

/** How the repository names columns of several words: `created_at` or `createdAt`. */
export function columnStyle(facts: RepositoryFacts): 'snake' | 'camel' {
  let camel = 0;
  let snakeCount = 0;
  for (const e of facts.entities) for (const f of e.fields) {
    if (/^[a-z]+[A-Z]/.test(f.name)) camel++;
    else if (/^[a-z]+_[a-z]/.test(f.name)) snakeCount++;
  }
  return camel > snakeCount ? 'camel' : 'snake';
}

const camelOf = (snakeName: string): string => snakeName.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** How the repository names tables: `users` (plural), `user` (singular, SQLModel), `User` (Prisma). */
export function tableStyle(facts: RepositoryFacts): TableStyle {
  const votes: Record<TableStyle, number> = { plural: 0, singular: 0, pascal: 0 };
  for (const e of facts.entities) {
    const t = e.table ?? '';
    if (t === '') continue;
    if (/^[A-Z]/.test(t)) votes.pascal++;
    else if (pluralize.isPlural(t.split('_').pop()!) && !pluralize.isSingular(t.split('_').pop()!)) votes.plural++;
    else votes.singular++;
  }
  if (votes.pascal > votes.plural && votes.pascal > votes.singular) return 'pascal';
  return votes.singular > votes.plural ? 'singular' : 'plural';
}

/** A table name in the repository's style for an entity name (`ItemTag` -> item_tags, itemtag, ItemTag). */
export function tableFor(entityName: string, style: TableStyle): string {
  const parts = snake(entityName).split('_');
  if (style === 'pascal') return entityName;
  if (style === 'singular') return parts.join('');
  parts[parts.length - 1] = pluralize.plural(parts[parts.length - 1]!);
  return parts.join('_');
}

/** The draft's field type for a type as the ORM or SQL writes it. */
export function draftType(written: string | undefined, name: string): FieldType {
  const t = (written ?? '').toLowerCase();
  if (/uuid/.test(t)) return 'uuid';
  if (/bool/.test(t)) return 'boolean';
  if (/time|timestamp|datetime/.test(t)) return 'datetime';
  if (/\bdate\b|^date$/.test(t)) return 'date';
  if (/bigint|int64|bigserial/.test(t)) return 'bigint';
  if (/int|serial/.test(t)) return 'integer';
  if (/decimal|numeric|money/.test(t)) return 'decimal';
  if (/float|double|real|number/.test(t)) return 'number';
  if (/json/.test(t)) return 'json';
  if (/text/.test(t)) return 'text';
  if (t !== '') return /email/i.test(name) ? 'email' : 'string';
  return inferredType(name);
}

/** Rules as data: a new attribute's type from its name. */
export const TYPE_BY_NAME: ReadonlyArray<readonly [RegExp, FieldType]> = [
  [/(^|_)(is|has|can|should)_|(^|_)(archived|enabled|active|done|completed|pinned|starred|published|private|public|visible|hidden|deleted|read)$/, 'boolean'],
  [/(_at|_on)$|(^|_)(timestamp)$/, 'datetime'],
  [/(^|_)(date|deadline|birthday|due)$|_date$/, 'date'],
  [/(^|_)(count|number|quantity|qty|amount_cents|priority|position|order|rank|score|stars|age|size|limit|duration|minutes|seconds|days|hours)$/, 'integer'],
  [/(^|_)(price|cost|total|value|amount|balance|rate)$/, 'decimal'],
  [/(^|_)email$/, 'email'],
  [/(^|_)(url|link|website|homepage|avatar)$/, 'url'],
  [/(^|_)(description|body|content|notes?|comment|summary|bio|text|message)$/, 'text'],
];

export function inferredType(name: string): FieldType {
  const key = snake(name);
  return TYPE_BY_NAME.find(([re]) => re.test(key))?.[1] ?? 'string';
}

function fieldOf(f: RepositoryFacts['entities'][number]['fields'][number]): Field | undefined {
  // An existing column keeps its own name (`authorId` in a Prisma schema).
  const name = /^[a-z][a-zA-Z0-9_]*$/.test(f.name) ? f.name : snake(f.name);
  if (!/^[a-z][a-zA-Z0-9_]*$/.test(name)) return undefined;
  return {
    name,
    type: draftType(f.type, name),
    required: f.primaryKey ? true : f.nullable !== true,
    unique: f.unique ?? false,
    // Existing foreign keys exist already; the contract does not restate them.
    existing: true,
  };
}

/** "tags linked to items", "attach tags to items", "tags on items": the entity a new one belongs to, and whether many-to-many. */
function linkedTo(request: string, entity: Entity, facts: RepositoryFacts): Array<{ target: RepositoryFacts['entities'][number]; many: boolean }> {
  const text = request.toLowerCase();
  const own = new Set([singularLower(entity.name), singularLower(entity.table)]);
  const out: Array<{ target: RepositoryFacts['entities'][number]; many: boolean }> = [];
  for (const e of facts.entities) {
    const names = [e.name, e.table ?? ''].filter(Boolean).map((n) => singularLower(snake(n).replace(/_/g, ' ')));
    if (names.some((n) => own.has(n.replace(/ /g, '')))) continue;
    for (const n of names) {
      const forms = [n, pluralize.plural(n)].map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      const re = new RegExp(`\\b(linked to|link(?:ed|s)? (?:them )?(?:to|with)|attach(?:ed|es)? (?:\\w+ )?to|assign(?:ed)? (?:\\w+ )?to|on|of|for|belong(?:s|ing)? to|per)\\s+(?:an? |the |each |every |their |its )?(${forms.join('|')})\\b`);
      const m = re.exec(text);
      if (!m) continue;
      // Tags, labels and the like attached to things are shared among them: many-to-many.
      const many = /attach|link|assign/.test(m[1]!) || MANY_TO_MANY.test(pluralize.plural(snake(entity.name)));
      out.push({ target: e, many });
      break;
    }
  }
  return out;
}

/**
 * Attributes that are collections of things of their own ("add tags to posts", "comments on
 * tasks"), rules as data; other plural attributes are one value per row ("due dates of tasks").
 */
const COLLECTIONS = /^(tags|labels|categories|comments|notes|attachments|files|images|photos|links|reviews|members|participants|watchers|reactions|subtasks|steps|keywords|skills|genres|topics|groups|roles|collections|aliases|reminders|checklists|votes)$/;

/** Things attached to many others and shared among them (rules as data). */
const MANY_TO_MANY = /^(tags|labels|categories|groups|topics|keywords|skills|roles|genres|collections)$/;

export interface FitResult {
  entities: Entity[];
  operations: Operation[];
  api: ApiStyle;
}

/**
 * Entities and operations fitted to the repository. `columns` are the attribute changes the
 * request asks of entities (`add a priority to tasks`).
 */
export function fitToRepository(request: string, entities: readonly Entity[], operations: readonly Operation[], columns: readonly ColumnChange[], facts: RepositoryFacts): FitResult {
  const style = tableStyle(facts);
  const camel = columnStyle(facts) === 'camel';
  /** A new column's name in the repository's style. */
  const col = (snakeName: string): string => (camel ? camelOf(snakeName) : snakeName);
  const out: Entity[] = [];
  const add = (e: Entity) => {
    if (!out.some((x) => x.name === e.name)) out.push(e);
  };
  /** Links a new entity to one the repository has: a link table (many to many) or a key on the new one. */
  const linkTo = (entity: Entity, target: RepositoryFacts['entities'][number], many: boolean) => {
    // The entity linked to comes along (unchanged), so the new references resolve.
    add(existingEntity(target, []));
    const targetTable = target.table ?? tableFor(target.name, style);
    const pk = target.fields.find((f) => f.primaryKey)?.name ?? 'id';
    const keyType = draftType(target.fields.find((f) => f.primaryKey)?.type, 'id');
    const fk = col(`${snake(target.name)}_id`);
    if (many) {
      const linkName = `${target.name.replace(/[^A-Za-z0-9]/g, '')}${entity.name}`;
      add({
        name: /link$/i.test(linkName) ? linkName : `${linkName}Link`,
        table: style === 'singular' ? `${snake(target.name).replace(/_/g, '')}${snake(entity.name).replace(/_/g, '')}link` : tableFor(`${target.name}${entity.name}`, style === 'pascal' ? 'plural' : style),
        description: `Links ${pluralize.plural(words(entity.name).join(' '))} to ${pluralize.plural(words(target.name).join(' '))} (many to many).`,
        fields: [
          { name: fk, type: keyType, required: true, unique: false, references: `${targetTable}.${pk}` },
          { name: col(`${snake(entity.name)}_id`), type: 'uuid', required: true, unique: false, references: `${entity.table}.id` },
        ],
        primaryKey: [fk, col(`${snake(entity.name)}_id`)],
        indexes: [],
      });
    } else if (!entity.fields.some((f) => f.name === fk)) {
      entity.fields = [...entity.fields, { name: fk, type: keyType, required: true, unique: false, references: `${targetTable}.${pk}` }];
    }
  };
  /** A new entity, named and given a name field the repository's way. */
  const newEntity = (name: string, fields: readonly Field[], description?: string): Entity => ({
    name,
    table: tableFor(name, style),
    ...(description ? { description } : {}),
    fields: (fields.some((f) => f.name !== 'created_at') ? [...fields] : [{ name: 'name', type: 'string' as const, required: true, unique: false, maxLength: 200, description: `The ${words(name).join(' ')}'s name.` }, ...fields]).map((f) => ({ ...f, name: col(f.name) })),
    indexes: [],
  });
  for (const e of entities) {
    const known = findModelEntity(facts, e.name) ?? findModelEntity(facts, e.table);
    if (known) {
      add(existingEntity(known, e.fields.filter((f) => f.name !== 'created_at' || !known.fields.some((k) => snake(k.name) === 'created_at'))));
      continue;
    }
    // A new entity carries what names it: at least a name beside its key and timestamp.
    const entity: Entity = { ...newEntity(e.name, e.fields, e.description), indexes: e.indexes, ...(e.primaryKey ? { primaryKey: e.primaryKey } : {}) };
    // A table the request names keeps the name it was given.
    if (new RegExp(`\\b${e.table}\\b`, 'i').test(request)) entity.table = e.table;
    for (const link of linkedTo(request, entity, facts)) linkTo(entity, link.target, link.many);
    // New entities come first (links reference them), existing ones after.
    out.unshift(entity);
  }
  for (const c of columns) {
    const known = findModelEntity(facts, c.entity);
    if (!known) continue;
    const attrWords = words(c.attribute);
    const head = attrWords[attrWords.length - 1] ?? '';
    if (COLLECTIONS.test(head)) {
      // "add tags to posts": a collection of things is an entity of its own, linked, not a column.
      const name = pascal([...attrWords.slice(0, -1), pluralize.singular(head)]);
      if (!out.some((x) => x.name === name) && !findModelEntity(facts, name)) {
        const entity = newEntity(name, [{ name: 'created_at', type: 'datetime', required: true, unique: false, description: 'When the row was created.' }]);
        out.unshift(entity);
        linkTo(entity, known, MANY_TO_MANY.test(head) || /attach|link|assign/.test(request.toLowerCase()));
      }
      continue;
    }
    const name = col(snake([...attrWords.slice(0, -1), pluralize.singular(head)].join(' ')));
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(name)) continue;
    const already = known.fields.some((f) => snake(f.name) === name);
    const prior = out.find((x) => x.name === pascal([known.name]) || x.name === known.name);
    const field: Field = { name, type: inferredType(name), required: false, unique: false, description: `The ${c.attribute} of each ${singularLower(c.entity)}.` };
    if (prior) {
      if (!already && !prior.fields.some((f) => f.name === name)) prior.fields.push(field);
    } else add(existingEntity(known, already ? [] : [field]));
  }
  const params = queryParameters(request, facts);
  // "filter the repository list by owner": the listing the repository serves is what changes.
  const listed = params.length > 0 && !operations.some((o) => o.method === 'GET' && !o.path.endsWith('}')) ? servedListing(request, facts) : undefined;
  const ops = [...operations, ...(listed ? [listed] : [])].map((o) => {
    const linked = linkOperation(o, out, facts);
    // A listing the request narrows gets the query parameters it names.
    if (linked.method !== 'GET' || linked.path.endsWith('}') || params.length === 0) return linked;
    const have = new Set(linked.parameters.map((p) => p.name));
    return { ...linked, parameters: [...linked.parameters, ...params.filter((p) => !have.has(p.name))] };
  });
  const languages = (['typescript', 'python', 'go'] as const).filter((l) => facts.languages.includes(l) || (l === 'typescript' && facts.languages.includes('javascript')));
  return {
    entities: out,
    operations: ops,
    api: { errorShape: facts.errorShape === 'unknown' ? 'problem' : facts.errorShape, languages: [...languages] },
  };
}

/** An entity the repository has, with its real fields (all marked existing) and the new ones. */
function existingEntity(known: RepositoryFacts['entities'][number], added: readonly Field[]): Entity {
  const real = known.fields.map(fieldOf).filter((f): f is Field => f !== undefined);
  const pk = known.fields.filter((f) => f.primaryKey).map((f) => snake(f.name));
  const name = /^[A-Z][A-Za-z0-9]*$/.test(known.name) ? known.name : pascal(singularLower(known.name).split(/[_\s-]+/));
  const table = known.table && /^[A-Za-z][A-Za-z0-9_]*$/.test(known.table) ? known.table : snake(known.table ?? known.name);
  // New columns on a table with rows are nullable (a NOT NULL column needs a default or a backfill).
  const fields = [...real, ...added.filter((a) => !real.some((r) => r.name === a.name)).map((a) => ({ ...a, required: false, existing: false }))];
  return {
    name,
    table,
    description: `The repository's ${name} (table ${known.table ?? table}).`,
    fields: fields.length > 0 ? fields : [{ name: 'id', type: 'uuid', required: true, unique: false, existing: true }],
    ...(pk.length > 0 && pk.every((p) => fields.some((f) => f.name === p)) ? { primaryKey: pk } : {}),
    indexes: [],
    existing: true,
  };
}

/** Query parameters a request names for a listing (rules as data: pattern -> parameter). */
export const QUERY_PARAMETERS: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string | undefined]> = [
  [/\bquery parameter\s+`?([a-z][a-z0-9_]*)`?/, (m) => m[1]],
  // "an archived filter (parameter)": the filter's name.
  [/\b(?:an?\s+|the\s+)?(?:optional\s+)?([a-z][a-z0-9_]*)\s+filter(?:\s+(?:query\s+)?parameter)?\b/, (m) => (['a', 'an', 'the', 'optional', 'new', 'query', 'search'].includes(m[1]!) ? undefined : m[1])],
  [/\b(?:an?\s+)?(?:optional\s+)?([a-z][a-z0-9_]*)\s+(?:query|parameter)\b(?!\s+parameter\s+`)/, (m) => (['a', 'an', 'the', 'optional', 'new'].includes(m[1]!) ? 'q' : m[1] === 'filter' || m[1] === 'query' ? undefined : m[1])],
  [/\bfilter(?:s|ed|ing)?\s+(?:the\s+)?(?:[a-z]+\s+)?(?:list\s+)?by\s+(?:their\s+|its\s+|the\s+)?([a-z][a-z0-9_]*(?:\s+[a-z][a-z0-9_]*)?)(?=\s*(?:$|[.,;:]|\s+(?:and|or|with|so|when|in|on)\b))/, (m) => m[1]],
  [/\bsearch(?:es|ing)?\s+(?:the\s+)?[a-z]+\s+by\s+([a-z][a-z0-9_]*)/, (m) => m[1]],
];

export function queryParameters(request: string, facts: RepositoryFacts): Operation['parameters'] {
  const text = request.toLowerCase();
  const out: Operation['parameters'] = [];
  for (const [re, name] of QUERY_PARAMETERS) {
    const m = re.exec(text);
    const n = m ? name(m) : undefined;
    if (!n) continue;
    const param = snake(n.replace(/\s+/g, '_'));
    if (!/^[a-z][a-z0-9_]*$/.test(param) || out.some((p) => p.name === param)) continue;
    out.push({ name: param, in: 'query', type: inferredType(param) === 'text' ? 'string' : inferredType(param), required: false, description: `Narrows the listing (${n}).` });
  }
  void facts;
  return out;
}

/** The collection route the request refers to as a list ("the repository list", "the list of items"). */
function servedListing(request: string, facts: RepositoryFacts): Operation | undefined {
  const m = /\b(?:the\s+)?([a-z]+)\s+(?:list|listing|overview|index)\b|\blist(?:ing)?\s+of\s+(?:the\s+)?([a-z]+)/.exec(request.toLowerCase());
  const noun = m ? (m[1] ?? m[2])! : undefined;
  if (!noun) return undefined;
  const key = singularLower(noun);
  const route = facts.routes.find((r) => {
    if (!r.startsWith('GET ')) return false;
    const path = r.slice(4).replace(/\/$/, '');
    const last = path.split('/').pop() ?? '';
    if (last.startsWith('{')) return false;
    const seg = singularLower(last);
    return seg === key || (seg.length >= 3 && key.startsWith(seg));
  });
  if (!route) return undefined;
  const path = route.slice(4);
  const words_ = path.split('/').filter((x) => x !== '' && !x.startsWith('{') && !/^(api|v\d+)$/.test(x));
  const id = `list${words_.map((w) => w.charAt(0).toUpperCase() + w.slice(1).replace(/[^A-Za-z0-9]/g, '')).join('')}`;
  return { operationId: id, method: 'GET', path, summary: `List ${words_.join(' ')}`.slice(0, 120), parameters: [], responseList: true, auth: false, existing: true };
}

/** The repository's route for an operation: the same method and path, with or without a trailing slash. */
function servedPath(op: Operation, facts: RepositoryFacts): string | undefined {
  const bare = (p: string) => p.replace(/\/$/, '') || '/';
  const hit = facts.routes.find((r) => r.startsWith(`${op.method} `) && bare(r.slice(r.indexOf(' ') + 1)) === bare(op.path));
  return hit ? hit.slice(hit.indexOf(' ') + 1) : undefined;
}

/**
 * An operation answers with the entity its path names (an existing one joins the draft unchanged);
 * an operation on a served route keeps the route's exact path and is marked existing.
 */
function linkOperation(input: Operation, entities: Entity[], facts: RepositoryFacts): Operation {
  const path = servedPath(input, facts);
  const op: Operation = path ? { ...input, path, existing: true } : input;
  const existing = {};
  if (op.responseEntity || op.requestEntity) return op;
  const segs = op.path.split('/').filter((s) => s !== '' && !s.startsWith('{') && !/^(api|v\d+)$/i.test(s));
  const matches = (seg: string, name: string) => singularLower(seg.replace(/-/g, '_')) === singularLower(snake(name)) || singularLower(seg.replace(/-/g, '')) === singularLower(name);
  // The nearest segment naming an entity, from the end: `/tasks/overdue` acts on tasks.
  let entity: Entity | undefined;
  let sub = false;
  for (let i = segs.length - 1; i >= 0 && !entity; i--) {
    const seg = segs[i]!;
    entity = entities.find((e) => matches(seg, e.name));
    if (!entity) {
      const known = findModelEntity(facts, seg.replace(/-/g, '_'));
      if (known) {
        entity = existingEntity(known, []);
        if (!entities.some((e) => e.name === entity!.name)) entities.push(entity);
      }
    }
    if (entity && i < segs.length - 1) sub = true;
  }
  // Without an entity the contract has no body to return: the status says what happens.
  if (!entity) return { ...op, successStatus: op.successStatus ?? (op.method === 'GET' ? 200 : 204) };
  // A sub-path that is an action on the item (`/repos/{owner}/{name}/star`) returns nothing.
  if (sub && op.method !== 'GET') return { ...op, successStatus: op.successStatus ?? 204 };
  const item = op.path.endsWith('}');
  switch (op.method) {
    case 'GET':
      return { ...op, ...existing, responseEntity: entity.name, responseList: !item, successStatus: 200 };
    case 'POST':
      return { ...op, ...existing, requestEntity: entity.name, responseEntity: entity.name, responseList: false, successStatus: 201 };
    case 'PUT':
    case 'PATCH':
      return { ...op, ...existing, requestEntity: entity.name, responseEntity: entity.name, responseList: false, successStatus: 200 };
    case 'DELETE':
      return { ...op, ...existing, successStatus: 204 };
  }
}
