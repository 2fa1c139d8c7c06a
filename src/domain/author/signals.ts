/**
 * What a request clearly implies: which kinds of change (API, UI, data, docs, events, auth) and,
 * only when spelled out, concrete operations, tables and events. The rule-based author does not
 * invent beyond these; a brief is the precise path.
 *
 * Pure module.
 */
import type { Entity, Event, HttpMethod, Operation } from '../draft.js';
import { isPlural, nounPhrase, presentBase, PLACE_WORDS, PRONOUNS, singular, splitClauses, verbBase, verbChain } from '../phrases.js';
import { actionNoun, titleCase } from '../naming.js';
import { words } from '../request-text.js';

export interface Signals {
  api: boolean;
  ui: boolean;
  data: boolean;
  docs: boolean;
  events: boolean;
  auth: boolean;
}

const VOCAB: Readonly<Record<keyof Signals, readonly string[]>> = {
  // Also what only a server handles: responses, headers, middleware, compression, CORS.
  api: ['endpoint', 'endpoints', 'api', 'route', 'rest', 'http', 'graphql', 'webhook', 'response', 'responses', 'header', 'headers', 'middleware', 'cors', 'gzip', 'brotli', 'backend', 'server'],
  ui: ['ui', 'page', 'pages', 'screen', 'screens', 'button', 'buttons', 'frontend', 'form', 'forms', 'modal', 'dialog', 'theme', 'css', 'component', 'components', 'dark', 'badge', 'icon', 'menu', 'sidebar', 'layout', 'show', 'shows', 'display', 'displays', 'view', 'views', 'board', 'web', 'website', 'browser', 'dashboard', 'widget', 'tooltip', 'card', 'cards', 'highlight', 'render', 'visible', 'ux'],
  data: ['table', 'tables', 'column', 'columns', 'database', 'db', 'migration', 'schema', 'sql', 'index', 'persist', 'store'],
  docs: ['docs', 'documentation', 'document', 'readme', 'guide', 'tutorial', 'changelog'],
  events: ['event', 'events', 'emit', 'publish', 'subscribe', 'webhook'],
  auth: ['auth', 'authentication', 'authorization', 'login', 'oauth', 'oauth2', 'jwt', 'sso', 'token'],
};

const EXPLICIT_ROUTE = /\b(GET|POST|PUT|PATCH|DELETE)\s+(\/[A-Za-z0-9_\-/{}.]*)/g;

/** UI words that also describe what an API does ("an endpoint that shows ..."). */
const WEAK_UI = new Set(['show', 'shows', 'display', 'displays', 'view', 'views', 'render', 'visible', 'highlight', 'card', 'cards']);

/** True when a clause asks for UI: an API clause counts only unambiguous UI words. */
export function uiClause(text: string): boolean {
  const ws = words(text);
  const apiClause = ws.some((w) => VOCAB.api.includes(w)) || new RegExp(EXPLICIT_ROUTE.source).test(text);
  return ws.some((w) => VOCAB.ui.includes(w) && !(apiClause && WEAK_UI.has(w)));
}

export function detectSignals(request: string): Signals {
  const ws = new Set(words(request));
  const has = (k: keyof Signals) => VOCAB[k].some((w) => ws.has(w));
  return {
    api: has('api') || new RegExp(EXPLICIT_ROUTE.source).test(request),
    ui: splitClauses(request).some((c) => uiClause(c.text)),
    data: has('data'),
    docs: has('docs'),
    events: has('events'),
    auth: has('auth'),
  };
}

/** True when the request is only about documentation. */
export function isDocsOnly(signals: Signals, verb: string): boolean {
  return (verb === 'document' || signals.docs) && !signals.api && !signals.ui && !signals.data && !signals.events;
}

function camel(parts: string[]): string {
  return parts
    .filter((p) => p.length > 0)
    .map((p, i) => (i === 0 ? p.toLowerCase() : p[0]!.toUpperCase() + p.slice(1).toLowerCase()))
    .join('');
}

function operationIdFor(method: HttpMethod, path: string): string {
  const segs = path.split('/').filter((s) => s !== '' && !s.startsWith('{')).flatMap((s) => s.split(/[^A-Za-z0-9]+/));
  const verb = { GET: 'get', POST: 'create', PUT: 'replace', PATCH: 'update', DELETE: 'delete' }[method];
  return camel([verb, ...segs]) || verb;
}

function paramsOf(path: string): Operation['parameters'] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1]!, in: 'path' as const, type: 'string' as const, required: true }));
}

