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

export type Verification = WorkPackage['verification'];

export interface CiWorkflow {
  provider: 'github' | 'other';
  workflow: string;
}

/** CI workflow files the context saw (hub files, docs, ranked files). */
export function ciWorkflows(context: ContextSummary): CiWorkflow[] {
  const paths = new Set([...context.hubFiles, ...context.docs, ...context.topFiles.map((f) => f.path)]);
  const found: CiWorkflow[] = [];
  for (const path of [...paths].sort()) {
    if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) found.push({ provider: 'github', workflow: path });
    else if (/^\.gitlab-ci\.ya?ml$/.test(path)) found.push({ provider: 'other', workflow: path });
  }
  return found;
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
    name: `ci: ${ci.workflow.split('/').pop()!}`.slice(0, 80),
    kind: 'ci',
    evidence: { artifacts: [], result_keys: [resultKey(packageId, 'ci_passed')] },
    ci: { provider: ci.provider, workflow: ci.workflow },
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

/** Strict OpenSpec validation of the change: run where contracts and specs are written. */
export function openSpecValidateStep(packageId: string, changeId: string): VerificationStep {
  return commandStep(packageId, `npx openspec validate ${changeId} --strict`, 'openspec', { OPENSPEC_TELEMETRY: '0' });
}
