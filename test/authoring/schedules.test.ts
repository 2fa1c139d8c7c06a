/**
 * Scenarios a test can run: a behaviour that runs on a schedule starts from the scheduled run (a
 * schedule tick), a request that lets users do something starts from the user's action, a narrowed
 * listing of a route the repository already serves says what that route accepts from now on, and a
 * pronoun stands for the noun it follows. Cases of the schedule rules beside them; plans on two
 * fixture repositories (real context gathering, the rule-based author).
 */
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatherContextInProcess } from '../../src/activities/context/in-process.js';
import { repositorySlice } from '../../src/activities/context/model-facet.js';
import { ruleBasedDraft } from '../../src/domain/author/rule-based.js';
import { deriveChangeId } from '../../src/domain/change-id.js';
import type { PlanDraft } from '../../src/domain/draft.js';
import { onlySchedule, scheduleOf } from '../../src/domain/schedules.js';
import { splitClauses } from '../../src/domain/phrases.js';
import { fixtureRepo } from '../helpers/authoring.js';

const CASES: Array<[string, string | undefined]> = [
  ['send a weekly email digest of new items to each user', 'weekly'],
  ['every night, delete sessions older than 30 days', 'nightly'],
  ['refresh every feed every 15 minutes', 'every 15 minutes'],
  ['add a cron job that purges expired tokens', 'scheduled'],
  ['back up the database daily', 'daily'],
  ['remind owners of overdue items each morning', 'daily'],
  ['show daily totals on the dashboard', undefined],
  ['add a weekly view to the calendar page', undefined],
  ['let users archive items', undefined],
];

test('the schedule rules: what names a schedule and what only describes a view', () => {
  for (const [text, label] of CASES) assert.equal(scheduleOf(text)?.label, label, text);
  assert.equal(onlySchedule('every night'), true);
  assert.equal(onlySchedule('once a week'), true);
  assert.equal(onlySchedule('every night delete old sessions'), false);
});

test('a clause that only says when joins the action it times: one clause, and the schedule stays out of names and ids', () => {
  const clauses = splitClauses('Every night, delete sessions older than 30 days');
  assert.equal(clauses.length, 1);
  assert.equal(clauses[0]!.verb, 'delete');
  assert.match(clauses[0]!.text, /^delete sessions older than 30 days every night$/);
  assert.equal(splitClauses('Every week: send a digest of new items').length, 1);
  for (const [request, id] of [
    ['every night, delete sessions older than 30 days', 'add-session-deletion'],
    ['Every week: send a digest of new items', 'add-item-digest-sending'],
    ['refresh feeds every 15 minutes', 'add-feed-refresh'],
  ] as const) assert.equal(deriveChangeId(request, []), id, request);
});

async function draftFor(fixture: Parameters<typeof fixtureRepo>[0], repoDir: string, request: string): Promise<PlanDraft> {
  const changeId = deriveChangeId(request, []);
  const context = await gatherContextInProcess({ repoDir, runDir: mkdtempSync(join(tmpdir(), `pp-sched-${fixture}-`)), request, changeId });
  const repository = await repositorySlice(context);
  return ruleBasedDraft({ request, context, changeId, revision: 1, feedback: [], ...(repository ? { repository } : {}) });
}

const requirements = (d: PlanDraft) => d.capabilities.flatMap((c) => c.requirements);
const scenarios = (d: PlanDraft) => requirements(d).flatMap((r) => r.scenarios);

for (const fixture of ['fastapi-sqlmodel', 'go-gin-gorm'] as const) {
  describe(`scenarios on ${fixture}`, () => {
    const repo = fixtureRepo(fixture);

    it('a scheduled behaviour starts from the scheduled run, and a second run for the same period does not repeat it', async () => {
      for (const [request, label] of [
        ['send a weekly email digest of new items to each user', 'weekly'],
        ['every night, delete items older than 30 days', 'nightly'],
      ] as const) {
        const d = await draftFor(fixture, await repo, request);
        const all = scenarios(d);
        assert.ok(all.some((s) => s.when.startsWith(`the ${label} scheduled run starts`) && /SHALL (send|delete)/.test(s.then)), `${request}: ${JSON.stringify(all)}`);
        assert.ok(all.some((s) => /again for a period/.test(s.when)), `${request}: a repeated run`);
        assert.ok(!all.some((s) => /uses the|performs the action described/.test(s.when)), `${request}: no placeholder WHEN: ${JSON.stringify(all)}`);
        assert.ok(requirements(d).every((r) => new RegExp(label, 'i').test(r.name)), `${request}: named for the schedule: ${requirements(d).map((r) => r.name)}`);
        // The schedule is when, not what: no requirement or change id is about "every night".
        assert.ok(!/night$|every/.test(d.changeId), d.changeId);
        assert.ok(!requirements(d).some((r) => /no longer provide/.test(r.text)), 'a scheduled deletion deletes');
      }
    });

    it('letting users do something starts from their action, and a pronoun stands for the noun before it', async () => {
      const d = await draftFor(fixture, await repo, 'let users archive items instead of deleting them');
      const all = scenarios(d);
      const action = all.find((s) => s.when.startsWith('a user asks to archive items'));
      assert.ok(action, JSON.stringify(all));
      assert.match(action.then, /SHALL archive items instead of deleting the items/);
      assert.ok(!all.some((s) => /deleting the item archiving/.test(s.then)));
    });
  });
}

test('narrowing a listing the repository serves says what the existing route accepts from now on', async () => {
  const d = await draftFor('fastapi-sqlmodel', await fixtureRepo('fastapi-sqlmodel'), 'change the endpoint that lists items so that it accepts an optional search query');
  const listing = requirements(d).find((r) => r.scenarios.some((s) => /\?search=/.test(s.when)));
  assert.ok(listing, JSON.stringify(requirements(d)));
  assert.match(listing.text, /^The existing `GET \/api\/v1\/items\/?` SHALL accept the optional query parameter `search`/);
  assert.match(listing.text, /as before/);
  assert.match(listing.name, /by Search$/);
  assert.ok(!/change the endpoint/i.test(listing.text), 'not the request pasted');
});
