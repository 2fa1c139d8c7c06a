/**
 * TypeScript shape of work-packages.yaml, version 1 (see docs/work-packages-format.md).
 * The zod schema in schema.ts validates documents against exactly this shape.
 */

export type Tier = 'A' | 'B' | 'C';

export interface WorkPackagesDoc {
  schema_version: 1;
  feature: {
    id: string;
    plan_revision: number;
    title?: string;
    created_by?: string;
    created_at?: string;
  };
  contracts: {
    revision: number;
    openapi: { primary: string; files: string[] };
    generated?: { pydantic_dir?: string; typescript_dir?: string };
    mocks?: { prism?: { enabled?: boolean; command?: string; base_url?: string } };
    cdc?: { pact?: { enabled?: boolean; broker_url?: string; consumer_dir?: string } };
  };
  defaults?: {
    priority?: number;
    lock_ttl_minutes?: number;
    timeout_minutes?: number;
    retry_budget?: number;
    verification_tier_required?: Tier;
    min_trust_level?: number;
  };
  packages: WorkPackage[];
}

export interface VerificationStep {
  name: string;
  kind: 'command' | 'ci' | 'manual';
  evidence: { artifacts: string[]; result_keys: string[] };
  command?: string;
  cwd?: string;
  env?: Record<string, string>;
  expect_exit_code?: number;
  ci?: { provider?: 'github' | 'other'; workflow?: string; required_checks?: string[] };
  manual_instructions?: string;
}

export type ContextSurface =
  | 'capabilities'
  | 'apis'
  | 'architecture'
  | 'decisions'
  | 'documentation'
  | 'semantic_code';

export interface WorkPackage {
  package_id: string;
  task_type: string;
  description: string;
  depends_on: string[];
  priority: number;
  locks: { files: string[]; keys: string[]; ttl_minutes?: number; reason?: string };
  scope: { write_allow: string[]; read_allow: string[]; deny?: string[] };
  worktree: { name: string; mode?: 'isolated' | 'shared' };
  timeout_minutes: number;
  retry_budget: number;
  min_trust_level: number;
  verification: { tier_required: Tier; steps: VerificationStep[] };
  outputs: { result_keys: string[]; artifacts?: string[] };
  title?: string;
  role?: string;
  decomposition?: 'stacked' | 'branch';
  stack_position?: number;
  archetype?: string;
  metadata?: {
    loc_estimate?: number;
    alternatives_count?: number;
    complexity?: 'low' | 'medium' | 'high';
    package_kind?: 'algorithm' | 'data_model' | 'crud' | 'config' | 'migration' | 'integration';
  };
  inputs?: Record<string, unknown>;
  context_impact?: {
    surfaces: ContextSurface[];
    rationale?: Partial<Record<ContextSurface, { reason: string; approved_by: string }>>;
  };
}
