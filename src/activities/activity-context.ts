/**
 * The running activity's heartbeat and cancellation signal, or no-ops when the same code is
 * called directly (CLI, benchmarks, tests) outside an activity.
 */
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

/**
 * Heartbeats every `intervalMs` while `fn` runs, so a long external tool keeps the activity alive
 * and a dead worker is still noticed within the heartbeat timeout.
 */
export async function withHeartbeats<T>(fn: () => Promise<T>, details?: () => unknown, intervalMs = 5_000): Promise<T> {
  activityHeartbeat(details?.());
  const timer = setInterval(() => activityHeartbeat(details?.()), intervalMs);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}
