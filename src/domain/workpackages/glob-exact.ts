/**
 * Exact glob overlap: two globs overlap iff some path matches both.
 *
 * Glob language (gitignore-style, always anchored at the repository root, whole path):
 * - `*` any run of characters except `/`; `?` one character except `/`
 * - `[abc]`, `[a-z]`, `[!abc]` / `[^abc]` one character (never `/`); an unclosed `[` is literal
 * - `**` as a whole segment: leading `**\/` and inner `/**\/` match zero or more whole segments,
 *   trailing `/**` everything below (`src/**` matches `src/a` and `src/a/b`); `**` elsewhere in a
 *   segment acts like `*`; a lone `**` matches every path
 * - `{a,b}` alternatives (nested allowed), expanded first; `\x` is a literal `x`
 * Patterns without a slash are NOT matched against basenames (unlike .gitignore): write scopes
 * name paths from the root.
 *
 * Each glob compiles to an epsilon-free NFA over characters whose edges carry character sets
 * (sorted code point ranges, so "any character but /" is one symbolic edge). Overlap is a
 * breadth-first search of the product automaton for a reachable pair of accepting states; the
 * path to it is a shortest witness. NFAs are cached per glob string.
 */

import { expandBraces } from './braces.js';
import { ANY, NOT_SLASH, SLASH, complement, intersect, normalize, overlaps, pickChar, single, type CharSet } from './charset.js';
import { literalPrefixesConflict } from './glob-prefix.js';
import { memoizeBounded } from './util.js';

// ---------------------------------------------------------------------------------------------
// Glob -> token sequence

type Token =
  | { kind: 'char'; set: CharSet }
  | { kind: 'star'; set: CharSet }
  /** Optional group: the inner tokens or nothing. */
  | { kind: 'opt'; tokens: Token[] };

/** `[...]` starting at `open`: the class and the index after `]`, or undefined if unclosed. */
function parseClass(chars: readonly string[], open: number): { set: CharSet; next: number } | undefined {
  let k = open + 1;
  const negated = chars[k] === '!' || chars[k] === '^';
  if (negated) k++;
  const ranges: Array<[number, number]> = [];
  let first = true;
  for (; k < chars.length; k++) {
    if (chars[k] === ']' && !first) {
      const members = normalize(ranges);
      const allowed = negated ? complement(members) : members;
      return { set: intersect(allowed, NOT_SLASH), next: k + 1 };
    }
    first = false;
    const lo = chars[k]!.codePointAt(0)!;
    if (chars[k + 1] === '-' && k + 2 < chars.length && chars[k + 2] !== ']') {
      const hi = chars[k + 2]!.codePointAt(0)!;
      if (lo <= hi) ranges.push([lo, hi]);
      k += 2;
    } else {
      ranges.push([lo, lo]);
    }
  }
  return undefined;
}

function segmentTokens(segment: string): Token[] {
  const chars = Array.from(segment);
  const tokens: Token[] = [];
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k]!;
    if (c === '\\' && k + 1 < chars.length) {
      tokens.push({ kind: 'char', set: single(chars[++k]!.codePointAt(0)!) });
    } else if (c === '*') {
      const last = tokens[tokens.length - 1];
      if (!(last?.kind === 'star')) tokens.push({ kind: 'star', set: NOT_SLASH });
    } else if (c === '?') {
      tokens.push({ kind: 'char', set: NOT_SLASH });
    } else if (c === '[') {
      const cls = parseClass(chars, k);
      if (cls) {
        tokens.push({ kind: 'char', set: cls.set });
        k = cls.next - 1;
      } else tokens.push({ kind: 'char', set: single(0x5b) });
    } else {
      tokens.push({ kind: 'char', set: single(c.codePointAt(0)!) });
    }
  }
  return tokens;
}

/** Tokens of one brace-free glob, applying the `**` segment rules. */
function globTokens(glob: string): Token[] {
  const segments = glob.split('/');
  const tokens: Token[] = [];
  const slash: Token = { kind: 'char', set: single(SLASH) };
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      if (last) tokens.push({ kind: 'star', set: ANY });
      // Zero or more whole segments, each with its trailing slash.
      else tokens.push({ kind: 'opt', tokens: [{ kind: 'star', set: ANY }, slash] });
      return;
    }
    tokens.push(...segmentTokens(segment));
    if (!last) tokens.push(slash);
  });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// NFA

/** Epsilon-free NFA: state 0 is the start. */
export interface GlobNfa {
  edges: Array<Array<{ set: CharSet; to: number }>>;
  accepting: boolean[];
}

class NfaBuilder {
  readonly edges: Array<Array<{ set: CharSet; to: number }>> = [];
  readonly epsilon: number[][] = [];

  state(): number {
    this.edges.push([]);
    this.epsilon.push([]);
    return this.edges.length - 1;
  }

  /** Thompson construction of `tokens` from state `from`; returns the end state. */
  sequence(tokens: readonly Token[], from: number): number {
    let at = from;
    for (const token of tokens) {
      if (token.kind === 'char') {
        const to = this.state();
        this.edges[at]!.push({ set: token.set, to });
        at = to;
      } else if (token.kind === 'star') {
        const loop = this.state();
        this.epsilon[at]!.push(loop);
        this.edges[loop]!.push({ set: token.set, to: loop });
        at = loop;
      } else {
        const end = this.sequence(token.tokens, at);
        const join = this.state();
        this.epsilon[at]!.push(join);
        this.epsilon[end]!.push(join);
        at = join;
      }
    }
    return at;
  }

