import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeOverlappingBoundaries, resolveBoundaries, type ResolvedBoundary } from '../../src/domain/plan/zones.js';
import { reduceTransitively } from '../../src/domain/plan/dependencies.js';
import { boundary, capability, context, draft, requirement, task } from '../helpers/plan-fixtures.js';

const b = (id: string, globs: string[], kind: ResolvedBoundary['kind'] = 'backend'): ResolvedBoundary => ({ id, kind, globs, languages: [] });

test('zone ids never take a fixed package id or one already used', () => {
  const { zones } = mergeOverlappingBoundaries([b('contracts', ['contracts/**']), b('a-b', ['x/**']), b('a', ['y/**']), b('b', ['y/z/**'])]);
  const ids = zones.map((z) => z.packageId);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(!ids.includes('wp-contracts'), ids.join(', '));
  assert.ok(ids.includes('wp-contracts-2'));
  assert.ok(ids.includes('wp-a-b') && ids.includes('wp-a-b-2'), ids.join(', '));
});

test('merging is transitive: a overlaps b, b overlaps c, so all three share one zone', () => {
  const { zones, merges } = mergeOverlappingBoundaries([b('a', ['src/**']), b('b', ['src/x/**', 'lib/**']), b('c', ['lib/y/**']), b('d', ['web/**'], 'frontend')]);
  assert.deepEqual(zones.map((z) => z.boundaries.map((m) => m.id)), [['a', 'b', 'c'], ['d']]);
  assert.equal(merges.length, 1);
  assert.deepEqual(merges[0]!.clashes.map((c) => [c.left, c.right]), [['a', 'b'], ['b', 'c']]);
});

test('a drafted boundary with invented globs is stood in for by the one context boundary of its kind', () => {
  const d = draft({
    capabilities: [capability('c', [requirement('R', ['s'])])],
    boundaries: [{ id: 'ui', kind: 'frontend', globs: ['client/**'] }],
    tasks: [task('ui', 'T', ['c/R/s'])],
  });
  const { boundaries, notes, unresolved } = resolveBoundaries(d, context({ boundaries: [boundary('web', 'frontend', ['web/**'], { testCommand: 'npm test' })] }));
  assert.deepEqual(boundaries.map((x) => [x.id, x.globs, x.testCommand]), [['ui', ['web/**'], 'npm test']]);
  assert.deepEqual(unresolved, []);
  assert.match(notes[0]!, /using boundary web/);
});

test('transitive reduction keeps only edges no longer path implies', () => {
  const edges = [
    { from: 'c', to: 'a', reason: { kind: 'contracts' as const } },
    { from: 'c', to: 'b', reason: { kind: 'contracts' as const } },
    { from: 'b', to: 'a', reason: { kind: 'contracts' as const } },
    { from: 'c', to: 'b', reason: { kind: 'integration' as const } },
  ];
  assert.deepEqual(
    reduceTransitively(['a', 'b', 'c'], edges).map((e) => `${e.from}->${e.to}`),
    ['c->b', 'b->a'],
  );
});
