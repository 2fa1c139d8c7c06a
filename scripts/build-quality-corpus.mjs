#!/usr/bin/env node
// Builds the plan-quality corpus (bench/quality/corpus.json) into a directory: for each case, the
// tree of the commit's parent as a git repository (<out>/<id>/repo/) and the request and the files
// the real change touched (<out>/<id>/case.json).
//
//   node scripts/build-quality-corpus.mjs --out <dir> [--mirrors /work/.mirror] [--only <id-substring>]
//                                         [--force] [--jobs N] [--corpus bench/quality/corpus.json]
//                                         [--no-history]
//
// The case repository's HEAD is the parent commit itself, with the history before it (the planner
// reads co-change from it, as it would in the user's clone) and nothing after it: its objects are
// borrowed from the source repository through git's alternates, so the source must stay where it
// is. --no-history makes a fresh one-commit repository instead (self-contained, no history).
//
// A repository is read from <mirrors>/<mirror>/repo when that exists, otherwise it is cloned (bare,
// full history) from https://github.com/<name>.git into <out>/.git-cache/<mirror>.git once and reused.
// A case whose case.json exists is skipped unless --force. Exits 1 naming the cases that failed.
// Node built-ins only.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile, rename, symlink, chmod } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOCKFILE = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|go\.sum|poetry\.lock|uv\.lock|Pipfile\.lock|Cargo\.lock|composer\.lock|Gemfile\.lock)$/;
const TRAILER = /^\s*(signed-off-by|co-authored-by|change-id|reviewed-by|reviewed-on|acked-by|tested-by|reported-by|suggested-by|helped-by|cc):/i;
const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };
const GIT_BASE = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.autocrlf=false', '-c', 'core.safecrlf=false', '-c', 'gc.auto=0', '-c', 'maintenance.auto=false'];

function usage(message) {
  if (message) console.error(`build-quality-corpus: ${message}`);
  console.error('usage: node scripts/build-quality-corpus.mjs --out <dir> [--mirrors /work/.mirror] [--only <case-id-substring>] [--force] [--jobs N] [--corpus <corpus.json>] [--no-history]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { mirrors: '/work/.mirror', corpus: join(root, 'bench/quality/corpus.json'), force: false, history: true, only: null, out: null, jobs: Math.max(1, Math.min(2, availableParallelism())) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => { if (i + 1 >= argv.length) usage(`${a} needs a value`); return argv[++i]; };
    if (a === '--out') opts.out = resolve(value());
    else if (a === '--mirrors') opts.mirrors = resolve(value());
    else if (a === '--only') opts.only = value();
    else if (a === '--corpus') opts.corpus = resolve(value());
    else if (a === '--jobs') { opts.jobs = Number(value()); if (!Number.isInteger(opts.jobs) || opts.jobs < 1) usage('--jobs takes a positive integer'); }
    else if (a === '--force') opts.force = true;
    else if (a === '--no-history') opts.history = false;
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!opts.out) usage('--out is required');
  return opts;
}

/** The arguments worth showing in an error: no `-c key=value` settings, at most four words. */
const shown = (args) => args.filter((x, i) => x !== '-c' && args[i - 1] !== '-c' && !x.startsWith('--git-dir=')).slice(0, 4).join(' ');

/** Runs a command; resolves { stdout: Buffer, stderr: string } or rejects with the stderr. */
function run(cmd, args, { cwd, input, env = GIT_ENV, allowFail = false } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = []; const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') };
      if (code === 0 || allowFail) resolvePromise(result);
      else reject(new Error(`${cmd} ${shown(args)}: exit ${code}: ${result.stderr.trim().split('\n').slice(-2).join(' / ')}`));
    });
    if (input !== undefined) child.stdin.end(input); else child.stdin.end();
  });
}
const git = (gitDir, args, opts) => run('git', [...GIT_BASE, `--git-dir=${gitDir}`, ...args], opts);
const gitText = async (gitDir, args, opts) => (await git(gitDir, args, opts)).stdout.toString('utf8');

