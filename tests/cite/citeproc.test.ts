import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITATION_STYLES, type CslItem, toCslItem } from '../../src/cite/index.ts';
import { parseRecordXml } from '../../src/parse/index.ts';
import type { StudyRecord } from '../../src/records.ts';
import { type FakeEutils, startFakeEutils } from '../fake-eutils/index.ts';
import { citeproc } from './citeproc.ts';

const hasPandoc = (() => {
  try {
    execFileSync('pandoc', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

/**
 * What the comparison forgives, each a presentation choice of citeproc, not of the style: it localises
 * quotes (outer single -> double, full stop moved inside), and it mixes Unicode forms.
 */
function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00ad\u200b-\u200d\ufeff]/g, '')
    .replace(/[\s\u00a0\u2009\u202f]+/g, ' ')
    .replace(/[\u2018\u2019\u201c\u201d'"]/g, '"')
    .replace(/"([.,])/g, '$1"');
}

/**
 * Known citeproc bugs (pandoc 2.17): its "minimal" page ranges can print an end page below the start
 * ("1-10" -> "1–0", "1-18" -> "1–8"), and with no volume or pages it leaves a dangling ";". Our output is
 * the correct one there; the test accepts exactly those differences.
 */
function citeprocBug(ours: string, theirs: string): boolean {
  const mine = /(\d+)\u2013(\d+)\.$/.exec(ours);
  const range = /(\d+)\u2013(\d+)\.$/.exec(theirs);
  // citeproc drops digits of an end page that is longer than the start page ("1-18" -> "1-8").
  const crossesDigits = mine !== null && (mine[2] as string).length > (mine[1] as string).length;
  if (range && crossesDigits && ours.replace(/\u2013\d+\.$/, '') === theirs.replace(/\u2013\d+\.$/, ''))
    return true;
  return theirs.endsWith(';') && ours === `${theirs.slice(0, -1)}.`;
}

describe.skipIf(!hasPandoc)('AMA, APA and Vancouver match citeproc', () => {
  let fake: FakeEutils;
  let items: CslItem[] = [];
  beforeAll(async () => {
    fake = await startFakeEutils();
    items = fake
      .pmids()
      .map((pmid) => parseRecordXml(fake.recordXml(pmid) as string))
      .filter((record): record is StudyRecord => record.kind === 'article' && record.journal !== null)
      .map(toCslItem);
  });
  afterAll(() => fake.close());

  it.each([
    ['ama', 'american-medical-association'],
    ['apa', 'apa'],
    ['vancouver', 'vancouver'],
  ] as const)('%s on every fixture journal article', (style, csl) => {
    expect(items.length).toBeGreaterThanOrEqual(50);
    const reference = citeproc(items, csl);
    const mismatches: string[] = [];
    for (const item of items) {
      let ours = CITATION_STYLES[style](item).text;
      // vancouver.csl leaves the DOI out; we append it as Citing Medicine allows.
      if (style === 'vancouver') ours = ours.replace(/ doi: \S+$/, '');
      // APA's a/b suffixes disambiguate a whole reference list; one citation has none.
      const theirs = (reference.get(item.id) ?? '').replace(/\((\d{4})[a-z]\)/, '($1)');
      if (normalise(ours) !== normalise(theirs) && !citeprocBug(ours, theirs)) {
        mismatches.push(`${item.id}\n  ours:   ${ours}\n  theirs: ${theirs}`);
      }
    }
    // Two known differences in the fixtures, both in APA given names, where we follow PubMed's initials:
    // "Fabian AJ" (PubMed initials FAJ: we print F. A. J., citeproc F. A.) and the particle in
    // "Heloisa de Andrade" (citeproc keeps "de"). Anything more is listed on failure.
    expect(mismatches.length, mismatches.join('\n')).toBeLessThanOrEqual(2);
  });
});
