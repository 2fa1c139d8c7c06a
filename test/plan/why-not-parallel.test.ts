import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderWhyNotParallel, withWhyNotParallel } from '../../src/domain/plan/why-not-parallel.js';

const proposal = '# Change: X\n\n## Why\n\nBecause.\n\n## Impact\n\n- a\n';

test('the section lists every reason, or says nothing limits parallel work', () => {
  assert.equal(renderWhyNotParallel({ whyNotParallel: ['a waits for b.'] }), '## Why not parallel\n\n- a waits for b.\n');
  assert.equal(renderWhyNotParallel({ whyNotParallel: [] }), '## Why not parallel\n\nNothing in this change limits parallel work.\n');
});

test('the proposal gets the section appended once, then replaced in place', () => {
  const first = withWhyNotParallel(proposal, { whyNotParallel: ['one.'] });
  assert.equal(first, `${proposal}\n## Why not parallel\n\n- one.\n`);
  assert.equal(withWhyNotParallel(first, { whyNotParallel: ['one.'] }), first);
  const middle = withWhyNotParallel('# T\n\n## Why not parallel\n\n- old.\n\n## Impact\n\n- a\n', { whyNotParallel: ['new.'] });
  assert.equal(middle, '# T\n\n## Why not parallel\n\n- new.\n\n## Impact\n\n- a\n');
});
