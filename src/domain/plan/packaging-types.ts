/** Input and output shapes of the packaging step (step 5), shared by its modules. */
import type { ContextSummary } from '../context/types.js';
import type { PlanDraft } from '../draft.js';
import type { WorkPackage, WorkPackagesDoc } from '../workpackages/types.js';
import type { HubAssignment } from './hub-files.js';
import type { InFlightCollision } from './in-flight.js';
import type { BoundaryMerge } from './zones.js';

export interface GenerateWorkPackagesInput {
  draft: PlanDraft;
  context: ContextSummary;
  planRevision: number;
  contractsRevision: number;
  /** ISO date-time; passed in because domain code reads no clock. */
  createdAt?: string;
}

export interface PackagingReport {
  /** One sentence per decision that reduces parallelism (for the proposal's "Why not parallel"). */
  whyNotParallel: string[];
  /** Boundaries merged into one package because their write scopes overlap. */
  merges: BoundaryMerge[];
  /** Hub files that need an owner (shared, or outside the globs of the one package needing them). */
  hubFiles: HubAssignment[];
  /** Task id (as numbered in tasks.md) -> package id. */
  taskPackages: Record<string, string>;
  /** Collisions with other changes in flight. */
  inFlight: InFlightCollision[];
  /** Resolution notes: dropped globs, stand-in boundaries, tasks sent to integration. */
  notes: string[];
  /** Set when the change is packaged as one package, with the reason. */
  singlePackageReason?: string;
}

export interface GeneratedWorkPackages {
  doc: WorkPackagesDoc;
  report: PackagingReport;
}

/** What a packaging strategy (split or single) produces before the document is assembled. */
export interface PlannedPackages {
  packages: WorkPackage[];
  whyNotParallel: string[];
  hubFiles: HubAssignment[];
  taskPackages: Record<string, string>;
  inFlight: InFlightCollision[];
}

/** Lines for a package description about collisions with changes in flight. */
export const inFlightNotes = (collisions: readonly InFlightCollision[], packageId: string): string[] =>
  collisions.filter((c) => c.packageId === packageId).map((c) => `${c.detail}.`);
