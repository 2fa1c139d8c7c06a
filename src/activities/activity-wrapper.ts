/**
 * What every activity of the worker gets around it (createActivities applies it once):
 * - the project's typed errors become ApplicationFailures with a stable `type`, so the workflow's
 *   retry policy knows bad input from a tool hiccup;
 * - a heartbeat every few seconds while it runs, so every profile can have a heartbeat timeout and
 *   a killed worker's activity is retried within that timeout instead of its start-to-close one;
 * - the reliability tests' hold (PARALLEL_PLAN_INJECT_FAULTS=hold=<activity>), never set otherwise.
 */
import { ApplicationFailure } from '@temporalio/common';
import { PlanError } from '../errors.js';
import { holdIfInjected } from '../adapters/fault-injection.js';
import { withHeartbeats } from './activity-context.js';

/**
 * Turns the project's typed errors into ApplicationFailures with a stable `type`, so the
 * workflow's retry policy knows bad input from a tool hiccup. Anything else stays retryable.
 */
export function toFailure(err: unknown): unknown {
  if (err instanceof PlanError) {
    return ApplicationFailure.create({
      type: err.type,
      message: err.message,
      nonRetryable: !err.retryable,
      details: err.fix ? [{ fix: err.fix }] : undefined,
      cause: err.cause instanceof Error ? err.cause : undefined,
    });
  }
  return err;
}

export function asActivities<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    const run = async (...args: never[]): Promise<unknown> => {
      try {
        return await withHeartbeats(async () => {
          const result = await fn(...args);
          await holdIfInjected(name);
          return result;
        });
      } catch (err) {
        throw toFailure(err);
      }
    };
    // Keep the activity's registered name identical to the property name.
    Object.defineProperty(run, 'name', { value: name });
    wrapped[name] = run;
  }
  return wrapped as T;
}
