/**
 * Facet "architecture": languages, frameworks and test commands from the manifests, boundaries
 * from the real folders, hub files, and the documentation ranked by relevance to the request.
 */
import { join } from 'node:path';
import { buildQuery, rankDocuments } from '../../domain/context/bm25.js';
import { detectBoundaries } from '../../domain/context/boundaries.js';
import { findHubFiles } from '../../domain/context/hubs.js';
import { languageCounts } from '../../domain/context/languages.js';
import { SUMMARY_LIMITS } from '../../domain/context/limits.js';
import { manifestKind, parseManifest, type ManifestInfo } from '../../domain/context/manifests.js';
import { baseName, byDepth, dirOf, extensionOf, isDocumentation, unique } from '../../domain/context/paths.js';
import type { ArchitectureFacetSummary, FacetInput, FacetResult } from '../../domain/context/types.js';
import { writeJsonAtomic } from '../../io/atomic-write.js';
import { DEFAULT_MAX_FILE_BYTES, listRepositoryFiles, readTextFile, skippedOf, type FileList } from './files.js';
import { facetPath } from './run-folder.js';

const MAX_MANIFESTS = 200;
const MAX_DOCS = 300;

export function isDoc(path: string): boolean {
  return isDocumentation(path) && extensionOf(path) !== 'txt' && !path.startsWith('openspec/') && !/(^|\/)(CHANGELOG|LICENSE)[^/]*$/i.test(path);
}

function readManifests(list: FileList, maxBytes: number): ManifestInfo[] {
  const paths = list.paths.filter((p) => manifestKind(p) !== undefined && !p.startsWith('openspec/')).sort(byDepth).slice(0, MAX_MANIFESTS);
  const dirs = new Set(paths.map(dirOf));
  const siblings = new Map<string, Set<string>>();
  for (const p of list.paths) {
    const d = dirOf(p);
    if (!dirs.has(d)) continue;
    if (!siblings.has(d)) siblings.set(d, new Set());
    siblings.get(d)!.add(baseName(p));
  }
  const parsed = paths.map((p) => {
    const read = readTextFile(join(list.repoDir, p), maxBytes);
    return read.kind === 'text' ? parseManifest(p, read.text, siblings.get(dirOf(p))) : undefined;
  });
  return parsed.filter((m): m is ManifestInfo => m !== undefined);
}

/** Docs most relevant to the request first; the rest by depth (README and docs/ first). */
function rankDocs(list: FileList, input: FacetInput, maxBytes: number): string[] {
  const paths = list.paths.filter(isDoc).sort(byDepth).slice(0, MAX_DOCS);
  const texts = paths.map((p) => {
    const read = readTextFile(join(list.repoDir, p), maxBytes);
    return read.kind === 'text' ? read.text : '';
  });
  const { ranked } = rankDocuments(
    buildQuery(input.request, input.hints),
    paths.map((p, i) => ({ item: p, fields: [{ text: p, weight: 3 }, { text: texts[i]!, weight: 1 }] })),
  );
  return [...ranked.filter((r) => r.score > 0).map((r) => r.item), ...ranked.filter((r) => r.score <= 0).map((r) => r.item)];
}


export async function gatherArchitecture(input: FacetInput, opts: { signal?: AbortSignal } = {}): Promise<FacetResult> {
  const started = Date.now();
  const maxBytes = input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const list = await listRepositoryFiles(input.repoDir, { maxFileBytes: maxBytes, ...opts });
  const manifests = readManifests(list, maxBytes);
  const boundaries = detectBoundaries(list.paths, manifests);
  const hubs = findHubFiles(list.paths);
  const docs = rankDocs(list, input, maxBytes);
  // Languages by file count; the manifests' only when no file has a known extension.
  const counted = languageCounts(list.paths).map((l) => l.language);
  const languages = counted.length > 0 ? counted : unique(manifests.flatMap((m) => m.languages));
  const frameworks = unique(manifests.flatMap((m) => m.frameworks));
  const testCommands = unique(manifests.flatMap((m) => (m.testCommand ? [m.testCommand] : [])));

  const ref = await writeJsonAtomic(facetPath(input.runDir, 'architecture'), {
    facet: 'architecture',
    languages: languageCounts(list.paths),
    manifests,
    boundaries,
    hubFiles: hubs,
    docs,
  });
  const summary: ArchitectureFacetSummary = {
    languages: languages.slice(0, SUMMARY_LIMITS.languages),
    frameworks: frameworks.slice(0, SUMMARY_LIMITS.frameworks),
    testCommands: testCommands.slice(0, SUMMARY_LIMITS.testCommands),
    boundaries,
    hubFiles: hubs.slice(0, SUMMARY_LIMITS.hubFiles).map((h) => h.path),
    hubFilesTotal: hubs.length,
    docs: docs.slice(0, SUMMARY_LIMITS.docs),
  };
  return {
    facet: 'architecture',
    ref,
    summary: { ...summary },
    stats: { files: list.paths.length, skipped: skippedOf(list), ms: Date.now() - started },
  };
}
