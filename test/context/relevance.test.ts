/**
 * Labelled relevance: for realistic requests against the example repositories, the files a
 * person would change are in the top 10 and the related capability is ranked first, with the
 * related requirement's exact name first. Facets are called in-process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatherContextInProcess } from '../../src/activities/context/in-process.js';
import { exampleRepo, tempRunDir, type ExampleName } from './example-repos.js';

interface Case {
  repo: ExampleName;
  request: string;
  spec: string;
  requirement?: string;
  files: string[];
}

const CASES: Case[] = [
  {
    repo: 'taskboard',
    request: 'Add due date reminders to notifications',
    spec: 'notifications',
    requirement: 'Due Soon Reminder',
    files: ['src/server/services/notificationService.ts', 'test/notifications.test.ts'],
  },
  {
    repo: 'taskboard',
    request: 'Allow users to reset a forgotten password',
    spec: 'user-accounts',
    files: ['src/server/services/userService.ts', 'src/server/routes/users.ts', 'test/userService.test.ts'],
  },
  {
    repo: 'taskboard',
    request: 'Filter the kanban board columns by assignee',
    spec: 'board-views',
    requirement: 'Kanban Columns',
    files: ['web/src/components/TaskColumn.ts', 'web/src/api/client.ts'],
  },
  {
    repo: 'taskboard',
    request: 'Require a comment when a task status moves from done back to in progress',
    spec: 'task-management',
    requirement: 'Status Flow',
    files: ['src/server/services/taskService.ts', 'test/taskService.test.ts'],
  },
  {
    repo: 'taskboard',
    request: 'Add a priority to tasks and sort the task listing by priority',
    spec: 'task-management',
    requirement: 'Task Listing',
    files: ['src/server/services/taskService.ts', 'src/server/routes/tasks.ts'],
  },
  {
    repo: 'pantry-py',
    request: 'Warn before pantry items expire, with a configurable warning window',
    spec: 'expiry-alerts',
    requirement: 'Expiring Items',
    files: ['app/services/expiry.py', 'app/routers/expiry.py', 'tests/test_expiry.py'],
  },
  {
    repo: 'pantry-py',
    request: 'Generate a shopping list from the planned recipes of the week',
    spec: 'shopping-lists',
    requirement: 'Shopping List From Recipes',
    files: ['app/services/shopping_list.py', 'app/routers/shopping.py', 'tests/test_shopping_list.py'],
  },
  {
    repo: 'pantry-py',
    request: 'Send the daily expiry digest email from the worker to several addresses',
    spec: 'expiry-alerts',
    requirement: 'Daily Digest',
    files: ['worker/digest/digest.go', 'worker/cmd/expiry-digest/main.go'],
  },
  {
    repo: 'pantry-py',
    request: 'Record the storage location of each item when adding stock',
    spec: 'pantry-inventory',
    requirement: 'Add Stock',
    files: ['app/services/inventory.py', 'app/routers/items.py', 'app/db.py'],
  },
  {
    repo: 'pantry-py',
    request: 'Consume stock from the batch that expires first',
    spec: 'pantry-inventory',
    requirement: 'Consume Stock',
    files: ['app/services/inventory.py', 'tests/test_inventory.py'],
  },
];

for (const c of CASES) {
  test(`${c.repo}: "${c.request}"`, async () => {
    const summary = await gatherContextInProcess({ repoDir: await exampleRepo(c.repo), runDir: await tempRunDir(), request: c.request });
    const top10 = summary.topFiles.slice(0, 10).map((f) => f.path);
    const [first] = summary.relatedSpecs;
    assert.equal(first?.capability, c.spec, `related specs: ${summary.relatedSpecs.map((s) => `${s.capability}=${s.score}`).join(', ')}`);
    if (c.requirement) assert.equal(first!.requirements[0], c.requirement, `requirements: ${first!.requirements.join(' | ')}`);
    for (const file of c.files) assert.ok(top10.includes(file), `${file} not in top 10:\n  ${top10.join('\n  ')}`);
  });
}

test('the change being planned is not a change in flight; other changes are, with their claims', async () => {
  const repoDir = await exampleRepo('taskboard');
  const request = 'Add labels to tasks and a label filter on the board';
  const other = await gatherContextInProcess({ repoDir, runDir: await tempRunDir(), request, changeId: 'add-task-colours' });
  const labels = other.changesInFlight.find((c) => c.id === 'add-task-labels');
  assert.ok(labels);
  assert.deepEqual(labels.capabilities, ['board-views', 'task-management']);
  assert.ok(labels.writeGlobs.includes('db/migrations/**'));
  assert.ok(labels.lockKeys.includes('db:migration-slot'));
  assert.ok(other.conflicts.some((c) => c.changeId === 'add-task-labels' && c.kind === 'capability'), JSON.stringify(other.conflicts));
  const self = await gatherContextInProcess({ repoDir, runDir: await tempRunDir(), request, changeId: 'add-task-labels' });
  assert.deepEqual(self.changesInFlight, []);
  assert.deepEqual(self.conflicts, []);
});

test('architecture of both examples: languages, frameworks, test commands, boundaries, hubs', async () => {
  const tb = await gatherContextInProcess({ repoDir: await exampleRepo('taskboard'), runDir: await tempRunDir(), request: 'add labels' });
  assert.deepEqual(tb.languages, ['TypeScript', 'SQL']);
  assert.deepEqual(tb.testCommands, ['npm test']);
  assert.ok(tb.frameworks.includes('node:test'));
  assert.deepEqual(
    tb.boundaries.map((b) => [b.id, b.kind, b.globs.join(',')]),
    [
      ['backend', 'backend', 'src/server/**'],
      ['frontend', 'frontend', 'web/**'],
      ['data', 'data', 'db/migrations/**'],
      ['shared', 'shared', 'src/shared/**'],
      ['tests', 'tests', 'test/**'],
      ['docs', 'docs', 'docs/**,README.md'],
    ],
  );
  assert.ok(tb.boundaries.filter((b) => b.kind !== 'docs').every((b) => b.testCommand === 'npm test'));
  for (const hub of ['package-lock.json', 'package.json', 'db/migrations/index.ts', 'src/server/routes/index.ts']) assert.ok(tb.hubFiles.includes(hub), hub);
  assert.equal(tb.docs[0] !== undefined, true);

  const py = await gatherContextInProcess({ repoDir: await exampleRepo('pantry-py'), runDir: await tempRunDir(), request: 'add barcodes' });
  assert.deepEqual(py.languages, ['Python', 'Go']);
  assert.deepEqual(py.testCommands, ['pytest', 'cd worker && go test ./...']);
  for (const fw of ['FastAPI', 'Pydantic', 'Alembic', 'pytest']) assert.ok(py.frameworks.includes(fw), fw);
  const byId = Object.fromEntries(py.boundaries.map((b) => [b.id, b]));
  assert.deepEqual(byId['backend-app']?.globs, ['app/**']);
  // The runner's own configuration decides: pyproject's testpaths = ["tests"].
  assert.equal(byId['backend-app']?.testCommand, 'pytest tests');
  assert.deepEqual(byId['backend-worker']?.globs, ['worker/**']);
  assert.equal(byId['backend-worker']?.testCommand, 'cd worker && go test ./...');
  assert.deepEqual(byId['data']?.globs, ['migrations/**']);
  assert.equal(byId['tests']?.kind, 'tests');
  for (const hub of ['pyproject.toml', 'requirements.txt', 'worker/go.mod', 'app/routers/__init__.py', 'app/__init__.py']) assert.ok(py.hubFiles.includes(hub), hub);
});
