/** Index ranges [start, end) splitting `files` into shards of `size`. Pure (the workflow uses it). */
export function shardRanges(files: number, size: number): Array<{ start: number; end: number }> {
  const step = Math.max(1, Math.floor(size));
  const out: Array<{ start: number; end: number }> = [];
  for (let start = 0; start < files; start += step) out.push({ start, end: Math.min(files, start + step) });
  return out;
}

export const DEFAULT_SHARD_SIZE = 10_000;