interface Action {
  method: HttpMethod;
  /** Acts on one item (`/{id}`). */
  item: boolean;
  /** Requirement-name noun: "Overdue Task Listing". */
  noun: string;
  /** operationId verb. */
  id: string;
  /** Path segment after the collection (e.g. `export`). */
  segment?: string;
}

/** Plural in form, one thing in meaning: "the recipe details" is read, not listed. */
const ONE_THING_PLURALS = new Set(['details', 'settings', 'preferences', 'stats', 'statistics', 'analytics', 'news', 'metrics', 'contents', 'credentials', 'permissions']);

const ACTIONS: Readonly<Record<string, Action>> = {
  list: { method: 'GET', item: false, noun: 'Listing', id: 'list' },
  expose: { method: 'GET', item: false, noun: 'Listing', id: 'list' },
  search: { method: 'GET', item: false, noun: 'Search', id: 'search', segment: 'search' },
  filter: { method: 'GET', item: false, noun: 'Filtering', id: 'list' },
  find: { method: 'GET', item: false, noun: 'Lookup', id: 'find' },
  count: { method: 'GET', item: false, noun: 'Count', id: 'count', segment: 'count' },
  export: { method: 'GET', item: false, noun: 'Export', id: 'export', segment: 'export' },
  get: { method: 'GET', item: true, noun: 'Retrieval', id: 'get' },
  fetch: { method: 'GET', item: true, noun: 'Retrieval', id: 'get' },
  show: { method: 'GET', item: true, noun: 'Retrieval', id: 'get' },
  return: { method: 'GET', item: true, noun: 'Retrieval', id: 'get' },
  read: { method: 'GET', item: true, noun: 'Retrieval', id: 'get' },
  create: { method: 'POST', item: false, noun: 'Creation', id: 'create' },
  add: { method: 'POST', item: false, noun: 'Creation', id: 'create' },
  register: { method: 'POST', item: false, noun: 'Registration', id: 'register' },
  submit: { method: 'POST', item: false, noun: 'Submission', id: 'submit' },
  import: { method: 'POST', item: false, noun: 'Import', id: 'import', segment: 'import' },
  update: { method: 'PATCH', item: true, noun: 'Update', id: 'update' },
  edit: { method: 'PATCH', item: true, noun: 'Update', id: 'update' },
  change: { method: 'PATCH', item: true, noun: 'Update', id: 'update' },
  modify: { method: 'PATCH', item: true, noun: 'Update', id: 'update' },
  rename: { method: 'PATCH', item: true, noun: 'Renaming', id: 'rename' },
  set: { method: 'PATCH', item: true, noun: 'Update', id: 'update' },
  // "mark tasks as done": a state change of the item, not a `/mark` action.
  mark: { method: 'PATCH', item: true, noun: 'Marking', id: 'mark' },
  delete: { method: 'DELETE', item: true, noun: 'Deletion', id: 'delete' },
  remove: { method: 'DELETE', item: true, noun: 'Deletion', id: 'delete' },
};

