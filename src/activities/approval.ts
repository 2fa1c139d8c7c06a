/**
 * Step 7's side effects. An approval writes a handoff record beside the artifacts (who approved
 * which revision, the exact artifacts with sha256, the guardrail verdict) and registers the
 * packages' lock claims with the coordinator; a rejection releases any claim the change held.
 *
 * A lock conflict never loses the approval: the decision is a person's and stands. The claim is
 * all or nothing, so nothing is registered; handoff.json marks every claim `registered: false`
 * with the keys and files other changes hold, and the plan's warnings say the same, so the
 * person sees that those packages must wait for the holder (or its lease) before they start.
 * An unreachable registry is recorded the same way.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readRepoText, repoSubfolders } from '../io/repo-paths.js';
import { ARCHIVE_FOLDER } from '../io/openspec-files.js';
import { requirementTouches, specConflictLine, specConflicts, type SpecConflict } from '../domain/conflicts/spec-conflicts.js';
import { readdir } from 'node:fs/promises';
import { gitCommitsSince, gitHead } from '../adapters/git.js';
import { staleCommits, type Freshness } from '../domain/freshness/stale.js';
import { conflictVerdict, heldLocksOf, type ConflictVerdict, type HeldLocks, type PackageClaim } from '../domain/conflicts/verdict.js';
import { loadChangesInFlight } from './context/changes-facet.js';
import { join } from 'node:path';
import { assertChangeFolderWritable, changeDir } from '../io/openspec-files.js';
import { Context } from '@temporalio/activity';
import { writeJsonAtomic, repoRelative } from '../io/atomic-write.js';
import type { ArtifactRef, Decision, PlanInput, PlanStatus } from '../shared/plan-types.js';
import type { WorkPackagesDoc } from '../domain/workpackages/types.js';
import type { ClaimLocksInput, PackageLocks } from '../shared/lock-messages.js';
import { lockClaimsOf, packageClaimsOf } from '../domain/workpackages/lock-claims.js';
import { readWorkPackagesFile } from '../io/work-packages-file.js';
import { coordinatorFactory, type ClaimResult, type CoordinatorFactory } from '../coordinator/index.js';
import { rememberWith } from './memory.js';

export interface RecordDecisionInput {
  input: PlanInput;
  status: PlanStatus;
  decision: Decision;
}

export interface RecordDecisionResult {
  /** handoff.json, written on approval only. */
  handoff: ArtifactRef | null;
  /** Lock conflicts, an unreachable registry, guardrail violations: shown in the plan's status. */
  warnings: string[];
  /**
   * Set when the approval was not taken: other changes hold some of the plan's locks and the
   * approver did not acknowledge it. Nothing was written or registered.
   */
  refused?: string;
  /** FULL, PARTIAL or SEQUENTIAL (approvals of coordinated plans). */
  verdict?: ConflictVerdict;
}


async function readPackages(repoDir: string, changeId: string): Promise<{ packages: PackageLocks[]; ttlMs: number; claims: PackageClaim[] } | null> {
  const file = join(changeDir(repoDir, changeId), 'work-packages.yaml');
  if (!existsSync(file)) return null;
  const doc = (await readWorkPackagesFile(file)) as WorkPackagesDoc;
  return { ...lockClaimsOf(doc), claims: packageClaimsOf(doc) };
}

/**
 * Other unarchived changes of the repository, read from disk now, as the locks they will hold:
 * their work-packages.yaml's write globs, lock keys and files. A change that was never approved
 * here holds no claim in the registry, yet its agents will write there.
 */
async function changesOnDisk(repoDir: string, changeId: string): Promise<HeldLocks[]> {
  return (await loadChangesInFlight(repoDir, changeId)).changes.map(heldLocksOf);
}

