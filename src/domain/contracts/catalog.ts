/**
 * Compares the PostgreSQL catalog read back after applying schema.sql with what the draft
 * says it must hold. Pure module.
 */
import type { TableSpec } from './sql.js';

const list = (xs: readonly string[]): string => xs.join(', ');

export function compareCatalog(expected: readonly TableSpec[], actual: readonly TableSpec[]): string[] {
  const problems: string[] = [];
  const byName = new Map(actual.map((t) => [t.name, t]));
  for (const want of expected) {
    const got = byName.get(want.name);
    if (!got) {
      problems.push(`table ${want.name} is missing`);
      continue;
    }
    for (const col of want.columns) {
      const c = got.columns.find((x) => x.name === col.name);
      if (!c) problems.push(`${want.name}.${col.name}: column missing`);
      else if (c.type !== col.type) problems.push(`${want.name}.${col.name}: type ${c.type}, expected ${col.type}`);
      else if (c.notNull !== col.notNull) problems.push(`${want.name}.${col.name}: ${c.notNull ? 'NOT NULL' : 'nullable'}, expected ${col.notNull ? 'NOT NULL' : 'nullable'}`);
    }
    if (list(got.primaryKey) !== list(want.primaryKey)) problems.push(`${want.name}: primary key (${list(got.primaryKey)}), expected (${list(want.primaryKey)})`);
    for (const fk of want.foreignKeys) {
      const f = got.foreignKeys.find((x) => x.name === fk.name);
      if (!f) problems.push(`${want.name}: foreign key ${fk.name} missing`);
      else if (list(f.columns) !== list(fk.columns) || f.refTable !== fk.refTable || list(f.refColumns) !== list(fk.refColumns)) {
        problems.push(`${want.name}: foreign key ${fk.name} is (${list(f.columns)}) -> ${f.refTable}(${list(f.refColumns)}), expected (${list(fk.columns)}) -> ${fk.refTable}(${list(fk.refColumns)})`);
      }
    }
    for (const idx of want.indexes) if (!got.indexes.includes(idx)) problems.push(`${want.name}: index ${idx} missing`);
    for (const chk of want.checks) if (!got.checks.includes(chk)) problems.push(`${want.name}: check constraint ${chk} missing`);
  }
  for (const t of actual) if (!expected.some((e) => e.name === t.name)) problems.push(`unexpected table ${t.name}`);
  return problems;
}

/** Without the draft: every table must at least have a primary key. */
export function basicCatalogProblems(actual: readonly TableSpec[]): string[] {
  return actual.filter((t) => t.primaryKey.length === 0).map((t) => `table ${t.name} has no primary key`);
}
