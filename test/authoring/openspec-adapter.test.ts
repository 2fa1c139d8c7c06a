/** The openspec adapter against the real CLI in temporary folders. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openspecInit, openspecValidate } from '../../src/adapters/openspec.js';
import { PlanError } from '../../src/errors.js';
import { freshOpenspecRepo, writeChange } from '../helpers/authoring.js';

const spec = (text: string) => `## ADDED Requirements\n\n### Requirement: Thing\n\n${text}\n\n#### Scenario: Works\n- **WHEN** asked\n- **THEN** it works\n`;

describe('openspec adapter', () => {
  it('init creates openspec/ without prompting, from any cwd', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-openspec-init-'));
    await openspecInit(dir);
    assert.ok(existsSync(join(dir, 'openspec', 'specs')));
    assert.ok(existsSync(join(dir, 'openspec', 'changes')));
  });

  it('validate passes a correct change and reports strict failures as issues', async () => {
    const repo = await freshOpenspecRepo();
    writeChange(repo, 'add-thing', [
      { path: 'proposal.md', content: '# Change: thing\n\n## Why\n\nA reason that is long enough to be a reason for sure.\n\n## What Changes\n\n- thing\n' },
      { path: 'specs/thing/spec.md', content: spec('The system SHALL do the thing.') },
    ]);
    assert.deepEqual(await openspecValidate(repo, 'add-thing'), { changeId: 'add-thing', valid: true, issues: [] });

    writeChange(repo, 'add-weak', [
      { path: 'proposal.md', content: '# Change: weak\n\n## Why\n\nA reason that is long enough to be a reason for sure.\n\n## What Changes\n\n- weak\n' },
      { path: 'specs/thing/spec.md', content: spec('The system does the thing.') },
    ]);
    const weak = await openspecValidate(repo, 'add-weak');
    assert.equal(weak.valid, false);
    assert.equal(weak.issues[0]?.path, 'thing/spec.md');
    assert.match(weak.issues[0]?.message ?? '', /SHALL or MUST/);
  });

  it('an unknown change is a BadInput error naming the change', async () => {
    const repo = await freshOpenspecRepo();
    await assert.rejects(openspecValidate(repo, 'no-such-change'), (err: unknown) => {
      assert.ok(err instanceof PlanError);
      assert.equal(err.type, 'BadInput');
      assert.match(err.message, /no-such-change/);
      return true;
    });
  });

  it('passes the cancellation signal to the CLI', async () => {
    const repo = await freshOpenspecRepo();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(openspecValidate(repo, 'anything', { signal: controller.signal }), (err: unknown) => {
      assert.ok(err instanceof PlanError);
      assert.equal(err.type, 'ToolFailed');
      assert.match(err.message, /cancelled/);
      return true;
    });
  });
});
