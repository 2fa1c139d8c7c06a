/**
 * Facet "code": BM25 ranking of the repository's files for the request, in shards.
 * `listCodeFiles` writes the file list once; `scoreCodeShard` scores an index range of it and
 * writes its candidates to the run folder; `mergeCodeShards` rescores every shard's candidates
 * with the global statistics and extracts the symbols of the top files. `gatherCode` runs the
 * three in-process (tests, benchmarks); the child workflow runs them as activities.
 */
import { join } from 'node:path';
import { buildQuery, type CorpusStats } from '../../domain/context/bm25.js';
import { CodeShardScorer, isRankable, rankCandidates, type CodeCandidate } from '../../domain/context/code-ranking.js';
import { SUMMARY_LIMITS } from '../../domain/context/limits.js';
import { balancedShardRanges, DEFAULT_SHARD_SIZE } from '../../domain/context/shards.js';
import { isTestFile } from '../../domain/author/globs.js';
import { extractOperations, extractRoutes, ROUTE_FILE } from '../../domain/context/routes.js';
import { extractSymbols } from '../../domain/context/symbols.js';
import type { CodeFacetSummary, FacetInput, FacetResult, FileRef, RankedFile } from '../../domain/context/types.js';
import { readVerified, writeFileAtomic, writeJsonAtomic } from '../../io/atomic-write.js';
import { DEFAULT_MAX_FILE_BYTES, listRepositoryFiles, readFileList, readTextFile, skippedOf, writeFileList } from './files.js';
import { forEachChunk, mapLimit } from './pool.js';
import { facetPath, fileListPath, shardPath } from './run-folder.js';

/** Ranked files kept in the facet file (the summary keeps SUMMARY_LIMITS.topFiles). */
const FULL_RANKING = 200;
const PROGRESS_EVERY = 250;

export interface ListedFiles {
  ref: FileRef;
  files: number;
  skipped: number;
}

export interface ShardInput {
  input: FacetInput;
  list: ListedFiles;
  start: number;
  end: number;
}

/** What a shard returns into workflow history: counts and statistics, never file names. */
export interface ShardResult {
  ref: FileRef;
  start: number;
  end: number;
  scanned: number;
  binary: number;
  oversized: number;
  corpus: CorpusStats;
}

export interface ShardHooks {
  /** Called every few hundred files with the number done so far. */
  onProgress?: (done: number) => void;
  signal?: AbortSignal;
}

export async function listCodeFiles(input: FacetInput, opts: { signal?: AbortSignal } = {}): Promise<ListedFiles> {
  const list = await listRepositoryFiles(input.repoDir, { maxFileBytes: input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, ...opts });
  const ref = await writeFileList(fileListPath(input.runDir, 'code'), list);
  return { ref, files: list.paths.length, skipped: skippedOf(list) };
}

export async function scoreCodeShard({ input, list, start, end }: ShardInput, hooks: ShardHooks = {}): Promise<ShardResult> {
  const files = await readFileList(list.ref);
  const maxBytes = input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const scorer = new CodeShardScorer(buildQuery(input.request, input.hints));
  const paths = files.paths.slice(start, end);
  let scanned = 0;
  let binary = 0;
  let oversized = 0;
  let done = 0;
  await forEachChunk(
    paths,
    (path) => {
      if (isRankable(path)) {
        const read = readTextFile(join(files.repoDir, path), maxBytes);
        if (read.kind === 'text') {
          scorer.add(path, read.text);
          scanned++;
        } else if (read.kind === 'binary') binary++;
        else if (read.kind === 'oversized') oversized++;
      }
      if (++done % PROGRESS_EVERY === 0) hooks.onProgress?.(done);
    },
    hooks.signal,
  );
  hooks.onProgress?.(done);
  const { corpus, candidates } = scorer.finish();
  const ref = await writeFileAtomic(shardPath(input.runDir, start, end), JSON.stringify({ start, end, corpus, candidates }));
  return { ref, start, end, scanned, binary, oversized, corpus };
}

/** Route files read for `apiRoutes` beyond the ranked ones (bounded for any repository size). */
const ROUTE_FILES_SCANNED = 60;

function routesOf(repoDir: string, path: string, maxBytes: number): { routes: string[]; operations: string[] } {
  const read = readTextFile(join(repoDir, path), maxBytes);
  if (read.kind !== 'text') return { routes: [], operations: [] };
  try {
    return { routes: extractRoutes(path, read.text), operations: extractOperations(path, read.text) };
  } catch {
    return { routes: [], operations: [] };
  }
}

/**
 * HTTP routes the repository declares: the ranked files first (most relevant routes first), then
 * files whose path looks like routing or an OpenAPI document, in list order.
 */
