/** Index ranges [start, end) splitting `files` into shards of `size`. Pure (the workflow uses it). */
export function shardRanges(files: number, size: number): Array<{ start: number; end: number }> {
  const step = Math.max(1, Math.floor(size));
  const out: Array<{ start: number; end: number }> = [];
  for (let start = 0; start < files; start += step) out.push({ start, end: Math.min(files, start + step) });
  return out;
}

/**
 * Shards of at most `size` files, as many as a multiple of `lanes` (the shards scored at once)
 * when there is more than one: 50,000 files in lanes of 4 give 8 shards of 6,250, two full rounds,
 * instead of 5 of 10,000 whose last one runs alone after the others. Equal sizes, in order.
 */
export function balancedShardRanges(files: number, size: number, lanes: number): Array<{ start: number; end: number }> {
  const step = Math.max(1, Math.floor(size));
  if (files <= step) return shardRanges(files, step);
  const lane = Math.max(1, Math.floor(lanes));
  const count = Math.min(files, Math.ceil(Math.ceil(files / step) / lane) * lane);
  const out: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor((i * files) / count);
    const end = Math.floor(((i + 1) * files) / count);
    if (end > start) out.push({ start, end });
  }
  return out;
}

export const DEFAULT_SHARD_SIZE = 10_000;
