/**
 * Column changes: "add a priority to tasks", "tasks should have a priority". When the things
 * named are an entity the repository already has (a migration, a model or a spec names it), the
 * request adds an attribute to that entity's table: a data change, even when storage is not
 * mentioned.
 *
 * Pure module.
 */
import type { ContextSummary } from '../context/types.js';
import { PLACE_WORDS, singular, verbBase } from '../phrases.js';
import { words } from '../request-text.js';
import { matchesAny } from './globs.js';

export interface ColumnChange {
  /** The existing entity, as written ("tasks"). */
  entity: string;
  /** The attribute asked for ("priority"). */
  attribute: string;
}

/** "add (a|an|the) <attribute> (field|column)? to (the|each|all) <things>". */
const ADD_TO = /\badd(?:s|ing)?\s+(?:an?\s+|the\s+|new\s+)*([a-z][a-z ]{0,40}?)\s+to\s+(?:the\s+|each\s+|every\s+|all\s+|our\s+)?([a-z][a-z_-]*)(?=\s*(?:$|[.,;:!?]|\s+(?:and|so|that|which|shown|displayed|visible|on|in|with|when|as|for)\b))/gi;
/** "(a|an|the|new) <attribute> (column|field) (on|in|to|of|for) <things>": a reviewer naming the column. */
const COLUMN_ON = /\b(?:an?|the|new)\s+([a-z][a-z0-9_]*(?:\s+[a-z][a-z0-9_]*)?)\s+(?:column|field)\s+(?:on|in|to|of|for)\s+(?:the\s+|each\s+|every\s+|all\s+)?([a-z][a-z_-]*)/gi;
/** "(each|every) <things> should (have|get|carry|store|record) (a|an) <attribute>". */
const SHOULD_HAVE = /\b(?:each\s+|every\s+|all\s+|the\s+)?([a-z][a-z_-]*)\s+(?:should|must|need to|needs to|can)\s+(?:have|get|carry|store|record|include)\s+(?:an?\s+|the\s+|its\s+|their\s+)?([a-z][a-z ]{0,40}?)(?=\s*(?:$|[.,;:!?]|\s+(?:and|so|that|which|shown|displayed|visible|on|in|with|when|as|for)\b))/gi;

/**
 * "(record|track|keep|remember|save|store|persist) the <attribute> of (each|every|the) <things>":
 * keeping an attribute of an existing entity is a column on its table.
 */
const KEEP_OF = /\b(?:let\s+(?:users|clients|admins)\s+(?:to\s+)?)?(?:record|track|keep|remember|save|store|persist)(?:s|ed|ing)?\s+(?:an?\s+|the\s+|its\s+|their\s+)?([a-z][a-z ]{0,40}?)\s+(?:of|for)\s+(?:the\s+|each\s+|every\s+|all\s+|our\s+|their\s+|an?\s+)?([a-z][a-z_-]*(?:\s+[a-z][a-z_-]*)?)(?=\s*(?:$|[.,;:!?]|\s+(?:and|so|that|which|shown|displayed|visible|on|in|with|when|as|for|to|at)\b))/gi;

/** Attributes that are not columns: places, features and kinds of change. */
const NOT_ATTRIBUTES = new Set([
  ...PLACE_WORDS, 'endpoints', 'test', 'tests', 'flag', 'option', 'command', 'button', 'link', 'tab', 'column', 'field',
  'docs', 'documentation', 'section', 'event', 'events', 'webhook', 'index', 'check', 'validation', 'way', 'ability', 'limit',
  'tooltip', 'badge', 'icon', 'menu', 'filter', 'view', 'screen', 'modal', 'dialog', 'form', 'card', 'widget', 'log', 'logging',
]);

