import lunr from 'lunr';

/**
 * Text -> index terms, the same on the build side, in the browser and in `evidence-digest search`: split on
 * anything that is not a letter or digit (lunr's own tokenizer only splits on spaces and hyphens, and its
 * ASCII-only trimmer eats accented letters), fold case and accents, unify British and American spellings,
 * drop lunr's English stop words and one-letter tokens, then lunr's Porter stemmer. Stems are memoised:
 * the stemmer costs microseconds a call and an abstract corpus repeats a small vocabulary millions of times.
 */
const stems = new Map<string, string>();
const WORD = /[\p{L}\p{N}]+/gu;

export function analyseText(text: string): string[] {
  // match() gives the words as strings; matchAll() a match object each, which cost a third of the time.
  const words = foldText(text).match(WORD);
  const terms: string[] = [];
  if (words === null) return terms;
  for (const word of words) {
    const term = analyseWord(word);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/** One already split word -> its term, or null for a stop word or a lone letter. */
export function analyseWord(word: string): string | null {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = computeStem(word);
    if (stems.size < 200_000) stems.set(word, stem);
  }
  return stem === '' ? null : stem;
}

/**
 * Lower case without diacritics (é -> e): what a reader types and what the abstract says must meet. The
 * enantiomers' prefixed names become one word ("(S)-ketamine" -> esketamine): split at the hyphen, the
 * lone "s" would be dropped and S-ketamine would read as plain ketamine.
 */
export function foldText(text: string): string {
  let lower = text.toLowerCase();
  // Only decompose when there is something to strip: normalize() is the slowest step on plain ASCII.
  if (/[\u0080-\uffff]/.test(lower)) lower = lower.normalize('NFKD').replace(/\p{M}+/gu, '');
  return lower.includes('ketamin')
    ? lower.replace(ENANTIOMER, (_, s: string) => (s === 's' ? 'esketamin' : 'arketamin'))
    : lower;
}

const ENANTIOMER = /(?<![\p{L}\p{N}])\(?([sr])\)?[-\s]?ketamin(?=e|a|\b)/gu;

/** A typed prefix (`anaesth*`) in the index's spelling, not stemmed: prefixes match stems' beginnings. */
export function normalisePrefix(prefix: string): string {
  return americanSpelling(foldText(prefix));
}

function computeStem(word: string): string {
  if (word.length < 2 && !/\d/.test(word)) return '';
  const spelled = americanSpelling(word);
  const token = new lunr.Token(spelled, {});
  if (lunr.stopWordFilter(token) === undefined) return '';
  return lunr.stemmer(token).toString();
}

/** randomised -> randomized, behaviour -> behavior, anaesthesia -> anesthesia, paediatric -> pediatric. */
function americanSpelling(word: string): string {
  return word
    .replace(/(?<=\w{3})is(e|ed|es|ing|ation|ations)$/, 'iz$1')
    .replace(/iour/, 'ior')
    .replace(/^(an|h)aem/, '$1em')
    .replace(/^anaes/, 'anes')
    .replace(/^paed/, 'ped')
    .replace(/^oesoph/, 'esoph')
    .replace(/^oestr/, 'estr');
}
