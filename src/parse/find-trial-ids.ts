import type { TrialId } from '../records.ts';
import { children, childText, text, type XmlNode } from './xml-node.ts';

/** DataBankName values that are trial registries (PDB, GEO, Dryad ... are data banks, not trials). */
const TRIAL_REGISTRIES = new Set(
  [
    'ANZCTR',
    'ChiCTR',
    'ClinicalTrials.gov',
    'CRiS',
    'CTRI',
    'DRKS',
    'EudraCT',
    'IRCT',
    'ISRCTN',
    'JapicCTI',
    'JMACCT-CTR',
    'JPRN',
    'NTR',
    'PACTR',
    'ReBec',
    'RPCEC',
    'SLCTR',
    'TCTR',
    'UMIN CTR',
  ].map((name) => name.toLowerCase()),
);

/**
 * Registration ids as abstracts state them. Rules as data: `normalize` turns a match into the id the
 * registry uses (no inner spaces, upper-case prefix).
 */
const ABSTRACT_PATTERNS: { pattern: RegExp; normalize: (match: RegExpExecArray) => string }[] = [
  { pattern: /\bNCT\s?(\d{8})\b/gi, normalize: (m) => `NCT${m[1]}` },
  { pattern: /\bISRCTN\s?(\d{8})\b/gi, normalize: (m) => `ISRCTN${m[1]}` },
  { pattern: /\bACTRN\s?(\d{14})\b/gi, normalize: (m) => `ACTRN${m[1]}` },
  // Old ids carry a study-type infix (ChiCTR-IOR-17013175), new ones are digits (ChiCTR1800018230).
  {
    pattern: /\bChiCTR[-\s]?((?:[A-Z]{2,4}-)?\d{8,10})\b/g,
    normalize: (m) => (/^[A-Z]/.test(m[1] ?? '') ? `ChiCTR-${m[1]}` : `ChiCTR${m[1]}`),
  },
  { pattern: /\bEudraCT[^0-9]{0,25}(\d{4}-\d{6}-\d{2})\b/gi, normalize: (m) => m[1] ?? '' },
  { pattern: /\bDRKS\s?(\d{8})\b/gi, normalize: (m) => `DRKS${m[1]}` },
  { pattern: /\bCTRI\/(\d{4}\/\d{2,3}\/\d{5,6})\b/gi, normalize: (m) => `CTRI/${m[1]}` },
  { pattern: /\bIRCT(\d{6,}N\d+)\b/gi, normalize: (m) => `IRCT${m[1]}` },
  { pattern: /\bUMIN\s?(\d{9})\b/gi, normalize: (m) => `UMIN${m[1]}` },
  { pattern: /\bjRCT([a-z]?\d{7,10})\b/g, normalize: (m) => `jRCT${m[1]}` },
  { pattern: /\bTCTR(\d{11})\b/gi, normalize: (m) => `TCTR${m[1]}` },
  { pattern: /\bPACTR(\d{15,16})\b/gi, normalize: (m) => `PACTR${m[1]}` },
];

/**
 * Every pattern starts with a word boundary and its registry's literal prefix (NCT, ISRCTN ...). Most
 * abstracts name no registry at all: one pass looking for any prefix at a word boundary spares them a
 * pass per pattern. The boundary matters: without it "function", "albumin" and "electric" (nct, umin,
 * ctri) sent a fifth of the fixtures' abstracts through all twelve patterns.
 */
const ANY_PREFIX = new RegExp(
  `\\b(?:${ABSTRACT_PATTERNS.map(({ pattern }) => {
    const prefix = /^\\b([A-Za-z]+)/.exec(pattern.source)?.[1];
    if (prefix === undefined) throw new Error(`trial id pattern ${pattern} does not start with a prefix`);
    return prefix;
  }).join('|')})`,
  'i',
);

/**
 * Trial registrations from DataBankList (registry as NLM names it) and ids stated in the abstract
 * (registry `abstract`) that the DataBankList does not already hold.
 */
export function findTrialIds(dataBankLists: XmlNode[], abstractText: string): TrialId[] {
  const found: TrialId[] = [];
  const seen = new Set<string>();
  for (const list of dataBankLists) {
    for (const bank of children(list, 'DataBank')) {
      const registry = childText(bank, 'DataBankName');
      if (registry === null || !TRIAL_REGISTRIES.has(registry.toLowerCase())) continue;
      for (const numbers of children(bank, 'AccessionNumberList')) {
        for (const accession of children(numbers, 'AccessionNumber')) {
          addTrialId(found, seen, registry, text(accession) ?? '');
        }
      }
    }
  }
  if (!ANY_PREFIX.test(abstractText)) return found;
  for (const { pattern, normalize } of ABSTRACT_PATTERNS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(abstractText); match !== null; match = pattern.exec(abstractText)) {
      addTrialId(found, seen, 'abstract', normalize(match));
    }
  }
  return found;
}

/** Not a closure in findTrialIds: tsx would wrap it in a `name`-setting call on every record. */
function addTrialId(found: TrialId[], seen: Set<string>, registry: string, id: string): void {
  const key = id.toUpperCase();
  if (id === '' || seen.has(key)) return;
  seen.add(key);
  found.push({ registry, id });
}