/** Delta specs of a change: capability folder -> spec text (safe reads, never through links out). */
function deltaSpecs(repoDir: string, changeId: string): Array<{ capability: string; text: string }> {
  const rel = `openspec/changes/${changeId}/specs`;
  return repoSubfolders(repoDir, rel, (abs) => readdirSync(abs))
    .map((capability) => ({ capability, text: readRepoText(repoDir, `${rel}/${capability}/spec.md`) }))
    .filter((d): d is { capability: string; text: string } => d.text !== undefined);
}

/** Requirements this change modifies, removes or renames that other unarchived changes touch too. */
export function specConflictsOf(repoDir: string, changeId: string): SpecConflict[] {
  const touches = (id: string) => deltaSpecs(repoDir, id).flatMap((d) => requirementTouches(d.capability, d.text));
  const mine = touches(changeId);
  if (mine.length === 0) return [];
  const others = repoSubfolders(repoDir, 'openspec/changes', (abs) => readdirSync(abs))
    .filter((id) => id !== changeId && id !== ARCHIVE_FOLDER && !id.startsWith('.'))
    .map((id) => ({ changeId: id, touches: touches(id) }));
  return specConflicts(mine, others);
}

function holderId(changeId: string): string {
  try {
    return Context.current().info.workflowExecution.workflowId;
  } catch {
    return `plan:${changeId}`;
  }
}

function claimRecords(packages: PackageLocks[], result: ClaimResult | null) {
  const held = result && !result.registered ? (result.conflict?.conflicts ?? []) : [];
  return packages.map((p) => {
    const conflicts = held
      .map((h) => ({ change_id: h.changeId, holder: h.holder, keys: h.keys.filter((k) => p.keys.includes(k)), files: h.files.filter((f) => p.files.includes(f)), expires_at: h.expiresAt }))
      .filter((h) => h.keys.length > 0 || h.files.length > 0);
    return {
      package_id: p.packageId,
      keys: p.keys,
      files: p.files,
      registered: result?.registered ?? false,
      ...(conflicts.length > 0 ? { conflict: { held_by: conflicts } } : {}),
    };
  });
}

export interface CheckFreshnessInput {
  repoDir: string;
  changeId: string;
  /** The commit the plan was made from (step 1). */
  baseCommit: string;
}

/**
 * Before an approval: the commits since the plan's commit that touch its write scopes or the specs
 * it changes (see domain/freshness). Nothing is written.
 */
export async function checkFreshness(input: CheckFreshnessInput): Promise<Freshness> {
  const head = await gitHead(input.repoDir);
  const base: Freshness = { baseCommit: input.baseCommit, ...(head ? { head } : {}), stale: false, diverged: false, commits: [] };
  if (!head || head === input.baseCommit) return base;
  const since = await gitCommitsSince(input.repoDir, input.baseCommit);
  if (since.diverged) return { ...base, stale: true, diverged: true };
  const file = join(changeDir(input.repoDir, input.changeId), 'work-packages.yaml');
  const doc = existsSync(file) ? ((await readWorkPackagesFile(file)) as WorkPackagesDoc) : undefined;
  const writeGlobs = (doc?.packages ?? []).flatMap((p) => p.scope.write_allow);
  const specsDir = join(changeDir(input.repoDir, input.changeId), 'specs');
  const specFolders = existsSync(specsDir) ? (await readdir(specsDir)).map((cap) => `openspec/specs/${cap}/`) : [];
  const commits = staleCommits(since.commits, { writeGlobs, specFolders, changeFolder: `openspec/changes/${input.changeId}/` });
  return { ...base, stale: commits.length > 0, commits };
}

