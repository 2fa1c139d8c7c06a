/**
 * The part of a tree-sitter syntax node the extractors use, so they stay pure functions of a tree
 * (the adapter in src/adapters/tree-sitter.ts parses; these modules only read).
 *
 * Pure module.
 */

export type SyntaxLanguage = 'python' | 'typescript' | 'tsx' | 'javascript' | 'go';

export interface SyntaxNode {
  readonly type: string;
  readonly text: string;
  readonly isNamed: boolean;
  readonly startPosition: { row: number; column: number };
  readonly parent: SyntaxNode | null;
  readonly namedChildren: (SyntaxNode | null)[];
  readonly children: (SyntaxNode | null)[];
  readonly namedChildCount: number;
  childForFieldName(name: string): SyntaxNode | null;
  childrenForFieldName(name: string): (SyntaxNode | null)[];
  namedChild(index: number): SyntaxNode | null;
  descendantsOfType(types: string | string[]): (SyntaxNode | null)[];
  walk(): SyntaxCursor;
}

/** tree-sitter's tree cursor: moves over nodes without building a node object for each. */
export interface SyntaxCursor {
  readonly nodeType: string;
  readonly currentNode: SyntaxNode;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}

/** Syntax language of a path, or undefined when no grammar reads it. */
export function syntaxLanguageOf(path: string): SyntaxLanguage | undefined {
  const dot = path.lastIndexOf('.');
  const ext = dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
  switch (ext) {
    case 'py':
      return 'python';
    case 'ts':
    case 'mts':
    case 'cts':
      return path.endsWith('.d.ts') ? undefined : 'typescript';
    case 'tsx':
      return 'tsx';
    case 'js':
    case 'jsx':
    case 'mjs':
    case 'cjs':
      return 'javascript';
    case 'go':
      return 'go';
    default:
      return undefined;
  }
}

export const kids = (node: SyntaxNode): SyntaxNode[] => node.namedChildren.filter((c): c is SyntaxNode => c !== null);

/** Depth-first walk; `visit` returns false to skip a node's children. */
export function walk(node: SyntaxNode, visit: (n: SyntaxNode) => boolean | void): void {
  const stack: SyntaxNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    const children = kids(n);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/**
 * Depth-first visit of the nodes whose type is in `types`, with a tree cursor: nodes of other
 * types are passed over without a node object, which is most of the cost of reading a large
 * tree from JavaScript. `visit` returns false to skip the children of the node it was given.
 */
export function walkTypes(node: SyntaxNode, types: ReadonlySet<string>, visit: (n: SyntaxNode) => boolean | void): void {
  const cursor = node.walk();
  try {
    let depth = 0;
    let descend = types.has(cursor.nodeType) ? visit(cursor.currentNode) !== false : true;
    for (;;) {
      if (descend && cursor.gotoFirstChild()) {
        depth++;
      } else {
        for (;;) {
          if (depth === 0) return;
          if (cursor.gotoNextSibling()) break;
          cursor.gotoParent();
          depth--;
        }
      }
      descend = types.has(cursor.nodeType) ? visit(cursor.currentNode) !== false : true;
    }
  } finally {
    cursor.delete();
  }
}

export const line = (node: SyntaxNode): number => node.startPosition.row + 1;

/**
 * The value of a string literal node in any of the three grammars (quotes, prefixes and
 * escapes handled the simple way), or undefined when the node is not a plain string (an
 * f-string with interpolations, a template literal with `${}`).
 */
export function stringValue(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'string': {
      // Python: string_start string_content* string_end, interpolation makes it dynamic.
      if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
      const raw = node.text;
      const m = /^[rRbBuU]{0,2}("""|'''|"|')([\s\S]*)\1$/.exec(raw);
      if (m) return m[2]!;
      // TypeScript/JavaScript: quote + string_fragment + quote.
      const q = /^(["'])([\s\S]*)\1$/.exec(raw);
      return q ? q[2]! : undefined;
    }
    case 'interpreted_string_literal':
    case 'raw_string_literal': {
      const raw = node.text;
      return raw.length >= 2 ? raw.slice(1, -1) : undefined;
    }
    case 'template_string': {
      if (node.namedChildren.some((c) => c?.type === 'template_substitution')) return undefined;
      return node.text.slice(1, -1);
    }
    case 'concatenated_string': {
      const parts = kids(node).map(stringValue);
      return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
    }
    default:
      return undefined;
  }
}

/** A template literal with `${x}` parts as a path pattern: `/api/posts/${id}` -> `/api/posts/{id}`. */
export function templatePattern(node: SyntaxNode | null | undefined): string | undefined {
  if (!node || node.type !== 'template_string') return stringValue(node);
  return node.text.slice(1, -1).replace(/\$\{\s*([^}]*?)\s*\}/g, (_m, expr: string) => {
    const name = /([A-Za-z_$][\w$]*)\s*$/.exec(expr)?.[1] ?? 'param';
    return `{${name}}`;
  });
}

/** Dotted text of an attribute / member / selector chain (`settings.API_V1_STR`, `items.router`). */
export function dotted(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'identifier':
    case 'property_identifier':
    case 'field_identifier':
    case 'type_identifier':
    case 'package_identifier':
    case 'this':
      return node.text;
    case 'attribute': {
      const o = dotted(node.childForFieldName('object'));
      const a = node.childForFieldName('attribute')?.text;
      return o && a ? `${o}.${a}` : undefined;
    }
    case 'member_expression': {
      const o = dotted(node.childForFieldName('object'));
      const p = node.childForFieldName('property')?.text;
      return o && p ? `${o}.${p}` : undefined;
    }
    case 'selector_expression': {
      const o = dotted(node.childForFieldName('operand'));
      const f = node.childForFieldName('field')?.text;
      return o && f ? `${o}.${f}` : undefined;
    }
    default:
      return undefined;
  }
}
