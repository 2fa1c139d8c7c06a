/**
 * The JSON document an external agent receives on stdin. Everything it needs to answer is in it:
 * the task, the inputs, the exact JSON Schema of the answer and the errors of its last answer.
 *
 * Pure module.
 */
import { planDraftJsonSchema } from '../draft.js';
import type { AuthorInput } from './input.js';

export interface AgentPrompt {
  instructions: string;
  attempt: number;
  maxAttempts: number;
  changeId: string;
  revision: number;
  request: string;
  brief: unknown;
  feedback: string[];
  context: AuthorInput['context'];
  existingRequirements: AuthorInput['existingRequirements'];
  repository: AuthorInput['repository'] | null;
  draftJsonSchema: Record<string, unknown>;
  previousErrors: string[];
}

export const AGENT_INSTRUCTIONS = [
  'You write an OpenSpec change plan. Answer with ONE JSON object on stdout that matches draftJsonSchema; nothing else.',
  'Use changeId exactly as given. Requirement text contains SHALL or MUST; every requirement has at least one scenario.',
  'A MODIFIED requirement repeats the exact existing header and its full new text, keeping existing scenarios (see existingRequirements).',
  'Tasks cite scenarios as "<capability>/<requirement>/<scenario>" and decisions by id (D1, D2, ...); every scenario is cited by a task.',
  'Use boundaries and files from context (boundaries, impact, topFiles); do not invent paths. Tests come before code in each boundary.',
  'repository is what the code already has: entities with their fields, routes with their handlers, API conventions, migration and test layouts, and the impacted files with reasons.',
  'Change what exists instead of re-adding it: an existing route keeps its method and path; an existing entity keeps its fields; a new migration is a new file named like repository.migrations[].next; existing migrations are never edited.',
  'New operations follow repository.conventions (path prefix, plural or singular resources, id style, error shape, pagination); new tests go where repository.tests[].collects says a runner collects them.',
  'When feedback is present, address each comment visibly (a decision and a task). When previousErrors is present, fix every error listed.',
].join('\n');

export function buildAgentPrompt(input: AuthorInput, attempt: number, maxAttempts: number, previousErrors: readonly string[]): AgentPrompt {
  return {
    instructions: AGENT_INSTRUCTIONS,
    attempt,
    maxAttempts,
    changeId: input.changeId,
    revision: input.revision,
    request: input.request,
    brief: input.brief ?? null,
    feedback: input.feedback ?? [],
    context: input.context,
    existingRequirements: input.existingRequirements ?? [],
    repository: input.repository ?? null,
    draftJsonSchema: planDraftJsonSchema(),
    previousErrors: [...previousErrors],
  };
}

/**
 * The JSON value in an agent's answer: the whole output, else a fenced ```json block, else the
 * outermost `{...}`. Agents often wrap JSON in prose; the schema check still decides.
 */
export function extractJson(stdout: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = stdout.trim();
  const candidates = [text];
  const fence = /```(?:json)?\s*\n([\s\S]*?)\n```/.exec(text);
  if (fence) candidates.push(fence[1]!);
  const first = text.indexOf('{');
  const last = text.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(text.slice(first, last + 1));
  for (const c of candidates) {
    try {
      return { ok: true, value: JSON.parse(c) as unknown };
    } catch {
      // try the next candidate
    }
  }
  const shown = text.length > 200 ? `${text.slice(0, 200)}...` : text;
  return { ok: false, message: `(root): expected one JSON object on stdout, got ${text === '' ? 'empty output' : JSON.stringify(shown)}` };
}
