/**
 * Step 5: the plan draft and the gathered context become work-packages.yaml.
 *
 * Shape of a split plan: `wp-contracts` first; one package per repository boundary (boundaries
 * whose globs overlap are merged); `wp-integration` last. A change too small to split gets one
 * package. Everything that costs parallelism is explained in `report.whyNotParallel`.
 * Pure and deterministic: the same input gives the same document, byte for byte once serialised.
 */
import { contractsSection } from '../contracts/manifest.js';
import type { PlanDraft } from '../draft.js';
import type { WorkPackagesDoc } from '../workpackages/types.js';
import { documentDefaults, PACKAGING_DEFAULTS } from './packaging-defaults.js';
import type { GeneratedWorkPackages, GenerateWorkPackagesInput, PackagingReport } from './packaging-types.js';
import { assertValidPlan } from './parallel-safety.js';
import { planSinglePackage } from './single-package.js';
import { planSplit } from './split-plan.js';
import { numberTasks } from './task-groups.js';
import { checkCoverage, checkTraceability, TraceabilityError } from './traceability.js';
import { isDocsZone, mergeOverlappingBoundaries, resolveBoundaries, type BoundaryMerge, type Zone } from './zones.js';

export type { GeneratedWorkPackages, GenerateWorkPackagesInput, PackagingReport } from './packaging-types.js';

/**
 * Throws TraceabilityError when a requirement, scenario or task cannot be traced, and an
 * InvalidPlan error if the result would fail the validator (a planner bug, never shipped).
 */
export function generateWorkPackages(input: GenerateWorkPackagesInput): GeneratedWorkPackages {
  const { draft, context } = input;
  const coverage = checkCoverage(draft);
  if (coverage.length > 0) throw new TraceabilityError(coverage);

  const resolution = resolveBoundaries(draft, context);
  const { zones, merges } = mergeOverlappingBoundaries(resolution.boundaries);
  const tasks = numberTasks(draft);
  const contracts = contractsSection(draft.changeId, draft, input.contractsRevision);
  const singleReason = tooSmallToSplit(zones, draft);
  const planned = singleReason
    ? planSinglePackage(input, zones, tasks, singleReason)
    : planSplit(input, contracts, zones, tasks, resolution.unresolved);

  const doc: WorkPackagesDoc = {
    schema_version: 1,
    feature: {
      id: draft.changeId,
      plan_revision: input.planRevision,
      title: draft.title,
      created_by: PACKAGING_DEFAULTS.createdBy,
      ...(input.createdAt ? { created_at: input.createdAt } : {}),
    },
    contracts,
    defaults: documentDefaults(),
    packages: planned.packages,
  };
  const traceability = checkTraceability(draft, doc);
  if (traceability.length > 0) throw new TraceabilityError(traceability);
  assertValidPlan(doc);

  const report: PackagingReport = {
    whyNotParallel: [
      ...(singleReason ? [`Not split into parallel packages: ${singleReason}; one package builds the whole change.`] : []),
      ...merges.map(explainMerge),
      ...planned.whyNotParallel,
      ...planned.inFlight.map((c) => `${c.detail}.`),
    ],
    merges,
    hubFiles: planned.hubFiles,
    taskPackages: planned.taskPackages,
    inFlight: planned.inFlight,
    notes: resolution.notes,
    ...(singleReason ? { singlePackageReason: singleReason } : {}),
  };
  return { doc, report };
}

/** Why the change gets one package, or undefined when it splits. */
function tooSmallToSplit(zones: readonly Zone[], draft: PlanDraft): string | undefined {
  if (zones.length === 0) return 'no task names a boundary of the repository';
  if (zones.length === 1) {
    const ids = zones[0]!.boundaries.map((b) => b.id);
    return ids.length === 1 ? `all of its work lies in one boundary (${ids[0]})` : `its boundaries (${ids.join(', ')}) overlap and form one write area`;
  }
  const hasInterface = draft.operations.length + draft.entities.length + draft.events.length > 0;
  if (!hasInterface && zones.every(isDocsZone)) return 'it changes documentation only';
  return undefined;
}

function explainMerge(merge: BoundaryMerge): string {
  const clashes = merge.clashes.map(({ left, right, clash }) => `${left} ${clash.a} overlaps ${right} ${clash.b} (${clash.modes.join(' and ')} glob mode)`);
  return `${merge.packageId} builds boundaries ${merge.boundaries.join(', ')} together because their write scopes overlap: ${clashes.join('; ')}.`;
}
