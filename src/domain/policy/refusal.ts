/**
 * The policy as plans carry it, and the one rule workflow code applies (who may decide). No
 * parser here: this module is bundled into the workflow. Pure.
 */

/** A repository's policy (small: it goes into workflow history and the status). */
export interface PlanPolicy {
  /** Where it was read from (repository-relative, or the configured path). */
  source: string;
  /** sha256 of the file. */
  sha256: string;
  approvers?: string[];
  maxParallelWidth?: number;
  protectedPaths?: string[];
}

/** Why `by` may not decide under the policy, or undefined. */
export function policyRefusal(policy: Pick<PlanPolicy, 'approvers' | 'source'> | undefined, by: string): string | undefined {
  if (!policy?.approvers || policy.approvers.includes(by)) return undefined;
  return `${by} may not decide on plans of this repository: the policy (${policy.source}) allows ${policy.approvers.join(', ')}`;
}

