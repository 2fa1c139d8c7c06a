/**
 * Step 7's side effects: an approved plan gets a handoff record beside its artifacts, naming who
 * approved which revision, the exact artifacts (sha256) and the lock claims its packages hold.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { writeJsonAtomic, repoRelative } from '../io/atomic-write.js';
import type { ArtifactRef, Decision, PlanInput, PlanStatus } from '../shared/plan-types.js';
import type { WorkPackagesDoc } from '../domain/workpackages/types.js';

export interface RecordDecisionInput {
  input: PlanInput;
  status: PlanStatus;
  decision: Decision;
}

export const changeDir = (repoDir: string, changeId: string): string => join(repoDir, 'openspec', 'changes', changeId);

async function lockClaims(repoDir: string, changeId: string): Promise<Array<{ package_id: string; keys: string[]; files: string[] }>> {
  const file = join(changeDir(repoDir, changeId), 'work-packages.yaml');
  if (!existsSync(file)) return [];
  const doc = parse(await readFile(file, 'utf8')) as WorkPackagesDoc;
  return doc.packages.map((p) => ({ package_id: p.package_id, keys: p.locks.keys, files: p.locks.files }));
}

export function createApprovalActivities() {
  return {
    /** Writes handoff.json for an approval; a rejection writes nothing and returns null. */
    async recordDecision({ input, status, decision }: RecordDecisionInput): Promise<ArtifactRef | null> {
      if (decision.kind !== 'approve') return null;
      const record = {
        change_id: input.changeId,
        plan_revision: status.revision,
        approved_by: decision.by,
        comment: decision.comment ?? null,
        approved_at: decision.at,
        tier: status.tier,
        artifacts: status.artifacts.filter((a) => a.path !== `openspec/changes/${input.changeId}/handoff.json`),
        lock_claims: await lockClaims(input.repoDir, input.changeId),
        next_step: `/parallel-implement-feature ${input.changeId}`,
      };
      const ref = await writeJsonAtomic(join(changeDir(input.repoDir, input.changeId), 'handoff.json'), record);
      return repoRelative(input.repoDir, ref);
    },
  };
}
