/** Text rendering of a plan's audit timeline: a chronological table, then a summary. */
import type { AuditTimeline, TimelineEntry } from '../domain/audit/timeline.js';

/** `+1:02.345` from the plan's start (`+1:02:03.456` past an hour, `+2d 01:02:03` past a day). */
export function formatOffset(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const days = Math.floor(total / 86_400_000);
  const h = Math.floor((total % 86_400_000) / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const milli = total % 1000;
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  if (days > 0) return `+${days}d ${pad(h)}:${pad(m)}:${pad(s)}`;
  if (h > 0) return `+${h}:${pad(m)}:${pad(s)}.${pad(milli, 3)}`;
  return `+${m}:${pad(s)}.${pad(milli, 3)}`;
}

/** `850ms`, `2.31s`, `4m05s`, `3h02m`, `2d04h`. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  const t = Math.max(0, Math.round(ms));
  if (t < 1000) return `${t}ms`;
  if (t < 60_000) return `${(t / 1000).toFixed(2)}s`;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (t < 3_600_000) return `${Math.floor(t / 60_000)}m${pad(Math.floor((t % 60_000) / 1000))}s`;
  if (t < 86_400_000) return `${Math.floor(t / 3_600_000)}h${pad(Math.floor((t % 3_600_000) / 60_000))}m`;
  return `${Math.floor(t / 86_400_000)}d${pad(Math.floor((t % 86_400_000) / 3_600_000))}h`;
}

/** `!!` failed, refused, retried or ignored; `..` still running or waiting. */
function mark(e: TimelineEntry): string {
  if (['failed', 'timed-out', 'refused', 'ignored', 'start-failed', 'terminated', 'lease-lost', 'retry', 'blocked'].includes(e.outcome ?? '')) return '!!';
  if ((e.attempts ?? 0) > 1 && (e.kind === 'activity' || e.kind === 'package')) return '!!';
  if (['running', 'pending', 'awaiting', 'open'].includes(e.outcome ?? '')) return '..';
  return '  ';
}

const MAX_WHAT = 56;
const MAX_WHO = 16;
const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function renderAudit(t: AuditTimeline, opts: { uiLink?: string } = {}): string[] {
  const lines: string[] = [];
  lines.push(`Audit of plan ${t.changeId ?? t.workflowId} — ${t.state}${t.tier ? `, ${t.tier} tier` : ''}`);
  lines.push(`Workflow: ${t.workflowId}${t.runs.length > 1 ? ` (${t.runs.length} runs: continued as new ${t.runs.length - 1} time${t.runs.length === 2 ? '' : 's'})` : ''}`);
  if (t.repoDir) lines.push(`Repository: ${t.repoDir}`);
  if (t.startedAt) lines.push(`Started: ${t.startedAt}${t.closedAt ? `; closed ${t.closedAt}` : ''}`);
  if (t.error) lines.push(`Error: ${t.error}`);
  lines.push('');

  const what = Math.min(MAX_WHAT, Math.max(4, ...t.entries.map((e) => e.what.length)));
  const who = Math.min(MAX_WHO, Math.max(3, ...t.entries.map((e) => (e.who ?? '').length)));
  const offset = Math.max(4, ...t.entries.map((e) => formatOffset(e.offsetMs).length));
  const took = Math.max(4, ...t.entries.map((e) => formatDuration(e.durationMs).length));
  const row = (m: string, o: string, d: string, w: string, by: string, details: string): string =>
    `${m} ${o.padEnd(offset)}  ${d.padStart(took)}  ${cut(w, what).padEnd(what)}  ${cut(by, who).padEnd(who)}  ${details}`.trimEnd();
  lines.push(row('  ', 'time', 'took', 'what', 'who', 'details'));
  for (const e of t.entries) lines.push(row(mark(e), formatOffset(e.offsetMs), formatDuration(e.durationMs), e.what, e.who ?? '', e.details.join('; ')));

  const s = t.summary;
  lines.push('', 'Summary:');
  const revisionLines = t.revisions.map((r) => {
    const asked = r.revision > 1 ? ` (requested by ${r.requestedBy ?? '?'}${r.comment ? `: "${r.comment}"` : ''}${r.rebase ? ', rebased' : ''})` : '';
    const decided = r.decision ? ` — ${r.decision} by ${r.decidedBy ?? '?'}` : r.validated === false ? ' — failed validation' : '';
    const rounds = r.validationRounds > 1 ? `, ${r.validationRounds} validation rounds` : '';
    return `    r${r.revision}${asked}${rounds}${decided}`;
  });
  lines.push(`  Revisions: ${s.revisions}`, ...revisionLines);
  for (const r of t.revisions) {
    if (r.revision > 1 && r.changes) {
      const changed = Object.entries(r.changes)
        .filter(([k, v]) => k !== 'revision' && Array.isArray(v) && v.length > 0)
        .map(([k, v]) => `${k} ${(v as string[]).join(', ')}`);
      lines.push(`    r${r.revision} changed: ${changed.join('; ') || 'no operation, entity, field, requirement or file'}`);
    }
  }
  const kinds = (['request-changes', 'approve', 'reject'] as const).filter((k) => s.byKind[k] > 0).map((k) => `${s.byKind[k]} ${k}`);
  lines.push(`  Decisions: ${s.decisions} taken${kinds.length ? ` (${kinds.join(', ')})` : ''}; ${s.refusedDecisions} refused; ${s.ignoredSignals} signal${s.ignoredSignals === 1 ? '' : 's'} without effect`);
  for (const d of t.decisions.filter((x) => x.outcome === 'refused')) lines.push(`    !! ${d.kind} by ${d.by ?? '?'} on r${d.revision} refused: ${d.refusal ?? '?'}`);
  lines.push(`  Time: ${formatDuration(s.planMs)} planning${s.awaitingMs > 0 ? `, of which ${formatDuration(s.awaitingMs)} awaiting decisions` : ''}${s.totalMs !== null && s.planMs !== null && s.totalMs > s.planMs ? `; ${formatDuration(s.totalMs)} until the last event (dispatch included)` : ''}`);
  lines.push(`  Activities: ${s.activities}${s.failedActivities ? `, ${s.failedActivities} failed` : ''}`);
  if (s.retried.length === 0) lines.push('  Attempts > 1: none');
  else {
    lines.push(`  Attempts > 1: ${s.retried.length}`);
    for (const r of s.retried) lines.push(`    !! ${r.what}: ${r.attempts} attempts${r.lastFailure ? ` (before: ${r.lastFailure})` : ''}`);
  }
  for (const l of t.locks) {
    const what =
      l.source === 'recordDecision'
        ? `${l.decision ?? '?'} by ${l.by ?? '?'}: ${l.refused ? 'refused' : l.registered === true ? 'claims registered' : l.registered === false ? 'claims not registered' : l.decision === 'reject' ? (l.warnings.length ? l.warnings.join('; ') : 'nothing to release') : 'no claims'}${l.verdict ? ` (${l.verdict})` : ''}${l.handoff ? `, ${l.handoff}` : ''}`
        : `${l.source === 'renewDispatchLocks' ? 'dispatch renewal' : 'dispatch release'}: ${l.detail ?? ''}`;
    lines.push(`  Locks: ${what}`);
  }
  if (t.dispatch) {
    const p = s.packages!;
    lines.push(`  Dispatch: ${t.dispatch.state}; ${p.total} packages, ${p.completed} completed, ${p.failed} failed, ${p.blocked} blocked`);
    for (const pkg of t.dispatch.packages) {
      const claims = pkg.claims.map((c) => `${c.agent} (${c.ended}${c.durationMs !== null ? `, ${formatDuration(c.durationMs)}` : ''})`).join(', ');
      lines.push(`    ${pkg.packageId}: ${pkg.state}${claims ? ` — ${claims}` : ''}${pkg.reason && pkg.state !== 'completed' ? ` — ${pkg.reason}` : ''}`);
    }
  }
  if (t.notes.length) {
    lines.push('', 'Notes:');
    t.notes.forEach((n) => lines.push(`  - ${n}`));
  }
  if (opts.uiLink) lines.push('', `Temporal UI: ${opts.uiLink}`);
  return lines;
}
