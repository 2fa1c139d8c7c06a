/** Programming language of a file from its extension. Pure module. */
import { baseName, extensionOf } from './paths.js';

const BY_EXTENSION: Readonly<Record<string, string>> = {
  ts: 'TypeScript', tsx: 'TypeScript', mts: 'TypeScript', cts: 'TypeScript',
  js: 'JavaScript', jsx: 'JavaScript', mjs: 'JavaScript', cjs: 'JavaScript',
  py: 'Python', go: 'Go', rs: 'Rust', java: 'Java', kt: 'Kotlin', kts: 'Kotlin', rb: 'Ruby', php: 'PHP',
  cs: 'C#', swift: 'Swift', scala: 'Scala', c: 'C', h: 'C', cc: 'C++', cpp: 'C++', hpp: 'C++',
  sql: 'SQL', vue: 'Vue', svelte: 'Svelte', sh: 'Shell', bash: 'Shell', ex: 'Elixir', exs: 'Elixir',
  dart: 'Dart', lua: 'Lua',
};

export function languageOf(path: string): string | undefined {
  if (baseName(path).endsWith('.d.ts')) return 'TypeScript';
  return BY_EXTENSION[extensionOf(path)];
}

/** Languages by number of files, most used first (ties by name). */
export function languageCounts(paths: Iterable<string>): Array<{ language: string; files: number }> {
  const counts = new Map<string, number>();
  for (const p of paths) {
    const lang = languageOf(p);
    if (lang) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([language, files]) => ({ language, files }))
    .sort((a, b) => b.files - a.files || a.language.localeCompare(b.language));
}
