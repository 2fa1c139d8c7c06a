/**
 * Reading work-packages.yaml text into a plain value, with limits against hostile input, the way
 * the tools that already use the format read it (YAML 1.1).
 * Separate from validation: a document that parses is always judged (VALID/INVALID); only text
 * that cannot be read at all (too big, not YAML, alias bomb, duplicate keys) is an error here.
 */
import { parseDocument } from 'yaml';
import { badInput, type PlanError } from '../../errors.js';

/** Largest accepted document, in UTF-8 bytes. */
export const MAX_WORK_PACKAGES_BYTES = 5 * 1024 * 1024;
/** Aliases a document may expand; real plans need few, billion-laughs documents need many. */
export const MAX_YAML_ALIASES = 50;

const FIX = 'Write work-packages.yaml as one plain YAML document (see docs/work-packages-format.md).';

/** UTF-8 size of `text`, counted without encoding it (no node:buffer in the domain). */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Parses YAML text into a plain JS value. Throws a BadInput PlanError when the text cannot be
 * read as a single YAML document within the limits.
 */
export function parseWorkPackagesYaml(text: string, source = 'work-packages.yaml'): unknown {
  // UTF-8 never takes fewer bytes than UTF-16 units, so long texts are rejected without counting.
  if (text.length > MAX_WORK_PACKAGES_BYTES || utf8Bytes(text) > MAX_WORK_PACKAGES_BYTES) {
    throw unreadable(source, `larger than ${MAX_WORK_PACKAGES_BYTES} bytes`);
  }
  // Read as YAML 1.1, like the format's reference validator (PyYAML): a bare timestamp is a date,
  // `yes`/`no`/`on`/`off` are booleans. A file that passes here passes there.
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, version: '1.1' });
  const first = doc.errors[0];
  if (first) throw unreadable(source, `not valid YAML: ${first.message.split('\n')[0]}`);
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    // The yaml package throws a ReferenceError for excessive alias expansion.
    throw unreadable(source, `cannot expand YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function unreadable(source: string, reason: string): PlanError {
  return badInput(`${source}: unreadable input: ${reason}`, FIX);
}
