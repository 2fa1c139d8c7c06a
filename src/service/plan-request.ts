/**
 * Turns what a user typed into a PlanInput, checking everything before a workflow starts or a
 * file is written: an empty request, a missing or non-git repository, a bad change id, an
 * unreadable or invalid brief all fail here with a message naming the problem.
 */
import { DURATION_HINT, parseDuration } from '../domain/duration.js';
import { readPolicy } from '../io/policy-file.js';
import { createHash } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { gitTopLevel } from '../adapters/git.js';
import { presetCommand } from '../authors/presets.js';
import { entryOf, isWithin } from '../io/repo-paths.js';
import { deriveChangeId } from '../domain/change-id.js';
import { parseBrief } from '../domain/brief.js';
import { badInput } from '../errors.js';
import { checkChangeIdOrThrow, checkRepository } from '../activities/environment.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { ARCHIVE_FOLDER, OPENSPEC_DIR, assertChangeFolderWritable, changeIdTaken, changesDir, existingChangeIds } from '../io/openspec-files.js';
import type { AuthorSpec, PlanInput } from '../shared/plan-types.js';
import type { CoordinatorKind } from '../shared/coordinator-types.js';

/**
 * The longest request accepted, in characters. A request is a paragraph or two; the detail of a
 * larger change (operations, entities, events) belongs in a brief, which has a structure.
 */
export const MAX_REQUEST_CHARS = 16_000;

/** The largest brief read, in bytes (briefs of real changes are a few KB). */
export const MAX_BRIEF_BYTES = 1024 * 1024;

/** Reads a request from a file, or from standard input for `-`, refusing more than the limit without reading it all. */
export async function readRequestFile(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const limit = MAX_REQUEST_CHARS * 4;
  const chunks: Buffer[] = [];
  let bytes = 0;
  const source = path === '-' ? stdin : undefined;
  if (source) {
    for await (const chunk of source) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      chunks.push(b);
      bytes += b.length;
      if (bytes > limit) break;
    }
  } else {
    const abs = resolve(path);
    if (!existsSync(abs)) throw badInput(`request file ${abs} does not exist`, 'pass --request-file <path>, or - to read standard input');
    if (!statSync(abs).isFile()) throw badInput(`request file ${abs} is not a file`, 'pass --request-file <path>, or - to read standard input');
    const handle = await open(abs, 'r');
    try {
      const buf = Buffer.alloc(limit + 1);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      chunks.push(buf.subarray(0, bytesRead));
      bytes = bytesRead;
    } finally {
      await handle.close();
    }
  }
  if (bytes > limit) throw tooLong(`more than ${limit} bytes`);
  return Buffer.concat(chunks).toString('utf8');
}

const tooLong = (size: string): Error =>
  badInput(
    `the feature request is too long (${size}; at most ${MAX_REQUEST_CHARS} characters)`,
    'keep the request to a paragraph or two and put the detail (operations, entities, events) in a brief: --brief <file>, see docs/brief.md',
  );

export interface PlanRequest {
  request: string;
  repo: string;
  brief?: string;
  changeId?: string;
  authorCommand?: string;
  /** `rule-based` (default) or an agent CLI preset (claude, codex, gemini); see authors/presets.ts. */
  author?: string;
  coordinator?: CoordinatorKind;
  requestedBy?: string;
  /** Who may decide on the plan; anyone when absent or empty. */
  approvers?: string[];
  /** `7d`, `12h`, `30m`, `45s`: how long a revision waits for a decision. */
  approvalTimeout?: string;
  stateDir: string;
}

export interface PreparedPlan {
  workflowId: string;
  input: PlanInput;
}

/** Same repository + change id gives the same workflow id, so a plan cannot run twice. */
export function planWorkflowId(repoDir: string, changeId: string): string {
  const repoHash = createHash('sha256').update(repoDir).digest('hex').slice(0, 10);
  return `plan-${changeId}-${repoHash}`;
}

/**
 * The folder a plan is made for when --repo names a folder inside a repository: the nearest one,
 * from that folder up to the repository's top, that holds an `openspec/` folder (a monorepo's
 * package may keep its own); else the repository's top, where `openspec init` will run. A second
 * `openspec/` is never created below the repository's own.
 */
