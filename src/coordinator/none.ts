/**
 * The `none` coordinator: no capability at all, which forces the linear tier (proposal, design,
 * tasks and spec deltas only). Used with `--coordinator none`.
 */
import { CAPABILITIES, capabilityReport, type Capability } from '../shared/coordinator-types.js';
import { checkPlanWrites } from './guardrails.js';
import type { Coordinator } from './port.js';

const WHY = 'no coordinator (--coordinator none)';

export function noneCoordinator(): Coordinator {
  return {
    name: 'none',
    async capabilities() {
      return capabilityReport(
        'none',
        Object.fromEntries(CAPABILITIES.map((c) => [c, { available: false, detail: WHY }])) as Record<Capability, { available: boolean; detail: string }>,
      );
    },
    async discover() {
      return [];
    },
    async claimLocks() {
      return { registered: false, reason: WHY, registry: null };
    },
    async releaseLocks() {
      return { released: [] };
    },
    checkGuardrails: ({ changeId, paths }) => checkPlanWrites(changeId, paths),
  };
}
