/**
 * The guardrail rules against a corpus of commands, scopes and SQL: each case names the rule it
 * must trigger, or none. Commands are parsed as a shell parses them (quotes, `&&`, pipes,
 * `bash -c`, wrappers), SQL by PostgreSQL's own parser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSqlParser } from '../../src/adapters/pg-query.js';
import { checkCommand, checkGuardrails, violationLine } from '../../src/domain/guardrails/check.js';
import type { WorkPackage, WorkPackagesDoc } from '../../src/domain/workpackages/types.js';

const EXISTING = new Set(['item', 'user']);

/** PostgreSQL's parser as the guardrails take it: statements, or undefined when the text is not SQL. */
async function sqlParser(): Promise<(text: string) => unknown[] | undefined> {
  const sql = await loadSqlParser();
  return (text) => {
    const r = sql.parse(text);
    return r.ok ? r.stmts : undefined;
  };
}

/** [command, cwd, rules it must trigger (empty: safe)] */
const COMMANDS: ReadonlyArray<readonly [string, string | undefined, readonly string[]]> = [
  ['pytest backend/tests -q', undefined, []],
  ['npm test -- --run src/items', undefined, []],
  ['cd backend && uv run pytest tests/api', undefined, []],
  ['cd frontend && npx tsc --noEmit > /dev/null', undefined, []],
  ['go test ./internal/...', undefined, []],
  ['rm -rf build', undefined, ['rm-recursive-force']],
  ['rm -fr node_modules', undefined, ['rm-recursive-force']],
  ['rm --recursive --force dist', undefined, ['rm-recursive-force']],
  ['rm -r -f dist', undefined, ['rm-recursive-force']],
  ['rm -f stale.lock', undefined, []],
  ['find . -name "*.pyc" | xargs rm -rf', undefined, ['rm-recursive-force']],
  ['env CI=1 rm -Rf coverage', undefined, ['rm-recursive-force']],
  ['bash -c "make test && rm -rf /tmp/x"', undefined, ['rm-recursive-force']],
  ['echo "rm -rf is dangerous"', undefined, []],
  ['git push --force origin main', undefined, ['git-force-push']],
  ['git push -f', undefined, ['git-force-push']],
  ['git -C frontend push origin +main', undefined, ['git-force-push']],
  ['git push origin feature/tags', undefined, []],
  ['git reset --hard HEAD~1', undefined, ['git-reset-hard']],
  ['git clean -fdx', undefined, ['git-clean-force']],
  ['git diff --exit-code', undefined, []],
  ['sudo apt-get install -y jq', undefined, ['privilege-escalation']],
  ['dd if=/dev/zero of=disk.img', undefined, ['disk-write']],
  ['cd .. && make test', undefined, ['leaves-repository']],
  ['cd backend/.. && make', undefined, []],
  ['cd /etc && ls', undefined, ['leaves-repository']],
  ['cat ~/.ssh/id_rsa', undefined, ['leaves-repository']],
  ['cp report.xml $HOME/reports/', undefined, ['leaves-repository']],
  ['pytest --junitxml=../../report.xml', 'backend', ['leaves-repository']],
  ['pytest --junitxml=../report.xml', 'backend', []],
  ['make test > /var/log/test.log', undefined, ['leaves-repository']],
  ['npm test', '../other-repo', ['leaves-repository']],
  ['npm test', '/srv/app', ['leaves-repository']],
  ['psql "$DATABASE_URL" -c "DROP TABLE item"', undefined, ['sql-drop-existing-table']],
  ['psql -c "DROP TABLE IF EXISTS tag"', undefined, []],
  ['psql -c "TRUNCATE item, tag"', undefined, ['sql-truncate-existing-table']],
  ['psql -c "DELETE FROM public.user"', undefined, ['sql-delete-all-rows']],
  ['psql -c "DELETE FROM item WHERE id = 3"', undefined, []],
];

test('commands: each case triggers exactly the rules it names', async () => {
  const parseSql = await sqlParser();
  const wrong: string[] = [];
  for (const [command, cwd, rules] of COMMANDS) {
    const got = [...new Set(checkCommand(command, cwd, 'step', { existingTables: EXISTING, parseSql }).map((v) => v.rule))].sort();
    if (JSON.stringify(got) !== JSON.stringify([...rules].sort())) wrong.push(`${command}${cwd ? ` (cwd ${cwd})` : ''}: expected [${rules.join(', ')}], got [${got.join(', ')}]`);
  }
  assert.deepEqual(wrong, []);
});

const pkg = (id: string, writeAllow: string[], command = 'npm test'): WorkPackage => ({
  package_id: id,
  task_type: 'implementation',
  description: id,
  depends_on: [],
  priority: 5,
  locks: { files: [], keys: [] },
  scope: { write_allow: writeAllow, read_allow: ['**'] },
  worktree: { name: id },
  timeout_minutes: 30,
  retry_budget: 1,
  min_trust_level: 2,
  verification: { tier_required: 'A', steps: [{ name: 'tests', kind: 'command', command, evidence: { artifacts: [], result_keys: ['tests'] } }] },
  outputs: { result_keys: ['done'] },
});
const doc = (packages: WorkPackage[]): WorkPackagesDoc => ({
  schema_version: 1,
  feature: { id: 'add-tags', plan_revision: 1 },
  contracts: { revision: 1, openapi: { primary: 'contracts/openapi/v1.yaml', files: ['contracts/openapi/v1.yaml'] } },
  packages,
});

test('plans: whole-repository write scopes outside wp-integration, destructive commands and SQL, each named', async () => {
  const parseSql = await sqlParser();
  const violations = checkGuardrails({
    doc: doc([pkg('wp-backend', ['backend/app/**', '**']), pkg('wp-frontend', ['frontend/src/**'], 'cd frontend && rm -rf dist && npm test'), pkg('wp-integration', ['**'])]),
    sql: [
      { path: 'openspec/changes/add-tags/contracts/schema.sql', text: 'DROP TABLE IF EXISTS tag; CREATE TABLE tag (id serial primary key); DROP TABLE item;' },
    ],
    existingTables: EXISTING,
    parseSql,
  });
  assert.deepEqual(violations.map(violationLine), [
    "whole-repository-scope: wp-backend scope.write_allow: a write scope over the whole repository (only wp-integration may have one): '**'",
    "rm-recursive-force: wp-frontend verification.steps[0] 'tests': deletes files recursively without asking: `cd frontend && rm -rf dist && npm test`",
    'sql-drop-existing-table: openspec/changes/add-tags/contracts/schema.sql: drops a table the repository already has: item',
  ]);
  assert.deepEqual(checkGuardrails({ doc: doc([pkg('wp-backend', ['backend/**'])]), existingTables: EXISTING, parseSql }), [], 'a plan within bounds passes');
});
