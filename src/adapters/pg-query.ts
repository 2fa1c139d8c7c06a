/**
 * PostgreSQL's own parser (libpg-query, the server's grammar compiled to WASM): SQL text to the
 * parse tree the server itself would build. Loaded once per process on first use.
 */
import { loadModule, parseSync } from 'libpg-query';

let loaded: Promise<void> | undefined;

export async function loadSqlParser(): Promise<SqlParser> {
  loaded ??= loadModule();
  await loaded;
  return {
    parse(text: string) {
      try {
        return { ok: true, stmts: (parseSync(text) as { stmts?: unknown[] }).stmts ?? [] };
      } catch (err) {
        return { ok: false, error: (err as Error).message };
      }
    },
  };
}

export interface SqlParser {
  parse(text: string): { ok: true; stmts: unknown[] } | { ok: false; error: string };
}
