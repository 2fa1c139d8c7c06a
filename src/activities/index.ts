/**
 * All activities of the plan workflows, built once by the worker. Each step's activities come
 * from their own factory; failures are classified so bad input is never retried.
 */
import type { Client } from '@temporalio/client';
import { defaultPostgresProvider, type PostgresProvider } from '../adapters/postgres-server.js';
import { coordinatorFactory, type CoordinatorDeps } from '../coordinator/index.js';
import { createApprovalActivities } from './approval.js';
import { asActivities } from './activity-wrapper.js';
import { createContextActivities } from './context.js';
import { createContractActivities } from './contracts.js';
import { createDispatchActivities } from './dispatch.js';
import { createEnvironmentActivities } from './environment.js';
import { createMemoryActivities } from './memory.js';
import { createPackageActivities } from './packages.js';
import { createScaffoldActivities } from './scaffold.js';
import { createValidationActivities } from './validate.js';

export interface ActivityDeps {
  /** Where contract SQL is applied; default: PARALLEL_PLAN_PG_URL, else a throwaway local server. */
  postgres?: PostgresProvider;
  /**
   * Temporal client for the Temporal-native coordinator (discover, lock registry, audit). The
   * worker builds it on its own connection; without it those capabilities are missing and plans
   * fall back to the linear tier.
   */
  client?: Client;
  /** Lock registry location (tests use their own); defaults: the activity's task queue, fixed id. */
  lockRegistry?: CoordinatorDeps['lockRegistry'];
  /** The agent coordinator service for plans with `coordinator: 'http'`; default from COORDINATION_API_URL and COORDINATION_API_KEY. */
  http?: CoordinatorDeps['http'];
}

export function createActivities(deps: ActivityDeps = {}) {
  const postgres = deps.postgres ?? defaultPostgresProvider();
  const { generateContracts } = createContractActivities({ postgres });
  const coordinators = coordinatorFactory({ client: deps.client, lockRegistry: deps.lockRegistry, http: deps.http });
  return asActivities({
    ...createEnvironmentActivities({ coordinators }),
    ...createContextActivities({ coordinators }),
    ...createScaffoldActivities(),
    generateContracts,
    ...createPackageActivities(),
    ...createValidationActivities({ postgres }),
    ...createApprovalActivities({ coordinators }),
    ...createDispatchActivities({ coordinators }),
    ...createMemoryActivities({ coordinators }),
  });
}

export type PlanActivities = ReturnType<typeof createActivities>;
