/**
 * The repository's migration tools, found from the files they write, and the path the next
 * migration gets in each tool's own naming: the next alembic revision file, the next number
 * (Django, golang-migrate, numbered SQL), a new timestamped folder (Prisma) or file, or — for
 * migrations listed inside one module (`internal/database/migrations.go`) — that module.
 *
 * Pure module.
 */
import type { FileFacts, MigrationTool } from './types.js';

interface Detector {
  tool: MigrationTool['tool'];
  /** Matches a migration file; group 1 is its folder, group 2 its ordering key. */
  file: RegExp;
  next: (dir: string, keys: string[], files: string[]) => string;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const maxNumber = (keys: string[]): { n: number; width: number } => {
  let n = 0;
  let width = 1;
  for (const k of keys) {
    const v = Number.parseInt(k, 10);
    if (Number.isFinite(v) && v >= n) {
      n = v;
      width = Math.max(width, k.length);
    }
  }
  return { n, width };
};

/** Rules as data, most specific first; a file is claimed by the first detector that matches. */
export const MIGRATION_DETECTORS: readonly Detector[] = [
  {
    tool: 'prisma',
    file: /^((?:.*\/)?prisma\/migrations)\/(\d{14})_[^/]+\/migration\.sql$/,
    next: (dir) => `${dir}/<timestamp>_<name>/migration.sql`,
  },
  {
    tool: 'alembic',
    file: /^((?:.*\/)?(?:alembic|migrations)\/versions)\/([^/]+)\.py$/,
    next: (dir, keys) => {
      const dated = keys.filter((k) => /^\d{4}_\d{2}_\d{2}/.test(k)).length > keys.length / 2;
      return dated ? `${dir}/<date>-<revision>_<name>.py` : `${dir}/<revision>_<name>.py`;
    },
  },
  {
    tool: 'django',
    file: /^((?:.*\/)?migrations)\/(\d{4})_\w+\.py$/,
    next: (dir, keys) => {
      const { n } = maxNumber(keys);
      return `${dir}/${pad(n + 1, 4)}_<name>.py`;
    },
  },
  {
    tool: 'golang-migrate',
    file: /^((?:.*\/)?[\w.-]*migrat\w*(?:\/[\w.-]+)*)\/(\d+)_[\w.-]+\.(?:up|down)\.sql$/,
    next: (dir, keys) => {
      const { n, width } = maxNumber(keys);
      return `${dir}/${pad(n + 1, width)}_<name>.up.sql`;
    },
  },
  {
    tool: 'timestamped-sql',
    file: /^((?:.*\/)?[\w.-]*(?:migrat|schema|sql|db)\w*(?:\/[\w.-]+)*)\/(\d{8,14})[_-][\w.-]+\.sql$/,
    next: (dir) => `${dir}/<timestamp>_<name>.sql`,
  },
  {
    tool: 'numbered-sql',
    file: /^((?:.*\/)?[\w.-]*(?:migrat|schema|sql|db)\w*(?:\/[\w.-]+)*)\/V?(\d{1,6})(?:__|[_-])[\w.-]+\.sql$/,
    next: (dir, keys, files) => {
      const { n, width } = maxNumber(keys);
      const flyway = files.some((f) => /\/V\d+__/.test(f));
      return flyway ? `${dir}/V${n + 1}__<name>.sql` : `${dir}/${pad(n + 1, width)}_<name>.sql`;
    },
  },
  {
    tool: 'knex',
    file: /^((?:.*\/)?migrations)\/(\d{14})[_-][\w.-]+\.(?:js|ts|cjs|mjs)$/,
    next: (dir, _keys, files) => `${dir}/<timestamp>-<name>.${files.some((f) => f.endsWith('.ts')) ? 'ts' : 'js'}`,
  },
];

/** Migration tools of the repository, each with its folder, count, head and next file. */
export function detectMigrations(files: readonly string[], facts: ReadonlyMap<string, FileFacts>): MigrationTool[] {
  const groups = new Map<string, { detector: Detector; dir: string; keys: string[]; files: string[] }>();
  for (const f of files) {
    for (const d of MIGRATION_DETECTORS) {
      const m = d.file.exec(f);
      if (!m) continue;
      const id = `${d.tool}:${m[1]}`;
      const g = groups.get(id) ?? { detector: d, dir: m[1]!, keys: [], files: [] };
      g.keys.push(m[2]!);
      g.files.push(f);
      groups.set(id, g);
      break;
    }
  }
  const out: MigrationTool[] = [];
  for (const g of groups.values()) {
    let head: string | undefined;
    if (g.detector.tool === 'alembic') {
      // The head revision is the one no other revision names as its down_revision.
      const revs = g.files.map((f) => facts.get(f)?.constants ?? {});
      const downs = new Set(revs.map((c) => c.down_revision).filter(Boolean));
      head = revs.map((c) => c.revision).find((r) => r && !downs.has(r));
    } else {
      const sorted = [...g.files].sort();
      head = sorted[sorted.length - 1];
    }
    out.push({ tool: g.detector.tool, dir: g.dir, count: g.files.length, next: g.detector.next(g.dir, g.keys, g.files), ...(head ? { head } : {}) });
  }
  // Migrations written as a list inside one module (DDL strings in code, not .sql files).
  for (const f of facts.values()) {
    if (f.sql.length >= 3 && !f.path.endsWith('.sql') && /migrat|schema|database|db/i.test(f.path) && !out.some((t) => f.path.startsWith(`${t.dir}/`))) {
      out.push({ tool: 'embedded', dir: f.path, count: f.sql.length, next: f.path });
    }
  }
  return out.sort((a, b) => b.count - a.count || a.dir.localeCompare(b.dir));
}

/** The migration files in the order they apply (for replaying SQL into tables). */
export function migrationOrder(tools: readonly MigrationTool[], files: readonly string[]): string[] {
  const sql: string[] = [];
  for (const t of tools) {
    if (t.tool === 'embedded') sql.push(t.dir);
    else sql.push(...files.filter((f) => f.startsWith(`${t.dir}/`) && f.endsWith('.sql') && !f.endsWith('.down.sql')).sort());
  }
  return sql;
}
/** `add-item-tags` -> `add_item_tags`: the slug a new migration file is named with. */
const migrationSlug = (changeId: string): string => changeId.replace(/[^a-z0-9]+/gi, '_').toLowerCase();

/** The glob of a new file whose name has placeholders (`<revision>_<name>.py` -> `*_add_item_tags.py`). */
export function newFileGlob(pattern: string, changeId: string): string {
  return pattern.replace(/<name>/g, migrationSlug(changeId)).replace(/<[a-z]+>/g, '*');
}

