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

/**
 * Every child element called `name`, in document order. The tree's own array when every item is an
 * element (callers only read it).
 */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [asNode(value)];
  for (const item of value) if (!isNode(item)) return value.map(asNode);
  return value as XmlNode[];
}

/** The elements called `item` in every child called `list` (`AuthorList` > `Author`), in document order. */
export function grandchildren(node: XmlNode | undefined, list: string, item: string): XmlNode[] {
  const lists = children(node, list);
  if (lists.length === 1) return children(lists[0], item);
  const items: XmlNode[] = [];
  for (const each of lists) for (const found of children(each, item)) items.push(found);
  return items;
}

/**
 * The child element called `name`. The DTD allows it once; if a record repeats it anyway the first in
 * document order wins, so a stray duplicate cannot turn an object into an array under our feet.
 */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const value = node?.[name];
  if (value === undefined) return undefined;
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return asNode(first);
}

/** A leaf without attributes is a plain string in the tree: as an element, its text. */
function asNode(value: unknown): XmlNode {
  return isNode(value) ? value : { [TEXT]: String(value) };
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
  if (Array.isArray(value)) value = value[0];
  if (typeof value === 'object' && value !== null) value = (value as XmlNode)[TEXT];
  if (typeof value !== 'string') return null;
  const plain = inlineText(value);
  return plain === '' ? null : plain;
}
