/**
 * Turns zod issues into one-line messages of the form `<path>: expected ..., got ...`, naming the
 * exact field, so a person fixing a brief (or an agent fixing its draft) knows where to look.
 *
 * Pure module.
 */
import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted path with `[i]` indexes, e.g. `operations[0].method`; `(root)` for the top level. */
  path: string;
  message: string;
}

type Segment = PropertyKey;

export function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? '(root)' : out;
}

function valueAt(input: unknown, path: readonly Segment[]): unknown {
  let cur: unknown = input;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg as string];
  }
  return cur;
}

/** Short, stable description of a value for the `got ...` part. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (field missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `${JSON.stringify(shown)} (${value.length} chars)`;
  }
  return `${typeof value} ${String(value)}`;
}

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_small': {
      const unit = issue.origin === 'array' ? ' item(s)' : issue.origin === 'string' ? ' character(s)' : '';
      const cmp = issue.inclusive === false ? 'more than' : 'at least';
      // A custom message (e.g. "the Why section needs at least 50 characters") says more than the default.
      const custom = issue.message.startsWith('Too small') ? '' : ` (${issue.message})`;
      return `expected ${cmp} ${String(issue.minimum)}${unit}${custom}`;
    }
    case 'too_big': {
      const unit = issue.origin === 'array' ? ' item(s)' : issue.origin === 'string' ? ' character(s)' : '';
      return `expected at most ${String(issue.maximum)}${unit}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'invalid_format': {
      const custom = issue.message.startsWith('Invalid') ? '' : ` (${issue.message})`;
      const pattern = 'pattern' in issue && issue.pattern ? ` matching ${String(issue.pattern)}` : '';
      return `expected ${issue.format}${pattern}${custom}`;
    }
    default:
      return `expected ${issue.message}`;
  }
}

/** One issue per problem; unrecognized keys are reported on the offending key itself. */
export function formatZodIssues(error: z.ZodError, input: unknown): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        out.push({
          path: formatPath(path),
          message: `expected no such field (unknown key), got ${describeValue(valueAt(input, path))}`,
        });
      }
      continue;
    }
    if (issue.code === 'custom') {
      out.push({ path: formatPath(issue.path), message: issue.message });
      continue;
    }
    out.push({
      path: formatPath(issue.path),
      message: `${expectation(issue)}, got ${describeValue(valueAt(input, issue.path))}`,
    });
  }
  return out;
}

export function issueLines(issues: readonly FieldIssue[]): string[] {
  return issues.map((i) => `${i.path}: ${i.message}`);
}
