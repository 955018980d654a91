import type { XMLParser } from 'fast-xml-parser';
import { propertyKey } from './property-key.ts';
import { type Cut, putBackCuts } from './put-back-cuts.ts';
import { isBlank, isSpace, markupEnd, NAME_CHAR, stopNodeEnd, tagEnd } from './tag-ends.ts';
import type { XmlNode } from './xml-node.ts';

/**
 * Builds the tree of a regular, shallow subtree (AuthorList, MeshHeadingList, History ...) in exactly
 * the shape fast-xml-parser gives it in place with RECORD_PARSER_OPTIONS (attributes as `@_Name` with
 * values trimmed and not decoded; a leaf without attributes as its trimmed text, an empty one as '';
 * text elements as their raw inner XML; repeatable elements always arrays, a repeated non-repeatable
 * one an array too). The mapping code cannot tell the two apart; tests compare both trees on every
 * fixture.
 *
 * These lists are a third of a record's elements and regular: fast-xml-parser spends more per element
 * on them (path matcher, attribute regex, ordered tree then object tree) than a direct scan does.
 * Anything the scan is not sure to read exactly as fast-xml-parser would (comments, CDATA, processing
 * instructions, text beside child elements, a name with an unusual character or one that is an
 * Object.prototype property) sends the whole subtree to fast-xml-parser instead.
 *
 * A subtree is read while checkWellFormed walks the record (`read`): the scan then also stands in for
 * checkWellFormed's walk over the subtree, so it reads only markup checkWellFormed would pass and gives
 * up on anything else, and checkWellFormed walks that subtree itself. A subtree it gave up on is cut out
 * as text and read after the record parser ran (`expandAll`), as content checkWellFormed has passed.
 */
export interface SubtreeReader {
  /**
   * The content of the element whose start tag ends just before `from` in `xml` (a whole record holding
   * no carriage return), and `end`, the `<` of that element's end tag; null when the scan gives up.
   */
  read(xml: string, from: number): { value: XmlNode; end: number } | null;
  /**
   * Replaces, in the tree of a parsed record, every subtree element's value by the tree fast-xml-parser
   * would have built in its place, and every text element's by its raw inner XML (what a stop node
   * gives). The parser saw only an index into `cut` as their content: checkWellFormed took the
   * contents out, or the trees `read` made of them.
   */
  expandAll(node: XmlNode, cut: readonly Cut[]): void;
}

const TEXT = '#text';
const ATTRIBUTES = /([^\s=]+)\s*(=\s*(?:"([^"]*)"|'([^']*)'))?/g;

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

  /** Where the last scan of a region stopped: the `<` of the region's own end tag. */
  let regionEnd = -1;

  /**
   * Content (children, text) from `from` as an object, or FALLBACK. Without `region`, `raw` from `from`
   * to its end is a content checkWellFormed cut out (and checked); with it, `raw` is a whole record and
   * the scan stops at the end tag of the element whose content starts at `from` (into `regionEnd`),
   * reading only markup that checkWellFormed passes and giving up on anything else.
   */
  function scan(raw: string, from: number, region: boolean): XmlNode | null {
    if (!region && (raw.indexOf('<!') !== -1 || raw.indexOf('<?') !== -1)) return FALLBACK;
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
    let pos = from;
    const length = raw.length;
    regionEnd = -1;
    while (pos < length) {
      const lt = raw.indexOf('<', pos);
      const textEnd = lt < 0 ? length : lt;
      // Indentation between elements is no text: skipped without cutting it out.
      if (textEnd > pos && !isBlank(raw, pos, textEnd)) frame.text += raw.slice(pos, textEnd).trim();
      if (lt < 0) break;
      if (raw.charCodeAt(lt + 1) === 0x2f /* / */) {
        if (stack.length === 0) {
          if (!region) return FALLBACK;
          regionEnd = lt;
          break;
        }
        // Almost always `</Name>` exactly: compared in place, without cutting the name out.
        let gt = lt + 2 + frame.name.length;
        if (raw.charCodeAt(gt) !== 0x3e || !raw.startsWith(frame.name, lt + 2)) {
          gt = raw.indexOf('>', lt);
          // As checkWellFormed compares end tags (`</ Name>` is a fault there).
          if (gt < 0 || raw.slice(lt + 2, gt).trimEnd() !== frame.name) return FALLBACK;
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
      } else if (isSpace(code)) {
        end = tagEnd(raw, nameEnd);
        if (end < 0) return FALLBACK;
        selfClosing = raw.charCodeAt(end - 1) === 0x2f;
        attributes = true;
      } else return FALLBACK;
      // Most elements are leaves without attributes: no node object for them, no frame for leaves.
      const node: XmlNode | null = attributes ? {} : null;
      const hasAttributes = node !== null && readAttributes(raw, nameEnd, end - (selfClosing ? 1 : 0), node);
      // Self-closing elements are rare in subtrees: their path shares its calls and arithmetic with the
      // text elements', or the first one, met late, makes V8 discard the scan's optimised code.
      let next = end + 1;
      let value: unknown = hasAttributes ? node : '';
      if (selfClosing) {
        // `value` as set above.
      } else if (info.textElement) {
        // Usually plain text up to `</Name>`; markup inside goes the way fast-xml-parser reads it.
        let close = raw.indexOf('<', next);
        next = close + 3 + name.length;
        if (
          close < 0 ||
          raw.charCodeAt(close + 1) !== 0x2f ||
          raw.charCodeAt(next - 1) !== 0x3e ||
          !raw.startsWith(name, close + 2)
        ) {
          close = region ? markupEnd(raw, name, end + 1) : stopNodeEnd(raw, name, end + 1);
          if (close < 0) return FALLBACK;
          next = raw.indexOf('>', close) + 1;
        }
        const content = raw.slice(end + 1, close);
        if (!hasAttributes || node === null) value = content;
        else if (content !== '') node[TEXT] = content;
      } else {
        stack.push(frame);
        frame = { name, info, node: node ?? {}, hasAttributes, hasChildren: false, text: '' };
        pos = next;
        continue;
      }
      add(frame, info, value);
      pos = next;
    }
    if (stack.length > 0 || (region && regionEnd < 0)) return FALLBACK;
    if (root.text !== '') {
      if (root.hasChildren) return FALLBACK;
      root.node[TEXT] = root.text;
    }
    return root.node;
  }

  /** The content object fast-xml-parser makes of `raw` (the scan, or the parser when it gives up). */
  function build(raw: string): XmlNode {
    const scanned = scan(raw, 0, false);
    if (scanned !== FALLBACK) return scanned;
    const wrapped = (fallback().parse(`<SubtreeContent>${raw}</SubtreeContent>`) as XmlNode).SubtreeContent;
    if (typeof wrapped === 'object' && wrapped !== null) return wrapped as XmlNode;
    return typeof wrapped === 'string' && wrapped !== '' ? { [TEXT]: wrapped } : {};
  }

  function read(xml: string, from: number): { value: XmlNode; end: number } | null {
    const value = scan(xml, from, true);
    return value === FALLBACK ? null : { value, end: regionEnd };
  }

  return {
    read,
    expandAll: (node, cut) => putBackCuts(node, cut, subtrees, textElements, build),
  };
}
