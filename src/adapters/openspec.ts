/**
 * The real OpenSpec CLI, resolved from this project's node_modules (never from the target
 * repository's cwd), run without a shell, telemetry off, stdin closed so it can never prompt.
 */
import { injectFault } from './fault-injection.js';
import { safeGitConfigEnv } from './git.js';
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { npmBin } from '../config/paths.js';
import { badInput, toolFailed, toolMissing } from '../errors.js';

export interface OpenspecIssue {
  level: 'ERROR' | 'WARNING' | 'INFO';
  /** Path inside the change, e.g. `task-management/spec.md`. */
  path: string;
  message: string;
}

export interface OpenspecValidation {
  changeId: string;
  valid: boolean;
  issues: OpenspecIssue[];
}

export interface OpenspecRunOptions {
  signal?: AbortSignal;
  /** Default 60 s: validation of one change takes well under a second. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

function openspecBin(): string {
  const bin = npmBin('openspec');
  if (!existsSync(bin)) throw toolMissing(`openspec CLI not found at ${bin}`, 'run `npm install` in the parallel-plan folder');
  return bin;
}

async function run(repoDir: string, args: string[], opts: OpenspecRunOptions) {
  const bin = openspecBin();
  injectFault('openspec', `openspec ${args[0]}`);
  const result = await execa(bin, args, {
    cwd: repoDir,
    env: { ...safeGitConfigEnv(), OPENSPEC_TELEMETRY: '0', NO_COLOR: '1', CI: '1' },
    stdin: 'ignore',
    reject: false,
    timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
  });
  if (result.isCanceled) throw toolFailed(`openspec ${args[0]} was cancelled`);
  if (result.timedOut) throw toolFailed(`openspec ${args[0]} timed out after ${opts.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms in ${repoDir}`);
  if (result.failed && result.exitCode === undefined) {
    throw toolFailed(`openspec ${args[0]} could not run: ${result.shortMessage ?? 'unknown error'}`, result.cause);
  }
  return result;
}

interface ValidateJson {
  items?: Array<{ id: string; valid: boolean; issues?: Array<{ level?: string; path?: string; message?: string }> }>;
  status?: Array<{ severity?: string; code?: string; message?: string }>;
}

function parseJson(stdout: string, what: string, stderr: string): ValidateJson {
  try {
    return JSON.parse(stdout) as ValidateJson;
  } catch {
    throw toolFailed(`openspec ${what} printed no JSON (stdout: ${stdout.slice(0, 300) || 'empty'}; stderr: ${stderr.slice(0, 300) || 'empty'})`);
  }
}

function level(raw: string | undefined): OpenspecIssue['level'] {
  return raw === 'ERROR' || raw === 'WARNING' || raw === 'INFO' ? raw : 'ERROR';
}

/** `openspec validate <id> --strict --json --no-interactive` in `repoDir`; strict means warnings fail too. */
export async function openspecValidate(repoDir: string, changeId: string, opts: OpenspecRunOptions = {}): Promise<OpenspecValidation> {
  const result = await run(repoDir, ['validate', changeId, '--strict', '--json', '--no-interactive'], opts);
  const json = parseJson(String(result.stdout), `validate ${changeId}`, String(result.stderr));
  if (json.status && !json.items) {
    const first = json.status[0];
    if (first?.code === 'unknown_item') {
      throw badInput(`openspec does not know change '${changeId}' in ${repoDir}: ${first.message ?? ''}`, `write the artifacts to openspec/changes/${changeId}/ first`);
    }
    throw toolFailed(`openspec validate ${changeId} failed: ${json.status.map((s) => s.message).join('; ')}`);
  }
  const item = json.items?.find((i) => i.id === changeId);
  if (!item) throw toolFailed(`openspec validate ${changeId} reported no result for the change`);
  return {
    changeId,
    valid: item.valid,
    issues: (item.issues ?? []).map((i) => ({ level: level(i.level), path: i.path ?? '', message: i.message ?? '' })),
  };
}

/** `openspec init --tools none --no-animation`: creates openspec/ without any assistant files. */
export async function openspecInit(repoDir: string, opts: OpenspecRunOptions = {}): Promise<void> {
  const result = await run(repoDir, ['init', '--tools', 'none', '--no-animation'], opts);
  if (result.exitCode !== 0) {
    throw toolFailed(`openspec init failed in ${repoDir} (exit ${result.exitCode}): ${String(result.stderr).slice(0, 500) || String(result.stdout).slice(0, 500)}`);
  }
}
