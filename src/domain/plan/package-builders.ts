/**
 * Assembling one WorkPackage from what the planner decided: the parts every package shares
 * (worktree, timeouts, trust, outputs, task inputs) are filled in one place.
 */
import type { Task } from '../draft.js';
import type { WorkPackage } from '../workpackages/types.js';
import { PACKAGING_DEFAULTS, worktreeName, type PackageRole } from './packaging-defaults.js';
import { SCENARIOS_INPUT, TASKS_INPUT } from './traceability.js';
import type { Verification } from './verification-plan.js';

export interface PackageSpec {
  changeId: string;
  packageId: string;
  role: PackageRole;
  taskType: string;
  title: string;
  /** Paragraphs, joined by blank lines. */
  description: string[];
  dependsOn: string[];
  priority: number;
  keys: string[];
  files: string[];
  writeAllow: string[];
  deny: string[];
  verification: Verification;
  tasks: readonly Task[];
}

const DESCRIPTION_MAX = 4000;
const TITLE_MAX = 120;

/** Cuts text to `max` characters, marking the cut, so long plans still fit the format. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

const sortedUnique = (items: readonly string[]): string[] => [...new Set(items)].sort();

export function buildPackage(spec: PackageSpec): WorkPackage {
  const resultKeys = sortedUnique(spec.verification.steps.flatMap((s) => s.evidence.result_keys));
  return {
    package_id: spec.packageId,
    task_type: spec.taskType,
    description: clip(spec.description.filter((p) => p !== '').join('\n\n'), DESCRIPTION_MAX),
    depends_on: [...spec.dependsOn],
    priority: spec.priority,
    locks: { files: sortedUnique(spec.files), keys: sortedUnique(spec.keys) },
    scope: {
      write_allow: sortedUnique(spec.writeAllow),
      read_allow: ['**'],
      ...(spec.deny.length > 0 ? { deny: sortedUnique(spec.deny) } : {}),
    },
    worktree: { name: worktreeName(spec.changeId, spec.packageId), mode: 'isolated' },
    timeout_minutes: PACKAGING_DEFAULTS.timeoutMinutes[spec.role],
    retry_budget: PACKAGING_DEFAULTS.retryBudget,
    min_trust_level: PACKAGING_DEFAULTS.minTrustLevel,
    verification: spec.verification,
    outputs: { result_keys: resultKeys },
    title: clip(spec.title, TITLE_MAX),
    inputs: {
      [TASKS_INPUT]: spec.tasks.map((t) => t.id),
      [SCENARIOS_INPUT]: sortedUnique(spec.tasks.flatMap((t) => t.scenarios)),
    },
  };
}

/** The task list paragraph of a description. */
export function describeTasks(tasks: readonly Task[]): string {
  if (tasks.length === 0) return '';
  return ['Tasks (numbered as in tasks.md):', ...tasks.map((t) => `- ${t.id} ${t.title}`)].join('\n');
}
