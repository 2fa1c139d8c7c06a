/**
 * The coordinator port: the seed's capability check and the three operations the plan needs
 * from whatever coordinates parallel agents. Required for the coordinated tier: CAN_DISCOVER,
 * CAN_QUEUE_WORK, CAN_LOCK; safety: CAN_GUARDRAILS; enriching: CAN_HANDOFF, CAN_MEMORY,
 * CAN_POLICY, CAN_AUDIT. Adapters live one per file beside this one (temporal.ts, none.ts).
 */
import type { CapabilityReport } from '../shared/coordinator-types.js';
import type { ClaimLocksInput, LockClaim, LockConflictDetail } from '../shared/lock-messages.js';
import type { GuardrailVerdict } from './guardrails.js';

export type { Capability, CapabilityReport, CapabilityDetail } from '../shared/coordinator-types.js';
export { REQUIRED_CAPABILITIES, SAFETY_CAPABILITIES, ENRICHING_CAPABILITIES, CAPABILITIES, missingRequired } from '../shared/coordinator-types.js';

/** Another plan in flight: running, awaiting approval, or approved and still holding locks. */
export interface PlanInFlight {
  changeId: string;
  repository: string | null;
  /** The plan's workflow id when it is still running. */
  workflowId: string | null;
  state: 'running' | 'awaiting-approval' | 'holding-locks';
  revision: number | null;
  /** Its claim in the lock registry, when it holds one. */
  claim: LockClaim | null;
}

export type ClaimResult =
  | { registered: true; claim: LockClaim; replacedRevision: number | null; registry: string }
  | { registered: false; conflict?: LockConflictDetail; reason: string; registry: string | null };

export interface ReleaseResult {
  released: LockClaim[];
  /** Set when the registry could not be asked. */
  error?: string;
}

export interface Coordinator {
  readonly name: string;
  capabilities(): Promise<CapabilityReport>;
  /** Other plans in flight and their lock claims. */
  discover(): Promise<PlanInFlight[]>;
  /** Registers a change's lock claim; a conflict or an unreachable registry is a result, not a throw. */
  claimLocks(claim: ClaimLocksInput): Promise<ClaimResult>;
  releaseLocks(release: { changeId: string; repository?: string }): Promise<ReleaseResult>;
  /** CAN_GUARDRAILS: checks the paths a plan wrote. */
  checkGuardrails(plan: { changeId: string; paths: string[] }): GuardrailVerdict;
}
