/**
 * Client-side plan operations shared by the CLI and any API: start, find, status, list, decide,
 * wait. They talk to Temporal only; inputs are checked by plan-request.ts first.
 */
import {
  ApplicationFailure,
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { taskQueue as defaultTaskQueue } from '../config/paths.js';
import {
  approveSignal,
  approveUpdate,
  awaitStateUpdate,
  rejectSignal,
  rejectUpdate,
  requestChangesSignal,
  requestChangesUpdate,
  statusQuery,
  type DecisionInput,
  type DecisionRefusalType,
  type DecisionOutcome,
} from '../shared/messages.js';
import { stateReached, TERMINAL_STATES, type PlanResult, type PlanState, type PlanStatus } from '../shared/plan-types.js';
import { PlanChangeIdKey, PlanRepositoryKey, PlanStatusKey, PlanTierKey, PlanRevisionKey } from '../workflows/search-attributes.js';
import type { TemporalTarget } from '../server/target.js';
import type { PreparedPlan } from './plan-request.js';
import { badInput, PlanError, ErrorType, UnacknowledgedConflicts } from '../errors.js';

export async function openClient(target: TemporalTarget): Promise<Client> {
  const connection = await Connection.connect(target.connectionOptions);
  return new Client({ connection, namespace: target.namespace });
}

export async function startPlan(client: Client, prepared: PreparedPlan, taskQueue = defaultTaskQueue()): Promise<WorkflowHandle> {
  const { input, workflowId } = prepared;
  try {
    return await client.workflow.start('parallelPlanFeature', {
      workflowId,
      taskQueue,
      args: [input],
      typedSearchAttributes: [
        { key: PlanStatusKey, value: 'running' },
        { key: PlanChangeIdKey, value: input.changeId },
        { key: PlanRepositoryKey, value: input.repoDir },
        { key: PlanTierKey, value: 'unknown' },
        { key: PlanRevisionKey, value: 1 },
      ],
      memo: { request: input.request.slice(0, 500), requestedBy: input.requestedBy ?? null },
      staticSummary: `Plan **${input.changeId}**`,
      staticDetails: `${input.request.slice(0, 1000)}\n\nRepository: \`${input.repoDir}\``,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      throw badInput(
        `a plan for change '${input.changeId}' in ${input.repoDir} is already running (workflow ${workflowId})`,
        `see \`parallel-plan status ${input.changeId}\`, or pick another --change-id`,
      );
    }
    throw err;
  }
}

export interface PlanListing {
  workflowId: string;
  runId: string;
  changeId: string;
  repository: string;
  state: string;
  tier: string;
  revision: number;
  startTime: string;
  closeTime?: string;
  status: string;
}

export async function listPlans(client: Client, opts: { state?: string; limit?: number } = {}): Promise<PlanListing[]> {
  // A plan that continued as new has one closed execution per earlier run: list only its current one.
  const clauses = [`WorkflowType = 'parallelPlanFeature'`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (opts.state) clauses.push(`PlanStatus = '${opts.state.replace(/'/g, '')}'`);
  const out: PlanListing[] = [];
  for await (const wf of client.workflow.list({ query: clauses.join(' AND ') })) {
    const sa = wf.typedSearchAttributes;
    out.push({
      workflowId: wf.workflowId,
      runId: wf.runId,
      changeId: sa.get(PlanChangeIdKey) ?? '',
      repository: sa.get(PlanRepositoryKey) ?? '',
      state: sa.get(PlanStatusKey) ?? '',
      tier: sa.get(PlanTierKey) ?? '',
      revision: sa.get(PlanRevisionKey) ?? 1,
      startTime: wf.startTime.toISOString(),
      closeTime: wf.closeTime?.toISOString(),
      status: wf.status.name,
    });
    if (out.length >= (opts.limit ?? 100)) break;
  }
  return out;
}

/**
 * Finds a plan by workflow id or change id (the most recent one; `repo` narrows it when the
 * same change id exists in several repositories).
 */
export async function findPlan(client: Client, id: string, repo?: string): Promise<WorkflowHandle> {
  if (id.startsWith('plan-')) {
    try {
      const handle = client.workflow.getHandle(id);
      await handle.describe();
      return handle;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }
  const clauses = [`WorkflowType = 'parallelPlanFeature'`, `PlanChangeId = '${id.replace(/'/g, '')}'`];
  if (repo) clauses.push(`PlanRepository = '${repo.replace(/'/g, '')}'`);
  const newest = await newestWorkflowId(client, clauses.join(' AND '));
  if (!newest) {
    throw new PlanError(ErrorType.BadInput, `no plan found for '${id}'`, 'list plans with `parallel-plan list`');
  }
  return client.workflow.getHandle(newest);
}

/** The workflow id of the most recently started execution a visibility query lists. */
export async function newestWorkflowId(client: Client, query: string): Promise<string | undefined> {
  let newest: { workflowId: string; start: number } | undefined;
  for await (const wf of client.workflow.list({ query })) {
    const start = wf.startTime.getTime();
    if (!newest || start > newest.start) newest = { workflowId: wf.workflowId, start };
  }
  return newest?.workflowId;
}

export async function planStatus(handle: WorkflowHandle): Promise<PlanStatus> {
  return handle.query(statusQuery);
}

const SIGNALS = { approve: approveSignal, reject: rejectSignal, 'request-changes': requestChangesSignal } as const;
export type DecisionKind = keyof typeof SIGNALS;

const UPDATES = { approve: approveUpdate, reject: rejectUpdate, 'request-changes': requestChangesUpdate } as const;

export interface DecisionResult {
  kind: DecisionKind;
  /** The revision decided on. */
  revision: number;
  /** What the decision led to (with `wait: false`, `settled` is false: the plan took it and goes on); absent for older plans, which take a signal. */
  outcome?: DecisionOutcome;
}

/** The workflow's refusal of a decision (its update validator), as the BadInput it is. */
function refused(err: WorkflowUpdateFailedError): PlanError {
  const why = err.cause?.message ?? err.message;
  const cause = err.cause;
  const type = cause instanceof ApplicationFailure ? (cause.type as DecisionRefusalType | null | undefined) : undefined;
  if (type === 'UnacknowledgedConflicts') return new UnacknowledgedConflicts(why);
  return badInput(why, /not awaiting approval/.test(why) && /running/.test(why) ? 'wait for it: parallel-plan status <id> --wait approval' : undefined);
}

/** Plans started before decisions were updates have no update handlers: they take the signal. */
const noUpdateHandler = (err: unknown): boolean => err instanceof WorkflowUpdateFailedError && /handler|not (registered|found)|unknown update/i.test(err.cause?.message ?? '');

/**
 * Takes a decision through the plan's update: the plan checks it (state, decider, comment) and
 * refuses it with the reason, or accepts it. With `wait` (the default) the answer is the outcome:
 * the handoff for an approval, the next revision for request-changes. Without, it returns once
 * the plan has accepted the decision. Older plans get the signal after a status check.
 */
export async function decide(handle: WorkflowHandle, kind: DecisionKind, decision: DecisionInput, opts: { wait?: boolean } = {}): Promise<DecisionResult> {
  if (!decision.by.trim()) throw badInput('a decision needs the name of who takes it', 'pass --by <name>');
  if (kind === 'request-changes' && !decision.comment?.trim()) {
    throw badInput('request-changes needs a comment saying what to change', 'pass --comment "<what to change>"');
  }
  const status = await planStatus(handle);
  // A closed plan takes no update; its last status says why.
  if (TERMINAL_STATES.includes(status.state)) throw badInput(`plan '${status.changeId}' is ${status.state}, not awaiting approval`);
  try {
    const outcome = await handle.executeUpdate(UPDATES[kind], { args: [{ ...decision, ...(opts.wait === false ? { wait: false } : {}) }] });
    return { kind, revision: outcome.revision, outcome };
  } catch (err) {
    if (noUpdateHandler(err)) return signalDecision(handle, kind, decision, status);
    if (err instanceof WorkflowUpdateFailedError) throw refused(err);
    throw err;
  }
}

async function signalDecision(handle: WorkflowHandle, kind: DecisionKind, decision: DecisionInput, status: PlanStatus): Promise<DecisionResult> {
  if (status.state !== 'awaiting-approval') {
    throw badInput(
      `plan '${status.changeId}' is ${status.state}${status.currentStep ? ` (step ${status.currentStep})` : ''}, not awaiting approval`,
      status.state === 'running' ? `wait for it: parallel-plan status ${status.changeId} --wait approval` : undefined,
    );
  }
  await handle.signal(SIGNALS[kind], decision);
  return { kind, revision: status.revision };
}

/**
 * Waits until the plan reaches one of `states` (or a terminal state), or the workflow closes, and
 * returns the last status seen. Without `onProgress` it asks the plan to answer when it gets
 * there (the awaitPlanState update: no polling, no delay); plans and workers from before that
 * update, a run that continues as new meanwhile, and callers that show progress poll the status
 * query every 300 ms.
 */
export async function waitForState(
  handle: WorkflowHandle,
  states: PlanState[],
  opts: { timeoutMs?: number; afterRevision?: number; onProgress?: (s: PlanStatus) => void } = {},
): Promise<PlanStatus> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30 * 60_000);
  const timedOut = () => new PlanError(ErrorType.ToolFailed, `timed out waiting for the plan to reach ${states.join(' or ')}`);
  if (!opts.onProgress) {
    // A run answers before it continues as new: ask the next run, a few times at most.
    for (let asked = 0; asked < 5; asked++) {
      let timer: NodeJS.Timeout | undefined;
      const answered = await Promise.race([
        handle
          .executeUpdate(awaitStateUpdate, { args: [{ states, ...(opts.afterRevision !== undefined ? { afterRevision: opts.afterRevision } : {}) }] })
          .catch(() => undefined),
        new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), Math.max(0, deadline - Date.now())))),
      ]).finally(() => clearTimeout(timer));
      if (answered === 'timeout') throw timedOut();
      if (!answered) break;
      if (stateReached(answered, states, opts.afterRevision)) return answered;
    }
  }
  let last: PlanStatus | undefined;
  for (;;) {
    try {
      last = await planStatus(handle);
      opts.onProgress?.(last);
      if (stateReached(last, states, opts.afterRevision)) return last;
    } catch (err) {
      // A closed workflow still answers queries; a failure here means it is gone or failed hard.
      const desc = await handle.describe();
      if (desc.status.name !== 'RUNNING') {
        if (last) return last;
        throw err;
      }
    }
    if (Date.now() > deadline) throw timedOut();
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function planResult(handle: WorkflowHandle): Promise<PlanResult> {
  return (await handle.result()) as PlanResult;
}
