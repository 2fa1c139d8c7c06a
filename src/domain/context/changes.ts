/**
 * Changes in flight: what another open OpenSpec change claims. Work-packages files in the wild
 * are often incomplete or off-format, so YAML is read leniently: whatever scope and locks can
 * be found are taken, and problems are reported instead of thrown.
 *
 * Pure module.
 */
import { parse } from 'yaml';
import { isRecord, unique } from './paths.js';
import type { ChangeInFlight } from './types.js';

export interface WorkPackageClaims {
  packageIds: string[];
  writeGlobs: string[];
  lockKeys: string[];
  lockFiles: string[];
  /** Problems met while reading; the claims above hold whatever could still be read. */
  problems: string[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : []);

export function extractWorkPackageClaims(yamlText: string): WorkPackageClaims {
  const claims: WorkPackageClaims = { packageIds: [], writeGlobs: [], lockKeys: [], lockFiles: [], problems: [] };
  let doc: unknown;
  try {
    doc = parse(yamlText, { uniqueKeys: false });
  } catch (err) {
    claims.problems.push(`not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    return claims;
  }
  if (!isRecord(doc)) {
    claims.problems.push('top level is not a mapping');
    return claims;
  }
  if (!Array.isArray(doc.packages)) {
    claims.problems.push('packages is not a list');
    return claims;
  }
  doc.packages.forEach((pkg, i) => {
    if (!isRecord(pkg)) {
      claims.problems.push(`packages[${i}] is not a mapping`);
      return;
    }
    const id = typeof pkg.package_id === 'string' ? pkg.package_id : typeof pkg.id === 'string' ? pkg.id : undefined;
    if (id) claims.packageIds.push(id);
    else claims.problems.push(`packages[${i}] has no package_id`);
    const scope = isRecord(pkg.scope) ? pkg.scope : {};
    const locks = isRecord(pkg.locks) ? pkg.locks : {};
    claims.writeGlobs.push(...strings(scope.write_allow));
    claims.lockKeys.push(...strings(locks.keys));
    claims.lockFiles.push(...strings(locks.files));
  });
  claims.packageIds = unique(claims.packageIds);
  claims.writeGlobs = unique(claims.writeGlobs);
  claims.lockKeys = unique(claims.lockKeys);
  claims.lockFiles = unique(claims.lockFiles);
  return claims;
}

/**
 * Capabilities a proposal names under `New Capabilities` / `Modified Capabilities` (or the
 * older `ADDED`/`MODIFIED` wording): the first backticked word or leading kebab-case word of
 * each bullet.
 */
export function proposalCapabilities(markdown: string): string[] {
  const found: string[] = [];
  let inList = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^#{2,4}\s/.test(line)) {
      inList = /capabilit/i.test(line);
      continue;
    }
    if (!inList) continue;
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    if (!bullet) continue;
    const name = /^`([a-z0-9][a-z0-9-]*)`/.exec(bullet[1]!)?.[1] ?? /^\*{0,2}([a-z0-9]+(?:-[a-z0-9]+)+)\*{0,2}\b/.exec(bullet[1]!)?.[1];
    if (name) found.push(name);
  }
  return unique(found);
}

/** A change in flight from its id, delta spec folders, proposal and work-packages claims. */
export function changeInFlight(
  id: string,
  deltaCapabilities: readonly string[],
  proposalText: string | undefined,
  claims: WorkPackageClaims | undefined,
): ChangeInFlight & { lockFiles: string[] } {
  const capabilities = unique([...deltaCapabilities, ...(proposalText ? proposalCapabilities(proposalText) : [])]).sort();
  return {
    id,
    capabilities,
    writeGlobs: claims?.writeGlobs ?? [],
    lockKeys: claims?.lockKeys ?? [],
    lockFiles: claims?.lockFiles ?? [],
  };
}
