/**
 * Guards the layering the design relies on: domain code and workflow code do no I/O (no Node
 * built-ins), workflows import activities as types only, and the domain never reaches into
 * activities, adapters or the CLI. A violation names the file and the import.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Every import statement of a file: specifier and whether it is type-only. */
function imports(file: string): Array<{ spec: string; typeOnly: boolean; line: string }> {
  const text = readFileSync(join(root, file), 'utf8');
  const re = /^(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm;
  const out: Array<{ spec: string; typeOnly: boolean; line: string }> = [];
  for (const m of text.matchAll(re)) out.push({ spec: m[3]!, typeOnly: Boolean(m[2]), line: m[0].split('\n')[0]! });
  return out;
}

const violations = (files: string[], bad: (i: { spec: string; typeOnly: boolean }) => boolean): string[] =>
  files.flatMap((f) => imports(f).filter(bad).map((i) => `${relative(root, join(root, f))}: ${i.line}`));

test('domain and workflow code import no Node built-ins', () => {
  const files = [...sources('src/domain'), ...sources('src/workflows')];
  assert.ok(files.length > 20);
  assert.deepEqual(violations(files, (i) => i.spec.startsWith('node:') || ['fs', 'path', 'child_process', 'os'].includes(i.spec)), []);
});

test('workflows import activities as types only', () => {
  assert.deepEqual(violations(sources('src/workflows'), (i) => i.spec.includes('/activities/') && !i.typeOnly), []);
});

test('the domain does not depend on activities, adapters, services, the CLI or Temporal', () => {
  assert.deepEqual(
    violations(sources('src/domain'), (i) => /\/(activities|adapters|service|cli|server|io)\//.test(i.spec) || i.spec.startsWith('@temporalio/')),
    [],
  );
});
