import { escapeHtml } from '../render/escape-html.ts';

/**
 * A citation as runs of text, some italic: one source for the plain text and the HTML of the cite box.
 * `verbatim` runs (DOIs, URLs) are kept as they are; every other run gets typographic quotes, as citeproc
 * and the style manuals print them (O’Leary, “Old lamps”).
 */
export type CitationPart = string | { italic: string } | { verbatim: string };

export interface Citation {
  text: string;
  html: string;
}

export function joinParts(parts: CitationPart[]): Citation {
  let text = '';
  let html = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      const run = smartQuotes(part, text);
      text += run;
      html += escapeHtml(run);
    } else if ('verbatim' in part) {
      text += part.verbatim;
      html += escapeHtml(part.verbatim);
    } else if (part.italic !== '') {
      const run = smartQuotes(part.italic, text);
      text += run;
      html += `<i>${escapeHtml(run)}</i>`;
    }
  }
  // One Unicode form (PubMed mixes composed and decomposed accents), so copies compare and search equal.
  return { text: text.normalize('NFC'), html: html.normalize('NFC') };
}

/** Straight quotes -> typographic: an apostrophe or closing quote after a letter, an opening one elsewhere. */
export function smartQuotes(run: string, before = ''): string {
  let out = '';
  for (let i = 0; i < run.length; i++) {
    const char = run[i] as string;
    const previous = i === 0 ? before.slice(-1) : (out.slice(-1) as string);
    const opens = previous === '' || /[\s([{\u2014\u2013-]/.test(previous);
    if (char === "'") out += opens ? '\u2018' : '\u2019';
    else if (char === '"') out += opens ? '\u201c' : '\u201d';
    else out += char;
  }
  return out;
}
