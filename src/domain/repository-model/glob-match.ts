/**
 * Fast path matching for globs in the exact glob language of the work-packages validator (see
 * src/domain/workpackages/glob-exact.ts): each glob becomes a regular expression once, so
 * thousands of files can be tested against a scope. The property test checks it agrees with
 * the validator's NFA on generated globs and paths.
 *
 * Pure module.
 */
import { expandBraces } from '../workpackages/braces.js';
import { memoizeBounded } from '../workpackages/util.js';

function segmentRegex(glob: string): string {
  let out = '';
  const chars = Array.from(glob);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) {
      out += escape(chars[++i]!);
    } else if (c === '*') {
      const double = chars[i + 1] === '*';
      const atStart = i === 0 || chars[i - 1] === '/';
      if (double) {
        let j = i;
        while (chars[j] === '*') j++;
        const atEnd = j === chars.length || chars[j] === '/';
        if (atStart && atEnd) {
          if (j === chars.length) out += i === 0 ? '.*' : '.*';
          else {
            out += '(?:[^/]*/)*';
            j++; // the slash after **
          }
          i = j - 1;
          continue;
        }
        i = j - 1;
      }
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = chars.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = chars.slice(i + 1, close).join('');
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `(?!/)[${negate ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/\]/g, '\\]')}]`;
      i = close;
    } else out += escape(c);
  }
  return out;
}

const escape = (c: string): string => c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');

const compile = memoizeBounded((glob: string): RegExp => {
  const alternatives = expandBraces(glob) ?? [glob];
  // A trailing `/**` also matches everything below the folder; a lone `**` every path.
  return new RegExp(`^(?:${alternatives.map((g) => segmentRegex(g)).join('|')})$`);
}, 20_000);

export function globMatches(glob: string, path: string): boolean {
  return compile(glob).test(path);
}

export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  for (const g of globs) if (compile(g).test(path)) return true;
  return false;
}