function plural(word: string): string {
  if (word.endsWith('s')) return word;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(ch|sh|x)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** A route's path segments without parameters. */
function staticSegments(route: string): string[] {
  return route.split('/').filter((s) => s !== '' && !s.startsWith('{'));
}

/**
 * The prefix every API route of the repository shares (`/api`, `/api/v1`): a leading static
 * segment that several different resources sit under. Empty when there is none.
 */
export function routePrefix(routes: readonly string[]): string {
  const under = new Map<string, Set<string>>();
  for (const r of routes) {
    const segs = r.split('/').filter((x) => x !== '');
    // Candidate prefixes: the first segment, and the first two when the second is a version.
    const cuts = [1, ...(segs[1] && /^v\d+$/.test(segs[1]) ? [2] : [])];
    for (const n of cuts) {
      const head = segs.slice(0, n);
      const next = segs[n];
      if (!next || next.startsWith('{') || head.some((x) => x.startsWith('{'))) continue;
      const key = `/${head.join('/')}`;
      if (!under.has(key)) under.set(key, new Set());
      under.get(key)!.add(next);
    }
  }
  // A resource (`/users/{id}`, `/users` served itself) is no prefix, whatever sits below it.
  const resource = (key: string) => routes.some((r) => r === key || (r.startsWith(`${key}/{`)));
  // Several resources under one prefix; a versioned prefix wins over its parent.
  const best = [...under.entries()]
    .filter(([k, v]) => v.size >= 2 && !resource(k))
    .sort((a, b) => b[0].split('/').length - a[0].split('/').length || b[1].size - a[1].size || a[0].localeCompare(b[0]))[0];
  return best ? best[0] : '';
}

/** Where a resource lives among the repository's routes: its collection path and item parameter. */
function resourceBase(resource: string, routes: readonly string[]): { base: string; param: string } | undefined {
  const names = new Set([resource, singular(resource), plural(singular(resource))]);
  // A route may abbreviate its resource: /repos for repositories, /orgs for organizations.
  const full = singular(resource);
  const abbreviates = (seg: string) => {
    const short = singular(seg.toLowerCase());
    // One word only: a compound resource (`user-tasks`) is not an abbreviation of its first word.
    if (seg.startsWith('{') || /^(api|v\d+|rest|app|web)$/i.test(seg) || /[-_]/.test(full)) return false;
    return short.length >= 3 && short.length < full.length && full.length - short.length >= 3 && full.startsWith(short) && (short.length >= 4 || full.length >= 8);
  };
  let found: { base: string; param: string; depth: number } | undefined;
  for (const r of routes) {
    const segs = r.split('/').filter((s) => s !== '');
    let i = segs.findIndex((s) => names.has(s.toLowerCase()) || names.has(s.toLowerCase().replace(/_/g, '-')));
    if (i < 0) i = segs.findIndex(abbreviates);
    if (i < 0) continue;
    const base = `/${segs.slice(0, i + 1).join('/')}`;
    const next = segs[i + 1];
    // An item addressed by several parameters (`/repos/{owner}/{name}`) keeps all of them.
    const params: string[] = [];
    for (let j = i + 1; j < segs.length && /^\{[^}]+\}$/.test(segs[j]!); j++) params.push(segs[j]!.slice(1, -1));
    const param = params.length > 0 ? params.join('}/{') : 'id';
    // The shortest collection path wins; one that shows its item parameter beats one that doesn't.
    const depth = i * 2 + (next && next.startsWith('{') ? 0 : 1);
    if (!found || depth < found.depth || (depth === found.depth && base.localeCompare(found.base) < 0)) found = { base, param, depth };
  }
  return found ? { base: found.base, param: found.param } : undefined;
}

/** Qualifiers that make a resource an aggregate over a collection ("the total pantry value"). */
const AGGREGATES = new Set(['total', 'sum', 'average', 'mean', 'overall', 'combined', 'cumulative', 'aggregate']);

/** Nouns of one-per-owner resources: no collection, no `{id}`. */
const SINGLETON_NOUNS = new Set(['settings', 'preferences', 'profile', 'dashboard', 'summary', 'report', 'stats', 'statistics', 'overview', 'config', 'configuration']);

/**
 * A singleton resource: a singleton noun, or a singular segment the repository serves without an
 * item parameter below it (`/shopping-list`, `/expiry`).
 */
function isSingleton(resource: string, found: { base: string } | undefined, routes: readonly string[]): boolean {
  if (SINGLETON_NOUNS.has(resource)) return true;
  if (!found) return false;
  const last = found.base.split('/').pop() ?? '';
  if (isPlural(words(last))) return false;
  return !routes.some((r) => r.startsWith(`${found.base}/{`));
}

const EXPLICIT_ROUTE_ONE = new RegExp(EXPLICIT_ROUTE.source, 'g');
const PREFIX_SEGMENT = /^(api|rest|v\d+)$/i;
const isParam = (seg: string | undefined) => seg !== undefined && /^\{[^}]+\}$/.test(seg);

/**
 * Name, operationId and resource words of a spelled-out `METHOD /path`:
 * `POST /api/tasks/{id}/archive` -> archiveTask, "Task Archiving";
 * `GET /api/tasks/archived` -> listArchivedTasks, "Archived Task Listing".
 */
