/**
 * All activities of the plan workflows, built once by the worker. Each step's activities come
 * from their own factory; failures are classified so bad input is never retried.
 */
import { defaultPostgresProvider, type PostgresProvider } from '../adapters/postgres-server.js';
import { createApprovalActivities } from './approval.js';
import { classifyFailures } from './classify-failures.js';
import { createContextActivities } from './context.js';
import { createContractActivities } from './contracts.js';
import { createEnvironmentActivities } from './environment.js';
import { createPackageActivities } from './packages.js';
import { createScaffoldActivities } from './scaffold.js';
import { createValidationActivities } from './validate.js';

export interface ActivityDeps {
  /** Where contract SQL is applied; default: PARALLEL_PLAN_PG_URL, else a throwaway local server. */
  postgres?: PostgresProvider;
}

export function createActivities(deps: ActivityDeps = {}) {
  const postgres = deps.postgres ?? defaultPostgresProvider();
  const { generateContracts } = createContractActivities({ postgres });
  return classifyFailures({
    ...createEnvironmentActivities(),
    ...createContextActivities(),
    ...createScaffoldActivities(),
    generateContracts,
    ...createPackageActivities(),
    ...createValidationActivities({ postgres }),
    ...createApprovalActivities(),
  });
}

export type PlanActivities = ReturnType<typeof createActivities>;