/** `git archive <rev> | tar -x -C <dest>`, both as child processes, failing if either fails. */
function archiveInto(gitDir, rev, dest) {
  return new Promise((resolvePromise, reject) => {
    const archive = spawn('git', [...GIT_BASE, `--git-dir=${gitDir}`, 'archive', '--format=tar', rev], { env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '--no-same-owner', '-f', '-', '-C', dest], { stdio: ['pipe', 'ignore', 'pipe'] });
    let archiveErr = ''; let tarErr = ''; let pending = 2; let failed = null;
    archive.stderr.on('data', (d) => { archiveErr += d; });
    tar.stderr.on('data', (d) => { tarErr += d; });
    archive.stdout.pipe(tar.stdin);
    tar.stdin.on('error', () => {});
    const done = (what, code, errText) => {
      if (code !== 0 && !failed) failed = new Error(`${what} exit ${code}: ${errText.trim().split('\n').slice(-2).join(' / ')}`);
      if (--pending === 0) (failed ? reject(failed) : resolvePromise());
    };
    archive.on('error', reject); tar.on('error', reject);
    archive.on('close', (code) => done('git archive', code, archiveErr));
    tar.on('close', (code) => done('tar', code, tarErr));
  });
}

/** Entries of a tree: [{ mode, type, sha, path }]. */
async function lsTree(gitDir, rev) {
  const raw = await gitText(gitDir, ['ls-tree', '-r', '-z', '--full-tree', rev]);
  return raw.split('\0').filter(Boolean).map((line) => {
    const tab = line.indexOf('\t');
    const [mode, type, sha] = line.slice(0, tab).split(' ');
    return { mode, type, sha, path: line.slice(tab + 1) };
  });
}

/** Blob ids among `shas` that the object store does not have (partial mirrors lack big files). */
async function missingBlobs(gitDir, shas) {
  if (shas.length === 0) return new Set();
  const { stdout } = await git(gitDir, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: shas.join('\n') + '\n' });
  const missing = new Set();
  for (const line of stdout.toString('utf8').split('\n')) if (line.endsWith(' missing')) missing.add(line.split(' ')[0]);
  return missing;
}

/** Writes the tree's blobs from `git cat-file --batch`, leaving out the missing ones (fallback for partial mirrors). */
async function writeTreeFromBatch(gitDir, entries, dest) {
  const dirs = new Set(entries.map((e) => dirname(join(dest, e.path))));
  for (const d of [...dirs].sort()) await mkdir(d, { recursive: true });
  const { stdout } = await git(gitDir, ['cat-file', '--batch'], { input: entries.map((e) => e.sha).join('\n') + '\n' });
  let pos = 0;
  for (const e of entries) {
    const nl = stdout.indexOf(10, pos);
    const header = stdout.subarray(pos, nl).toString('utf8').split(' ');
    const size = Number(header[2]);
    const content = stdout.subarray(nl + 1, nl + 1 + size);
    pos = nl + 1 + size + 1;
    const file = join(dest, e.path);
    if (e.mode === '120000') await symlink(content.toString('utf8'), file);
    else {
      await writeFile(file, content);
      if (e.mode === '100755') await chmod(file, 0o755);
    }
  }
}

