/**
 * The few error classes of the project. Each carries a stable `type` so that, across the
 * workflow sandbox, failures are matched on `ApplicationFailure.type`, never on `instanceof`.
 */

export const ErrorType = {
  /** The user's input is wrong: bad flags, missing repository, invalid brief. Never retried. */
  BadInput: 'BadInput',
  /** A generated plan fails its checks after the allowed attempts. Never retried. */
  InvalidPlan: 'InvalidPlan',
  /** A required external tool is missing or cannot run. Never retried. */
  ToolMissing: 'ToolMissing',
  /** An external tool ran and failed in a way worth retrying (crash, timeout). */
  ToolFailed: 'ToolFailed',
} as const;
export type ErrorTypeName = (typeof ErrorType)[keyof typeof ErrorType];

export class PlanError extends Error {
  constructor(
    readonly type: ErrorTypeName,
    message: string,
    readonly fix?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = type;
  }

  get retryable(): boolean {
    return this.type === ErrorType.ToolFailed;
  }
}

export const badInput = (message: string, fix?: string): PlanError => new PlanError(ErrorType.BadInput, message, fix);
export const toolMissing = (message: string, fix?: string): PlanError =>
  new PlanError(ErrorType.ToolMissing, message, fix);
export const toolFailed = (message: string, cause?: unknown): PlanError =>
  new PlanError(ErrorType.ToolFailed, message, undefined, { cause });
export const invalidPlan = (message: string, fix?: string): PlanError =>
  new PlanError(ErrorType.InvalidPlan, message, fix);

/**
 * An approval refused because other changes conflict with the plan (lock claims, unarchived
 * changes on disk, spec requirements): approving with acknowledgeConflicts takes it. Bad input
 * for exit codes; its own class so a prompt can offer the acknowledgement.
 */
export class UnacknowledgedConflicts extends PlanError {
  constructor(message: string) {
    super(ErrorType.BadInput, message, 'approve with --acknowledge-conflicts to approve anyway (recorded in handoff.json), or land and archive the other changes first');
  }
}
