/**
 * Rejects a draft the contract generators cannot turn into valid contracts, before anything is
 * written. Every issue names the offending item by name (`entities[Task].fields[status].type`),
 * not by index, so the author can find it. Result is data: `{valid, issues}`. Pure module.
 */
import type { z } from 'zod';
import { PlanDraftSchema, type Field, type PlanDraft } from '../draft.js';
import { describeValue } from '../zod-issues.js';
import { MIN_MAX_LENGTH } from './examples.js';
import { FIELD_TYPES, isKnownFieldType, isStringLike } from './field-types.js';
import { entityView, findEntity, schemaNames } from './model.js';
import { eventClassName, PROBLEM_SCHEMA } from './names.js';
import { isReservedSqlName } from './sql-reserved.js';

export type DraftIssueCode =
  | 'schema'
  | 'unknown_field_type'
  | 'duplicate_operation_id'
  | 'duplicate_route'
  | 'duplicate_parameter'
  | 'invalid_path_template'
  | 'path_parameter_not_in_path'
  | 'path_parameter_undeclared'
  | 'ambiguous_request_body'
  | 'unknown_entity'
  | 'unknown_field'
  | 'duplicate_field'
  | 'duplicate_entity_name'
  | 'duplicate_table_name'
  | 'schema_name_clash'
  | 'reserved_sql_name'
  | 'reference_not_unique'
  | 'reference_type_mismatch'
  | 'constraint_not_applicable'
  | 'duplicate_event';

export interface DraftIssue {
  code: DraftIssueCode;
  /** Named path, e.g. `operations[getTask].parameters[id]`. */
  path: string;
  message: string;
}

export interface DraftCheck {
  valid: boolean;
  issues: DraftIssue[];
  /** The parsed draft (defaults applied) when valid. */
  draft?: PlanDraft;
}

/** `['entities', 0, 'fields', 2, 'type']` -> `entities[Task].fields[status].type`, using names from the input. */
export function namedPath(input: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let cur: unknown = input;
  for (const seg of path) {
    const next = cur !== null && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[seg as string] : undefined;
    if (typeof seg === 'number') {
      const item = next as Record<string, unknown> | undefined;
      const label = item && typeof item === 'object' ? (item.operationId ?? item.name) : undefined;
      out += `[${typeof label === 'string' && label !== '' ? label : seg}]`;
    } else {
      out += out === '' ? String(seg) : `.${String(seg)}`;
    }
    cur = next;
  }
  return out === '' ? '(root)' : out;
}

function schemaIssues(error: z.ZodError, input: unknown): DraftIssue[] {
  return error.issues.map((issue) => {
    const path = namedPath(input, issue.path);
    const last = issue.path[issue.path.length - 1];
    let got: unknown = input;
    for (const seg of issue.path) got = got !== null && typeof got === 'object' ? (got as Record<PropertyKey, unknown>)[seg as string] : undefined;
    if (last === 'type' && typeof got === 'string' && !isKnownFieldType(got) && issue.code === 'invalid_value') {
      return {
        code: 'unknown_field_type',
        path,
        message: `unknown field type ${JSON.stringify(got)}; use one of ${Object.keys(FIELD_TYPES).join(', ')}`,
      };
    }
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    return { code: 'schema', path, message: `${issue.message}${keys}, got ${describeValue(got)}` };
  });
}

/** Names that occur more than once, in first-seen order. */
function duplicates(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const n of names) (seen.has(n) ? dup : seen).add(n);
  return [...dup];
}

/** `list` is the named path of the field list, e.g. `entities[Task].fields` or `operations[x].requestFields`. */
function checkFields(draft: PlanDraft, list: string, fields: readonly Field[], sqlColumns: boolean, issues: DraftIssue[]): void {
  for (const name of duplicates(fields.map((f) => f.name))) {
    issues.push({ code: 'duplicate_field', path: `${list}[${name}]`, message: `field '${name}' is declared more than once` });
  }
  for (const f of fields) {
    const at = `${list}[${f.name}]`;
    if (sqlColumns && isReservedSqlName(f.name)) {
      issues.push({ code: 'reserved_sql_name', path: at, message: `column name '${f.name}' is a reserved PostgreSQL keyword; rename it (e.g. '${f.name}_value')` });
    }
    if (f.enum && f.type !== 'string') {
      issues.push({ code: 'constraint_not_applicable', path: `${at}.enum`, message: `enum needs type 'string', field '${f.name}' has type '${f.type}'` });
    }
    if (f.maxLength !== undefined && !isStringLike(f.type)) {
      issues.push({ code: 'constraint_not_applicable', path: `${at}.maxLength`, message: `maxLength applies to string types, field '${f.name}' has type '${f.type}'` });
    }
    const min = MIN_MAX_LENGTH[f.type];
    if (f.maxLength !== undefined && min !== undefined && f.maxLength < min) {
      issues.push({ code: 'constraint_not_applicable', path: `${at}.maxLength`, message: `maxLength ${f.maxLength} cannot hold any valid ${f.type}; use at least ${min}` });
    }
    if (f.enum && f.maxLength !== undefined) {
      const long = f.enum.find((v) => v.length > (f.maxLength ?? 0));
      if (long !== undefined) issues.push({ code: 'constraint_not_applicable', path: `${at}.enum`, message: `enum value '${long}' is longer than maxLength ${f.maxLength}` });
    }
    if (f.references) checkReference(draft, at, f, issues);
  }
}