function explicitShape(method: HttpMethod, path: string): { operationId: string; name: string; resource: string[]; many: boolean } {
  const all = path.split('/').filter((x) => x !== '');
  let i = 0;
  while (i < all.length - 1 && PREFIX_SEGMENT.test(all[i]!)) i++;
  const segs = all.slice(i);
  const w = (seg: string) => words(seg);
  const last = segs[segs.length - 1] ?? 'resource';
  const prev = segs[segs.length - 2];
  const crud = (item: string[], severalItems: boolean) => {
    const many = method === 'GET' && severalItems;
    const verb = { GET: many ? 'list' : 'get', POST: 'create', PUT: 'replace', PATCH: 'update', DELETE: 'delete' }[method];
    const noun = { GET: many ? 'Listing' : 'Retrieval', POST: 'Creation', PUT: 'Replacement', PATCH: 'Update', DELETE: 'Deletion' }[method];
    const idWords = many ? [...item.slice(0, -1), plural(item[item.length - 1]!)] : item;
    return { operationId: camel([verb, ...idWords]), name: `${titleCase(item)} ${noun}`, resource: many ? idWords : item, many };
  };
  if (isParam(last)) {
    // An item of a collection: /tasks/{id}.
    const coll = prev && !isParam(prev) ? w(prev) : ['resource'];
    return crud([...coll.slice(0, -1), singular(coll[coll.length - 1]!)], false);
  }
  const lastWords = w(last);
  if (isParam(prev)) {
    // On an item: an action (/tasks/{id}/archive) or a sub-resource (/tasks/{id}/comments).
    const ownerSeg = segs[segs.length - 3];
    const owner = ownerSeg && !isParam(ownerSeg) ? [singular(w(ownerSeg).slice(-1)[0]!)] : [];
    const action = verbBase(last);
    if (method === 'POST' && action !== undefined && action === last) {
      return { operationId: camel([action, ...owner]), name: `${titleCase(owner)} ${titleCase([actionNoun(action)])}`.trim(), resource: owner, many: false };
    }
    const several = isPlural(lastWords);
    return crud([...owner, ...lastWords.slice(0, -1), several ? singular(lastWords[lastWords.length - 1]!) : lastWords[lastWords.length - 1]!], several);
  }
  if (prev && isPlural(w(prev)) && !isPlural(lastWords)) {
    const item = singular(w(prev).slice(-1)[0]!);
    const action = verbBase(last);
    if (action !== undefined && action === last && method !== 'GET') {
      // A collection-wide action: POST /tasks/import.
      return { operationId: camel([action, ...w(prev)]), name: `${titleCase([item])} ${titleCase([actionNoun(action)])}`, resource: w(prev), many: false };
    }
    if (method === 'GET') {
      // A filtered listing: GET /tasks/archived.
      return { operationId: camel(['list', ...lastWords, ...w(prev)]), name: `${titleCase([...lastWords, item])} Listing`, resource: [...lastWords, ...w(prev)], many: true };
    }
  }
  const several = isPlural(lastWords);
  return crud([...lastWords.slice(0, -1), several ? singular(lastWords[lastWords.length - 1]!) : lastWords[lastWords.length - 1]!], several);
}

export interface InferredOperation {
  operation: Operation;
  /** Requirement name for the behaviour: "Overdue Task Listing". */
  name: string;
  /** Words of the resource as written ("overdue tasks"). */
  resource: string[];
  /** Index of the request clause that asked for it. */
  clause: number;
  /** The clause's verb for this operation ("create" of "create and list comments"). */
  verb?: string;
  /** One of several operations asked for by the same clause. */
  shared?: boolean;
  /** The request changes a route the repository already serves (same method and path). */
  modifies?: boolean;
}

/** `/api/tasks/{taskId}` and `/api/tasks/{id}` are the same route. */
function normalisePath(path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}').replace(/\/+$/, '');
}

const API_CLAUSE = /\b(?:endpoints?|routes?|apis?|operations?|handlers?)\s+(?:(?:that|which)\s+(?:will\s+|can\s+)?|to\s+|for\s+|so\s+(?:that\s+)?(?:clients|users)\s+can\s+|letting\s+(?:clients|users)\s+)([a-z]+)\b(.*)$/i;

/**
 * Operations from explicit `METHOD /path` mentions, else one per clause that asks for an endpoint
 * ("an API endpoint that lists overdue tasks" -> `GET /api/tasks/overdue` when the repository
 * serves `/api/tasks`). `routes` are the repository's existing routes (context `apiRoutes`):
 * their prefix and resource paths are reused.
 */
const MODIFYING = new Set(['update', 'change', 'modify', 'extend', 'make', 'fix', 'improve', 'optimize', 'optimise']);

