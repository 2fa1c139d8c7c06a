/**
 * parallelPlanFeature: the seed's seven steps, durable. Context is gathered by one child
 * workflow per facet; steps 3-6 repeat on validation failure (bounded) and on request-changes;
 * the plan then waits for a person's decision. When its history grows long it continues as new at
 * a safe point (awaiting a decision, or between a request-changes and the next revision), carrying
 * its status, the pending feedback and the context's ref (`PlanInput.continued`).
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  ContinueAsNew,
  executeChild,
  makeContinueAsNewFunc,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { HandlerUnfinishedPolicy, type SearchAttributePair } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time.js';
import type { PlanActivities } from '../activities/index.js';
import { ALL_FACETS, FACETS, type ContextSummary } from '../domain/context/types.js';
import {
  approveSignal,
  approveUpdate,
  awaitStateUpdate,
  rejectSignal,
  rejectUpdate,
  requestChangesSignal,
  requestChangesUpdate,
  statusQuery,
  type DecisionRefusalType,
  type DecisionInput,
  type DecisionOutcome,
} from '../shared/messages.js';
import { stateReached, type ArtifactRef, type Decision, type PlanContinuation, type PlanInput, type PlanResult, type StepName, type ValidationSummary } from '../shared/plan-types.js';
import { PlanStateTracker } from './plan-state.js';
import { staleLines } from '../domain/freshness/stale.js';
import { policyRefusal } from '../domain/policy/refusal.js';
import { planSearchAttributes } from './search-attributes.js';
import { contextFacetWorkflow } from './contextFacet.js';
import { described, PROFILES } from './activity-profiles.js';

const REPOSITORY_MODEL = 'repository-model';
const FIT_CHECKS = 'fit-checks';
const STAGED_REVISIONS = 'staged-revisions';
const FRESH_APPROVAL = 'fresh-approval';
const CONTINUE_AS_NEW = 'continue-as-new';
const MEMORY = 'memory';

const quick = proxyActivities<PlanActivities>(PROFILES.quick);
const authoring = proxyActivities<PlanActivities>(PROFILES.authoring);
const tools = proxyActivities<PlanActivities>(PROFILES.tools);

export async function parallelPlanFeature(input: PlanInput): Promise<PlanResult> {
  // A continued run starts where the previous run stopped (set only by continue-as-new below).
  const carried = input.continued;
  const plan = new PlanStateTracker(input, carried?.status);
  const decisions: Decision[] = [];
  /** What each decision led to, by its place in the plan's decisions (answers the updates). */
  const outcomes = new Map<number, DecisionOutcome>();
  /** Decisions the plan took and then refused (an approval of a stale plan), with the reason. */
  const refusals = new Map<number, { message: string; type: DecisionRefusalType }>();
  let decisionsTaken = 0;
  setHandler(statusQuery, () => plan.status);
  /** Why a decision cannot be taken now, or undefined when it can. */
  const refusal = (kind: Decision['kind'], d: DecisionInput): string | undefined => {
    if (plan.status.state !== 'awaiting-approval' || !open) {
      return lastTaken && lastTaken.revision === plan.status.revision
        ? `plan '${input.changeId}' already has a decision: ${lastTaken.kind} by ${lastTaken.by}`
        : `plan '${input.changeId}' is ${plan.status.state}${plan.status.currentStep ? ` (step ${plan.status.currentStep})` : ''}, not awaiting approval`;
    }
    if (!d.by?.trim()) return 'a decision needs the name of who takes it';
    if (kind === 'request-changes' && !d.comment?.trim()) return 'request-changes needs a comment saying what to change';
    // The repository's policy first (it holds across the runs of a continued plan), then the plan's own list.
    const byPolicy = policyRefusal(plan.status.policy, d.by);
    if (byPolicy) return byPolicy;
    const allowed = input.approvers ?? [];
    if (allowed.length > 0 && !allowed.includes(d.by)) return `${d.by} may not decide on this plan (approvers: ${allowed.join(', ')})`;
    return undefined;
  };
  /** Open while the plan awaits a decision on its current revision; one decision closes it. */
  // A run continued while awaiting a decision is open from its first moment: a decision that
  // arrives with its first workflow task is taken as it would have been by the previous run.
  let open = carried?.phase === 'await-decision';
  let lastTaken: Decision | undefined = carried?.status.decisions[carried.status.decisions.length - 1];
  /** Nothing happened in this run yet: a continued run does not continue again before it did something. */
  let idle = carried !== undefined;
  const take = (kind: Decision['kind'], d: DecisionInput): number => {
    open = false;
    idle = false;
    decisions.push({
      kind,
      by: d.by,
      ...(d.comment !== undefined ? { comment: d.comment } : {}),
      at: new Date().toISOString(),
      revision: plan.status.revision,
      ...(kind === 'request-changes' && d.rebase ? { rebase: true } : {}),
      ...(kind === 'approve' && d.acknowledgeConflicts ? { acknowledgeConflicts: true } : {}),
    });
    lastTaken = decisions[decisions.length - 1];
    return decisionsTaken + decisions.length - 1;
  };
  const onDecision = (kind: Decision['kind']) => (d: DecisionInput) => {
    const why = refusal(kind, d);
    if (why) {
      plan.warn(`ignored ${kind} from ${d.by}: ${why}`);
      return;
    }
    take(kind, d);
  };
  setHandler(approveSignal, onDecision('approve'));
  setHandler(rejectSignal, onDecision('reject'));
  setHandler(requestChangesSignal, onDecision('request-changes'));
  const decisionUpdate = (kind: Decision['kind']) => ({
    handler: async (d: DecisionInput): Promise<DecisionOutcome> => {
      // Validators of updates that arrive together all run before their handlers: the first
      // handler takes the decision, the others are refused here (recorded as failed updates).
      const why = refusal(kind, d);
      if (why) throw ApplicationFailure.create({ type: 'DecisionRefused', message: why, nonRetryable: true });
      const seq = take(kind, d);
      if (d.wait === false) return { kind, by: d.by, revision: plan.status.revision, state: plan.status.state, settled: false, warnings: [] };
      await condition(() => outcomes.has(seq) || refusals.has(seq));
      const refused = refusals.get(seq);
      if (refused !== undefined) throw ApplicationFailure.create({ type: refused.type, message: refused.message, nonRetryable: true });
      return outcomes.get(seq)!;
    },
    validator: (d: DecisionInput): void => {
      const why = refusal(kind, d);
      if (why) throw new Error(why);
    },
  });
  for (const [update, kind] of [
    [approveUpdate, 'approve'],
    [rejectUpdate, 'reject'],
    [requestChangesUpdate, 'request-changes'],
  ] as const) {
    const { handler, validator } = decisionUpdate(kind);
    setHandler(update, handler, { validator });
  }

  const publish = (): void => {
    upsertSearchAttributes(planSearchAttributes(plan.status));
    setCurrentDetails(plan.details());
  };
  const step = async <T>(name: StepName, run: () => Promise<T>): Promise<T> => {
    idle = false;
    plan.begin(name);
    publish();
    try {
      const out = await run();
      plan.finish(name);
      return out;
    } catch (err) {
      plan.fail(name, err);
      throw err;
    }
  };

  /** Whether step 1 found a memory for the repository's lessons (CAN_MEMORY). */
  const hasMemory = (): boolean => plan.status.capabilities?.available.includes('CAN_MEMORY') === true;

  /** Whether this run's history is long enough to continue as new (a safe point asks). */
  const continueDue = (): boolean => {
    if (idle) return false;
    const info = workflowInfo();
    return info.continueAsNewSuggested || (input.continueAsNewAfterEvents !== undefined && info.historyLength >= input.continueAsNewAfterEvents);
  };
  // Waiting for a state without polling: answered when it is reached, the plan ends, or this run
  // continues as new (a waiter must not hold the run back; the caller asks the next run).
  setHandler(
    awaitStateUpdate,
    async ({ states, afterRevision }) => {
      await condition(() => stateReached(plan.status, states, afterRevision) || continueDue());
      return plan.status;
    },
    { unfinishedPolicy: HandlerUnfinishedPolicy.ABANDON },
  );
  /** Ends this run and starts the next with the carried state (the same workflow id, search attributes and memo). */
  const continueWith = (next: Omit<PlanContinuation, 'status' | 'contextRef'>): Promise<never> => {
    const contextRef = plan.status.context?.ref;
    if (!contextRef) throw ApplicationFailure.create({ type: 'IllegalState', message: 'continue-as-new before the context was gathered', nonRetryable: true });
    return makeContinueAsNewFunc<typeof parallelPlanFeature>({
      typedSearchAttributes: planSearchAttributes(plan.status) as SearchAttributePair[],
      ...(workflowInfo().memo ? { memo: workflowInfo().memo } : {}),
    })({ ...input, continued: { ...next, status: plan.snapshot(), contextRef } });
  };

  try {
    if (carried) {
      // The previous run gathered the context (and, for a rebase, gathered it again): reuse it.
      publish();
      const summary = plan.status.context;
      if (!summary) throw ApplicationFailure.create({ type: 'IllegalState', message: 'a continued plan without its context', nonRetryable: true });
      return await revisions(carried.phase, carried.feedback, { ...summary, ref: carried.contextRef }, carried.approvalDeadline);
    }
    const env = await step('verify-environment', () =>
      described<PlanActivities>(PROFILES.quick, `verify the repository, change id ${input.changeId} and the ${input.coordinator ?? 'temporal'} coordinator's capabilities`).verifyEnvironment({
        repoDir: input.repoDir,
        changeId: input.changeId,
        runDir: input.runDir,
        brief: input.brief,
        coordinator: input.coordinator ?? 'temporal',
      }),
    );
    plan.setTier(env.tier);
    if (env.commit) plan.setBaseCommit(env.commit);
    if (env.policy) plan.setPolicy(env.policy);
    if (env.capabilities) plan.setCapabilities(env.capabilities);
    env.warnings.forEach((w) => plan.warn(w));
    plan.addArtifacts(env.files);

    const context = await step('gather-context', () => gatherContext(input, env.tier === 'coordinated', undefined, hasMemory()));
    plan.setContext(context);
    context.warnings?.forEach((w) => plan.warn(w));
    context.conflicts.forEach((c) => plan.warn(`conflict with change in flight ${c.changeId} (${c.kind}): ${c.detail}`));
    return await revisions('next-revision', [], context);
  } catch (err) {
    // Continuing as new is how a run ends, not a failure.
    if (err instanceof ContinueAsNew) throw err;
    plan.failPlan(err);
    publish();
    throw err;
  }

  /**
   * Steps 3-7 for each revision until a decision ends the plan; `phase` says where a continued run
   * picks up (a run that is not continued starts with the first revision's steps).
   */
  async function revisions(phase: PlanContinuation['phase'], pending: string[], gathered: ContextSummary, deadline?: string): Promise<PlanResult> {
    let context = gathered;
    let feedback = pending;
    let resumeWaiting = phase === 'await-decision';
    let approvalDeadline = deadline;
    for (;;) {
      if (!resumeWaiting) await buildAndValidate(plan, input, context, feedback, step);

      let decision: Decision;
      let seq: number;
      let decided: Awaited<ReturnType<typeof quick.recordDecision>> | undefined;
      for (;;) {
        if (resumeWaiting) {
          // The previous run presented this revision already: the status says so as it was.
          resumeWaiting = false;
        } else {
          plan.awaitApproval();
          open = true;
          publish();
          approvalDeadline = undefined;
        }
        let arrived: boolean;
        if (patched(CONTINUE_AS_NEW)) {
          // Awaiting a decision is a safe point: a long history continues as new here, once no
          // handler runs and no decision waits (a decision that comes meanwhile is taken instead).
          // The approval timeout keeps its deadline across runs.
          approvalDeadline ??= input.approvalTimeout ? new Date(Date.now() + msToNumber(input.approvalTimeout)).toISOString() : undefined;
          const left = approvalDeadline ? Math.max(1, Date.parse(approvalDeadline) - Date.now()) : undefined;
          const due = () => decisions.length > 0 || continueDue();
          arrived = left !== undefined ? await condition(due, left) : await condition(due).then(() => true);
          if (arrived && decisions.length === 0) {
            await condition(() => allHandlersFinished() || decisions.length > 0);
            if (decisions.length === 0) await continueWith({ phase: 'await-decision', feedback, ...(approvalDeadline ? { approvalDeadline } : {}) });
          }
        } else {
          // With an approval timeout, a revision nobody decides on ends the plan as expired.
          arrived = input.approvalTimeout ? await condition(() => decisions.length > 0, input.approvalTimeout) : await condition(() => decisions.length > 0).then(() => true);
        }
        if (!arrived) {
          open = false;
          plan.warn(`no decision within ${input.approvalTimeout}: the plan expired`);
          plan.expire();
          publish();
          await condition(allHandlersFinished);
          return { changeId: input.changeId, state: 'expired', revision: plan.status.revision, artifacts: plan.status.artifacts };
        }
        decision = decisions.shift()!;
        seq = decisionsTaken++;
        // An approval of a plan the repository has moved past (commits touching its write scopes
        // or specs since its commit) is refused, naming the commits; the plan keeps waiting.
        const baseCommit = plan.status.baseCommit;
        if (decision.kind === 'approve' && baseCommit && patched(FRESH_APPROVAL)) {
          const fresh = await described<PlanActivities>(PROFILES.quick, `git: commits since ${baseCommit.slice(0, 12)} that touch the plan's write scopes or specs`).checkFreshness({ repoDir: input.repoDir, changeId: input.changeId, baseCommit });
          if (fresh.stale) {
            const why = `approval refused: the repository moved since the plan's commit ${baseCommit.slice(0, 12)}: ${staleLines(fresh).join('; ')}; re-plan on the current commit with request-changes --rebase`;
            plan.warn(why);
            refusals.set(seq, { message: why, type: 'StalePlan' });
            continue;
          }
        }
        plan.recordDecision(decision);
        if (decision.kind === 'request-changes') break;
        decided = await described<PlanActivities>(
          PROFILES.quick,
          decision.kind === 'approve' ? `record the approval by ${decision.by}: handoff.json and the packages' lock claims` : `record the rejection by ${decision.by}: release lock claims`,
        ).recordDecision({ input, status: plan.status, decision });
        // An approval that other changes' locks block, not acknowledged: refused, the plan keeps waiting.
        const refused = decided && 'refused' in decided ? decided.refused : undefined;
        if (refused) {
          plan.forgetDecision(decision);
          plan.warn(refused);
          // Conflicts can be acknowledged (the CLI offers it); a stale plan needs re-planning.
          refusals.set(seq, { message: refused, type: 'UnacknowledgedConflicts' });
          continue;
        }
        break;
      }

      if (decision.kind === 'request-changes') {
        feedback = decision.comment ? [decision.comment] : [];
        plan.nextRevision();
        publish();
        if (decision.rebase && patched(FRESH_APPROVAL)) {
          // Re-plan on the current commit: the context is gathered again (children named by revision).
          const revision = plan.status.revision;
          context = await step('gather-context', () => gatherContext(input, plan.status.tier === 'coordinated', revision, hasMemory()));
          plan.setContext(context);
          const head = await described<PlanActivities>(PROFILES.quick, 'git: the commit to re-plan on').repositoryHead({ repoDir: input.repoDir });
          if (head) plan.setBaseCommit(head);
        }
        outcomes.set(seq, { kind: decision.kind, by: decision.by, revision: decision.revision, state: plan.status.state, settled: true, nextRevision: plan.status.revision, warnings: [] });
        // The comment is a lesson for the repository's next plans (plans recorded before memory store none).
        if (decision.comment?.trim() && hasMemory() && patched(MEMORY)) {
          const kept = await described<PlanActivities>(PROFILES.quick, `remember the comment of ${decision.by} for the repository's next plans`).rememberLesson({
            coordinator: input.coordinator ?? 'temporal',
            repository: input.repoDir,
            lesson: { kind: 'changes-requested', changeId: input.changeId, revision: decision.revision, by: decision.by, text: decision.comment, at: decision.at },
          });
          if (kept.warning) {
            plan.warn(kept.warning);
            publish();
          }
        }
        // Between a request-changes and the next revision's steps is a safe point too: the update
        // that asked answers first, then the next run makes the revision with the feedback.
        if (patched(CONTINUE_AS_NEW) && continueDue()) {
          await condition(allHandlersFinished);
          await continueWith({ phase: 'next-revision', feedback });
        }
        continue;
      }
      // Histories recorded before lock registration hold the bare handoff ref (or null) here.
      const { handoff, warnings } =
        decided && 'warnings' in decided ? decided : { handoff: decided as unknown as ArtifactRef | null, warnings: [] as string[] };
      if (handoff) plan.addArtifacts([handoff]);
      warnings.forEach((w) => plan.warn(w));
      plan.decide(decision.kind === 'approve' ? 'approved' : 'rejected');
      publish();
      const verdict = decided && 'verdict' in decided ? decided.verdict : undefined;
      outcomes.set(seq, { kind: decision.kind, by: decision.by, revision: decision.revision, state: plan.status.state, settled: true, ...(handoff ? { handoff } : {}), ...(verdict ? { verdict } : {}), warnings });
      // The update that took the decision answers before the plan closes.
      await condition(allHandlersFinished);
      return {
        changeId: input.changeId,
        state: plan.status.state as PlanResult['state'],
        revision: plan.status.revision,
        artifacts: plan.status.artifacts,
        decision,
        handoff: handoff ?? undefined,
      };
    }
  }
}

