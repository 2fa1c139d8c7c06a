import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributeUpdatePair } from '@temporalio/common';
import type { PlanStatus } from '../shared/plan-types.js';

export const PlanStatusKey = defineSearchAttributeKey('PlanStatus', SearchAttributeType.KEYWORD);
export const PlanChangeIdKey = defineSearchAttributeKey('PlanChangeId', SearchAttributeType.KEYWORD);
export const PlanRepositoryKey = defineSearchAttributeKey('PlanRepository', SearchAttributeType.KEYWORD);
export const PlanTierKey = defineSearchAttributeKey('PlanTier', SearchAttributeType.KEYWORD);
export const PlanRevisionKey = defineSearchAttributeKey('PlanRevision', SearchAttributeType.INT);

export function planSearchAttributes(status: PlanStatus): SearchAttributeUpdatePair[] {
  return [
    { key: PlanStatusKey, value: status.state },
    { key: PlanChangeIdKey, value: status.changeId },
    { key: PlanRepositoryKey, value: status.repoDir },
    { key: PlanTierKey, value: status.tier ?? 'unknown' },
    { key: PlanRevisionKey, value: status.revision },
  ];
}
