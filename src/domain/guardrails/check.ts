/**
 * Guardrails over what agents will run and write: each package's verification commands (parsed
 * as shell with shell-quote, so quoting, `&&`, pipes, `bash -c` and wrappers like `env` or
 * `xargs` are seen as a shell sees them), its write scopes, and the change's SQL (parsed by
 * PostgreSQL's own parser, injected). Rules are the tables in rules.ts. Pure.
 */
import { parse as parseShell, type ParseEntry } from 'shell-quote';
import { joinInside } from '../posix-path.js';
import type { WorkPackagesDoc } from '../workpackages/types.js';
import {
  ALLOWED_OUTSIDE_PATHS,
  COMMAND_RULES,
  LEAVES_REPOSITORY,
  SQL_HINT,
  SQL_RULES,
  WHOLE_REPOSITORY_GLOBS,
  WHOLE_REPOSITORY_PACKAGE,
  WHOLE_REPOSITORY_SCOPE,
  type CommandRule,
} from './rules.js';

export interface GuardrailViolation {
  /** The rule's id (rules.ts). */
  rule: string;
  packageId?: string;
  /** Where in the plan: `verification.steps[0].command`, `scope.write_allow`, a contract file. */
  where: string;
  message: string;
}

export interface GuardrailInput {
  doc: WorkPackagesDoc;
  /** The change's SQL files (repository-relative path and text). */
  sql?: ReadonlyArray<{ path: string; text: string }>;
  /** Tables the repository already has, lower-case. */
  existingTables: ReadonlySet<string>;
  /** PostgreSQL's parser: the statements, or undefined when the text is not SQL it can parse. */
  parseSql?: (text: string) => unknown[] | undefined;
}

const OPS = new Set(['&&', '||', ';', '|', '&', '|&', '(', ')', ';;']);
const REDIRECTS = new Set(['>', '>>', '<', '>&', '<&', '<<', '<<<', '>|']);
/** Programs that run the rest of their arguments as a command. */
const WRAPPERS = new Set(['env', 'nohup', 'time', 'nice', 'xargs', 'command', 'exec', 'timeout', 'npx']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash']);

const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);


interface Flags {
  short: Set<string>;
  long: Set<string>;
  args: string[];
}

function flagsOf(args: readonly string[]): Flags {
  const short = new Set<string>();
  const long = new Set<string>();
  const rest: string[] = [];
  for (const a of args) {
    if (a.startsWith('--') && a.length > 2) long.add(a.slice(2).split('=')[0]!);
    else if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) for (const c of a.slice(1)) short.add(c);
    else rest.push(a);
  }
  return { short, long, args: rest };
}

const hasFlag = (f: Flags, name: string): boolean => (name.length === 1 ? f.short.has(name) : f.long.has(name));

/** git's subcommand and its arguments, past global options like `-C <dir>` and `-c k=v`. */
function gitSub(args: readonly string[]): { sub: string | undefined; rest: string[] } {
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) i += args[i] === '-C' || args[i] === '-c' ? 2 : 1;
  return { sub: args[i], rest: args.slice(i + 1) };
}

function ruleMatches(rule: CommandRule, argv: readonly string[]): boolean {
  const program = basename(argv[0]!);
  if (typeof rule.program === 'string' ? program !== rule.program : !rule.program.test(program)) return false;
  let args = argv.slice(1);
  if (rule.sub !== undefined) {
    const { sub, rest } = gitSub(args);
    if (sub !== rule.sub) return false;
    args = rest;
  }
  const flags = flagsOf(args);
  if (rule.allFlagGroups && !rule.allFlagGroups.every((g) => g.some((n) => hasFlag(flags, n)))) return false;
  if (rule.anyFlag) {
    const any = rule.anyFlag.some((n) => hasFlag(flags, n)) || (rule.argPrefix !== undefined && flags.args.some((a) => a.startsWith(rule.argPrefix!)));
    if (!any) return false;
  }
  return true;
}

/** Simple commands of a shell line: argv lists and the paths redirections name. */
function simpleCommands(line: string): Array<{ argv: string[]; redirects: string[] }> {
  // Variables stay as written ($HOME is outside the repository, whatever its value).
  const entries: ParseEntry[] = parseShell(line, (key) => `$${key}`);
  const out: Array<{ argv: string[]; redirects: string[] }> = [];
  let cur = { argv: [] as string[], redirects: [] as string[] };
  let redirectNext = false;
  const flush = (): void => {
    if (cur.argv.length > 0 || cur.redirects.length > 0) out.push(cur);
    cur = { argv: [], redirects: [] };
  };
  for (const e of entries) {
    if (typeof e === 'string') {
      if (redirectNext) cur.redirects.push(e);
      else cur.argv.push(e);
      redirectNext = false;
    } else if ('op' in e) {
      if (e.op === 'glob') cur.argv.push((e as { pattern: string }).pattern);
      else if (REDIRECTS.has(e.op)) redirectNext = true;
      else if (OPS.has(e.op)) flush();
    }
  }
  flush();
  return out;
}

/** argv without leading VAR=value assignments and wrapper programs (env, xargs, nohup, ...). */
function unwrap(argv: readonly string[]): string[] {
  let a = [...argv];
  for (;;) {
    while (a.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(a[0]!)) a = a.slice(1);
    if (a.length === 0 || !WRAPPERS.has(basename(a[0]!))) return a;
    a = a.slice(1);
    while (a.length > 0 && (a[0]!.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(a[0]!) || /^\d+[smhd]?$/.test(a[0]!))) a = a.slice(1);
  }
}

const outsidePath = (p: string): boolean => p.startsWith('~') || p.startsWith('$HOME') || p.startsWith('${HOME}');

