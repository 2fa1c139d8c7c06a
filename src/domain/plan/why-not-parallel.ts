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

const SECTION_HEADING = '## Why not parallel';

/**
 * The proposal with its "Why not parallel" section set to the report's: replaced in place when
 * present (a re-run after request-changes), else appended. Proposal rendering (step 3) runs before
 * packaging (step 5), so the packaging step brings the section in this way, idempotently.
 */
export function withWhyNotParallel(proposal: string, report: Pick<PackagingReport, 'whyNotParallel'>): string {
  const section = renderWhyNotParallel(report);
  const lines = proposal.split('\n');
  const start = lines.findIndex((l) => l.trimEnd() === SECTION_HEADING);
  if (start < 0) return `${proposal.replace(/\n*$/, '')}\n\n${section}`;
  const next = lines.findIndex((l, i) => i > start && /^#{1,2} /.test(l));
  const before = lines.slice(0, start).join('\n').replace(/\n*$/, '');
  const after = next < 0 ? '' : `\n${lines.slice(next).join('\n')}`;
  return `${before}\n\n${section}${after}`;
}
