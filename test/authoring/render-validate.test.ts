/**
 * End to end for step 3: request (+ brief) + context -> rule-based draft -> rendered artifacts,
 * validated by the real `openspec validate --strict` inside a copy of examples/taskboard or a
 * fresh `openspec init` repository.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { openspecValidate } from '../../src/adapters/openspec.js';
import { parseBrief } from '../../src/domain/brief.js';
import { deriveChangeId } from '../../src/domain/change-id.js';
import type { ContextSummary } from '../../src/domain/context/types.js';
import { createRuleBasedAuthor } from '../../src/authors/rule-based.js';
import type { AuthorInput } from '../../src/domain/author/input.js';
import { renderChange } from '../../src/domain/render/index.js';
import { checkChangeStructure } from '../../src/domain/render/structure-check.js';
import { projectRoot } from '../../src/config/paths.js';
import { emptyContext, pantryContext, ranked, spec, taskboardContext } from '../helpers/context-fixtures.js';
import { exampleRepo, freshOpenspecRepo, writeChange } from '../helpers/authoring.js';

interface Case {
  name: string;
  request: string;
  context: () => ContextSummary;
  brief?: string;
  repo: 'taskboard' | 'pantry-py' | 'fresh';
  /** Strings the artifacts must contain (specs and files the context gave). */
  cites: Record<string, string[]>;
  feedback?: string[];
}

const brief = (name: string) => readFileSync(join(projectRoot, 'examples/briefs', name), 'utf8');

const cases: Case[] = [
  {
    name: 'API feature',
    request: 'Add an endpoint to archive tasks',
    context: () => taskboardContext(),
    repo: 'taskboard',
    cites: { 'proposal.md': ['`src/server/routes/tasks.ts`', '`POST /tasks/{id}/archive`'], 'tasks.md': ['`test/archive-tasks-endpoint.backend.test.ts`', '`test/taskService.test.ts`', '`src/server/services/taskService.ts`', 'npm test'] },
  },
  {
    name: 'UI-only feature',
    request: 'Support dark mode in the web UI',
    context: () => taskboardContext({ topFiles: ranked('web/styles.css', 'web/src/main.ts', 'web/src/components/TaskCard.ts', 'test/board.test.ts') }),
    repo: 'taskboard',
    cites: { 'proposal.md': ['`web/styles.css`'], 'tasks.md': ['## 1. frontend', '`test/dark-mode.frontend.test.ts`'], 'design.md': ['Reuse the existing UI components'] },
  },
  {
    name: 'database change',
    request: 'Store task history entries in a task_history table',
    context: () => taskboardContext({ topFiles: ranked('db/migrations/0002_create_tasks.sql', 'db/migrations/index.ts', 'src/server/db/store.ts') }),
    repo: 'taskboard',
    // Existing migrations are history, never files to change; the registry beside them is code.
    cites: { 'proposal.md': ['`task_history`', '`db/migrations/index.ts`'], 'design.md': ['Additive, reversible schema migration', '## Migration Plan'] },
  },
  {
    name: 'database change without a new table',
    request: 'Add a priority column to the tasks table',
    context: () => taskboardContext({ topFiles: ranked('db/migrations/0004_add_task_due_date.sql', 'db/migrations/0002_create_tasks.sql', 'src/server/db/store.ts') }),
    repo: 'taskboard',
    cites: {
      'tasks.md': ['## 1. data', '`db/migrations/**`'],
      'design.md': ['Make the schema change in a new migration', 'Apply the migration for this change before deploying'],
    },
  },
  {
    name: 'modifies an existing requirement',
    request: 'Change task creation to allow titles up to 500 characters',
    context: () => taskboardContext({ relatedSpecs: [spec('task-management', 0.91, ['Task Creation', 'Task Listing'])] }),
    repo: 'taskboard',
    cites: {
      'specs/task-management/spec.md': ['## MODIFIED Requirements', '### Requirement: Task Creation', '#### Scenario: Create a task with a title', 'SHALL change task creation to allow titles up to 500 characters'],       'proposal.md': ['`task-management` (modified)', '`add-task-labels`'],
    },
  },
  {
    name: 'docs-only change',
    request: 'Document the deployment process',
    context: () => emptyContext({ docs: ['README.md', 'docs/ops.md'], boundaries: [{ id: 'docs', kind: 'docs', globs: ['docs/**', 'README.md'], languages: ['markdown'], files: 2 }] }),
    repo: 'fresh',
    cites: { 'tasks.md': ['## 1. docs', 'Update the documentation'], 'proposal.md': ['`docs/**`'] },
  },
  {
    name: 'with a brief and review feedback',
    request: 'Let users comment on tasks',
    context: () => taskboardContext(),
    brief: brief('taskboard-comments.yaml'),
    repo: 'taskboard',
    feedback: ['Comments must be limited to 2000 characters'],
    cites: {
      'proposal.md': ['`POST /tasks/{taskId}/comments`', '`task_comments`', '`task.commented`', 'Revision notes (revision 2): Comments must be limited to 2000 characters'],
      'design.md': ['### D', 'Revision 2: Comments must be limited'],
      'tasks.md': ['## 1. contracts', 'Address review feedback (revision 2)'],
    },
  },
  {
    name: 'brief modifying an existing requirement (Python + Go example)',
    request: 'Track a history of stock changes',
    context: () => pantryContext(),
    brief: brief('pantry-stock-history.yaml'),
    repo: 'pantry-py',
    cites: {
      'specs/pantry-inventory/spec.md': ['## ADDED Requirements', '### Requirement: Stock History', '## MODIFIED Requirements', '### Requirement: Add Stock', '#### Scenario: Add oats', '#### Scenario: Adding stock is recorded in the history'],
      'tasks.md': ['## 1. contracts', '`app/routers/items.py`', '`tests/test_inventory.py`', 'run `pytest`'],
      'proposal.md': ['`pantry-inventory` (modified)', '`GET /items/{item_id}/history`', '`stock_changes`'],
    },
  },
];

