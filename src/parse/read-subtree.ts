import type { XMLParser } from 'fast-xml-parser';
import { propertyKey } from './property-key.ts';
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
   * would have built in its place, and every text element's by its raw inner XML (what a stop node
   * gives). The parser saw only an index into `cut` as their content: checkWellFormed took the
   * contents out.
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

/** What the scan needs to know of an element name, looked up once per name rather than per element. */
interface NameInfo {
  /** The name as a property key (see propertyKey): stores under it take V8's fast path. */
  key: string;
  textElement: boolean;
  repeatable: boolean;
  /** fast-xml-parser refuses or renames these (Object.prototype properties): the scan leaves them to it. */
  special: boolean;
}

/** Names remembered at most: the DTD has about 200; hostile input must not grow the table without end. */
const MAX_NAMES = 1024;

interface Frame {
  name: string;
  info: NameInfo | null;
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
  const names = new Map<string, NameInfo>();

  function nameInfo(name: string): NameInfo {
    const known = names.get(name);
    if (known !== undefined) return known;
    const info: NameInfo = {
      key: propertyKey(name),
      textElement: textElements.has(name),
      repeatable: repeatable.has(name),
      special: name in Object.prototype || name === 'prototype',
    };
    if (names.size < MAX_NAMES) names.set(info.key, info);
    return info;
  }

  /** `@_Name` for an attribute name, as a property key (see propertyKey). */
  const attributeKeys = new Map<string, string>();

  function attributeKey(name: string): string {
    const known = attributeKeys.get(name);
    if (known !== undefined) return known;
    const key = propertyKey(`@_${name}`);
    if (attributeKeys.size < MAX_NAMES) attributeKeys.set(name, key);
    return key;
  }

  function add(parent: Frame, info: NameInfo, value: unknown): void {
    parent.hasChildren = true;
    const name = info.key;
    const existing = parent.node[name];
    if (existing === undefined) parent.node[name] = info.repeatable ? [value] : value;
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

  /**
   * Attributes of `raw` from `from` to `to` (a start tag after its name) into `node`; true if any.
   * PubMed writes them as ` Name="value"` pairs: those are read directly. Anything else (single
   * quotes, spaces around `=`, a value-less name, an unusual character) is read again from the start
   * with fast-xml-parser's attribute pattern, which assigns the same values to the same names in the
   * same order, so what the direct read already stored stays as it is.
   */
  function readAttributes(raw: string, from: number, to: number, node: XmlNode): boolean {
    let any = false;
    let at = from;
    for (;;) {
      let code = raw.charCodeAt(at);
      while (at < to && isSpace(code)) code = raw.charCodeAt(++at);
      if (at >= to) return any;
      const nameStart = at;
      while (code < 128 && NAME_CHAR[code] === 1) code = raw.charCodeAt(++at);
      if (at === nameStart || code !== 0x3d /* = */ || raw.charCodeAt(at + 1) !== 0x22 /* " */) break;
      const quote = raw.indexOf('"', at + 2);
      if (quote < 0 || quote >= to) break;
      node[attributeKey(raw.slice(nameStart, at))] = raw.slice(at + 2, quote).trim();
      any = true;
      at = quote + 1;
      if (at < to && !isSpace(raw.charCodeAt(at))) break;
    }
    return readAttributesByPattern(raw.slice(from, to), node);
  }

  function readAttributesByPattern(source: string, node: XmlNode): boolean {
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
    const root: Frame = {
      name: '',
      info: null,
      node: {},
      hasAttributes: false,
      hasChildren: false,
      text: '',
    };
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
        if (stack.length === 0) return FALLBACK;
        // Almost always `</Name>` exactly: compared in place, without cutting the name out.
        let gt = lt + 2 + frame.name.length;
        if (raw.charCodeAt(gt) !== 0x3e || !raw.startsWith(frame.name, lt + 2)) {
          gt = raw.indexOf('>', lt);
          if (gt < 0 || raw.slice(lt + 2, gt).trim() !== frame.name) return FALLBACK;
        }
        const value = finish(frame);
        if (value === undefined) return FALLBACK;
        const closed = frame.info as NameInfo;
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
      const info = nameInfo(raw.slice(lt + 1, nameEnd));
      const name = info.key;
      // fast-xml-parser refuses or renames these; and it does not track an element named like its parent.
      if (info.special || name === frame.name) return FALLBACK;
      let end: number;
      let selfClosing = false;
      let attributes = false;
      if (code === 0x3e /* > */) end = nameEnd;
      else if (code === 0x2f /* / */) {
        if (raw.charCodeAt(nameEnd + 1) !== 0x3e) return FALLBACK;
        end = nameEnd + 1;
        selfClosing = true;
      } else if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) {
        end = tagEnd(raw, nameEnd);
        if (end < 0) return FALLBACK;
        selfClosing = raw.charCodeAt(end - 1) === 0x2f;
        attributes = true;
      } else return FALLBACK;
      // Most elements are leaves without attributes: no node object for them, no frame for leaves.
      const node: XmlNode | null = attributes ? {} : null;
      const hasAttributes = node !== null && readAttributes(raw, nameEnd, selfClosing ? end - 1 : end, node);
      if (selfClosing) {
        add(frame, info, hasAttributes ? (node as XmlNode) : '');
        pos = end + 1;
      } else if (info.textElement) {
        // Usually plain text up to `</Name>`; markup inside goes the way fast-xml-parser reads it.
        let close = raw.indexOf('<', end + 1);
        let after = close + 3 + name.length;
        if (
          close < 0 ||
          raw.charCodeAt(close + 1) !== 0x2f ||
          raw.charCodeAt(after - 1) !== 0x3e ||
          !raw.startsWith(name, close + 2)
        ) {
          close = stopNodeEnd(raw, name, end + 1);
          if (close < 0) return FALLBACK;
          after = raw.indexOf('>', close) + 1;
        }
        const content = raw.slice(end + 1, close);
        let value: unknown;
        if (!hasAttributes || node === null) value = content;
        else {
          if (content !== '') node[TEXT] = content;
          value = node;
        }
        add(frame, info, value);
        pos = after;
      } else {
        stack.push(frame);
        frame = { name, info, node: node ?? {}, hasAttributes, hasChildren: false, text: '' };
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
      } else if (textElements.has(key)) {
        node[key] = Array.isArray(value)
          ? value.map((item) => restoreText(item, cut))
          : restoreText(value, cut);
      } else if (typeof value !== 'object' || value === null) {
        // A leaf or an attribute: nothing to expand.
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
 * A text element's value as a stop node gives it (its raw inner XML), from the value the record parser
 * gave the element whose content checkWellFormed replaced by an index: the index alone, or `#text` next
 * to its attributes. Empty content leaves no `#text`, as with a stop node.
 */
function restoreText(value: unknown, cut: readonly string[]): unknown {
  if (typeof value === 'string') return content(value, cut);
  if (typeof value !== 'object' || value === null) return value;
  const node = value as XmlNode;
  const index = node[TEXT];
  if (typeof index !== 'string') return node;
  const raw = content(index, cut);
  if (raw !== '') {
    node[TEXT] = raw;
    return node;
  }
  const attributes: XmlNode = {};
  for (const key in node) if (key !== TEXT) attributes[key] = node[key];
  return attributes;
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

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

/** fast-xml-parser ends a tag name at the first whitespace (or the `>`). */
function isTagNameStop(code: number): boolean {
  return code === 0x3e || code === 0x20 || (code >= 0x09 && code <= 0x0d);
}
