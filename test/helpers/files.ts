/** What a folder holds, for tests asserting that nothing was written to it. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every entry under `dir` (sorted, `.git` left out): files with their size, links marked as
 * links. Two snapshots are equal when nothing was added, removed or resized.
 */
export function treeSnapshot(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${p}:${e.isFile() ? statSync(p).size : 'link'}`);
    }
  };
  walk(dir);
  return out.sort();
}
