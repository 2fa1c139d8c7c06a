/**
 * A worker killed while a contract check runs leaves its throwaway PostgreSQL server behind (the
 * server is a separate process). The next server start, or the next worker, stops it and removes
 * its folder; servers whose owner is alive are left alone. Real PostgreSQL, real SIGKILL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canStartPostgres, reapOrphanedPostgres, startPostgresServer } from '../../src/adapters/postgres-server.js';

const moduleUrl = new URL('../../src/adapters/postgres-server.js', import.meta.url).href;

const running = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a server left by a SIGKILLed owner is stopped and removed; a live owner keeps its server', { skip: !canStartPostgres() && 'no initdb/pg_ctl here' }, async () => {
  // The "worker": starts a server and hangs, as during a contract check.
  const script = `const m = await import(${JSON.stringify(moduleUrl)}); const s = await m.startPostgresServer(); console.log(JSON.stringify({ dir: s.dir })); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const dir = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { dir: string }).dir);
    });
    child.once('exit', (code) => reject(new Error(`the owner exited early (${String(code)})`)));
  });
  const postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  assert.ok(running(postmaster), 'the server runs');

  const mine = await startPostgresServer();
  try {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    assert.ok(running(postmaster), 'killing the owner does not stop its server (the defect this guards)');

    const reaped = await reapOrphanedPostgres();
    assert.ok(reaped.includes(dir), `reaped ${reaped.join(', ')}`);
    assert.equal(existsSync(dir), false, 'its folder is removed');
    await until('the orphaned server to stop', () => !running(postmaster));
    assert.ok(existsSync(mine.dir), 'a server whose owner lives is not touched');
  } finally {
    await mine.stop();
    if (running(postmaster)) process.kill(postmaster, 'SIGKILL');
  }
});
