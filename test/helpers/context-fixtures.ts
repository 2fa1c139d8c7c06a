/**
 * Hand-built ContextSummary values for authoring tests. `taskboardContext()` mirrors what context
 * gathering reports for examples/taskboard (real spec names, requirement headers, globs, files),
 * so artifacts rendered from it can be validated inside a copy of that example.
 */
import type { BoundaryInfo, ContextSummary, RankedFile, RelatedSpec } from '../../src/domain/context/types.js';

const NO_REF = { path: 'context.json', sha256: '0'.repeat(64), bytes: 0 };

export function emptyContext(overrides: Partial<ContextSummary> = {}): ContextSummary {
  return {
    repoDir: '/repo',
    ref: NO_REF,
    facets: [],
    specsCount: 0,
    relatedSpecs: [],
    changesInFlight: [],
    conflicts: [],
    languages: [],
    frameworks: [],
    testCommands: [],
    boundaries: [],
    hubFiles: [],
    docs: [],
    topFiles: [],
    filesScanned: 0,
    filesSkipped: 0,
    ...overrides,
  };
}

export function ranked(...paths: string[]): RankedFile[] {
  return paths.map((path, i) => ({ path, score: Number((1 - i * 0.1).toFixed(2)), symbols: [] }));
}

export function spec(capability: string, score: number, requirements: string[]): RelatedSpec {
  return { capability, path: `openspec/specs/${capability}/spec.md`, score, requirements };
}

export const TASKBOARD_BOUNDARIES: BoundaryInfo[] = [
  { id: 'backend', kind: 'backend', globs: ['src/server/**', 'src/shared/**'], testCommand: 'npm test', languages: ['typescript'], files: 14 },
  { id: 'frontend', kind: 'frontend', globs: ['web/**'], testCommand: 'npm test', languages: ['typescript', 'css', 'html'], files: 12 },
  { id: 'data', kind: 'data', globs: ['db/migrations/**'], languages: ['sql', 'typescript'], files: 5 },
  { id: 'docs', kind: 'docs', globs: ['docs/**', 'README.md'], languages: ['markdown'], files: 2 },
  { id: 'tests', kind: 'tests', globs: ['test/**'], testCommand: 'npm test', languages: ['typescript'], files: 5 },
];

export function taskboardContext(overrides: Partial<ContextSummary> = {}): ContextSummary {
  return emptyContext({
    repoDir: '/repo/taskboard',
    specsCount: 4,
    relatedSpecs: [
      spec('task-management', 0.3, ['Task Creation', 'Task Listing', 'Status Flow', 'Task Assignment']),
      spec('board-views', 0.2, ['Kanban Columns', 'Task Card Content']),
    ],
    changesInFlight: [{ id: 'add-task-labels', capabilities: ['task-management', 'board-views'], writeGlobs: ['src/server/**', 'web/**'], lockKeys: [] }],
    languages: ['typescript', 'sql'],
    frameworks: ['node:http'],
    testCommands: ['npm test'],
    boundaries: TASKBOARD_BOUNDARIES,
    hubFiles: ['package.json', 'package-lock.json', 'src/server/routes/index.ts', 'db/migrations/index.ts'],
    docs: ['README.md', 'docs/architecture.md'],
    topFiles: ranked(
      'src/server/routes/tasks.ts',
      'src/server/services/taskService.ts',
      'src/shared/types.ts',
      'test/taskService.test.ts',
      'test/api.test.ts',
      'web/src/components/TaskCard.ts',
      'db/migrations/0002_create_tasks.sql',
    ),
    filesScanned: 40,
    ...overrides,
  });
}

export const PANTRY_BOUNDARIES: BoundaryInfo[] = [
  { id: 'api', kind: 'backend', globs: ['app/**'], testCommand: 'pytest', languages: ['python'], files: 15 },
  { id: 'worker', kind: 'backend', globs: ['worker/**'], testCommand: 'go test ./...', languages: ['go'], files: 4 },
  { id: 'migrations', kind: 'data', globs: ['migrations/**', 'alembic.ini'], languages: ['python'], files: 5 },
  { id: 'docs', kind: 'docs', globs: ['docs/**', 'README.md'], languages: ['markdown'], files: 2 },
  { id: 'tests', kind: 'tests', globs: ['tests/**'], testCommand: 'pytest', languages: ['python'], files: 5 },
];

/** What context gathering reports for examples/pantry-py (Python API + Go worker). */
export function pantryContext(overrides: Partial<ContextSummary> = {}): ContextSummary {
  return emptyContext({
    repoDir: '/repo/pantry-py',
    specsCount: 3,
    relatedSpecs: [
      spec('pantry-inventory', 0.8, ['Add Stock', 'Consume Stock']),
      spec('expiry-alerts', 0.3, ['Expiring Items', 'Daily Digest']),
    ],
    languages: ['python', 'go'],
    frameworks: ['fastapi', 'sqlalchemy', 'alembic'],
    testCommands: ['pytest', 'go test ./...'],
    boundaries: PANTRY_BOUNDARIES,
    hubFiles: ['requirements.txt', 'app/main.py', 'worker/go.mod'],
    docs: ['README.md', 'docs/architecture.md'],
    topFiles: ranked('app/routers/items.py', 'app/services/inventory.py', 'app/models/item.py', 'tests/test_inventory.py', 'migrations/versions/0001_create_pantry_items.py'),
    filesScanned: 42,
    ...overrides,
  });
}
