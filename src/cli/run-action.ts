import { PlanError } from '../errors.js';
import { CliError, EXIT, reportError } from './output.js';

/** Wraps a command action: typed errors become `Error:`/`Fix:` lines (or JSON) and an exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>) {
  return async (...args: A): Promise<void> => {
    const opts = args.find((a) => a && typeof a === 'object' && !Array.isArray(a) && 'json' in (a as object)) as
      | { json?: boolean }
      | undefined;
    try {
      const code = await fn(...args);
      process.exitCode = code ?? EXIT.ok;
    } catch (err) {
      const cliErr =
        err instanceof PlanError
          ? new CliError(err.message, err.type === 'BadInput' ? EXIT.usage : err.type === 'InvalidPlan' ? EXIT.invalid : EXIT.failure, err.fix)
          : err;
      process.exitCode = reportError(cliErr, Boolean(opts?.json));
    }
  };
}
