/** Picks the coordinator adapter a plan asked for (PlanInput.coordinator). */
import type { Client } from '@temporalio/client';
import type { CoordinatorKind } from '../shared/coordinator-types.js';
import { HttpCoordinator, type HttpCoordinatorOptions } from './http.js';
import { noneCoordinator } from './none.js';
import type { Coordinator } from './port.js';
import { TemporalCoordinator } from './temporal.js';

export type { CoordinatorKind } from '../shared/coordinator-types.js';
export { COORDINATOR_KINDS } from '../shared/coordinator-types.js';

export interface CoordinatorDeps {
  client?: Client;
  /** Where the lock registry lives; defaults in temporal.ts. */
  lockRegistry?: { workflowId?: string; taskQueue?: string; answerTimeoutMs?: number };
  /** The agent coordinator service of `--coordinator http`; defaults from COORDINATION_API_URL, COORDINATION_API_KEY, COORDINATION_API_TIMEOUT_MS. */
  http?: HttpCoordinatorOptions;
}

export type CoordinatorFactory = (kind: CoordinatorKind) => Coordinator;

export function coordinatorFactory(deps: CoordinatorDeps = {}): CoordinatorFactory {
  return (kind) => {
    switch (kind) {
      case 'none':
        return noneCoordinator();
      case 'http':
        return new HttpCoordinator(deps.http);
      case 'temporal':
        return new TemporalCoordinator({
          client: deps.client,
          registryWorkflowId: deps.lockRegistry?.workflowId,
          taskQueue: deps.lockRegistry?.taskQueue,
          answerTimeoutMs: deps.lockRegistry?.answerTimeoutMs,
        });
    }
  };
}

export type { Coordinator, PlanInFlight, ClaimResult, ReleaseResult, HandoffPublication, RememberResult, RecallResult } from './port.js';
