/** The rule-based author is total and deterministic: any request text gives a valid draft. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkDraft } from '../../src/domain/author/draft-check.js';
import { ruleBasedDraft } from '../../src/domain/author/rule-based.js';
import { deriveChangeId } from '../../src/domain/change-id.js';
import { renderChange } from '../../src/domain/render/index.js';
import { checkChangeStructure } from '../../src/domain/render/structure-check.js';
import { emptyContext, taskboardContext } from '../helpers/context-fixtures.js';

const words = fc.constantFrom('add', 'support', 'fix', 'remove', 'document', 'endpoint', 'table', 'ui', 'to', 'the', 'tasks', '2fa', 'GET', '/x/{id}', '`a.b`', 'store', 'in', 'a', 'emit', 'event', '#', '|', '\n', 'Ünïcödé', '...');
const requests = fc.oneof(fc.string({ minLength: 1, maxLength: 120 }), fc.array(words, { minLength: 1, maxLength: 14 }).map((w) => w.join(' ')));

describe('rule-based author (property)', () => {
  it('gives a draft that passes checkDraft and the structure check, identically twice', () => {
    fc.assert(
      fc.property(requests, fc.boolean(), fc.array(fc.string({ minLength: 1, maxLength: 40 }), { maxLength: 2 }), (request, rich, feedback) => {
        fc.pre(request.trim().length > 0);
        const context = rich ? taskboardContext() : emptyContext();
        const changeId = deriveChangeId(request, []);
        const input = { request, context, changeId, revision: feedback.length > 0 ? 2 : 1, feedback };
        const draft = ruleBasedDraft(input);
        const checked = checkDraft(draft, { changeId });
        assert.ok(checked.ok, checked.ok ? '' : checked.errors.join('\n'));
        const files = renderChange(draft, { context });
        assert.deepEqual(checkChangeStructure(files).issues, []);
        assert.deepEqual(renderChange(ruleBasedDraft(input), { context }), files);
      }),
      { numRuns: 300 },
    );
  });
});
