/**
 * psql: applies schema.sql inside a transaction on a real PostgreSQL, reads the catalog back
 * (tables, columns, keys, indexes, checks) and rolls everything back, so the check leaves the
 * database as it found it and needs no CREATE DATABASE privilege.
 */
import { injectFault } from './fault-injection.js';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { toolFailed, toolMissing } from '../errors.js';
import type { TableSpec } from '../domain/contracts/sql.js';

const TIMEOUT_MS = 120_000;

/** Directories holding PostgreSQL binaries, newest major version first (Debian layout). */
export function postgresBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'))
    .filter((d) => existsSync(d));
}

/** A PostgreSQL binary: the Debian layout first, then PATH. */
export function pgBinary(name: string): string {
  const fromDirs = postgresBinDirs().map((d) => join(d, name)).find((p) => existsSync(p));
  const onPath = (process.env.PATH ?? '').split(':').map((d) => join(d, name)).find((p) => existsSync(p));
  // The versioned Debian binaries first: /usr/bin/psql may be a wrapper that wants a cluster config.
  const found = fromDirs ?? onPath;
  if (!found) throw toolMissing(`${name} not found on PATH or under /usr/lib/postgresql/*/bin`, 'install PostgreSQL (Debian: apt-get install postgresql)');
  return found;
}

const CATALOG_QUERY = `
SELECT coalesce(json_agg(t ORDER BY t.name), '[]'::json) FROM (
  SELECT c.relname AS name,
    (SELECT coalesce(json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'notNull', a.attnotnull) ORDER BY a.attnum), '[]'::json)
       FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
    (SELECT coalesce(json_agg(a.attname ORDER BY k.ord), '[]'::json)
       FROM pg_constraint p CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = p.conrelid AND a.attnum = k.attnum
       WHERE p.conrelid = c.oid AND p.contype = 'p') AS "primaryKey",
    (SELECT coalesce(json_agg(json_build_object(
        'name', f.conname,
        'columns', (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(f.conkey) WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.attnum),
        'refTable', r.relname,
        'refColumns', (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(f.confkey) WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = f.confrelid AND a.attnum = k.attnum)
      ) ORDER BY f.conname), '[]'::json)
       FROM pg_constraint f JOIN pg_class r ON r.oid = f.confrelid WHERE f.conrelid = c.oid AND f.contype = 'f') AS "foreignKeys",
    (SELECT coalesce(json_agg(i.relname ORDER BY i.relname), '[]'::json)
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = c.oid) AS indexes,
    (SELECT coalesce(json_agg(k.conname ORDER BY k.conname), '[]'::json)
       FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'c') AS checks
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema() AND c.relkind = 'r'
) t;`;

export type ApplyResult = { applied: true; tables: TableSpec[] } | { applied: false; error: string };

let counter = 0;

/**
 * `url` is a libpq connection URI. The schema lands in a fresh namespace first on the search
 * path, so unqualified names in schema.sql resolve there; ROLLBACK removes it again.
 */
export async function applySchema(url: string, sqlFile: string, opts: { signal?: AbortSignal } = {}): Promise<ApplyResult> {
  injectFault('postgres', 'psql (apply schema.sql)');
  const namespace = `pp_contract_check_${process.pid}_${++counter}`;
  const script = [
    '\\set ON_ERROR_STOP on',
    'BEGIN;',
    `CREATE SCHEMA ${namespace};`,
    `SET LOCAL search_path TO ${namespace}, public;`,
    `\\i '${sqlFile.replace(/'/g, "''")}'`,
    '\\pset tuples_only on',
    '\\pset format unaligned',
    '\\echo ---catalog---',
    CATALOG_QUERY,
    'ROLLBACK;',
  ].join('\n');
  const result = await execa(pgBinary('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url], {
    input: script,
    reject: false,
    timeout: TIMEOUT_MS,
    env: { PGCONNECT_TIMEOUT: '10' },
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });
  if (result.isCanceled) throw toolFailed('psql was cancelled');
  if (result.timedOut) throw toolFailed(`psql timed out after ${TIMEOUT_MS} ms`);
  if (result.exitCode === undefined) throw toolFailed(`psql could not run: ${result.shortMessage ?? ''}`, result.cause);
  // Exit 2 is a connection problem, which says nothing about the schema: let the activity retry.
  if (result.exitCode === 2) throw toolFailed(`psql could not connect: ${result.stderr.trim()}`);
  if (result.exitCode !== 0) return { applied: false, error: result.stderr.trim() || result.stdout.trim() };
  const json = result.stdout.split('---catalog---')[1]?.trim() ?? '[]';
  return { applied: true, tables: JSON.parse(json) as TableSpec[] };
}
