/**
 * lockRegistryWorkflow: the entity that holds approved plans' lock claims, one per namespace and
 * task queue (fixed id, see lockRegistryWorkflowId), started by update-with-start from the
 * activity that claims. Updates are validated before they enter history; a claim that collides
 * with another change fails with a `LockConflict` ApplicationFailure naming the holder and keys.
 * Claims are leases: a timer on workflow time drops those not renewed, so a vanished holder
 * cannot block forever. Long-lived: continue-as-new with the JSON-plain state when suggested.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import { claimLocksUpdate, LOCK_CONFLICT, locksQuery, releaseLocksUpdate } from '../shared/lock-messages.js';
import { claimInputProblem, LockRegistry, releaseInputProblem, type LockRegistryState } from './lock-registry-state.js';

export interface LockRegistryInput {
  /** Carried over by continue-as-new. */
  state?: LockRegistryState;
  /** Continue-as-new once history reaches this many events (tests); default: when the server suggests it. */
  continueAsNewAfterEvents?: number;
}

export async function lockRegistryWorkflow(input: LockRegistryInput = {}): Promise<void> {
  const registry = new LockRegistry(input.state);

  // Lease expiry: a timer due at the earliest lease end. Timers are started synchronously where
  // claims change (never from the main loop reacting afterwards), so the order of an update's
  // completion and a timer start is the same whether the run is cached, rebuilt or replayed.
  let alarms: number[] = [];
  const arm = (): void => {
    const next = registry.nextExpiry();
    if (next === undefined || alarms.some((due) => due <= next)) return;
    alarms.push(next);
    void sleep(Math.max(1, next - Date.now())).then(() => {
      alarms = alarms.filter((due) => due !== next);
      registry.expire(Date.now());
      arm();
    });
  };
  arm();

  setHandler(
    claimLocksUpdate,
    (claim) => {
      const outcome = registry.claim(claim, Date.now());
      if (!outcome.ok) {
        throw ApplicationFailure.create({ type: LOCK_CONFLICT, message: outcome.message, nonRetryable: true, details: [outcome.conflict] });
      }
      arm();
      return { claim: outcome.claim, replacedRevision: outcome.replacedRevision };
    },
    {
      validator: (claim) => {
        const problem = claimInputProblem(claim);
        if (problem) throw new Error(`malformed lock claim: ${problem}`);
      },
    },
  );
  setHandler(releaseLocksUpdate, (release) => ({ released: registry.release(release, Date.now()) }), {
    validator: (release) => {
      const problem = releaseInputProblem(release);
      if (problem) throw new Error(`malformed lock release: ${problem}`);
    },
  });
  setHandler(locksQuery, () => {
    const now = Date.now();
    return { claims: registry.live(now), asOf: new Date(now).toISOString(), runs: registry.runs };
  });

  await condition(() => {
    const info = workflowInfo();
    return info.continueAsNewSuggested || (input.continueAsNewAfterEvents !== undefined && info.historyLength >= input.continueAsNewAfterEvents);
  });
  // Let running update handlers finish so none is lost, then carry the state over.
  await condition(allHandlersFinished);
  await continueAsNew<typeof lockRegistryWorkflow>({ ...input, state: registry.nextRunState() });
}
