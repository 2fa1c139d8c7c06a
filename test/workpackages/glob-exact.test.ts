import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_BRACE_EXPANSIONS, expandBraces } from '../../src/domain/workpackages/braces.js';
import { globMatchesPath, globOverlapWitness, globsOverlapExact } from '../../src/domain/workpackages/glob-exact.js';

/**
 * Reference matcher written independently of the NFA: each brace expansion becomes a JS regex.
 * Same language as documented in glob-exact.ts.
 */
function referenceRegex(glob: string): RegExp {
  const alternatives = expandBraces(glob) ?? ['**'];
  const translate = (g: string): string => {
    const segments = g.split('/');
    return segments
      .map((segment, i) => {
        const last = i === segments.length - 1;
        if (segment === '**') return last ? '.*' : '(?:.*/)?';
        let out = '';
        const chars = Array.from(segment);
        for (let k = 0; k < chars.length; k++) {
          const c = chars[k]!;
          if (c === '\\' && k + 1 < chars.length) out += escape(chars[++k]!);
          else if (c === '*') out += '[^/]*';
          else if (c === '?') out += '[^/]';
          else if (c === '[') {
            let j = k + 1;
            const negated = chars[j] === '!' || chars[j] === '^';
            if (negated) j++;
            let body = '';
            let first = true;
            for (; j < chars.length && (chars[j] !== ']' || first); j++) {
              first = false;
              if (chars[j + 1] === '-' && j + 2 < chars.length && chars[j + 2] !== ']') {
                if (chars[j]! <= chars[j + 2]!) body += `${escape(chars[j]!)}-${escape(chars[j + 2]!)}`;
                j += 2;
              } else body += escape(chars[j]!);
            }
            if (j >= chars.length) out += '\\[';
            else {
              out += negated ? `(?![${body || '\\s\\S'}])[^/]` : body ? `(?=[${body}])[^/]` : '(?!)';
              k = j;
            }
          } else out += escape(c);
        }
        return out + (last ? '' : '/');
      })
      .join('');
  };
  return new RegExp(`^(?:${alternatives.map(translate).join('|')})$`, 'su');
}
function escape(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** Every path over {a, b, /} up to `max` characters. */
function allPaths(max: number): string[] {
  const out = [''];
  for (let start = 0, len = 1; len <= max; len++) {
    const end = out.length;
    for (let i = start; i < end; i++) for (const c of ['a', 'b', '/']) out.push(out[i]! + c);
    start = end;
  }
  return out;
}
const PATHS = allPaths(6);

const atom = fc.constantFrom('a', 'b', '/', '*', '?', '**', '**/', '/**', '[ab]', '[!a]', '{a,b}', '{a/,}', '[', '\\*');
const globArb = fc.array(atom, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

describe('globsOverlapExact', () => {
  const examples: Array<[string, string, boolean]> = [
    ['src/api/*.py', 'src/*/users.py', true],
    ['src/*', 'src/api/x.py', false],
    ['src/api/**', 'src/web/**', false],
    ['src/**', 'src/a/b/c.ts', true],
    ['**/*.md', 'docs/guide/x.md', true],
    ['a/**/b', 'a/b', true],
    ['{src,lib}/x', 'lib/*', true],
    ['[!a]b', 'ab', false],
    ['a?c', 'a/c', false],
    ['src/**', 'src', false], // trailing /** is everything below, not the folder itself
    ['**', 'anything/at/all', true],
    ['*.ts', 'src/a.ts', false], // no basename matching
    ['src/[a-c]*.ts', 'src/d*.ts', false],
    ['src/\\*.ts', 'src/a.ts', false],
  ];
  for (const [a, b, expected] of examples) {
    it(`${a} vs ${b}: ${expected}`, () => {
      assert.equal(globsOverlapExact(a, b), expected);
      assert.equal(globsOverlapExact(b, a), expected);
    });
  }

  it('returns a shortest witness path', () => {
    assert.equal(globOverlapWitness('src/api/*.py', 'src/*/users.py'), 'src/api/users.py');
    assert.equal(globOverlapWitness('a/**/b', '*/b'), 'a/b');
  });

  it('agrees with brute force over all paths up to 6 characters (and witnesses are real)', () => {
    fc.assert(
      fc.property(globArb, globArb, (a, b) => {
        const ra = referenceRegex(a);
        const rb = referenceRegex(b);
        const bruteForce = PATHS.some((p) => ra.test(p) && rb.test(p));
        const witness = globOverlapWitness(a, b);
        if (bruteForce) assert.notEqual(witness, undefined, 'a common path exists but no witness was found');
        if (witness !== undefined) {
          assert.ok(ra.test(witness) && rb.test(witness), `witness ${JSON.stringify(witness)} does not match both`);
        }
        assert.equal(globOverlapWitness(b, a) !== undefined, witness !== undefined, 'symmetric');
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('a glob overlaps every path it matches', () => {
    fc.assert(
      fc.property(globArb, (g) => {
        const re = referenceRegex(g);
        for (const p of PATHS.filter((path) => re.test(path)).slice(0, 20)) {
          // Escape the path so it is read as a literal glob.
          const literal = p.replace(/[\\*?[{]/g, (c) => `\\${c}`);
          assert.ok(globsOverlapExact(g, literal), `${g} vs ${p}`);
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('expands braces, nested and empty alternatives, and keeps lone braces literal', () => {
    assert.deepEqual(expandBraces('a{b,{c,d}e}f{,g}'), ['abf', 'abfg', 'acef', 'acefg', 'adef', 'adefg']);
    assert.deepEqual(expandBraces('a{b}c'), ['a{b}c']);
    assert.deepEqual(expandBraces('a{b,c'), ['a{b,c']);
    assert.equal(expandBraces('{a,b}'.repeat(11)), undefined, `more than ${MAX_BRACE_EXPANSIONS} expansions`);
    // Too many expansions: treated as matching everything (conservative), never a crash.
    assert.equal(globsOverlapExact('{a,b}'.repeat(11), 'zzz'), true);
  });

  it('handles long patterns without blowing up', () => {
    const long = 'a/'.repeat(200) + '**';
    assert.equal(globsOverlapExact(long, 'a/'.repeat(250) + '*.ts'), true);
    assert.equal(globsOverlapExact('*a*a*a*a*a*a*a*a*a*a*b', '*a*a*a*a*a*a*a*a*a*a*c'), false);
  });
});

describe('globMatchesPath', () => {
  it('matches paths with the exact-mode semantics, agreeing with the overlap of a literal path', () => {
    const cases: Array<[string, string, boolean]> = [
      ['src/**', 'src/a/b.ts', true],
      ['src/**', 'srcx/a.ts', false],
      ['**/*.py', 'app/main.py', true],
      ['**/*.py', 'main.py', true],
      ['src/*.ts', 'src/a/b.ts', false],
      ['web/{src,test}/*.ts', 'web/test/x.ts', true],
      ['docs/?.md', 'docs/ab.md', false],
    ];
    for (const [glob, path, expected] of cases) {
      assert.equal(globMatchesPath(glob, path), expected, `${glob} vs ${path}`);
      assert.equal(globsOverlapExact(glob, path), expected, `overlap ${glob} vs ${path}`);
    }
  });
});