/** Step 2: one child workflow per facet, started together, then merged by an activity. */
async function gatherContext(input: PlanInput, coordinated: boolean, revision?: number, memory = false): Promise<ContextSummary> {
  const parentId = revision === undefined ? workflowInfo().workflowId : `${workflowInfo().workflowId}/r${revision}`;
  // Plans recorded before the repository model gathered four facets; they replay with those.
  const facets = patched(REPOSITORY_MODEL) ? ALL_FACETS : FACETS;
  const results = await Promise.all(
    facets.map((facet) =>
      executeChild(contextFacetWorkflow, {
        workflowId: `${parentId}/context/${facet}`,
        args: [{ facet, repoDir: input.repoDir, runDir: input.runDir, request: input.request, changeId: input.changeId }],
        staticSummary: `Context facet ${facet} of ${input.changeId}${revision === undefined ? '' : ` r${revision}`}`,
      }),
    ),
  );
  return described<PlanActivities>(PROFILES.quick, `merge ${facets.length} context facets of ${input.changeId}${memory ? ' and recall lessons' : ''}`).mergeContext({
    repoDir: input.repoDir,
    runDir: input.runDir,
    request: input.request,
    changeId: input.changeId,
    results,
    // Coordinated: the coordinator's changes in flight that are not on disk join the merge.
    ...(coordinated ? { coordinator: input.coordinator ?? 'temporal' } : {}),
    // With CAN_MEMORY, the repository's newest lessons join the summary (and the proposal).
    ...(memory ? { memory: input.coordinator ?? 'temporal' } : {}),
  });
}