export function openspecRoot(dir: string, top: string): string {
  for (let d = dir; isWithin(top, d); d = dirname(d)) {
    if (entryOf(d, OPENSPEC_DIR).kind === 'dir') return d;
    if (d === top) break;
  }
  return top;
}

export async function preparePlan(req: PlanRequest): Promise<PreparedPlan> {
  const request = req.request.trim();
  if (!request) throw badInput('the feature request is empty', 'describe the feature, e.g. parallel-plan plan "add task due dates" --repo .');
  if (request.length > MAX_REQUEST_CHARS) throw tooLong(`${request.length} characters`);
  if (!req.repo) throw badInput('no repository given', 'pass --repo <dir>');
  const repoPath = resolve(req.repo);
  await checkRepository(repoPath);
  const repoDir = openspecRoot(realpathSync(repoPath), realpathSync(await gitTopLevel(repoPath)));

  let changeId: string;
  if (req.changeId !== undefined) {
    checkChangeIdOrThrow(req.changeId);
    changeId = req.changeId;
    // OpenSpec's archive folder is named as such, not as a change that exists.
    if (changeId === ARCHIVE_FOLDER) assertChangeFolderWritable(repoDir, changeId);
    if (changeIdTaken(repoDir, changeId)) {
      throw badInput(
        `change '${changeId}' already exists in ${changesDir(repoDir)}`,
        'pick another --change-id, or leave it out to derive a unique one',
      );
    }
  } else {
    changeId = deriveChangeId(request, existingChangeIds(repoDir));
  }
  assertChangeFolderWritable(repoDir, changeId);
  // An unreadable or invalid policy refuses the plan before anything starts (step 1 reads it again).
  readPolicy(repoDir);

  let briefText: string | undefined;
  if (req.brief) {
    const briefPath = resolve(req.brief);
    if (!existsSync(briefPath)) throw badInput(`brief file ${briefPath} does not exist`);
    if (!statSync(briefPath).isFile()) throw badInput(`brief ${briefPath} is not a file`, 'pass the path of a brief YAML or JSON file');
    const size = statSync(briefPath).size;
    if (size > MAX_BRIEF_BYTES) throw badInput(`brief ${briefPath} is ${size} bytes; at most ${MAX_BRIEF_BYTES} are read`, 'a brief describes one change: keep it to its operations, entities and events (see docs/brief.md)');
    briefText = await readFile(briefPath, 'utf8');
    const parsed = parseBrief(briefText);
    if (!parsed.ok) {
      const lines = parsed.issues.map((i) => `${i.path}: ${i.message}`);
      throw badInput(`brief ${briefPath} is invalid:\n  ${lines.join('\n  ')}`, 'see docs/brief.md for the format');
    }
  }
  if (req.approvalTimeout !== undefined && parseDuration(req.approvalTimeout) === undefined) {
    throw badInput(`--approval-timeout '${req.approvalTimeout}' is not a duration`, DURATION_HINT);
  }
  if (req.authorCommand !== undefined && !req.authorCommand.trim()) {
    throw badInput('--author-command is empty', 'give the agent command line, e.g. --author-command "my-agent --json"');
  }

  const workflowId = planWorkflowId(repoDir, changeId);
  const runDir = join(req.stateDir, 'runs', workflowId);
  // The brief is copied into the run folder so the workflow references a file nobody edits.
  const brief = briefText !== undefined ? await writeFileAtomic(join(runDir, 'brief.input'), briefText) : undefined;
  if (req.author !== undefined && req.authorCommand !== undefined) throw badInput('give either --author or --author-command, not both');
  const preset = req.author !== undefined && req.author !== 'rule-based' ? presetCommand(req.author) : undefined;
  const command = req.authorCommand ?? preset;
  const author: AuthorSpec = command ? { kind: 'command', command } : { kind: 'rule-based' };
  return {
    workflowId,
    input: {
      request,
      repoDir,
      changeId,
      runDir,
      brief: brief ? { path: brief.path, sha256: brief.sha256 } : undefined,
      author,
      coordinator: req.coordinator ?? 'temporal',
      requestedBy: req.requestedBy,
      ...(req.approvalTimeout !== undefined ? { approvalTimeout: req.approvalTimeout.trim() } : {}),
      ...(req.approvers && req.approvers.length > 0 ? { approvers: [...new Set(req.approvers.map((a) => a.trim()).filter(Boolean))] } : {}),
    },
  };
}
