/** Precision, recall and F1 of one tag, or of a whole family (micro-averaged). */
export interface TagScore {
  tag: string;
  tp: number;
  fp: number;
  fn: number;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface MultiLabelScore {
  perTag: TagScore[];
  micro: TagScore;
}

export interface SingleLabelScore {
  perTag: TagScore[];
  accuracy: number;
  macroF1: number;
  /** F1 of each class weighted by its support, as the BERT figures in PRODUCT.md section 6 are. */
  weightedF1: number;
  /** gold -> predicted -> count */
  confusion: Map<string, Map<string, number>>;
}

export function tagScore(tag: string, tp: number, fp: number, fn: number): TagScore {
  // With nothing to find and nothing found, a tag is perfectly right, not undefined.
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tag, tp, fp, fn, support: tp + fn, precision, recall, f1 };
}

/** Per-tag and micro-averaged scores of a multi-label family over paired gold and predicted sets. */
export function scoreMultiLabel(pairs: Array<{ gold: string[]; predicted: string[] }>): MultiLabelScore {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (tag: string, key: 'tp' | 'fp' | 'fn') => {
    const entry = counts.get(tag) ?? { tp: 0, fp: 0, fn: 0 };
    entry[key]++;
    counts.set(tag, entry);
  };
  for (const { gold, predicted } of pairs) {
    for (const tag of new Set(predicted)) bump(tag, gold.includes(tag) ? 'tp' : 'fp');
    for (const tag of new Set(gold)) if (!predicted.includes(tag)) bump(tag, 'fn');
  }
  const perTag = [...counts.entries()]
    .map(([tag, c]) => tagScore(tag, c.tp, c.fp, c.fn))
    .sort((a, b) => b.support - a.support || a.tag.localeCompare(b.tag));
  const sum = (key: 'tp' | 'fp' | 'fn') => perTag.reduce((total, score) => total + score[key], 0);
  return { perTag, micro: tagScore('micro', sum('tp'), sum('fp'), sum('fn')) };
}

/** Per-class scores, accuracy, macro and weighted F1 and the confusion matrix of a one-of family. */
export function scoreSingleLabel(pairs: Array<{ gold: string; predicted: string }>): SingleLabelScore {
  const confusion = new Map<string, Map<string, number>>();
  for (const { gold, predicted } of pairs) {
    const row = confusion.get(gold) ?? new Map<string, number>();
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
    confusion.set(gold, row);
  }
  const classes = new Set(pairs.flatMap(({ gold, predicted }) => [gold, predicted]));
  const perTag = [...classes]
    .map((tag) => {
      const tp = pairs.filter((pair) => pair.gold === tag && pair.predicted === tag).length;
      const fp = pairs.filter((pair) => pair.gold !== tag && pair.predicted === tag).length;
      const fn = pairs.filter((pair) => pair.gold === tag && pair.predicted !== tag).length;
      return tagScore(tag, tp, fp, fn);
    })
    .sort((a, b) => b.support - a.support || a.tag.localeCompare(b.tag));
  const total = pairs.length;
  const correct = pairs.filter((pair) => pair.gold === pair.predicted).length;
  const supported = perTag.filter((score) => score.support > 0);
  return {
    perTag,
    accuracy: total === 0 ? 1 : correct / total,
    macroF1: supported.reduce((sum, score) => sum + score.f1, 0) / Math.max(1, supported.length),
    weightedF1: supported.reduce((sum, score) => sum + score.f1 * score.support, 0) / Math.max(1, total),
    confusion,
  };
}
