/**
 * A cheap pre-check shared by both overlap modes: every path a glob matches starts with the
 * glob's literal prefix (the text before its first `*`, `?`, `[`, `{` or `\`). When two
 * prefixes disagree within their common length, no path can match both globs. Most parallel
 * scopes differ in a literal directory, so this skips the regex or NFA work for them.
 */
const WILDCARD = /[*?[{\\]/;

export function literalPrefix(glob: string): string {
  const stop = glob.search(WILDCARD);
  return stop < 0 ? glob : glob.slice(0, stop);
}

/** Whether two literal prefixes (from `literalPrefix`) rule out any common path. */
export function prefixesConflict(pa: string, pb: string): boolean {
  const common = Math.min(pa.length, pb.length);
  for (let i = 0; i < common; i++) if (pa.charCodeAt(i) !== pb.charCodeAt(i)) return true;
  return false;
}

export const literalPrefixesConflict = (a: string, b: string): boolean => prefixesConflict(literalPrefix(a), literalPrefix(b));
