/**
 * Change ids name the folder `openspec/changes/<id>/`, the workflow id and lock keys, so they must
 * be safe as a path segment and stable for the same request.
 *
 * Pure module.
 */
import { verbBase, imperative, nounPhrase, purposeOf, singular as singularOf, splitClauses, TARGET_VERBS } from './phrases.js';
import { actionPhrase, notificationPhrase, withoutBugWords } from './naming.js';
import { readRequest, words, type RequestReading } from './request-text.js';

/** Words in an id at most: the verb and the key object ("add-task-due-dates"). */
export const CHANGE_ID_WORDS = 5;

const SEEING = new Set(['see', 'view', 'show', 'display']);

/** Who a request is for ("allow users to ..."): not part of what changes. */
const ACTORS = new Set(['user', 'users', 'people', 'admin', 'admins', 'administrator', 'administrators', 'client', 'clients', 'customer', 'customers', 'me', 'us', 'them', 'developers', 'operators']);

/**
 * The key object of the request's first clause: "add due dates to tasks: store ..." -> task due
 * dates; "Fix crash when the title is empty" keeps its condition (crash when title empty).
 */
function keyObject(request: string, reading: RequestReading, max: number): string[] {
  // A spelled-out route reads as its resource words: "POST /api/tasks/{id}/archive" -> tasks archive.
  const plain = request.replace(/\b(?:GET|POST|PUT|PATCH|DELETE)\s+(\/[A-Za-z0-9_\-/{}.]*)/g, (_m, path: string) =>
    path.split('/').filter((s) => s !== '' && !s.startsWith('{') && !/^(api|rest|v\d+)$/i.test(s)).join(' '),
  );
  const head = splitClauses(plain)[0];
  if (!head) return [];
  let object = reading.explicitVerb ? head.object : words(head.text);
  const first = verbBase(words(head.text)[0] ?? '');
  // "(I want to) see a burndown chart": what is seen names the change, not the seeing.
  const seeing = !reading.explicitVerb && first !== undefined && SEEING.has(first);
  if (seeing) object = object.slice(1);
  if (reading.suffix && ACTORS.has(object[0] ?? '')) object = object.slice(object[1] === 'to' ? 2 : 1);
  // "let users filter the board": the thing is what the action works on (board-filtering).
  // An action verb the id's verbs do not cover ("pin important tasks") names the change by the
  // action: add-important-task-pinning.
  const acting = reading.suffix ? actionPhrase(object, max) : !reading.explicitVerb && first && !seeing ? actionPhrase(words(head.text), max) : undefined;
  if (acting) return acting;
  const meaningful = (ws: string[]) => ws.filter((w) => w !== reading.verb && w !== reading.suffix);
  if (reading.verb === 'fix') return meaningful(withoutBugWords(object).filter((w) => reading.subject.includes(w))).slice(0, max);
  const np = meaningful(nounPhrase(object, max, { targetTo: TARGET_VERBS.has(reading.word) }));
  const notice = notificationPhrase(reading.explicitVerb ? reading.word : (verbBase(reading.word) ?? ''), object, np);
  if (notice) return notice.slice(0, max);
  // "an endpoint to archive tasks", "a command that lists plans": name what it does.
  const purpose = purposeOf(object);
  // Several actions ("endpoints to create, update and delete labels") name the thing: label-endpoints.
  if (purpose && purpose.actions.length > 1) return meaningful([...purpose.what.slice(0, max - 2).map((w, i, a) => (i === a.length - 1 ? singularOf(w) : w)), purpose.thing[purpose.thing.length - 1]!]);
  if (purpose) return meaningful([purpose.action, ...purpose.what.slice(0, max - 2), purpose.thing[purpose.thing.length - 1]!]);
  return np.length > 0 ? np : meaningful(object).slice(0, max);
}

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
 * `deriveChangeId("Support dark mode in the web UI", [])` -> `add-dark-mode-support`.
 * Verb first, then the key object of the first clause (at most CHANGE_ID_WORDS words in all); unknown verbs default to `add`; unique against `existingIds` with `-2`, `-3`, ...
 */
export function deriveChangeId(request: string, existingIds: Iterable<string> = [], opts: DeriveChangeIdOptions = {}): string {
  const max = Math.min(opts.maxLength ?? CHANGE_ID_MAX, CHANGE_ID_MAX);
  const reading = readRequest(imperative(request));
  const maxWords = CHANGE_ID_WORDS - 1 - (reading.suffix ? 1 : 0);
  const key = keyObject(request, reading, maxWords);
  const subject = key.length > 0 ? key : reading.subject.filter((w) => w !== reading.verb && w !== reading.suffix).slice(0, maxWords);
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
