const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};

/** Escapes text for HTML text and quoted attribute values (the same set as handlebars' own escaping). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (char) => ESCAPES[char] ?? char);
}
