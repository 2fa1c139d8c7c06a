/** What every benchmark reports, and how it measures. */
import { performance } from 'node:perf_hooks';

export interface BenchRow {
  name: string;
  ms: number;
  peakRssMb?: number;
  filesPerSec?: number;
  notes?: string;
}

/** Peak resident set size of this process so far (a process-wide maximum). */
export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** Wall time of `fn` in milliseconds, to 0.1 ms. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: Math.round((performance.now() - start) * 10) / 10, value };
}