async function apiRoutesOf(repoDir: string, list: ListedFiles, ranked: readonly string[], maxBytes: number): Promise<{ routes: string[]; operations: string[] }> {
  const all = await readFileList(list.ref);
  // Tests call routes (often made-up ones); the routes a service declares live in its code.
  const byPath = all.paths.filter((p) => ROUTE_FILE.test(p) && isRankable(p) && !isTestFile(p) && !ranked.includes(p)).slice(0, ROUTE_FILES_SCANNED);
  const out: string[] = [];
  const ops: string[] = [];
  for (const path of [...ranked.filter((p) => !isTestFile(p)), ...byPath]) {
    const found = routesOf(repoDir, path, maxBytes);
    for (const r of found.routes) if (!out.includes(r)) out.push(r);
    for (const o of found.operations) if (!ops.includes(o)) ops.push(o);
    if (out.length >= SUMMARY_LIMITS.apiRoutes * 4) break;
  }
  // Operations on the routes reported first come first, so the summary's cut keeps them.
  const rank = (o: string) => out.indexOf(o.slice(o.indexOf(' ') + 1));
  ops.sort((a, b) => rank(a) - rank(b));
  return { routes: out, operations: ops };
}

function symbolsOf(repoDir: string, path: string, maxBytes: number): string[] {
  const read = readTextFile(join(repoDir, path), maxBytes);
  if (read.kind !== 'text') return [];
  try {
    return extractSymbols(path, read.text);
  } catch {
    return [];
  }
}

export async function mergeCodeShards(
  input: FacetInput,
  list: ListedFiles,
  shards: readonly ShardResult[],
  startedAt: number = Date.now(),
): Promise<FacetResult> {
  const query = buildQuery(input.request, input.hints);
  const maxBytes = input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const parts = await mapLimit(shards, 4, async (s) => {
    const data = JSON.parse(await readVerified(s.ref)) as { candidates: CodeCandidate[] };
    return { corpus: s.corpus, candidates: data.candidates };
  });
  const ranked = rankCandidates(query, parts, FULL_RANKING);
  const withSymbols = SUMMARY_LIMITS.topFiles * 2;
  const files: RankedFile[] = ranked.map((r, i) => ({
    path: r.path,
    score: r.score,
    symbols: i < withSymbols ? symbolsOf(input.repoDir, r.path, maxBytes) : [],
  }));
  const { routes: apiRoutes, operations: apiOperations } = await apiRoutesOf(input.repoDir, list, files.slice(0, withSymbols).map((f) => f.path), maxBytes);
  const scanned = shards.reduce((n, s) => n + s.scanned, 0);
  const binary = shards.reduce((n, s) => n + s.binary, 0);
  const oversized = shards.reduce((n, s) => n + s.oversized, 0);
  const ref = await writeJsonAtomic(facetPath(input.runDir, 'code'), {
    facet: 'code',
    request: input.request,
    query: query.terms,
    files: list.files,
    scanned,
    binary,
    oversized,
    shards: shards.map((s) => ({ start: s.start, end: s.end, ref: s.ref, scanned: s.scanned })),
    ranked: files,
    apiRoutes,
    apiOperations,
  });
  const summary: CodeFacetSummary = {
    topFiles: files.slice(0, SUMMARY_LIMITS.topFiles).map((f) => ({ ...f, symbols: f.symbols.slice(0, SUMMARY_LIMITS.symbolsPerFile) })),
    filesScanned: scanned,
    binary,
    oversized,
    shards: shards.length,
    ...(apiRoutes.length > 0 ? { apiRoutes: apiRoutes.slice(0, SUMMARY_LIMITS.apiRoutes) } : {}),
    ...(apiOperations.length > 0 ? { apiOperations: apiOperations.slice(0, SUMMARY_LIMITS.apiOperations) } : {}),
  };
  return {
    facet: 'code',
    ref,
    summary: { ...summary },
    stats: { files: list.files, skipped: list.skipped + binary + oversized, ms: Date.now() - startedAt },
  };
}

/** The whole code facet in this process: list, score every shard (concurrently), merge. */
export async function gatherCode(input: FacetInput, opts: { signal?: AbortSignal; shardConcurrency?: number } = {}): Promise<FacetResult> {
  const started = Date.now();
  const list = await listCodeFiles(input, opts);
  const lanes = opts.shardConcurrency ?? 2;
  const ranges = balancedShardRanges(list.files, input.shardSize ?? DEFAULT_SHARD_SIZE, lanes);
  const hooks = opts.signal ? { signal: opts.signal } : {};
  const shards = await mapLimit(ranges, lanes, (r) => scoreCodeShard({ input, list, ...r }, hooks));
  return mergeCodeShards(input, list, shards, started);
}