/** Verbs that say how, not what, an API does. */
const NOT_ACTIONS = new Set(['use', 'run', 'make', 'let', 'allow', 'enable', 'support', 'provide', 'implement', 'build', 'introduce', 'document', 'describe', 'explain', 'fix', 'refactor', 'migrate', 'move', 'port', 'improve', 'optimize', 'optimise', 'speed', 'cache', 'limit', 'retry', 'log', 'warn', 'validate', 'check', 'clean', 'simplify', 'split', 'extract', 'restructure', 'replace', 'switch', 'upgrade', 'deprecate', 'retire', 'drop', 'store', 'persist', 'save', 'keep', 'track', 'record', 'emit', 'publish', 'send', 'notify', 'display', 'render', 'highlight', 'include', 'write', 'speed', 'paginate']);

const VIA_API = /^(?:(?:let|allow|enable)\s+(?:users|clients|customers|admins)\s+(?:to\s+)?)?([a-z]+)\s+(.*?)\s+(?:through|via|from|in|with|using|over)\s+(?:the\s+|an?\s+)?(?:[a-z]+\s+)?(?:api|rest api|endpoints?)\b/i;

/** "a priority that can be set via the API": the participle is the API's action on the thing. */
const CAN_BE_VIA = /^(?:[a-z]+\s+)?(.*?)\s+(?:that|which)\s+(?:can|may|should|must|will)\s+be\s+([a-z]+)\s+(?:through|via|using|over|from)\s+(?:the\s+|an?\s+)?(?:api|rest api|endpoints?)\b/i;

/** set -> set, updated -> update, edited -> edit, created -> create. */
function participleBase(word: string): string | undefined {
  const w = word.toLowerCase();
  const candidates = w.endsWith('ed') ? [w.slice(0, -2), w.slice(0, -1), w.slice(0, -3)] : [w];
  return candidates.map((c) => verbBase(c)).find((v) => v !== undefined && v.length > 1);
}

/** A clause whose action happens through the API; same groups as API_CLAUSE (action, rest). */
function viaApi(text: string): [string, string, string] | undefined {
  const can = CAN_BE_VIA.exec(text.trim());
  const action = can ? participleBase(can[2]!) : undefined;
  if (can && action && !NOT_ACTIONS.has(action)) return [can[0], action, ` ${can[1]!}`];
  const m = VIA_API.exec(text.trim());
  if (!m) return undefined;
  const verb = verbBase(m[1]!);
  // Actions on a resource: "return it from the users API" names no resource (checked later).
  if (!verb || NOT_ACTIONS.has(verb)) return undefined;
  return [m[0], m[1]!, ` ${m[2]!}`];
}

