/** "139-48" -> "139-148" (AMA and APA print page ranges in full). */
export function expandPages(pages: string, dash = '-'): string {
  return splitRanges(pages, dash, (first, last) => {
    if (/^\d+$/.test(first) && /^\d+$/.test(last) && last.length < first.length) {
      return first.slice(0, first.length - last.length) + last;
    }
    return last;
  });
}

/** "139-148" -> "139-48" (Vancouver, as NLM: only the digits that change). */
export function minimalPages(pages: string, dash = '-'): string {
  return splitRanges(pages, dash, (first, last) => {
    // "F62-F73" -> "F62-73": a shared letter prefix is printed once.
    const prefix = /^[A-Za-z]+/.exec(first)?.[0];
    if (prefix && last.startsWith(prefix) && /^\d+$/.test(first.slice(prefix.length))) {
      return minimalPages(`${first.slice(prefix.length)}-${last.slice(prefix.length)}`).split('-')[1] ?? last;
    }
    if (!/^\d+$/.test(first) || !/^\d+$/.test(last)) return last;
    const full = last.length < first.length ? first.slice(0, first.length - last.length) + last : last;
    if (full.length !== first.length) return full;
    let i = 0;
    while (i < full.length - 1 && full[i] === first[i]) i++;
    return full.slice(i);
  });
}

function splitRanges(pages: string, dash: string, end: (first: string, last: string) => string): string {
  return pages
    .split(/\s*,\s*/)
    .map((range) => {
      const match = /^(\S+?)\s*[-\u2013]\s*(\S+)$/.exec(range);
      if (!match) return range;
      const [, first = '', last = ''] = match;
      return `${first}${dash}${end(first, last)}`;
    })
    .join(', ');
}
