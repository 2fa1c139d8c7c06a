/** The rule-based author says when it cannot read a request, so nobody trusts names made from noise. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unreadableRequest } from '../../src/domain/request-text.js';

test('requests in other languages or without words are flagged; English ones, accented or terse, are not', () => {
  for (const r of ['Füge eine Exportfunktion für Aufgaben als CSV hinzu', 'Ajouter une date limite aux tâches', 'Añadir fechas de vencimiento a las tareas']) {
    assert.match(unreadableRequest(r) ?? '', /does not read as English/, r);
  }
  for (const r of ['为任务添加截止日期', '🚀🚀🚀', '   ']) assert.match(unreadableRequest(r) ?? '', /no words/, r);
  assert.match(unreadableRequest('https://github.com/example/taskboard/issues/42') ?? '', /only a link/);
  for (const r of ['dark mode', 'add a café menu to the board', 'résumé upload for candidates', 'Add PATCH /api/tasks/{id}/priority']) {
    assert.equal(unreadableRequest(r), undefined, r);
  }
});
