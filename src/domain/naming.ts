/**
 * Names from phrases: title case, the noun for an action ("export tasks" -> task export), and
 * what names notifications (their event) and fixes (what goes wrong). Shared by change ids, the
 * rule-based author and operation names.
 *
 * Deterministic and pure: small word lists, no language model.
 */
import { ARTICLES, BOUNDARY, nounPhrase, OWNER, PRONOUNS, singular, VERBS, verbBase } from './phrases.js';

const ACRONYMS = new Set([
  'api', 'ui', 'csv', 'json', 'url', 'id', 'sql', 'http', 'jwt', 'sso', 'pdf', 'cli', 'db', 'ux', 'html', 'css', 'xml', 'yaml', 'rest', 'ci',
  'sdk', 'oauth', 'oauth2', 'ids', 'uuid', 'toml', 'yml', 'grpc', 'sse', 'tls', 'ssl', 'ip', 'dns', 'sms', 'otp', 'mfa', '2fa', 's3', 'aws',
  'gcp', 'iam', 'ldap', 'saml', 'oidc', 'cdn', 'gpu', 'cpu', 'io', 'urls', 'apis', 'http2', 'http3', 'tcp', 'udp', 'smtp', 'ssh', 'rss', 'svg',
]);


export function titleWord(word: string): string {
  if (ACRONYMS.has(word)) return word.toUpperCase();
  return word.length === 0 ? word : word[0]!.toUpperCase() + word.slice(1);
}

export function titleCase(ws: readonly string[]): string {
  return ws.map(titleWord).join(' ');
}

/** Gerund of a verb: list -> listing, archive -> archiving, set -> setting. */
export function gerund(verb: string): string {
  if (verb.endsWith('ie')) return `${verb.slice(0, -2)}ying`;
  if (verb.endsWith('e') && !verb.endsWith('ee')) return `${verb.slice(0, -1)}ing`;
  if (/^[a-z]*[^aeiou][aeiou][bdgmnprt]$/.test(verb) && verb.length <= 4) return `${verb}${verb.slice(-1)}ing`;
  return `${verb}ing`;
}

const ACTION_NOUNS: Readonly<Record<string, string>> = {
  export: 'export', import: 'import', search: 'search', sort: 'sorting', filter: 'filtering', create: 'creation',
  delete: 'deletion', remove: 'removal', update: 'update', edit: 'editing', list: 'listing', upload: 'upload',
  download: 'download', register: 'registration', validate: 'validation', assign: 'assignment', schedule: 'scheduling',
  sync: 'sync', restore: 'restore', log: 'logging', cache: 'caching', retry: 'retry', paginate: 'pagination',
  get: 'retrieval', fetch: 'retrieval', return: 'retrieval', find: 'lookup', count: 'count', suggest: 'suggestion',
  recommend: 'recommendation', notify: 'notification', subscribe: 'subscription', invite: 'invitation', verify: 'verification',
  authenticate: 'authentication', authorize: 'authorization', authorise: 'authorisation', compress: 'compression',
  encrypt: 'encryption', decrypt: 'decryption', translate: 'translation', calculate: 'calculation', compute: 'computation',
  generate: 'generation', configure: 'configuration', duplicate: 'duplication', approve: 'approval', deny: 'denial',
  cancel: 'cancellation', refresh: 'refresh', reset: 'reset', summarize: 'summary', summarise: 'summary', detect: 'detection',
  remind: 'reminder', dedupe: 'deduplication', deduplicate: 'deduplication', confirm: 'confirmation', accept: 'acceptance',
  reject: 'rejection', expire: 'expiry', undo: 'undo', redo: 'redo', check: 'check', reorder: 'reordering',
  alert: 'alert', warn: 'warning',
};

/** The noun for doing something: export -> export, filter -> filtering, create -> creation. */
export function actionNoun(verb: string): string {
  return Object.hasOwn(ACTION_NOUNS, verb) ? ACTION_NOUNS[verb]! : gerund(verb);
}

/**
 * "users filter the board by assignee" (after let/allow/enable): what the action works on and the
 * action's noun, [board, filtering]; undefined unless the object starts with a verb.
 */
/** Verbs of keeping an attribute: the attribute, not the act, names the behaviour. */
const KEEPING_VERBS = new Set(['record', 'track', 'keep', 'remember', 'save', 'store', 'persist']);

export function actionPhrase(object: readonly string[], max = 4): string[] | undefined {
  const action = object[0] ? verbBase(object[0]) : undefined;
  if (!action || object[0] !== action) return undefined;
  // "record the purchase price of items": what is kept names the behaviour ("Item Purchase Price").
  if (KEEPING_VERBS.has(action)) {
    const kept = nounPhrase(object.slice(1), max);
    if (kept.length > 0) return kept;
  }
  // After an action, "to" names a destination ("pin tasks to the top", "export tasks to CSV").
  const what = nounPhrase(object.slice(1), max - 1, { targetTo: true });
  if (what.length === 0) return undefined;
  what[what.length - 1] = singular(what[what.length - 1]!);
  return [...what, actionNoun(action)].slice(0, max);
}

const BUG_WORDS = new Set(['bug', 'bugs', 'issue', 'issues', 'problem', 'problems', 'defect', 'regression', 'error', 'errors']);
const BUG_LINKS = new Set(['where', 'when', 'that', 'which', 'with', 'causing', 'in']);

