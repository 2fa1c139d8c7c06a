/**
 * PostgreSQL DDL for a draft's entities. Tables come in foreign-key order (a table after the
 * tables it references); a reference inside a cycle is added afterwards with ALTER TABLE so the
 * script always applies. Constraint and index names follow PostgreSQL's own defaults
 * (`<table>_pkey`, `<table>_<col>_key`, `<table>_<col>_fkey`) so the catalog reads naturally.
 * Pure module.
 */
import type { Entity, Field, PlanDraft } from '../draft.js';
import { FIELD_TYPES, isStringLike } from './field-types.js';
import { entityView, GENERATED_ID, resolveReference } from './model.js';
import { fnv1a } from './names.js';
import { quoteIdent } from './sql-reserved.js';

const MAX_IDENT = 63;

/** PostgreSQL truncates names past 63 bytes; shorten with a hash instead so names stay unique. */
export function constraintName(table: string, columns: readonly string[], suffix: string): string {
  const full = [table, ...columns, suffix].join('_');
  if (full.length <= MAX_IDENT) return full;
  const hash = fnv1a(full).toString(16).padStart(8, '0');
  return `${full.slice(0, MAX_IDENT - suffix.length - 10)}_${hash}_${suffix}`;
}

export interface ExpectedForeignKey {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
}

/** What the catalog must show after schema.sql is applied; compared by the PostgreSQL check. */
export interface TableSpec {
  name: string;
  columns: Array<{ name: string; type: string; notNull: boolean }>;
  primaryKey: string[];
  foreignKeys: ExpectedForeignKey[];
  /** Every index name, including those behind PRIMARY KEY and UNIQUE constraints. */
  indexes: string[];
  checks: string[];
}

