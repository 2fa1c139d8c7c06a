import { ApplicationFailure } from '@temporalio/common';
import { PlanError } from '../errors.js';

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

export function classifyFailures<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    const run = async (...args: never[]): Promise<unknown> => {
      try {
        return await fn(...args);
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
