/**
 * parallelPlanFeature: the seed's seven steps, durable. Context is gathered by one child
 * workflow per facet; steps 3-6 repeat on validation failure (bounded) and on request-changes;
 * the plan then waits for a person's decision.
 */
import {
  ApplicationFailure,
  condition,
  executeChild,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { PlanActivities } from '../activities/index.js';
import { ALL_FACETS, FACETS, type ContextSummary } from '../domain/context/types.js';
import { approveSignal, rejectSignal, requestChangesSignal, statusQuery, type DecisionInput } from '../shared/messages.js';
import type { ArtifactRef, Decision, PlanInput, PlanResult, StepName, ValidationSummary } from '../shared/plan-types.js';
import { PlanStateTracker } from './plan-state.js';
import { planSearchAttributes } from './search-attributes.js';
import { contextFacetWorkflow } from './contextFacet.js';
import { PROFILES } from './activity-profiles.js';

const REPOSITORY_MODEL = 'repository-model';
const FIT_CHECKS = 'fit-checks';
const STAGED_REVISIONS = 'staged-revisions';

const quick = proxyActivities<PlanActivities>(PROFILES.quick);
const authoring = proxyActivities<PlanActivities>(PROFILES.authoring);
const tools = proxyActivities<PlanActivities>(PROFILES.tools);

export async function parallelPlanFeature(input: PlanInput): Promise<PlanResult> {
  const plan = new PlanStateTracker(input);
  const decisions: Decision[] = [];
  setHandler(statusQuery, () => plan.status);
  const onDecision = (kind: Decision['kind']) => (d: DecisionInput) => {
    if (plan.status.state !== 'awaiting-approval' || decisions.length > 0) {
      plan.warn(`ignored ${kind} from ${d.by}: the plan is ${plan.status.state}, not awaiting approval`);
      return;
    }
    decisions.push({ kind, by: d.by, comment: d.comment, at: new Date().toISOString(), revision: plan.status.revision });
  };
  setHandler(approveSignal, onDecision('approve'));
  setHandler(rejectSignal, onDecision('reject'));
  setHandler(requestChangesSignal, onDecision('request-changes'));

  const publish = (): void => {
    upsertSearchAttributes(planSearchAttributes(plan.status));
    setCurrentDetails(plan.details());
  };
  const step = async <T>(name: StepName, run: () => Promise<T>): Promise<T> => {
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

  try {
    const env = await step('verify-environment', () =>
      quick.verifyEnvironment({
        repoDir: input.repoDir,
        changeId: input.changeId,
        runDir: input.runDir,
        brief: input.brief,
        coordinator: input.coordinator ?? 'temporal',
      }),
    );
    plan.setTier(env.tier);
    if (env.capabilities) plan.setCapabilities(env.capabilities);
    env.warnings.forEach((w) => plan.warn(w));
    plan.addArtifacts(env.files);

    const context = await step('gather-context', () => gatherContext(input, env.tier === 'coordinated'));
    plan.setContext(context);
    context.warnings?.forEach((w) => plan.warn(w));
    context.conflicts.forEach((c) => plan.warn(`conflict with change in flight ${c.changeId} (${c.kind}): ${c.detail}`));

    let feedback: string[] = [];
    for (;;) {
      await buildAndValidate(plan, input, context, feedback, step);

      plan.awaitApproval();
      publish();
      await condition(() => decisions.length > 0);
      const decision = decisions.shift()!;
      plan.recordDecision(decision);

      if (decision.kind === 'request-changes') {
        feedback = decision.comment ? [decision.comment] : [];
        plan.nextRevision();
        publish();
        continue;
      }
      const decided = await quick.recordDecision({ input, status: plan.status, decision });
      // Histories recorded before lock registration hold the bare handoff ref (or null) here.
      const { handoff, warnings } =
        decided && 'warnings' in decided ? decided : { handoff: decided as unknown as ArtifactRef | null, warnings: [] as string[] };
      if (handoff) plan.addArtifacts([handoff]);
      warnings.forEach((w) => plan.warn(w));
      plan.decide(decision.kind === 'approve' ? 'approved' : 'rejected');
      publish();
      return {
        changeId: input.changeId,
        state: plan.status.state as PlanResult['state'],
        revision: plan.status.revision,
        artifacts: plan.status.artifacts,
        decision,
        handoff: handoff ?? undefined,
      };
    }
  } catch (err) {
    plan.failPlan(err);
    publish();
    throw err;
  }
}

/** Step 2: one child workflow per facet, started together, then merged by an activity. */
async function gatherContext(input: PlanInput, coordinated: boolean): Promise<ContextSummary> {
  const parentId = workflowInfo().workflowId;
  // Plans recorded before the repository model gathered four facets; they replay with those.
  const facets = patched(REPOSITORY_MODEL) ? ALL_FACETS : FACETS;
  const results = await Promise.all(
    facets.map((facet) =>
      executeChild(contextFacetWorkflow, {
        workflowId: `${parentId}/context/${facet}`,
        args: [{ facet, repoDir: input.repoDir, runDir: input.runDir, request: input.request, changeId: input.changeId }],
      }),
    ),
  );
  return quick.mergeContext({
    repoDir: input.repoDir,
    runDir: input.runDir,
    request: input.request,
    changeId: input.changeId,
    results,
    // Coordinated: the coordinator's changes in flight that are not on disk join the merge.
    ...(coordinated ? { coordinator: input.coordinator ?? 'temporal' } : {}),
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
      authoring.scaffoldProposal({
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
      }),
    );
    plan.addArtifacts(scaffold.files);
    scaffold.warnings?.forEach((w) => plan.warn(w));

    if (coordinated) {
      const contracts = await step('generate-contracts', () =>
        quick.generateContracts({ repoDir: input.repoDir, changeId: input.changeId, draftRef: scaffold.draftRef, revision, ...staged }),
      );
      plan.addArtifacts(contracts.files);
      const packages = await step('generate-work-packages', () =>
        quick.generateWorkPackages({
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
      tools.validatePlan({
        repoDir: input.repoDir,
        changeId: input.changeId,
        tier: plan.status.tier ?? 'linear',
        draftRef: scaffold.draftRef,
        // The fit checks read the gathered context; plans recorded before them validate without it.
        ...(patched(FIT_CHECKS) ? { contextRef: context.ref } : {}),
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

