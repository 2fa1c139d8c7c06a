/**
 * Compatibility glob overlap: the rule existing work-packages tools use, built on Python's
 * `fnmatch` (see docs/work-packages-format.md). Two globs overlap when they are equal or either,
 * read as a literal path, matches the other read as a pattern.
 *
 * `fnmatchRegExp` is a line-by-line port of CPython 3.11+ `fnmatch.translate`, so verdicts match
 * Python exactly (a test compares them with real Python). Differences are only in regex spelling:
 * JS has no atomic groups, so `(?>.*?fixed)` becomes the equivalent lookahead + backreference
 * (lookaheads are atomic in JS), which also keeps `*a*a*a*b` patterns from backtracking
 * exponentially; and Python's escaping of `&~|` in classes is not needed in JS (no set operations).
 */

import { literalPrefixesConflict } from './glob-prefix.js';
import { memoizeBounded } from './util.js';

const STAR = Symbol('star');
type Piece = string | typeof STAR;

const SYNTAX_CHARS = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
const escapeLiteral = (c: string): string => (SYNTAX_CHARS.has(c) ? '\\' + c : c);

/** Python `s.find(ch, start, end)` over an array of code points. */
function find(chars: readonly string[], ch: string, start: number, end: number): number {
  for (let k = start; k < end; k++) if (chars[k] === ch) return k;
  return -1;
}

/** Body of a bracket expression `chars[i..j)` (without the brackets), as CPython builds it. */
function classBody(chars: readonly string[], start: number, j: number): string {
  let i = start;
  let stuff: string;
  if (!chars.slice(i, j).includes('-')) {
    stuff = chars.slice(i, j).join('').replaceAll('\\', '\\\\');
  } else {
    const chunks: string[][] = [];
    let k = chars[i] === '!' ? i + 2 : i + 1;
    for (;;) {
      k = find(chars, '-', k, j);
      if (k < 0) break;
      chunks.push(chars.slice(i, k));
      i = k + 1;
      k = k + 3;
    }
    const chunk = chars.slice(i, j);
    if (chunk.length > 0) chunks.push(chunk);
    else chunks[chunks.length - 1]!.push('-');
    // Remove empty ranges (like `z-a`), which are invalid in a regex.
    for (let m = chunks.length - 1; m > 0; m--) {
      const prev = chunks[m - 1]!;
      const next = chunks[m]!;
      const last = prev[prev.length - 1];
      const first = next[0];
      if (last !== undefined && first !== undefined && last.codePointAt(0)! > first.codePointAt(0)!) {
        chunks[m - 1] = [...prev.slice(0, -1), ...next.slice(1)];
        chunks.splice(m, 1);
      }
    }
    // Hyphens that create ranges stay bare; every other hyphen and backslash is escaped.
    stuff = chunks.map((c) => c.join('').replaceAll('\\', '\\\\').replaceAll('-', '\\-')).join('-');
  }
  return stuff;
}

function translatePieces(pattern: string): Piece[] {
  const chars = Array.from(pattern); // code points, like Python str indexing
  const n = chars.length;
  const res: Piece[] = [];
  let i = 0;
  while (i < n) {
    const c = chars[i]!;
    i++;
    if (c === '*') {
      if (res.length === 0 || res[res.length - 1] !== STAR) res.push(STAR);
    } else if (c === '?') {
      res.push('.');
    } else if (c === '[') {
      let j = i;
      if (j < n && chars[j] === '!') j++;
      if (j < n && chars[j] === ']') j++;
      while (j < n && chars[j] !== ']') j++;
      if (j >= n) {
        res.push('\\[');
      } else {
        let stuff = classBody(chars, i, j);
        i = j + 1;
        if (stuff === '') res.push('(?!)');
        else if (stuff === '!') res.push('.');
        else {
          if (stuff[0] === '!') stuff = '^' + stuff.slice(1);
          else if (stuff[0] === '^' || stuff[0] === '[') stuff = '\\' + stuff;
          // JS (unlike Python) ends a class at a leading `]`; escape it to keep it literal.
          res.push(`[${stuff.replaceAll(']', '\\]')}]`);
        }
      }
    } else {
      res.push(escapeLiteral(c));
    }
  }
  return res;
}

/** The regex source CPython's `fnmatch.translate` would produce, in JS syntax (flags `su`). */
export function fnmatchTranslate(pattern: string): string {
  const pieces = translatePieces(pattern);
  const out: string[] = [];
  let i = 0;
  const n = pieces.length;
  while (i < n && pieces[i] !== STAR) out.push(pieces[i++] as string);
  let group = 0;
  while (i < n) {
    i++; // the STAR
    if (i === n) {
      out.push('.*');
      break;
    }
    const fixed: string[] = [];
    while (i < n && pieces[i] !== STAR) fixed.push(pieces[i++] as string);
    if (i === n) out.push('.*', ...fixed);
    else {
      const name = `g${group++}`;
      out.push(`(?=(?<${name}>.*?${fixed.join('')}))\\k<${name}>`);
    }
  }
  return `^(?:${out.join('')})$`;
}

/** Compiled patterns, shared by all checks; patterns repeat a lot across packages. */
export const fnmatchRegExp: (pattern: string) => RegExp = memoizeBounded((pattern) => new RegExp(fnmatchTranslate(pattern), 'su'));

/** Python `fnmatch.fnmatchcase(name, pattern)` (also `fnmatch.fnmatch` on POSIX). */
export function fnmatch(name: string, pattern: string): boolean {
  return fnmatchRegExp(pattern).test(name);
}

/** Compatibility-mode overlap of two write_allow globs. */
export function globsOverlapCompat(a: string, b: string): boolean {
  if (a === b) return true;
  // fnmatch(a, b) needs a to start with b's literal prefix (and vice versa): skip hopeless pairs.
  return !literalPrefixesConflict(a, b) && (fnmatch(a, b) || fnmatch(b, a));
}
