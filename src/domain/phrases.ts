/**
 * Phrase-level reading of a free-text request, shared by change ids and the rule-based author:
 * clauses ("add due dates to tasks: store ..., show ... and add ..."), the verb of each clause,
 * and its key noun phrase ("due dates to tasks" -> "task due dates").
 *
 * Deterministic and pure: small word lists, no language model.
 */
import { words } from './request-text.js';
import { onlySchedule } from './schedules.js';

/** Base forms of verbs that start a clause (a request's own action words). */
export const VERBS: ReadonlySet<string> = new Set([
  'convert', 'increase', 'reduce', 'raise', 'lower',
  'add', 'create', 'implement', 'introduce', 'build', 'provide', 'expose', 'store', 'persist', 'save', 'keep', 'track', 'remember',
  'record', 'emit', 'publish', 'send', 'notify', 'show', 'display', 'render', 'support', 'allow', 'enable', 'let',
  'update', 'change', 'modify', 'extend', 'make', 'rename', 'replace', 'switch', 'upgrade', 'improve', 'optimize',
  'optimise', 'speed', 'remove', 'delete', 'drop', 'deprecate', 'retire', 'fix', 'resolve', 'correct', 'repair',
  'refactor', 'restructure', 'extract', 'split', 'clean', 'simplify', 'document', 'describe', 'explain', 'migrate',
  'move', 'port', 'list', 'get', 'fetch', 'return', 'search', 'filter', 'sort', 'find', 'count', 'export', 'import',
  'archive', 'restore', 'mark', 'set', 'assign', 'schedule', 'sync', 'validate', 'check', 'reject', 'log', 'highlight',
  'include', 'write', 'read', 'edit', 'register', 'cache', 'limit', 'paginate', 'retry', 'warn', 'use', 'run', 'highlight',
  // Actions users ask for by name; words as often nouns (tag, label, comment, order, merge, lock,
  // audit, group) are left out, so "add tags and comment counts" stays one clause.
  'pin', 'unpin', 'star', 'unstar', 'favorite', 'favourite', 'bookmark', 'upload', 'download', 'stream', 'suggest',
  'recommend', 'subscribe', 'unsubscribe', 'follow', 'unfollow', 'invite', 'accept', 'decline', 'confirm', 'verify',
  'duplicate', 'clone', 'unlock', 'hide', 'unhide', 'reorder', 'rank', 'compress', 'encrypt', 'decrypt',
  'authenticate', 'authorize', 'authorise', 'reset', 'refresh', 'reload', 'throttle', 'print', 'translate',
  'localize', 'localise', 'unpublish', 'approve', 'deny', 'expire', 'snooze', 'remind', 'monitor', 'calculate',
  'compute', 'aggregate', 'summarize', 'summarise', 'cancel', 'reopen', 'unassign',
  'toggle', 'configure', 'customize', 'customise', 'undo', 'redo', 'generate', 'parse', 'embed', 'scan', 'detect',
  'attach', 'detach', 'share', 'echo', 'group', 'see', 'view', 'unblock', 'mute', 'unmute', 'dedupe', 'deduplicate',
]);

/**
 * Base form of a word that stands where a verb must be ("an endpoint that echoes ..."), known or
 * not: echoes -> echo, replies -> reply, mirrors -> mirror.
 */
export function presentBase(word: string): string {
  const w = word.toLowerCase();
  const known = verbBase(w);
  if (known) return known;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(?:ch|sh|x|ss|o)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && w.length > 3) return w.slice(0, -1);
  return w;
}

/** `lists` -> `list`, `shows` -> `show`, `fetches` -> `fetch`; undefined when not a known verb. */
export function verbBase(word: string): string | undefined {
  const w = word.toLowerCase();
  if (VERBS.has(w)) return w;
  if (w.endsWith('es') && VERBS.has(w.slice(0, -2))) return w.slice(0, -2);
  if (w.endsWith('s') && VERBS.has(w.slice(0, -1))) return w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) {
    const stem = w.slice(0, -3);
    for (const c of [stem, `${stem}e`, stem.slice(0, -1)]) if (VERBS.has(c)) return c;
  }
  return undefined;
}

