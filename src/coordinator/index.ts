/** Picks the coordinator adapter a plan asked for (PlanInput.coordinator). */
import type { Client } from '@temporalio/client';
import { noneCoordinator } from './none.js';
import type { Coordinator } from './port.js';
import { TemporalCoordinator } from './temporal.js';

export type CoordinatorKind = 'temporal' | 'none';

export interface CoordinatorDeps {
  client?: Client;
  /** Where the lock registry lives; defaults in temporal.ts. */
  lockRegistry?: { workflowId?: string; taskQueue?: string; answerTimeoutMs?: number };
}

export type CoordinatorFactory = (kind: CoordinatorKind) => Coordinator;

export function coordinatorFactory(deps: CoordinatorDeps = {}): CoordinatorFactory {
  return (kind) =>
    kind === 'none'
      ? noneCoordinator()
      : new TemporalCoordinator({
          client: deps.client,
          registryWorkflowId: deps.lockRegistry?.workflowId,
          taskQueue: deps.lockRegistry?.taskQueue,
          answerTimeoutMs: deps.lockRegistry?.answerTimeoutMs,
        });
}

export type { Coordinator, PlanInFlight, ClaimResult, ReleaseResult } from './port.js';
