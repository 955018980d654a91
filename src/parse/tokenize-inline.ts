import { decodeEntities } from './decode-entities.ts';
import { ALLOWED_INLINE, InlineMarkupError, type InlineTag, type InlineToken } from './inline-token.ts';
import { readMarkup } from './read-markup.ts';
import { reduceMathml } from './reduce-mathml.ts';

type Open = { kind: 'allowed'; name: InlineTag } | { kind: 'transparent' | 'escaped'; name: string };

/** Elements PubMed nests in AbstractText around MathML; they add nothing to display. */
const TRANSPARENT = new Set(['DispFormula']);

/**
 * Tokenizes the raw inner XML of a mixed-content element (ArticleTitle, AbstractText ...) in document
 * order, so no text after an inline tag is lost or moved. Allow-listed tags without attributes stay tags;
 * MathML is reduced to text with sup/sub; every other element, and an allow-listed one carrying
 * attributes (`<i onclick=...>`), is kept as its own source text so it shows, escaped, instead of acting.
 * Throws InlineMarkupError when tags do not balance.
 */
export function tokenizeInline(raw: string): InlineToken[] {
  const tokens: InlineToken[] = [];
  const stack: Open[] = [];
  let at = 0;
  while (at < raw.length) {
    const lt = raw.indexOf('<', at);
    const textEnd = lt < 0 ? raw.length : lt;
    if (textEnd > at) tokens.push({ text: decodeEntities(raw.slice(at, textEnd)) });
    if (lt < 0) break;
    const markup = readMarkup(raw, lt);
    at = markup.end;
    if (markup.kind === 'skip') continue;
    if (markup.kind === 'cdata') {
      tokens.push({ text: markup.text });
      continue;
    }
    if (markup.kind === 'end') {
      const open = stack.pop();
      if (open === undefined || open.name !== markup.name) {
        throw new InlineMarkupError(
          `end tag </${markup.name}> does not match ${open ? `<${open.name}>` : 'any open tag'}`,
          lt,
        );
      }
      if (open.kind === 'allowed') tokens.push({ close: open.name });
      else if (open.kind === 'escaped') tokens.push({ text: raw.slice(lt, markup.end) });
      continue;
    }
    const local = markup.name.slice(markup.name.indexOf(':') + 1);
    if (local === 'math') {
      if (markup.selfClosing) continue;
      const endTag = `</${markup.name}>`;
      const close = raw.indexOf(endTag, at);
      if (close < 0) throw new InlineMarkupError(`<${markup.name}> is not closed`, lt);
      for (const token of reduceMathml(raw.slice(at, close))) tokens.push(token);
      at = close + endTag.length;
    } else if (ALLOWED_INLINE.has(markup.name) && !markup.hasAttributes) {
      const name = markup.name as InlineTag;
      tokens.push({ open: name });
      if (markup.selfClosing) tokens.push({ close: name });
      else stack.push({ kind: 'allowed', name });
    } else if (TRANSPARENT.has(markup.name)) {
      if (!markup.selfClosing) stack.push({ kind: 'transparent', name: markup.name });
    } else {
      tokens.push({ text: decodeEntities(raw.slice(lt, markup.end)) });
      if (!markup.selfClosing) stack.push({ kind: 'escaped', name: markup.name });
    }
  }
  const unclosed = stack.pop();
  if (unclosed !== undefined) throw new InlineMarkupError(`<${unclosed.name}> is not closed`, raw.length);
  return tokens;
}
