import { decodeEntities } from './decode-entities.ts';
import { inlineText } from './inline-text.ts';
import { propertyKey } from './property-key.ts';

/**
 * Safe reads from the fast-xml-parser tree (options in record-parser-options.ts: attributes kept as
 * `@_Name`, text as `#text` or, for a leaf without attributes, the plain string; repeatable elements
 * always arrays). Reads never index by position and never throw on a missing or unexpected node:
 * absent data comes back empty or null.
 */
export type XmlNode = { [key: string]: unknown };

const TEXT = '#text';

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every child element called `name`, in document order. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  if (value === undefined) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.every(isNode)
    ? (list as XmlNode[])
    : list.map((item) => (isNode(item) ? item : { [TEXT]: String(item) }));
}

/**
 * The child element called `name`. The DTD allows it once; if a record repeats it anyway the first in
 * document order wins, so a stray duplicate cannot turn an object into an array under our feet.
 */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const value = node?.[name];
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value.find(() => true) : value;
  if (first === undefined) return undefined;
  return isNode(first) ? first : { [TEXT]: String(first) };
}

/** Follows a path of single children: `path(citation, 'Article', 'Journal')`. */
export function path(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  let current = node;
  for (const name of names) current = child(current, name);
  return current;
}

/** `@_Name` for each attribute name asked for, made once (see propertyKey). */
const ATTRIBUTE_KEYS = new Map<string, string>();

/** An attribute value, entities decoded once; null when absent. */
export function attr(node: XmlNode | undefined, name: string): string | null {
  if (node === undefined) return null;
  let key = ATTRIBUTE_KEYS.get(name);
  if (key === undefined) {
    key = propertyKey(`@_${name}`);
    // The names are the mapping code's own constants, a few dozen at most.
    ATTRIBUTE_KEYS.set(name, key);
  }
  const value = node[key];
  return typeof value === 'string' ? decodeEntities(value) : null;
}

/** Raw inner XML of a text element (a stop node: markup and entities untouched). */
export function rawText(node: XmlNode | undefined): string {
  const value = node?.[TEXT];
  return typeof value === 'string' ? value : '';
}

/** Plain text of an element, null when it is absent or empty. */
export function text(node: XmlNode | undefined): string | null {
  if (node === undefined) return null;
  const value = inlineText(rawText(node));
  return value === '' ? null : value;
}

/** Plain text of the child `name`, null when absent or empty. */
export function childText(node: XmlNode | undefined, name: string): string | null {
  let value = node?.[name];
  if (Array.isArray(value)) value = value.find(() => true);
  if (typeof value === 'object' && value !== null) value = (value as XmlNode)[TEXT];
  if (typeof value !== 'string') return null;
  const plain = inlineText(value);
  return plain === '' ? null : plain;
}
