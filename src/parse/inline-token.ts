/** The allow-list: the only elements that survive into `html` fields (PubMed's %text markup). */
export const ALLOWED_INLINE = new Set(['i', 'b', 'sup', 'sub', 'u']);

export type InlineTag = 'i' | 'b' | 'sup' | 'sub' | 'u';

/**
 * Mixed content after tokenizing: text (already decoded, never markup) and the allow-listed tags. Anything
 * else from the XML has become text by then, so rendering cannot emit a tag that is not on the list.
 */
export type InlineToken = { text: string } | { open: InlineTag } | { close: InlineTag };

/** A fault in inline markup (unbalanced tags): the record is malformed. `at` is the offset in the input. */
export class InlineMarkupError extends Error {
  readonly at: number;
  constructor(message: string, at: number) {
    super(message);
    this.name = 'InlineMarkupError';
    this.at = at;
  }
}
