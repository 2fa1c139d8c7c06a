/**
 * Declared symbols of a source file: TypeScript/JavaScript through the TypeScript compiler's
 * parser (no type checking), Python and Go through line-anchored patterns. Methods are
 * reported as `Class.method`.
 *
 * Pure module.
 */
import ts from 'typescript';
import { extensionOf } from './paths.js';

export const MAX_SYMBOLS = 40;

const TS_KIND: Readonly<Record<string, ts.ScriptKind>> = {
  ts: ts.ScriptKind.TS, mts: ts.ScriptKind.TS, cts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX,
  js: ts.ScriptKind.JS, mjs: ts.ScriptKind.JS, cjs: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX,
};

export function extractSymbols(path: string, text: string, max = MAX_SYMBOLS): string[] {
  const ext = extensionOf(path);
  const kind = TS_KIND[ext];
  const all = kind !== undefined ? typescriptSymbols(path, text, kind) : ext === 'py' ? pythonSymbols(text) : ext === 'go' ? goSymbols(text) : [];
  return [...new Set(all)].slice(0, max);
}

function nameOf(node: { name?: ts.Node }): string | undefined {
  const n = node.name;
  return n && (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n)) ? n.text : undefined;
}

function typescriptSymbols(path: string, text: string, kind: ts.ScriptKind): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kind);
  const out: string[] = [];
  const members = (owner: string, list: ts.NodeArray<ts.ClassElement | ts.TypeElement>) => {
    for (const m of list) {
      const name = nameOf(m as { name?: ts.Node });
      if (name && (ts.isMethodDeclaration(m) || ts.isMethodSignature(m))) out.push(`${owner}.${name}`);
    }
  };
  for (const stmt of source.statements) {
    if (ts.isFunctionDeclaration(stmt) || ts.isEnumDeclaration(stmt) || ts.isTypeAliasDeclaration(stmt) || ts.isModuleDeclaration(stmt)) {
      const name = nameOf(stmt);
      if (name) out.push(name);
    } else if (ts.isClassDeclaration(stmt)) {
      const name = nameOf(stmt) ?? 'default';
      out.push(name);
      members(name, stmt.members);
    } else if (ts.isInterfaceDeclaration(stmt)) {
      out.push(stmt.name.text);
    } else if (ts.isVariableStatement(stmt)) {
      for (const decl of stmt.declarationList.declarations) {
        if (ts.isIdentifier(decl.name)) out.push(decl.name.text);
      }
    } else if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
      for (const el of stmt.exportClause.elements) out.push(el.name.text);
    }
  }
  return out;
}

function pythonSymbols(text: string): string[] {
  const out: string[] = [];
  let currentClass: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const cls = /^class\s+([A-Za-z_]\w*)/.exec(line);
    if (cls) {
      currentClass = cls[1]!;
      out.push(currentClass);
      continue;
    }
    const top = /^(?:async\s+)?def\s+([A-Za-z_]\w*)/.exec(line);
    if (top) {
      currentClass = undefined;
      out.push(top[1]!);
      continue;
    }
    const method = /^\s+(?:async\s+)?def\s+([A-Za-z_]\w*)/.exec(line);
    if (method && currentClass && !method[1]!.startsWith('__')) {
      out.push(`${currentClass}.${method[1]}`);
      continue;
    }
    const constant = /^([A-Z][A-Z0-9_]*|[a-z_]\w*)\s*(?::[^=]+)?=(?!=)/.exec(line);
    if (constant) {
      currentClass = undefined;
      out.push(constant[1]!);
    } else if (/^\S/.test(line) && !/^(#|@|\)|\]|\})/.test(line)) currentClass = undefined;
  }
  return out;
}

function goSymbols(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^func\s+(?:\(\s*\w*\s*\*?\s*(\w+)(?:\[[^\]]*\])?\s*\)\s*)?(\w+)/gm)) {
    out.push(m[1] ? `${m[1]}.${m[2]}` : m[2]!);
  }
  for (const m of text.matchAll(/^type\s+(\w+)/gm)) out.push(m[1]!);
  for (const m of text.matchAll(/^(?:const|var)\s+(\w+)/gm)) out.push(m[1]!);
  for (const m of text.matchAll(/^(?:const|var|type)\s*\(\s*\n([\s\S]*?)^\)/gm)) {
    for (const d of m[1]!.matchAll(/^\s+([A-Za-z_]\w*)/gm)) out.push(d[1]!);
  }
  return out;
}
