/**
 * Helpers shared by the per-language extractors: an empty facts record, HTTP method names,
 * string literals that name files, and DDL statements written as strings.
 *
 * Pure module.
 */
import { stringValue, walkTypes, type SyntaxNode } from './syntax.js';
import type { FileFacts, PathPart } from './types.js';

export const HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export function emptyFacts(path: string): FileFacts {
  return { path, imports: [], symbols: [], routers: [], mounts: [], routes: [], entities: [], constants: {}, apiCalls: [], pages: [], fileRefs: [], sql: [] };
}

/** Extensions of files a program names by path (templates, static files, SQL). */
const FILE_REF = /^(?!https?:)(?!\/\/)[\w@./-]{1,160}\.(html?|tmpl|tpl|gohtml|jinja2?|j2|hbs|mustache|ejs|njk|txt|sql|css|svg|json|ya?ml|md)$/;

/** The string as a file reference when it looks like one (`repo/home.tmpl`), else undefined. */
export function fileRefOf(value: string): string | undefined {
  const v = value.trim();
  return FILE_REF.test(v) && v.includes('.') && !v.startsWith('.') ? v.replace(/^\.?\//, '') : undefined;
}

const DDL = /^\s*(CREATE\s+(TABLE|INDEX|UNIQUE\s+INDEX|TYPE)|ALTER\s+TABLE|DROP\s+(TABLE|INDEX|COLUMN))\b/i;
const STRING_NODES = new Set(['string', 'interpreted_string_literal', 'raw_string_literal', 'template_string']);

/** DDL written as string literals (migrations embedded in code), in source order. */
export function sqlStatementsOf(root: SyntaxNode, _path: string, max = 400): string[] {
  const out: string[] = [];
  walkTypes(root, STRING_NODES, (n) => {
    if (out.length >= max) return false;
    const v = n.type === 'template_string' ? n.text.slice(1, -1) : stringValue(n);
    if (v !== undefined && DDL.test(v)) out.push(v);
    return false;
  });
  return out;
}

/** Literal text of path parts when they hold no references. */
export function literalParts(parts: readonly PathPart[]): string | undefined {
  let out = '';
  for (const p of parts) {
    if ('ref' in p) return undefined;
    out += p.lit;
  }
  return out;
}

/** How a module answers errors, as patterns of its source (rules as data). */
export const ERROR_HINTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['detail', /\bHTTPException\s*\(|\bdetail\s*=\s*["'f]|["']detail["']\s*:/],
  ['problem', /application\/problem\+json|\bProblemDetails?\b/],
  ['error', /["']error["']\s*:|\bgin\.H\{\s*"error"|\{\s*error:\s*["'`]/],
  ['message', /["']message["']\s*:|\bgin\.H\{\s*"message"/],
];

export function errorHintsOf(text: string): string[] {
  return ERROR_HINTS.filter(([, re]) => re.test(text)).map(([k]) => k);
}
