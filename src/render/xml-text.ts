const char = (code: number) => String.fromCharCode(code);
/**
 * Characters XML 1.0 forbids even escaped: C0 controls but tab, LF and CR; lone surrogates; U+FFFE/F.
 * Built from code points, since a regex literal of control characters reads as a mistake.
 */
const FORBIDDEN = new RegExp(
  `[${char(0)}-${char(8)}${char(11)}${char(12)}${char(14)}-${char(31)}\\ufffe\\uffff]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]`,
  'g',
);

export function xmlSafe(text: string): string {
  return text.replace(FORBIDDEN, '');
}

export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
