/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Calls `fn` on every item synchronously, yielding to the event loop between chunks so that
 * heartbeats, cancellation and other activities keep running during long scans.
 */
export async function forEachChunk<T>(items: readonly T[], fn: (item: T, index: number) => void, signal?: AbortSignal, chunk = 256): Promise<void> {
  for (let start = 0; start < items.length; start += chunk) {
    signal?.throwIfAborted();
    const end = Math.min(items.length, start + chunk);
    for (let i = start; i < end; i++) fn(items[i]!, i);
    if (end < items.length) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
