/**
 * The coordinator port: the seed's capability check and the three operations the plan needs
 * from whatever coordinates parallel agents. Required for the coordinated tier: CAN_DISCOVER,
 * CAN_QUEUE_WORK, CAN_LOCK; safety: CAN_GUARDRAILS; enriching: CAN_HANDOFF, CAN_MEMORY,
 * CAN_POLICY, CAN_AUDIT. Adapters live one per file beside this one (temporal.ts, http.ts,
 * none.ts).
 */
import type { CapabilityReport } from '../shared/coordinator-types.js';
import type { ClaimLocksInput, LockClaim, LockConflictDetail } from '../shared/lock-messages.js';
import type { Lesson, LessonKind, RememberLessonInput } from '../shared/memory-messages.js';
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

/** What an approval publishes to a coordinator that keeps handoff documents (CAN_HANDOFF). */
export interface HandoffPublication {
  repository: string;
  changeId: string;
  revision: number;
  approvedBy: string;
  comment?: string;
  /** Repository-relative paths of the approved artifacts and handoff.json. */
  artifacts: string[];
  /** The approval's verdict and lock registration, one line each. */
  decisions: string[];
  nextSteps: string[];
}

export type RememberResult = { stored: true; total: number; duplicate: boolean; memory: string } | { stored: false; error: string };
export type RecallResult = { lessons: Lesson[]; memory: string } | { lessons: []; error: string };

export interface Coordinator {
  readonly name: string;
  /**
   * `scope.repository` is the repository being planned: adapters whose capabilities are per
   * repository (the Temporal memory) check that repository's; others ignore it.
   */
  capabilities(scope?: { repository?: string }): Promise<CapabilityReport>;
  /**
   * Other plans in flight and their lock claims. `scope.repository` is the repository the caller
   * plans for: an adapter whose service does not know repositories (http.ts) attributes what it
   * finds to it; the Temporal adapter reads the repository from each plan and ignores it.
   */
  discover(scope?: { repository?: string }): Promise<PlanInFlight[]>;
  /** Registers a change's lock claim; a conflict or an unreachable registry is a result, not a throw. */
  claimLocks(claim: ClaimLocksInput): Promise<ClaimResult>;
  releaseLocks(release: { changeId: string; repository?: string }): Promise<ReleaseResult>;
  /**
   * CAN_GUARDRAILS: checks the paths a plan wrote. Local adapters answer at once; an adapter that
   * asks a service (http.ts) answers with a promise, so callers await it.
   */
  checkGuardrails(plan: { changeId: string; paths: string[] }): GuardrailVerdict | Promise<GuardrailVerdict>;
  /**
   * CAN_HANDOFF beyond handoff.json: hands the approval to the coordinator's own handoff store.
   * Optional: adapters without one (temporal, none) leave it out.
   */
  publishHandoff?(handoff: HandoffPublication): Promise<{ published: true; id: string | null } | { published: false; error: string }>;
  /**
   * CAN_MEMORY: keeps a lesson of the repository (a rejection's or request-changes' comment, a
   * package that failed in dispatch). A failure to store is a result, not a throw. Optional:
   * adapters without a memory for the planner (http, none) leave it out.
   */
  rememberLesson?(input: RememberLessonInput): Promise<RememberResult>;
  /** CAN_MEMORY: the repository's lessons, newest first. */
  recallLessons?(query: { repository: string; limit?: number; kinds?: LessonKind[] }): Promise<RecallResult>;
}
