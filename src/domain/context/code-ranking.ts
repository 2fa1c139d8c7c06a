/**
 * Ranking of repository files for a request, built to run in shards: each shard scores its
 * files against the query with its own statistics, keeps its best candidates (only the query's
 * term counts, never the text), and the merge rescores all candidates with the global corpus
 * statistics, so the result equals one BM25 pass over the whole repository for every file that
 * made a shard's cut.
 *
 * Pure module.
 */
import { addToCorpus, bm25Score, emptyCorpus, mergeCorpora, termIndex, termStats, type CorpusStats, type Query } from './bm25.js';
import { hubKind } from './hubs.js';
import { baseName, extensionOf, isDocumentation } from './paths.js';
import { Tokenizer } from './tokenize.js';

export const PATH_WEIGHT = 3;
export const DEFAULT_SHARD_CANDIDATES = 300;

export interface CodeCandidate {
  path: string;
  length: number;
  tf: number[];
}

export interface ShardScore {
  corpus: CorpusStats;
  /** Best candidates of the shard by local score (any query term present). */
  candidates: CodeCandidate[];
}

const SKIPPED_EXT = new Set(['map', 'lock', 'svg', 'snap', 'min', 'log', 'csv', 'tsv', 'pdf', 'ico']);

/**
 * Whether a file takes part in code ranking. OpenSpec files are the other facets' business;
 * lockfiles, source maps, minified bundles and snapshots are noise.
 */
export function isRankable(path: string): boolean {
  if (path.startsWith('openspec/')) return false;
  if (hubKind(path) === 'lockfile') return false;
  const name = baseName(path);
  if (/\.min\.(js|css)$/.test(name)) return false;
  return !SKIPPED_EXT.has(extensionOf(path));
}

/** Documentation counts, but less than code: a person changes code to build a feature. */
export const docFactor = (path: string): number => (isDocumentation(path) ? 0.6 : 1);

export class CodeShardScorer {
  private readonly tokenizer = new Tokenizer();
  private readonly index: Map<string, number>;
  private readonly corpus: CorpusStats;
  private readonly hits: CodeCandidate[] = [];

  constructor(
    private readonly query: Query,
    private readonly maxCandidates = DEFAULT_SHARD_CANDIDATES,
  ) {
    this.index = termIndex(query);
    this.corpus = emptyCorpus(query);
  }

  add(path: string, text: string): void {
    const stats = termStats(
      this.query,
      [
        { text: path, weight: PATH_WEIGHT },
        { text, weight: 1 },
      ],
      this.tokenizer,
      this.index,
    );
    addToCorpus(this.corpus, stats);
    if (stats.tf.some((f) => f > 0)) this.hits.push({ path, length: stats.length, tf: stats.tf });
  }

  finish(): ShardScore {
    const scored = this.hits.map((c) => ({ c, s: bm25Score(this.query, c, this.corpus) * docFactor(c.path) }));
    scored.sort((a, b) => b.s - a.s || (a.c.path < b.c.path ? -1 : 1));
    return { corpus: this.corpus, candidates: scored.slice(0, this.maxCandidates).map((x) => x.c) };
  }
}

/** Global ranking over the shards' candidates, best first (ties by path). */
export function rankCandidates(query: Query, shards: readonly ShardScore[], topK: number): Array<{ path: string; score: number }> {
  const corpus = mergeCorpora(query, shards.map((s) => s.corpus));
  return shards
    .flatMap((s) => s.candidates)
    .map((c) => ({ path: c.path, score: Math.round(bm25Score(query, c, corpus) * docFactor(c.path) * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1))
    .slice(0, topK);
}
