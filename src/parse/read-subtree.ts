import type { XMLParser } from 'fast-xml-parser';
import type { XmlNode } from './xml-node.ts';

/**
 * Builds the tree of a regular, shallow subtree (AuthorList, MeshHeadingList, History ...) that the
 * record parser handed over raw as a stop node, in exactly the shape fast-xml-parser gives it in place
 * with RECORD_PARSER_OPTIONS (attributes as `@_Name` with values trimmed and not decoded; a leaf without
 * attributes as its trimmed text, an empty one as ''; text elements as their raw inner XML; repeatable
 * elements always arrays, a repeated non-repeatable one an array too). The mapping code cannot tell the
 * two apart; tests compare both trees on every fixture.
 *
 * These lists are a third of a record's elements and regular: fast-xml-parser spends more per element
 * on them (path matcher, stop-node lookup, attribute regex, ordered tree then object tree) than a
 * direct scan does. Anything the scan is not sure to read exactly as fast-xml-parser would (comments,
 * CDATA, processing instructions, text beside child elements, a name with an unusual character or one
 * that is an Object.prototype property) sends the whole subtree to fast-xml-parser instead.
 *
 * The input is content checkWellFormed cut out of a record it passed, so every tag is closed and
 * nested; the scan still gives up (falls back) rather than guess when it is not.
 */
export interface SubtreeReader {
  /**
   * Replaces, in the tree of a parsed record, every subtree element's value by the tree fast-xml-parser
   * would have built in its place. The parser saw each one as a stop node whose content checkWellFormed
   * had replaced by an index into `cut`, the contents it took out.
   */
  expandAll(node: XmlNode, cut: readonly string[]): void;
}

const TEXT = '#text';
const ATTRIBUTES = /([^\s=]+)\s*(=\s*(?:"([^"]*)"|'([^']*)'))?/g;

/** Name characters read directly: letters, digits, `_ . : -`. */
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  NAME_CHAR[c] = /[A-Za-z0-9_.:-]/.test(ch) ? 1 : 0;
}

/** The reader gave up: the subtree goes to fast-xml-parser. */
const FALLBACK = null;

interface Frame {
  name: string;
  node: XmlNode;
  hasAttributes: boolean;
  hasChildren: boolean;
  text: string;
}

/**
 * `textElements`: the record parser's stop nodes inside the subtree (kept raw); `repeatable`: the
 * isArray names; `fallback`: a parser with the record options (text elements as stop nodes, but not
 * the subtrees themselves) for the subtrees the scan leaves to it.
 */