interface TablePlan {
  entity: Entity;
  spec: TableSpec;
  uniques: string[][];
  checkSql: Array<{ name: string; expr: string }>;
  extraIndexes: Array<{ name: string; columns: string[]; unique: boolean }>;
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

function planTable(draft: PlanDraft, entity: Entity): TablePlan {
  const view = entityView(entity);
  const table = entity.table;
  const isPk = (f: Field): boolean => view.primaryKey.includes(f.name);
  const columns = view.fields.map((f) => ({ name: f.name, type: FIELD_TYPES[f.type].sql, notNull: f.required || isPk(f) }));
  const uniques = view.fields.filter((f) => f.unique && !(isPk(f) && view.primaryKey.length === 1)).map((f) => [f.name]);
  const checkSql: TablePlan['checkSql'] = [];
  for (const f of view.fields) {
    const col = quoteIdent(f.name);
    if (f.enum) checkSql.push({ name: constraintName(table, [f.name], 'check'), expr: `${col} IN (${f.enum.map(sqlString).join(', ')})` });
    if (f.maxLength !== undefined && isStringLike(f.type)) {
      checkSql.push({ name: constraintName(table, [f.name], 'length_check'), expr: `char_length(${col}) <= ${f.maxLength}` });
    }
  }
  const foreignKeys: ExpectedForeignKey[] = [];
  for (const f of view.fields) {
    const target = f.references ? resolveReference(draft, f.references) : undefined;
    if (target) {
      foreignKeys.push({ name: constraintName(table, [f.name], 'fkey'), columns: [f.name], refTable: target.entity.table, refColumns: [target.field.name] });
    }
  }
  const extraIndexes: TablePlan['extraIndexes'] = [];
  const indexed = new Set<string>([view.primaryKey.join(','), ...uniques.map((u) => u.join(','))]);
  for (const idx of entity.indexes) {
    const key = idx.fields.join(',');
    if (indexed.has(key)) continue;
    indexed.add(key);
    extraIndexes.push({ name: constraintName(table, idx.fields, idx.unique ? 'key' : 'idx'), columns: idx.fields, unique: idx.unique });
  }
  // PostgreSQL does not index the referencing side of a foreign key; joins and cascades need it.
  for (const fk of foreignKeys) {
    const key = fk.columns.join(',');
    if (indexed.has(key) || [...indexed].some((k) => k.startsWith(`${key},`))) continue;
    indexed.add(key);
    extraIndexes.push({ name: constraintName(table, fk.columns, 'idx'), columns: fk.columns, unique: false });
  }
  const indexes = [
    constraintName(table, [], 'pkey'),
    ...uniques.map((u) => constraintName(table, u, 'key')),
    ...extraIndexes.map((i) => i.name),
  ].sort();
  return {
    entity,
    spec: { name: table, columns, primaryKey: view.primaryKey, foreignKeys, indexes, checks: checkSql.map((c) => c.name).sort() },
    uniques,
    checkSql,
    extraIndexes,
  };
}

/** Tables ordered so each comes after the tables it references; ties and cycles by table name. */
export function tableOrder(draft: PlanDraft): Entity[] {
  const byTable = new Map(draft.entities.map((e) => [e.table, e]));
  const deps = new Map<string, Set<string>>();
  for (const e of draft.entities) {
    const set = new Set<string>();
    for (const f of e.fields) {
      const target = f.references ? resolveReference(draft, f.references) : undefined;
      if (target && target.entity.table !== e.table) set.add(target.entity.table);
    }
    deps.set(e.table, set);
  }
  const done = new Set<string>();
  const order: Entity[] = [];
  const names = [...byTable.keys()].sort();
  while (order.length < names.length) {
    const ready = names.find((n) => !done.has(n) && [...(deps.get(n) ?? [])].every((d) => done.has(d)));
    // In a cycle nothing is ready: take the remaining table most others wait for (ties by name);
    // its references to tables not yet created become ALTER TABLE statements at the end.
    const waitingOn = (n: string): number => names.filter((m) => !done.has(m) && deps.get(m)?.has(n)).length;
    const next = ready ?? names.filter((n) => !done.has(n)).sort((a, b) => waitingOn(b) - waitingOn(a) || (a < b ? -1 : 1))[0];
    if (next === undefined) break;
    done.add(next);
    order.push(byTable.get(next) as Entity);
  }
  return order;
}

export function expectedCatalog(draft: PlanDraft): TableSpec[] {
  return tableOrder(draft).map((e) => planTable(draft, e).spec);
}

function columnSql(field: Field, notNull: boolean): string {
  let line = `${quoteIdent(field.name)} ${FIELD_TYPES[field.type].sql}`;
  if (notNull) line += ' NOT NULL';
  if (field === GENERATED_ID) line += ' DEFAULT gen_random_uuid()';
  return line;
}

const cols = (names: readonly string[]): string => names.map(quoteIdent).join(', ');

function fkSql(fk: ExpectedForeignKey): string {
  return `CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY (${cols(fk.columns)}) REFERENCES ${quoteIdent(fk.refTable)} (${cols(fk.refColumns)})`;
}

export function renderSql(draft: PlanDraft): string {
  const out: string[] = [
    `-- PostgreSQL schema for change ${draft.changeId}.`,
    '-- Generated from the plan draft by parallel-plan; do not edit by hand.',
    '-- Tables are ordered so that referenced tables come first.',
    '',
  ];
  const created = new Set<string>();
  const deferred: Array<{ table: string; fk: ExpectedForeignKey }> = [];
  for (const entity of tableOrder(draft)) {
    const plan = planTable(draft, entity);
    const view = entityView(entity);
    const table = quoteIdent(entity.table);
    const lines = view.fields.map((f, i) => columnSql(f, plan.spec.columns[i]?.notNull ?? f.required));
    lines.push(`CONSTRAINT ${quoteIdent(constraintName(entity.table, [], 'pkey'))} PRIMARY KEY (${cols(view.primaryKey)})`);
    for (const u of plan.uniques) lines.push(`CONSTRAINT ${quoteIdent(constraintName(entity.table, u, 'key'))} UNIQUE (${cols(u)})`);
    for (const c of plan.checkSql) lines.push(`CONSTRAINT ${quoteIdent(c.name)} CHECK (${c.expr})`);
    for (const fk of plan.spec.foreignKeys) {
      // Self-references and references to tables already created go inline; others wait.
      if (fk.refTable === entity.table || created.has(fk.refTable)) lines.push(fkSql(fk));
      else deferred.push({ table: entity.table, fk });
    }
    if (entity.existing) {
      // The table exists in the repository: its current shape first (a no-op there), so this file
      // applies on its own, then only what the change adds.
      const added = view.fields.filter((f) => f.existing === false || (f.existing === undefined && f !== GENERATED_ID && !view.primaryKey.includes(f.name)));
      const current = view.fields.map((f, i) => ({ f, sql: lines[i]! })).filter(({ f }) => !added.includes(f));
      out.push(`-- ${entity.name}: exists in the repository (table ${entity.table}); this change adds ${added.length > 0 ? added.map((f) => f.name).join(', ') : 'no column'}.`);
      const touchesAdded = (l: string) => added.some((f) => l.includes(quoteIdent(f.name)));
      const constraints = lines.slice(view.fields.length);
      out.push(`CREATE TABLE IF NOT EXISTS ${table} (`, [...current.map((c) => c.sql), ...constraints.filter((l) => !touchesAdded(l))].map((l) => `  ${l}`).join(',\n'), ');');
      for (const f of added) out.push(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${columnSql(f, plan.spec.columns[view.fields.indexOf(f)]?.notNull ?? false)};`);
      for (const c of constraints.filter(touchesAdded)) out.push(`ALTER TABLE ${table} ADD ${c};`);
    } else {
      if (entity.description) out.push(`-- ${entity.name}: ${entity.description.replace(/\s+/g, ' ')}`);
      out.push(`CREATE TABLE ${table} (`, lines.map((l) => `  ${l}`).join(',\n'), ');');
    }
    for (const idx of plan.extraIndexes) {
      out.push(`CREATE ${idx.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(idx.name)} ON ${table} (${cols(idx.columns)});`);
    }
    out.push('');
    created.add(entity.table);
  }
  for (const d of deferred) out.push(`ALTER TABLE ${quoteIdent(d.table)} ADD ${fkSql(d.fk)};`);
  if (deferred.length > 0) out.push('');
  return out.join('\n');
}
