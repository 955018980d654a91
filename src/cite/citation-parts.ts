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
  // Most runs hold no quote at all: return them as they are rather than copying them.
  if (!run.includes("'") && !run.includes('"')) return run;
  return run.replace(/['"]/g, (quote: string, at: number) => {
    // The character before in the input decides as well as the one before in the output would: they differ
    // only where that one is a quote, and straight and typographic quotes alike are not opening context.
    const previous = at === 0 ? before.slice(-1) : (run[at - 1] as string);
    const opens = previous === '' || OPENING_CONTEXT.test(previous);
    if (quote === "'") return opens ? '\u2018' : '\u2019';
    return opens ? '\u201c' : '\u201d';
  });
}

/** After these (or at the start) a quote opens. */
const OPENING_CONTEXT = /[\s([{\u2014\u2013-]/;
