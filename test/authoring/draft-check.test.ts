import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDraft } from '../../src/domain/author/draft-check.js';
import { extractJson } from '../../src/domain/author/prompt.js';
import { ruleBasedDraft } from '../../src/domain/author/rule-based.js';
import { taskboardContext } from '../helpers/context-fixtures.js';

const draft = ruleBasedDraft({ request: 'Add an endpoint to archive tasks', context: taskboardContext(), changeId: 'add-archive', revision: 1 });

describe('checkDraft', () => {
  it('accepts a rule-based draft (round trip through JSON)', () => {
    const r = checkDraft(JSON.parse(JSON.stringify(draft)), { changeId: 'add-archive' });
    assert.ok(r.ok);
    assert.deepEqual(r.draft, draft);
  });

  it('reports schema errors with exact paths', () => {
    const bad = structuredClone(draft) as Record<string, unknown> & typeof draft;
    bad.capabilities[0]!.requirements[0]!.text = 'It does things.';
    (bad as Record<string, unknown>).extra = true;
    const r = checkDraft(bad, { changeId: 'add-archive' });
    assert.ok(!r.ok);
    assert.deepEqual(r.errors, [
      'capabilities[0].requirements[0].text: expected regex matching /\\b(SHALL|MUST)\\b/ (requirement text must contain SHALL or MUST), got "It does things." (15 chars)',
      'extra: expected no such field (unknown key), got boolean true',
    ]);
  });

  it('reports cross-reference errors the schema cannot see', () => {
    const bad = structuredClone(draft);
    bad.tasks[0]!.decisions = ['D7'];
    bad.tasks = bad.tasks.map((t) => ({ ...t, scenarios: t.scenarios.filter((s) => !s.includes('Invalid')) }));
    bad.capabilities.push(structuredClone(bad.capabilities[0]!));
    const r = checkDraft(bad, { changeId: 'other-id' });
    assert.ok(!r.ok);
    assert.deepEqual(r.errors, [
      'changeId: expected "other-id", got "add-archive"',
      'capabilities[1].name: expected a capability name used once, got "task-archiving" again',
      'tasks[0].decisions[0]: expected one of D1, D2, got "D7"',
      'tasks: expected a task citing scenario "task-archiving/Task Archiving/Invalid archiveTask request is rejected", got none',
    ]);
  });
});

describe('extractJson', () => {
  it('reads plain JSON, a fenced block, or the outermost object', () => {
    assert.deepEqual(extractJson('{"a":1}\n'), { ok: true, value: { a: 1 } });
    assert.deepEqual(extractJson('Sure!\n```json\n{"a":2}\n```\nDone.'), { ok: true, value: { a: 2 } });
    assert.deepEqual(extractJson('Result: {"a":{"b":3}} (end)'), { ok: true, value: { a: { b: 3 } } });
  });
  it('explains what it got when there is no JSON', () => {
    assert.deepEqual(extractJson(''), { ok: false, message: '(root): expected one JSON object on stdout, got empty output' });
    assert.equal(extractJson('I cannot do that').ok, false);
  });
});
