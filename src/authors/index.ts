import type { AuthorSpec } from '../shared/plan-types.js';
import { createExternalCommandAuthor } from './external-command.js';
import type { PlanAuthor } from './port.js';
import { createRuleBasedAuthor } from './rule-based.js';

export type { PlanAuthor } from './port.js';

/** The author a plan asked for: the offline rule-based one, or an external agent command. */
export function authorFor(spec: AuthorSpec, opts: { cwd?: string; signal?: AbortSignal } = {}): PlanAuthor {
  if (spec.kind === 'command') {
    return createExternalCommandAuthor({
      command: spec.command,
      timeoutMs: spec.timeoutMs,
      maxAttempts: spec.maxAttempts,
      cwd: opts.cwd,
      signal: opts.signal,
    });
  }
  return createRuleBasedAuthor();
}
