/**
 * An author that runs any agent CLI: the prompt as JSON on stdin, a PlanDraft as JSON on stdout.
 * The answer is never trusted: it is checked with zod and the draft's cross-references, and an
 * invalid answer is retried with the errors as feedback, up to `maxAttempts`.
 *
 * Failures: an unrunnable command is ToolMissing; a crash, non-zero exit or timeout is ToolFailed
 * (retryable by the activity); still invalid after the last attempt is InvalidPlan (not retried).
 */
import { injectFault } from '../adapters/fault-injection.js';
import { execa } from 'execa';
import { splitCommand } from '../domain/author/argv.js';
import { checkDraft } from '../domain/author/draft-check.js';
import { buildAgentPrompt, extractJson } from '../domain/author/prompt.js';
import { badInput, invalidPlan, toolFailed, toolMissing } from '../errors.js';
import { withExistingRequirements } from './existing-specs.js';
import type { AuthorInput, PlanAuthor } from './port.js';

export interface ExternalCommandOptions {
  /** A command string (split safely, no shell) or an argv array. */
  command: string | readonly string[];
  /** Per attempt; default 120 s. */
  timeoutMs?: number;
  /** Total attempts including the first; default 3. */
  maxAttempts?: number;
  cwd?: string;
  env?: Record<string, string>;
  signal?: AbortSignal;
}

export const DEFAULT_AGENT_TIMEOUT_MS = 120_000;
export const DEFAULT_AGENT_ATTEMPTS = 3;
const STDERR_TAIL = 2000;

function tail(text: string): string {
  const t = text.trim();
  return t.length > STDERR_TAIL ? `...${t.slice(-STDERR_TAIL)}` : t;
}

export function resolveArgv(command: string | readonly string[]): string[] {
  if (typeof command !== 'string') {
    if (command.length === 0) throw badInput('author command is empty', 'pass e.g. --author-command "my-agent --json"');
    return [...command];
  }
  const split = splitCommand(command);
  if (!split.ok) throw badInput(`cannot read --author-command: ${split.message}`, 'quote arguments with spaces; no shell syntax is interpreted');
  return split.argv;
}

export function createExternalCommandAuthor(opts: ExternalCommandOptions): PlanAuthor {
  const [file, ...args] = resolveArgv(opts.command);
  const timeout = opts.timeoutMs ?? DEFAULT_AGENT_TIMEOUT_MS;
  const maxAttempts = Math.max(1, opts.maxAttempts ?? DEFAULT_AGENT_ATTEMPTS);
  const label = [file, ...args].join(' ');

  async function runOnce(input: AuthorInput, attempt: number, previousErrors: string[]): Promise<{ stdout: string; stderr: string }> {
    const prompt = buildAgentPrompt(input, attempt, maxAttempts, previousErrors);
    injectFault('author', `the agent command ${label}`);
    const result = await execa(file!, args, {
      input: JSON.stringify(prompt),
      reject: false,
      timeout,
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
      ...(opts.env ? { env: opts.env } : {}),
      ...(opts.signal ? { cancelSignal: opts.signal } : {}),
      maxBuffer: 32 * 1024 * 1024,
      stripFinalNewline: false,
    });
    const stderr = String(result.stderr ?? '');
    if (result.isCanceled) throw toolFailed(`author command \`${label}\` was cancelled`);
    if (result.timedOut) {
      throw toolFailed(`author command \`${label}\` timed out after ${timeout} ms (attempt ${attempt}/${maxAttempts})${stderr.trim() ? `; stderr: ${tail(stderr)}` : ''}`);
    }
    const code = (result.cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'EACCES') {
      throw toolMissing(`author command \`${file}\` cannot be run (${code})`, 'check --author-command: the program must exist and be executable');
    }
    if (result.exitCode !== 0) {
      throw toolFailed(`author command \`${label}\` exited with ${result.exitCode ?? result.signal ?? 'an error'} (attempt ${attempt}/${maxAttempts}); stderr: ${tail(stderr) || 'empty'}`);
    }
    return { stdout: String(result.stdout ?? ''), stderr };
  }

  return {
    name: `external:${file}`,
    async draft(request: AuthorInput) {
      // The agent sees the current text of specs it may modify, as the rule-based author does.
      const input = await withExistingRequirements(request);
      let errors: string[] = [];
      let lastStderr = '';
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const { stdout, stderr } = await runOnce(input, attempt, errors);
        lastStderr = stderr;
        const json = extractJson(stdout);
        if (!json.ok) {
          errors = [json.message];
          continue;
        }
        const checked = checkDraft(json.value, { changeId: input.changeId });
        if (checked.ok) return checked.draft;
        errors = checked.errors;
      }
      const shown = errors.slice(0, 20);
      const more = errors.length > shown.length ? `\n(${errors.length - shown.length} more)` : '';
      throw invalidPlan(
        `author command \`${label}\` gave no valid plan draft in ${maxAttempts} attempt(s); last errors:\n${shown.join('\n')}${more}${lastStderr.trim() ? `\nstderr: ${tail(lastStderr)}` : ''}`,
        'fix the agent so it answers with JSON matching the draft schema, or use the rule-based author',
      );
    },
  };
}
