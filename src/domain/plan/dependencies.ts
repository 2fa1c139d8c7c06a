/**
 * The dependency edges of the plan, each with the reason it exists, and their transitive
 * reduction: an edge implied by a longer path is dropped so `depends_on` stays minimal and
 * readers see only the waits that matter.
 */
import { transitiveDependencies } from '../workpackages/dag.js';
import type { GlobClash } from './scope-overlap.js';

/** Why one package waits for another. */
export type EdgeReason =
  | { kind: 'contracts' }
  | { kind: 'integration' }
  /** Both hold this `env:` key; two holders cannot run at once. */
  | { kind: 'env'; key: string }
  /** Their tasks write the same files (write scopes overlap). */
  | { kind: 'shared-files'; clash: GlobClash };

export interface DependencyEdge {
  /** The package that waits. */
  from: string;
  /** The package it waits for. */
  to: string;
  reason: EdgeReason;
}

/**
 * Orders packages that share a resource one after another, in the given (plan) order. Edges
 * always point from a later package to an earlier one, so chains cannot form a cycle.
 */
export function serializeHolders(holders: readonly string[], reason: EdgeReason): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  for (let i = 1; i < holders.length; i++) edges.push({ from: holders[i]!, to: holders[i - 1]!, reason });
  return edges;
}

/** Drops duplicate edges and every edge that another path already implies. */
export function reduceTransitively(ids: readonly string[], edges: readonly DependencyEdge[]): DependencyEdge[] {
  const seen = new Set<string>();
  const distinct = edges.filter((e) => {
    const key = `${e.from}\u0000${e.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const depsOf = (id: string): string[] => distinct.filter((e) => e.from === id).map((e) => e.to);
  const closure = transitiveDependencies(ids.map((id) => ({ id, dependsOn: depsOf(id), weight: 1 })));
  return distinct.filter((edge) => !depsOf(edge.from).some((via) => via !== edge.to && closure.get(via)?.has(edge.to)));
}

/** `depends_on` of one package from the reduced edges, sorted. */
export function dependsOn(id: string, edges: readonly DependencyEdge[]): string[] {
  return [...new Set(edges.filter((e) => e.from === id).map((e) => e.to))].sort();
}