export function createSubtreeReader(
  subtrees: ReadonlySet<string>,
  textElements: ReadonlySet<string>,
  repeatable: ReadonlySet<string>,
  fallback: () => XMLParser,
): SubtreeReader {
  function add(parent: Frame, name: string, value: unknown): void {
    parent.hasChildren = true;
    const existing = parent.node[name];
    if (existing === undefined) parent.node[name] = repeatable.has(name) ? [value] : value;
    else if (Array.isArray(existing)) existing.push(value);
    else parent.node[name] = [existing, value];
  }

  /** The value of a closed element, as fast-xml-parser's compress step makes it. */
  function finish(frame: Frame): unknown {
    if (frame.text !== '') {
      if (frame.hasChildren) return undefined;
      if (!frame.hasAttributes) return frame.text;
      frame.node[TEXT] = frame.text;
      return frame.node;
    }
    return frame.hasAttributes || frame.hasChildren ? frame.node : '';
  }

  /** Attributes of `source` (a start tag's text after its name) into `node`; true if any. */
  function readAttributes(source: string, node: XmlNode): boolean {
    let any = false;
    ATTRIBUTES.lastIndex = 0;
    for (let match = ATTRIBUTES.exec(source); match !== null; match = ATTRIBUTES.exec(source)) {
      const value = match[3] ?? match[4];
      const name = match[1] ?? '';
      if (value === undefined || name === '') continue;
      node[`@_${name}`] = value.trim();
      any = true;
    }
    return any;
  }

  /** Content of `raw` (children, text) as an object, or FALLBACK. */
  function scan(raw: string): XmlNode | null {
    if (raw.indexOf('<!') !== -1 || raw.indexOf('<?') !== -1) return FALLBACK;
    const root: Frame = { name: '', node: {}, hasAttributes: false, hasChildren: false, text: '' };
    const stack: Frame[] = [];
    let frame = root;
    let pos = 0;
    const length = raw.length;
    while (pos < length) {
      const lt = raw.indexOf('<', pos);
      const textEnd = lt < 0 ? length : lt;
      if (textEnd > pos) {
        const piece = raw.slice(pos, textEnd).trim();
        if (piece !== '') frame.text += piece;
      }
      if (lt < 0) break;
      if (raw.charCodeAt(lt + 1) === 0x2f /* / */) {
        const gt = raw.indexOf('>', lt);
        if (gt < 0 || stack.length === 0) return FALLBACK;
        const name = raw.slice(lt + 2, gt);
        if (name !== frame.name && name.trim() !== frame.name) return FALLBACK;
        const value = finish(frame);
        if (value === undefined) return FALLBACK;
        const closed = frame.name;
        frame = stack.pop() as Frame;
        add(frame, closed, value);
        pos = gt + 1;
        continue;
      }
      // Start tag: the name, then attributes up to the `>` (quotes honoured) or a direct `>` / `/>`.
      let nameEnd = lt + 1;
      let code = raw.charCodeAt(nameEnd);
      while (code < 128 && NAME_CHAR[code] === 1) code = raw.charCodeAt(++nameEnd);
      if (nameEnd === lt + 1) return FALLBACK;
      const name = raw.slice(lt + 1, nameEnd);
      // fast-xml-parser refuses or renames these; and it does not track an element named like its parent.
      if (name in Object.prototype || name === 'prototype' || name === frame.name) return FALLBACK;
      let end: number;
      let selfClosing = false;
      let attributes: string | null = null;
      if (code === 0x3e /* > */) end = nameEnd;
      else if (code === 0x2f /* / */) {
        if (raw.charCodeAt(nameEnd + 1) !== 0x3e) return FALLBACK;
        end = nameEnd + 1;
        selfClosing = true;
      } else if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) {
        end = tagEnd(raw, nameEnd);
        if (end < 0) return FALLBACK;
        selfClosing = raw.charCodeAt(end - 1) === 0x2f;
        attributes = raw.slice(nameEnd, selfClosing ? end - 1 : end);
      } else return FALLBACK;
      const child: Frame = { name, node: {}, hasAttributes: false, hasChildren: false, text: '' };
      if (attributes !== null) child.hasAttributes = readAttributes(attributes, child.node);
      if (selfClosing) {
        add(frame, name, child.hasAttributes ? child.node : '');
        pos = end + 1;
      } else if (textElements.has(name)) {
        const close = stopNodeEnd(raw, name, end + 1);
        if (close < 0) return FALLBACK;
        const content = raw.slice(end + 1, close);
        let value: unknown;
        if (!child.hasAttributes) value = content;
        else {
          if (content !== '') child.node[TEXT] = content;
          value = child.node;
        }
        add(frame, name, value);
        pos = raw.indexOf('>', close) + 1;
      } else {
        stack.push(frame);
        frame = child;
        pos = end + 1;
      }
    }
    if (stack.length > 0) return FALLBACK;
    if (root.text !== '') {
      if (root.hasChildren) return FALLBACK;
      root.node[TEXT] = root.text;
    }
    return root.node;
  }

  /** The content object fast-xml-parser makes of `raw` (the scan, or the parser when it gives up). */
  function build(raw: string): XmlNode {
    const scanned = scan(raw);
    if (scanned !== FALLBACK) return scanned;
    const wrapped = (fallback().parse(`<SubtreeContent>${raw}</SubtreeContent>`) as XmlNode).SubtreeContent;
    if (typeof wrapped === 'object' && wrapped !== null) return wrapped as XmlNode;
    return typeof wrapped === 'string' && wrapped !== '' ? { [TEXT]: wrapped } : {};
  }

  function expandAll(node: XmlNode, cut: readonly string[]): void {
    for (const key in node) {
      const value = node[key];
      if (subtrees.has(key)) {
        node[key] = Array.isArray(value) ? value.map((item) => expand(item, cut)) : expand(value, cut);
      } else if (typeof value !== 'object' || value === null || textElements.has(key)) {
        // A leaf, an attribute, or a text element's raw inner XML: nothing to expand.
      } else if (Array.isArray(value)) {
        for (const item of value) {
          if (typeof item === 'object' && item !== null) expandAll(item as XmlNode, cut);
        }
      } else expandAll(value as XmlNode, cut);
    }
  }

  function expand(value: unknown, cut: readonly string[]): unknown {
    let raw: string;
    let attributes: XmlNode | null = null;
    if (typeof value === 'string') raw = content(value, cut);
    else if (typeof value === 'object' && value !== null) {
      const stop = value as XmlNode;
      raw = typeof stop[TEXT] === 'string' ? content(stop[TEXT], cut) : '';
      for (const key in stop) {
        if (key === TEXT) continue;
        attributes ??= {};
        attributes[key] = stop[key];
      }
    } else return value;
    const node = build(raw);
    if (attributes !== null) return Object.assign(node, attributes);
    let keys = 0;
    for (const _key in node) if (++keys > 1) break;
    if (keys === 0) return '';
    if (keys === 1 && typeof node[TEXT] === 'string') return node[TEXT];
    return node;
  }

  return { expandAll };
}

