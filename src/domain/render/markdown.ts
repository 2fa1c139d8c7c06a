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

export function code(text: string): string {
  return `\`${oneLine(text).replace(/`/g, "'")}\``;
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
