/**
 * YAML text every reader loads to the same value: YAML 1.2 readers (the `yaml` package, most
 * tools) and YAML 1.1 readers (PyYAML, which the reference validator of work-packages.yaml
 * runs). Written with the YAML 1.1 schema, so any string a 1.1 reader would take for something
 * else (timestamps, yes/no/on/off, octal- and sexagesimal-looking numbers, `~`) is quoted; values
 * 1.1 gives special tags (`=`, `<<`) are quoted too. Deterministic: no anchors, no line folding.
 *
 * Pure module.
 */
import { Document, isScalar, visit } from 'yaml';

/** Plain scalars PyYAML's safe loader refuses or reads as something else than the string. */
const SPECIAL_11 = /^(=|<<)$/;

export function portableYaml(value: unknown, opts: { quoteStrings?: boolean } = {}): string {
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(key, node) {
      if (typeof node.value !== 'string') return;
      // `<<` is YAML 1.1's merge key even when quoted by the writer: tag it as the string it is.
      if (node.value === '<<') node.tag = 'tag:yaml.org,2002:str';
      if (SPECIAL_11.test(node.value) || (opts.quoteStrings && key !== 'key')) node.type = 'QUOTE_DOUBLE';
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && SPECIAL_11.test(pair.key.value)) {
        if (pair.key.value === '<<') pair.key.tag = 'tag:yaml.org,2002:str';
        pair.key.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}
