/**
 * A real PostgreSQL for tests: a throwaway server in a temporary folder on a free port (run as
 * the `postgres` user when the tests run as root), started once per test file, stopped and
 * deleted in `after`. Needs the server binaries (Debian: apt-get install postgresql).
 */
import { startPostgresServer, urlPostgresProvider, type PostgresProvider, type PostgresServer } from '../../src/adapters/postgres-server.js';

export interface TestPostgres extends PostgresServer {
  provider: PostgresProvider;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const server = await startPostgresServer();
  return { ...server, provider: urlPostgresProvider(server.url) };
}