export const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the', 'all', 'each', 'every', 'any', 'some', 'new', 'our', 'their', 'its', 'my', 'your', 'existing', 'current', 'very', 'really', 'more', 'better']);
/** Words after which a noun phrase is complete ("due date in the database" -> "due date"). */
export const BOUNDARY: ReadonlySet<string> = new Set([
  'in', 'on', 'into', 'onto', 'from', 'with', 'when', 'so', 'that', 'which', 'who', 'via', 'using', 'as', 'by', 'after',
  'before', 'every', 'per', 'under', 'inside', 'within', 'if', 'while', 'because', 'through', 'without', 'across', 'at', 'between',
  'than', 'instead', 'until', 'where', 'whose', 'and', 'or', 'but', 'then', 'is', 'are', 'be', 'should', 'can', 'must', 'over',
]);
/** Prepositions that attach the phrase to an owner: "due dates to tasks" -> "task due dates". */
export const OWNER: ReadonlySet<string> = new Set(['to', 'for', 'of']);
export const PRONOUNS = new Set(['it', 'them', 'this', 'these', 'that', 'those', 'they']);
/** Words that name a place in the system rather than a thing. */
export const PLACE_WORDS = new Set([
  'endpoint', 'endpoints', 'api', 'route', 'routes', 'page', 'screen', 'ui', 'web', 'frontend', 'backend', 'table',
  'database', 'db', 'support', 'feature', 'service', 'server', 'client', 'app', 'application', 'system',
]);
export function singular(word: string): string {
  if (word.length <= 3 || word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

export interface Clause {
  /** The clause as written (trimmed, no trailing punctuation). */
  text: string;
  /** Base form of its leading verb, if it has one. */
  verb?: string;
  /** Lowercase words after the verb. */
  object: string[];
}

const SPLIT_WORD = /^(?:and|then|also|plus)$/;

/**
 * Clauses of a request: split at `:` and `;` and sentence ends, and at `,` or `and` when a verb
 * follows ("store X, show Y and add Z"), never inside a list of nouns ("title, description and
 * due date").
 */
export function splitClauses(request: string): Clause[] {
  // "a priority (low, medium, high)": an aside is detail, not a clause or a name (routes stay).
  const text = request.replace(/\s*\([^()/]*\)/g, '').replace(/\s+/g, ' ').trim();
  const split = text.split(/\s*[:;]\s+|\s*[:;]$|(?<=[a-z0-9)`'"])[.!?]\s+(?=[A-Za-z])/i).filter((p) => /[A-Za-z0-9]/.test(p));
  // "Fix: the board crashes ...": a lone word before a colon introduces what follows.
  const parts: string[] = [];
  for (let i = 0; i < split.length; i++) {
    if (words(split[i]!).length <= 1 && i + 1 < split.length) {
      split[i + 1] = `${split[i]!.trim()} ${split[i + 1]!}`;
      continue;
    }
    parts.push(split[i]!);
  }
  const out: Clause[] = [];
  for (const part of parts) {
    // Tokens with their separators so the clause text keeps its own spelling.
    const tokens = part.split(/(\s*,\s*|\s+)/);
    let current: string[] = [];
    // The clause's words so far, kept as tokens arrive (re-reading the clause each time is quadratic).
    let sofar: string[] = [];
    const flush = () => {
      const t = current.join('').replace(/^[\s,]+|[\s,.!?]+$/g, '');
      if (/[A-Za-z0-9]/.test(t)) out.push(clauseOf(t));
      current = [];
      sofar = [];
    };
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const isSep = /^\s*,\s*$|^\s+$/.test(tok);
      if (isSep) {
        // Look ahead: [and|then|also] <verb> starts a new clause (after a comma or an "and").
        const comma = tok.includes(',');
        let j = i + 1;
        const next = () => words(tokens[j] ?? '')[0] ?? '';
        let connector = false;
        if (SPLIT_WORD.test(next())) {
          connector = true;
          j += 2;
        }
        // Imperative clauses use the base form ("and show"); "filters and exports" is a noun list.
        // "rejects POST, PUT and DELETE requests": methods in capitals are names, not verbs.
        const method = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test((tokens[j] ?? '').trim());
        const verb = VERBS.has(next()) && !method ? next() : undefined;
        // "endpoints to create, update and delete labels": verbs that share one object stay together.
        const dangling = sofar.length >= 2 && VERBS.has(sofar[sofar.length - 1]!) && (['to', 'can', 'and', 'or'].includes(sofar[sofar.length - 2]!) || VERBS.has(sofar[sofar.length - 2]!));
        if ((comma || connector) && verb !== undefined && current.length > 0 && sofar.length >= 2 && !dangling) {
          flush();
          i = j - 1;
          continue;
        }
      }
      current.push(tok);
      if (!isSep) for (const w of words(tok)) sofar.push(w);
    }
    flush();
  }
  // "When a resource is deleted, also delete its dependents": the condition belongs to the action.
  for (let k = 0; k + 1 < out.length; k++) {
    if (!/^(?:when|whenever|if|once|after|before)\s/i.test(out[k]!.text)) continue;
    const condition = out[k]!.text;
    out.splice(k, 2, clauseOf(`${out[k + 1]!.text} ${condition[0]!.toLowerCase()}${condition.slice(1)}`));
  }
  // "Every night, delete old sessions": the schedule says when the action beside it runs.
  for (let k = 0; k < out.length && out.length > 1; k++) {
    if (out[k]!.verb !== undefined || !onlySchedule(out[k]!.text)) continue;
    const when = out[k]!.text;
    const into = k + 1 < out.length ? k + 1 : k - 1;
    out.splice(Math.min(k, into), 2, clauseOf(`${out[into]!.text} ${when[0]!.toLowerCase()}${when.slice(1)}`));
    k--;
  }
  return out;
}

const ACTOR_WORDS = 'users?|admins?|administrators?|clients?|customers?|people|developers|operators|members|owners|managers|visitors|readers|we|i';
const MODAL = '(?:can|could|should|must|may|shall|will|want\\s+to|wants\\s+to|need\\s+to|needs\\s+to|would\\s+like\\s+to)';
const ACTOR_MODAL = new RegExp(`^(?:the\\s+|all\\s+)?(${ACTOR_WORDS})\\s+${MODAL}\\s+(?:be\\s+able\\s+to\\s+)?([A-Za-z]+)\\b(.*)$`, 'i');
const THING_DOES = new RegExp(`^(?:the\\s+|each\\s+|every\\s+|all\\s+|our\\s+)?([A-Za-z][A-Za-z ]*?)\\s+${MODAL}\\s+([A-Za-z]+)\\b(.*)$`, 'i');
/** Places on screen: "show X on the board" (anything else: "in the service"). */
const UI_PLACES = new Set(['board', 'card', 'cards', 'page', 'screen', 'view', 'dashboard', 'list', 'sidebar', 'header', 'footer', 'menu', 'form', 'dialog', 'modal', 'table', 'column', 'ui']);
const THING_HAS = new RegExp(`^(?:the\\s+|each\\s+|every\\s+|all\\s+)?([A-Za-z][A-Za-z ]*?)\\s+(?:${MODAL}\\s+(?:have|get|include|carry|contain|store|keep)|needs?|requires?)\\s+(.+)$`, 'i');

/**
 * A clause without a leading verb read as the instruction it states: "users can export tasks" ->
 * "let users export tasks"; "tasks should have a priority shown on the card" -> "add a priority
 * to tasks shown on the card". Any other text is returned as it is.
 */
export function imperative(text: string): string {
  // "rate limit clients to 100 requests per minute": one verb in two words.
  let t = text
    .trim()
    .replace(/^rate[- ]limit\b/i, 'throttle')
    // "add support for X" asks to support X.
    .replace(/^(?:add|implement|introduce|provide|build)\s+(?:basic\s+|full\s+|native\s+|first-class\s+)?support\s+(?:for|of)\s+/i, 'support ');
  // "As a project manager I want to see a burndown chart, so that ...": the want is the request.
  const story = /^as\s+an?\s+[a-z][a-z -]*?,?\s+(?:i|we)\s+(?:want|would\s+like|need|wish)\s+to\s+(.+?)(?:,?\s+so\s+that\s+.*)?$/i.exec(t);
  if (story) t = story[1]!;
  const first = words(t)[0] ?? '';
  if (verbBase(first) === first && first !== '') return t;
  const actor = ACTOR_MODAL.exec(t);
  if (actor && verbBase(actor[2]!) !== undefined) {
    const who = actor[1]!.toLowerCase();
    return who === 'we' || who === 'i' ? `${actor[2]!.toLowerCase()}${actor[3]!}` : `let ${who} ${actor[2]!.toLowerCase()}${actor[3]!}`;
  }
  const has = THING_HAS.exec(t);
  if (has) {
    const owner = words(has[1]!);
    if (owner.length >= 1 && owner.length <= 3 && owner.every((w) => verbBase(w) === undefined && !PRONOUNS.has(w))) {
      // The owner goes right after the thing it has: "a priority to tasks shown on the card".
      const rest = has[2]!.trim().split(/\s+/);
      let cut = rest.findIndex((w, i) => i > 0 && (BOUNDARY.has(w.toLowerCase()) || OWNER.has(w.toLowerCase()) || isParticiple(w.toLowerCase().replace(/[^a-z]/g, ''))));
      if (cut < 0) cut = rest.length;
      const tail = rest.slice(cut).join(' ');
      return `add ${rest.slice(0, cut).join(' ')} to ${has[1]!.trim()}${tail ? ` ${tail}` : ''}`;
    }
  }
  // "the board should highlight overdue tasks" -> "highlight overdue tasks on the board".
  const does = THING_DOES.exec(t);
  if (does && verbBase(does[2]!) !== undefined) {
    const owner = words(does[1]!);
    // "the shopping list should ...": a place on screen is a noun even when it is also a verb.
    if (owner.length >= 1 && owner.length <= 3 && owner.every((w) => (verbBase(w) === undefined || UI_PLACES.has(w)) && !PRONOUNS.has(w) && !BOUNDARY.has(w))) {
      const on = UI_PLACES.has(owner[owner.length - 1]!) ? 'on' : 'in';
      // The place goes before a condition: "send a reminder in the notification service when ...".
      const rest = does[3]!.replace(/[.!?]+$/, '');
      const cond = /\s(?:when|whenever|if|unless|so|because|after|before|while|once)\s/i.exec(rest);
      const cut = cond ? cond.index : rest.length;
      return `${does[2]!.toLowerCase()}${rest.slice(0, cut)} ${on} the ${does[1]!.trim()}${rest.slice(cut)}`;
    }
  }
  return t;
}

function clauseOf(raw: string): Clause {
  const text = imperative(raw);
  const ws = words(text);
  const verb = ws[0] !== undefined ? verbBase(ws[0]) : undefined;
  return { text, ...(verb ? { verb } : {}), object: verb ? ws.slice(1) : ws };
}

/**
 * The key noun phrase of a clause object, at most `max` words: articles dropped, cut at the first
 * preposition or relative word, and "X to|for|of Y" (Y one or two words) read as "Y X" with Y
 * singular: "the due date in the database" -> [due, date]; "due dates to tasks" -> [task, due, dates].
 */
const PARTICLES = new Set(['up', 'down', 'out', 'off', 'over', 'back']);
/** Verbs after which "to" names a target ("rename done to completed"). */
export const TARGET_VERBS = new Set(['rename', 'change', 'move', 'switch', 'convert', 'replace', 'migrate', 'update', 'upgrade', 'port', 'set', 'extend', 'increase', 'reduce', 'raise', 'lower']);
const WH = new Set(['how', 'what', 'why', 'where', 'when', 'which']);

export function nounPhrase(object: readonly string[], max = 4, opts: { targetTo?: boolean } = {}): string[] {
  // "speed up X", "clean out Y": the particle belongs to the verb.
  if (PARTICLES.has(object[0] ?? '')) return nounPhrase(object.slice(1), max, opts);
  // "how to write an author command" -> write author command; "how the worker runs" -> worker runs.
  // "how long each task spent in each column" -> task column time.
  if (object[0] === 'how' && object[1] === 'long') {
    const rest = object.slice(2).filter((w) => !ARTICLES.has(w));
    const thing = rest[0] && !VERBS.has(rest[0]) ? [singular(rest[0])] : [];
    const inAt = rest.indexOf('in');
    const place = inAt >= 0 && rest[inAt + 1] ? [singular(rest[inAt + 1]!)] : [];
    return [...thing, ...place, 'time'].slice(0, max);
  }
  if (WH.has(object[0] ?? '')) {
    if (object[1] === 'to' && verbBase(object[2] ?? '') !== undefined) return [verbBase(object[2]!)!, ...nounPhrase(object.slice(3), max - 1)].slice(0, max);
    return nounPhrase(object.slice(1), max);
  }
  const ws = object.filter((w, i) => !(ARTICLES.has(w) && (i === 0 || BOUNDARY.has(object[i - 1]!) || OWNER.has(object[i - 1]!) || ARTICLES.has(object[i - 1]!))));
  const head: string[] = [];
  let i = 0;
  for (; i < ws.length; i++) {
    const w = ws[i]!;
    // "comments on tasks": "on" names an owner when one plural noun ends the phrase.
    const onOwner = w === 'on' && head.length > 0 && ws[i + 1] !== undefined && isPlural([ws[i + 1]!]) && !VERBS.has(ws[i + 1]!) && (i + 2 >= ws.length || BOUNDARY.has(ws[i + 2]!) || isParticiple(ws[i + 2]!));
    if (BOUNDARY.has(w) && head.length > 0 && !onOwner) break;
    // "sessions older than 30 days": a comparison after a noun qualifies it.
    if (head.length > 0 && ws[i + 1] === 'than') break;
    // "plans waiting for approval": a participle after a plural noun starts a qualifier.
    if (head.length > 0 && w.length > 5 && w.endsWith('ing') && isPlural([head[head.length - 1]!])) break;
    // "a priority shown on the card": a past participle starts a qualifier.
    if (head.length > 0 && isParticiple(w)) break;
    // "rename X to Y": after verbs of change, "to" names the target, not an owner.
    if (w === 'to' && opts.targetTo && head.length > 0) break;
    if ((OWNER.has(w) || onOwner) && head.length > 0) {
      const rest: string[] = [];
      for (let j = i + 1; j < ws.length && !BOUNDARY.has(ws[j]!) && !OWNER.has(ws[j]!) && !isParticiple(ws[j]!); j++) rest.push(ws[j]!);
      const owner = rest.filter((x) => !ARTICLES.has(x));
      if (owner.length >= 1 && owner.length <= 2 && owner.length + head.length <= max && owner.every((x) => !VERBS.has(x) && !PRONOUNS.has(x) && !/^\d+$/.test(x))) {
        owner[owner.length - 1] = singular(owner[owner.length - 1]!);
        return dedupe([...owner, ...head]).slice(0, max);
      }
      break;
    }
    if (BOUNDARY.has(w) || OWNER.has(w)) continue;
    head.push(w);
  }
  return dedupe(head).slice(0, max);
}

const IRREGULAR_PARTICIPLES = new Set(['shown', 'seen', 'hidden', 'written', 'given', 'made', 'kept', 'sent', 'sold', 'built', 'based', 'grouped', 'sorted', 'ordered']);
/** "shown", "stored", "displayed": a past participle of a known verb (or a common irregular one). */
export function isParticiple(w: string): boolean {
  if (IRREGULAR_PARTICIPLES.has(w)) return true;
  if (!w.endsWith('ed') || w.length < 5) return false;
  const stem = w.slice(0, -2);
  return [stem, `${stem}e`, stem.slice(0, -1), w.endsWith('ied') ? `${w.slice(0, -3)}y` : ''].some((c) => c !== '' && VERBS.has(c));
}

/**
 * Coordinated verbs from `start`: "create, update and delete labels" -> verbs [create, update,
 * delete], `end` at "labels". Commas are gone after `words`; "and"/"or" join the verbs.
 */
export function verbChain(ws: readonly string[], start: number): { verbs: string[]; end: number } {
  const verbs: string[] = [];
  let i = start;
  while (i < ws.length) {
    const v = verbBase(ws[i]!);
    if (v === undefined || (verbs.length > 0 && ws[i] !== v)) break;
    verbs.push(v);
    i++;
    // A verb is part of the chain only when another verb or a connector follows it.
    if ((ws[i] === 'and' || ws[i] === 'or') && verbBase(ws[i + 1] ?? '') === ws[i + 1]) i++;
    else if (!(verbBase(ws[i] ?? '') === ws[i] && isChainable(ws, i))) break;
  }
  return { verbs: dedupe(verbs), end: i };
}

/** "create, update and delete labels": the word at `i` is one more verb of the chain (a verb follows later). */
function isChainable(ws: readonly string[], i: number): boolean {
  for (let j = i; j < ws.length; j++) {
    if (ws[j] === 'and' || ws[j] === 'or') return verbBase(ws[j + 1] ?? '') === ws[j + 1];
    if (verbBase(ws[j]!) !== ws[j]) return false;
  }
  return false;
}

function dedupe(ws: string[]): string[] {
  return ws.filter((w, i) => ws.indexOf(w) === i);
}

/**
 * "a CLI command that lists the plans" / "an endpoint to archive tasks": a short thing defined by
 * what it does. Returns the action (base form) and its object, or undefined.
 */
/** Things defined by what they do ("a command that ..."). */
const ARTIFACTS = new Set([
  'command', 'commands', 'flag', 'option', 'button', 'job', 'tool', 'script', 'hook', 'webhook', 'worker', 'view', 'form', 'dialog',
  'menu', 'widget', 'cli', 'task', 'check', 'report', 'setting', 'method', 'function', 'helper', 'way', 'mechanism', 'ability',
  'handler', 'middleware', 'parameter', 'param', 'link', 'shortcut',
]);

/**
 * The verb after "to|that|which|for" at `i`: a known one, or an unknown one where only a verb can
 * stand ("that binds ...", "to bind a ...").
 */
function purposeVerb(object: readonly string[], i: number): string | undefined {
  const w = object[i + 1] ?? '';
  const known = verbBase(w);
  if (known) return known;
  if (!/^[a-z]{3,}$/.test(w) || ARTICLES.has(w) || BOUNDARY.has(w)) return undefined;
  const after = object[i + 2] ?? '';
  const objectFollows = ARTICLES.has(after) || PRONOUNS.has(after);
  if ((object[i] === 'that' || object[i] === 'which') && w.endsWith('s') && !w.endsWith('ss') && objectFollows) return presentBase(w);
  return object[i] === 'to' && objectFollows ? w : undefined;
}

export function purposeOf(object: readonly string[], max = 3): { thing: string[]; action: string; actions: string[]; what: string[] } | undefined {
  const thing = nounPhrase(object, 3);
  if (thing.length === 0 || thing.length > 2 || !(PLACE_WORDS.has(thing[thing.length - 1]!) || ARTIFACTS.has(thing[thing.length - 1]!))) return undefined;
  const at = object.findIndex((w, i) => i > 0 && (w === 'to' || w === 'that' || w === 'which' || w === 'for') && purposeVerb(object, i) !== undefined);
  if (at < 0 || at > thing.length + 2) return undefined;
  const chain = verbChain(object, at + 1);
  const action = chain.verbs[0] ?? purposeVerb(object, at)!;
  // "binds a body to a struct": "to" is where the action goes; "adds labels to tasks" names an owner.
  const what = nounPhrase(object.slice(Math.max(chain.end, at + 2)), max, { targetTo: !['add', 'create', 'attach', 'assign', 'link'].includes(action) });
  return what.length > 0 ? { thing, action, actions: chain.verbs.length > 0 ? chain.verbs : [action], what } : undefined;
}

export function isPlural(ws: readonly string[]): boolean {
  const last = ws[ws.length - 1] ?? '';
  return last.length > 3 && last.endsWith('s') && !/(ss|us|is)$/.test(last);
}

/** Words after a place preposition: "show it on the web board" -> [web, board]. */
export function placeOf(object: readonly string[]): string[] {
  const on = object.findIndex((w) => w === 'on' || w === 'in');
  const i = on >= 0 ? on : object.indexOf('to');
  if (i < 0) return [];
  return nounPhrase(object.slice(i + 1), 3);
}

/** Content words compared after singular form (for "does this clause talk about the same thing"). */
export function stems(ws: readonly string[]): Set<string> {
  return new Set(ws.filter((w) => !ARTICLES.has(w) && !BOUNDARY.has(w) && !OWNER.has(w) && !PLACE_WORDS.has(w)).map(singular));
}
