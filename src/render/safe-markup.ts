import Handlebars from 'handlebars';
import { escapeHtml } from './escape-html.ts';

const ALLOWED = /<\/?(?:i|b|sup|sub|u)>/g;

/**
 * The only way raw HTML reaches a template: the parser's allow-listed inline markup (i, b, sup, sub, u,
 * no attributes). Checked again here, defence in depth: anything else in the string means it did not
 * come from the parser as promised, and the whole string is escaped as text instead.
 */
export function allowListedHtml(html: string): Handlebars.SafeString {
  const rest = html.replace(ALLOWED, '');
  if (/[<>]/.test(rest)) return new Handlebars.SafeString(escapeHtml(html));
  return new Handlebars.SafeString(html);
}

/** Markup this stage generated itself from escaped text (charts, citations). */
export function generatedHtml(html: string): Handlebars.SafeString {
  return new Handlebars.SafeString(html);
}
