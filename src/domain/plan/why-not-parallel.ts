/**
 * The proposal's "Why not parallel" and "Work Packages" sections: every decision of the packaging
 * step that costs parallelism, in the order the planner made it, and the waves and graph. Pure
 * renderers (report in, markdown out); renderProposal places them when it renders step 5's proposal.
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

const PACKAGES_HEADING = '## Work Packages';

/** The proposal's "Work Packages" section: waves agents can start together, and the graph. */
export function renderPackagesSection(doc: WorkPackagesDoc, waves: readonly string[][]): string {
  const lines = [PACKAGES_HEADING, '', `${doc.packages.length} package(s) in \`work-packages.yaml\`; each wave can start once the previous one is done:`, ''];
  waves.forEach((wave, i) => lines.push(`${i + 1}. ${wave.map((id) => `\`${id}\``).join(', ')}`));
  lines.push('', renderPackagesMermaid(doc));
  return lines.join('\n');
}
