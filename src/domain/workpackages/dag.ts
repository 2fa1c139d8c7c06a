/**
 * The dependency graph of work packages: references, cycles, reachability and schedules.
 *
 * Edges point from a package to the packages it depends on. Functions take a small `DagNode`
 * view (not the whole document) so they work on partially invalid documents too; dependencies
 * naming no package are ignored everywhere except `missingDependencies`.
 * Everything is deterministic: ids are processed in sorted order.
 */
import { firstById } from './util.js';

export interface DagNode {
  id: string;
  dependsOn: readonly string[];
  /** Weight for the critical path: the package's timeout_minutes (1 when unknown). */
  weight: number;
}

/** Index-based adjacency of the known packages (first occurrence wins for duplicate ids). */
export interface Graph {
  ids: string[];
  index: Map<string, number>;
  /** deps[i]: indices of the known packages that package i depends on, sorted, no repeats. */
  deps: number[][];
  weight: number[];
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function buildGraph(nodes: readonly DagNode[]): Graph {
  const unique = firstById(nodes);
  const ids = [...unique.keys()].sort(byString);
  const index = new Map(ids.map((id, i) => [id, i] as const));
  const deps = ids.map((id) => {
    const known = new Set<number>();
    for (const dep of unique.get(id)!.dependsOn) {
      const j = index.get(dep);
      if (j !== undefined) known.add(j);
    }
    return [...known].sort((a, b) => a - b);
  });
  return { ids, index, deps, weight: ids.map((id) => unique.get(id)!.weight) };
}

/** Dependencies that name no package, in document order. */
export function missingDependencies(nodes: readonly DagNode[]): Array<{ id: string; dep: string }> {
  const known = new Set(nodes.map((n) => n.id));
  return nodes.flatMap((n) => n.dependsOn.filter((dep) => !known.has(dep)).map((dep) => ({ id: n.id, dep })));
}

/** Strongly connected components (Tarjan, iterative so deep chains cannot overflow the stack). */
function stronglyConnected(graph: Graph): number[][] {
  const n = graph.ids.length;
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const work: Array<[node: number, next: number]> = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      const edges = graph.deps[v]!;
      if (i < edges.length) {
        frame[1] = i + 1;
        const w = edges[i]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, order[w]!);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component.push(w);
        } while (w !== v);
        components.push(component.sort((a, b) => a - b));
      }
    }
  }
  return components;
}

/** Shortest dependency path from `start` back to itself inside `members` (BFS). */
function cycleThrough(graph: Graph, start: number, members: ReadonlySet<number>): number[] {
  const previous = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of graph.deps[v]!) {
      if (!members.has(w)) continue;
      if (w === start) {
        const chain: number[] = [];
        for (let u = v; u !== start; u = previous.get(u)!) chain.unshift(u);
        return [start, ...chain, start];
      }
      if (!previous.has(w) && w !== start) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/**
 * One cycle per strongly connected component that has one, as ids `[a, b, a]` meaning a depends
 * on b and b on a. A self-dependency is the cycle `[a, a]`. Sorted by first id.
 */
export function findCycles(nodes: readonly DagNode[]): string[][] {
  const graph = buildGraph(nodes);
  const cycles: string[][] = [];
  for (const component of stronglyConnected(graph)) {
    const start = component[0]!;
    const cyclic = component.length > 1 || graph.deps[start]!.includes(start);
    if (!cyclic) continue;
    cycles.push(cycleThrough(graph, start, new Set(component)).map((i) => graph.ids[i]!));
  }
  return cycles.sort((a, b) => byString(a[0]!, b[0]!));
}

/** Bitset of the transitive dependencies of every package (cycles allowed). */
export function transitiveClosure(graph: Graph): Uint32Array[] {
  const n = graph.ids.length;
  const words = Math.ceil(n / 32);
  const closure: Uint32Array[] = [];
  for (let s = 0; s < n; s++) {
    const bits = new Uint32Array(words);
    const stack = [...graph.deps[s]!];
    while (stack.length > 0) {
      const v = stack.pop()!;
      const mask = 1 << (v & 31);
      if (bits[v >>> 5]! & mask) continue;
      bits[v >>> 5]! |= mask;
      stack.push(...graph.deps[v]!);
    }
    closure.push(bits);
  }
  return closure;
}

const hasBit = (bits: Uint32Array, i: number): boolean => (bits[i >>> 5]! & (1 << (i & 31))) !== 0;

/** Transitive dependencies of each package, by id. */
export function transitiveDependencies(nodes: readonly DagNode[]): Map<string, Set<string>> {
  const graph = buildGraph(nodes);
  const closure = transitiveClosure(graph);
  return new Map(graph.ids.map((id, i) => [id, new Set(graph.ids.filter((_, j) => hasBit(closure[i]!, j)))]));
}

/** Pairs `[a, b]` (a < b) where neither package is in the other's transitive dependencies. */
export function parallelPairs(nodes: readonly DagNode[]): Array<[string, string]> {
  const graph = buildGraph(nodes);
  const closure = transitiveClosure(graph);
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < graph.ids.length; i++) {
    for (let j = i + 1; j < graph.ids.length; j++) {
      if (!hasBit(closure[i]!, j) && !hasBit(closure[j]!, i)) pairs.push([graph.ids[i]!, graph.ids[j]!]);
    }
  }
  return pairs;
}

