import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fnmatch, fnmatchTranslate, globsOverlapCompat } from '../../src/domain/workpackages/glob-compat.js';

describe('fnmatch port', () => {
  const cases: Array<[name: string, pattern: string, expected: boolean]> = [
    ['src/api/x.py', 'src/*', true], // * crosses /
    ['src/a/b/c', 'src/**', true], // ** is just *
    ['src', 'src/*', false],
    ['a.py', '?.py', true],
    ['ab.py', '?.py', false],
    ['/', '?', true], // ? matches / too
    ['b', '[abc]', true],
    ['b', '[!abc]', false],
    ['d', '[!abc]', true],
    ['-', '[a-]', true],
    [']', '[]a]', true],
    ['x', '[!]]', true],
    [']', '[!]]', false],
    ['[abc', '[abc', true], // unclosed [ is literal
    ['a', '[z-a]', false], // empty range never matches
    ['\\', '[\\]', true],
    ['^', '[^]', true],
    ['SRC/a', 'src/*', false], // case-sensitive
    ['src/a\nb', 'src/*', true], // * matches newlines (DOTALL)
    ['xsrc/a', 'src/*', false], // whole string
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', false],
    ['😀', '?', true], // one code point, like Python
  ];
  for (const [name, pattern, expected] of cases) {
    it(`fnmatch(${JSON.stringify(name.slice(0, 20))}, ${JSON.stringify(pattern)}) is ${expected}`, () => {
      assert.equal(fnmatch(name, pattern), expected);
    });
  }

  it('translates stars like CPython: interior star segments become atomic minimal matches', () => {
    assert.equal(fnmatchTranslate('a*b*c'), '^(?:a(?=(?<g0>.*?b))\\k<g0>.*c)$');
    assert.equal(fnmatchTranslate('**'), '^(?:.*)$');
  });
});

describe('globsOverlapCompat', () => {
  it('implements the documented rule, including its known false negative and false positive', () => {
    assert.equal(globsOverlapCompat('src/api/**', 'src/api/**'), true);
    assert.equal(globsOverlapCompat('src/**', 'src/web/**'), true);
    assert.equal(globsOverlapCompat('src/api/*.py', 'src/*/users.py'), false);
    assert.equal(globsOverlapCompat('src/*', 'src/api/x.py'), true);
    assert.equal(globsOverlapCompat('src/api/**', 'src/web/**'), false);
  });

  it('agrees with real Python fnmatch on 600 generated pairs', () => {
    const atom = fc.constantFrom('a', 'b', 'c', '/', '.', '-', '*', '**', '?', '[', ']', '!', '^', '\\', '[ab]', '[!a]', '[a-c]', '[c-a]', '[]a]', '[!]', '[a-]');
    const glob = fc.array(atom, { maxLength: 6 }).map((parts) => parts.join(''));
    // Half the pairs are a glob and a copy with some characters turned into wildcards, so that
    // matching pairs are common; the other half are unrelated.
    const widened = glob.chain((a) =>
      fc
        .array(fc.constantFrom('keep', '?', '*'), { minLength: a.length, maxLength: a.length })
        .map((ops) => [a, Array.from(a, (c, i) => (ops[i] === 'keep' ? c : ops[i]!)).join('')] as [string, string]),
    );
    const pairs = fc.sample(fc.oneof(fc.tuple(glob, glob), widened), { numRuns: 600, seed: 20261125 });
    const script = [
      'import fnmatch, json, sys',
      'pairs = json.load(sys.stdin)',
      'print(json.dumps([[fnmatch.fnmatchcase(a, b), fnmatch.fnmatchcase(b, a), a == b or fnmatch.fnmatchcase(a, b) or fnmatch.fnmatchcase(b, a)] for a, b in pairs]))',
    ].join('\n');
    const python = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(pairs), encoding: 'utf8' })) as boolean[][];
    let overlapping = 0;
    pairs.forEach(([a, b], i) => {
      const [ab, ba, overlap] = python[i]!;
      const label = `${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
      assert.equal(fnmatch(a, b), ab, `fnmatch(${label})`);
      assert.equal(fnmatch(b, a), ba, `fnmatch reversed (${label})`);
      assert.equal(globsOverlapCompat(a, b), overlap, `overlap ${label}`);
      if (overlap) overlapping++;
    });
    // The sample must exercise both verdicts to mean anything.
    assert.ok(overlapping > 100 && overlapping < 500, `overlapping ${overlapping}`);
  });
});