function checkReference(draft: PlanDraft, at: string, field: Field, issues: DraftIssue[]): void {
  const ref = field.references ?? '';
  const [entityName = '', fieldName] = ref.split('.', 2);
  const entity = findEntity(draft, entityName);
  if (!entity) {
    issues.push({ code: 'unknown_entity', path: `${at}.references`, message: `references unknown entity '${entityName}' (known: ${draft.entities.map((e) => e.name).join(', ') || 'none'})` });
    return;
  }
  const view = entityView(entity);
  const targetName = fieldName ?? (view.primaryKey.length === 1 ? view.primaryKey[0] : undefined);
  const target = view.fields.find((f) => f.name === targetName);
  if (!target) {
    const why = fieldName ? `unknown field '${fieldName}' of entity ${entity.name}` : `entity ${entity.name} has a composite primary key; name the field`;
    issues.push({ code: 'unknown_field', path: `${at}.references`, message: `references ${why}` });
    return;
  }
  const isKey = (view.primaryKey.length === 1 && view.primaryKey[0] === target.name) || target.unique;
  if (!isKey) {
    issues.push({ code: 'reference_not_unique', path: `${at}.references`, message: `references ${entity.name}.${target.name}, which is neither the primary key nor unique; a foreign key needs one of them` });
  }
  if (FIELD_TYPES[target.type].sql !== FIELD_TYPES[field.type].sql) {
    issues.push({ code: 'reference_type_mismatch', path: `${at}.type`, message: `field '${field.name}' has type '${field.type}' but references ${entity.name}.${target.name} of type '${target.type}'` });
  }
}

function checkEntities(draft: PlanDraft, issues: DraftIssue[]): void {
  for (const name of duplicates(draft.entities.map((e) => e.name))) {
    issues.push({ code: 'duplicate_entity_name', path: `entities[${name}]`, message: `entity name '${name}' is used more than once` });
  }
  for (const table of duplicates(draft.entities.map((e) => e.table))) {
    const owners = draft.entities.filter((e) => e.table === table).map((e) => e.name);
    issues.push({ code: 'duplicate_table_name', path: `entities[${owners[1] ?? table}].table`, message: `table '${table}' is used by entities ${owners.join(' and ')}` });
  }
  for (const e of draft.entities) {
    const at = `entities[${e.name}]`;
    if (isReservedSqlName(e.table)) {
      issues.push({ code: 'reserved_sql_name', path: `${at}.table`, message: `table name '${e.table}' is a reserved PostgreSQL keyword; use e.g. '${e.table}s' or 'app_${e.table}'` });
    }
    checkFields(draft, `${at}.fields`, e.fields, true, issues);
    const known = new Set(entityView(e).fields.map((f) => f.name));
    for (const k of e.primaryKey ?? []) {
      if (!known.has(k)) issues.push({ code: 'unknown_field', path: `${at}.primaryKey`, message: `primary key names unknown field '${k}'` });
    }
    e.indexes.forEach((idx) => {
      for (const k of idx.fields) {
        if (!known.has(k)) issues.push({ code: 'unknown_field', path: `${at}.indexes[${idx.fields.join(',')}]`, message: `index names unknown field '${k}'` });
      }
    });
  }
}

const TEMPLATE = /\{([^{}]*)\}/g;

