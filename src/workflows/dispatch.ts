/**
 * Dispatch of an approved plan: `dispatchWorkflow` starts one `workPackageWorkflow` child per
 * package as soon as its depends_on packages have completed; agents claim, heartbeat, complete
 * and fail packages through the children's updates (parallel-plan work next|heartbeat|complete|
 * fail). The dispatch keeps the change's lock claim renewed in the lock registry while packages
 * are unfinished and releases it at the end; a claim the registry refuses (another change holds
 * the locks) ends the dispatch as refused, naming the holder.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
  ParentClosePolicy,
  patched,
} from '@temporalio/workflow';
import type { PlanActivities } from '../activities/index.js';
import { allSettled, applyEvent, applyResult, dagProblem, initialViews, markReady, startable } from '../domain/dispatch/board.js';
import {
  claimPackageUpdate,
  completePackageUpdate,
  DEFAULT_LEASE_MS,
  dispatchStatusQuery,
  failPackageUpdate,
  heartbeatPackageUpdate,
  PACKAGE_REFUSED,
  packageEventSignal,
  packageStatusQuery,
  packageWorkflowId,
  type DispatchInput,
  type DispatchStatus,
  type PackageEvent,
  type PackageResult,
  type PackageView,
  type PackageWorkflowInput,
  type ClaimPackageInput,
  type CompletePackageInput,
  type FailPackageInput,
  type HeartbeatInput,
} from '../shared/dispatch-messages.js';
import { DEFAULT_LOCK_TTL_MS } from '../shared/lock-messages.js';
import { described, PROFILES } from './activity-profiles.js';
import { PlanStatusKey } from './search-attributes.js';

const quick = proxyActivities<PlanActivities>(PROFILES.quick);
const MEMORY = 'memory';

export async function dispatchWorkflow(input: DispatchInput): Promise<DispatchStatus> {
  const now = (): string => new Date().toISOString();
  const views = initialViews(input.probe ? [] : input.packages);
  const status: DispatchStatus = {
    changeId: input.changeId,
    repoDir: input.repoDir,
    planWorkflowId: input.planWorkflowId,
    planRevision: input.planRevision,
    workPackages: input.workPackages,
    state: 'running',
    startedAt: now(),
    finishedAt: null,
    leaseMs: input.leaseMs ?? DEFAULT_LEASE_MS,
    packages: views,
    warnings: [],
  };
  setHandler(dispatchStatusQuery, () => status);
  // The queue-work probe: a worker took the dispatch; nothing else happens.
  if (input.probe) return { ...status, state: 'completed', finishedAt: now() };
  setHandler(packageEventSignal, (e: PackageEvent) => applyEvent(views, e));

  const finish = (state: DispatchStatus['state']): DispatchStatus => {
    status.state = state;
    status.finishedAt = now();
    upsertSearchAttributes([{ key: PlanStatusKey, value: state === 'completed' ? 'dispatched' : `dispatch-${state}` }]);
    return status;
  };

  const problem = dagProblem(input.packages);
  if (problem) throw ApplicationFailure.create({ type: 'BadInput', message: `cannot dispatch ${input.changeId}: ${problem}`, nonRetryable: true });

  const holder = workflowInfo().workflowId;
  const lockTtlMs = input.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
  const unfinished = (): PackageView[] => views.filter((v) => v.state !== 'completed' && v.state !== 'failed' && v.state !== 'blocked');
  const renew = () =>
    described<PlanActivities>(PROFILES.quick, `renew the lock claim of ${input.changeId} (${unfinished().length} unfinished packages)`).renewDispatchLocks({
      repository: input.repoDir,
      changeId: input.changeId,
      revision: input.planRevision,
      holder,
      ttlMs: lockTtlMs,
      coordinator: input.coordinator ?? 'temporal',
      packages: input.packages.filter((p) => unfinished().some((v) => v.packageId === p.packageId)).map((p) => ({ packageId: p.packageId, keys: p.keys, files: p.files })),
    });

  // The registry refuses the claim when another change took the locks (the approval's lease ran out).
  const first = await renew();
  if (!first.registered) {
    status.warnings.push(`dispatch refused: ${first.reason}`);
    return finish('refused');
  }

  const results: PackageResult[] = [];
  const dispatchId = workflowInfo().workflowId;
  const leaseMs = status.leaseMs;
  const startReady = async (): Promise<void> => {
    for (const id of startable(views)) {
      const pkg = input.packages.find((p) => p.packageId === id)!;
      const child = await startChild(workPackageWorkflow, {
        workflowId: packageWorkflowId(dispatchId, id),
        args: [{ dispatchId, changeId: input.changeId, pkg, leaseMs } satisfies PackageWorkflowInput],
        parentClosePolicy: ParentClosePolicy.TERMINATE,
        staticSummary: `Package ${id} of ${input.changeId}`,
      });
      markReady(views, id, now());
      child.result().then(
        (r) => results.push(r),
        (err: unknown) =>
          results.push({ packageId: id, state: 'failed', holder: null, attempts: 0, failures: 0, finishedAt: now(), summary: null, reason: `package workflow failed: ${err instanceof Error ? err.message : String(err)}` }),
      );
    }
  };
  // The lease on the change's locks is renewed beside the DAG, so a slow registry never holds up
  // the packages that become ready.
  const renewEveryMs = Math.max(1_000, Math.floor(lockTtlMs / 2));
  const renewals = (async () => {
    for (;;) {
      if (await condition(() => allSettled(views), renewEveryMs)) return;
      const renewed = await renew();
      if (!renewed.registered) status.warnings.push(`could not renew the lock claim of ${input.changeId}: ${renewed.reason}`);
    }
  })();

  await startReady();
  while (!allSettled(views)) {
    await condition(() => results.length > 0);
    while (results.length > 0) {
      const r = results.shift()!;
      const blocked = applyResult(views, r);
      if (blocked.length > 0) status.warnings.push(`${r.packageId} failed (${r.reason ?? 'no reason'}): blocked ${blocked.join(', ')}`);
      // A package that failed for good is a lesson for the repository's next plans (dispatches
      // recorded before memory store none).
      if (r.state === 'failed' && patched(MEMORY)) {
        const kept = await described<PlanActivities>(PROFILES.quick, `remember that ${r.packageId} failed for the repository's next plans`).rememberLesson({
          coordinator: input.coordinator ?? 'temporal',
          repository: input.repoDir,
          lesson: {
            kind: 'package-failed',
            changeId: input.changeId,
            revision: input.planRevision,
            packageId: r.packageId,
            ...(r.holder ? { by: r.holder } : {}),
            text: `${r.packageId} failed after ${r.attempts} attempt(s) and ${r.failures} failure(s): ${r.reason ?? 'no reason given'}`,
            at: r.finishedAt,
          },
        });
        if (kept.warning) status.warnings.push(kept.warning);
      }
    }
    await startReady();
  }
  await renewals;
  const released = await described<PlanActivities>(PROFILES.quick, `release the lock claim of ${input.changeId}`).releaseDispatchLocks({ repository: input.repoDir, changeId: input.changeId, coordinator: input.coordinator ?? 'temporal' });
  if (released.error) status.warnings.push(`could not release the lock claim of ${input.changeId}: ${released.error}`);
  await condition(allHandlersFinished);
  return finish(views.some((v) => v.state !== 'completed') ? 'failed' : 'completed');
}

export async function workPackageWorkflow(input: PackageWorkflowInput): Promise<PackageResult> {
  const { pkg, leaseMs } = input;
  const view: PackageView = { ...initialViews([pkg])[0]!, state: 'ready', readyAt: new Date().toISOString() };
  let result: PackageResult | undefined;
  let leaseUntilMs = 0;
  /** Bumped by every claim and heartbeat: the lease timer restarts. */
  let beats = 0;
  const parent = getExternalWorkflowHandle(input.dispatchId);
  const tell = (state: PackageEvent['state'], reason?: string): void => {
    const event: PackageEvent = {
      packageId: pkg.packageId,
      state,
      holder: view.holder,
      at: new Date().toISOString(),
      attempts: view.attempts,
      failures: view.failures,
      ...(view.leaseUntil ? { leaseUntil: view.leaseUntil } : {}),
      ...(reason ? { reason } : {}),
    };
    // The dispatch's board is a view; a lost signal never changes what the package decides.
    parent.signal(packageEventSignal, event).catch(() => undefined);
  };
  const refuse = (message: string): never => {
    throw ApplicationFailure.create({ type: PACKAGE_REFUSED, message, nonRetryable: true });
  };
  const holderProblem = (agent: string | undefined, verb: string): string | undefined => {
    if (result) return `${pkg.packageId} is already ${result.state}${result.holder ? ` (by ${result.holder})` : ''}`;
    if (view.state !== 'claimed') return `${pkg.packageId} is not claimed${view.leasesLost > 0 ? ` (its last lease was lost: ${view.reason})` : ''}; take it with parallel-plan work next`;
    if (agent !== undefined && agent !== view.holder) return `${pkg.packageId} is held by ${view.holder}, not ${agent}; only the holder may ${verb} it`;
    return undefined;
  };
  const lease = (): void => {
    leaseUntilMs = Date.now() + leaseMs;
    view.leaseUntil = new Date(leaseUntilMs).toISOString();
    beats++;
  };

  setHandler(packageStatusQuery, () => view);
  /**
   * One check per update, run twice: by the validator (a refused call never enters history) and
   * again in the handler (updates accepted together run one after another and may race).
   */
  const guarded = <I, O>(problem: (i: I) => string | undefined, run: (i: I) => O) => ({
    handler: (i: I): O => {
      const why = problem(i);
      if (why) refuse(why);
      return run(i);
    },
    validator: (i: I): void => {
      const why = problem(i);
      if (why) throw new Error(why);
    },
  });
  const notReady = (): string | undefined =>
    view.state !== 'ready' || result ? `${pkg.packageId} is ${result?.state ?? view.state}${view.holder ? ` by ${view.holder}` : ''}, not ready` : undefined;
  /** The package's end: completed, or failed past its retry budget. */
  const finish = (state: PackageResult['state'], summary: string | null, reason: string | null): PackageResult => {
    const at = new Date().toISOString();
    Object.assign(view, { state, finishedAt: at, summary, leaseUntil: null });
    result = { packageId: pkg.packageId, state, holder: view.holder, attempts: view.attempts, failures: view.failures, finishedAt: at, summary, reason };
    return result;
  };

  setHandler(packageStatusQuery, () => view);
  const claim = guarded(
    ({ agent }: ClaimPackageInput) => (typeof agent !== 'string' || !agent.trim() ? 'a claim needs the agent id' : notReady()),
    ({ agent }: ClaimPackageInput) => {
      view.state = 'claimed';
      view.holder = agent;
      view.attempts++;
      view.claimedAt = new Date().toISOString();
      lease();
      tell('claimed');
      return { packageId: pkg.packageId, agent, attempt: view.attempts, leaseUntil: view.leaseUntil!, leaseMs };
    },
  );
  setHandler(claimPackageUpdate, claim.handler, { validator: claim.validator });
  const heartbeat = guarded(
    ({ agent }: HeartbeatInput) => holderProblem(agent, 'renew'),
    () => {
      lease();
      return { leaseUntil: view.leaseUntil! };
    },
  );
  setHandler(heartbeatPackageUpdate, heartbeat.handler, { validator: heartbeat.validator });
  const complete = guarded(
    ({ agent }: CompletePackageInput) => holderProblem(agent, 'complete'),
    ({ summary }: CompletePackageInput) => finish('completed', summary ?? null, null),
  );
  setHandler(completePackageUpdate, complete.handler, { validator: complete.validator });
  const fail = guarded(
    ({ agent, reason }: FailPackageInput) => (typeof reason !== 'string' || !reason.trim() ? 'a failure needs a reason' : holderProblem(agent, 'fail')),
    ({ reason }: FailPackageInput) => {
      view.failures++;
      view.reason = reason;
      if (view.failures > pkg.retryBudget) {
        finish('failed', null, reason);
        return { packageId: pkg.packageId, state: 'failed' as const, failures: view.failures, retryBudget: pkg.retryBudget };
      }
      Object.assign(view, { state: 'ready', leaseUntil: null });
      tell('failed-attempt', reason);
      return { packageId: pkg.packageId, state: 'ready' as const, failures: view.failures, retryBudget: pkg.retryBudget };
    },
  );
  setHandler(failPackageUpdate, fail.handler, { validator: fail.validator });

  for (;;) {
    await condition(() => result !== undefined || view.state === 'claimed');
    if (result) break;
    const seen = beats;
    const changed = await condition(() => result !== undefined || view.state !== 'claimed' || beats !== seen, Math.max(1, leaseUntilMs - Date.now()));
    if (!changed && view.state === 'claimed' && !result) {
      // The agent went silent for a whole lease: the package is ready for another one.
      const lost = `lease of ${view.holder} ended at ${view.leaseUntil} without a heartbeat`;
      Object.assign(view, { state: 'ready', leaseUntil: null, reason: lost, leasesLost: view.leasesLost + 1 });
      tell('lease-lost', lost);
    }
  }
  await condition(allHandlersFinished);
  return result!;
}
