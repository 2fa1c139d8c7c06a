import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Migrations registry: the ordered list of SQL files applied by `npm run migrate`.
 * Every new migration takes the next number and is appended here.
 */
export const MIGRATIONS = [
  '0001_create_users.sql',
  '0002_create_tasks.sql',
  '0003_create_notifications.sql',
  '0004_add_task_due_date.sql',
] as const;

export function loadMigrations(dir: string): Array<{ name: string; sql: string }> {
  return MIGRATIONS.map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}
