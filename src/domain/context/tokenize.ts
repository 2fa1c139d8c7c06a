/**
 * Tokenisation shared by every ranking in context gathering: splits paths, camelCase,
 * PascalCase, snake_case and kebab-case, lower-cases, drops stop words (English and common
 * keywords) and applies a light suffix stemmer so `notifications`, `notify` and `notified`
 * meet. Query and documents go through the same function, so stems only need to be consistent.
 *
 * Pure module.
 */

const WORD = /[A-Za-z0-9]+/g;
const PARTS = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;

const STOP_WORDS = new Set(
  (
    // English
    'a an and are as at be been but by can could did do does each for from had has have he her his how ' +
    'i if in into is it its itself me more most my no nor not of off on once only or other our out over ' +
    'own same she should so some such than that the their them then there these they this those through ' +
    'to too under until up very was we were what when where which while who whom why will with would ' +
    'you your yours also any all both just via per get set use using used make let lets allow allows ' +
    'add adds added new want wants need needs able support supports implement feature ' +
    // keywords too frequent in code to tell files apart
    'const var function return import export default async await def elif else try catch finally ' +
    'throw throws raise pass none null undefined true false void public private protected static ' +
    'readonly func defer nil err string number boolean int str bool fn pub impl mut ' +
    'www http https com org'
  ).split(' '),
);

/** Light, deterministic suffix stemmer (not Porter; consistent on both sides is what matters). */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 8 && w.endsWith('ication')) w = w.slice(0, -7);
  else if (w.length > 6 && w.endsWith('ation')) w = w.slice(0, -5) + 'ate';
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 5 && w.endsWith('er')) w = w.slice(0, -2);
  if (w.length > 3 && (w.endsWith('e') || w.endsWith('y'))) w = w.slice(0, -1);
  if (w.length > 4 && w.at(-1) === w.at(-2) && /[bdfgklmnprt]$/.test(w)) w = w.slice(0, -1);
  return w;
}

const MAX_CACHE = 200_000;

/**
 * Tokeniser with a word cache: real code repeats identifiers heavily, so caching the split and
 * stemmed form of each raw word makes tokenising large repositories several times faster.
 */
export class Tokenizer {
  private cache = new Map<string, readonly string[]>();

  /** Calls `fn` for every token of `text`, in order. */
  each(text: string, fn: (token: string) => void): void {
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
      const tokens = this.word(m[0]);
      for (let i = 0; i < tokens.length; i++) fn(tokens[i]!);
    }
  }

  tokens(text: string): string[] {
    const out: string[] = [];
    this.each(text, (t) => out.push(t));
    return out;
  }

  private word(raw: string): readonly string[] {
    const hit = this.cache.get(raw);
    if (hit) return hit;
    const out: string[] = [];
    const parts = raw.match(PARTS) ?? [];
    for (const part of parts) {
      const lower = part.toLowerCase();
      if (lower.length < 2 || STOP_WORDS.has(lower) || /^[0-9]+$/.test(lower)) continue;
      out.push(stem(lower));
    }
    if (this.cache.size >= MAX_CACHE) this.cache = new Map();
    this.cache.set(raw, out);
    return out;
  }
}

const shared = new Tokenizer();

/** Tokens of `text` (paths, identifiers, prose). */
export const tokenize = (text: string): string[] => shared.tokens(text);
