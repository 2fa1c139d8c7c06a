/**
 * BM25 (with weighted fields, BM25F-style) split into three pure steps so it also works
 * across shards: `termStats` per document (only the query's terms are counted, so nothing
 * large is kept), `CorpusStats` that add up across shards, and `bm25Score` with the global
 * corpus statistics.
 *
 * Pure module.
 */
import { Tokenizer, tokenize } from './tokenize.js';

export const K1 = 1.2;
export const B = 0.75;

export interface Query {
  /** Distinct stemmed terms. */
  terms: string[];
  /** How often each term was asked for (request terms weigh more than hint terms). */
  weights: number[];
}

export interface Field {
  text: string;
  weight: number;
}

export interface TermStats {
  /** Weighted document length in tokens. */
  length: number;
  /** Weighted frequency of each query term, aligned with `Query.terms`. */
  tf: number[];
}

export interface CorpusStats {
  docs: number;
  totalLength: number;
  /** Documents containing each query term, aligned with `Query.terms`. */
  df: number[];
}

/** The request counts fully, hints half: they sharpen relevance without taking it over. */
export function buildQuery(request: string, hints: readonly string[] = []): Query {
  const weights = new Map<string, number>();
  const add = (text: string, w: number) => {
    for (const t of tokenize(text)) weights.set(t, (weights.get(t) ?? 0) + w);
  };
  add(request, 1);
  for (const h of hints) add(h, 0.5);
  return { terms: [...weights.keys()], weights: [...weights.values()] };
}

export function termIndex(query: Query): Map<string, number> {
  return new Map(query.terms.map((t, i) => [t, i]));
}

export function termStats(
  query: Query,
  fields: readonly Field[],
  tokenizer: Tokenizer = new Tokenizer(),
  index: Map<string, number> = termIndex(query),
): TermStats {
  const tf = new Array<number>(query.terms.length).fill(0);
  let length = 0;
  for (const field of fields) {
    tokenizer.each(field.text, (token) => {
      length += field.weight;
      const i = index.get(token);
      if (i !== undefined) tf[i]! += field.weight;
    });
  }
  return { length, tf };
}

export const emptyCorpus = (query: Query): CorpusStats => ({ docs: 0, totalLength: 0, df: query.terms.map(() => 0) });

export function addToCorpus(corpus: CorpusStats, stats: TermStats): void {
  corpus.docs += 1;
  corpus.totalLength += stats.length;
  stats.tf.forEach((f, i) => {
    if (f > 0) corpus.df[i]! += 1;
  });
}

export function mergeCorpora(query: Query, parts: readonly CorpusStats[]): CorpusStats {
  const out = emptyCorpus(query);
  for (const p of parts) {
    out.docs += p.docs;
    out.totalLength += p.totalLength;
    p.df.forEach((d, i) => (out.df[i]! += d));
  }
  return out;
}

export function idf(corpus: CorpusStats, i: number): number {
  const df = corpus.df[i] ?? 0;
  return Math.log(1 + (corpus.docs - df + 0.5) / (df + 0.5));
}

export function bm25Score(query: Query, stats: TermStats, corpus: CorpusStats): number {
  const avg = corpus.docs > 0 ? corpus.totalLength / corpus.docs : 1;
  const norm = K1 * (1 - B + (B * stats.length) / (avg || 1));
  let score = 0;
  for (let i = 0; i < query.terms.length; i++) {
    const f = stats.tf[i]!;
    if (f === 0) continue;
    score += query.weights[i]! * idf(corpus, i) * ((f * (K1 + 1)) / (f + norm));
  }
  return score;
}

/**
 * Share of the query's information (idf-weighted) that a document mentions, 0..1. Unlike the
 * BM25 score it is comparable across queries, so callers can use it as a relevance threshold.
 */
export function coverage(query: Query, stats: TermStats, corpus: CorpusStats): number {
  let hit = 0;
  let all = 0;
  for (let i = 0; i < query.terms.length; i++) {
    const w = query.weights[i]! * idf(corpus, i);
    all += w;
    if (stats.tf[i]! > 0) hit += w;
  }
  return all > 0 ? hit / all : 0;
}

export interface Ranked<T> {
  item: T;
  score: number;
  stats: TermStats;
}

/** Ranks a small in-memory collection (specs, requirements, docs), best first, stable. */
export function rankDocuments<T>(query: Query, docs: ReadonlyArray<{ item: T; fields: readonly Field[] }>): {
  ranked: Array<Ranked<T>>;
  corpus: CorpusStats;
} {
  const tokenizer = new Tokenizer();
  const index = termIndex(query);
  const corpus = emptyCorpus(query);
  const stats = docs.map((d) => {
    const s = termStats(query, d.fields, tokenizer, index);
    addToCorpus(corpus, s);
    return s;
  });
  const ranked = docs
    .map((d, i) => ({ item: d.item, stats: stats[i]!, score: bm25Score(query, stats[i]!, corpus), order: i }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ item, score, stats: s }) => ({ item, score, stats: s }));
  return { ranked, corpus };
}