function checkOperations(draft: PlanDraft, issues: DraftIssue[]): void {
  for (const id of duplicates(draft.operations.map((o) => o.operationId))) {
    issues.push({ code: 'duplicate_operation_id', path: `operations[${id}]`, message: `operationId '${id}' is used by more than one operation` });
  }
  // `/tasks/{id}` and `/tasks/{taskId}` are the same route to a router, so compare templates without names.
  const routeKey = (o: PlanDraft['operations'][number]): string => `${o.method} ${o.path.replace(TEMPLATE, '{}')}`;
  for (const key of duplicates(draft.operations.map(routeKey))) {
    const ids = draft.operations.filter((o) => routeKey(o) === key).map((o) => o.operationId);
    issues.push({ code: 'duplicate_route', path: `operations[${ids[1] ?? ids[0]}]`, message: `${key.split(' ')[0]} ${draft.operations.find((o) => o.operationId === ids[0])?.path} is declared by ${ids.join(' and ')}` });
  }
  for (const op of draft.operations) {
    const at = `operations[${op.operationId}]`;
    const stripped = op.path.replace(TEMPLATE, '');
    const inPath = [...op.path.matchAll(TEMPLATE)].map((m) => m[1] ?? '');
    if (stripped.includes('{') || stripped.includes('}') || inPath.some((n) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n))) {
      issues.push({ code: 'invalid_path_template', path: `${at}.path`, message: `path '${op.path}' has a malformed {parameter} placeholder` });
    }
    for (const name of duplicates(inPath)) {
      issues.push({ code: 'invalid_path_template', path: `${at}.path`, message: `path '${op.path}' uses {${name}} twice` });
    }
    for (const name of duplicates(op.parameters.map((p) => `${p.in}:${p.name}`))) {
      issues.push({ code: 'duplicate_parameter', path: `${at}.parameters[${name.split(':')[1]}]`, message: `parameter '${name.split(':')[1]}' is declared more than once` });
    }
    for (const p of op.parameters) {
      if (p.in === 'path' && !inPath.includes(p.name)) {
        issues.push({ code: 'path_parameter_not_in_path', path: `${at}.parameters[${p.name}]`, message: `path parameter '${p.name}' does not appear in path '${op.path}'; add {${p.name}} or make it a query parameter` });
      }
    }
    for (const name of inPath) {
      if (!op.parameters.some((p) => p.in === 'path' && p.name === name)) {
        issues.push({ code: 'path_parameter_undeclared', path: `${at}.path`, message: `{${name}} in path '${op.path}' is not declared as a path parameter` });
      }
    }
    if (op.requestEntity && op.requestFields && op.requestFields.length > 0) {
      issues.push({ code: 'ambiguous_request_body', path: at, message: 'set requestEntity or requestFields, not both' });
    }
    for (const key of ['requestEntity', 'responseEntity'] as const) {
      const name = op[key];
      if (name && !findEntity(draft, name)) {
        issues.push({ code: 'unknown_entity', path: `${at}.${key}`, message: `${key} '${name}' is not an entity (known: ${draft.entities.map((e) => e.name).join(', ') || 'none'})` });
      }
    }
    if (op.requestFields) checkFields(draft, `${at}.requestFields`, op.requestFields, false, issues);
  }
}

function checkEvents(draft: PlanDraft, issues: DraftIssue[]): void {
  for (const name of duplicates(draft.events.map((e) => e.name))) {
    issues.push({ code: 'duplicate_event', path: `events[${name}]`, message: `event '${name}' is declared more than once` });
  }
  for (const e of draft.events) checkFields(draft, `events[${e.name}].fields`, e.fields, false, issues);
}

/** Every generated class / schema name must be unique across entities, request bodies, events and Problem. */
function checkNameClashes(draft: PlanDraft, issues: DraftIssue[]): void {
  const names = [
    { name: { problem: PROBLEM_SCHEMA, detail: 'ErrorDetail', message: 'ErrorMessage', error: 'ErrorBody' }[draft.api?.errorShape ?? 'problem'], origin: 'the shared error schema' },
    ...schemaNames(draft),
    ...[...new Set(draft.events.map((e) => e.name))].map((name) => ({ name: eventClassName({ name } as PlanDraft['events'][number]), origin: `events.${name}` })),
  ];
  const seen = new Map<string, string>();
  for (const { name, origin } of names) {
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, origin);
    } else if (first !== origin) {
      // Same origin twice is a duplicate entity or event, already reported by its own rule.
      issues.push({ code: 'schema_name_clash', path: origin.replace(/^(entities|events|operations)\.([^ ]+).*$/, '$1[$2]'), message: `generated name '${name}' (from ${origin}) clashes with ${first}` });
    }
  }
}

export function checkDraft(input: unknown): DraftCheck {
  const parsed = PlanDraftSchema.safeParse(input);
  if (!parsed.success) return { valid: false, issues: schemaIssues(parsed.error, input) };
  const draft = parsed.data;
  const issues: DraftIssue[] = [];
  checkEntities(draft, issues);
  checkOperations(draft, issues);
  checkEvents(draft, issues);
  checkNameClashes(draft, issues);
  return issues.length === 0 ? { valid: true, issues, draft } : { valid: false, issues };
}

export const issueText = (issues: readonly DraftIssue[]): string =>
  issues.map((i) => `${i.path}: ${i.message} [${i.code}]`).join('\n');
