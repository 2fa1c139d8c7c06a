/**
 * Small, deterministic reading of a free-text feature request: its leading verb and its words.
 * Shared by change-id derivation and the rule-based author so both read a request the same way.
 *
 * Pure module.
 */

/** The verbs a change id starts with (OpenSpec convention: verb-led kebab-case). */
export type ChangeVerb = 'add' | 'update' | 'remove' | 'fix' | 'refactor' | 'document' | 'migrate' | 'improve';

/**
 * How a request's first word maps to a change verb. `suffix` words read better at the end:
 * "support dark mode" -> `add-dark-mode-support`.
 */
const VERB_MAP: Readonly<Record<string, { verb: ChangeVerb; suffix?: string }>> = {
  add: { verb: 'add' },
  create: { verb: 'add' },
  implement: { verb: 'add' },
  introduce: { verb: 'add' },
  build: { verb: 'add' },
  provide: { verb: 'add' },
  expose: { verb: 'add' },
  store: { verb: 'add' },
  persist: { verb: 'add' },
  track: { verb: 'add' },
  record: { verb: 'add' },
  remember: { verb: 'add' },
  keep: { verb: 'add' },
  save: { verb: 'add' },
  emit: { verb: 'add' },
  publish: { verb: 'add' },
  send: { verb: 'add' },
  notify: { verb: 'add' },
  show: { verb: 'add' },
  display: { verb: 'add' },
  support: { verb: 'add', suffix: 'support' },
  allow: { verb: 'add', suffix: 'support' },
  enable: { verb: 'add', suffix: 'support' },
  let: { verb: 'add', suffix: 'support' },
  update: { verb: 'update' },
  change: { verb: 'update' },
  modify: { verb: 'update' },
  extend: { verb: 'update' },
  make: { verb: 'update' },
  rename: { verb: 'update' },
  replace: { verb: 'update' },
  switch: { verb: 'update' },
  upgrade: { verb: 'update' },
  improve: { verb: 'improve' },
  optimize: { verb: 'improve' },
  optimise: { verb: 'improve' },
  speed: { verb: 'improve' },
  remove: { verb: 'remove' },
  delete: { verb: 'remove' },
  drop: { verb: 'remove' },
  deprecate: { verb: 'remove' },
  retire: { verb: 'remove' },
  fix: { verb: 'fix' },
  resolve: { verb: 'fix' },
  correct: { verb: 'fix' },
  repair: { verb: 'fix' },
  refactor: { verb: 'refactor' },
  restructure: { verb: 'refactor' },
  extract: { verb: 'refactor' },
  split: { verb: 'refactor' },
  clean: { verb: 'refactor' },
  simplify: { verb: 'refactor' },
  document: { verb: 'document' },
  describe: { verb: 'document' },
  explain: { verb: 'document' },
  migrate: { verb: 'migrate' },
  move: { verb: 'migrate' },
  port: { verb: 'migrate' },
};

/** Words that carry no meaning in an id or a name. */
const FILLER = new Set([
  'a', 'an', 'the', 'to', 'for', 'of', 'with', 'and', 'or', 'in', 'on', 'into', 'onto', 'by', 'at', 'from',
  'our', 'my', 'its', 'their', 'please', 'so', 'that', 'can', 'be', 'able', 'should', 'we', 'i', 'it',
  'is', 'are', 'some', 'new', 'also',
]);

/** Lowercase ASCII words; anything else (punctuation, paths, emoji) is a separator. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // "the client's geolocation": the possessive is not a word of its own.
    .replace(/(?<=[a-z])['\u2019]s\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

export interface RequestReading {
  verb: ChangeVerb;
  /** The request's own first word, lowercased (e.g. `emit` for verb `add`). */
  word: string;
  /** true when the request started with a recognised verb. */
  explicitVerb: boolean;
  suffix?: string;
  /** Meaningful words after the verb, in order, fillers removed. */
  subject: string[];
  /** The request text after its leading verb (original casing, trimmed). */
  rest: string;
}

export function readRequest(request: string): RequestReading {
  const all = words(request);
  const first = all[0] ?? '';
  // Own properties only: request words like "constructor" must not hit Object.prototype.
  const mapped = Object.hasOwn(VERB_MAP, first) ? VERB_MAP[first] : undefined;
  // Keep the fillers when they are all the request has ("add a new one").
  const meaningful = (ws: string[]) => {
    const kept = ws.filter((w) => !FILLER.has(w));
    return kept.length > 0 ? kept : ws;
  };
  const restText = request.trim().replace(/^\s*[A-Za-z]+\s*/, '');
  if (mapped) {
    return {
      verb: mapped.verb,
      word: first,
      explicitVerb: true,
      ...(mapped.suffix ? { suffix: mapped.suffix } : {}),
      subject: meaningful(all.slice(1)),
      rest: restText,
    };
  }
  return { verb: 'add', word: first, explicitVerb: false, subject: meaningful(all), rest: request.trim() };
}

/** "tasks api" -> "Tasks api": sentence case for titles and requirement names. */
export function sentenceCase(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '');
  return t.length === 0 ? t : t[0]!.toUpperCase() + t.slice(1);
}

/** Words nearly every English request has one of. */
const ENGLISH_MARKERS = new Set([
  'the', 'an', 'to', 'of', 'for', 'and', 'or', 'in', 'on', 'with', 'that', 'when', 'as', 'by', 'from', 'at', 'is', 'are', 'be',
  'can', 'should', 'must', 'so', 'it', 'them', 'their', 'each', 'every', 'all', 'new', 'add', 'support', 'fix', 'remove', 'update',
]);

/**
 * Why the rule-based author cannot read a request well, or undefined when it can: it has no words
 * at all ("🚀"), or it is written in another language (letters beyond ASCII and none of the
 * English words nearly every request has). "dark mode" passes: plain ASCII is taken as English.
 */
export function unreadableRequest(request: string): string | undefined {
  const ws = words(request);
  if (ws.filter((w) => /[a-z]/.test(w)).length === 0) return 'the request has no words the rule-based author can read';
  if (/^\s*https?:\/\/\S+\s*$/i.test(request)) return 'the request is only a link, which the rule-based author cannot open (paste the text it points to)';
  const foreign = /[^\u0000-\u024f\s\p{P}\p{S}\p{N}]|[\u00c0-\u024f]/u.test(request);
  if (foreign && !ws.some((w) => ENGLISH_MARKERS.has(w))) return 'the request does not read as English, the only language the rule-based author reads';
  return undefined;
}
