/**
 * The subtrees checkWellFormed cuts out of a record or hands over while it walks it (AuthorList,
 * MeshHeadingList, History ...) are built by read-subtree.ts into exactly the tree fast-xml-parser builds
 * in place, and the frame's text elements are put back as its stop nodes give them. Checked against
 * fast-xml-parser itself (with the text elements as stop nodes, nothing cut out): on every record of
 * every fixture, on hand-written edge cases, and on thousands of seeded random edits of real lists.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWellFormed } from '../../src/parse/check-well-formed.ts';
import type { Cut } from '../../src/parse/put-back-cuts.ts';
import { createSubtreeReader } from '../../src/parse/read-subtree.ts';
import {
  CUT_ELEMENT_SET as CUT_SET,
  createRecordParser,
  createTextParser,
  REPEATABLE,
  SUBTREE_ELEMENTS,
  SUBTREE_ELEMENT_SET as SUBTREE_SET,
  TEXT_ELEMENT_SET as TEXT_SET,
} from '../../src/parse/record-parser-options.ts';
import { reduceRecord } from '../../src/parse/reduce-record.ts';
import { initialSlicerState, sliceRecords } from '../../src/parse/slice-records.ts';
import { PUBMED_FIXTURES } from '../fixtures-path.ts';
import { readFixture } from './record-builders.ts';

const textParser = createTextParser();
const recordParser = createRecordParser();
let fallbacks = 0;
const reader = createSubtreeReader(SUBTREE_SET, TEXT_SET, REPEATABLE, () => {
  fallbacks++;
  return textParser;
});

let reads = 0;
let readsGivenUp = 0;
const countingRead = (xml: string, from: number) => {
  const read = reader.read(xml, from);
  if (read === null) readsGivenUp++;
  else reads++;
  return read;
};

/**
 * The tree three ways, from a record as parseRecordXml prepares it (reduced, checked, compacted): in
 * place by fast-xml-parser (text elements as stop nodes); with subtrees and text elements cut out as
 * text, the rest parsed without stop nodes, the subtrees built afterwards, the text put back (`built`);
 * and with the subtrees read while the record is checked (`read`). parseRecordXml reads them during the
 * check unless the record holds a carriage return: `read` is what it does. The check reports the same
 * fault every way.
 */
function bothTrees(xml: string): { inPlace: unknown; built: unknown; read: unknown } | null {
  const reduced = reduceRecord(xml).text;
  const checked = checkWellFormed(reduced, TEXT_SET);
  const withCuts = checkWellFormed(reduced, TEXT_SET, CUT_SET);
  const withReads = reduced.includes('\r')
    ? withCuts
    : checkWellFormed(reduced, TEXT_SET, CUT_SET, countingRead);
  expect(withCuts.fault).toEqual(checked.fault);
  expect(withReads.fault).toEqual(checked.fault);
  if (checked.fault !== null || withCuts.fault !== null || withReads.fault !== null) return null;
  expect(withReads.text).toBe(withCuts.text);
  const outcome = (parse: () => unknown) => {
    try {
      return parse();
    } catch (error) {
      return { threw: error instanceof Error ? error.message : String(error) };
    }
  };
  const built = (cuts: { text: string; cut: Cut[] }) =>
    outcome(() => {
      const tree = recordParser.parse(cuts.text);
      reader.expandAll(tree, cuts.cut);
      return tree;
    });
  return {
    inPlace: outcome(() => textParser.parse(checked.text)),
    built: built(withCuts),
    read: built(withReads),
  };
}

const FILES = [
  ...readdirSync(PUBMED_FIXTURES).filter((name) => /\.xml(\.gz)?$/.test(name)),
  ...readdirSync(join(PUBMED_FIXTURES, 'single')).map((name) => `single/${name}`),
];

function fixtureRecordXml(): string[] {
  return FILES.flatMap((name) => {
    const bytes = readFixture(name);
    return sliceRecords(bytes, initialSlicerState(), true).slices.map((slice) =>
      bytes.toString('utf8', slice.start, slice.end),
    );
  });
}

/** A list element in a minimal article, as a record parser sees it. */
const article = (inside: string, pubmedData = '') =>
  `<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">1</PMID><Article><ArticleTitle>T</ArticleTitle>${inside}</Article></MedlineCitation><PubmedData>${pubmedData}</PubmedData></PubmedArticle>`;

