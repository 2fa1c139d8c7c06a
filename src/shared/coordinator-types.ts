/**
 * The coordinator capabilities of the parallel-plan-feature seed and the report step 1 publishes
 * in the plan's status. Plain JSON: the report crosses the workflow boundary.
 */

/**
 * The coordinator adapters a plan can ask for (PlanInput.coordinator, `--coordinator`): the one
 * place the list is written; src/coordinator/index.ts maps each kind to its adapter.
 */
export const COORDINATOR_KINDS = ['temporal', 'http', 'none'] as const;
export type CoordinatorKind = (typeof COORDINATOR_KINDS)[number];

export const REQUIRED_CAPABILITIES = ['CAN_DISCOVER', 'CAN_QUEUE_WORK', 'CAN_LOCK'] as const;
export const SAFETY_CAPABILITIES = ['CAN_GUARDRAILS'] as const;
export const ENRICHING_CAPABILITIES = ['CAN_HANDOFF', 'CAN_MEMORY', 'CAN_POLICY', 'CAN_AUDIT'] as const;
export const CAPABILITIES = [...REQUIRED_CAPABILITIES, ...SAFETY_CAPABILITIES, ...ENRICHING_CAPABILITIES] as const;

export type Capability = (typeof CAPABILITIES)[number];
export type CapabilityKind = 'required' | 'safety' | 'enriching';

export const capabilityKind = (c: Capability): CapabilityKind =>
  (REQUIRED_CAPABILITIES as readonly string[]).includes(c)
    ? 'required'
    : (SAFETY_CAPABILITIES as readonly string[]).includes(c)
      ? 'safety'
      : 'enriching';

export interface CapabilityDetail {
  available: boolean;
  kind: CapabilityKind;
  /** How it was checked, or why it is missing. */
  detail: string;
}

export interface CapabilityReport {
  /** Adapter name: 'temporal', 'none', ... */
  coordinator: string;
  available: Capability[];
  missing: Capability[];
  detail: Record<Capability, CapabilityDetail>;
  /**
   * What the adapter found failing without costing the tier (an enriching or safety capability
   * that answered with an error or not at all): step 1 adds these to the plan's warnings.
   */
  warnings?: string[];
}

/** Builds a report from one detail per capability; `available`/`missing` keep the seed's order. */
export function capabilityReport(coordinator: string, detail: Record<Capability, Omit<CapabilityDetail, 'kind'>>, warnings: string[] = []): CapabilityReport {
  const full = Object.fromEntries(CAPABILITIES.map((c) => [c, { ...detail[c], kind: capabilityKind(c) }])) as Record<Capability, CapabilityDetail>;
  return {
    coordinator,
    available: CAPABILITIES.filter((c) => full[c].available),
    missing: CAPABILITIES.filter((c) => !full[c].available),
    detail: full,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** The required capabilities a report lacks: empty means the coordinated tier. */
export const missingRequired = (r: CapabilityReport): Capability[] => REQUIRED_CAPABILITIES.filter((c) => r.missing.includes(c));
