/**
 * What a request clearly implies: which kinds of change (API, UI, data, docs, events, auth) and,
 * only when spelled out, concrete operations, tables and events. The rule-based author does not
 * invent beyond these; a brief is the precise path.
 *
 * Pure module.
 */
import type { Entity, Event, HttpMethod, Operation } from '../draft.js';
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
  api: ['endpoint', 'endpoints', 'api', 'route', 'rest', 'http', 'graphql', 'webhook'],
  ui: ['ui', 'page', 'screen', 'button', 'frontend', 'form', 'modal', 'dialog', 'theme', 'css', 'component', 'dark', 'badge', 'icon', 'menu', 'sidebar', 'layout'],
  data: ['table', 'tables', 'column', 'columns', 'database', 'db', 'migration', 'schema', 'sql', 'index', 'persist', 'store'],
  docs: ['docs', 'documentation', 'document', 'readme', 'guide', 'tutorial', 'changelog'],
  events: ['event', 'events', 'emit', 'publish', 'subscribe', 'webhook'],
  auth: ['auth', 'authentication', 'authorization', 'login', 'oauth', 'oauth2', 'jwt', 'sso', 'token'],
};

const EXPLICIT_ROUTE = /\b(GET|POST|PUT|PATCH|DELETE)\s+(\/[A-Za-z0-9_\-/{}.]*)/g;

export function detectSignals(request: string): Signals {
  const ws = new Set(words(request));
  const has = (k: keyof Signals) => VOCAB[k].some((w) => ws.has(w));
  return {
    api: has('api') || new RegExp(EXPLICIT_ROUTE.source).test(request),
    ui: has('ui'),
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

const ACTION_METHOD: Readonly<Record<string, { method: HttpMethod; item: boolean; suffix: boolean }>> = {
  list: { method: 'GET', item: false, suffix: false },
  search: { method: 'GET', item: false, suffix: false },
  get: { method: 'GET', item: true, suffix: false },
  fetch: { method: 'GET', item: true, suffix: false },
  create: { method: 'POST', item: false, suffix: false },
  add: { method: 'POST', item: false, suffix: false },
  update: { method: 'PATCH', item: true, suffix: false },
  edit: { method: 'PATCH', item: true, suffix: false },
  delete: { method: 'DELETE', item: true, suffix: false },
  remove: { method: 'DELETE', item: true, suffix: false },
};

/**
 * Operations from an explicit `METHOD /path`, or from "endpoint to <action> <resource>"
 * (e.g. "an endpoint to archive tasks" -> `POST /tasks/{id}/archive`). Nothing otherwise.
 */
export function inferOperations(request: string, summary: string): Operation[] {
  const ops: Operation[] = [];
  for (const m of request.matchAll(EXPLICIT_ROUTE)) {
    const method = m[1] as HttpMethod;
    const path = m[2]!.replace(/[.]+$/, '');
    ops.push(operation(method, path, summary));
  }
  if (ops.length > 0) return ops;
  const m = /\b(?:endpoint|route|api)s?\s+(?:to|for|that)\s+([a-z]+)\s+(?:a |an |the |all )?([a-z][a-z-]*)/i.exec(request);
  if (!m) return [];
  const action = m[1]!.toLowerCase();
  const resource = m[2]!.toLowerCase();
  const known = Object.hasOwn(ACTION_METHOD, action) ? ACTION_METHOD[action] : undefined;
  const base = `/${resource}`;
  if (known) return [operation(known.method, known.item ? `${base}/{id}` : base, summary)];
  return [operation('POST', `${base}/{id}/${action}`, summary)];
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

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ses')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * A table only when the request says so: "store pantry items in a table", "in a price_history
 * table". Columns are not guessed: one timestamp column marks the row; the brief gives the rest.
 */
export function inferEntities(request: string): Entity[] {
  const m =
    /\b(?:store|persist|save|keep|record)s?\s+(?:the |a |an )?([a-z][a-z ]*?)\s+in\s+(?:a |an |the )?(?:new )?(?:`?(?!database\b)([a-z][a-z0-9_]*)`?\s+)?(?:database )?table\b/i.exec(request);
  if (!m) return [];
  const thing = words(m[1]!).filter((w) => w !== 'all');
  const table = m[2] ? m[2].toLowerCase() : thing.join('_');
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
