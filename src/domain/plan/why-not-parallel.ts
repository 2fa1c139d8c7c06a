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
 * `markdown` with the level-2 section `heading` set to `section` (which starts with that heading):
 * replaced in place when present (a re-run after request-changes), else appended. Idempotent.
 */
export function withSection(markdown: string, heading: string, section: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trimEnd() === heading);
  if (start < 0) return `${markdown.replace(/\n*$/, '')}\n\n${section}`;
  const next = lines.findIndex((l, i) => i > start && /^#{1,2} /.test(l));
  const before = lines.slice(0, start).join('\n').replace(/\n*$/, '');
  const after = next < 0 ? '' : `\n${lines.slice(next).join('\n')}`;
  return `${before}\n\n${section}${after}`;
}

/**
 * The proposal with its "Why not parallel" section set to the report's. Proposal rendering
 * (step 3) runs before packaging (step 5), so the packaging step brings the section in this way.
 */
export function withWhyNotParallel(proposal: string, report: Pick<PackagingReport, 'whyNotParallel'>): string {
  return withSection(proposal, SECTION_HEADING, renderWhyNotParallel(report));
}

const PACKAGES_HEADING = '## Work Packages';

/** The proposal's "Work Packages" section: waves agents can start together, and the graph. */
export function renderPackagesSection(doc: WorkPackagesDoc, waves: readonly string[][]): string {
  const lines = [PACKAGES_HEADING, '', `${doc.packages.length} package(s) in \`work-packages.yaml\`; each wave can start once the previous one is done:`, ''];
  waves.forEach((wave, i) => lines.push(`${i + 1}. ${wave.map((id) => `\`${id}\``).join(', ')}`));
  lines.push('', renderPackagesMermaid(doc));
  return lines.join('\n');
}

/** The proposal with both packaging sections (work packages, then why not parallel) set. */
export function withPackagingSections(
  proposal: string,
  doc: WorkPackagesDoc,
  waves: readonly string[][],
  report: Pick<PackagingReport, 'whyNotParallel'>,
): string {
  return withWhyNotParallel(withSection(proposal, PACKAGES_HEADING, renderPackagesSection(doc, waves)), report);
}
