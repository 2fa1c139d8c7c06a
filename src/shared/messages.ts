/**
 * Signals and queries of parallelPlanFeature, declared once for the workflow, the CLI and the
 * API. Wire names match the constants; each signal takes one object so fields can be added.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { PlanStatus } from './plan-types.js';

export interface DecisionInput {
  by: string;
  comment?: string;
}

export const approveSignal = defineSignal<[DecisionInput]>('approve');
export const rejectSignal = defineSignal<[DecisionInput]>('reject');
export const requestChangesSignal = defineSignal<[DecisionInput]>('requestChanges');
export const statusQuery = defineQuery<PlanStatus>('status');
