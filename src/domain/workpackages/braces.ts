/**
 * Brace expansion for globs: `{a,b}` alternatives, nested, expanded left to right.
 */

/** Expansions beyond this count make the glob match everything (a conservative overlap). */
export const MAX_BRACE_EXPANSIONS = 1024;

/** Index of the `}` closing the `{` at `open`, with the top-level comma positions, if any. */
function braceGroup(chars: readonly string[], open: number): { close: number; commas: number[] } | undefined {
  let depth = 0;
  const commas: number[] = [];
  for (let k = open; k < chars.length; k++) {
    const c = chars[k];
    if (c === '\\') k++;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return commas.length > 0 ? { close: k, commas } : undefined;
    } else if (c === ',' && depth === 1) commas.push(k);
  }
  return undefined;
}

/**
 * `{a,b}` alternatives expanded left to right (`a{b,c}d` -> `abd`, `acd`); a brace without a
 * top-level comma or without its `}` stays literal. Undefined when there are too many results.
 */
export function expandBraces(glob: string): string[] | undefined {
  const chars = Array.from(glob);
  for (let k = 0; k < chars.length; k++) {
    if (chars[k] === '\\') {
      k++;
      continue;
    }
    if (chars[k] !== '{') continue;
    const group = braceGroup(chars, k);
    if (!group) continue;
    const head = chars.slice(0, k).join('');
    const tail = chars.slice(group.close + 1).join('');
    const bounds = [k, ...group.commas, group.close];
    const results: string[] = [];
    for (let g = 0; g + 1 < bounds.length; g++) {
      const expanded = expandBraces(head + chars.slice(bounds[g]! + 1, bounds[g + 1]).join('') + tail);
      if (!expanded) return undefined;
      results.push(...expanded);
      if (results.length > MAX_BRACE_EXPANSIONS) return undefined;
    }
    return [...new Set(results)];
  }
  return [glob];
}
