/**
 * The running activity's heartbeat and cancellation signal, or no-ops when the same code is
 * called directly (CLI, benchmarks, tests) outside an activity.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Context } from '@temporalio/activity';

export function activitySignal(): AbortSignal | undefined {
  try {
    return Context.current().cancellationSignal;
  } catch {
    return undefined;
  }
}

export function activityHeartbeat(details?: unknown): void {
  try {
    Context.current().heartbeat(details);
  } catch {
    // not inside an activity: nothing to report to
  }
}

/** The heartbeat loop of the running activity: what its heartbeats report. */
const loop = new AsyncLocalStorage<{ details?: () => unknown }>();

/**
 * Heartbeats every `intervalMs` while `fn` runs, so a long external tool keeps the activity alive
 * and a dead worker is still noticed within the heartbeat timeout. Every activity runs inside one
 * (activity-wrapper.ts); a call nested in it adds no second timer but makes the running loop
 * report `details` until `fn` ends.
 */
export async function withHeartbeats<T>(fn: () => Promise<T>, details?: () => unknown, intervalMs = 5_000): Promise<T> {
  const running = loop.getStore();
  if (running) {
    const before = running.details;
    running.details = details ?? before;
    activityHeartbeat(running.details?.());
    try {
      return await fn();
    } finally {
      running.details = before;
    }
  }
  const state: { details?: () => unknown } = details ? { details } : {};
  activityHeartbeat(state.details?.());
  const timer = setInterval(() => activityHeartbeat(state.details?.()), intervalMs);
  try {
    return await loop.run(state, fn);
  } finally {
    clearInterval(timer);
  }
}