function inputFor(c: Case, repoDir: string): AuthorInput {
  const parsed = c.brief ? parseBrief(c.brief) : undefined;
  if (parsed && !parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return {
    request: c.request,
    context: { ...c.context(), repoDir },
    changeId: deriveChangeId(c.request, ['add-task-labels']),
    revision: c.feedback ? 2 : 1,
    ...(parsed?.ok ? { brief: parsed.brief } : {}),
    ...(c.feedback ? { feedback: c.feedback } : {}),
  };
}

describe('rule-based authoring renders changes that openspec validate --strict accepts', () => {
  const repos = new Map<Case['repo'], string>();
  before(async () => {
    repos.set('taskboard', await exampleRepo('taskboard'));
    repos.set('pantry-py', await exampleRepo('pantry-py'));
    repos.set('fresh', await freshOpenspecRepo());
  });

  for (const c of cases) {
    it(c.name, async () => {
      const repo = repos.get(c.repo)!;
      const author = createRuleBasedAuthor();
      const input = inputFor(c, repo);
      const draft = await author.draft(input);
      const files = renderChange(draft, { context: input.context });
      const again = renderChange(await author.draft(inputFor(c, repo)), { context: input.context });
      assert.deepEqual(again, files, 'same inputs must give byte-identical artifacts');

      writeChange(repo, draft.changeId, files);
      const result = await openspecValidate(repo, draft.changeId);
      assert.deepEqual(result.issues.filter((i) => i.level !== 'INFO' || /refuse|not found/i.test(i.message)), [], JSON.stringify(result.issues));
      assert.equal(result.valid, true);

      const byPath = new Map(files.map((f) => [f.path, f.content]));
      for (const [path, needles] of Object.entries(c.cites)) {
        const content = byPath.get(path);
        assert.ok(content, `${path} rendered`);
        for (const n of needles) assert.ok(content.includes(n), `${path} should contain ${JSON.stringify(n)}:\n${content}`);
      }
      const structure = checkChangeStructure(files, { tier: 'coordinated' });
      assert.deepEqual(structure.issues, []);
      assert.equal(structure.valid, true);
    });
  }
});