/** Subject, body and the request: subject plus body without trailers, squash separators or images. */
function describe(message) {
  const text = message.replace(/\r\n/g, '\n');
  const nl = text.indexOf('\n');
  const subject = (nl < 0 ? text : text.slice(0, nl)).trim();
  const body = (nl < 0 ? '' : text.slice(nl + 1)).trim();
  let cleaned = body
    .replace(/<img\b[^>]*>/gis, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .split('\n')
    .filter((line) => !TRAILER.test(line) && !/^\s*-{3,}\s*$/.test(line))
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const bare = (s) => s.replace(/\s*\(#\d+\)\s*$/, '').trim().toLowerCase();
  if (bare(cleaned) === bare(subject)) cleaned = '';
  return { subject, body, request: cleaned ? `${subject}\n\n${cleaned}` : subject };
}

/** The files the change touched, from `git diff --name-status -M`; lockfiles are kept and also listed. */
async function truthOf(gitDir, parent, commit) {
  let renames = true;
  let raw;
  try {
    raw = await gitText(gitDir, ['diff', '--name-status', '-z', '-M', parent, commit]);
  } catch {
    // A partial mirror may lack a blob rename detection needs; the change's paths are still known.
    raw = await gitText(gitDir, ['diff', '--name-status', '-z', '--no-renames', parent, commit]);
    renames = false;
  }
  const parts = raw.split('\0'); if (parts.at(-1) === '') parts.pop();
  const truth = { files: [], added: [], modified: [], deleted: [], renamed: [], lockfiles: [] };
  for (let i = 0; i < parts.length;) {
    const status = parts[i++];
    if (status[0] === 'R' || status[0] === 'C') {
      const from = parts[i++]; const to = parts[i++];
      if (status[0] === 'R') { truth.renamed.push({ from, to }); truth.files.push(from, to); }
      else { truth.added.push(to); truth.files.push(to); }
    } else {
      const path = parts[i++];
      truth.files.push(path);
      if (status[0] === 'A') truth.added.push(path);
      else if (status[0] === 'D') truth.deleted.push(path);
      else truth.modified.push(path);
    }
  }
  truth.files = [...new Set(truth.files)].sort();
  truth.lockfiles = truth.files.filter((f) => LOCKFILE.test(f));
  return { truth, renames };
}

const gitDirs = new Map();
/** The repository's git dir: the local mirror, or a bare clone cached under <out>/.git-cache (one clone per repository). */
function repoGitDir(repo, opts) {
  if (!gitDirs.has(repo.name)) {
    gitDirs.set(repo.name, (async () => {
      const mirror = join(opts.mirrors, repo.mirror, 'repo');
      if (existsSync(mirror)) return mirror;
      const cache = join(opts.out, '.git-cache', `${repo.mirror}.git`);
      if (!existsSync(join(cache, 'HEAD'))) {
        await mkdir(dirname(cache), { recursive: true });
        await rm(`${cache}.tmp`, { recursive: true, force: true });
        console.log(`clone https://github.com/${repo.name}.git -> ${cache}`);
        await run('git', [...GIT_BASE, 'clone', '--bare', '--quiet', `https://github.com/${repo.name}.git`, `${cache}.tmp`]);
        await rename(`${cache}.tmp`, cache);
      }
      return cache;
    })());
  }
  return gitDirs.get(repo.name);
}

const fetched = new Map();
async function ensureCommit(gitDir, repo, commit, opts) {
  const has = async () => (await git(gitDir, ['cat-file', '-e', `${commit}^{commit}`], { allowFail: true })).code === 0;
  if (await has()) return;
  if (gitDir.startsWith(opts.out)) {
    if (!fetched.has(gitDir)) fetched.set(gitDir, git(gitDir, ['fetch', '--quiet', 'origin', '+refs/heads/*:refs/heads/*']));
    await fetched.get(gitDir);
    if (await has()) return;
  }
  throw new Error(`commit ${commit} is not in ${gitDir}`);
}

async function buildCase(c, repo, opts) {
  const started = Date.now();
  const caseDir = join(opts.out, c.id);
  const caseFile = join(caseDir, 'case.json');
  if (!opts.force && existsSync(caseFile)) return { status: 'skip', line: `skip  ${c.id} (case.json exists)` };
  if (!/^[0-9a-f]{40}$/.test(c.commit)) throw new Error(`commit must be 40 hex digits: ${c.commit}`);
  const gitDir = await repoGitDir(repo, opts);
  await ensureCommit(gitDir, repo, c.commit, opts);
  const [header, dateRaw, message] = (await gitText(gitDir, ['show', '-s', '--format=%P%x00%cI%x00%B', c.commit])).split('\0');
  const parents = header.trim().split(/\s+/).filter(Boolean);
  if (parents.length !== 1) throw new Error(`${c.commit} has ${parents.length} parents, need exactly one`);
  const parent = parents[0];
  const date = dateRaw.trim();
  const parentDate = (await gitText(gitDir, ['show', '-s', '--format=%cI', parent])).trim();

  // Fresh directory: a half-built case (no case.json) is redone from scratch.
  await rm(caseDir, { recursive: true, force: true });
  const repoDir = join(caseDir, 'repo');
  await mkdir(repoDir, { recursive: true });

  const entries = await lsTree(gitDir, parent);
  const blobs = entries.filter((e) => e.type === 'blob'); // gitlinks (submodules) are left out
  const missing = await missingBlobs(gitDir, [...new Set(blobs.map((e) => e.sha))]);
  const absent = blobs.filter((e) => missing.has(e.sha)).map((e) => e.path);
  if (absent.length === 0) await archiveInto(gitDir, parent, repoDir);
  else await writeTreeFromBatch(gitDir, blobs.filter((e) => !missing.has(e.sha)), repoDir);

  // tar can keep another uid's ownership; git then refuses the tree ("dubious ownership").
  const uid = process.getuid?.(); const gid = process.getgid?.();
  if (uid !== undefined) await run('chown', ['-R', `${uid}:${gid}`, repoDir]);
  const inRepo = (args, env = GIT_ENV) => run('git', [...GIT_BASE, '-c', 'user.name=corpus', '-c', 'user.email=corpus@localhost', '-c', 'commit.gpgsign=false', ...args], { cwd: repoDir, env });
  await inRepo(['init', '-q', '-b', 'main']);
  if (opts.history) {
    // The parent commit with its own history: objects come from the source repository, the
    // branch and the index are the parent's, the working tree is the one just written.
    await writeFile(join(repoDir, '.git', 'objects', 'info', 'alternates'), `${resolve(gitDir, 'objects')}\n`);
    await inRepo(['update-ref', 'refs/heads/main', parent]);
    await inRepo(['read-tree', parent]);
  } else {
    // -f: a tracked file can match a .gitignore pattern (memos ignores "memos", catching cmd/memos/).
    await inRepo(['add', '-A', '-f']);
    await inRepo(['commit', '-q', '--no-verify', '--allow-empty', '-m', `${repo.name} at ${parent} (parent of ${c.commit})`], { ...GIT_ENV, GIT_AUTHOR_DATE: parentDate, GIT_COMMITTER_DATE: parentDate });
    // One pack instead of thousands of loose objects (each takes a disk block): .git shrinks to about half.
    await inRepo(['-c', 'pack.window=0', 'repack', '-a', '-d', '-q']);
  }

  const { truth, renames } = await truthOf(gitDir, parent, c.commit);
  const { subject, body, request } = describe(message ?? '');
  const record = { id: c.id, repo: repo.name, commit: c.commit, parent, kind: c.kind, date, request, subject, body, truth };
  if (!renames) record.renamesDetected = false;
  if (absent.length) record.missingFromMirror = absent;
  const tmp = `${caseFile}.tmp`;
  await writeFile(tmp, JSON.stringify(record, null, 2) + '\n');
  await rename(tmp, caseFile);
  const t = truth;
  const note = absent.length ? ` (${absent.length} large file(s) absent from mirror)` : '';
  return { status: 'ok', line: `ok    ${c.id} files=${t.files.length} (+${t.added.length} ~${t.modified.length} -${t.deleted.length} r${t.renamed.length}) tree=${blobs.length - absent.length} ${((Date.now() - started) / 1000).toFixed(1)}s${note}` };
}

async function diskUse(dir) {
  const r = await run('du', ['-sh', dir], { allowFail: true }).catch(() => null);
  return r && r.code === 0 ? r.stdout.toString('utf8').split('\t')[0] : 'unknown';
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const corpus = JSON.parse(readFileSync(opts.corpus, 'utf8'));
  const repos = new Map(corpus.repositories.map((r) => [r.name, r]));
  const ids = new Set();
  for (const c of corpus.cases) {
    if (ids.has(c.id)) usage(`duplicate case id ${c.id}`);
    ids.add(c.id);
    if (!repos.has(c.repo)) usage(`case ${c.id}: unknown repository ${c.repo}`);
  }
  const cases = corpus.cases.filter((c) => !opts.only || c.id.includes(opts.only));
  if (cases.length === 0) usage(`no case id contains "${opts.only}"`);
  await mkdir(opts.out, { recursive: true });
  const started = Date.now();
  const counts = { ok: 0, skip: 0 }; const failed = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++];
      try {
        const r = await buildCase(c, repos.get(c.repo), opts);
        counts[r.status]++;
        console.log(r.line);
      } catch (e) {
        failed.push(c.id);
        console.log(`FAIL  ${c.id}: ${e.message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, cases.length) }, worker));
  console.log(`${cases.length} case(s): ${counts.ok} built, ${counts.skip} skipped, ${failed.length} failed in ${((Date.now() - started) / 1000).toFixed(0)}s; ${opts.out} uses ${await diskUse(opts.out)}`);
  if (failed.length) {
    console.error(`failed: ${failed.join(', ')}`);
    process.exit(1);
  }
}

await main();
