/**
 * Marks a negative pattern as sentence-scoped: every sentence it matches in is masked as a whole ("further
 * studies are needed to ..." drops the sentence, not just the words). Done with the sentence spans rather
 * than a regex that scans to the surrounding full stops, which costs quadratic time on long abstracts.
 */
const sentenceScoped = new WeakSet<RegExp>();

export function wholeSentence(pattern: RegExp): RegExp {
  sentenceScoped.add(pattern);
  return pattern;
}

export function isWholeSentence(pattern: RegExp): boolean {
  return sentenceScoped.has(pattern);
}