/**
 * Waves: wave 0 holds the packages with no dependencies, wave k those whose dependencies all sit
 * in earlier waves (so every package of a wave can start together once the earlier waves are
 * done). Packages on or behind a cycle can never start; they are returned as `blocked`.
 */
export function computeWaves(nodes: readonly DagNode[]): { waves: string[][]; blocked: string[] } {
  const graph = buildGraph(nodes);
  const n = graph.ids.length;
  const dependents: number[][] = graph.ids.map(() => []);
  const pending = graph.deps.map((d) => d.length);
  graph.deps.forEach((d, i) => d.forEach((j) => dependents[j]!.push(i)));
  const waves: string[][] = [];
  let current = graph.ids.map((_, i) => i).filter((i) => pending[i] === 0);
  let placed = 0;
  while (current.length > 0) {
    waves.push(current.map((i) => graph.ids[i]!));
    placed += current.length;
    const next: number[] = [];
    for (const v of current) for (const w of dependents[v]!) if (--pending[w]! === 0) next.push(w);
    current = next.sort((a, b) => a - b);
  }
  const blocked = placed === n ? [] : graph.ids.filter((_, i) => pending[i]! > 0);
  return { waves, blocked };
}

/** A topological order (dependencies first): the waves one after another. */
export function topologicalOrder(nodes: readonly DagNode[]): string[] {
  return computeWaves(nodes).waves.flat();
}

/**
 * The critical path: the dependency chain with the largest total weight (timeout_minutes), i.e.
 * the least wall-clock time the whole plan needs if every package used its full timeout and
 * unlimited agents ran in parallel. Ties go to the lexicographically smaller id. Packages on or
 * behind a cycle are left out.
 */
export function criticalPath(nodes: readonly DagNode[]): { path: string[]; minutes: number } {
  const graph = buildGraph(nodes);
  const finish = new Map<number, number>();
  const via = new Map<number, number>();
  for (const id of topologicalOrder(nodes)) {
    const i = graph.index.get(id)!;
    let best = 0;
    for (const j of graph.deps[i]!) {
      const f = finish.get(j)!;
      if (f > best) {
        best = f;
        via.set(i, j);
      }
    }
    finish.set(i, best + graph.weight[i]!);
  }
  let end: number | undefined;
  for (const [i, f] of finish) if (end === undefined || f > finish.get(end)! || (f === finish.get(end) && i < end)) end = i;
  if (end === undefined) return { path: [], minutes: 0 };
  const path: string[] = [];
  for (let i: number | undefined = end; i !== undefined; i = via.get(i)) path.unshift(graph.ids[i]!);
  return { path, minutes: finish.get(end)! };
}

/**
 * The largest set of packages that are pairwise parallel (the width of the dependency order),
 * i.e. how many agents could ever be busy at once. By Dilworth's theorem it equals
 * n - (maximum matching in the bipartite "i must precede j" graph of the transitive closure).
 * Only packages that can be scheduled (not blocked by a cycle) count.
 */
export function maxParallelWidth(nodes: readonly DagNode[]): number {
  const graph = buildGraph(nodes);
  const { waves } = computeWaves(nodes);
  const schedulable = waves.flat().map((id) => graph.index.get(id)!);
  if (schedulable.length === 0) return 0;
  const closure = transitiveClosure(graph);
  // successors[i]: schedulable j that depend (transitively) on i.
  const successors = new Map<number, number[]>(
    schedulable.map((i) => [i, schedulable.filter((j) => j !== i && hasBit(closure[j]!, i))]),
  );
  const matchedTo = new Map<number, number>();
  const tryAugment = (u: number, seen: Set<number>): boolean => {
    for (const v of successors.get(u)!) {
      if (seen.has(v)) continue;
      seen.add(v);
      const owner = matchedTo.get(v);
      if (owner === undefined || tryAugment(owner, seen)) {
        matchedTo.set(v, u);
        return true;
      }
    }
    return false;
  };
  let matching = 0;
  for (const u of schedulable) if (tryAugment(u, new Set())) matching++;
  return schedulable.length - matching;
}
