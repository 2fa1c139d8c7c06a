/**
 * `npm run bench`: speed and memory figures of every step, printed as one table (and as JSON
 * with --json, also written to bench-results.json). Targets are stated in the row names.
 * The Temporal measurements run in a child process so each part's peak RSS is its own; the load
 * run (50 plans at once on one, then two, worker processes) last, skipped with --no-load.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { benchContext } from './context.js';
import { timed, type BenchRow } from './measure.js';
import { cachedWorkflowBundle } from '../src/service/bundle-cache.js';
import { benchContracts } from './contracts.js';
import { benchWorkPackages } from './workpackages.js';

/**
 * The workflow bundle is built here, as the CLI and the worker build it once into their state
 * folder; the child then starts its worker from that cached bundle like they do.
 */
async function benchTemporalInChild(): Promise<BenchRow[]> {
  const bundleDir = await mkdtemp(join(tmpdir(), 'pp-bench-bundle-'));
  try {
    const bundle = await timed(() => cachedWorkflowBundle(bundleDir));
    const script = fileURLToPath(new URL('./temporal.js', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [script, bundleDir], { maxBuffer: 16 * 1024 * 1024 });
    return [
      { name: 'workflow bundle (once per source change; cached in the state folder)', ms: bundle.ms },
      ...(JSON.parse(stdout.trim().split('\n').pop()!) as BenchRow[]),
    ];
  } finally {
    await rm(bundleDir, { recursive: true, force: true });
  }
}

/** N plans at once on one and on two worker processes (bench/load.ts, in a process of its own). */
async function benchLoadInChild(): Promise<BenchRow[]> {
  const script = fileURLToPath(new URL('./load.js', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], { maxBuffer: 16 * 1024 * 1024, timeout: 70 * 60_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as BenchRow[];
}

function printTable(rows: BenchRow[]): void {
  const cells = rows.map((r) => [r.name, String(r.ms), r.peakRssMb === undefined ? '' : String(r.peakRssMb), r.filesPerSec === undefined ? '' : String(r.filesPerSec), r.notes ?? '']);
  const header = ['benchmark', 'ms', 'peak RSS MB', 'files/s', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const rows: BenchRow[] = [];
  rows.push(...(await benchContext()));
  rows.push(...(await benchWorkPackages()));
  rows.push(...(await benchContracts()));
  rows.push(...(await benchTemporalInChild()));
  if (!process.argv.includes('--no-load')) rows.push(...(await benchLoadInChild()));
  await writeFile('bench-results.json', JSON.stringify({ at: new Date().toISOString(), rows }, null, 2) + '\n');
  if (json) console.log(JSON.stringify({ rows }, null, 2));
  else printTable(rows);
}

await main();
