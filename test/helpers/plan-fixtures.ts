/**
 * Small builders for packaging tests: plan drafts and context summaries with only the parts a
 * test cares about spelled out. Drafts go through the real zod schema, so defaults apply.
 */
import type { BoundaryInfo, ChangeInFlight, ContextSummary } from '../../src/domain/context/types.js';
import {
  PlanDraftSchema,
  type BoundaryKind,
  type PlanDraft,
  type PlanDraftInput,
} from '../../src/domain/draft.js';
import type { WorkPackagesDoc } from '../../src/domain/workpackages/types.js';
import { validateWorkPackages } from '../../src/domain/workpackages/validate.js';
import { checkLines } from '../../src/domain/workpackages/validate.js';
import { emptyContext } from './context-fixtures.js';

type TaskInput = NonNullable<PlanDraftInput['tasks']>[number];
type CapabilityInput = PlanDraftInput['capabilities'][number];
type RequirementInput = CapabilityInput['requirements'][number];

export const ref = (capability: string, requirement: string, scenario: string): string => `${capability}/${requirement}/${scenario}`;

/** A requirement with one scenario per name. */
export function requirement(name: string, scenarios: readonly string[]): RequirementInput {
  return {
    name,
    text: `The system SHALL ${name.toLowerCase()}.`,
    scenarios: scenarios.map((s) => ({ name: s, when: `the user does ${s}`, then: `${s} happens` })),
  };
}

export function capability(name: string, requirements: readonly RequirementInput[]): CapabilityInput {
  return { name, title: name, requirements: [...requirements] };
}

let taskCounter = 0;
/** A task of a boundary covering scenario refs; ids are renumbered by task-groups anyway. */
export function task(boundary: string, title: string, scenarios: readonly string[] = [], extra: Partial<TaskInput> = {}): TaskInput {
  taskCounter += 1;
  return { id: `9.${taskCounter}`, title, kind: 'code', boundary, scenarios: [...scenarios], ...extra };
}

export function draft(overrides: Partial<PlanDraftInput> & Pick<PlanDraftInput, 'capabilities'>): PlanDraft {
  return PlanDraftSchema.parse({
    changeId: 'add-task-labels',
    title: 'Add task labels',
    request: 'Let users label tasks',
    why: 'Users need to group tasks by topic; labels let them filter the board without new columns.',
    whatChanges: ['Tasks get labels'],
    impact: {},
    ...overrides,
  });
}

export function boundary(
  id: string,
  kind: BoundaryKind,
  globs: readonly string[],
  extra: Partial<Omit<BoundaryInfo, 'id' | 'kind' | 'globs'>> = {},
): BoundaryInfo {
  return { id, kind, globs: [...globs], languages: [], files: 3, ...extra };
}

export function context(parts: {
  boundaries: BoundaryInfo[];
  hubFiles?: string[];
  testCommands?: string[];
  changesInFlight?: ChangeInFlight[];
  docs?: string[];
}): ContextSummary {
  return emptyContext({
    boundaries: parts.boundaries,
    changesInFlight: parts.changesInFlight ?? [],
    testCommands: parts.testCommands ?? [],
    hubFiles: parts.hubFiles ?? [],
    docs: parts.docs ?? [],
  });
}

/** Validator findings in both glob modes with overlap checking (empty when valid). */
export function validatorFindings(doc: WorkPackagesDoc): string[] {
  return (['compat', 'exact'] as const).flatMap((globMode) => {
    const result = validateWorkPackages(doc, { checkOverlap: true, globMode, file: 'work-packages.yaml' });
    return Object.entries(result.checks).flatMap(([name, check]) => (check.passed ? [] : checkLines(check).map((l) => `[${globMode}] ${name}: ${l}`)));
  });
}

export const pkg = (doc: WorkPackagesDoc, id: string) => {
  const found = doc.packages.find((p) => p.package_id === id);
  if (!found) throw new Error(`no package ${id} in ${doc.packages.map((p) => p.package_id).join(', ')}`);
  return found;
};

/** The task-board API feature: labels across data, backend and frontend. */
export function labelsFeature(): { draft: PlanDraft; context: ContextSummary } {
  const cap = 'task-labels';
  const attach = requirement('Attach labels', ['attach a label', 'reject unknown task']);
  const list = requirement('List labels', ['list labels of a task']);
  const d = draft({
    capabilities: [capability(cap, [attach, list])],
    operations: [
      { operationId: 'addTaskLabel', method: 'POST', path: '/tasks/{taskId}/labels', summary: 'Attach a label', requestEntity: 'Label' },
      { operationId: 'listTaskLabels', method: 'GET', path: '/tasks/{taskId}/labels', summary: 'List labels', responseEntity: 'Label', responseList: true },
    ],
    entities: [{ name: 'Label', table: 'task_labels', fields: [{ name: 'name', type: 'string' }] }],
    events: [{ name: 'label.added', description: 'A label was attached', fields: [{ name: 'task_id', type: 'uuid' }] }],
    boundaries: [
      { id: 'data', kind: 'data', globs: ['db/**'] },
      { id: 'backend', kind: 'backend', globs: ['src/server/**'] },
      { id: 'frontend', kind: 'frontend', globs: ['web/**'] },
    ],
    tasks: [
      task('contracts', 'Freeze the labels contract', [ref(cap, 'Attach labels', 'attach a label')], { kind: 'contract' }),
      task('data', 'Migration creating task_labels', [ref(cap, 'Attach labels', 'attach a label')]),
      task('backend', 'Implement addTaskLabel', [ref(cap, 'Attach labels', 'attach a label'), ref(cap, 'Attach labels', 'reject unknown task')]),
      task('backend', 'Implement listTaskLabels', [ref(cap, 'List labels', 'list labels of a task')]),
      task('frontend', 'Show labels on task cards', [ref(cap, 'List labels', 'list labels of a task')]),
      task('integration', 'End-to-end check of labels', [ref(cap, 'Attach labels', 'attach a label')], { kind: 'checkpoint' }),
    ],
  });
  const c = context({
    boundaries: [
      boundary('backend', 'backend', ['src/server/**'], { testCommand: 'npm test -- test/server', languages: ['typescript'] }),
      boundary('frontend', 'frontend', ['web/**'], { testCommand: 'npm test -- test/web', languages: ['typescript'] }),
      boundary('data', 'data', ['db/**'], { testCommand: 'npm test -- test/db', languages: ['sql', 'typescript'] }),
      boundary('docs', 'docs', ['docs/**'], { languages: ['markdown'] }),
    ],
    hubFiles: ['package.json', 'package-lock.json', 'db/migrations/index.ts', 'src/server/routes/index.ts'],
    testCommands: ['npm test'],
  });
  return { draft: d, context: c };
}
