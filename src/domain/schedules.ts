/**
 * Schedules a request names ("a weekly digest", "every night, delete ...", "every 15 minutes"):
 * a behaviour that runs on a schedule is tested by a schedule tick, not by a user action, so its
 * scenarios start from the scheduled run. Rules as data, with their cases in
 * test/authoring/schedules.test.ts.
 *
 * Pure module.
 */

export interface Schedule {
  /** How the request says it, normalised: `weekly`, `nightly`, `every 15 minutes`. */
  label: string;
  /** The phrase as written in the request. */
  phrase: string;
}

/**
 * Pattern -> label (a function of the match for counted intervals), and whether the words alone
 * say "on a schedule" (`every night`, `cron`) or only as an adjective that also describes things
 * shown (`weekly` digest or `weekly` view): those count only beside a job's verb. The first that
 * matches wins.
 */
export const SCHEDULE_RULES: ReadonlyArray<{ re: RegExp; label: string | ((m: RegExpExecArray) => string); alone: boolean }> = [
  { re: /\bevery\s+(\d+|few|couple\s+of)\s+(minute|hour|day|week|month)s?\b/i, label: (m) => `every ${m[1]!.toLowerCase().replace(/\s+/g, ' ')} ${m[2]!.toLowerCase()}s`, alone: true },
  { re: /\b(?:every\s+hour|each\s+hour|once\s+an\s+hour)\b/i, label: 'hourly', alone: true },
  { re: /\b(?:every\s+night|each\s+night|at\s+midnight|overnight)\b/i, label: 'nightly', alone: true },
  { re: /\b(?:every\s+(?:day|morning|evening)|each\s+(?:day|morning|evening)|once\s+a\s+day)\b/i, label: 'daily', alone: true },
  { re: /\b(?:every\s+week|each\s+week|once\s+a\s+week|every\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/i, label: 'weekly', alone: true },
  { re: /\b(?:every\s+month|each\s+month|once\s+a\s+month)\b/i, label: 'monthly', alone: true },
  { re: /\b(?:cron(?:\s+job)?|on\s+a\s+schedule|scheduled\s+(?:job|task|run)|periodic(?:ally)?|background\s+job)\b/i, label: 'scheduled', alone: true },
  { re: /\bhourly\b/i, label: 'hourly', alone: false },
  { re: /\bnightly\b/i, label: 'nightly', alone: false },
  { re: /\bdaily\b/i, label: 'daily', alone: false },
  { re: /\bweekly\b/i, label: 'weekly', alone: false },
  { re: /\bmonthly\b/i, label: 'monthly', alone: false },
];

/** What a scheduled job does: beside one of these, `weekly` or `daily` names a schedule. */
export const JOB_WORDS = /\b(?:send|sends|sent|email|emails|mail|notify|notifies|remind|reminder|reminders|digest|digests|newsletter|delete|deletes|purge|purges|prune|prunes|clean|cleans|cleanup|expire|expires|remove|removes|sync|syncs|synchroni[sz]e|import|imports|fetch|fetches|refresh|refreshes|poll|polls|back\s+up|backup|backups|recompute|recalculate|rebuild|reindex|aggregate|rotate|run|runs|job|jobs)\b/i;

/** The schedule a text names, if any. */
export function scheduleOf(text: string): Schedule | undefined {
  for (const rule of SCHEDULE_RULES) {
    const m = rule.re.exec(text);
    if (!m || (!rule.alone && !JOB_WORDS.test(text))) continue;
    return { label: typeof rule.label === 'string' ? rule.label : rule.label(m), phrase: m[0] };
  }
  return undefined;
}

/** A clause that only says when ("every night", "once a week"): it belongs to the clause beside it. */
export function onlySchedule(text: string): boolean {
  const s = scheduleOf(text);
  if (!s) return false;
  return text.replace(s.phrase, '').replace(/\b(?:run|runs|and|then|at|on|in|the)\b/gi, '').replace(/[^A-Za-z0-9]+/g, '') === '';
}

/** When a scheduled run starts, as a scenario's WHEN: "the weekly scheduled run starts". */
export function scheduledRun(s: Schedule): string {
  return s.label === 'scheduled' ? 'the scheduled run starts' : s.label.startsWith('every ') ? `the scheduled run starts (${s.label})` : `the ${s.label} scheduled run starts`;
}
