/**
 * What every contract-checking adapter returns when its tool ran: a verdict plus readable
 * messages. A tool that could not run at all throws a PlanError instead (see src/errors.ts),
 * so "the contract is wrong" and "the tool is broken" never look alike.
 */
export interface CheckOutcome {
  passed: boolean;
  messages: string[];
}

export const pass = (...messages: string[]): CheckOutcome => ({ passed: true, messages });
export const fail = (...messages: string[]): CheckOutcome => ({ passed: false, messages });

/** Non-empty trimmed lines of tool output, capped so one broken file cannot flood a report. */
export function outputLines(text: string, max = 40): string[] {
  const lines = text.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  return lines.length > max ? [...lines.slice(0, max), `... ${lines.length - max} more lines`] : lines;
}
