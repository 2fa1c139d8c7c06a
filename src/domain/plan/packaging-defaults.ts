/**
 * The fixed numbers and names every generated work package starts from. One place, so the
 * `defaults` section of work-packages.yaml and the values written into each package agree.
 */
import type { Tier, WorkPackagesDoc } from '../workpackages/types.js';
import { fnv1a } from '../contracts/names.js';
import { INTEGRATION_PACKAGE_ID } from '../workpackages/overlap.js';

export { INTEGRATION_PACKAGE_ID };
export const CONTRACTS_PACKAGE_ID = 'wp-contracts';
/** Id of the single package of a change with no boundary package at all. */
export const WHOLE_CHANGE_PACKAGE_ID = 'wp-change';

/** Task `boundary` values that name the two fixed packages rather than a repository boundary. */
export const CONTRACTS_TASK_BOUNDARY = 'contracts';
export const INTEGRATION_TASK_BOUNDARY = 'integration';

export type PackageRole = 'contracts' | 'implementation' | 'docs' | 'integration' | 'whole';

export const PACKAGING_DEFAULTS = {
  priority: 5,
  lockTtlMinutes: 120,
  retryBudget: 1,
  minTrustLevel: 2,
  tierRequired: 'A' as Tier,
  /** Minutes an agent gets per package; contracts and docs are small, boundaries take longest. */
  timeoutMinutes: { contracts: 45, implementation: 120, docs: 60, integration: 90, whole: 180 } satisfies Record<
    PackageRole,
    number
  >,
  createdBy: 'parallel-plan',
} as const;

/** The `defaults` section written at the top of every generated document. */
export function documentDefaults(): NonNullable<WorkPackagesDoc['defaults']> {
  return {
    priority: PACKAGING_DEFAULTS.priority,
    lock_ttl_minutes: PACKAGING_DEFAULTS.lockTtlMinutes,
    timeout_minutes: PACKAGING_DEFAULTS.timeoutMinutes.implementation,
    retry_budget: PACKAGING_DEFAULTS.retryBudget,
    verification_tier_required: PACKAGING_DEFAULTS.tierRequired,
    min_trust_level: PACKAGING_DEFAULTS.minTrustLevel,
  };
}

const WORKTREE_MAX = 80;

/**
 * Worktree names carry the change id so two plans in flight never share a checkout folder.
 * When the name would pass the format's 80 characters, a hash of the full name keeps it unique.
 */
export function worktreeName(changeId: string, packageId: string): string {
  const full = `${changeId}--${packageId}`;
  if (full.length <= WORKTREE_MAX) return full;
  const hash = fnv1a(full).toString(16).padStart(8, '0');
  return `${full.slice(0, WORKTREE_MAX - hash.length - 1).replace(/[-._]+$/, '')}-${hash}`;
}

/** `wp-backend` + `tests_passed` -> `wp_backend_tests_passed`: result keys are snake_case. */
export function resultKey(packageId: string, what: string): string {
  return `${packageId.replace(/-/g, '_')}_${what}`;
}

/** Longest package id the format allows. */
export const PACKAGE_ID_MAX = 64;

/** A package id from parts, shortened with a hash when it passes the format's 64 characters. */
export function packageIdFrom(parts: readonly string[]): string {
  const full = `wp-${parts.join('-')}`;
  if (full.length <= PACKAGE_ID_MAX) return full;
  const hash = fnv1a(full).toString(16).padStart(8, '0');
  return `${full.slice(0, PACKAGE_ID_MAX - hash.length - 1).replace(/[-_]+$/, '')}-${hash}`;
}