export function checkCommand(command: string, cwd: string | undefined, where: string, input: Pick<GuardrailInput, 'existingTables' | 'parseSql'>, depth = 0): Omit<GuardrailViolation, 'packageId'>[] {
  const found: Omit<GuardrailViolation, 'packageId'>[] = [];
  const excerpt = command.length > 120 ? `${command.slice(0, 117)}...` : command;
  const leave = (detail: string): void => {
    found.push({ rule: LEAVES_REPOSITORY.id, where, message: `${LEAVES_REPOSITORY.why}: ${detail} in \`${excerpt}\`` });
  };
  const start = cwd === undefined ? '' : cwd.startsWith('/') || outsidePath(cwd) ? undefined : joinInside('', cwd);
  if (start === undefined) {
    leave(`cwd '${cwd}'`);
    return found;
  }
  let base: string = start;
  let entries: Array<{ argv: string[]; redirects: string[] }>;
  try {
    entries = simpleCommands(command);
  } catch {
    return found;
  }
  for (const { argv: raw, redirects } of entries) {
    for (const r of redirects) {
      if ((r.startsWith('/') && !ALLOWED_OUTSIDE_PATHS.includes(r)) || outsidePath(r) || (!r.startsWith('/') && joinInside(base, r) === undefined)) leave(`redirect to '${r}'`);
    }
    const argv = unwrap(raw);
    if (argv.length === 0) continue;
    const program = basename(argv[0]!);
    // `bash -c "..."` runs its argument as a command line.
    if (SHELLS.has(program) && depth < 3) {
      const c = argv.indexOf('-c');
      if (c >= 0 && argv[c + 1] !== undefined) found.push(...checkCommand(argv[c + 1]!, cwd, where, input, depth + 1));
    }
    for (const rule of COMMAND_RULES) {
      if (ruleMatches(rule, argv)) found.push({ rule: rule.id, where, message: `${rule.why}: \`${excerpt}\`` });
    }
    if (program === 'cd') {
      const to = argv[1] ?? '~';
      const next: string | undefined = to.startsWith('/') || outsidePath(to) || to === '-' ? undefined : joinInside(base, to);
      if (next === undefined) leave(`cd ${to}`);
      else base = next;
    }
    for (const arg of argv.slice(1)) {
      const value = arg.startsWith('--') && arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg;
      if (outsidePath(value)) leave(`'${arg}'`);
      else if ((value === '..' || value.startsWith('../') || value.includes('/../')) && joinInside(base, value) === undefined) leave(`'${arg}'`);
      if (input.parseSql && SQL_HINT.test(value)) {
        const stmts = input.parseSql(value);
        if (stmts) found.push(...sqlViolations(stmts, input.existingTables, where));
      }
    }
  }
  return found;
}

type Node = Record<string, unknown>;
const obj = (v: unknown): Node | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Tables that DROP TABLE, TRUNCATE and DELETE without WHERE of existing tables destroy. */
export function sqlViolations(stmts: readonly unknown[], existing: ReadonlySet<string>, where: string): Omit<GuardrailViolation, 'packageId'>[] {
  const out: Omit<GuardrailViolation, 'packageId'>[] = [];
  const hit = (rule: { id: string; why: string }, table: string | undefined): void => {
    if (table && existing.has(table.toLowerCase())) out.push({ rule: rule.id, where, message: `${rule.why}: ${table}` });
  };
  for (const s of stmts) {
    const stmt = obj(obj(s)?.stmt) ?? obj(s);
    if (!stmt) continue;
    const drop = obj(stmt.DropStmt);
    if (drop && drop.removeType === 'OBJECT_TABLE') {
      for (const o of arr(drop.objects)) {
        const items = arr(obj(obj(o)?.List)?.items);
        hit(SQL_RULES.drop, obj(obj(items[items.length - 1])?.String)?.sval as string | undefined);
      }
    }
    const truncate = obj(stmt.TruncateStmt);
    if (truncate) for (const r of arr(truncate.relations)) hit(SQL_RULES.truncate, obj(obj(r)?.RangeVar)?.relname as string | undefined);
    const del = obj(stmt.DeleteStmt);
    if (del && del.whereClause === undefined) hit(SQL_RULES.deleteAll, obj(del.relation)?.relname as string | undefined);
  }
  return out;
}

/** Every violation of the plan: commands, write scopes and SQL, in document order. */
export function checkGuardrails(input: GuardrailInput): GuardrailViolation[] {
  const out: GuardrailViolation[] = [];
  for (const p of input.doc.packages) {
    p.verification.steps.forEach((step, i) => {
      if (step.kind !== 'command' || !step.command) return;
      for (const v of checkCommand(step.command, step.cwd, `verification.steps[${i}] '${step.name}'`, input)) out.push({ ...v, packageId: p.package_id });
    });
    if (p.package_id !== WHOLE_REPOSITORY_PACKAGE) {
      for (const g of p.scope.write_allow) {
        if (WHOLE_REPOSITORY_GLOBS.includes(g.trim())) out.push({ rule: WHOLE_REPOSITORY_SCOPE.id, packageId: p.package_id, where: 'scope.write_allow', message: `${WHOLE_REPOSITORY_SCOPE.why}: '${g}'` });
      }
    }
  }
  for (const f of input.sql ?? []) {
    const stmts = input.parseSql?.(f.text);
    if (stmts) out.push(...sqlViolations(stmts, input.existingTables, f.path));
  }
  return out;
}

/** One line per violation, naming the rule: what validation reports. */
export const violationLine = (v: GuardrailViolation): string => `${v.rule}: ${v.packageId ? `${v.packageId} ` : ''}${v.where}: ${v.message}`;
