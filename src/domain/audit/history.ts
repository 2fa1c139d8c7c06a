/**
 * The JSON-plain shape of workflow history events the audit timeline reads. The service turns the
 * server's history (protobuf) into it: event type without its prefix, ISO times, the event's
 * attributes as plain JSON with every payload list decoded by the client's data converter
 * (`{payloads: [...]}` becomes the array of values), numbers for 64-bit ids. Pure module.
 */

export interface AuditEvent {
  /** Event id within its run. */
  id: number;
  /** When the server recorded the event (ISO). */
  time: string;
  /** Event type in PascalCase without prefix: `ActivityTaskScheduled`, `WorkflowExecutionUpdateAccepted`, ... */
  type: string;
  /**
   * The event's attributes (`activityTaskScheduledEventAttributes` for `ActivityTaskScheduled`)
   * as plain JSON: payload lists decoded to arrays of values, a single payload to its value,
   * durations in ms, timestamps (fields ending in `Time`) as ISO strings, enums as numbers.
   */
  attrs: Record<string, unknown>;
}

/** One run of one workflow. */
export interface AuditHistory {
  workflowId: string;
  /** The run's id; when absent, the run's started event gives it (`originalExecutionRunId`). */
  runId?: string;
  events: AuditEvent[];
}

/** Everything the audit reads for one plan. */
export interface AuditSource {
  /** The plan workflow's runs, in any order (continue-as-new chains them). */
  runs: AuditHistory[];
  /** The plan's dispatch (`<plan workflow id>/dispatch`), when it was dispatched. */
  dispatch?: AuditHistory;
  /** The dispatch's package children (`<dispatch id>/<package>`) whose histories could be read. */
  packages?: AuditHistory[];
}

/** `activityTaskScheduledEventAttributes` -> `ActivityTaskScheduled`. */
export function eventTypeOfAttributes(field: string): string {
  const base = field.replace(/EventAttributes$/, '');
  return base.charAt(0).toUpperCase() + base.slice(1);
}
