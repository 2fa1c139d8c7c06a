/**
 * tree-sitter, through the prebuilt WASM runtime and grammars of `@vscode/tree-sitter-wasm`
 * (the ones VS Code ships): Python, TypeScript, TSX, JavaScript and Go. One parser per language
 * per process, loaded on first use; every tree is freed after its visitor ran, so parsing tens of
 * thousands of files keeps WASM memory flat.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';
import type { SyntaxLanguage, SyntaxNode } from '../domain/repository-model/syntax.js';

const require = createRequire(import.meta.url);

const GRAMMARS: Readonly<Record<SyntaxLanguage, string>> = {
  python: 'tree-sitter-python.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  go: 'tree-sitter-go.wasm',
};

let runtime: Promise<typeof TreeSitter> | undefined;
const parsers = new Map<SyntaxLanguage, Promise<TreeSitter.Parser>>();

function wasmDir(): string {
  return dirname(require.resolve('@vscode/tree-sitter-wasm'));
}

function loadRuntime(): Promise<typeof TreeSitter> {
  runtime ??= (async () => {
    const ts = require('@vscode/tree-sitter-wasm') as typeof TreeSitter;
    const dir = wasmDir();
    await ts.Parser.init({ locateFile: (file: string) => join(dir, file) });
    return ts;
  })();
  return runtime;
}

function parserFor(language: SyntaxLanguage): Promise<TreeSitter.Parser> {
  let hit = parsers.get(language);
  if (!hit) {
    hit = (async () => {
      const ts = await loadRuntime();
      const grammar = await ts.Language.load(join(wasmDir(), GRAMMARS[language]));
      const parser = new ts.Parser();
      parser.setLanguage(grammar);
      return parser;
    })();
    hit.catch(() => parsers.delete(language));
    parsers.set(language, hit);
  }
  return hit;
}

/** Loads the parsers of `languages` (so later `parseWith` calls are synchronous). */
export async function loadParsers(languages: readonly SyntaxLanguage[]): Promise<SyntaxParsers> {
  const loaded = new Map<SyntaxLanguage, TreeSitter.Parser>();
  for (const l of languages) loaded.set(l, await parserFor(l));
  return {
    parse<T>(language: SyntaxLanguage, text: string, visit: (root: SyntaxNode) => T): T | undefined {
      const parser = loaded.get(language);
      if (!parser) return undefined;
      const tree = parser.parse(text);
      if (!tree) return undefined;
      try {
        return visit(tree.rootNode as unknown as SyntaxNode);
      } finally {
        tree.delete();
      }
    },
  };
}

/** Synchronous parsing once the parsers are loaded; the tree lives only during `visit`. */
export interface SyntaxParsers {
  parse<T>(language: SyntaxLanguage, text: string, visit: (root: SyntaxNode) => T): T | undefined;
}
