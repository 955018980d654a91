/** Numbers as written in abstracts: "1,247", "18", "Twenty-six", "One hundred and fifty". */
const SMALL: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

export function parseCount(text: string): number | null {
  const digits = text.replace(/,/g, '');
  if (/^\d+$/.test(digits)) return Number(digits);
  let total = 0;
  let current = 0;
  for (const word of text.toLowerCase().split(/[\s-]+/)) {
    if (word === 'and' || word === '') continue;
    if (word === 'hundred') {
      current = (current === 0 ? 1 : current) * 100;
      continue;
    }
    if (word === 'thousand') {
      total += (current === 0 ? 1 : current) * 1000;
      current = 0;
      continue;
    }
    const value = SMALL[word];
    if (value === undefined) return null;
    current += value;
  }
  const result = total + current;
  return result > 0 ? result : null;
}
