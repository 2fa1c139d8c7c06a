import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/server/app.js';

test('HTTP API creates and lists tasks', async () => {
  const server = createApp();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const created = await fetch(`${base}/api/tasks`, { method: 'POST', body: JSON.stringify({ title: 'Plan sprint' }) });
    assert.equal(created.status, 201);
    const list = (await (await fetch(`${base}/api/tasks`)).json()) as Array<{ title: string }>;
    assert.deepEqual(list.map((t) => t.title), ['Plan sprint']);
    const missing = await fetch(`${base}/api/tasks/99`);
    assert.equal(missing.status, 404);
    const bad = await fetch(`${base}/api/tasks`, { method: 'POST', body: JSON.stringify({ title: '' }) });
    assert.equal(bad.status, 400);
  } finally {
    server.close();
  }
});