/** "the bug where X" -> X: a fix is named after what goes wrong, not after the word "bug". */
export function withoutBugWords(object: readonly string[]): string[] {
  let i = 0;
  while (ARTICLES.has(object[i] ?? '')) i++;
  if (!BUG_WORDS.has(object[i] ?? '')) return [...object];
  let j = i + 1;
  while (BUG_LINKS.has(object[j] ?? '')) j++;
  return j > i + 1 && j < object.length ? object.slice(j) : [...object];
}

const TRIGGERS = new Set(['when', 'whenever', 'before', 'after', 'once', 'if', 'as']);
const LINKING = new Set(['is', 'are', 'was', 'gets', 'get', 'becomes', 'become', 'has', 'have', 'been', 'being']);
/** What happens to a thing, as a noun: "an item expires" -> expiry, "a task is assigned" -> assignment. */
const EVENT_NOUNS: Readonly<Record<string, string>> = {
  expire: 'expiry', expires: 'expiry', expired: 'expiry', assigned: 'assignment', created: 'creation', completed: 'completion',
  completes: 'completion', done: 'completion', fails: 'failure', failed: 'failure', deleted: 'deletion', removed: 'removal',
  updated: 'update', changes: 'change', changed: 'change', due: 'due date', overdue: 'overdue', approved: 'approval',
  rejected: 'rejection', published: 'publication', starts: 'start', started: 'start', ends: 'end', ended: 'end',
  runs: 'run', shipped: 'shipment', paid: 'payment', cancelled: 'cancellation', canceled: 'cancellation', archived: 'archiving',
  mentioned: 'mention', commented: 'comment', low: 'low level', empty: 'emptiness',
};

/**
 * The event a clause waits for, as a noun phrase: "notify users two days before an item expires"
 * -> [item, expiry]; "when a task is assigned to someone" -> [task, assignment]. Undefined when
 * the clause has no trigger or its event is not a known one.
 */
export function triggerEvent(object: readonly string[]): string[] | undefined {
  const at = object.findIndex((w) => TRIGGERS.has(w));
  if (at < 0) return undefined;
  const rest = object.slice(at + 1).filter((w) => !ARTICLES.has(w));
  const subject = rest[0];
  if (!subject || VERBS.has(subject) || PRONOUNS.has(subject) || LINKING.has(subject)) return undefined;
  let i = 1;
  while (LINKING.has(rest[i] ?? '')) i++;
  const event = rest[i];
  const noun = event !== undefined && Object.hasOwn(EVENT_NOUNS, event) ? EVENT_NOUNS[event]! : undefined;
  // "a task changes status": what changes belongs to the event (task status change).
  const what = rest[i + 1];
  const attribute = what !== undefined && !BOUNDARY.has(what) && !OWNER.has(what) && !VERBS.has(what) && !/^\d/.test(what) ? [what] : [];
  return noun ? [singular(subject), ...attribute, ...noun.split(' ')] : undefined;
}

/**
 * Verbs whose object names the behaviour ("add due dates" -> Due Dates, "store the brand" ->
 * Brand). Any other verb is an action a name should say: "pin important tasks" -> Important
 * Task Pinning, "export tasks" -> Task Export.
 */
const OBJECT_NAMED_VERBS = new Set([
  'add', 'create', 'implement', 'introduce', 'build', 'provide', 'support', 'allow', 'enable', 'let',
  'update', 'change', 'modify', 'extend', 'make', 'rename', 'replace', 'switch', 'upgrade', 'improve', 'optimize', 'optimise', 'speed',
  'remove', 'delete', 'drop', 'deprecate', 'retire', 'fix', 'resolve', 'correct', 'repair',
  'document', 'describe', 'explain', 'migrate', 'move', 'port', 'refactor', 'restructure', 'extract', 'split', 'clean', 'simplify',
  'record', 'track', 'keep', 'remember', 'save', 'store', 'persist', 'show', 'display', 'render', 'include', 'expose', 'emit',
  'publish', 'send', 'use', 'set', 'write', 'run', 'log', 'limit', 'convert', 'increase', 'reduce', 'raise', 'lower', 'see', 'view',
]);

export const namedByObject = (verb: string): boolean => OBJECT_NAMED_VERBS.has(verb);

const NOTIFYING_VERBS = new Set(['notify', 'remind', 'alert', 'warn']);
const MESSAGE_WORDS = new Set(['notification', 'notifications', 'email', 'emails', 'reminder', 'reminders', 'alert', 'alerts', 'message', 'messages', 'webhook', 'webhooks']);

/**
 * A notification is named after the event it reports: "notify users two days before an item
 * expires" -> [item, expiry, notification]; "send an email notification when a task is
 * assigned" (np [email, notification]) -> [task, assignment, email, notification].
 */
export function notificationPhrase(verb: string, object: readonly string[], np: readonly string[]): string[] | undefined {
  const notifying = NOTIFYING_VERBS.has(verb);
  const message = np.find((w) => MESSAGE_WORDS.has(w));
  if (!notifying && !((verb === 'send' || verb === '') && message)) return undefined;
  const event = triggerEvent(object);
  if (!event) return notifying && np.length > 0 ? [...np.map((w, i) => (i === np.length - 1 ? singular(w) : w)), actionNoun(verb)] : undefined;
  if (notifying) return [...event, actionNoun(verb)];
  // "Webhooks: POST to a URL whenever a task changes status" -> Task Status Change Webhook.
  return verb === '' ? [...event, singular(message!)] : [...event, ...np.filter((w) => !event.includes(w))].slice(0, 5);
}
