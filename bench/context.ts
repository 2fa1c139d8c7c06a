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
import { deriveChangeId } from '../src/domain/change-id.js';
import { ruleBasedDraft } from '../src/domain/author/rule-based.js';
import { generateWorkPackages } from '../src/domain/plan/generate-packages.js';

export { ensureSyntheticRepo } from './synthetic-repo.js';
import { peakRssDuring, peakRssMb, timed, type BenchRow } from './measure.js';

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

  for (const facet of ['architecture', 'code', 'model'] as FacetName[]) {
    const run = await withRunDir((runDir) => peakRssDuring(() => timed(() => gatherFacet({ facet, repoDir: repo.value, runDir, request: NEEDLE_REQUEST }))));
    rows.push({
      name: `context: ${facet} facet, ${SYNTHETIC_FILES} files${facet === 'model' ? ' (target < 20000 ms, < 500 MB)' : ''}`,
      ms: run.value.ms,
      peakRssMb: run.peakRssMb,
      filesPerSec: Math.round((run.value.value.stats.files / run.value.ms) * 1000),
      notes:
        facet === 'code'
          ? `${(run.value.value.summary as { shards: number }).shards} shards`
          : facet === 'model'
            ? `${(run.value.value.summary as { parsed: number }).parsed} parsed whole, ${(run.value.value.summary as { edges: number }).edges} references`
            : undefined,
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
  rows.push(await benchPlanOf(PLANNED_FILES));
  return rows;
}

/** A repository of ordinary size, planned end to end in this process (steps 2-5). */
export const PLANNED_FILES = 3_000;

async function benchPlanOf(files: number): Promise<BenchRow> {
  const repoDir = await ensureSyntheticRepo(files);
  const request = NEEDLE_REQUEST;
  return withRunDir(async (runDir) => {
    const run = await peakRssDuring(() =>
      timed(async () => {
        const changeId = deriveChangeId(request, []);
        const context = await gatherContextInProcess({ repoDir, runDir, request, changeId });
        const draft = ruleBasedDraft({ request, context, changeId, revision: 1, feedback: [] });
        return generateWorkPackages({ draft, context, planRevision: 1, contractsRevision: 1 });
      }),
    );
    return {
      name: `plan (context with the model, author, packages) of a ${files}-file repository (target < 15000 ms)`,
      ms: run.value.ms,
      peakRssMb: run.peakRssMb,
      filesPerSec: Math.round((files / run.value.ms) * 1000),
      notes: `${run.value.value.doc.packages.length} packages`,
    };
  });
}
