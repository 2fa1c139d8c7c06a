/**
 * The embedded server started by two processes at once (a `parallel-plan worker` and a CLI command
 * in the same state folder): one starts it, the other waits for it and reuses it, instead of a
 * second `temporal server start-dev` on the same SQLite file failing with SQLITE_BUSY.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevServer, freePort, stopDevServer, temporalAnswers } from '../../src/server/dev-server.js';

test('two callers starting the embedded server at once get one server; a start lock left by a dead process is taken over', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'pp-dev-start-'));
  // A lock left by a process that no longer runs (pid far above any live one).
  writeFileSync(join(stateDir, 'server-start.lock'), '4194000');
  const [port, uiPort] = [await freePort(), await freePort()];
  try {
    const [a, b] = await Promise.all([ensureDevServer({ stateDir, port, uiPort }), ensureDevServer({ stateDir, port, uiPort })]);
    assert.equal(a.address, b.address);
    assert.equal(a.pid, b.pid, 'one server process');
    assert.deepEqual([a.reused, b.reused].sort(), [false, true]);
    assert.equal(await temporalAnswers(a.address), true);
    assert.equal(existsSync(join(stateDir, 'server-start.lock')), false, 'the lock is released');
  } finally {
    await stopDevServer(stateDir);
  }
});
