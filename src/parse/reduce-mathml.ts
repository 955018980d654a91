import { decodeEntities } from './decode-entities.ts';
import { InlineMarkupError, type InlineToken } from './inline-token.ts';
import { readMarkup } from './read-markup.ts';

interface MathNode {
  name: string;
  children: (MathNode | string)[];
}

/**
 * Reduces MathML (the inside of `<mml:math>`) to readable inline text: scripts become sup/sub, fractions
 * `a/b`, roots `√(x)`, accents combining characters. No MathML element or attribute reaches the output,
 * so nothing in a formula can carry a link or a handler onto the site.
 */
export function reduceMathml(inner: string): InlineToken[] {
  return render({ name: 'math', children: parseTree(inner) });
}

function parseTree(xml: string): (MathNode | string)[] {
  const root: MathNode = { name: '#root', children: [] };
  const stack: MathNode[] = [root];
  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const textEnd = lt < 0 ? xml.length : lt;
    const parent = stack[stack.length - 1] ?? root;
    if (textEnd > at) parent.children.push(decodeEntities(xml.slice(at, textEnd)));
    if (lt < 0) break;
    const markup = readMarkup(xml, lt);
    at = markup.end;
    if (markup.kind === 'cdata') parent.children.push(markup.text);
    else if (markup.kind === 'end') {
      const open = stack.pop();
      if (open === undefined || open === root || open.name !== markup.name) {
        throw new InlineMarkupError(`end tag </${markup.name}> does not match inside MathML`, lt);
      }
    } else if (markup.kind === 'start') {
      const node: MathNode = { name: markup.name, children: [] };
      parent.children.push(node);
      if (!markup.selfClosing) stack.push(node);
    }
  }
  if (stack.length > 1) throw new InlineMarkupError('MathML element is not closed', xml.length);
  return root.children;
}

// Nodes keep their qualified name (`mml:mi`) for matching end tags; rendering looks at the local name.
const local = (name: string) => name.slice(name.indexOf(':') + 1);

const TOKEN_ELEMENTS = new Set(['mi', 'mn', 'mo', 'ms']);
const INVISIBLE = new Set([
  'annotation',
  'annotation-xml',
  'mphantom',
  'none',
  'mprescripts',
  'malignmark',
  'maligngroup',
]);
const ACCENTS: Record<string, string> = {
  '\u00af': '\u0304',
  '\u203e': '\u0304',
  '-': '\u0304',
  '^': '\u0302',
  '\u02c6': '\u0302',
  '~': '\u0303',
  '\u02dc': '\u0303',
  '\u02d9': '\u0307',
  '.': '\u0307',
  '\u2192': '\u20d7',
};

function render(node: MathNode): InlineToken[] {
  const name = local(node.name);
  const elements = node.children.filter((child): child is MathNode => typeof child !== 'string');
  const part = (index: number) => {
    const child = elements[index];
    return child === undefined ? [] : render(child);
  };
  if (TOKEN_ELEMENTS.has(name)) return textOf(collapse(plain(node)).trim());
  if (name === 'mtext') return textOf(collapse(plain(node)));
  if (name === 'mspace') return textOf(' ');
  if (INVISIBLE.has(name)) return [];
  switch (name) {
    case 'msup':
      return [...part(0), ...script('sup', part(1))];
    case 'msub':
      return [...part(0), ...script('sub', part(1))];
    case 'msubsup':
      return [...part(0), ...script('sub', part(1)), ...script('sup', part(2))];
    case 'munder':
      return [...part(0), ...script('sub', part(1))];
    case 'munderover':
      return [...part(0), ...script('sub', part(1)), ...script('sup', part(2))];
    case 'mover':
      return overscript(part(0), part(1));
    case 'mfrac':
      return [...grouped(part(0)), { text: '/' }, ...grouped(part(1))];
    case 'msqrt':
      return [{ text: '\u221a' }, ...grouped(elements.flatMap(render))];
    case 'mroot':
      return [...script('sup', part(1)), { text: '\u221a' }, ...grouped(part(0))];
    case 'mmultiscripts':
      return multiscripts(elements);
    case 'mfenced':
      return [{ text: '(' }, ...join(elements.map(render), ','), { text: ')' }];
    case 'mtable':
      return join(elements.map(render), '; ');
    case 'mtr':
    case 'mlabeledtr':
      return join(elements.map(render), ', ');
    case 'semantics':
    case 'maction':
      return part(0);
    default:
      // math, mrow, mstyle, mpadded, menclose, merror, mtd and anything unknown: children in order;
      // whitespace between elements is only indentation.
      return node.children.flatMap((child) =>
        typeof child === 'string' ? textOf(child.trim() === '' ? '' : collapse(child)) : render(child),
      );
  }
}

function multiscripts(elements: MathNode[]): InlineToken[] {
  const [base, ...rest] = elements;
  const split = rest.findIndex((child) => local(child.name) === 'mprescripts');
  const post = split < 0 ? rest : rest.slice(0, split);
  const pre = split < 0 ? [] : rest.slice(split + 1);
  const pairs = (list: MathNode[]) =>
    list.flatMap((child, index) => script(index % 2 === 0 ? 'sub' : 'sup', render(child)));
  return [...pairs(pre), ...(base ? render(base) : []), ...pairs(post)];
}

function overscript(base: InlineToken[], over: InlineToken[]): InlineToken[] {
  const baseText = tokensText(base);
  const accent = ACCENTS[tokensText(over)];
  if (accent !== undefined && [...baseText].length === 1 && base.every((t) => 'text' in t)) {
    return textOf(baseText + accent);
  }
  return [...base, ...script('sup', over)];
}

function script(tag: 'sup' | 'sub', inner: InlineToken[]): InlineToken[] {
  return tokensText(inner) === '' ? [] : [{ open: tag }, ...inner, { close: tag }];
}

/** Parenthesises a fraction part or radicand unless it is one number or name. */
function grouped(tokens: InlineToken[]): InlineToken[] {
  const text = tokensText(tokens);
  if (/^[\p{L}\p{N}.]*$/u.test(text) || [...text].length === 1) return tokens;
  return [{ text: '(' }, ...tokens, { text: ')' }];
}

function join(parts: InlineToken[][], separator: string): InlineToken[] {
  return parts.flatMap((part, index) => (index === 0 ? part : [{ text: separator }, ...part]));
}

function plain(node: MathNode): string {
  return node.children.map((child) => (typeof child === 'string' ? child : plain(child))).join('');
}

function tokensText(tokens: InlineToken[]): string {
  return tokens.map((token) => ('text' in token ? token.text : '')).join('');
}

const textOf = (text: string): InlineToken[] => (text === '' ? [] : [{ text }]);
const collapse = (text: string) => text.replace(/[ \t\n\r]+/g, ' ');
