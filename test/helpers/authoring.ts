/** Temp repositories for authoring tests: a fresh `openspec init`, or a copy of an example. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openspecInit } from '../../src/adapters/openspec.js';
import type { RenderedFile } from '../../src/domain/render/index.js';
import { projectRoot } from '../../src/config/paths.js';
import { commitAsRepository, prepareExample } from '../../src/examples/prepare.js';

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
