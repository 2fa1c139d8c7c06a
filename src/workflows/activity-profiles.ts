/**
 * Named timeout and retry profiles for every activity call of the workflows. Bad input, an
 * invalid plan and a missing tool are permanent: retrying cannot help, so they are never retried.
 */
import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import { ErrorType } from '../errors.js';

const NON_RETRYABLE = [ErrorType.BadInput, ErrorType.InvalidPlan, ErrorType.ToolMissing];

const retry = (maximumAttempts: number, initialInterval: string): ActivityOptions['retry'] => ({
  initialInterval,
  backoffCoefficient: 2,
  maximumAttempts,
  nonRetryableErrorTypes: NON_RETRYABLE,
});

export const PROFILES = {
  // Every activity heartbeats while it runs (activities/activity-wrapper.ts): the heartbeat
  // timeout, not the start-to-close one, bounds how long a killed worker's activity waits.
  /** Quick local checks, file rendering and merges. */
  quick: { startToCloseTimeout: '2 minutes', heartbeatTimeout: '20 seconds', retry: retry(4, '1s') },
  /** Reading a repository for one context facet. */
  reading: { startToCloseTimeout: '5 minutes', heartbeatTimeout: '20 seconds', retry: retry(3, '1s') },
  /** Code shards read thousands of files; heartbeats show progress and catch a lost worker quickly. */
  shards: { startToCloseTimeout: '10 minutes', heartbeatTimeout: '30 seconds', retry: retry(3, '1s') },
  /**
   * Authoring may call an external agent for minutes; the activity heartbeats every few seconds
   * meanwhile, so a lost worker is noticed quickly.
   */
  authoring: { startToCloseTimeout: '15 minutes', heartbeatTimeout: '30 seconds', retry: retry(3, '2s') },
  /** External tools (openspec, tsc, Python, PostgreSQL, Prism). */
  tools: { startToCloseTimeout: '10 minutes', heartbeatTimeout: '20 seconds', retry: retry(3, '2s') },
} satisfies Record<string, ActivityOptions>;

/**
 * The profile's activities for one call, with the one-line summary the Temporal UI shows for it
 * ("openspec validate add-item-tags --strict, ..."). Summaries are metadata: replay ignores them.
 */
export function described<A extends object>(profile: ActivityOptions, summary: string): A {
  return proxyActivities<A>({ ...profile, summary: summary.length > 200 ? `${summary.slice(0, 197)}...` : summary }) as A;
}
