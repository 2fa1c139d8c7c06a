/**
 * A generated git repository of a given size for benchmarks and the large-repository test:
 * TypeScript packages, Python services, Go tools, docs, a few binary and oversized files and
 * an ignored folder, with content built from a fixed vocabulary by a seeded generator (same
 * repository every time). One planted file answers NEEDLE_REQUEST. Generated once under
 * os.tmpdir() and reused while its marker file exists.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';

const VERSION = 2;
export const NEEDLE_PATH = 'packages/pkg-0007/src/billing/invoiceReminderScheduler.ts';
export const NEEDLE_REQUEST = 'schedule invoice reminder emails before the payment deadline';

const NOUNS = ['account', 'order', 'cart', 'product', 'catalog', 'shipment', 'warehouse', 'customer', 'session', 'token', 'report', 'metric', 'audit', 'profile', 'address', 'coupon', 'review', 'rating', 'inventory', 'supplier', 'ledger', 'budget', 'team', 'project', 'ticket', 'comment', 'attachment', 'webhook', 'queue', 'cache', 'search', 'index', 'tenant', 'region', 'schedule', 'calendar', 'message', 'channel', 'device', 'sensor'];
const VERBS = ['create', 'update', 'delete', 'find', 'list', 'load', 'save', 'sync', 'validate', 'render', 'compute', 'parse', 'format', 'merge', 'publish', 'archive', 'restore', 'export', 'import', 'notify'];
const ADJ = ['pending', 'active', 'primary', 'cached', 'remote', 'local', 'default', 'batch', 'daily', 'secure'];

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

function generator(seed: number) {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const ident = (): string => `${pick(VERBS)}${cap(pick(ADJ))}${cap(pick(NOUNS))}`;
  const typescript = (noun: string): string => {
    const fns = Array.from({ length: 4 + Math.floor(rnd() * 6) }, () => {
      const name = ident();
      return `/** ${cap(pick(VERBS))}s the ${pick(ADJ)} ${noun} ${pick(NOUNS)} records. */\nexport function ${name}(input: ${cap(noun)}Input): ${cap(noun)}Result {\n  const ${pick(NOUNS)}Id = input.id;\n  return { id: ${pick(NOUNS)}Id, status: '${pick(ADJ)}' };\n}\n`;
    });
    return `import type { ${cap(noun)}Input, ${cap(noun)}Result } from '../types.js';\n\n${fns.join('\n')}`;
  };
  const python = (noun: string): string => {
    const fns = Array.from({ length: 3 + Math.floor(rnd() * 5) }, () => {
      const name = `${pick(VERBS)}_${pick(ADJ)}_${pick(NOUNS)}`;
      return `def ${name}(${noun}_id: int) -> dict:\n    """${cap(pick(VERBS))} the ${pick(ADJ)} ${noun}."""\n    return {"id": ${noun}_id, "state": "${pick(ADJ)}"}\n`;
    });
    return `"""${cap(noun)} service."""\n\n${fns.join('\n\n')}`;
  };
  const go = (noun: string): string => {
    const fns = Array.from({ length: 3 + Math.floor(rnd() * 4) }, () => {
      const name = cap(ident());
      return `// ${name} handles ${pick(ADJ)} ${noun} work.\nfunc ${name}(id int) (string, error) {\n\treturn fmt.Sprintf("${noun}-%d", id), nil\n}\n`;
    });
    return `package ${noun}\n\nimport "fmt"\n\n${fns.join('\n')}`;
  };
  const doc = (noun: string): string =>
    `# ${cap(noun)}\n\n${Array.from({ length: 6 }, () => `The ${pick(ADJ)} ${noun} ${pick(NOUNS)} is ${pick(VERBS)}d by the ${pick(NOUNS)} service.`).join(' ')}\n`;
  return { rnd, pick, typescript, python, go, doc };
}

const NEEDLE_TEXT = `/**
 * Schedules invoice reminder emails before the payment deadline of each open invoice.
 */
export interface Invoice { id: string; dueAt: Date; paid: boolean }

export function scheduleInvoiceReminders(invoices: Invoice[], now: Date): Array<{ invoiceId: string; sendAt: Date }> {
  const reminders: Array<{ invoiceId: string; sendAt: Date }> = [];
  for (const invoice of invoices) {
    if (invoice.paid) continue;
    const sendAt = new Date(invoice.dueAt.getTime() - 3 * 24 * 3600 * 1000);
    if (sendAt > now) reminders.push({ invoiceId: invoice.id, sendAt });
  }
  return reminders;
}
`;

/** Paths and contents of a repository of exactly `files` tracked files (plus ignored ones). */
function* repositoryFiles(files: number): Generator<[string, string | Uint8Array]> {
  const g = generator(files);
  yield ['package.json', JSON.stringify({ name: 'synthetic', private: true, scripts: { test: 'vitest run' }, devDependencies: { typescript: '5.9.3', vitest: '3.0.0' } }, null, 2)];
  yield ['README.md', '# Synthetic monorepo\n\nGenerated for benchmarks.\n'];
  yield ['.gitignore', 'node_modules/\n'];
  yield ['assets/logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3])];
  yield ['data/huge-fixture.json', `[${'"x",'.repeat(600_000)}"x"]`];
  yield [NEEDLE_PATH, NEEDLE_TEXT];
  let n = 6;
  for (let i = 0; n < files; i++) {
    const noun = g.pick(NOUNS);
    const r = g.rnd();
    let path: string;
    let text: string;
    if (r < 0.6) {
      path = `packages/pkg-${String(i % 400).padStart(4, '0')}/src/${noun}/${g.pick(VERBS)}${cap(noun)}${i}.ts`;
      text = g.typescript(noun);
    } else if (r < 0.8) {
      path = `services/svc-${String(i % 60).padStart(2, '0')}/app/${noun}/${g.pick(VERBS)}_${noun}_${i}.py`;
      text = g.python(noun);
    } else if (r < 0.9) {
      path = `tools/${noun}/cmd${i % 50}/${noun}_${i}.go`;
      text = g.go(noun);
    } else {
      path = `docs/${noun}/${noun}-${i}.md`;
      text = g.doc(noun);
    }
    yield [path, text];
    n++;
  }
  for (let i = 0; i < 50; i++) yield [`node_modules/dep-${i}/index.js`, 'module.exports = {};\n'];
}

export const syntheticRepoDir = (files: number): string => join(tmpdir(), 'parallel-plan-bench', `synthetic-${files}-v${VERSION}`);

/** Path of a generated git repository of `files` files (all added to the index), created once. */
export async function ensureSyntheticRepo(files: number): Promise<string> {
  const dir = syntheticRepoDir(files);
  const marker = `${dir}.complete`;
  if (existsSync(marker) && existsSync(join(dir, '.git'))) return dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const made = new Set<string>();
  const batch: Array<Promise<void>> = [];
  for (const [path, content] of repositoryFiles(files)) {
    const abs = join(dir, path);
    const parent = dirname(abs);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    batch.push(writeFile(abs, content));
    if (batch.length >= 256) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  await execa('git', ['init', '-q'], { cwd: dir });
  await execa('git', ['add', '-A'], { cwd: dir });
  await writeFile(marker, new Date(0).toISOString());
  return dir;
}
