/**
 * Presets for the agent CLIs people use as plan authors: `--author claude|codex|gemini` maps to
 * that CLI's non-interactive mode, reading the prompt on standard input and answering on standard
 * output. Each command line can be overridden with PARALLEL_PLAN_AUTHOR_<NAME> (e.g.
 * PARALLEL_PLAN_AUTHOR_CLAUDE="claude -p --model opus --output-format text"), or replaced with
 * --author-command. Rules as data: one table.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { splitCommand } from '../domain/author/argv.js';
import { badInput } from '../errors.js';

export const AUTHOR_PRESETS = {
  /** Claude Code's print mode: the prompt on stdin, the answer as plain text. */
  claude: { command: 'claude -p --output-format text', install: 'install Claude Code (npm install -g @anthropic-ai/claude-code)' },
  /** Codex CLI's exec mode; `-` reads the prompt from stdin. */
  codex: { command: 'codex exec -', install: 'install the Codex CLI (npm install -g @openai/codex)' },
  /** Gemini CLI runs non-interactively when its input is piped. */
  gemini: { command: 'gemini', install: 'install the Gemini CLI (npm install -g @google/gemini-cli)' },
} as const;

export type AuthorPreset = keyof typeof AUTHOR_PRESETS;
export const AUTHOR_PRESET_NAMES = Object.keys(AUTHOR_PRESETS) as AuthorPreset[];

const onPath = (file: string, env: NodeJS.ProcessEnv): boolean => {
  const candidates = isAbsolute(file) || file.includes('/') ? [file] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, file));
  return candidates.some((c) => {
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
};

/** The command line of a preset (or its override), checked to be runnable here. */
export function presetCommand(name: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!(AUTHOR_PRESET_NAMES as string[]).includes(name)) {
    throw badInput(`unknown author '${name}'`, `use one of: rule-based, ${AUTHOR_PRESET_NAMES.join(', ')}; or --author-command "<agent command>"`);
  }
  const preset = AUTHOR_PRESETS[name as AuthorPreset];
  const variable = `PARALLEL_PLAN_AUTHOR_${name.toUpperCase()}`;
  const command = env[variable]?.trim() || preset.command;
  const split = splitCommand(command);
  if (!split.ok || split.argv.length === 0) throw badInput(`cannot read ${variable}: ${split.ok ? 'empty' : split.message}`, 'quote arguments with spaces; no shell syntax is interpreted');
  if (!onPath(split.argv[0]!, env)) {
    throw badInput(`--author ${name} runs \`${split.argv[0]}\`, which is not on PATH`, `${preset.install}, set ${variable} to its command line, or pass --author-command`);
  }
  return command;
}
