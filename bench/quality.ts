/**
 * `npm run bench:quality -- --corpus <dir> [--only <id-part>] [--json] [--out <file>] [--facet-cache <dir>]`: plans every
 * case of a corpus of real changes (built by scripts/build-quality-corpus.mjs from
 * bench/quality/corpus.json) and measures the write scopes against the files the change really
 * touched: recall (touched files some package but wp-integration may write), breadth (share of
 * the repository's files those scopes allow) and time per plan. Steps 2-5 run in this process
 * (context with the repository model, the rule-based author, packaging), as the worker runs them.
 *
 * `--facet-cache <dir>` keeps each case's facet results (the repository model, the lexical
 * ranking, ...) there and reuses them on the next run, so only the merge (impact analysis), the
 * author and packaging run again: for tuning those on the corpus in about a minute. Times of a
 * run that reuses facets are not plan times.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatherFacets } from '../src/activities/context/in-process.js';
import { mergeContext } from '../src/activities/context/merge.js';
import type { FacetResult } from '../src/domain/context/types.js';
import { listRepositoryFiles } from '../src/activities/context/files.js';
import { repositorySlice } from '../src/activities/context/model-facet.js';
import { deriveChangeId } from '../src/domain/change-id.js';
import { ruleBasedDraft } from '../src/domain/author/rule-based.js';
import { generateWorkPackages } from '../src/domain/plan/generate-packages.js';
import { matchesAnyGlob } from '../src/domain/repository-model/glob-match.js';
import { INTEGRATION_PACKAGE_ID } from '../src/domain/plan/packaging-defaults.js';

interface CaseFile {
  id: string;
  repo: string;
  kind: string;
  request: string;
  truth: { files: string[]; deleted?: string[] };
  lockfiles?: string[];
}

interface CaseResult {
  id: string;
  repo: string;
  kind: string;
  files: number;
  truth: number;
  covered: number;
  recall: number;
  breadth: number;
  packages: number;
  ms: number;
  missed: string[];
  /** The write scopes of every package but wp-integration. */
  scopes: string[];
  error?: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Facet results of a case: gathered now, or read from the cache a run with `--facet-cache` left. */
