/**
 * What the project's own configuration says about how its files refer to each other: tsconfig
 * `paths` aliases (with `baseUrl`), workspace package names (every package.json `name`), and Go
 * module paths (every go.mod `module` line).
 *
 * Pure module.
 */
import type { ImportContext } from './imports.js';

/** Repository-relative path -> text, for the configuration files read. */
export type ConfigTexts = Readonly<Record<string, string>>;

const dirOf = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
};

const join = (...parts: string[]): string =>
  parts
    .join('/')
    .split('/')
    .reduce<string[]>((acc, seg) => {
      if (seg === '' || seg === '.') return acc;
      if (seg === '..') acc.pop();
      else acc.push(seg);
      return acc;
    }, [])
    .join('/');

/** JSON with comments and trailing commas (tsconfig.json), or undefined when it is not even that. */
export function parseJsonc(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) i++;
      i++;
    } else out += c;
  }
  try {
    return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    return undefined;
  }
}

const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function importContextOf(files: readonly string[], texts: ConfigTexts): ImportContext {
  const aliases: ImportContext['aliases'] = [];
  const packages: Record<string, string> = {};
  const goModules: Record<string, string> = {};
  for (const [path, text] of Object.entries(texts)) {
    const name = path.split('/').pop()!;
    const dir = dirOf(path);
    if (/^(tsconfig[\w.-]*|jsconfig)\.json$/.test(name)) {
      const opts = record(record(parseJsonc(text)).compilerOptions);
      const base = typeof opts.baseUrl === 'string' ? join(dir, opts.baseUrl) : dir;
      for (const [pattern, targets] of Object.entries(record(opts.paths))) {
        if (!Array.isArray(targets)) continue;
        aliases.push({ pattern, targets: targets.filter((t): t is string => typeof t === 'string').map((t) => join(base, t)) });
      }
    } else if (name === 'package.json') {
      const pkg = record(parseJsonc(text));
      if (typeof pkg.name === 'string' && pkg.name !== '') packages[pkg.name] = dir;
    } else if (name === 'go.mod') {
      const m = /^module\s+(\S+)/m.exec(text);
      if (m) goModules[m[1]!] = dir;
    }
  }
  // Longest alias patterns first, so `@/lib/*` beats `@/*`.
  aliases.sort((a, b) => b.pattern.length - a.pattern.length);
  void files;
  return { aliases, packages, goModules };
}