export function createApprovalActivities(deps: { coordinators?: CoordinatorFactory } = {}) {
  const coordinators = deps.coordinators ?? coordinatorFactory();
  return {
    checkFreshness,
    async recordDecision({ input, status, decision }: RecordDecisionInput): Promise<RecordDecisionResult> {
      const coordinator = coordinators(input.coordinator ?? 'temporal');
      const warnings: string[] = [];
      if (decision.kind === 'reject') {
        // The rejection's comment is a lesson for the repository's next plans (CAN_MEMORY).
        if (decision.comment?.trim() && status.capabilities?.available.includes('CAN_MEMORY')) {
          const kept = await rememberWith(coordinator, {
            repository: input.repoDir,
            lesson: { kind: 'rejected', changeId: input.changeId, revision: decision.revision, by: decision.by, text: decision.comment, at: decision.at },
          });
          if (kept.warning) warnings.push(kept.warning);
        }
        // A linear-tier plan has no lock capability: nothing it could have claimed or could release.
        if (status.tier !== 'coordinated') return { handoff: null, warnings };
        const { released, error } = await coordinator.releaseLocks({ changeId: input.changeId, repository: input.repoDir });
        if (error) warnings.push(`could not release the lock claims of ${input.changeId}: ${error}`);
        else if (released.length > 0) warnings.push(`released the lock claim of ${input.changeId} (revision ${released.map((c) => c.revision).join(', ')})`);
        return { handoff: null, warnings };
      }
      if (decision.kind !== 'approve') return { handoff: null, warnings };

      const handoffPath = `openspec/changes/${input.changeId}/handoff.json`;
      const artifacts = status.artifacts.filter((a) => a.path !== handoffPath);
      // Spec level: another unarchived change modifies, removes or renames a requirement this one does.
      const specClashes = status.tier === 'coordinated' ? specConflictsOf(input.repoDir, input.changeId) : [];
      if (specClashes.length > 0 && !decision.acknowledgeConflicts) {
        return {
          handoff: null,
          warnings: [],
          verdict: 'PARTIAL',
          refused: `approval refused: spec conflicts: ${specClashes.map(specConflictLine).join('; ')}; only one of the changes can land as written: approve with --acknowledge-conflicts to approve anyway (then re-plan the other, or this one, after the first lands)`,
        };
      }
      const wp = await readPackages(input.repoDir, input.changeId);
      let result: ClaimResult | null = null;
      let verdictOf: ConflictVerdict | undefined = wp && status.tier === 'coordinated' ? 'FULL' : undefined;
      if (wp && status.tier === 'coordinated') {
        const claim: ClaimLocksInput = {
          repository: input.repoDir,
          changeId: input.changeId,
          revision: status.revision,
          holder: holderId(input.changeId),
          packages: wp.packages,
          ttlMs: wp.ttlMs,
        };
        // Unarchived changes on disk whose scopes or locks overlap this plan's gate it as claims do.
        const onDisk = await changesOnDisk(input.repoDir, input.changeId);
        const disk = conflictVerdict(wp.claims, onDisk);
        if (disk.verdict !== 'FULL' && !decision.acknowledgeConflicts) {
          return {
            handoff: null,
            warnings: [],
            verdict: disk.verdict,
            refused: `approval refused: ${disk.verdict} (${disk.conflicting.length} of ${wp.packages.length} packages conflict: ${disk.conflicting.join(', ')}): their write scopes or locks overlap those of ${disk.with.length === 1 ? 'the unarchived change' : 'the unarchived changes'} ${disk.with.join(', ')} in this repository (its work-packages.yaml); approve with --acknowledge-conflicts to approve anyway (then build the conflicting packages after ${disk.with.length === 1 ? 'that change lands' : 'those changes land'}), or land and archive ${disk.with.length === 1 ? 'it' : 'them'} first (openspec archive <id>)`,
          };
        }
        verdictOf = disk.verdict;
        result = await coordinator.claimLocks(claim);
        if (!result.registered && result.conflict) {
          const registry = result.conflict.conflicts;
          const { verdict, conflicting } = conflictVerdict(wp.claims, [...registry, ...onDisk.filter((d) => !registry.some((h) => h.changeId === d.changeId))]);
          if (!decision.acknowledgeConflicts) {
            return {
              handoff: null,
              warnings: [],
              verdict,
              refused: `approval refused: ${verdict} (${conflicting.length} of ${wp.packages.length} packages conflict: ${conflicting.join(', ')}): ${result.reason}; approve with --acknowledge-conflicts to approve anyway (the conflicting packages then wait for the holder)`,
            };
          }
          verdictOf = verdict;
        }
        // An unreachable registry leaves the verdict unknown, unless the changes on disk already conflict.
        if (!result.registered && !result.conflict && disk.verdict === 'FULL') verdictOf = undefined;
        if (specClashes.length > 0 && verdictOf === 'FULL') verdictOf = 'PARTIAL';
        if (!result.registered) {
          warnings.push(
            result.conflict
              ? `approved, but its lock claims were not registered: ${result.reason}. The packages needing them wait until the holder releases them or its lease ends; handoff.json records the conflict`
              : `approved, but its lock claims were not registered: ${result.reason}`,
          );
        }
      }
      const guardrails = await coordinator.checkGuardrails({ changeId: input.changeId, paths: [...artifacts.map((a) => a.path), handoffPath] });
      // Each violation names its path and why (outside the change folder, or what the coordinator's check flagged).
      if (!guardrails.passed) warnings.push(`guardrails: ${guardrails.violations.join('; ')}`);
      warnings.push(...(guardrails.warnings ?? []).map((w) => `guardrails: ${w}`));

      // A coordinator with its own handoff store (http) gets the approval too, when step 1 found it.
      let published: Awaited<ReturnType<NonNullable<typeof coordinator.publishHandoff>>> | undefined;
      if (coordinator.publishHandoff && status.capabilities?.available.includes('CAN_HANDOFF')) {
        published = await coordinator.publishHandoff({
          repository: input.repoDir,
          changeId: input.changeId,
          revision: status.revision,
          approvedBy: decision.by,
          ...(decision.comment ? { comment: decision.comment } : {}),
          artifacts: [...artifacts.map((a) => a.path), handoffPath],
          decisions: [
            `conflict verdict: ${verdictOf ?? 'none'}`,
            result ? (result.registered ? `lock claims registered (${result.registry})` : `lock claims not registered: ${result.reason}`) : 'no lock claims',
          ],
          nextSteps: [`/parallel-implement-feature ${input.changeId}`],
        });
        if (!published.published) warnings.push(`handoff: the ${coordinator.name} coordinator did not take the handoff (${published.error}); handoff.json has it`);
      }

      const record = {
        change_id: input.changeId,
        plan_revision: status.revision,
        approved_by: decision.by,
        comment: decision.comment ?? null,
        approved_at: decision.at,
        tier: status.tier,
        base_commit: status.baseCommit ?? null,
        conflict_verdict: verdictOf ?? null,
        conflicts_acknowledged: decision.acknowledgeConflicts === true && verdictOf !== undefined && verdictOf !== 'FULL',
        spec_conflicts: specClashes.map((c) => ({ change_id: c.changeId, capability: c.capability, requirement: c.requirement, this_change: c.mine, other_change: c.theirs })),
        artifacts,
        lock_claims: claimRecords(wp?.packages ?? [], result),
        lock_registration: result
          ? result.registered
            ? { coordinator: coordinator.name, registry: result.registry, registered: true, revision: result.claim.revision, expires_at: result.claim.expiresAt, replaced_revision: result.replacedRevision }
            : { coordinator: coordinator.name, registry: result.registry, registered: false, reason: result.reason, conflicts: result.conflict?.conflicts ?? [] }
          : { coordinator: coordinator.name, registered: false, reason: wp ? `${status.tier} tier: no lock claims are registered` : 'no work-packages.yaml: nothing to claim' },
        guardrails,
        ...(published ? { coordinator_handoff: published.published ? { published: true, id: published.id } : { published: false, error: published.error } } : {}),
        warnings,
        next_step: `/parallel-implement-feature ${input.changeId}`,
      };
      assertChangeFolderWritable(input.repoDir, input.changeId);
      const ref = await writeJsonAtomic(join(changeDir(input.repoDir, input.changeId), 'handoff.json'), record);
      return { handoff: repoRelative(input.repoDir, ref), warnings, ...(verdictOf ? { verdict: verdictOf } : {}) };
    },
  };
}
