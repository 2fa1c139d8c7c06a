/**
 * Co-change: files the repository's history changes together with the impacted ones join the
 * impact, even when no import links them and the request names neither (a configuration option's
 * man page and its documentation); sweeping commits (a reformat of everything) and files that no
 * longer exist say nothing. Real git history in a temporary repository, real context gathering.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { gatherContextInProcess } from '../../src/activities/context/in-process.js';
import { gitRecentCommits } from '../../src/adapters/git.js';
import { changeHistory, coChangePartners, CO_CHANGE_RULES } from '../../src/domain/repository-model/co-change.js';
import { deriveChangeId } from '../../src/domain/change-id.js';

const GIT = ['-c', 'user.name=t', '-c', 'user.email=t@localhost', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];

async function repoWith(files: Record<string, string>, commits: Array<Record<string, string>>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-cochange-'));
  const write = (f: Record<string, string>): void => {
    for (const [p, text] of Object.entries(f)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
  };
  await execa('git', [...GIT, 'init', '-q', '-b', 'main'], { cwd: dir });
  write(files);
  await execa('git', [...GIT, 'add', '-A'], { cwd: dir });
  await execa('git', [...GIT, 'commit', '-q', '-m', 'initial'], { cwd: dir });
  for (const [i, c] of commits.entries()) {
    write(c);
    await execa('git', [...GIT, 'add', '-A'], { cwd: dir });
    await execa('git', [...GIT, 'commit', '-q', '-m', `change ${i}`], { cwd: dir });
  }
  return dir;
}

const goFile = (pkg: string, body: string): string => `package ${pkg}\n\n${body}\n`;

/** A small Go service: options and their parser, a man page and docs no code imports, unrelated packages. */
function service(): Record<string, string> {
  const files: Record<string, string> = {
    'go.mod': 'module example.com/feeds\n\ngo 1.22\n',
    'internal/config/options.go': goFile('config', 'type Options struct {\n\tpollingFrequency int\n\tbatchSize int\n}\n\nfunc (o *Options) PollingFrequency() int { return o.pollingFrequency }\nfunc (o *Options) BatchSize() int { return o.batchSize }'),
    'internal/config/parser.go': goFile('config', 'func (o *Options) parseLines(lines []string) {\n\tfor range lines {\n\t}\n}'),
    'internal/config/config_test.go': goFile('config', 'import "testing"\n\nfunc TestParse(t *testing.T) {}'),
    'internal/worker/worker.go': goFile('worker', 'import "example.com/feeds/internal/config"\n\nfunc Run(o *config.Options) int { return o.PollingFrequency() }'),
    'app.1': '.TH APP 1\n.SH ENVIRONMENT\n.TP\n.B BATCH_SIZE\nHow many entries.\n',
    'docs/reference.md': '# Reference\n\nSettings of the service.\n',
  };
  for (let i = 0; i < 45; i++) files[`internal/ui/view${i}.go`] = goFile('ui', `func View${i}() string { return "v${i}" }`);
  return files;
}

/** Four earlier options, each added in options.go, parser.go and the man page together; a reformat of everything; unrelated work. */
function history(): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  for (let i = 0; i < 4; i++) {
    out.push({
      'internal/config/options.go': goFile('config', `type Options struct {\n\tpollingFrequency int\n\tbatchSize int\n\topt${i} int\n}\n\nfunc (o *Options) PollingFrequency() int { return o.pollingFrequency }\nfunc (o *Options) BatchSize() int { return o.batchSize }`),
      'internal/config/parser.go': goFile('config', `func (o *Options) parseLines(lines []string) {\n\t_ = ${i}\n\tfor range lines {\n\t}\n}`),
      'app.1': `.TH APP 1\n.SH ENVIRONMENT\n.TP\n.B BATCH_SIZE\nHow many entries.\n.B OPT_${i}\n`,
    });
    out.push({ [`internal/ui/view${i}.go`]: goFile('ui', `func View${i}() string { return "w${i}" }`), [`internal/ui/view${i + 10}.go`]: goFile('ui', `func View${i + 10}() string { return "w${i}" }`) });
  }
  // A sweeping commit: every file, options and the docs among them, twice (no coupling from it).
  for (let round = 0; round < 2; round++) {
    const sweep: Record<string, string> = { 'docs/reference.md': `# Reference\n\nSettings of the service (${round}).\n` };
    for (let i = 0; i < 45; i++) sweep[`internal/ui/view${i}.go`] = goFile('ui', `// reformatted ${round}\nfunc View${i}() string { return "v${i}" }`);
    sweep['internal/config/options.go'] = goFile('config', `// reformatted ${round}\ntype Options struct {\n\tpollingFrequency int\n\tbatchSize int\n}\n\nfunc (o *Options) PollingFrequency() int { return o.pollingFrequency }\nfunc (o *Options) BatchSize() int { return o.batchSize }`);
    out.push(sweep);
  }
  return out;
}

test('partners need support and confidence; sweeping commits and vanished files are left out', () => {
  const commits = [
    { files: ['a.go', 'b.go'] },
    { files: ['a.go', 'b.go', 'gone.go'] },
    { files: ['a.go', 'c.go'] },
    { files: ['a.go'] },
    { files: Array.from({ length: CO_CHANGE_RULES.maxFilesPerCommit + 1 }, (_, i) => (i === 0 ? 'a.go' : `x${i}.go`)) },
    { files: Array.from({ length: CO_CHANGE_RULES.maxFilesPerCommit + 1 }, (_, i) => (i === 0 ? 'a.go' : `x${i}.go`)) },
  ];
  const exists = (p: string): boolean => p !== 'gone.go';
  const h = changeHistory(commits, exists);
  assert.equal(h.commits.length, 3, 'the single-file commit and the two sweeping commits say nothing about coupling');
  const partners = coChangePartners(h, ['a.go']).get('a.go') ?? [];
  assert.deepEqual(partners.map((p) => p.path), ['b.go'], 'c.go changed with a.go once: no support');
  assert.equal(partners[0]!.together, 2);
});

test('the file the history changes together with the impacted code joins the impact; without history it does not', async () => {
  const request = 'add an option to set the polling frequency of feeds';
  const changeId = deriveChangeId(request, []);
  const withHistory = await repoWith(service(), history());
  const commits = await gitRecentCommits(withHistory, 100);
  assert.ok(commits.length >= 10, `git log read ${commits.length} commits`);

  const gathered = await gatherContextInProcess({ repoDir: withHistory, runDir: mkdtempSync(join(tmpdir(), 'pp-cochange-run-')), request, changeId });
  const files = gathered.impact?.files ?? [];
  const man = files.find((f) => f.path === 'app.1');
  assert.ok(man, `app.1 in the impact: ${files.map((f) => f.path).join(' ')}`);
  assert.match(man.reason, /changed with internal\/config\/(options|parser)\.go/);
  // The sweeping commits changed the docs with options.go twice: no coupling from them.
  assert.ok(!files.some((f) => f.path === 'docs/reference.md' && /changed with/.test(f.reason)), 'docs/reference.md is not coupled by sweeping commits');

  const noHistory = await repoWith(service(), []);
  const plain = await gatherContextInProcess({ repoDir: noHistory, runDir: mkdtempSync(join(tmpdir(), 'pp-cochange-run-')), request, changeId });
  assert.ok(!(plain.impact?.files ?? []).some((f) => f.path === 'app.1'), 'without history nothing links the man page to the options');
});