describe('subtrees read by our own scan', () => {
  it('give the same tree as fast-xml-parser on every record of every fixture, without falling back', () => {
    const records = fixtureRecordXml();
    expect(records.length).toBeGreaterThan(900);
    fallbacks = 0;
    reads = 0;
    readsGivenUp = 0;
    for (const xml of records) {
      const trees = bothTrees(xml);
      expect(trees).not.toBeNull();
      expect(trees?.built).toEqual(trees?.inPlace);
      expect(trees?.read).toEqual(trees?.inPlace);
    }
    expect(fallbacks).toBe(0);
    // Every subtree of every fixture record is read during the check.
    expect(reads).toBeGreaterThan(8000);
    expect(readsGivenUp).toBe(0);
  });

  const cases: [string, string][] = [
    ['empty list', article('<AuthorList></AuthorList>')],
    ['self-closing list with attributes', article('<AuthorList CompleteYN="N"/>')],
    [
      'list with attributes and no content',
      article('<AuthorList CompleteYN="N" Type="authors"></AuthorList>'),
    ],
    [
      'attributes: spacing, single quotes, `>` and `/` in values, a value-less name, duplicates',
      article(
        `<AuthorList  CompleteYN = ' Y ' x Type="a>b/"><Author ValidYN="Y" ValidYN="N" EqualContrib='Y'><LastName>A</LastName></Author></AuthorList>`,
      ),
    ],
    [
      'attributes read directly, then a tag the direct read leaves to the pattern part-way through',
      article(
        `<AuthorList CompleteYN="Y"><Author ValidYN="Y"\tEqualContrib="N" x = "1" y><LastName>A</LastName></Author><Author ValidYN="Y"\u00a0EqualContrib="Y"/><Author a="1"b="2"><Identifier Source="ORCID" >1</Identifier></Author></AuthorList>`,
      ),
    ],
    [
      'entities stay raw in the tree (decoded once, when read)',
      article(
        '<AuthorList><Author><LastName>M&amp;#x41;ller &#233;</LastName><Identifier Source="OR&amp;CID">0000</Identifier></Author></AuthorList>',
      ),
    ],
    [
      'mixed content in a text element inside a list, with a nested element of the same name',
      article(
        '<KeywordList><Keyword>a <i>b</i> <Keyword>c</Keyword> <sup a="</Keyword>">2</sup> d</Keyword><Keyword/><Keyword MajorTopicYN="N"/><Keyword MajorTopicYN="Y"></Keyword></KeywordList>',
      ),
    ],
    [
      'repeated non-repeatable children become an array; repeatable ones always are',
      article(
        '<AuthorList><Author><LastName>A</LastName><LastName>B</LastName><AffiliationInfo><Affiliation>x</Affiliation></AffiliationInfo></Author></AuthorList>',
      ),
    ],
    [
      'leaf text outside text elements is trimmed; empty leaves are empty strings',
      '<PubmedArticle><MedlineCitation><PMID>1</PMID><CommentsCorrectionsList><CommentsCorrections RefType="ErratumIn"><RefSource>S</RefSource><Note>  a note  </Note><Empty></Empty><Attr a="1"> t </Attr></CommentsCorrections></CommentsCorrectionsList></MedlineCitation></PubmedArticle>',
    ],
    [
      'text beside child elements (falls back to fast-xml-parser)',
      article('<AuthorList>stray<Author><LastName>A</LastName>more</Author>text</AuthorList>'),
    ],
    [
      'comments, CDATA and processing instructions (fall back)',
      article(
        '<AuthorList><!-- </AuthorList> --><Author><LastName><![CDATA[x]]></LastName><?pi?></Author></AuthorList>',
      ),
    ],
    [
      'names fast-xml-parser treats specially (fall back)',
      article('<AuthorList><toString>x</toString><Author><hasOwnProperty/></Author></AuthorList>'),
    ],
    [
      'a prototype-polluting name (fast-xml-parser refuses it)',
      article('<AuthorList><__proto__/></AuthorList>'),
    ],
    ['a list inside a list', article('<AuthorList><AuthorList><Author/></AuthorList></AuthorList>')],
    [
      'an element named like its parent (falls back)',
      article(
        '<AuthorList><Author><Author><LastName>x</LastName></Author><Suffix>s</Suffix></Author></AuthorList>',
      ),
    ],
    [
      'lists nested in lists, in a book and in PubmedData',
      `<PubmedBookArticle><BookDocument><PMID>1</PMID><Book><AuthorList Type="editors"><Author><LastName>E</LastName></Author></AuthorList><BookTitle>B</BookTitle></Book><ArticleIdList><ArticleId IdType="bookaccession">NBK1</ArticleId></ArticleIdList><KeywordList><Keyword>k</Keyword></KeywordList></BookDocument><PubmedBookData><History><PubMedPubDate PubStatus="pubmed"><Year>2020</Year></PubMedPubDate></History><ArticleIdList><ArticleId IdType="pubmed">1</ArticleId></ArticleIdList></PubmedBookData></PubmedBookArticle>`,
    ],
    [
      'CRLF line ends and tabs inside tags',
      article(
        '<AuthorList\tCompleteYN="Y"\r\n><Author\r\nValidYN="Y"><LastName>A\r\nB</LastName></Author>\r\n</AuthorList>',
      ),
    ],
    [
      'text elements of the frame: attributes with content, with empty content, self-closing, repeated',
      `<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="2">1</PMID><Article><ArticleTitle Lang="x"></ArticleTitle><VernacularTitle/><ELocationID EIdType="doi" ValidYN="Y">10.1/a</ELocationID><ELocationID EIdType="pii"/><ELocationID EIdType="x" ValidYN="N"></ELocationID><Language>eng</Language><Language></Language></Article><OtherID Source="NLM">PMC1</OtherID></MedlineCitation><PubmedData><PublicationStatus>epublish</PublicationStatus></PubmedData></PubmedArticle>`,
    ],
    [
      'text elements of the frame: markup, a nested element of the same name, comments, CDATA, CRLF and tabs',
      `<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle\tLang="x"\r\n>a <i>b</i>\r\n<ArticleTitle>c</ArticleTitle><!-- </ArticleTitle> --><![CDATA[</ArticleTitle>]]> <sup a="</ArticleTitle>">2</sup> <constructor>d</constructor></ArticleTitle ><VernacularTitle>  v  </VernacularTitle></Article></MedlineCitation></PubmedArticle>`,
    ],
    [
      'text elements inside other frame elements, in a book, and inside a text element',
      `<PubmedBookArticle><BookDocument><PMID>1</PMID><Book><Publisher><PublisherName>P &amp; Q</PublisherName><PublisherLocation>L</PublisherLocation></Publisher><BookTitle book="b">B <i>t</i></BookTitle><Unknown><Title>x<Title>y</Title></Title></Unknown></Book><ArticleTitle>A <Title>z</Title></ArticleTitle></BookDocument></PubmedBookArticle>`,
    ],
    [
      'markup in text elements of a subtree: nested, MathML, spaced end tags, an element named like it',
      article(
        '<Abstract><AbstractText Label="A">x <sup>2</sup> <i>y<b>z</b></i> <mml:math><mml:mi>q</mml:mi></mml:math> <AbstractText>n</AbstractText> </AbstractText ><AbstractText>t <sub a="1>2">i</sub></AbstractText></Abstract><AuthorList><Author><LastName>a</LastName ><ForeName>f<i/></ForeName></Author ></AuthorList>',
      ),
    ],
    [
      'non-ASCII in names and text',
      article(
        '<AuthorList><Author><LastName>Åström</LastName><Forë>x</Forë><Suffix>a<ë y="1">b</ë></Suffix></Author></AuthorList>',
      ),
    ],
  ];
  for (const [name, xml] of cases) {
    it(`give the same tree as fast-xml-parser: ${name}`, () => {
      const trees = bothTrees(xml);
      expect(trees).not.toBeNull();
      expect(trees?.built).toEqual(trees?.inPlace);
      expect(trees?.read).toEqual(trees?.inPlace);
    });
  }

  it('read during the check what they read after it: `<LastName/y>` inside a LastName', () => {
    // One element for XML and checkWellFormed, another (`LastName/y`) for fast-xml-parser, whose stop
    // node would end at the first `</LastName>`: cutting the list out follows XML, and so must reading it.
    const trees = bothTrees(
      article('<AuthorList><Author><LastName>a<LastName/y>b</LastName>c</LastName></Author></AuthorList>'),
    );
    expect(trees).not.toBeNull();
    expect(trees?.read).toEqual(trees?.built);
  });

  it('give the same tree (or the same error) on 4,000 random edits of real lists', () => {
    const lists = fixtureRecordXml()
      .slice(0, 80)
      .flatMap((xml) => [
        ...xml.matchAll(new RegExp(`<(${SUBTREE_ELEMENTS.join('|')})[\\s>][\\s\\S]*?</\\1>`, 'g')),
      ])
      .map((match) => match[0]);
    expect(lists.length).toBeGreaterThan(100);
    // A seeded generator: the same edits on every run.
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = [
      '<',
      '>',
      '/',
      '"',
      "'",
      '=',
      ' ',
      '\n',
      '&amp;',
      '<i>',
      '</i>',
      'x',
      '<!---->',
      '<Author>',
      '</Author>',
      '<Note>n</Note>',
      '\u00a0',
      'a="1"',
    ];
    let compared = 0;
    reads = 0;
    readsGivenUp = 0;
    for (let i = 0; i < 4000; i++) {
      const list = lists[random(lists.length)] ?? '';
      let edited = list;
      for (let edits = 1 + random(3); edits > 0; edits--) {
        const at = random(edited.length);
        const cut = random(3);
        edited = edited.slice(0, at) + (pieces[random(pieces.length)] ?? '') + edited.slice(at + cut);
      }
      const trees = bothTrees(article(edited));
      if (trees === null) continue;
      compared++;
      expect(trees.built, edited).toEqual(trees.inPlace);
      expect(trees.read, edited).toEqual(trees.inPlace);
    }
    // Most edits break the record (reported as malformed before any parser runs); enough stay well-formed.
    expect(compared).toBeGreaterThan(500);
    // Edited lists are read during the check, or given up on and cut out as text, both many times.
    expect(reads).toBeGreaterThan(500);
    expect(readsGivenUp).toBeGreaterThan(500);
  });
});
