import type { XmlNode } from './xml-node.ts';

/**
 * What checkWellFormed took out of a record in place of an index: a content as text (a text element's
 * raw inner XML, or a subtree to build), or a subtree's content already read into a tree.
 */
export type Cut = string | XmlNode;

const TEXT = '#text';

/**
 * Puts back, into the tree the record parser made of a record whose CUT_ELEMENTS held only an index,
 * what fast-xml-parser would have made of them in place: a subtree's tree (`build` makes it from text)
 * and a text element's raw inner XML, as a stop node gives it.
 */
export function putBackCuts(
  node: XmlNode,
  cut: readonly Cut[],
  subtrees: ReadonlySet<string>,
  textElements: ReadonlySet<string>,
  build: (raw: string) => XmlNode,
): void {
  for (const key in node) {
    const value = node[key];
    if (subtrees.has(key)) {
      node[key] = Array.isArray(value)
        ? value.map((item) => subtree(item, cut, build))
        : subtree(value, cut, build);
    } else if (textElements.has(key)) {
      node[key] = Array.isArray(value) ? value.map((item) => rawText(item, cut)) : rawText(value, cut);
    } else if (typeof value !== 'object' || value === null) {
      // A leaf or an attribute: nothing to put back.
    } else if (Array.isArray(value)) {
      for (const item of value) {
        if (typeof item === 'object' && item !== null) {
          putBackCuts(item as XmlNode, cut, subtrees, textElements, build);
        }
      }
    } else putBackCuts(value as XmlNode, cut, subtrees, textElements, build);
  }
}

/** A subtree element's value: its content's tree, with the element's own attributes. */
function subtree(value: unknown, cut: readonly Cut[], build: (raw: string) => XmlNode): unknown {
  let index: string;
  let attributes: XmlNode | null = null;
  if (typeof value === 'string') index = value;
  else if (typeof value === 'object' && value !== null) {
    const stop = value as XmlNode;
    index = typeof stop[TEXT] === 'string' ? stop[TEXT] : '';
    for (const key in stop) {
      if (key === TEXT) continue;
      attributes ??= {};
      attributes[key] = stop[key];
    }
  } else return value;
  const content = cutContent(index, cut);
  const node = typeof content === 'string' ? build(content) : content;
  if (attributes !== null) return Object.assign(node, attributes);
  let keys = 0;
  for (const _key in node) if (++keys > 1) break;
  if (keys === 0) return '';
  if (keys === 1 && typeof node[TEXT] === 'string') return node[TEXT];
  return node;
}

/**
 * A text element's value as a stop node gives it (its raw inner XML), from the value the record parser
 * gave the element: the index alone, or `#text` next to its attributes. Empty content leaves no
 * `#text`, as with a stop node.
 */
function rawText(value: unknown, cut: readonly Cut[]): unknown {
  if (typeof value === 'string') return textContent(value, cut);
  if (typeof value !== 'object' || value === null) return value;
  const node = value as XmlNode;
  const index = node[TEXT];
  if (typeof index !== 'string') return node;
  const raw = textContent(index, cut);
  if (raw !== '') {
    node[TEXT] = raw;
    return node;
  }
  const attributes: XmlNode = {};
  for (const key in node) if (key !== TEXT) attributes[key] = node[key];
  return attributes;
}

function textContent(index: string, cut: readonly Cut[]): string {
  const content = cutContent(index, cut);
  if (typeof content !== 'string') throw new Error(`cut content ${index} is a subtree, not text`);
  return content;
}

/**
 * The content an index stands for; '' for a self-closing element (no index). Text with line ends as
 * fast-xml-parser normalises them in the text it parses.
 */
function cutContent(index: string, cut: readonly Cut[]): Cut {
  if (index === '') return '';
  const content = cut[Number(index)];
  if (content === undefined || !/^\d+$/.test(index))
    throw new Error(`no cut content for subtree index "${index}"`);
  if (typeof content !== 'string') return content;
  return content.indexOf('\r') === -1 ? content : content.replace(/\r\n?/g, '\n');
}
