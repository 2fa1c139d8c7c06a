/**
 * Splits an `--author-command` string into argv without a shell: whitespace separates words,
 * single quotes are literal, double quotes allow `\"` and `\\`, a backslash outside quotes escapes
 * the next character. No globbing, variables or substitutions: what you write is what runs.
 *
 * Pure module.
 */

export type ArgvResult = { ok: true; argv: string[] } | { ok: false; message: string };

export function splitCommand(command: string): ArgvResult {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && (command[i + 1] === '"' || command[i + 1] === '\\')) word += command[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= command.length) return { ok: false, message: 'command ends with a lone backslash' };
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { ok: false, message: `unterminated ${quote === '"' ? 'double' : 'single'} quote in command` };
  if (inWord) argv.push(word);
  if (argv.length === 0) return { ok: false, message: 'command is empty' };
  return { ok: true, argv };
}
