/** Names shared by the worker, the workflows, the CLI and the embedded server. */

export const TASK_QUEUE = 'parallel-plan';

/**
 * Custom search attributes: registered on the embedded dev server at start-up and on any
 * namespace the worker connects to, so plans can be listed and filtered in the Temporal UI.
 */
export const SEARCH_ATTRIBUTES = {
  PlanStatus: 'Keyword',
  PlanChangeId: 'Keyword',
  PlanRepository: 'Keyword',
  PlanTier: 'Keyword',
  PlanRevision: 'Int',
} as const;
export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;
