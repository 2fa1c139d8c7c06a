/**
 * A route's handler is found by its name in the module that defines it, however many functions
 * that module holds (a Django views module of a hundred views): the change to the route reaches
 * the handler's file, not only the URL configuration that registers it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { gatherContextInProcess } from '../../src/activities/context/in-process.js';
import { deriveChangeId } from '../../src/domain/change-id.js';

test('the handler of a route in a views module of many functions is the file the change reaches', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-handlers-'));
  const views = ['from django.http import HttpResponse', '']
    .concat(Array.from({ length: 80 }, (_, i) => `def view_${i}(request):\n    return HttpResponse("${i}")\n`))
    .concat(['def log(request, code):\n    return HttpResponse("events")\n']);
  const files: Record<string, string> = {
    'manage.py': 'import os\n',
    'hc/front/__init__.py': '',
    'hc/front/views.py': views.join('\n'),
    'hc/front/urls.py': 'from django.urls import path\n\nfrom hc.front import views\n\nurlpatterns = [\n    path("checks/", views.view_1, name="checks"),\n    path("log/", views.log, name="hc-log"),\n]\n',
    'hc/urls.py': 'from django.urls import include, path\n\nurlpatterns = [\n    path("", include("hc.front.urls")),\n]\n',
  };
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  const git = ['-c', 'user.name=t', '-c', 'user.email=t@localhost', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];
  await execa('git', [...git, 'init', '-q', '-b', 'main'], { cwd: dir });
  await execa('git', [...git, 'add', '-A'], { cwd: dir });
  await execa('git', [...git, 'commit', '-q', '-m', 'app'], { cwd: dir });

  const request = 'add auto-refresh to the log page';
  const context = await gatherContextInProcess({ repoDir: dir, runDir: mkdtempSync(join(tmpdir(), 'pp-handlers-run-')), request, changeId: deriveChangeId(request, []) });
  const files_ = context.impact?.files ?? [];
  const handler = files_.find((f) => f.path === 'hc/front/views.py');
  assert.ok(handler, `views.py in the impact: ${files_.map((f) => `${f.path} (${f.reason})`).join('; ')}`);
  assert.equal(handler.level, 'must');
  assert.match(handler.reason, /handles \w+ \/log\/?/);
});
