/**
 * Traceability from spec to work: every requirement and scenario is covered by at least one task,
 * and every task belongs to exactly one package. Packages list their task ids (as numbered in
 * tasks.md) in `inputs.tasks`, so the check reads the document itself, not planner internals.
 */
import { ErrorType, PlanError } from '../../errors.js';
import type { PlanDraft } from '../draft.js';
import type { WorkPackage, WorkPackagesDoc } from '../workpackages/types.js';
import { numberTasks } from './task-groups.js';

export type TraceabilityCode =
  | 'uncovered-requirement'
  | 'uncovered-scenario'
  | 'unknown-scenario'
  | 'task-without-package'
  | 'task-in-several-packages'
  | 'unknown-task';

export interface TraceabilityIssue {
  code: TraceabilityCode;
  /** What is wrong: `<capability>/<requirement>[/<scenario>]`, or a task id. */
  ref: string;
  message: string;
}

/** `inputs` key under which a package lists the ids of its tasks. */
export const TASKS_INPUT = 'tasks';
/** `inputs` key under which a package lists the scenario references its tasks cover. */
export const SCENARIOS_INPUT = 'scenarios';

export const scenarioRef = (capability: string, requirement: string, scenario: string): string =>
  `${capability}/${requirement}/${scenario}`;

/** Requirements and scenarios that no task covers, and task references to nothing. */
export function checkCoverage(draft: PlanDraft): TraceabilityIssue[] {
  const issues: TraceabilityIssue[] = [];
  const referenced = new Set(draft.tasks.flatMap((t) => t.scenarios));
  const known = new Set<string>();
  for (const capability of draft.capabilities) {
    for (const requirement of capability.requirements) {
      const refs = requirement.scenarios.map((s) => scenarioRef(capability.name, requirement.name, s.name));
      refs.forEach((r) => known.add(r));
      const covered = refs.filter((r) => referenced.has(r));
      const requirementRef = `${capability.name}/${requirement.name}`;
      if (covered.length === 0) {
        issues.push({
          code: 'uncovered-requirement',
          ref: requirementRef,
          message: `requirement "${requirementRef}" is covered by no task: add a task whose scenarios name one of its scenarios`,
        });
        continue;
      }
      for (const ref of refs.filter((r) => !referenced.has(r))) {
        issues.push({ code: 'uncovered-scenario', ref, message: `scenario "${ref}" is covered by no task` });
      }
    }
  }
  // Task ids as tasks.md numbers them, so messages point at the line a reader sees.
  for (const task of numberTasks(draft)) {
    for (const ref of task.scenarios.filter((r) => !known.has(r))) {
      issues.push({ code: 'unknown-scenario', ref, message: `task ${task.id} "${task.title}" names scenario "${ref}", which the draft does not have` });
    }
  }
  return issues;
}

export function packageTaskIds(pkg: WorkPackage): string[] {
  const inputs: unknown = pkg.inputs;
  const listed = typeof inputs === 'object' && inputs !== null ? (inputs as Record<string, unknown>)[TASKS_INPUT] : undefined;
  return Array.isArray(listed) ? listed.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Coverage of the draft plus the task-to-package mapping of a document. The document may come
 * from a file someone edited, so a malformed shape counts as "no tasks listed", never a crash.
 */
export function checkTraceability(draft: PlanDraft, doc: WorkPackagesDoc): TraceabilityIssue[] {
  const issues = checkCoverage(draft);
  const owners = new Map<string, string[]>();
  const packages: unknown[] = Array.isArray(doc?.packages) ? doc.packages : [];
  for (const pkg of packages) {
    if (typeof pkg !== 'object' || pkg === null) continue;
    const id = String((pkg as WorkPackage).package_id);
    for (const taskId of packageTaskIds(pkg as WorkPackage)) owners.set(taskId, [...(owners.get(taskId) ?? []), id]);
  }
  const tasks = numberTasks(draft);
  for (const task of tasks) {
    const holders = owners.get(task.id) ?? [];
    if (holders.length === 0) {
      issues.push({ code: 'task-without-package', ref: task.id, message: `task ${task.id} "${task.title}" belongs to no package` });
    } else if (holders.length > 1) {
      issues.push({
        code: 'task-in-several-packages',
        ref: task.id,
        message: `task ${task.id} "${task.title}" belongs to several packages: ${holders.join(', ')}`,
      });
    }
  }
  const taskIds = new Set(tasks.map((t) => t.id));
  for (const [id, holders] of owners) {
    if (!taskIds.has(id)) issues.push({ code: 'unknown-task', ref: id, message: `${holders.join(', ')} list task ${id}, which the draft does not have` });
  }
  return issues;
}

/** Generation refuses a plan whose work does not trace back to the spec; `issues` say what. */
export class TraceabilityError extends PlanError {
  constructor(readonly issues: readonly TraceabilityIssue[]) {
    super(
      ErrorType.InvalidPlan,
      `the plan is not traceable (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n${issues.map((i) => `- ${i.message}`).join('\n')}`,
      'cover every requirement and scenario with a task (task.scenarios) and give every task a boundary',
    );
    this.name = 'TraceabilityError';
  }
}
