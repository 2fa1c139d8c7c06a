/**
 * Ranks existing capabilities (parsed spec.md files) by relevance to a request, and within
 * each, its requirements, so that the exact names of the related requirements come first.
 *
 * Pure module.
 */
import { bm25Score, coverage, rankDocuments, type Query } from './bm25.js';
import { requirementText, type ParsedSpec } from './spec-markdown.js';
import type { RelatedSpec } from './types.js';

export interface SpecDocument {
  capability: string;
  /** Repository-relative path of the spec.md. */
  path: string;
  spec: ParsedSpec;
}

export const MAX_REQUIREMENTS_PER_SPEC = 5;

/** Requirement names of `spec`, the most relevant to `query` first (original order on ties). */
export function rankRequirements(query: Query, spec: ParsedSpec): string[] {
  const { ranked } = rankDocuments(
    query,
    spec.requirements.map((r) => ({
      item: r.name,
      fields: [
        { text: r.name, weight: 3 },
        { text: requirementText(r), weight: 1 },
      ],
    })),
  );
  return ranked.map((r) => r.item);
}

/**
 * Capabilities mentioning the request, best first. `score` is a relevance in 0..1: the share
 * of the request's information the spec mentions, scaled by its BM25 score relative to the best
 * spec; the first spec's score is its coverage alone.
 */
export function rankSpecs(query: Query, specs: readonly SpecDocument[]): RelatedSpec[] {
  const { ranked, corpus } = rankDocuments(
    query,
    specs.map((s) => ({
      item: s,
      fields: [
        { text: s.capability, weight: 4 },
        { text: s.spec.purpose, weight: 2 },
        ...s.spec.requirements.map((r) => ({ text: r.name, weight: 2 })),
        ...s.spec.requirements.map((r) => ({ text: requirementText(r), weight: 1 })),
      ],
    })),
  );
  const best = ranked[0]?.score ?? 0;
  if (best <= 0) return [];
  return ranked
    .filter((r) => r.score > 0)
    .map((r) => ({
      capability: r.item.capability,
      path: r.item.path,
      score: round(coverage(query, r.stats, corpus) * Math.sqrt(bm25Score(query, r.stats, corpus) / best)),
      requirements: rankRequirements(query, r.item.spec).slice(0, MAX_REQUIREMENTS_PER_SPEC),
    }))
    .sort((a, b) => b.score - a.score);
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
