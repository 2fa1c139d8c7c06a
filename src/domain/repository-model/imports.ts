/**
 * Import specifiers to repository files: Python modules (absolute from any source root, and
 * relative), TypeScript/JavaScript specifiers (relative, tsconfig `paths` aliases, workspace
 * package names) and Go import paths (under a `go.mod` module path, as package folders).
 *
 * Pure module.
 */
import { joinInside } from '../posix-path.js';
import type { ImportFact } from './types.js';

export interface ImportContext {
  /** tsconfig `paths` aliases: `@/*` -> [`src/*`] (targets relative to the repository). */
  aliases: Array<{ pattern: string; targets: string[] }>;
  /** Workspace packages: name -> folder (`@documenso/lib` -> `packages/lib`). */
  packages: Record<string, string>;
  /** Go modules: module path -> folder (`miniflux.app/v2` -> ``). */
  goModules: Record<string, string>;
}

const dirOf = (p: string): string => {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
};

const joinPath = joinInside;

const TS_EXTS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.vue', '.svelte', '.d.ts'];

export class ImportResolver {
  private readonly files: ReadonlySet<string>;
  /** dotted module suffix -> files (`api.routes.items` -> [`backend/app/api/routes/items.py`]). */
  private readonly pyModules = new Map<string, string[]>();
  /** Go package folders that hold .go files. */
  private readonly goDirs = new Set<string>();

  constructor(
    files: readonly string[],
    private readonly ctx: ImportContext,
  ) {
    this.files = new Set(files);
    for (const f of files) {
      if (f.endsWith('.py')) {
        const parts = f.slice(0, -3).split('/');
        if (parts[parts.length - 1] === '__init__') parts.pop();
        for (let i = 0; i < parts.length; i++) {
          const key = parts.slice(i).join('.');
          if (!key) continue;
          const list = this.pyModules.get(key);
          if (list) list.push(f);
          else this.pyModules.set(key, [f]);
        }
      } else if (f.endsWith('.go') && !f.endsWith('_test.go')) this.goDirs.add(dirOf(f));
    }
  }

  /** Files (or `pkg:<dir>` nodes for Go packages) an import of `from` refers to. */
  resolve(from: string, imp: ImportFact): string[] {
    if (from.endsWith('.py')) return this.python(from, imp);
    if (from.endsWith('.go')) return this.go(imp.spec);
    return this.script(from, imp.spec);
  }

  /** The file of a Python module, nearest to `from` when several roots define it. */
  pythonModule(from: string, dotted: string): string | undefined {
    const hits = this.pyModules.get(dotted);
    if (!hits || hits.length === 0) return undefined;
    if (hits.length === 1) return hits[0];
    const common = (a: string, b: string) => {
      const x = a.split('/');
      const y = b.split('/');
      let i = 0;
      while (i < x.length && i < y.length && x[i] === y[i]) i++;
      return i;
    };
    // The exact module path first (root-level package), then the file sharing most folders with the importer.
    return [...hits].sort((a, b) => common(b, from) - common(a, from) || a.length - b.length)[0];
  }

  private python(from: string, imp: ImportFact): string[] {
    const out: string[] = [];
    if (imp.level) {
      let dir = dirOf(from);
      for (let i = 1; i < imp.level; i++) dir = dirOf(dir);
      const base = imp.spec ? `${dir ? `${dir}/` : ''}${imp.spec.replace(/\./g, '/')}` : dir;
      const candidates = [`${base}.py`, `${base}/__init__.py`];
      for (const c of candidates) if (this.files.has(c)) out.push(c);
      for (const n of imp.names) {
        if (n.imported === '*') continue;
        const sub = `${base}/${n.imported}.py`;
        const pkg = `${base}/${n.imported}/__init__.py`;
        if (this.files.has(sub)) out.push(sub);
        else if (this.files.has(pkg)) out.push(pkg);
      }
      return [...new Set(out)];
    }
    const mod = this.pythonModule(from, imp.spec);
    if (mod) out.push(mod);
    for (const n of imp.names) {
      if (n.imported === '*') continue;
      const sub = this.pythonModule(from, `${imp.spec}.${n.imported}`);
      if (sub) out.push(sub);
    }
    return [...new Set(out)];
  }

  private go(spec: string): string[] {
    for (const [mod, dir] of Object.entries(this.ctx.goModules)) {
      if (spec === mod || spec.startsWith(`${mod}/`)) {
        const rest = spec.slice(mod.length).replace(/^\//, '');
        const pkg = [dir, rest].filter((s) => s !== '').join('/');
        return this.goDirs.has(pkg) ? [`pkg:${pkg}`] : [];
      }
    }
    return [];
  }

  /** A script specifier resolved to a file: exact, with extensions, `.js` written for `.ts`, or an index file. */
  private fileFor(base: string): string | undefined {
    if (this.files.has(base) && /\.[a-z]+$/.test(base)) return base;
    const stripped = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
    for (const ext of TS_EXTS) if (this.files.has(`${stripped}${ext}`)) return `${stripped}${ext}`;
    for (const ext of TS_EXTS) if (this.files.has(`${base}/index${ext}`)) return `${base}/index${ext}`;
    return undefined;
  }

  private script(from: string, spec: string): string[] {
    if (spec.startsWith('.')) {
      const base = joinPath(dirOf(from), spec);
      const hit = base !== undefined ? this.fileFor(base) : undefined;
      return hit ? [hit] : [];
    }
    for (const { pattern, targets } of this.ctx.aliases) {
      const star = pattern.indexOf('*');
      const head = star < 0 ? pattern : pattern.slice(0, star);
      if (star < 0 ? spec !== pattern : !spec.startsWith(head)) continue;
      const rest = star < 0 ? '' : spec.slice(head.length);
      for (const t of targets) {
        const hit = this.fileFor(t.replace('*', rest).replace(/\/$/, ''));
        if (hit) return [hit];
      }
    }
    // Workspace packages: `@documenso/lib/server-only/x` -> packages/lib/server-only/x.ts (or its src/).
    const scoped = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    const dir = this.ctx.packages[scoped];
    if (dir !== undefined) {
      const rest = spec.slice(scoped.length).replace(/^\//, '');
      const base = [dir, rest].filter((s) => s !== '').join('/');
      const hit = this.fileFor(base) ?? this.fileFor([dir, 'src', rest].filter((s) => s !== '').join('/')) ?? (rest === '' ? this.fileFor(`${dir}/src/index`) : undefined);
      return hit ? [hit] : [];
    }
    return [];
  }
}