  /** Removes epsilon edges: every state gets the edges and acceptance of its closure. */
  finish(accept: ReadonlySet<number>): GlobNfa {
    const n = this.edges.length;
    const edges: GlobNfa['edges'] = [];
    const accepting: boolean[] = [];
    for (let s = 0; s < n; s++) {
      const closure = new Set([s]);
      const stack = [s];
      while (stack.length > 0) for (const t of this.epsilon[stack.pop()!]!) if (!closure.has(t)) closure.add(t), stack.push(t);
      edges.push([...closure].flatMap((t) => this.edges[t]!));
      accepting.push([...closure].some((t) => accept.has(t)));
    }
    return withoutUnreachable({ edges, accepting });
  }
}

/**
 * Drops states no character path reaches from the start (most epsilon-only states are such),
 * which keeps the product automaton small. The start stays state 0.
 */
function withoutUnreachable(nfa: GlobNfa): GlobNfa {
  const index = new Map<number, number>([[0, 0]]);
  const order = [0];
  for (let head = 0; head < order.length; head++) {
    for (const { to } of nfa.edges[order[head]!]!) {
      if (!index.has(to)) {
        index.set(to, order.length);
        order.push(to);
      }
    }
  }
  return {
    edges: order.map((s) => nfa.edges[s]!.map((e) => ({ set: e.set, to: index.get(e.to)! }))),
    accepting: order.map((s) => nfa.accepting[s]!),
  };
}

/** NFA of a glob: the union of its brace expansions. */
export function compileGlobNfa(glob: string): GlobNfa {
  const builder = new NfaBuilder();
  const start = builder.state();
  const accept = new Set<number>();
  const alternatives = expandBraces(glob) ?? ['**'];
  for (const alternative of alternatives) {
    const entry = builder.state();
    builder.epsilon[start]!.push(entry);
    accept.add(builder.sequence(globTokens(alternative), entry));
  }
  return builder.finish(accept);
}

/** NFAs are built once per glob string and shared by every pair that uses the glob. */
const cachedNfa = memoizeBounded(compileGlobNfa);

/** Largest product automaton tracked with flat arrays; beyond it a Map keeps memory bounded. */
const FLAT_LIMIT = 1 << 20;

/**
 * Breadth-first search of the product of two NFAs. Returns the characters of a shortest path to
 * a pair of accepting states (the witness) when `wantPath`, an empty array when found without
 * path tracking, or undefined when no such pair is reachable.
 */
function searchProduct(na: GlobNfa, nb: GlobNfa, wantPath: boolean): number[] | undefined {
  const width = nb.accepting.length;
  const size = na.accepting.length * width;
  const flat = size <= FLAT_LIMIT;
  // parent[pair] = previous pair + 1 (0 = unvisited); the start pair points to itself.
  const parentFlat = flat ? new Int32Array(size) : undefined;
  const parentMap = flat ? undefined : new Map<number, number>();
  const via = wantPath ? new Map<number, number>() : undefined;
  const seen = (pair: number): boolean => (parentFlat ? parentFlat[pair] !== 0 : parentMap!.has(pair));
  const mark = (pair: number, from: number): void => {
    if (parentFlat) parentFlat[pair] = from + 1;
    else parentMap!.set(pair, from + 1);
  };
  const parentOf = (pair: number): number => (parentFlat ? parentFlat[pair]! : parentMap!.get(pair)!) - 1;
  const queue: number[] = [0];
  mark(0, 0);
  for (let head = 0; head < queue.length; head++) {
    const pair = queue[head]!;
    const sa = (pair / width) | 0;
    const sb = pair - sa * width;
    if (na.accepting[sa] && nb.accepting[sb]) {
      if (!via) return [];
      const chars: number[] = [];
      for (let p = pair; p !== 0; p = parentOf(p)) chars.push(via.get(p)!);
      return chars.reverse();
    }
    for (const ea of na.edges[sa]!) {
      for (const eb of nb.edges[sb]!) {
        const next = ea.to * width + eb.to;
        if (seen(next) || !overlaps(ea.set, eb.set)) continue;
        mark(next, pair);
        via?.set(next, pickChar(intersect(ea.set, eb.set)));
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** A shortest path matched by both globs, or undefined when they do not overlap. */
export function globOverlapWitness(a: string, b: string): string | undefined {
  if (literalPrefixesConflict(a, b)) return undefined;
  const chars = searchProduct(cachedNfa(a), cachedNfa(b), true);
  return chars && String.fromCodePoint(...chars);
}

/** Exact-mode overlap of two write_allow globs. */
export function globsOverlapExact(a: string, b: string): boolean {
  if (a === b) return true;
  if (literalPrefixesConflict(a, b)) return false;
  return searchProduct(cachedNfa(a), cachedNfa(b), false) !== undefined;
}

/** Whether the repository path `path` is matched by `glob` (exact-mode glob semantics). */
export function globMatchesPath(glob: string, path: string): boolean {
  const nfa = cachedNfa(glob);
  let states = new Set([0]);
  for (const ch of path) {
    const cp = ch.codePointAt(0)!;
    const next = new Set<number>();
    for (const s of states) for (const e of nfa.edges[s]!) if (overlaps(e.set, single(cp))) next.add(e.to);
    if (next.size === 0) return false;
    states = next;
  }
  return [...states].some((s) => nfa.accepting[s]);
}
