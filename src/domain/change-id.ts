/**
 * Change ids name the folder `openspec/changes/<id>/`, the workflow id and lock keys, so they must
 * be safe as a path segment and stable for the same request.
 *
 * Pure module.
 */
import { readRequest } from './request-text.js';

export const CHANGE_ID_MAX = 64;
export const CHANGE_ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface DeriveChangeIdOptions {
  /** Upper bound on the id length (default and maximum 64). */
  maxLength?: number;
}

/** Joins words with `-` while the result stays within `max`, never cutting a word in half. */
function joinWithin(parts: string[], max: number): string {
  let out = '';
  for (const p of parts) {
    const next = out === '' ? p : `${out}-${p}`;
    if (next.length > max) break;
    out = next;
  }
  // A single overlong word still has to produce something.
  return out === '' ? (parts[0] ?? '').slice(0, max) : out;
}

/**
 * `deriveChangeId("Support dark mode in the web UI", [])` -> `add-dark-mode-web-ui-support`.
 * Verb first; unknown verbs default to `add`; unique against `existingIds` with `-2`, `-3`, ...
 */
export function deriveChangeId(request: string, existingIds: Iterable<string> = [], opts: DeriveChangeIdOptions = {}): string {
  const max = Math.min(opts.maxLength ?? CHANGE_ID_MAX, CHANGE_ID_MAX);
  const reading = readRequest(request);
  const subject = reading.subject.filter((w) => w !== reading.verb && w !== reading.suffix);
  const tail = reading.suffix ? [reading.suffix] : [];
  const budget = max - reading.verb.length - tail.reduce((n, w) => n + w.length + 1, 0) - 1;
  const middle = subject.length > 0 && budget > 0 ? joinWithin(subject, budget) : '';
  // A request without usable words still needs a readable id.
  const base = [reading.verb, middle || (tail.length === 0 ? 'change' : ''), ...tail].filter((s) => s !== '').join('-');

  const taken = new Set(existingIds);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const trimmed = base.length + suffix.length > max ? base.slice(0, max - suffix.length).replace(/-+$/, '') : base;
    const candidate = `${trimmed}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export type ChangeIdCheck = { ok: true } | { ok: false; message: string; fix: string };

/** Explains exactly what is wrong with a user-supplied id. */
export function checkChangeId(id: string): ChangeIdCheck {
  const fail = (message: string, fix: string): ChangeIdCheck => ({ ok: false, message, fix });
  const kebab = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[-0-9]+|-+$/g, '');
  const suggestion = kebab === '' ? 'use e.g. add-my-feature' : `use ${JSON.stringify(kebab.slice(0, CHANGE_ID_MAX).replace(/-+$/, ''))}`;
  if (id.length === 0) return fail('change id is empty', 'use a kebab-case id such as add-user-login');
  if (id.length > CHANGE_ID_MAX) return fail(`change id is ${id.length} characters long; at most ${CHANGE_ID_MAX} are allowed`, suggestion);
  if (/[/\\]/.test(id) || id.includes('..')) return fail(`change id ${JSON.stringify(id)} contains a path separator or "..": it names one folder under openspec/changes/`, suggestion);
  if (/\s/.test(id)) return fail(`change id ${JSON.stringify(id)} contains whitespace`, suggestion);
  if (/[A-Z]/.test(id)) return fail(`change id ${JSON.stringify(id)} contains uppercase letters; ids are lowercase kebab-case`, suggestion);
  if (!/^[a-z]/.test(id)) return fail(`change id ${JSON.stringify(id)} must start with a lowercase letter`, suggestion);
  if (/--/.test(id) || id.endsWith('-')) return fail(`change id ${JSON.stringify(id)} has an empty segment (double or trailing "-")`, suggestion);
  if (!CHANGE_ID_PATTERN.test(id)) return fail(`change id ${JSON.stringify(id)} may contain only a-z, 0-9 and single hyphens`, suggestion);
  return { ok: true };
}