type StepRunner = <T>(name: StepName, run: () => Promise<T>) => Promise<T>;

/** Steps 3-6; a failed validation is fed back into the next round, a bounded number of times. */
async function buildAndValidate(
  plan: PlanStateTracker,
  input: PlanInput,
  context: ContextSummary,
  feedback: string[],
  step: StepRunner,
): Promise<void> {
  const rounds = Math.max(1, input.maxValidationRounds ?? 2);
  const revision = plan.status.revision;
  const coordinated = plan.status.tier === 'coordinated';
  let notes = feedback;
  let validation: ValidationSummary | undefined;
  // Steps 3-5 write the revision into a stage in the run folder; step 6 puts it in the repository
  // only when it passed. Plans recorded before staging wrote the change folder in place.
  const stageDir = patched(STAGED_REVISIONS) ? `${input.runDir}/stage/r${revision}` : undefined;
  const staged = stageDir ? { stageDir } : {};
  for (let round = 1; round <= rounds; round++) {
    const scaffold = await step('scaffold-proposal', () =>
      described<PlanActivities>(
        PROFILES.authoring,
        `${input.author?.kind === 'command' ? 'external author' : 'rule-based author'}: proposal, design, tasks and specs of ${input.changeId} r${revision}${round > 1 ? ` (round ${round})` : ''}`,
      ).scaffoldProposal({
        repoDir: input.repoDir,
        runDir: input.runDir,
        changeId: input.changeId,
        request: input.request,
        brief: input.brief,
        author: input.author ?? { kind: 'rule-based' },
        contextRef: context.ref,
        revision,
        feedback: notes,
        tier: plan.status.tier ?? 'linear',
        warnings: plan.status.warnings,
        ...staged,
        ...(feedback.length > 0 ? { comments: feedback } : {}),
      }),
    );
    plan.addArtifacts(scaffold.files);
    scaffold.warnings?.forEach((w) => plan.warn(w));
    if (scaffold.changes) plan.setRevisionChanges(scaffold.changes);

    if (coordinated) {
      const contracts = await step('generate-contracts', () =>
        described<PlanActivities>(PROFILES.quick, `contracts of ${input.changeId} r${revision}: OpenAPI, SQL, events, generated types`).generateContracts({ repoDir: input.repoDir, changeId: input.changeId, draftRef: scaffold.draftRef, revision, ...staged }),
      );
      plan.addArtifacts(contracts.files);
      const packages = await step('generate-work-packages', () =>
        described<PlanActivities>(PROFILES.quick, `work-packages.yaml of ${input.changeId} r${revision} from the repository's boundaries`).generateWorkPackages({
          repoDir: input.repoDir,
          runDir: input.runDir,
          changeId: input.changeId,
          draftRef: scaffold.draftRef,
          contextRef: context.ref,
          planRevision: revision,
          contractsRevision: revision,
          createdAt: new Date().toISOString(),
          ...staged,
        }),
      );
      plan.addArtifacts(packages.files);
      plan.setPackages(packages.summary);
    } else {
      plan.skip('generate-contracts', 'linear tier: no contracts');
      plan.skip('generate-work-packages', 'linear tier: no work packages');
    }

    validation = await step('validate', () =>
      described<PlanActivities>(PROFILES.tools, `openspec validate ${input.changeId} --strict, work-packages, guardrails, fit and contract checks`).validatePlan({
        repoDir: input.repoDir,
        changeId: input.changeId,
        tier: plan.status.tier ?? 'linear',
        draftRef: scaffold.draftRef,
        // The fit checks read the gathered context; plans recorded before them validate without it.
        ...(patched(FIT_CHECKS) ? { contextRef: context.ref } : {}),
        ...(plan.status.policy ? { policy: plan.status.policy } : {}),
        ...staged,
      }),
    );
    plan.setValidation(validation);
    if (validation.passed) return;
    notes = [...feedback, ...validation.checks.filter((c) => !c.passed).flatMap((c) => c.issues.map((i) => `${c.name}: ${i}`))];
    plan.warn(`validation round ${round} of ${rounds} failed: ${validation.checks.filter((c) => !c.passed).map((c) => c.name).join(', ')}`);
  }
  const failed = validation?.checks.filter((c) => !c.passed) ?? [];
  throw ApplicationFailure.create({
    type: 'InvalidPlan',
    nonRetryable: true,
    message: `the plan failed validation after ${rounds} round(s): ${failed
      .map((c) => `${c.name} (${c.issues.slice(0, 3).join('; ')})`)
      .join('; ')}${stageDir ? `; nothing was written to openspec/changes/${input.changeId}/ (the last round is in ${stageDir})` : ''}`,
  });
}