export function inferOperationsDetailed(request: string, summary: string, routes: readonly string[] = [], operations: readonly string[] = []): InferredOperation[] {
  const explicit: InferredOperation[] = [];
  for (const m of request.matchAll(EXPLICIT_ROUTE)) {
    const method = m[1] as HttpMethod;
    const path = m[2]!.replace(/[.]+$/, '');
    const clauses = splitClauses(request);
    const clause = Math.max(clauses.findIndex((c) => c.text.includes(m[0])), 0);
    const shape = explicitShape(method, path);
    // What the clause adds to the operation ("pagination to GET /api/tasks" -> Task Listing Pagination).
    const c = clauses[clause];
    const rest = c ? words(c.text.replace(EXPLICIT_ROUTE_ONE, ' ')).slice(c.verb ? 1 : 0) : [];
    const lead = rest.findIndex((w) => ['to', 'for', 'of', 'in', 'on', 'with', 'and', 'that', 'so', 'when'].includes(w) || verbBase(w) !== undefined);
    const extra = (lead < 0 ? rest : rest.slice(0, lead)).filter((w) => !['a', 'an', 'the'].includes(w) && !PLACE_WORDS.has(w) && !shape.resource.includes(w)).slice(0, 2);
    const name = `${shape.name}${extra.length > 0 ? ` ${titleCase(extra)}` : ''}`;
    const op = { ...operation(method, path, summary), operationId: shape.operationId, responseList: shape.many };
    if (explicit.some((e) => e.operation.operationId === op.operationId)) op.operationId = operationIdFor(method, path);
    explicit.push({ operation: op, name, resource: shape.resource, clause });
  }
  if (explicit.length > 0) return explicit;
  const out: InferredOperation[] = [];
  const prefix = routePrefix(routes);
  const served = new Set(routes.map((r) => normalisePath(r)));
  // `METHOD /path` the repository serves; a path whose methods are unknown counts as served GET.
  const servedOps = new Set(operations.map((o) => o.replace(/^([A-Z]+)\s+(.*)$/, (_, m: string, p: string) => `${m} ${normalisePath(p)}`)));
  const withMethods = new Set([...servedOps].map((o) => o.slice(o.indexOf(' ') + 1)));
  const serves = (method: HttpMethod, path: string) => {
    const p = normalisePath(path);
    return servedOps.has(`${method} ${p}`) || (method === 'GET' && served.has(p) && !withMethods.has(p));
  };
  splitClauses(request).forEach((clause, index) => {
    // "an endpoint that lists X", or "let users search items by barcode through the API".
    const m = API_CLAUSE.exec(clause.text) ?? viaApi(clause.text);
    if (!m) return;
    // "endpoints to create, update and delete labels": one operation per coordinated verb.
    const all = words(`${m[1]!}${m[2]!}`);
    const chain = verbChain(all, 0);
    const verbs = chain.verbs.length > 0 ? chain.verbs : [presentBase(m[1]!)];
    const restWords = chain.verbs.length > 0 ? all.slice(chain.end) : words(m[2]!);
    const restText = restWords.join(' ');
    // "lists tasks by priority": the criterion is a query on the listing, not a new resource.
    const by = /\bby\s+(?:the\s+|their\s+|its\s+)?([a-z][a-z0-9]*(?:\s+[a-z][a-z0-9]*)?)/.exec(restText);
    const byWords = by ? nounPhrase(words(by[1]!), 2) : [];
    let np = nounPhrase(restWords, 3).filter((w) => !PLACE_WORDS.has(w));
    // Pronouns name the previous clause's object ("list them" after "store comments ...").
    if (np.length > 0 && np.every((w) => PRONOUNS.has(w)) && index > 0) {
      const prev = splitClauses(request)[index - 1]!;
      const prevNp = nounPhrase(prev.object, 3).filter((w) => !PLACE_WORDS.has(w) && !PRONOUNS.has(w));
      if (prevNp.length > 0) np = prevNp;
    }
    // "return it from the API" names no resource of its own.
    if (np.length === 0 || np.every((w) => PRONOUNS.has(w))) return;
    // A compound resource the repository serves as one segment: "shopping list" -> /shopping-list.
    const compound = np.length > 1 && resourceBase(np.join('-'), routes) !== undefined;
    const resource = compound ? np.join('-') : np[np.length - 1]!;
    const qualifiers = compound ? [] : np.slice(0, -1);
    // A request that changes the existing route keeps its path (its requirement is then MODIFIED).
    const modifyingClause = clause.verb !== undefined && MODIFYING.has(clause.verb);
    // "returns the overdue tasks": a read of several things is a listing, not a read of one.
    const readsMany = isPlural([resource]) && !compound && !ONE_THING_PLURALS.has(resource);
    // "as YAML": a served read in another format gets its own sub-path (GET /headers/yaml).
    const format = /\b(?:as|in)\s+(csv|yaml|json|xml|pdf|html|markdown|text|xlsx)\b/.exec(restText)?.[1];
    for (const verb of verbs) {
      const action = Object.hasOwn(ACTIONS, verb) ? ACTIONS[verb] : undefined;
      const known = action && action.method === 'GET' && action.item && readsMany ? { ...action, item: false, noun: 'Listing', id: 'list' } : action;
      // "the tasks of a user": a served owner nests the resource, even one served on its own.
      const ownerOf = /\b(?:of|for|on)\s+(?:a |an |the |each |every |one )?([a-z][a-z-]*)\s*$/.exec(restText.replace(/\s+by\s+.*$/, ''));
      const ownerBase = ownerOf && singular(ownerOf[1]!) !== singular(resource) && qualifiers.includes(singular(ownerOf[1]!)) ? resourceBase(ownerOf[1]!, routes) : undefined;
      const found = ownerBase ? undefined : resourceBase(resource, routes);
      // A sub-resource of a served one: "user profile" -> /users/{id}/profile, "comments on tasks"
      // -> /tasks/{id}/comments.
      let parent: { base: string; param: string; sub: string[] } | undefined;
      if (!found) {
        for (let i = qualifiers.length - 1; i >= 0 && !parent; i--) {
          const pb = resourceBase(qualifiers[i]!, routes);
          if (pb) parent = { ...pb, sub: np.slice(i + 1) };
        }
        const owner = /\b(?:on|of|for|in|to)\s+(?:a |an |the |each |every )?([a-z][a-z-]*)/i.exec(restText);
        const pb = !parent && owner ? resourceBase(owner[1]!.toLowerCase(), routes) : undefined;
        if (pb) parent = { ...pb, sub: [plural(singular(resource))] };
      }
      // "the total pantry value": an aggregate read under what it aggregates, served or named
      // (GET /items/total-value, GET /pantry/total-value), not a new collection.
      const aggregate = known?.method === 'GET' && !found && qualifiers.some((w) => AGGREGATES.has(w));
      if (aggregate) {
        const over = qualifiers.filter((w) => !AGGREGATES.has(w));
        const ownerWord = ownerOf ? ownerOf[1]! : undefined;
        const servedOver = (ownerWord ? resourceBase(ownerWord, routes) : undefined) ?? (over.length > 0 ? resourceBase(over.join('-'), routes) ?? resourceBase(over[over.length - 1]!, routes) : undefined);
        const ownerPath = servedOver?.base ?? (over.length > 0 ? `${prefix}/${over.join('-')}` : ownerWord ? `${prefix}/${plural(singular(ownerWord))}` : '');
        if (ownerPath !== '') parent = undefined;
        if (ownerPath !== '') {
          const aggWords = qualifiers.filter((w) => AGGREGATES.has(w));
          const aggPath = `${ownerPath}/${[...aggWords, ...resource.split('-')].join('-')}`;
          if (!serves('GET', aggPath) && !out.some((o) => o.operation.method === 'GET' && o.operation.path === aggPath)) {
            let operationId = camel(['get', ...qualifiers, ...resource.split('-')].flatMap((w) => w.split(/[^a-z0-9]+/)));
            if (out.some((o) => o.operation.operationId === operationId)) operationId = `${operationId}${out.length + 1}`;
            const own = `${verb} ${restText}`.replace(/\s+/g, ' ').trim();
            const op = { ...operation('GET', aggPath, own.length > 0 ? own[0]!.toUpperCase() + own.slice(1, 120) : summary), operationId, responseList: false };
            out.push({ operation: op, name: `${titleCase([...qualifiers, ...resource.split('-')])} ${known?.noun ?? 'Retrieval'}`, resource: np, clause: index, verb, ...(verbs.length > 1 ? { shared: true } : {}) });
          }
          continue;
        }
      }
      const single = !parent && isSingleton(resource, found, routes);
      const base = parent ? `${parent.base}/{${parent.param}}/${parent.sub.join('-')}` : (found?.base ?? `${prefix}/${single ? np.join('-') : plural(singular(resource))}`);
      const param = found?.param ?? 'id';
      let path: string;
      if (parent && (!known || known.item)) path = known ? base : `${base}/${verb}`;
      // A singleton is addressed as itself: GET /shopping-list, PATCH /api/settings.
      else if (single) path = known ? (known.segment ? `${base}/${known.segment}` : base) : `${base}/${verb}`;
      else if (!known) path = `${base}/{${param}}/${verb}`;
      else if (known.item && !found && qualifiers.length > 0 && !isPlural([resource])) path = `${prefix}/${np.join('-')}`;
      else if (known.item) path = `${base}/{${param}}`;
      else if (known.segment) path = `${base}/${known.segment}`;
      else if (known.method === 'GET' && qualifiers.length > 0 && !parent) path = `${base}/${qualifiers.join('-')}`;
      else path = base;
      const many = known !== undefined && !known.item && known.method === 'GET';
      // A listing "by" a criterion, or one the repository already serves, gets its own sub-path
      // instead of duplicating the existing route: GET /api/tasks/by-priority.
      const method = known?.method ?? 'POST';
      const keeps = modifyingClause && (serves(method, path) || (!withMethods.has(normalisePath(path)) && served.has(normalisePath(path))));
      if (many && byWords.length > 0 && !known?.segment && !keeps) path = `${path}/by-${byWords.join('-')}`;
      const inFormat = format !== undefined && method === 'GET' && !keeps && !parent && serves(method, base);
      if (inFormat) path = `${base}/${format}`;
      // An operation (method and path) the repository already serves is not proposed again.
      if (!keeps && serves(method, path)) {
        if (!many || qualifiers.length === 0) continue;
        path = `${path}/${qualifiers.join('-')}`;
        if (serves(method, path)) continue;
      }
      const item = single ? resource : singular(resource);
      // "mark tasks as done": the state names the operation (markTaskDone).
      const state = verb === 'mark' ? (/\bas\s+(?:an?\s+|the\s+)?([a-z][a-z-]*)/.exec(restText)?.[1] ?? '') : '';
      const idWords = [known?.id ?? verb, ...qualifiers, many ? plural(item) : item, ...(state ? [state] : []), ...(inFormat ? [format] : []), ...(many && byWords.length > 0 && !keeps ? ['by', ...byWords] : [])];
      let operationId = camel(idWords.flatMap((w) => w.split(/[^a-z0-9]+/)));
      if (out.some((o) => o.operation.operationId === operationId)) operationId = `${operationId}${out.length + 1}`;
      if (out.some((o) => o.operation.method === method && o.operation.path === path)) continue;
      const own = `${verb} ${restText}`.replace(/\s+/g, ' ').trim();
      const opSummary = own.length > 0 ? own[0]!.toUpperCase() + own.slice(1, 120) : summary;
      const op = { ...operation(method, path, opSummary), operationId, responseList: many, ...(known?.method === 'POST' && !known.segment ? { successStatus: 201 } : {}) };
      const by2 = many && byWords.length > 0 && !keeps ? ` by ${titleCase(byWords)}` : '';
      out.push({ operation: op, name: `${titleCase([...qualifiers, ...item.split('-'), ...(inFormat ? [format] : [])])} ${known?.noun ?? titleCase([actionNoun(verb)])}${by2}`, resource: np, clause: index, verb, ...(verbs.length > 1 ? { shared: true } : {}), ...(keeps ? { modifies: true } : {}) });
    }
  });
  return out;
}

