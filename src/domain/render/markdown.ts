/**
 * Markdown helpers shared by the renderers. Draft strings are user or agent text: they are
 * flattened where Markdown structure depends on single lines (headers, bullets, table cells).
 *
 * Pure module.
 */

/** One line: newlines and runs of whitespace collapse to a space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A header text: one line, and no leading `#` that would change the header level. */
export function headerText(text: string): string {
  return oneLine(text).replace(/^#+\s*/, '');
}

export function tableCell(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|');
}

/**
 * A CommonMark code span that keeps backticks in the text: the fence is one backtick longer than
 * the longest run inside, padded with spaces when the text touches a backtick.
 */
export function code(text: string): string {
  const t = oneLine(text);
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** The texts of the code spans in a line, inverse of `code`. */
export function codeSpans(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g)) {
    const body = m[2]!;
    out.push(m[1]!.length > 1 && body.startsWith(' ') && body.endsWith(' ') ? body.slice(1, -1) : body);
  }
  return out;
}

export function bullets(items: readonly string[], empty = '- None'): string {
  return items.length === 0 ? empty : items.map((i) => `- ${oneLine(i)}`).join('\n');
}

/** Joins blocks with one blank line and ends the document with exactly one newline. */
export function doc(blocks: ReadonlyArray<string | undefined | false>): string {
  return `${blocks.filter((b): b is string => typeof b === 'string' && b.trim() !== '').map((b) => b.trimEnd()).join('\n\n')}\n`;
}

export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.map(tableCell).join(' | ')} |`;
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}
