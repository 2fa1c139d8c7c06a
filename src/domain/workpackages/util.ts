/** Small helpers shared by the work-packages modules. */

/** A plain object (not null, not an array): what a YAML mapping parses to. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Memoizes a one-argument function of a string. The cache is cleared when it reaches `limit`
 * entries so a stream of distinct inputs cannot grow memory without bound.
 */
export function memoizeBounded<V>(fn: (key: string) => V, limit = 10_000): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= limit) cache.clear();
      value = fn(key);
      cache.set(key, value);
    }
    return value;
  };
}

/** The first item per id: later duplicates are the depends_on_refs check's finding, not used. */
export function firstById<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}
