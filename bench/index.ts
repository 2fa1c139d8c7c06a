/**
 * `npm run bench`: speed and memory figures of every step, printed as one table (and as JSON
 * with --json, also written to bench-results.json). Targets are stated in the row names.
 * The Temporal measurements run in a child process so each part's peak RSS is its own.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { benchContext } from './context.js';
import type { BenchRow } from './measure.js';
import { benchContracts } from './contracts.js';
import { benchWorkPackages } from './workpackages.js';

async function benchTemporalInChild(): Promise<BenchRow[]> {
  const script = fileURLToPath(new URL('./temporal.js', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], { maxBuffer: 16 * 1024 * 1024 });
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
  await writeFile('bench-results.json', JSON.stringify({ at: new Date().toISOString(), rows }, null, 2) + '\n');
  if (json) console.log(JSON.stringify({ rows }, null, 2));
  else printTable(rows);
}

await main();
