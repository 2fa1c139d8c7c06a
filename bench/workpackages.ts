/**
 * Benchmark of the work-packages validator on a generated 500-package plan: disjoint write
 * scopes per package, dependencies in layers, canonical locks. Target: < 1 s with overlap
 * checks in compat mode. Returns rows; prints nothing (the bench runner prints).
 */
import { timed, type BenchRow } from './measure.js';
import { dagReport } from '../src/domain/workpackages/graph.js';
import { apiLockKey, dbSchemaLockKey, eventLockKey, featureLockKey } from '../src/domain/workpackages/lock-keys.js';
import { parallelPairs } from '../src/domain/workpackages/dag.js';
import { packageViews } from '../src/domain/workpackages/package-view.js';
import type { WorkPackage, WorkPackagesDoc } from '../src/domain/workpackages/types.js';
import { validateWorkPackages } from '../src/domain/workpackages/validate.js';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../src/config/paths.js';

/** Deterministic pseudo-random numbers (LCG) so every run benchmarks the same document. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function benchPackage(id: string, n: number, dependsOn: string[]): WorkPackage {
  const svc = `svc${String(n).padStart(3, '0')}`;
  return {
    package_id: id,
    task_type: 'implementation',
    description: `Implement ${svc}.`,
    depends_on: dependsOn,
    priority: 5,
    locks: {
      files: [`services/${svc}/README.md`],
      keys: [apiLockKey('GET', `/v1/${svc}`), dbSchemaLockKey(`${svc}_items`), eventLockKey(`${svc}.updated`)],
    },
    scope: { write_allow: [`services/${svc}/src/**`, `services/${svc}/tests/test_*.py`, `docs/${svc}/*.md`], read_allow: ['**'] },
    worktree: { name: id },
    timeout_minutes: 30 + (n % 5) * 15,
    retry_budget: 1,
    min_trust_level: 2,
    verification: {
      tier_required: 'A',
      steps: [{ name: 'test', kind: 'command', command: `pytest services/${svc}`, evidence: { artifacts: [], result_keys: ['tests'] } }],
    },
    outputs: { result_keys: [`${svc}_done`] },
  };
}

/** wp-contracts, then `layers` layers whose packages depend on 1-3 packages of the layer before. */
export function benchDocument(packages = 500, layers = 10): WorkPackagesDoc {
  const random = lcg(500);
  const doc: WorkPackagesDoc = {
    schema_version: 1,
    feature: { id: 'bench-feature', plan_revision: 1 },
    contracts: { revision: 1, openapi: { primary: 'contracts/openapi/v1.yaml', files: ['contracts/openapi/v1.yaml'] } },
    packages: [
      {
        ...benchPackage('wp-contracts', 0, []),
        locks: { files: ['contracts/openapi/v1.yaml'], keys: [featureLockKey('bench-feature', 'contracts')] },
        scope: { write_allow: ['contracts/**'], read_allow: ['**'] },
      },
    ],
  };
  let previous = ['wp-contracts'];
  const perLayer = Math.ceil((packages - 1) / layers);
  for (let layer = 0, n = 1; layer < layers && n < packages; layer++) {
    const current: string[] = [];
    for (let k = 0; k < perLayer && n < packages; k++, n++) {
      const id = `wp-l${layer}-p${k}`;
      const deps = new Set<string>();
      const count = 1 + Math.floor(random() * 3);
      for (let d = 0; d < count; d++) deps.add(previous[Math.floor(random() * previous.length)]!);
      doc.packages.push(benchPackage(id, n, [...deps]));
      current.push(id);
    }
    previous = current;
  }
  return doc;
}

export async function benchWorkPackages(): Promise<BenchRow[]> {
  const doc = benchDocument();
  const pairs = parallelPairs(packageViews(doc)).length;
  const size = `${doc.packages.length} packages, ${pairs} parallel pairs`;
  const rows: BenchRow[] = [];
  const plain = await timed(() => validateWorkPackages(doc, { checkOverlap: false, globMode: 'compat' }));
  rows.push({ name: 'workpackages: validate, no overlap', ms: plain.ms, notes: `${size}; valid=${plain.value.valid}` });
  for (const globMode of ['compat', 'exact'] as const) {
    // The first run compiles every glob (regex / NFA); the second shows the cached cost.
    const cold = await timed(() => validateWorkPackages(doc, { checkOverlap: true, globMode }));
    const warm = await timed(() => validateWorkPackages(doc, { checkOverlap: true, globMode }));
    const notes = `${size}; valid=${cold.value.valid}`;
    rows.push({ name: `workpackages: validate --check-overlap --glob-mode ${globMode} (cold)`, ms: cold.ms, notes });
    rows.push({ name: `workpackages: validate --check-overlap --glob-mode ${globMode} (warm)`, ms: warm.ms, notes });
  }
  // Worst case for exact mode: globs starting with `**/` defeat the literal-prefix pre-check,
  // so every glob pair runs the product-automaton search (and here every pair does overlap).
  const unanchored = benchDocument(100, 4);
  for (const p of unanchored.packages) p.scope.write_allow = p.scope.write_allow.map((g) => g.replace(/^services\//, '**/'));
  const worst = await timed(() => validateWorkPackages(unanchored, { checkOverlap: true, globMode: 'exact' }));
  rows.push({
    name: 'workpackages: validate --check-overlap --glob-mode exact, **/ globs (worst case)',
    ms: worst.ms,
    notes: `100 packages, ${parallelPairs(packageViews(unanchored)).length} parallel pairs, ${worst.value.checks.scope_overlap?.overlaps.length} overlaps`,
  });
  const graph = await timed(() => dagReport(doc));
  rows.push({ name: 'workpackages: graph report', ms: graph.ms, notes: `${graph.value.waves.length} waves, width ${graph.value.maxParallelWidth}` });
  rows.push(...cliStartup());
  return rows;
}

/**
 * `parallel-plan validate <file>` as a user runs it, paired with `node -e 0` (node's own start-up):
 * the two alternate, RUNS times each, and the row gives the medians and their ratio.
 * Target: at most 1.3x node's start-up (validate loads none of the Temporal packages).
 */
function cliStartup(): BenchRow[] {
  const RUNS = 11;
  const bin = join(projectRoot, 'bin', 'parallel-plan.js');
  const file = join(projectRoot, 'examples/taskboard/openspec/changes/add-task-labels/work-packages.yaml');
  const wall = (args: string[]): number => {
    const start = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${String(r.status)}`);
    return performance.now() - start;
  };
  const node: number[] = [];
  const validate: number[] = [];
  wall([bin, 'validate', file]); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    node.push(wall(['-e', '0']));
    validate.push(wall([bin, 'validate', file]));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const [n, v] = [median(node), median(validate)];
  return [
    { name: 'cli: node -e 0 (node start-up, paired)', ms: Math.round(n) },
    { name: 'cli: parallel-plan validate <file> (target <= 1.3x node start-up)', ms: Math.round(v), notes: `ratio ${(v / n).toFixed(2)}x, median of ${RUNS} paired runs` },
  ];
}
