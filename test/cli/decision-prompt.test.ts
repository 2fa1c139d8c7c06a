/** The decision prompt after `plan` on a terminal, driven through streams as a person would type. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { askDecision, askYesNo } from '../../src/cli/decision-prompt.js';

async function answer(typed: string): Promise<{ result: Awaited<ReturnType<typeof askDecision>>; shown: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (d: Buffer) => (shown += d.toString()));
  input.end(typed);
  const result = await askDecision(input, output, 'add-tags');
  return { result, shown };
}

describe('askDecision', () => {
  it('approves, with an optional comment', async () => {
    assert.deepEqual((await answer('a\n\n')).result, { kind: 'approve' });
    assert.deepEqual((await answer('approve\nship it\n')).result, { kind: 'approve', comment: 'ship it' });
  });
  it('asks again after an unknown answer or a change request without a comment', async () => {
    const { result, shown } = await answer('x\nc\n\nc\nstore tags in their own table\n');
    assert.deepEqual(result, { kind: 'request-changes', comment: 'store tags in their own table' });
    assert.match(shown, /'x' is not one of a, r, c, q/);
    assert.match(shown, /request-changes needs a comment; nothing sent/);
  });
  it('decides later on q or an empty answer', async () => {
    assert.equal((await answer('q\n')).result, undefined);
    assert.equal((await answer('\n')).result, undefined);
  });
  it('rejects', async () => {
    assert.deepEqual((await answer('r\nnot now\n')).result, { kind: 'reject', comment: 'not now' });
  });
});

describe('the acknowledgement asked after an approval refused for conflicts', () => {
  const yesNo = async (typed: string): Promise<{ yes: boolean; shown: string }> => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (d: Buffer) => (shown += d.toString()));
    input.end(typed);
    return { yes: await askYesNo(input, output, 'Approve anyway, acknowledging the conflicts?'), shown };
  };
  it('is yes only for y or yes', async () => {
    for (const typed of ['y\n', 'YES\n', ' yes \n']) assert.equal((await yesNo(typed)).yes, true, typed);
    for (const typed of ['\n', 'n\n', 'yep\n', '']) assert.equal((await yesNo(typed)).yes, false, JSON.stringify(typed));
    assert.equal((await yesNo('n\n')).shown, 'Approve anyway, acknowledging the conflicts? [y/N] ');
  });
});
