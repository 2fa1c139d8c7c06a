/**
 * The lock registry's messages, declared once for the workflow, the coordinator adapter, the CLI
 * and tests. Wire names match the constants; each update takes one object so fields can be added.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { TASK_QUEUE } from './constants.js';

/** ApplicationFailure type of a claim refused because another change holds some of its locks. */
export const LOCK_CONFLICT = 'LockConflict';

/** One registry per namespace and task queue: the fixed id on the default queue. */
export const LOCK_REGISTRY_WORKFLOW_ID = 'parallel-plan-lock-registry';
export const lockRegistryWorkflowId = (taskQueue: string = TASK_QUEUE): string =>
  taskQueue === TASK_QUEUE ? LOCK_REGISTRY_WORKFLOW_ID : `${LOCK_REGISTRY_WORKFLOW_ID}@${taskQueue}`;

/** Lease used when a claim names none: work-packages.yaml's default lock_ttl_minutes. */
export const DEFAULT_LOCK_TTL_MS = 120 * 60_000;

export interface PackageLocks {
  packageId: string;
  keys: string[];
  files: string[];
}

export interface ClaimLocksInput {
  /** Repository the change belongs to: claims only conflict within one repository. */
  repository: string;
  changeId: string;
  /** Plan revision the claim belongs to; a new revision re-claims and replaces the old claim. */
  revision: number;
  /** Who holds it, e.g. the plan's workflow id. */
  holder?: string;
  packages: PackageLocks[];
  /** Lease length; re-claiming renews it. Default DEFAULT_LOCK_TTL_MS. */
  ttlMs?: number;
}

export interface LockClaim {
  repository: string;
  changeId: string;
  revision: number;
  holder: string | null;
  packages: PackageLocks[];
  /** Union of the packages' keys and files, sorted. */
  keys: string[];
  files: string[];
  claimedAt: string;
  expiresAt: string;
  expiresAtMs: number;
  ttlMs: number;
}

export interface ClaimLocksResult {
  claim: LockClaim;
  /** The revision this claim replaced, when the change held one already. */
  replacedRevision: number | null;
}

/** Details of a LockConflict failure (its first detail). */
export interface LockConflictDetail {
  changeId: string;
  conflicts: Array<{ changeId: string; holder: string | null; revision: number; keys: string[]; files: string[]; expiresAt: string }>;
}

export interface ReleaseLocksInput {
  changeId: string;
  /** Narrows the release to one repository; without it every claim of the change id goes. */
  repository?: string;
}

export interface ReleaseLocksResult {
  released: LockClaim[];
}

export interface LocksView {
  /** Claims whose lease has not expired, by repository then change id. */
  claims: LockClaim[];
  /** Workflow time of the answer. */
  asOf: string;
  /** Which run of the registry answered (continue-as-new starts a new one). */
  runs: number;
}

export const claimLocksUpdate = defineUpdate<ClaimLocksResult, [ClaimLocksInput]>('claimLocks');
export const releaseLocksUpdate = defineUpdate<ReleaseLocksResult, [ReleaseLocksInput]>('releaseLocks');
export const locksQuery = defineQuery<LocksView>('locks');
