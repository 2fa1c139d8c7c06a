/**
 * Step 5: generate work packages from the draft and the context's real boundaries, write
 * work-packages.yaml, and bring the packaging decisions ("Why not parallel") into the proposal.
 */
import { join } from 'node:path';
import type { FileRef } from '../domain/context/types.js';
import { generateWorkPackages } from '../domain/plan/generate-packages.js';
import { toWorkPackagesYaml } from '../domain/plan/serialize.js';
import { renderProposal } from '../domain/render/proposal.js';
import { conflictVerdict, heldLocksOf } from '../domain/conflicts/verdict.js';
import { packageClaimsOf } from '../domain/workpackages/lock-claims.js';
import { dagReport } from '../domain/workpackages/graph.js';
import { repoRelative, writeFileAtomic } from '../io/atomic-write.js';
import type { ArtifactRef, PackagesSummary } from '../shared/plan-types.js';
import { assertChangeFolderWritable } from '../io/openspec-files.js';
import { targetChangeDir, writeRoot } from '../io/change-stage.js';
import { readContextSummary } from './context/merge.js';
import { readDraft } from './scaffold.js';

export interface GenerateWorkPackagesInput {
  repoDir: string;
  runDir: string;
  changeId: string;
  draftRef: FileRef;
  contextRef: FileRef;
  planRevision: number;
  contractsRevision: number;
  /** ISO time of the workflow (deterministic), recorded as feature.created_at. */
  createdAt?: string;
  /** The revision's stage (see io/change-stage.ts); absent in plans recorded before staging. */
  stageDir?: string;
}

export interface GenerateWorkPackagesResult {
  files: ArtifactRef[];
  summary: PackagesSummary;
}

export function createPackageActivities() {
  return {
    async generateWorkPackages(input: GenerateWorkPackagesInput): Promise<GenerateWorkPackagesResult> {
      const [draft, context] = await Promise.all([readDraft(input.draftRef), readContextSummary(input.contextRef)]);
      const { doc, report } = generateWorkPackages({
        draft,
        context,
        planRevision: input.planRevision,
        contractsRevision: input.contractsRevision,
        createdAt: input.createdAt,
      });
      const dag = dagReport(doc);
      assertChangeFolderWritable(input.repoDir, input.changeId);
      const dir = targetChangeDir(input);
      const proposalPath = join(dir, 'proposal.md');
      // The verdict against the changes in flight the context found (on disk and the coordinator's claims).
      const conflicts = conflictVerdict(packageClaimsOf(doc), context.changesInFlight.filter((c) => c.id !== input.changeId).map(heldLocksOf));
      // The proposal again from the draft, now with its packaging sections and the verdict (step 3 had neither).
      const proposal = renderProposal(draft, { tier: 'coordinated', context, packaging: { doc, waves: dag.waves, whyNotParallel: report.whyNotParallel, conflicts } });
      const files = [
        repoRelative(writeRoot(input), await writeFileAtomic(join(dir, 'work-packages.yaml'), toWorkPackagesYaml(doc))),
        repoRelative(writeRoot(input), await writeFileAtomic(proposalPath, proposal)),
      ];
      return {
        files,
        summary: {
          packages: doc.packages.length,
          waves: dag.waves,
          maxParallelWidth: dag.maxParallelWidth,
          criticalPath: dag.criticalPath.path,
          conflicts,
        },
      };
    },
  };
}
