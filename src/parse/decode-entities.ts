/**
 * Decodes the five predefined XML entities and numeric character references in one pass, so `&amp;#x41;`
 * becomes the text `&#x41;` and is never decoded a second time. fast-xml-parser runs with entity
 * processing off (it leaves numeric references alone unless HTML entities are on, and its limits trip on
 * big documents); every value the parse stage reads goes through here exactly once.
 */
const ENTITY = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,8})|(amp|lt|gt|quot|apos));/g;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(ENTITY, (_match, decimal: string | undefined, hex: string | undefined, named) => {
    if (named !== undefined) return NAMED[named as string] ?? '';
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
    return isXmlChar(code) ? String.fromCodePoint(code) : '\uFFFD';
  });
}

/** XML 1.0 Char production: a reference to anything else is a well-formedness error, shown as U+FFFD. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