/** Operations only (see inferOperationsDetailed). */
export function inferOperations(request: string, summary: string, routes: readonly string[] = [], operations: readonly string[] = []): Operation[] {
  return inferOperationsDetailed(request, summary, routes, operations).map((o) => o.operation);
}

function operation(method: HttpMethod, path: string, summary: string): Operation {
  return {
    operationId: operationIdFor(method, path),
    method,
    path,
    summary,
    parameters: paramsOf(path),
    responseList: false,
    auth: false,
  };
}

function pascal(parts: string[]): string {
  return parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
}

/**
 * A table only when the request says so: "store pantry items in a table", "in a price_history
 * table". Columns are not guessed: one timestamp column marks the row; the brief gives the rest.
 */
export function inferEntities(request: string): Entity[] {
  const m =
    /\b(?:store|persist|save|keep|record)s?\s+(?:the |a |an )?([a-z][a-z ]*?)\s+in\s+(a |an |the )?(new )?(?:`?(?!database\b)([a-z][a-z0-9_]*)`?\s+)?(?:database )?table\b/i.exec(request);
  if (!m) return [];
  // "in the tasks table" names a table that exists: the change is a column, not a new entity.
  if (m[2]?.toLowerCase() === 'the ' && !m[3] && m[4]) return [];
  let thing = words(m[1]!).filter((w) => w !== 'all');
  // "store them in a comments table": the table names what the pronoun stands for.
  if (thing.every((w) => PRONOUNS.has(w)) && m[4]) thing = m[4].toLowerCase().split('_');
  const table = m[4] ? m[4].toLowerCase() : thing.join('_');
  if (!/^[a-z][a-z0-9_]*$/.test(table) || thing.length === 0) return [];
  const nameParts = table.split('_');
  nameParts[nameParts.length - 1] = singular(nameParts[nameParts.length - 1]!);
  return [
    {
      name: pascal(nameParts),
      table,
      description: `Rows for ${thing.join(' ')}; columns beyond the key and timestamp come from a brief.`,
      fields: [{ name: 'created_at', type: 'datetime', required: true, unique: false, description: 'When the row was created.' }],
      indexes: [],
    },
  ];
}

/** Events only when named: "emit a `task.archived` event". */
export function inferEvents(request: string): Event[] {
  const out: Event[] = [];
  for (const m of request.matchAll(/\b(?:emit|publish|send|raise)s?\s+(?:a |an |the )?`?([a-z][a-z0-9]*(?:\.[a-z][a-z0-9]*)+)`?\s+event/gi)) {
    const name = m[1]!.toLowerCase();
    if (out.some((e) => e.name === name)) continue;
    out.push({
      name,
      description: `Published when ${name.split('.').reverse().join(' of ')} happens.`,
      version: 1,
      fields: [
        { name: 'id', type: 'uuid', required: true, unique: false, description: 'Id of the subject the event is about.' },
        { name: 'occurred_at', type: 'datetime', required: true, unique: false, description: 'When it happened.' },
      ],
    });
  }
  return out;
}
