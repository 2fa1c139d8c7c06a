/**
 * Dispatch of an approved plan's packages to agents: the types and messages of the dispatch
 * workflow and of its package children, declared once for the workflows, the service, the CLI
 * and tests. Each update takes one object so fields can be added.
 *
 * Ids: the dispatch of plan `<planId>` is `<planId>/dispatch`; its package `<pkg>` is
 * `<planId>/dispatch/<pkg>`. A package child exists from the moment the package is ready (all
 * its depends_on completed) until it completes or fails for good.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CoordinatorKind } from './coordinator-types.js';

/** Application failure type of a claim, heartbeat, completion or failure the package refuses. */
export const PACKAGE_REFUSED = 'PackageRefused';

export const dispatchWorkflowId = (planWorkflowId: string): string => `${planWorkflowId}/dispatch`;
export const packageWorkflowId = (dispatchId: string, packageId: string): string => `${dispatchId}/${packageId}`;

/** Default lease: an agent that sends no heartbeat for this long loses the package. */
export const DEFAULT_LEASE_MS = 15 * 60_000;

/** What the dispatch needs to know of one package (the rest stays in work-packages.yaml). */
export interface DispatchPackage {
  packageId: string;
  title?: string;
  taskType: string;
  dependsOn: string[];
  /** 1 (first) to 10. */
  priority: number;
  /** Failures allowed before the package fails for good. */
  retryBudget: number;
  /** Lock keys and files, renewed in the lock registry while the dispatch runs. */
  keys: string[];
  files: string[];
}

export interface DispatchInput {
  repoDir: string;
  changeId: string;
  /** The approved plan's workflow id. */
  planWorkflowId: string;
  planRevision: number;
  /** work-packages.yaml as approved: repository-relative path and sha256 (agents read the package there). */
  workPackages: { path: string; sha256: string };
  packages: DispatchPackage[];
  /** How long an agent may go without a heartbeat. Default DEFAULT_LEASE_MS. */
  leaseMs?: number;
  /** Lock lease renewed in the registry while packages are unfinished; default: the plan's. */
  lockTtlMs?: number;
  /** Coordinator holding the lock registry (default temporal). */
  coordinator?: CoordinatorKind;
  /** Set by the queue-work probe: the workflow answers at once, touching nothing. */
  probe?: boolean;
}

export type PackageState = 'waiting' | 'ready' | 'claimed' | 'completed' | 'failed' | 'blocked';

export interface PackageView {
  packageId: string;
  title?: string;
  taskType: string;
  dependsOn: string[];
  priority: number;
  state: PackageState;
  /** Agent holding it (claimed), or that completed or last failed it. */
  holder: string | null;
  /** Claims so far (a lost lease and a failure each end one). */
  attempts: number;
  failures: number;
  retryBudget: number;
  readyAt: string | null;
  claimedAt: string | null;
  leaseUntil: string | null;
  finishedAt: string | null;
  summary: string | null;
  /** Why it failed or is blocked. */
  reason: string | null;
  /** Lease losses so far (agents that vanished). */
  leasesLost: number;
}

export type DispatchState = 'running' | 'completed' | 'failed' | 'refused';

export interface DispatchStatus {
  changeId: string;
  repoDir: string;
  planWorkflowId: string;
  planRevision: number;
  workPackages: { path: string; sha256: string };
  state: DispatchState;
  startedAt: string;
  finishedAt: string | null;
  leaseMs: number;
  packages: PackageView[];
  /** Lock registry renewals and releases, conflicts. */
  warnings: string[];
}

/** Sent by a package child to its dispatch at every change of its state. */
export interface PackageEvent {
  packageId: string;
  state: 'ready' | 'claimed' | 'lease-lost' | 'failed-attempt';
  holder: string | null;
  at: string;
  attempts: number;
  failures: number;
  leaseUntil?: string;
  reason?: string;
}

export interface PackageWorkflowInput {
  dispatchId: string;
  changeId: string;
  pkg: DispatchPackage;
  leaseMs: number;
}

export interface PackageResult {
  packageId: string;
  state: 'completed' | 'failed';
  holder: string | null;
  attempts: number;
  failures: number;
  finishedAt: string;
  summary: string | null;
  reason: string | null;
}

export interface ClaimPackageInput {
  agent: string;
}
export interface ClaimPackageResult {
  packageId: string;
  agent: string;
  attempt: number;
  leaseUntil: string;
  leaseMs: number;
}
export interface HeartbeatInput {
  agent: string;
}
export interface CompletePackageInput {
  /** When given, must be the holder. */
  agent?: string;
  summary?: string;
}
export interface FailPackageInput {
  agent?: string;
  reason: string;
}
export interface FailPackageResult {
  packageId: string;
  /** ready: retried (another agent may take it); failed: the budget is spent. */
  state: 'ready' | 'failed';
  failures: number;
  retryBudget: number;
}

export const claimPackageUpdate = defineUpdate<ClaimPackageResult, [ClaimPackageInput]>('claimPackage');
export const heartbeatPackageUpdate = defineUpdate<{ leaseUntil: string }, [HeartbeatInput]>('heartbeatPackage');
export const completePackageUpdate = defineUpdate<PackageResult, [CompletePackageInput]>('completePackage');
export const failPackageUpdate = defineUpdate<FailPackageResult, [FailPackageInput]>('failPackage');
export const packageStatusQuery = defineQuery<PackageView>('packageStatus');

export const packageEventSignal = defineSignal<[PackageEvent]>('packageEvent');
export const dispatchStatusQuery = defineQuery<DispatchStatus>('dispatchStatus');
