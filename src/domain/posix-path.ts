/** Repository-relative POSIX paths without the file system. Pure. */

/** `rel` joined onto the folder `dir` ('' is the top), `.` and `..` resolved; undefined when it climbs above the top. */
export function joinInside(dir: string, rel: string): string | undefined {
  const parts = dir === '' ? [] : dir.split('/');
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}
