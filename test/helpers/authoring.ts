/** Temp repositories for authoring tests: a fresh `openspec init`, or a copy of an example. */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openspecInit } from '../../src/adapters/openspec.js';
import type { RenderedFile } from '../../src/domain/render/index.js';
import { projectRoot } from '../../src/config/paths.js';
import { commitAsRepository, prepareExample } from '../../src/examples/prepare.js';
import { execa } from 'execa';

export async function freshOpenspecRepo(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-authoring-'));
  await openspecInit(dir);
  return dir;
}

/**
 * A committed git copy of test/fixtures/repos/<name>: small repositories shaped like real ones
 * the examples do not cover (a Go package at the repository root; a FastAPI + SQLModel + alembic
 * backend with a React client; a Next.js app-router app with Prisma; a Go service with gin route
 * groups and GORM).
 */
export async function fixtureRepo(name: 'go-root' | 'fastapi-sqlmodel' | 'next-prisma' | 'go-gin-gorm'): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), `pp-fixture-${name}-`)), name);
  cpSync(join(projectRoot, 'test', 'fixtures', 'repos', name), dir, { recursive: true });
  await commitAsRepository(dir, `fixture ${name}`);
  return dir;
}

/** A committed git copy of examples/<name> (never the original). */
export async function exampleRepo(name: 'taskboard' | 'pantry-py'): Promise<string> {
  return prepareExample(name);
}

export function writeChange(repoDir: string, changeId: string, files: readonly RenderedFile[]): string {
  const base = join(repoDir, 'openspec', 'changes', changeId);
  for (const f of files) {
    const path = join(base, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
  return base;
}

/**
 * An example repository with no change in flight: the changes it ships under openspec/changes
 * (taskboard's add-task-labels, which may write almost everything) are removed in a second
 * commit, as if they had landed. For tests whose subject is not the conflict with them: on the
 * examples as shipped, every approval needs --acknowledge-conflicts.
 */
export async function exampleWithNoChangeInFlight(name: string): Promise<string> {
  const dir = await prepareExample(name);
  const changes = join(dir, 'openspec', 'changes');
  const inFlight = readdirSync(changes).filter((id) => id !== 'archive' && statSync(join(changes, id)).isDirectory());
  if (inFlight.length === 0) return dir;
  const git = (...args: string[]) => execa('git', args, { cwd: dir, stdin: 'ignore' });
  await git('rm', '-r', '-q', ...inFlight.map((id) => `openspec/changes/${id}`));
  await git('-c', 'user.name=parallel-plan', '-c', 'user.email=parallel-plan@localhost', 'commit', '-q', '-m', `land ${inFlight.join(', ')}`);
  return dir;
}
