/**
 * Tables from SQL migrations applied in order: PostgreSQL parse trees (libpg-query's JSON) of
 * CREATE TABLE, ALTER TABLE (add, drop, rename columns; constraints), RENAME and DROP TABLE.
 *
 * Pure module.
 */
import type { EntityFact, FieldFact } from './types.js';

type Json = Record<string, unknown>;

interface Table {
  name: string;
  file: string;
  line: number;
  columns: FieldFact[];
}

const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const sval = (v: unknown): string => String(obj(obj(v).String).sval ?? '');

function typeName(def: Json): string {
  const names = arr(obj(def.typeName).names).map(sval).filter((n) => n !== 'pg_catalog');
  return names.join('.') || 'unknown';
}

function applyConstraint(table: Table, c: Json): void {
  const type = String(c.contype ?? '');
  const keys = arr(c.keys).map(sval);
  if (type === 'CONSTR_PRIMARY') for (const k of keys) {
    const col = table.columns.find((x) => x.name === k);
    if (col) col.primaryKey = true;
  }
  if (type === 'CONSTR_UNIQUE') for (const k of keys) {
    const col = table.columns.find((x) => x.name === k);
    if (col) col.unique = true;
  }
  if (type === 'CONSTR_FOREIGN') {
    const target = String(obj(c.pktable).relname ?? '');
    const fk = arr(c.fk_attrs).map(sval);
    const pk = arr(c.pk_attrs).map(sval);
    fk.forEach((k, i) => {
      const col = table.columns.find((x) => x.name === k);
      if (col) col.references = `${target}.${pk[i] ?? 'id'}`;
    });
  }
}

function columnOf(def: Json): FieldFact {
  const field: FieldFact = { name: String(def.colname ?? ''), type: typeName(def), nullable: true };
  for (const c of arr(def.constraints)) {
    const con = obj(obj(c).Constraint);
    const t = String(con.contype ?? '');
    if (t === 'CONSTR_NOTNULL') field.nullable = false;
    if (t === 'CONSTR_PRIMARY') {
      field.primaryKey = true;
      field.nullable = false;
    }
    if (t === 'CONSTR_UNIQUE') field.unique = true;
    if (t === 'CONSTR_FOREIGN') field.references = `${String(obj(con.pktable).relname ?? '')}.${arr(con.pk_attrs).map(sval)[0] ?? 'id'}`;
  }
  if (/serial$/i.test(field.type ?? '')) field.nullable = false;
  return field;
}

/** Applies parsed statements of migrations in order; `tables` is updated in place. */
export function applyStatements(tables: Map<string, Table>, stmts: readonly unknown[], file: string): void {
  for (const raw of stmts) {
    const stmt = obj(obj(raw).stmt);
    if (stmt.CreateStmt) {
      const c = obj(stmt.CreateStmt);
      const name = String(obj(c.relation).relname ?? '');
      if (!name) continue;
      const table: Table = { name, file, line: 1, columns: [] };
      for (const el of arr(c.tableElts)) {
        const e = obj(el);
        if (e.ColumnDef) table.columns.push(columnOf(obj(e.ColumnDef)));
      }
      for (const el of arr(c.tableElts)) {
        const e = obj(el);
        if (e.Constraint) applyConstraint(table, obj(e.Constraint));
      }
      tables.set(name, table);
    } else if (stmt.AlterTableStmt) {
      const a = obj(stmt.AlterTableStmt);
      const table = tables.get(String(obj(a.relation).relname ?? ''));
      if (!table) continue;
      for (const cmd of arr(a.cmds)) {
        const c = obj(obj(cmd).AlterTableCmd);
        const sub = String(c.subtype ?? '');
        if (sub === 'AT_AddColumn') {
          const col = columnOf(obj(obj(c.def).ColumnDef));
          if (col.name && !table.columns.some((x) => x.name === col.name)) table.columns.push(col);
        } else if (sub === 'AT_DropColumn') {
          table.columns = table.columns.filter((x) => x.name !== c.name);
        } else if (sub === 'AT_AddConstraint') {
          applyConstraint(table, obj(obj(c.def).Constraint));
        } else if (sub === 'AT_AlterColumnType') {
          const col = table.columns.find((x) => x.name === c.name);
          if (col) col.type = typeName(obj(obj(c.def).ColumnDef));
        } else if (sub === 'AT_SetNotNull' || sub === 'AT_DropNotNull') {
          const col = table.columns.find((x) => x.name === c.name);
          if (col) col.nullable = sub === 'AT_DropNotNull';
        }
      }
    } else if (stmt.RenameStmt) {
      const r = obj(stmt.RenameStmt);
      const name = String(obj(r.relation).relname ?? '');
      const table = tables.get(name);
      if (!table) continue;
      if (r.renameType === 'OBJECT_TABLE') {
        tables.delete(name);
        table.name = String(r.newname);
        tables.set(table.name, table);
      } else if (r.renameType === 'OBJECT_COLUMN') {
        const col = table.columns.find((x) => x.name === r.subname);
        if (col) col.name = String(r.newname);
      }
    } else if (stmt.DropStmt) {
      const d = obj(stmt.DropStmt);
      if (d.removeType !== 'OBJECT_TABLE') continue;
      for (const o of arr(d.objects)) {
        const names = arr(obj(obj(o).List).items ?? o).map(sval);
        const last = names[names.length - 1];
        if (last) tables.delete(last);
      }
    }
  }
}

export type SqlTable = Table;

/** Entities of the tables that remain after every migration, with the migration that created each. */
export function tablesAsEntities(tables: Map<string, Table>): Array<{ file: string; entity: EntityFact }> {
  return [...tables.values()].map((t) => ({
    file: t.file,
    entity: { name: t.name, table: t.name, source: 'sql' as const, fields: t.columns, line: t.line, isTable: true },
  }));
}
