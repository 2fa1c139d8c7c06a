/** The external-command author against real node scripts acting as agents. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createExternalCommandAuthor, resolveArgv } from '../../src/authors/external-command.js';
import { projectRoot } from '../../src/config/paths.js';
import type { AuthorInput } from '../../src/domain/author/input.js';
import { PlanDraftSchema } from '../../src/domain/draft.js';
import { PlanError } from '../../src/errors.js';
import { spec, taskboardContext } from '../helpers/context-fixtures.js';

const agent = (name: string) => `"${process.execPath}" "${join(projectRoot, 'test/fixtures/agents', name)}"`;

const input: AuthorInput = { request: 'Add an endpoint to archive tasks', context: taskboardContext(), changeId: 'add-endpoint-archive-tasks', revision: 1 };

async function rejection(p: Promise<unknown>): Promise<PlanError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof PlanError, `expected a PlanError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the author to fail');
}

describe('external command author', () => {
  it('accepts a valid draft (even inside a ```json fence)', async () => {
    const draft = await createExternalCommandAuthor({ command: agent('correct.mjs') }).draft(input);
    assert.equal(draft.changeId, 'add-endpoint-archive-tasks');
    assert.equal(draft.capabilities[0]?.name, 'agent-feature');
  });

  it('sends the request, context, feedback, draft schema and current text of specs it may modify', async () => {
    const context = { ...taskboardContext({ relatedSpecs: [spec('task-management', 0.9, ['Task Creation'])] }), repoDir: join(projectRoot, 'examples/taskboard') };
    const draft = await createExternalCommandAuthor({ command: agent('inspect-prompt.mjs') }).draft({ ...input, context, revision: 2, feedback: ['Keep titles short'] });
    const seen = draft.decisions.slice(1).map((d) => d.title);
    assert.equal(seen[0], `schema has ${Object.keys(PlanDraftSchema.shape).length} properties`);
    assert.match(seen[1] ?? '', /^existing: task-management\/Task Creation \(2 scenarios\), task-management\/Status Flow/);
    assert.deepEqual(seen.slice(2), ['feedback: Keep titles short', 'boundaries: backend, frontend, data, docs, tests', 'instructions mention SHALL: true']);
  });

  it('retries an invalid answer with the validation errors as feedback', async () => {
    const draft = await createExternalCommandAuthor({ command: agent('wrong-once.mjs') }).draft(input);
    const fixed = draft.decisions.map((d) => d.title);
    assert.ok(fixed.some((t) => t.startsWith('Fixed: why: expected at least 50 character(s)')), fixed.join('\n'));
    assert.ok(fixed.some((t) => t.includes('capabilities[0].requirements[0].text')), fixed.join('\n'));
  });

  it('gives up after maxAttempts with a non-retryable error naming the last errors and stderr', async () => {
    const err = await rejection(createExternalCommandAuthor({ command: agent('never-right.mjs'), maxAttempts: 2 }).draft(input));
    assert.equal(err.type, 'InvalidPlan');
    assert.equal(err.retryable, false);
    assert.match(err.message, /in 2 attempt\(s\)/);
    assert.match(err.message, /tasks\[0\]\.scenarios\[0\]: expected .* got "agent-feature\/Agent requirement\/Missing scenario"/);
    assert.match(err.message, /agent: attempt 2 of 2/);
  });

  it('times out with a retryable error that carries stderr', async () => {
    const started = Date.now();
    const err = await rejection(createExternalCommandAuthor({ command: agent('slow.mjs'), timeoutMs: 500 }).draft(input));
    assert.ok(Date.now() - started < 10_000, 'the agent is killed at the timeout');
    assert.equal(err.type, 'ToolFailed');
    assert.equal(err.retryable, true);
    assert.match(err.message, /timed out after 500 ms/);
    assert.match(err.message, /agent: thinking/);
  });

  it('reports a crashing agent with its exit code and stderr', async () => {
    const err = await rejection(createExternalCommandAuthor({ command: agent('crash.mjs') }).draft(input));
    assert.equal(err.type, 'ToolFailed');
    assert.match(err.message, /exited with 3/);
    assert.match(err.message, /model quota exceeded/);
  });

  it('reports a missing program as ToolMissing', async () => {
    const err = await rejection(createExternalCommandAuthor({ command: 'definitely-not-an-agent-xyz --json' }).draft(input));
    assert.equal(err.type, 'ToolMissing');
  });

  it('splits the command string without a shell', () => {
    assert.deepEqual(resolveArgv(`agent --flag "two words" 'it''s' a\\ b $HOME;rm`), ['agent', '--flag', 'two words', 'its', 'a b', '$HOME;rm']);
    assert.throws(() => resolveArgv('agent "unterminated'), /unterminated double quote/);
    assert.throws(() => resolveArgv('   '), /command is empty/);
  });
});
