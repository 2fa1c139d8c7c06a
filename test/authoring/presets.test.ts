/**
 * Author presets for agent CLIs (--author claude|codex|gemini): each maps to the CLI's
 * non-interactive command line, can be overridden, and is refused clearly when the CLI is not
 * installed. The CLIs themselves cannot run here (hosted models): stand-in scripts with their
 * names read the prompt on stdin, check the arguments the preset passes, and answer a draft.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AUTHOR_PRESETS, presetCommand } from '../../src/authors/presets.js';
import { createExternalCommandAuthor } from '../../src/authors/external-command.js';
import { projectRoot } from '../../src/config/paths.js';
import { PlanDraftSchema } from '../../src/domain/draft.js';
import { PlanError } from '../../src/errors.js';
import { taskboardContext } from '../helpers/context-fixtures.js';

/** A folder holding a stand-in for `name` that insists on the preset's arguments. */
function standIn(name: string, expectedArgs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), `pp-${name}-`));
  const file = join(dir, name);
  const correct = join(projectRoot, 'test/fixtures/agents/correct.mjs');
  writeFileSync(
    file,
    `#!/bin/sh\n[ "$*" = "${expectedArgs.join(' ')}" ] || { echo "unexpected arguments: $*" >&2; exit 64; }\nexec "${process.execPath}" "${correct}"\n`,
  );
  chmodSync(file, 0o755);
  return dir;
}

const isBadInput = (pattern: RegExp) => (err: unknown) => err instanceof PlanError && err.type === 'BadInput' && pattern.test(`${err.message} ${err.fix ?? ''}`);

describe('author presets', () => {
  for (const [name, preset] of Object.entries(AUTHOR_PRESETS)) {
    it(`${name}: runs \`${preset.command}\` with the prompt on stdin and reads the draft it answers`, async () => {
      const [bin, ...args] = preset.command.split(' ');
      const env = { ...process.env, PATH: `${standIn(bin!, args)}:${process.env.PATH ?? ''}` };
      const command = presetCommand(name, env);
      assert.equal(command, preset.command);
      const draft = await createExternalCommandAuthor({ command, env }).draft({ request: 'add an agent feature', context: taskboardContext(), changeId: 'add-agent-feature', revision: 1 });
      assert.equal(PlanDraftSchema.parse(draft).changeId, 'add-agent-feature');
    });
  }

  it('is refused, saying how to install it, when the CLI is not on PATH', () => {
    assert.throws(() => presetCommand('codex', { PATH: mkdtempSync(join(tmpdir(), 'pp-empty-')) }), isBadInput(/`codex`, which is not on PATH.*@openai\/codex/));
  });

  it('takes an override from PARALLEL_PLAN_AUTHOR_<NAME>, checked the same way', () => {
    const dir = standIn('claude', ['-p', '--model', 'opus']);
    assert.equal(presetCommand('claude', { PATH: dir, PARALLEL_PLAN_AUTHOR_CLAUDE: 'claude -p --model opus' }), 'claude -p --model opus');
    assert.throws(() => presetCommand('claude', { PATH: dir, PARALLEL_PLAN_AUTHOR_CLAUDE: 'claud -p' }), isBadInput(/`claud`, which is not on PATH/));
  });

  it('names the choices for an unknown author', () => {
    assert.throws(() => presetCommand('copilot'), isBadInput(/unknown author 'copilot'.*rule-based, claude, codex, gemini/));
  });
});
