/**
 * PostgreSQL keywords marked "reserved" or "reserved (can be function or type)" in the
 * PostgreSQL 16 documentation, appendix C (SQL Key Words). Such a word cannot be a table or
 * column name without quoting, and a quoted name haunts every hand-written query afterwards,
 * so check-draft rejects them instead of quoting silently.
 */
export const POSTGRES_RESERVED: ReadonlySet<string> = new Set([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'authorization',
  'binary', 'both', 'case', 'cast', 'check', 'collate', 'collation', 'column', 'concurrently',
  'constraint', 'create', 'cross', 'current_catalog', 'current_date', 'current_role',
  'current_schema', 'current_time', 'current_timestamp', 'current_user', 'default', 'deferrable',
  'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for', 'foreign', 'freeze',
  'from', 'full', 'grant', 'group', 'having', 'ilike', 'in', 'initially', 'inner', 'intersect',
  'into', 'is', 'isnull', 'join', 'lateral', 'leading', 'left', 'like', 'limit', 'localtime',
  'localtimestamp', 'natural', 'not', 'notnull', 'null', 'offset', 'on', 'only', 'or', 'order',
  'outer', 'overlaps', 'placing', 'primary', 'references', 'returning', 'right', 'select',
  'session_user', 'similar', 'some', 'symmetric', 'system_user', 'table', 'tablesample', 'then',
  'to', 'trailing', 'true', 'union', 'unique', 'user', 'using', 'variadic', 'verbose', 'when',
  'where', 'window', 'with',
]);

export const isReservedSqlName = (name: string): boolean => POSTGRES_RESERVED.has(name.toLowerCase());

/** Quotes an identifier only when PostgreSQL needs it (reserved word, upper case, odd characters). */
export function quoteIdent(name: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name) && !isReservedSqlName(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}
