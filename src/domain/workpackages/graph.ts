/**
 * The DAG report of a work-packages document and its Mermaid rendering.
 *
 * Critical path weight: each package counts with its `timeout_minutes` (the longest it may
 * take), so `criticalPath.minutes` is the wall-clock bound of the plan with unlimited agents.
 */
import { computeWaves, criticalPath, findCycles, maxParallelWidth, type DagNode } from './dag.js';
import { MAX_PAIRWISE_PACKAGES } from './overlap.js';
import { packageViews } from './package-view.js';
import { firstById } from './util.js';

export interface DagReport {
  /** A topological order: dependencies before dependents. */
  order: string[];
  /** Groups of packages that can start together once the previous waves are done. */
  waves: string[][];
  criticalPath: { path: string[]; minutes: number };
  /** The most packages that can ever run at the same time (largest pairwise-parallel set). */
  maxParallelWidth: number;
  /**
   * False above MAX_PAIRWISE_PACKAGES packages: the exact width needs the quadratic transitive
   * closure, so the largest wave (a lower bound) is reported instead.
   */
  maxParallelWidthExact: boolean;
  /** Cycles (as in dag_cycles); packages on or behind them are missing from order and waves. */
  cycles: string[][];
  blocked: string[];
}

const uniqueNodes = (doc: unknown): DagNode[] => [...firstById(packageViews(doc)).values()];

export function dagReport(doc: unknown): DagReport {
  const nodes = uniqueNodes(doc);
  const { waves, blocked } = computeWaves(nodes);
  const exact = nodes.length <= MAX_PAIRWISE_PACKAGES;
  return {
    order: waves.flat(),
    waves,
    criticalPath: criticalPath(nodes),
    maxParallelWidth: exact ? maxParallelWidth(nodes) : waves.reduce((widest, w) => Math.max(widest, w.length), 0),
    maxParallelWidthExact: exact,
    cycles: findCycles(nodes),
    blocked,
  };
}

export function formatDagReportText(report: DagReport): string {
  const lines = [
    `order: ${report.order.join(', ')}`,
    'waves:',
    ...report.waves.map((wave, i) => `  ${i + 1}: ${wave.join(', ')}`),
    `critical path (${report.criticalPath.minutes} min by timeout_minutes): ${report.criticalPath.path.join(' -> ')}`,
    `max parallel width: ${report.maxParallelWidth}${report.maxParallelWidthExact ? '' : ` or more (largest wave; more than ${MAX_PAIRWISE_PACKAGES} packages)`}`,
  ];
  if (report.cycles.length > 0) {
    lines.push(...report.cycles.map((c) => `cycle: ${c.join(' -> ')}`), `blocked by cycles: ${report.blocked.join(', ')}`);
  }
  return lines.join('\n') + '\n';
}

/** Labels are quoted; Mermaid wants quotes and angle brackets as entities. */
const mermaidLabel = (text: string): string => text.replace(/["<>]/g, (c) => `#${c.charCodeAt(0)};`);

/**
 * A Mermaid flowchart: one node per package labelled with its id, an arrow from each dependency
 * to its dependent, so the picture reads top-down in execution order. Node ids are n0, n1, ...
 * because package ids may be Mermaid keywords (`end`) or, in invalid documents, anything.
 */
export function renderMermaid(doc: unknown): string {
  const nodes = uniqueNodes(doc);
  const known = new Map(nodes.map((n, i) => [n.id, `n${i}`] as const));
  const lines = ['flowchart TD'];
  for (const n of nodes) lines.push(`  ${known.get(n.id)}["${mermaidLabel(n.id)}"]`);
  for (const n of nodes) {
    for (const dep of new Set(n.dependsOn)) {
      const from = known.get(dep);
      if (from) lines.push(`  ${from} --> ${known.get(n.id)}`);
    }
  }
  return lines.join('\n') + '\n';
}
