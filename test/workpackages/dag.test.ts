import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  computeWaves,
  criticalPath,
  findCycles,
  maxParallelWidth,
  missingDependencies,
  parallelPairs,
  topologicalOrder,
  transitiveDependencies,
  type DagNode,
} from '../../src/domain/workpackages/dag.js';

const node = (id: string, dependsOn: string[] = [], weight = 1): DagNode => ({ id, dependsOn, weight });

/** The usual plan shape: contracts, three parallel boundaries, integration. */
const plan = [
  node('wp-contracts', [], 30),
  node('wp-backend', ['wp-contracts'], 90),
  node('wp-frontend', ['wp-contracts'], 60),
  node('wp-docs', ['wp-contracts'], 20),
  node('wp-integration', ['wp-backend', 'wp-frontend', 'wp-docs'], 45),
];

/** Random DAGs: package i may depend only on packages before it (ids p0, p1, ...). */
const dagArb = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc
    .array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { minLength: n, maxLength: n })
    .map((matrix) => matrix.map((row, i) => node(`p${i}`, row.flatMap((on, j) => (on && j < i ? [`p${j}`] : [])), (i % 3) + 1))),
);

describe('dependency graph', () => {
  it('finds unknown dependencies', () => {
    assert.deepEqual(missingDependencies([node('a', ['b', 'zz']), node('b')]), [{ id: 'a', dep: 'zz' }]);
  });

  it('reports cycles with their full path, a self-dependency included', () => {
    assert.deepEqual(findCycles([node('a', ['b']), node('b', ['a'])]), [['a', 'b', 'a']]);
    assert.deepEqual(findCycles([node('a', ['a'])]), [['a', 'a']]);
    assert.deepEqual(findCycles([node('a', ['b']), node('b', ['c']), node('c', ['a']), node('d', ['a'])]), [['a', 'b', 'c', 'a']]);
    assert.deepEqual(findCycles([node('a', ['b']), node('b', ['a']), node('x', ['y']), node('y', ['x'])]), [
      ['a', 'b', 'a'],
      ['x', 'y', 'x'],
    ]);
    assert.deepEqual(findCycles([node('a', ['ghost'])]), []);
    assert.deepEqual(findCycles(plan), []);
  });

  it('handles a 5000-long chain without recursion limits', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => node(`p${i}`, i > 0 ? [`p${i - 1}`] : ['p4999']));
    const cycles = findCycles(chain);
    assert.equal(cycles.length, 1);
    assert.equal(cycles[0]!.length, 5001);
  });

  it('computes transitive dependencies and parallel pairs', () => {
    const deps = transitiveDependencies(plan);
    assert.deepEqual([...deps.get('wp-integration')!].sort(), ['wp-backend', 'wp-contracts', 'wp-docs', 'wp-frontend']);
    assert.deepEqual(parallelPairs(plan), [
      ['wp-backend', 'wp-docs'],
      ['wp-backend', 'wp-frontend'],
      ['wp-docs', 'wp-frontend'],
    ]);
  });

  it('orders, groups into waves, finds the critical path and the width', () => {
    assert.deepEqual(topologicalOrder(plan), ['wp-contracts', 'wp-backend', 'wp-docs', 'wp-frontend', 'wp-integration']);
    assert.deepEqual(computeWaves(plan), {
      waves: [['wp-contracts'], ['wp-backend', 'wp-docs', 'wp-frontend'], ['wp-integration']],
      blocked: [],
    });
    assert.deepEqual(criticalPath(plan), { path: ['wp-contracts', 'wp-backend', 'wp-integration'], minutes: 165 });
    assert.equal(maxParallelWidth(plan), 3);
  });

  it('leaves packages on or behind a cycle out of the schedule', () => {
    const nodes = [node('a'), node('b', ['c']), node('c', ['b']), node('d', ['b'])];
    assert.deepEqual(computeWaves(nodes), { waves: [['a']], blocked: ['b', 'c', 'd'] });
    assert.deepEqual(criticalPath(nodes), { path: ['a'], minutes: 1 });
  });

  it('properties on random DAGs: order, waves, pairs, width', () => {
    fc.assert(
      fc.property(dagArb, (nodes) => {
        const deps = transitiveDependencies(nodes);
        const order = topologicalOrder(nodes);
        assert.equal(order.length, nodes.length);
        for (const n of nodes) for (const d of n.dependsOn) assert.ok(order.indexOf(d) < order.indexOf(n.id));
        const { waves } = computeWaves(nodes);
        const waveOf = new Map(waves.flatMap((w, i) => w.map((id) => [id, i] as const)));
        for (const n of nodes) {
          const depWaves = n.dependsOn.map((d) => waveOf.get(d)!);
          assert.equal(waveOf.get(n.id), depWaves.length === 0 ? 0 : Math.max(...depWaves) + 1);
        }
        const parallel = (a: string, b: string): boolean => !deps.get(a)!.has(b) && !deps.get(b)!.has(a);
        const pairs = parallelPairs(nodes);
        const ids = nodes.map((n) => n.id).sort();
        assert.deepEqual(
          pairs,
          ids.flatMap((a, i) => ids.slice(i + 1).flatMap((b) => (parallel(a, b) ? [[a, b] as [string, string]] : []))),
        );
        // Width = the largest set of pairwise parallel packages (brute force over subsets).
        let best = 0;
        for (let mask = 1; mask < 1 << ids.length; mask++) {
          const set = ids.filter((_, i) => mask & (1 << i));
          if (set.length > best && set.every((a, i) => set.slice(i + 1).every((b) => parallel(a, b)))) best = set.length;
        }
        assert.equal(maxParallelWidth(nodes), best);
        // The critical path is a dependency chain whose weight is the maximum over all chains.
        const { path, minutes } = criticalPath(nodes);
        const weight = new Map(nodes.map((n) => [n.id, n.weight] as const));
        for (let i = 1; i < path.length; i++) assert.ok(nodes.find((n) => n.id === path[i])!.dependsOn.includes(path[i - 1]!));
        assert.equal(minutes, path.reduce((sum, id) => sum + weight.get(id)!, 0));
        const finish = new Map<string, number>();
        for (const id of order) {
          const n = nodes.find((x) => x.id === id)!;
          finish.set(id, n.weight + Math.max(0, ...n.dependsOn.map((d) => finish.get(d)!)));
        }
        assert.equal(minutes, Math.max(...finish.values()));
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