/**
 * The content a stop node's index stands for; '' for a self-closing element (no index). Line ends as
 * fast-xml-parser normalises them in the text it parses.
 */
function content(index: string, cut: readonly string[]): string {
  if (index === '') return '';
  const raw = cut[Number(index)];
  if (raw === undefined || !/^\d+$/.test(index))
    throw new Error(`no cut content for subtree index "${index}"`);
  return raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
}

/** Index of the `>` ending the start tag whose name ends at `from`, quotes honoured; -1 if none. */
function tagEnd(xml: string, from: number): number {
  for (let i = from; i < xml.length; i++) {
    const code = xml.charCodeAt(i);
    if (code === 0x3e) return i;
    if (code === 0x22 || code === 0x27) {
      const quoteEnd = xml.indexOf(code === 0x22 ? '"' : "'", i + 1);
      if (quoteEnd < 0) return -1;
      i = quoteEnd;
    } else if (code === 0x3c) return -1;
  }
  return -1;
}

/**
 * Index of the `<` of the end tag closing the text element `name` whose content starts at `from`, as
 * fast-xml-parser's stop-node reader finds it: nested elements of the same name are counted, other
 * tags are skipped whole (quotes honoured). -1 if it is not closed.
 */
function stopNodeEnd(xml: string, name: string, from: number): number {
  let depth = 1;
  let at = xml.indexOf('<', from);
  while (at >= 0) {
    if (xml.charCodeAt(at + 1) === 0x2f) {
      const gt = xml.indexOf('>', at);
      if (gt < 0) return -1;
      if (xml.slice(at + 2, gt).trim() === name && --depth === 0) return at;
      at = xml.indexOf('<', gt + 1);
      continue;
    }
    let nameEnd = at + 1;
    for (let code = xml.charCodeAt(nameEnd); !isTagNameStop(code); code = xml.charCodeAt(++nameEnd)) {
      // Non-ASCII whitespace would end the name for fast-xml-parser (\s): leave such a subtree to it.
      if (code >= 0x80 || Number.isNaN(code)) return -1;
    }
    const end = tagEnd(xml, nameEnd);
    if (end < 0) return -1;
    if (xml.slice(at + 1, nameEnd) === name && xml.charCodeAt(end - 1) !== 0x2f) depth++;
    at = xml.indexOf('<', end + 1);
  }
  return -1;
}

/** fast-xml-parser ends a tag name at the first whitespace (or the `>`). */
function isTagNameStop(code: number): boolean {
  return code === 0x3e || code === 0x20 || (code >= 0x09 && code <= 0x0d);
}
