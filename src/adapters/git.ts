/**
 * git, for reading a repository: the files it holds, honouring .gitignore. Paths come back
 * relative to `cwd` with forward slashes; `-z` keeps unusual file names intact.
 *
 * The repositories are not ours: their own configuration may name commands that git runs
 * (`core.fsmonitor` runs on every `ls-files --others`, hooks, pagers, external diff and textconv
 * drivers). Every call goes through `git()`, which turns those off on the command line (which
 * beats the repository's config) and never lets git take optional locks or ask for input.
 */
import { injectFault } from './fault-injection.js';
import { execa } from 'execa';
import { badInput, toolFailed, toolMissing, type PlanError } from '../errors.js';

const TIMEOUT_MS = 120_000;

/** `-c` settings that keep a repository's configuration from running commands. */
export const SAFE_GIT_CONFIG: readonly string[] = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'core.askPass=',
  'credential.helper=',
  'diff.external=',
  'protocol.allow=never',
];

/** Environment for git runs: no prompts, no optional lock files, no system-wide config. */
export const SAFE_GIT_ENV: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_PAGER: 'cat',
};

/**
 * The same settings as environment variables (git >= 2.31 reads GIT_CONFIG_COUNT/KEY/VALUE like
 * `-c`), for tools that call git themselves in a repository we do not own (openspec).
 */
export const safeGitConfigEnv = (): Record<string, string> => ({
  ...SAFE_GIT_ENV,
  GIT_CONFIG_COUNT: String(SAFE_GIT_CONFIG.length),
  ...Object.fromEntries(
    SAFE_GIT_CONFIG.flatMap((c, i) => {
      const eq = c.indexOf('=');
      return [
        [`GIT_CONFIG_KEY_${i}`, c.slice(0, eq)],
        [`GIT_CONFIG_VALUE_${i}`, c.slice(eq + 1)],
      ];
    }),
  ),
});

/** The argument list of a hardened git call. */
export const safeGitArgs = (args: readonly string[]): string[] => [
  ...SAFE_GIT_CONFIG.flatMap((c) => ['-c', c]),
  '--no-pager',
  ...args,
];

export interface GitOptions {
  maxBuffer?: number;
  cancelSignal?: AbortSignal;
  env?: Record<string, string>;
}

/** Runs git in a repository we do not own, with its command-running settings disabled. */
export function git(cwd: string, args: readonly string[], opts: GitOptions = {}) {
  injectFault('git', `git ${args[0]}`);
  return execa('git', safeGitArgs(args), {
    cwd,
    stdin: 'ignore',
    reject: false,
    timeout: TIMEOUT_MS,
    ...(opts.maxBuffer ? { maxBuffer: opts.maxBuffer } : {}),
    ...(opts.cancelSignal ? { cancelSignal: opts.cancelSignal } : {}),
    env: { ...SAFE_GIT_ENV, ...(opts.env ?? {}) },
  });
}

/** git's complaints about the folder itself, as errors a user can act on. */
function repositoryError(cwd: string, stderr: string): PlanError | undefined {
  if (/dubious ownership/i.test(stderr)) {
    return badInput(
      `git refuses to read ${cwd}: the folder belongs to another user ("dubious ownership")`,
      `if you trust it, run \`git config --global --add safe.directory ${cwd}\`, or run parallel-plan as the folder's owner`,
    );
  }
  if (/must be run in a work tree/i.test(stderr)) {
    return badInput(`${cwd} is a bare git repository (no working tree to plan in)`, `clone it (git clone ${cwd} <dir>) and pass --repo <dir>`);
  }
  if (/not a git repository/i.test(stderr)) return badInput(`${cwd} is not a git repository`, `run \`git init\` in ${cwd}, or pass --repo pointing at a git repository`);
  return undefined;
}

const missingGit = (cause: unknown): boolean => (cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/** Top folder of the repository that holds `cwd`; a clear error when there is none or git refuses. */
export async function gitTopLevel(cwd: string): Promise<string> {
  const result = await git(cwd, ['rev-parse', '--show-toplevel']);
  if (missingGit(result.cause)) throw toolMissing('git is not installed or not on PATH', 'install git');
  if (result.exitCode !== 0) throw repositoryError(cwd, result.stderr) ?? toolFailed(`git rev-parse failed (${result.exitCode}): ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** Tracked files plus untracked files that are not ignored (what a person sees as the project). */
export async function gitLsFiles(cwd: string, opts: { signal?: AbortSignal } = {}): Promise<string[]> {
  const result = await git(cwd, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'], {
    maxBuffer: 512 * 1024 * 1024,
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });
  if (result.isCanceled) throw toolFailed('git ls-files was cancelled');
  if (result.timedOut) throw toolFailed(`git ls-files timed out after ${TIMEOUT_MS} ms`);
  if (result.exitCode === undefined || missingGit(result.cause)) throw toolMissing('git is not installed or not on PATH', 'install git');
  if (result.exitCode !== 0) throw repositoryError(cwd, result.stderr) ?? toolFailed(`git ls-files failed (${result.exitCode}): ${result.stderr.trim()}`);
  return result.stdout.split('\0').filter((p) => p !== '');
}

/** The commit HEAD points at, or undefined in a repository without commits. */
export async function gitHead(cwd: string): Promise<string | undefined> {
  const result = await git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  return result.exitCode === 0 ? String(result.stdout).trim() : undefined;
}

export interface CommitFiles {
  sha: string;
  subject: string;
  files: string[];
}

/**
 * The commits from `base` (exclusive) to HEAD with the files each touched, newest first; or
 * `diverged` when `base` is no longer an ancestor of HEAD (history rewritten, another branch).
 */
export async function gitCommitsSince(cwd: string, base: string): Promise<{ diverged: boolean; commits: CommitFiles[] }> {
  const ancestor = await git(cwd, ['merge-base', '--is-ancestor', base, 'HEAD']);
  if (ancestor.exitCode !== 0) return { diverged: true, commits: [] };
  const log = await git(cwd, ['log', '--no-renames', '--format=%x1e%H%x1f%s', '--name-only', `${base}..HEAD`], { maxBuffer: 64 * 1024 * 1024 });
  if (log.exitCode !== 0) throw toolFailed(`git log failed (${log.exitCode}): ${String(log.stderr).trim()}`);
  return { diverged: false, commits: parseLogNames(String(log.stdout)) };
}

/** `git log --format=%x1e%H%x1f%s --name-only` output as commits (one reader for the format). */
function parseLogNames(raw: string): CommitFiles[] {
  return raw
    .split('\x1e')
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => {
      const [head, ...rest] = chunk.split('\n');
      const [sha, subject] = head!.split('\x1f');
      return { sha: sha!, subject: subject ?? '', files: rest.map((l) => l.trim()).filter(Boolean) };
    });
}

/**
 * The newest `limit` commits of HEAD's history (merges left out: their files are their branches'
 * commits again) with the files each touched. Empty when the repository has no commits or git
 * cannot read its history (a shallow or broken clone): history is a hint, never a requirement.
 */
export async function gitRecentCommits(cwd: string, limit: number, opts: { signal?: AbortSignal } = {}): Promise<CommitFiles[]> {
  const log = await git(cwd, ['-c', 'core.quotePath=false', 'log', '--no-merges', '--no-renames', '--relative', `--max-count=${limit}`, '--format=%x1e%H%x1f%s', '--name-only', 'HEAD', '--'], {
    maxBuffer: 256 * 1024 * 1024,
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });
  if (log.isCanceled) throw toolFailed('git log was cancelled');
  if (log.exitCode !== 0) return [];
  return parseLogNames(String(log.stdout));
}
