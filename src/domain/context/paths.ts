/** Repository-relative path helpers (forward slashes) and small value helpers. Pure module. */

export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export const dirOf = (path: string): string => {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
};

export const extensionOf = (path: string): string => {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
};

export const pathDepth = (path: string): number => path.split('/').length;

/** Shallow paths first, then by name: README before docs/a/b.md. */
export const byDepth = (a: string, b: string): number => pathDepth(a) - pathDepth(b) || a.localeCompare(b);

const DOC_EXTENSIONS = new Set(['md', 'mdx', 'rst', 'adoc', 'txt']);

/** Prose documentation (Markdown, reStructuredText, AsciiDoc, plain text). */
export const isDocumentation = (path: string): boolean => DOC_EXTENSIONS.has(extensionOf(path));

export const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