/** Lower-case words of a path or identifier: `db/migrations/0002_create_tasks.sql` -> db, migrations, 0002, create, tasks, sql. */
function tokens(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

const MODEL_PATH = /(^|\/)(models?|schemas?|entities|entity|prisma)(\/|\.|_|$)/i;
const EXTENSIONS = new Set(['sql', 'py', 'ts', 'js', 'go', 'rb', 'java', 'kt', 'cs', 'rs', 'prisma', 'mjs', 'cjs']);
/** Requirement-name nouns that follow the entity they act on ("Task Creation"). */
const CRUD_NOUNS = new Set(['creation', 'listing', 'retrieval', 'update', 'deletion', 'management', 'assignment', 'storage', 'registration', 'search', 'lookup']);

/**
 * Words naming the repository's entities: the tables its migrations create
 * (`0002_create_tasks.sql` -> task), its model files and classes (`app/models/item.py`, `class
 * Item`), and the entities its requirement names act on ("Task Creation" -> task).
 */
export function entityWords(context: ContextSummary): Set<string> {
  const dataGlobs = context.boundaries.filter((b) => b.kind === 'data').flatMap((b) => b.globs);
  const out = new Set<string>();
  for (const f of context.topFiles) {
    const name = tokens(f.path.split('/').pop() ?? '').filter((t) => !EXTENSIONS.has(t) && !/^\d+$/.test(t));
    const created = name.indexOf('create');
    if (created >= 0 && (matchesAny(f.path, dataGlobs) || /migrat/i.test(f.path))) for (const t of name.slice(created + 1)) out.add(singular(t));
    if (!MODEL_PATH.test(f.path)) continue;
    for (const t of name) out.add(singular(t));
    for (const s of f.symbols) {
      const first = tokens(s.split('.')[0]!);
      // A model class names its entity (`Item`, `PantryItem`): its last word.
      if (first.length > 0 && first.length <= 3) out.add(singular(first[first.length - 1]!));
    }
  }
  // The repository model knows its entities and tables by name.
  for (const e of context.model?.entities ?? []) {
    for (const name of [e.name, e.table ?? '']) {
      const ts = tokens(name.replace(/([a-z0-9])([A-Z])/g, '$1 $2'));
      if (ts.length > 0) out.add(singular(ts[ts.length - 1]!));
    }
  }
  for (const s of context.relatedSpecs) {
    for (const name of [s.capability, ...s.requirements]) {
      const ts = tokens(name);
      ts.forEach((t, i) => {
        if (i > 0 && CRUD_NOUNS.has(t)) out.add(singular(ts[i - 1]!));
      });
    }
  }
  return out;
}

function attributeOf(text: string): string | undefined {
  const ws = words(text).filter((w) => !['field', 'column', 'attribute', 'property', 'value'].includes(w));
  if (ws.length === 0 || ws.length > 3) return undefined;
  // The head noun names the attribute ("display name"); an action is no attribute ("a sort").
  if (ws.some((w) => NOT_ATTRIBUTES.has(w)) || verbBase(ws[ws.length - 1]!) === ws[ws.length - 1]) return undefined;
  return ws.join(' ');
}

/** The column changes the request asks for on entities the repository has (first per entity). */
export function columnChanges(request: string, context: ContextSummary): ColumnChange[] {
  const known = entityWords(context);
  const out: ColumnChange[] = [];
  const push = (entityText: string, attrText: string) => {
    const entity = entityText.toLowerCase();
    const attribute = attributeOf(attrText);
    if (!attribute || PLACE_WORDS.has(entity) || !known.has(singular(entity.split(/[-_\s]+/).pop()!))) return;
    if (out.some((c) => singular(c.entity) === singular(entity))) return;
    out.push({ entity, attribute });
  };
  for (const m of request.matchAll(ADD_TO)) push(m[2]!, m[1]!);
  for (const m of request.matchAll(SHOULD_HAVE)) push(m[1]!, m[2]!);
  for (const m of request.matchAll(KEEP_OF)) push(m[2]!, m[1]!);
  for (const m of request.matchAll(COLUMN_ON)) push(m[2]!, m[1]!);
  return out;
}
