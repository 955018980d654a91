import type { XmlNode } from './xml-node.ts';

/**
 * One entry of fast-xml-parser's ordered output (`preserveOrder`): an element as `{ Name: [children],
 * ':@': { '@_attr': value } }` (no `:@` without attributes), or text as `{ '#text': value }`.
 */
export type OrderedEntry = { [key: string]: unknown };

const TEXT = '#text';
const ATTRIBUTES = ':@';

/**
 * The object tree fast-xml-parser gives in its default mode, made from its ordered output: what its own
 * last step (node2json's compress) does with RECORD_PARSER_OPTIONS, without its path tracking and
 * per-element callbacks. A record's frame holds some twenty elements once its lists and texts are cut
 * out, and that step was a sixth of the parser's time on it, and among the costliest code V8 compiles
 * on a fresh build thread (twice in its first 5,000 records). Rules, as compress has them:
 * texts of an element are joined and kept as `#text` when not empty; an element with attributes gets
 * them after its content; one without is its text alone, or '' when empty; repeatable names (and any
 * name met twice) become arrays.
 */
export function frameTree(entries: readonly OrderedEntry[], repeatable: ReadonlySet<string>): XmlNode {
  let text: unknown;
  const node: XmlNode = {};
  for (const entry of entries) {
    const name = entryName(entry);
    if (name === TEXT) {
      text = text === undefined ? entry[TEXT] : `${text}${entry[TEXT]}`;
      continue;
    }
    const children = name === undefined ? undefined : entry[name];
    if (name === undefined || !children) continue;
    let value: unknown = frameTree(children as OrderedEntry[], repeatable);
    const attributes = entry[ATTRIBUTES] as XmlNode | undefined;
    if (attributes) {
      for (const key of Object.keys(attributes)) (value as XmlNode)[key] = attributes[key];
    } else {
      const keys = Object.keys(value as XmlNode);
      if (keys.length === 1 && (value as XmlNode)[TEXT] !== undefined) value = (value as XmlNode)[TEXT];
      else if (keys.length === 0) value = '';
    }
    const existing = node[name];
    if (existing !== undefined && Object.hasOwn(node, name)) {
      if (Array.isArray(existing)) existing.push(value);
      else node[name] = [existing, value];
    } else node[name] = repeatable.has(name) ? [value] : value;
  }
  if (typeof text === 'string') {
    if (text.length > 0) node[TEXT] = text;
  } else if (text !== undefined) node[TEXT] = text;
  return node;
}

/** The entry's element name (its first key but `:@`), `#text`, or undefined. */
function entryName(entry: OrderedEntry): string | undefined {
  for (const key in entry) if (key !== ATTRIBUTES) return key;
  return undefined;
}
