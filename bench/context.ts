/**
 * Benchmark of context gathering (step 2), in-process (direct function calls, no Temporal): a
 * generated 50,000-file git repository (cached under os.tmpdir()) and this project itself.
 * Targets: 50,000 files < 20 s on 2 cores, peak RSS < 500 MB. Returns rows; prints nothing.
 * The Temporal-orchestrated measurement uses `ensureSyntheticRepo` and contextFacetWorkflow.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatherFacet, gatherContextInProcess } from '../src/activities/context/in-process.js';
import { projectRoot } from '../src/config/paths.js';
import type { FacetName } from '../src/domain/context/types.js';
import { ensureSyntheticRepo, NEEDLE_PATH, NEEDLE_REQUEST } from './synthetic-repo.js';

export { ensureSyntheticRepo } from './synthetic-repo.js';
import { peakRssMb, timed, type BenchRow } from './measure.js';

export const SYNTHETIC_FILES = 50_000;

async function withRunDir<T>(fn: (runDir: string) => Promise<T>): Promise<T> {
  const runDir = await mkdtemp(join(tmpdir(), 'pp-bench-context-'));
  try {
    return await fn(runDir);
  } finally {
    await rm(runDir, { recursive: true, force: true });
  }
}

export async function benchContext(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const repo = await timed(() => ensureSyntheticRepo(SYNTHETIC_FILES));
  rows.push({ name: `context: synthetic ${SYNTHETIC_FILES}-file git repo ready`, ms: repo.ms, notes: repo.ms > 2000 ? 'generated now' : 'cached' });

  for (const facet of ['architecture', 'code'] as FacetName[]) {
    const run = await withRunDir((runDir) => timed(() => gatherFacet({ facet, repoDir: repo.value, runDir, request: NEEDLE_REQUEST })));
    rows.push({
      name: `context: ${facet} facet, ${SYNTHETIC_FILES} files`,
      ms: run.ms,
      peakRssMb: peakRssMb(),
      filesPerSec: Math.round((run.value.stats.files / run.ms) * 1000),
      notes: facet === 'code' ? `${(run.value.summary as { shards: number }).shards} shards` : undefined,
    });
  }

  const all = await withRunDir((runDir) => timed(() => gatherContextInProcess({ repoDir: repo.value, runDir, request: NEEDLE_REQUEST })));
  const found = all.value.topFiles[0]?.path === NEEDLE_PATH;
  rows.push({
    name: `context: all facets + merge, ${SYNTHETIC_FILES} files (target < 20000 ms, < 500 MB)`,
    ms: all.ms,
    peakRssMb: peakRssMb(),
    filesPerSec: Math.round((all.value.filesScanned / all.ms) * 1000),
    notes: `summary ${Buffer.byteLength(JSON.stringify(all.value))} B; planted file ${found ? 'ranked first' : 'NOT ranked first'}`,
  });

  const own = await withRunDir((runDir) =>
    timed(() => gatherContextInProcess({ repoDir: projectRoot, runDir, request: 'split the code facet into shards with heartbeats' })),
  );
  rows.push({
    name: 'context: all facets + merge, this project',
    ms: own.ms,
    peakRssMb: peakRssMb(),
    filesPerSec: Math.round((own.value.filesScanned / Math.max(1, own.ms)) * 1000),
    notes: `${own.value.filesScanned} files; top: ${own.value.topFiles[0]?.path ?? 'none'}`,
  });
  return rows;
}
