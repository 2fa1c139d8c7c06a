/** Text rendering of a plan's status for the terminal: what a reviewer needs before deciding. */
import { verdictLine } from '../domain/conflicts/verdict.js';
import { STEPS, type PlanStatus } from '../shared/plan-types.js';

const MARK: Record<string, string> = { done: 'ok', running: '..', failed: '!!', skipped: '--', pending: '  ' };

export function renderStatus(s: PlanStatus, opts: { uiLink?: string; verbose?: boolean } = {}): string[] {
  const lines: string[] = [];
  lines.push(`Plan ${s.changeId} (revision ${s.revision}) — ${s.state}${s.tier ? `, ${s.tier} tier` : ''}`);
  lines.push(`Repository: ${s.repoDir}`);
  if (s.runs !== undefined && s.runs > 1) lines.push(`Runs: ${s.runs} (the plan continued as new ${s.runs - 1} time(s); one workflow id)`);
  if (s.policy) {
    const p = s.policy;
    const rules = [p.approvers ? `approvers ${p.approvers.join(', ')}` : '', p.maxParallelWidth !== undefined ? `at most ${p.maxParallelWidth} packages at once` : '', p.protectedPaths ? `protected ${p.protectedPaths.join(', ')}` : ''].filter(Boolean);
    lines.push(`Policy: ${p.source}${rules.length ? ` (${rules.join('; ')})` : ''}`);
  }
  if (s.capabilities) {
    const cap = s.capabilities;
    lines.push(`Coordinator: ${cap.coordinator}; available ${cap.available.join(', ') || 'none'}; missing ${cap.missing.join(', ') || 'none'}`);
    if (opts.verbose) for (const [name, d] of Object.entries(cap.detail)) lines.push(`  ${d.available ? 'ok' : '--'} ${name} (${d.kind}): ${d.detail}`);
  }
  lines.push('', 'Steps:');
  STEPS.forEach((name, i) => {
    const o = s.steps[name];
    const extra = [o.attempts > 1 ? `${o.attempts} attempts` : '', o.message ?? ''].filter(Boolean).join('; ');
    lines.push(`  [${MARK[o.status] ?? o.status}] ${i + 1}. ${name}${extra ? ` — ${extra}` : ''}`);
  });
  if (s.error) lines.push('', `Error: ${s.error}`);
  if (s.warnings.length) {
    lines.push('', 'Warnings:');
    s.warnings.forEach((w) => lines.push(`  - ${w}`));
  }
  const c = s.context;
  if (c) {
    lines.push('', `Context: ${c.filesScanned} files scanned (${c.filesSkipped} skipped); ${c.specsCount} specs; languages ${c.languages.join(', ') || 'none found'}`);
    if (c.relatedSpecs.length) {
      lines.push('  Related specs:');
      c.relatedSpecs.slice(0, 5).forEach((r) => lines.push(`    - ${r.capability} (${r.path})${r.requirements[0] ? `: "${r.requirements[0]}"` : ''}`));
    }
    if (c.boundaries.length) {
      lines.push('  Boundaries:');
      c.boundaries.forEach((b) => lines.push(`    - ${b.id} [${b.kind}] ${b.globs.join(' ')}${b.testCommand ? ` — test: ${b.testCommand}` : ''}`));
    }
    const m = c.model;
    if (m) {
      lines.push(`  Repository model: ${m.entitiesTotal} entities, ${m.routesTotal} routes, ${m.pagesTotal} pages, ${m.edges} references (${m.parsed} of ${m.files} files parsed)`);
      if (m.conventions.prefix || m.conventions.errorShape !== 'unknown') {
        lines.push(`    API conventions: prefix ${m.conventions.prefix || '(none)'}, ${m.conventions.plural ? 'plural' : 'singular'} resources, ids ${m.conventions.idStyle}, errors ${m.conventions.errorShape}${m.conventions.pagination.length ? `, pages ${m.conventions.pagination.join('/')}` : ''}`);
      }
      m.migrations.forEach((t) => lines.push(`    Migrations: ${t.tool} in ${t.dir}; a new one is ${t.next}`));
      m.tests.forEach((t) => lines.push(`    Tests: ${t.runner} collects ${t.collects.join(', ')} — ${t.command}`));
    }
    const impact = c.impact;
    if (impact) {
      const { entities, fields, routes, pages } = impact.matched;
      const named = [
        entities.length ? `entities ${entities.join(', ')}` : '',
        fields.length ? `fields ${fields.slice(0, 6).join(', ')}` : '',
        routes.length ? `routes ${routes.slice(0, 4).join(', ')}${routes.length > 4 ? ` (+${routes.length - 4})` : ''}` : '',
        pages.length ? `pages ${pages.slice(0, 4).join(', ')}` : '',
      ].filter(Boolean);
      lines.push(`  The request names: ${named.join('; ') || 'nothing the model knows by name'}`);
      lines.push('  Impact (files the change must, may and will newly touch):');
      impact.files.slice(0, opts.verbose ? 40 : 12).forEach((f) => lines.push(`    ${f.level.padEnd(4)} ${f.path} — ${f.reason}`));
    } else if (c.topFiles.length) {
      lines.push('  Top files:');
      c.topFiles.slice(0, opts.verbose ? 20 : 8).forEach((f) => lines.push(`    - ${f.path}`));
    }
    if (c.changesInFlight.length) lines.push(`  Changes in flight: ${c.changesInFlight.map((x) => x.id).join(', ')}`);
    if (c.lessons?.length) {
      lines.push('  Lessons from earlier plans of this repository:');
      c.lessons.forEach((l) => lines.push(`    - ${l.kind} ${l.changeId}${l.packageId ? ` ${l.packageId}` : ''}${l.by ? ` (${l.by})` : ''}: ${l.text}`));
    }
  }
  if (s.packages) {
    lines.push('', `Work packages: ${s.packages.packages}, max parallel width ${s.packages.maxParallelWidth}`);
    s.packages.waves.forEach((w, i) => lines.push(`  wave ${i + 1}: ${w.join(', ')}`));
    if (s.packages.criticalPath.length) lines.push(`  critical path: ${s.packages.criticalPath.join(' -> ')}`);
    if (s.packages.conflicts) lines.push(`  parallel with changes in flight: ${verdictLine(s.packages.conflicts)}`);
  }
  if (s.validation) {
    lines.push('', `Validation: ${s.validation.passed ? 'passed' : 'FAILED'}`);
    for (const check of s.validation.checks) {
      const verdict = check.skipped ? 'skip' : check.passed ? 'pass' : 'FAIL';
      lines.push(`  [${verdict}] ${check.name}${check.ms !== undefined ? ` (${check.ms} ms)` : ''}`);
      if (!check.passed || check.skipped) check.issues.slice(0, 5).forEach((i) => lines.push(`      ${i}`));
    }
  }
  if (s.artifacts.length) {
    lines.push('', 'Artifacts:');
    s.artifacts.forEach((a) => lines.push(`  ${a.path}  ${a.sha256.slice(0, 12)}  ${a.bytes} B`));
  }
  if (s.decisions.length) {
    lines.push('', 'Decisions:');
    s.decisions.forEach((d) => lines.push(`  r${d.revision} ${d.kind} by ${d.by}${d.comment ? `: ${d.comment}` : ''} (${d.at})`));
  }
  for (const c of s.revisionChanges ?? []) {
    const kinds = (['operations', 'entities', 'fields', 'requirements', 'files'] as const).filter((k) => c[k].length > 0);
    lines.push('', `Revision ${c.revision} against ${c.revision - 1}:${kinds.length === 0 ? ' no change to operations, entities, fields, requirements or files' : ''}`);
    for (const k of kinds) lines.push(`  ${k}: ${c[k].join('; ')}`);
  }
  if (s.state === 'awaiting-approval') {
    lines.push(
      '',
      'Awaiting approval. Decide with:',
      `  parallel-plan approve ${s.changeId} --by <name> [--comment "..."]`,
      `  parallel-plan request-changes ${s.changeId} --by <name> --comment "<what to change>"`,
      `  parallel-plan reject ${s.changeId} --by <name> [--comment "..."]`,
    );
  }
  if (opts.uiLink) lines.push(`Temporal UI: ${opts.uiLink}`);
  return lines;
}
