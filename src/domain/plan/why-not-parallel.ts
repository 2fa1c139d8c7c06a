/**
 * The proposal's "Why not parallel" section: every decision of the packaging step that costs
 * parallelism, in the order the planner made it. Pure renderers: report in, markdown out.
 */
import { renderMermaid } from '../workpackages/graph.js';
import type { WorkPackagesDoc } from '../workpackages/types.js';
import type { PackagingReport } from './packaging-types.js';

export function renderWhyNotParallel(report: Pick<PackagingReport, 'whyNotParallel'>): string {
  const lines = ['## Why not parallel', ''];
  if (report.whyNotParallel.length === 0) {
    lines.push('Nothing in this change limits parallel work.');
  } else {
    lines.push(...report.whyNotParallel.map((reason) => `- ${reason}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The package graph as a fenced Mermaid block; the diagram itself is the validator's. */
export function renderPackagesMermaid(doc: WorkPackagesDoc): string {
  return ['```mermaid', renderMermaid(doc).trimEnd(), '```', ''].join('\n');
}
