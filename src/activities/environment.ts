/**
 * Step 1: verify the environment. Checks the repository and inputs (bad input is permanent),
 * finds the tools later steps run, chooses the tier and initialises OpenSpec when absent.
 */
import { gitHead } from '../adapters/git.js';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { checkChangeId } from '../domain/change-id.js';
import { badInput } from '../errors.js';
import { readVerified, sha256 } from '../io/atomic-write.js';
import { openspecInit } from '../adapters/openspec.js';
import { gitTopLevel } from '../adapters/git.js';
import { assertChangeFolderWritable } from '../io/openspec-files.js';
import type { ArtifactRef, Tier } from '../shared/plan-types.js';
import { readFile } from 'node:fs/promises';
import { coordinatorFactory, type CoordinatorFactory } from '../coordinator/index.js';
import { capabilityReport, missingRequired, type CapabilityReport, type CoordinatorKind } from '../shared/coordinator-types.js';
import { POLICY_FILE, type PlanPolicy } from '../domain/policy/policy.js';
import { readPolicy } from '../io/policy-file.js';

export interface VerifyEnvironmentInput {
  repoDir: string;
  changeId: string;
  runDir: string;
  brief?: { path: string; sha256: string };
  coordinator: CoordinatorKind;
}

export interface VerifyEnvironmentResult {
  tier: Tier;
  warnings: string[];
  /** Files the step wrote into the repository (OpenSpec layout when it had none). */
  files: ArtifactRef[];
  /** What the coordinator offers; the tier is coordinated only with all required capabilities. */
  capabilities: CapabilityReport;
  /** HEAD's commit (absent in a repository without commits). */
  commit?: string;
  /** The repository's policy (.parallel-plan/policy.yaml or PARALLEL_PLAN_POLICY), when it has one. */
  policy?: PlanPolicy;
}

/**
 * CAN_POLICY from the policy file when the coordinator has no policy of its own: the plan is
 * held to it at validation (protected paths, widest wave) and at decisions (approvers).
 */
function withLocalPolicy(report: CapabilityReport, policy: PlanPolicy | undefined): CapabilityReport {
  // `none` reports nothing (the policy still holds: validation and decisions apply it).
  if (report.detail.CAN_POLICY.available || report.coordinator === 'none') return report;
  const detail = policy
    ? `policy ${policy.source}: ${[
        policy.approvers ? `approvers ${policy.approvers.join(', ')}` : '',
        policy.maxParallelWidth !== undefined ? `at most ${policy.maxParallelWidth} packages at once` : '',
        policy.protectedPaths ? `protected ${policy.protectedPaths.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ') || 'no rules'}`
    : `no policy file: ${POLICY_FILE} (or PARALLEL_PLAN_POLICY) would name approvers, the widest wave and protected paths`;
  return capabilityReport(report.coordinator, { ...report.detail, CAN_POLICY: { available: true, detail } }, report.warnings ?? []);
}

/** Checks shared by the CLI (before a workflow starts) and the activity (the workflow's own guard). */
export async function checkRepository(repoDir: string): Promise<void> {
  if (!existsSync(repoDir)) throw badInput(`repository path ${repoDir} does not exist`, 'pass --repo <dir> pointing at a git repository');
  if (!statSync(repoDir).isDirectory()) throw badInput(`repository path ${repoDir} is not a folder`);
  await gitTopLevel(repoDir);
}

export function checkChangeIdOrThrow(changeId: string): void {
  const check = checkChangeId(changeId);
  if (!check.ok) throw badInput(`invalid change id '${changeId}': ${check.message}`, check.fix);
}

export function createEnvironmentActivities(deps: { coordinators?: CoordinatorFactory } = {}) {
  const coordinators = deps.coordinators ?? coordinatorFactory();
  return {
    /** HEAD's commit now (request-changes --rebase), or null in a repository without commits. */
    async repositoryHead(input: { repoDir: string }): Promise<string | null> {
      return (await gitHead(input.repoDir)) ?? null;
    },

    async verifyEnvironment(input: VerifyEnvironmentInput): Promise<VerifyEnvironmentResult> {
      await checkRepository(input.repoDir);
      checkChangeIdOrThrow(input.changeId);
      assertChangeFolderWritable(input.repoDir, input.changeId);
      if (input.brief) await readVerified(input.brief);
      await mkdir(input.runDir, { recursive: true });

      // An invalid policy stops the plan here, naming the file and fields.
      const policy = readPolicy(input.repoDir);
      const warnings: string[] = [];
      const files: ArtifactRef[] = [];
      const capabilities = withLocalPolicy(await coordinators(input.coordinator).capabilities({ repository: input.repoDir }), policy);
      const missing = missingRequired(capabilities);
      const tier: Tier = missing.length === 0 ? 'coordinated' : 'linear';
      if (input.coordinator === 'none') {
        warnings.push(
          'degraded to the linear tier: no coordinator with discover, queue-work and lock capabilities (--coordinator none); ' +
            'no contracts or work packages are generated',
        );
      } else if (missing.length > 0) {
        const why = missing.map((c) => `${c}: ${capabilities.detail[c].detail}`).join('; ');
        warnings.push(`degraded to the linear tier: the ${capabilities.coordinator} coordinator lacks ${missing.join(', ')} (${why}); no contracts or work packages are generated`);
      }
      // Enriching and safety capabilities that failed: the plan goes on without them.
      warnings.push(...(capabilities.warnings ?? []));
      if (!existsSync(join(input.repoDir, 'openspec'))) {
        await openspecInit(input.repoDir);
        warnings.push('the repository had no openspec/ folder: initialised it with `openspec init --tools none`');
        const config = join(input.repoDir, 'openspec', 'config.yaml');
        if (existsSync(config)) files.push({ path: 'openspec/config.yaml', sha256: sha256(await readFile(config)), bytes: statSync(config).size });
      }
      const commit = await gitHead(input.repoDir);
      return { tier, warnings, files, capabilities, ...(commit ? { commit } : {}), ...(policy ? { policy } : {}) };
    },
  };
}
