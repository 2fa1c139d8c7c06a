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

/**
 * Highest resident set size sampled while `fn` runs (every 10 ms). Unlike `peakRssMb`, start-up
 * work done earlier in the process (such as bundling the workflow code) does not count.
 */
export async function peakRssDuring<T>(fn: () => Promise<T>): Promise<{ peakRssMb: number; value: T }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { peakRssMb: Math.round(peak / 1024 / 1024), value };
  } finally {
    clearInterval(timer);
  }
}

/** Wall time of `fn` in milliseconds, to 0.1 ms. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: Math.round((performance.now() - start) * 10) / 10, value };
}
