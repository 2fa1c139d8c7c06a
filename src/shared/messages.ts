/**
 * Signals, updates and queries of parallelPlanFeature, declared once for the workflow, the CLI and
 * the API. Wire names match the constants; each takes one object so fields can be added.
 * A decision is an update (its validator refuses it, with the reason, when the plan is not
 * awaiting approval, the decider is not allowed, or request-changes has no comment; it answers
 * with the outcome); the signals stay for callers that cannot wait, and are ignored with a
 * warning in the wrong state.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ArtifactRef, Decision, PlanState, PlanStatus } from './plan-types.js';

export interface DecisionInput {
  by: string;
  comment?: string;
  /** Updates only: false answers as soon as the plan took the decision, before it acted on it. */
  wait?: boolean;
  /** request-changes: re-plan on the repository's current commit (context gathered again). */
  rebase?: boolean;
  /** approve: approve although other changes hold some of the plan's locks. */
  acknowledgeConflicts?: boolean;
}

export const approveSignal = defineSignal<[DecisionInput]>('approve');
export const rejectSignal = defineSignal<[DecisionInput]>('reject');
export const requestChangesSignal = defineSignal<[DecisionInput]>('requestChanges');
export const statusQuery = defineQuery<PlanStatus>('status');

/** What a decision led to, as the update answers it. */
export interface DecisionOutcome {
  kind: Decision['kind'];
  by: string;
  /** The revision decided on. */
  revision: number;
  /** approved or rejected; for request-changes `running` (the next revision is being made). */
  state: PlanState;
  /** false: the plan took the decision and acts on it in the background (`wait: false`). */
  settled: boolean;
  /** request-changes: the revision now being made. */
  nextRevision?: number;
  /** approve: the handoff record. */
  handoff?: ArtifactRef;
  /** approve of a coordinated plan: FULL, PARTIAL or SEQUENTIAL against the changes holding locks. */
  verdict?: 'FULL' | 'PARTIAL' | 'SEQUENTIAL';
  warnings: string[];
}

export interface AwaitStateInput {
  states: PlanState[];
  /** Only a revision after this one counts (after a request-changes). */
  afterRevision?: number;
}

/**
 * Answers with the status once the plan reaches one of `states` (or a terminal state), or when
 * this run is about to continue as new (the caller then asks the next run): waiting without
 * polling the status query.
 */
export const awaitStateUpdate = defineUpdate<PlanStatus, [AwaitStateInput]>('awaitPlanState');

/**
 * Why the plan refused a decision it had taken (the update fails with this ApplicationFailure
 * type): the repository moved since the plan's commit, or other changes conflict with it and the
 * approval did not acknowledge them (approving with acknowledgeConflicts takes it).
 */
export type DecisionRefusalType = 'StalePlan' | 'UnacknowledgedConflicts';

export const approveUpdate = defineUpdate<DecisionOutcome, [DecisionInput]>('approvePlan');
export const rejectUpdate = defineUpdate<DecisionOutcome, [DecisionInput]>('rejectPlan');
export const requestChangesUpdate = defineUpdate<DecisionOutcome, [DecisionInput]>('requestPlanChanges');
