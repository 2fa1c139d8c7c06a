/**
 * How each package proves it is done, from the repository's real test commands.
 *
 * Tier A: the package's own checks run locally (a test command the context found).
 * Tier B: only CI can prove it (no local command, but the repository has a CI workflow).
 * Tier C: static or manual checks only (docs, or code with neither), to be followed up by A or B.
 */
import type { ContextSummary } from '../context/types.js';
import type { VerificationStep, WorkPackage } from '../workpackages/types.js';
import { resultKey } from './packaging-defaults.js';
import { globRoot } from './scope-overlap.js';

export type Verification = WorkPackage['verification'];

export interface CiWorkflow {
  provider: 'github' | 'other';
  /** The workflow file, when the context saw it. */
  workflow?: string;
}

const CI_FOLDERS: ReadonlyArray<readonly [string, CiWorkflow['provider']]> = [
  ['.github', 'github'],
  ['.gitlab', 'other'],
  ['.circleci', 'other'],
];

/**
 * CI the repository runs: workflow files the context listed (hub files, docs, ranked files), else
 * a CI folder among its boundaries (`.github/**`), else nothing.
 */
export function ciWorkflows(context: ContextSummary): CiWorkflow[] {
  const paths = new Set([...context.hubFiles, ...context.docs, ...context.topFiles.map((f) => f.path)]);
  const files: CiWorkflow[] = [];
  for (const path of [...paths].sort()) {
    if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) files.push({ provider: 'github', workflow: path });
    else if (/^\.gitlab-ci\.ya?ml$/.test(path)) files.push({ provider: 'other', workflow: path });
  }
  if (files.length > 0) return files;
  const roots = context.boundaries.flatMap((b) => b.globs.map(globRoot));
  const folder = CI_FOLDERS.find(([dir]) => roots.some((root) => root === dir || root.startsWith(`${dir}/`)));
  return folder ? [{ provider: folder[1] }] : [];
}

export function commandStep(packageId: string, command: string, what: string, env?: Record<string, string>): VerificationStep {
  return {
    name: `${what}: ${command}`.slice(0, 80),
    kind: 'command',
    evidence: { artifacts: [], result_keys: [resultKey(packageId, `${what.replace(/[^a-z0-9]+/g, '_')}_passed`)] },
    command,
    ...(env ? { env } : {}),
    expect_exit_code: 0,
  };
}

function ciStep(packageId: string, ci: CiWorkflow): VerificationStep {
  return {
    name: `ci: ${ci.workflow?.split('/').pop() ?? ci.provider}`.slice(0, 80),
    kind: 'ci',
    evidence: { artifacts: [], result_keys: [resultKey(packageId, 'ci_passed')] },
    ci: { provider: ci.provider, ...(ci.workflow ? { workflow: ci.workflow } : {}) },
  };
}

function manualStep(packageId: string, instructions: string): VerificationStep {
  return {
    name: 'review',
    kind: 'manual',
    evidence: { artifacts: [], result_keys: [resultKey(packageId, 'reviewed')] },
    manual_instructions: instructions,
  };
}

/**
 * Verification of a package from its test commands (extra steps first, e.g. OpenSpec checks).
 * `reviewHint` says what a reviewer checks when nothing can run.
 */
export function planVerification(
  packageId: string,
  testCommands: readonly string[],
  ci: readonly CiWorkflow[],
  reviewHint: string,
  extraSteps: readonly VerificationStep[] = [],
): Verification {
  if (testCommands.length > 0) {
    return { tier_required: 'A', steps: [...extraSteps, ...testCommands.map((c) => commandStep(packageId, c, 'tests'))] };
  }
  if (ci.length > 0) return { tier_required: 'B', steps: [...extraSteps, ...ci.map((w) => ciStep(packageId, w))] };
  return { tier_required: 'C', steps: [...extraSteps, manualStep(packageId, reviewHint)] };
}

/** Tier C for documentation: nothing to run, a reader checks the text against the specs. */
export function docsVerification(packageId: string, changeId: string): Verification {
  return {
    tier_required: 'C',
    steps: [
      manualStep(
        packageId,
        `Read the changed documentation against openspec/changes/${changeId}/specs: every statement matches a requirement, links resolve, examples match the contracts.`,
      ),
    ],
  };
}

/**
 * The OpenSpec CLI, pinned to the version this project is tested with: a bare `npx openspec`
 * in a repository without it would fetch whatever package is called `openspec`.
 */
export const OPENSPEC_PACKAGE = '@fission-ai/openspec@1.13.2';

/** Strict OpenSpec validation of the change: run where contracts and specs are written. */
export function openSpecValidateStep(packageId: string, changeId: string): VerificationStep {
  return commandStep(packageId, `npx ${OPENSPEC_PACKAGE} validate ${changeId} --strict`, 'openspec', { OPENSPEC_TELEMETRY: '0' });
}

/**
 * What the package that integrates the plan runs: the commands of the boundaries the plan
 * touches, then the repository's own root-level commands (not every sub-project's: a plugin
 * example's `cargo test` says nothing about this change).
 */
export function integrationTestCommands(zoneCommands: readonly string[], repositoryCommands: readonly string[]): string[] {
  const root = repositoryCommands.filter((c) => !/^cd\s/.test(c));
  // A boundary command that narrows a root command (`npm test -- test/db`, `go test ./db/...`) is run by it.
  const covered = (c: string) => root.some((r) => c !== r && (c.startsWith(`${r} `) || (r === 'go test ./...' && /^go test \.\/\S+\/\.\.\.$/.test(c))));
  const chosen = [...new Set([...zoneCommands.filter((c) => !covered(c)), ...root])];
  return chosen.length > 0 ? chosen : [...repositoryCommands];
}