async function facetResults(input: { repoDir: string; runDir: string; request: string; changeId: string }, cached: string | undefined): Promise<FacetResult[]> {
  if (cached && existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as FacetResult[];
  const results = await gatherFacets(input);
  if (cached) writeFileSync(cached, JSON.stringify(results));
  return results;
}

async function runCase(dir: string, c: CaseFile, cacheDir: string | undefined): Promise<CaseResult> {
  const repoDir = join(dir, 'repo');
  const runDir = cacheDir ? join(cacheDir, c.id) : await mkdtemp(join(tmpdir(), 'pp-quality-'));
  if (cacheDir) await mkdir(runDir, { recursive: true });
  const started = Date.now();
  try {
    const list = await listRepositoryFiles(repoDir);
    const changeId = deriveChangeId(c.request, []);
    const results = await facetResults({ repoDir, runDir, request: c.request, changeId }, cacheDir ? join(runDir, 'facets.json') : undefined);
    const context = await mergeContext({ repoDir, runDir, request: c.request, changeId, results });
    const repository = await repositorySlice(context);
    const draft = ruleBasedDraft({ request: c.request, context, changeId, revision: 1, feedback: [], ...(repository ? { repository } : {}) });
    const { doc } = generateWorkPackages({ draft, context, planRevision: 1, contractsRevision: 1 });
    const ms = Date.now() - started;
    const scopes = doc.packages.filter((p) => p.package_id !== INTEGRATION_PACKAGE_ID).flatMap((p) => p.scope.write_allow);
    const truth = c.truth.files.filter((f) => !(c.lockfiles ?? []).includes(f));
    const covered = truth.filter((f) => matchesAnyGlob(f, scopes));
    const allowed = list.paths.filter((f) => matchesAnyGlob(f, scopes)).length;
    return {
      id: c.id,
      repo: c.repo,
      kind: c.kind,
      files: list.paths.length,
      truth: truth.length,
      covered: covered.length,
      recall: truth.length === 0 ? 1 : covered.length / truth.length,
      breadth: list.paths.length === 0 ? 0 : allowed / list.paths.length,
      packages: doc.packages.length,
      ms,
      missed: truth.filter((f) => !covered.includes(f)),
      scopes,
    };
  } catch (err) {
    return { id: c.id, repo: c.repo, kind: c.kind, files: 0, truth: c.truth.files.length, covered: 0, recall: 0, breadth: 0, packages: 0, ms: Date.now() - started, missed: [], scopes: [], error: (err as Error).message.split('\n')[0]!.slice(0, 200) };
  } finally {
    if (!cacheDir) await rm(runDir, { recursive: true, force: true });
  }
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (c: string[]): string => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const corpus = arg('--corpus');
  if (!corpus || !existsSync(corpus)) {
    console.error('usage: npm run bench:quality -- --corpus <dir> [--only <id-part>] [--json] [--out <file>] [--facet-cache <dir>]\n(build the corpus with: node scripts/build-quality-corpus.mjs --out <dir>)');
    process.exit(2);
  }
  const only = arg('--only');
  const cacheDir = arg('--facet-cache');
  const ids = readdirSync(corpus)
    .filter((d) => existsSync(join(corpus, d, 'case.json')) && (!only || d.includes(only)))
    .sort();
  const results: CaseResult[] = [];
  for (const id of ids) {
    const c = JSON.parse(readFileSync(join(corpus, id, 'case.json'), 'utf8')) as CaseFile;
    const r = await runCase(join(corpus, id), c, cacheDir);
    results.push(r);
    if (!process.argv.includes('--json')) {
      console.error(`${r.id}: recall ${pct(r.recall)} (${r.covered}/${r.truth}), breadth ${pct(r.breadth)}, ${r.packages} packages, ${r.ms} ms${r.error ? `, ERROR ${r.error}` : ''}${r.missed.length > 0 ? `; missed ${r.missed.slice(0, 4).join(' ')}` : ''}`);
    }
  }
  const ok = results.filter((r) => !r.error);
  const byRepo = [...new Set(results.map((r) => r.repo))].map((repo) => {
    const rs = ok.filter((r) => r.repo === repo);
    return [repo, String(rs.length), pct(median(rs.map((r) => r.recall))), pct(median(rs.map((r) => r.breadth))), pct(Math.max(0, ...rs.map((r) => r.breadth))), String(Math.round(median(rs.map((r) => r.ms))))];
  });
  const summary = {
    cases: results.length,
    failed: results.length - ok.length,
    medianRecall: median(ok.map((r) => r.recall)),
    meanRecall: ok.reduce((n, r) => n + r.recall, 0) / Math.max(1, ok.length),
    medianBreadth: median(ok.map((r) => r.breadth)),
    maxBreadth: Math.max(0, ...ok.map((r) => r.breadth)),
    over10: ok.filter((r) => r.breadth > 0.1).length,
    medianMs: median(ok.map((r) => r.ms)),
  };
  const out = arg('--out');
  if (out) writeFileSync(out, JSON.stringify({ summary, results }, null, 2) + '\n');
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ summary, results }, null, 2));
    return;
  }
  console.log(table(['repository', 'cases', 'median recall', 'median breadth', 'max breadth', 'median ms'], [...byRepo, ['all', String(ok.length), pct(summary.medianRecall), pct(summary.medianBreadth), pct(summary.maxBreadth), String(Math.round(summary.medianMs))]]));
  console.log(`\nmean recall ${pct(summary.meanRecall)}; plans allowing more than 10% of their repository: ${summary.over10}; failed cases: ${summary.failed}`);
  console.log('targets: median recall >= 80% at median breadth <= 2%, no plan above 10%');
}

await main();
