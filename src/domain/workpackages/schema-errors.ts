/**
 * Schema check: turns zod issues into the format's `<dotted.path>: <message>` lines.
 *
 * Messages are written here rather than taken from zod so they stay stable across zod versions
 * and read well for plan authors (a missing key says "required", an unknown key is reported at
 * its own path so `id` instead of `package_id` points at `packages.0.id`).
 */
import type { z } from 'zod';
import { WorkPackagesSchema } from './schema.js';
import { isRecord } from './util.js';

type Issue = z.ZodError['issues'][number];
type PathKey = PropertyKey;

/** Keys that would make a dotted path ambiguous (empty, spaces, dots, colons) are quoted. */
const pathSegment = (key: PathKey): string => {
  const text = String(key);
  return /^[^\s.:"]+$/.test(text) ? text : JSON.stringify(text);
};

/** `packages.0.package_id`; the document itself is `(root)`. */
export function dottedPath(path: readonly PathKey[]): string {
  return path.length === 0 ? '(root)' : path.map(pathSegment).join('.');
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return 'a bare YAML timestamp, which YAML 1.1 readers such as PyYAML load as a date (quote it)';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isInteger(value)) return `number ${value}`;
  return typeof value;
}

/** Arrays count as containers here: paths index into them too. */
const isContainer = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The parent container and the last key of `path` inside `doc`, if the parent exists. */
function lookup(doc: unknown, path: readonly PathKey[]): { parent: unknown; present: boolean; value: unknown } {
  let parent: unknown = undefined;
  let current: unknown = doc;
  for (const key of path) {
    parent = current;
    if (!isContainer(current) || typeof key === 'symbol' || !Object.hasOwn(current, key)) {
      return { parent, present: false, value: undefined };
    }
    current = (current as Record<string, unknown>)[key as string];
  }
  return { parent, present: true, value: current };
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text !== undefined && text.length > 80 ? text.slice(0, 77) + '...' : text}'`;
}

function sizeMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const atLeast = issue.code === 'too_small';
  switch (issue.origin) {
    case 'string':
      return `must be ${atLeast ? 'at least' : 'at most'} ${bound} character${bound === 1 ? '' : 's'} long`;
    case 'array':
      return `must have ${atLeast ? 'at least' : 'at most'} ${bound} item${bound === 1 ? '' : 's'}`;
    default: {
      const op = atLeast ? (issue.inclusive === false ? '>' : '>=') : issue.inclusive === false ? '<' : '<=';
      return `must be ${op} ${bound}`;
    }
  }
}

const EXPECTED_NAMES: Record<string, string> = { int: 'integer', record: 'object' };

/** zod shows a regex as `/source/flags`; the format doc writes just the source. */
const patternSource = (pattern: string | undefined): string => pattern?.replace(/^\/(.*)\/[a-z]*$/s, '$1') ?? '';

function messageFor(issue: Issue, doc: unknown): string {
  if (issue.code === 'custom') return issue.message;
  const found = lookup(doc, issue.path);
  if (!found.present && isRecord(found.parent)) return 'required';
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${EXPECTED_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(found.value)}`;
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue);
    case 'invalid_format':
      if (issue.format === 'regex') return `${quote(issue.input)} does not match pattern ${patternSource(issue.pattern)}`;
      if (issue.format === 'datetime') return `${quote(issue.input)} is not an RFC 3339 date-time`;
      return `${quote(issue.input)} is not a valid ${issue.format}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}, got ${quote(issue.input)}`
        : `must be one of ${issue.values.map((v) => String(v)).join('|')}, got ${quote(issue.input)}`;
    case 'invalid_key':
      return `key ${quote(issue.input)} is not allowed here`;
    default:
      return issue.message;
  }
}

/** One line per violation; unknown keys get one line each at their own path. */
export function formatSchemaIssues(issues: readonly Issue[], doc: unknown): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`${dottedPath([...issue.path, key])}: unknown key (not allowed here)`);
    } else if (issue.code === 'invalid_key') {
      // zod reports a bad record key at the record; put it at the key itself like other paths.
      lines.push(`${dottedPath([...issue.path, String(issue.input)])}: ${messageFor(issue, doc)}`);
    } else {
      lines.push(`${dottedPath(issue.path)}: ${messageFor(issue, doc)}`);
    }
  }
  return lines;
}

/** Runs the schema check. Never throws, whatever `doc` is. */
export function schemaErrors(doc: unknown): string[] {
  const result = WorkPackagesSchema.safeParse(doc, { reportInput: true });
  return result.success ? [] : formatSchemaIssues(result.error.issues, doc);
}
