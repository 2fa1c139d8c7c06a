/**
 * The one place that owns CLI exit codes, `Error:` / `Fix:` lines and single-document `--json`.
 */

export const EXIT = {
  ok: 0,
  /** The input was read and judged: invalid plan, rejected, failed. */
  invalid: 1,
  /** Could not read or use the input at all (missing file, unreadable YAML, bad flags). */
  usage: 2,
  /** The service could not be reached or failed unexpectedly. */
  failure: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as `Error: <message>` plus an optional `Fix: <hint>`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.usage,
    readonly fix?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function printLines(lines: string | string[]): void {
  const text = Array.isArray(lines) ? lines.join('\n') : lines;
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

export function reportError(err: unknown, json: boolean): ExitCode {
  const cliErr =
    err instanceof CliError ? err : new CliError(err instanceof Error ? err.message : String(err), EXIT.failure);
  if (json) {
    printJson({ error: { message: cliErr.message, fix: cliErr.fix ?? null, exitCode: cliErr.exitCode } });
  } else {
    process.stderr.write(`Error: ${cliErr.message}\n`);
    if (cliErr.fix) process.stderr.write(`Fix: ${cliErr.fix}\n`);
  }
  return cliErr.exitCode;
}
