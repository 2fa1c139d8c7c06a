/**
 * Values that cross the workflow boundary: workflow input, the `status` query answer and
 * the result. Plain JSON (no Map, no Date) so they serialise the same everywhere.
 */
import type { PlanPolicy } from '../domain/policy/refusal.js';
import type { RevisionChanges } from '../domain/revision/changes.js';
import type { ContextSummary, FileRef } from '../domain/context/types.js';
import type { CapabilityReport, CoordinatorKind } from './coordinator-types.js';

export const STEPS = [
  'verify-environment',
  'gather-context',
  'scaffold-proposal',
  'generate-contracts',
  'generate-work-packages',
  'validate',
  'present-for-approval',
] as const;
export type StepName = (typeof STEPS)[number];

export type Tier = 'coordinated' | 'linear';

export type AuthorSpec =
  | { kind: 'rule-based' }
  | { kind: 'command'; command: string; timeoutMs?: number; maxAttempts?: number };

export interface PlanInput {
  request: string;
  /** Absolute path of the target git repository. */
  repoDir: string;
  changeId: string;
  /** Absolute path of the run folder for intermediate results (context, drafts). */
  runDir: string;
  brief?: { path: string; sha256: string };
  author?: AuthorSpec;
  /** Which coordinator adapter (default temporal); `none` forces the degraded linear tier. */
  coordinator?: CoordinatorKind;
  requestedBy?: string;
  /** How many times a failed validation feeds back into steps 3-5 before the plan fails. */
  maxValidationRounds?: number;
  /** Policy: who may approve, reject or request changes (anyone when absent or empty). */
  approvers?: string[];
  /** How long a revision waits for a decision (`7d`, `12h`, `30m`, `45s`); then the plan ends as expired. */
  approvalTimeout?: string;
  /**
   * Continue-as-new at the next safe point (awaiting a decision, or between a request-changes and
   * the next revision) once the run's history has this many events; without it, when the server
   * suggests it. For tests: a low number makes every safe point continue.
   */
  continueAsNewAfterEvents?: number;
  /** Set by the plan itself when it continues as new: where the previous run stopped. */
  continued?: PlanContinuation;
}

/**
 * What a plan carries into its next run when it continues as new: plain JSON, refs only (the
 * status holds paths with sha256 digests and the compact context summary, never file contents).
 */
export interface PlanContinuation {
  /** The status tracker's state as the previous run left it (revision, artifacts, earlier revisions, decisions, ...). */
  status: PlanStatus;
  /** `await-decision`: wait for a decision on the current revision; `next-revision`: make the next revision first. */
  phase: 'await-decision' | 'next-revision';
  /** The request-changes comments the next revision is made with. */
  feedback: string[];
  /** The gathered context's full file (the summary is `status.context`); not gathered again unless a rebase asks. */
  contextRef: FileRef;
  /** With an approval timeout, while awaiting a decision: when the revision expires (workflow time, ISO). */
  approvalDeadline?: string;
}

export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface StepOutcome {
  status: StepState;
  attempts: number;
  message?: string;
  /** Workflow time the step last started (ISO). */
  startedAt?: string;
  /** How long its last run took, in ms (workflow time). */
  ms?: number;
}

export interface ValidationCheck {
  name: string;
  passed: boolean;
  skipped?: boolean;
  /** The first issues, one line each (capped to keep history small). */
  issues: string[];
  ms?: number;
}

export interface ValidationSummary {
  passed: boolean;
  checks: ValidationCheck[];
}

export interface ArtifactRef extends FileRef {
  /** Repository-relative path. */
  path: string;
}

export type PlanState = 'running' | 'awaiting-approval' | 'approved' | 'rejected' | 'failed' | 'expired';

/** States a plan never leaves. */
export const TERMINAL_STATES: readonly PlanState[] = ['approved', 'rejected', 'failed', 'expired'];

/** Whether a status is one of `states` (after `afterRevision`, when given) or terminal: what waiting for a state waits for. */
export function stateReached(status: { state: PlanState; revision: number }, states: readonly PlanState[], afterRevision?: number): boolean {
  return (states.includes(status.state) && (afterRevision === undefined || status.revision > afterRevision)) || TERMINAL_STATES.includes(status.state);
}

export interface Decision {
  kind: 'approve' | 'reject' | 'request-changes';
  by: string;
  comment?: string;
  /** Workflow time (deterministic) when it was received. */
  at: string;
  revision: number;
  /** request-changes: gather the context again on the repository's current commit first. */
  rebase?: boolean;
  /** approve: approve although other changes hold some of the plan's locks (recorded). */
  acknowledgeConflicts?: boolean;
}

export interface PackagesSummary {
  packages: number;
  waves: string[][];
  maxParallelWidth: number;
  criticalPath: string[];
  /** Against the changes in flight the context found (their locks and write scopes); absent in older plans. */
  conflicts?: { verdict: 'FULL' | 'PARTIAL' | 'SEQUENTIAL'; conflicting: string[]; with: string[] };
}

export interface PlanStatus {
  changeId: string;
  repoDir: string;
  state: PlanState;
  currentStep: StepName | null;
  steps: Record<StepName, StepOutcome>;
  tier: Tier | null;
  revision: number;
  warnings: string[];
  artifacts: ArtifactRef[];
  validation: ValidationSummary | null;
  context: ContextSummary | null;
  packages: PackagesSummary | null;
  decisions: Decision[];
  /** The coordinator's capability report from step 1 (absent before it ran). */
  capabilities?: CapabilityReport;
  /** Set when the plan failed. */
  error?: string;
  /** The commit HEAD pointed at when the plan was made (step 1); an approval checks what moved since. */
  baseCommit?: string;
  /** The repository's policy the plan runs under (read at step 1), when it has one. */
  policy?: PlanPolicy;
  /** Earlier revisions' artifacts (path, sha256, bytes) as they were when changes were requested. */
  earlierRevisions?: Array<{ revision: number; artifacts: ArtifactRef[] }>;
  /** From revision 2 on: what each revision changed against the one before (operations, entities, fields, requirements, files). */
  revisionChanges?: RevisionChanges[];
  /** Runs of the plan's workflow so far: 1, plus one for each continue-as-new (absent in plans started before it). */
  runs?: number;
}

export interface PlanResult {
  changeId: string;
  state: Exclude<PlanState, 'running' | 'awaiting-approval'>;
  revision: number;
  artifacts: ArtifactRef[];
  decision?: Decision;
  handoff?: ArtifactRef;
}
