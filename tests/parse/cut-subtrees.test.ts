/**
 * checkWellFormed cuts the content of subtrees and of the frame's text elements out of a record before the
 * record parser runs, or hands subtrees to read-subtree.ts's reader while it walks: the text the parser
 * gets, the contents cut out, and the faults reported (the same, at the same offsets, every way).
 */
import { describe, expect, it } from 'vitest';
import { checkWellFormed } from '../../src/parse/check-well-formed.ts';
import { createSubtreeReader } from '../../src/parse/read-subtree.ts';
import {
  CUT_ELEMENT_SET as CUT_SET,
  createTextParser,
  REPEATABLE,
  SUBTREE_ELEMENT_SET as SUBTREE_SET,
  TEXT_ELEMENT_SET as TEXT_SET,
} from '../../src/parse/record-parser-options.ts';

const textParser = createTextParser();
const reader = createSubtreeReader(SUBTREE_SET, TEXT_SET, REPEATABLE, () => textParser);

describe('cutting subtrees out before the parser', () => {
  const cutOf = (xml: string) => checkWellFormed(xml, TEXT_SET, SUBTREE_SET);

  it('replaces the content of each outermost subtree by its index, compacted like the rest', () => {
    expect(
      cutOf(
        '<R>\n  <AuthorList CompleteYN="Y">\n    <Author>\n      <LastName> A  B </LastName>\n    </Author>\n  </AuthorList>\n  <KeywordList/>\n  <History><History><X/></History></History>\n  <KeywordList></KeywordList>\n</R>',
      ),
    ).toEqual({
      fault: null,
      text: '<R><AuthorList CompleteYN="Y">0</AuthorList><KeywordList/><History>1</History><KeywordList>2</KeywordList></R>',
      cut: ['<Author><LastName> A  B </LastName></Author>', '<History><X/></History>', ''],
    });
  });

  it('leaves subtrees inside text elements alone (they are text there), and `<AuthorList/x>` too', () => {
    expect(
      cutOf('<R><ArticleTitle>a <AuthorList> b </AuthorList></ArticleTitle><AuthorList/x>c</AuthorList></R>'),
    ).toEqual({
      fault: null,
      text: '<R><ArticleTitle>a <AuthorList> b </AuthorList></ArticleTitle><AuthorList/x>c</AuthorList></R>',
      cut: [],
    });
  });

  it('cuts text elements of the frame whole, raw, and only the outermost; not inside subtrees', () => {
    expect(
      checkWellFormed(
        '<R>\n <ArticleTitle A="1"> a <i>b</i>\n <ArticleTitle>c</ArticleTitle> </ArticleTitle>\n <Language/>\n <Language></Language><ArticleTitle/x>t</ArticleTitle><AuthorList> <Author> <LastName> L </LastName> </Author> </AuthorList>\n</R>',
        TEXT_SET,
        CUT_SET,
      ),
    ).toEqual({
      fault: null,
      text: '<R><ArticleTitle A="1">0</ArticleTitle><Language/><Language>1</Language><ArticleTitle/x>t</ArticleTitle><AuthorList>2</AuthorList></R>',
      cut: [' a <i>b</i>\n <ArticleTitle>c</ArticleTitle> ', '', '<Author><LastName> L </LastName></Author>'],
    });
  });

  it('reports the same faults when subtrees are read during the check, at the same offsets', () => {
    let given = 0;
    const read = (xml: string, from: number) => {
      const content = reader.read(xml, from);
      if (content === null) given++;
      return content;
    };
    const faulty = [
      '<R><AuthorList><Author></ Author></AuthorList></R>',
      '<R><AuthorList><Author></Author ></ AuthorList></R>',
      '<R><AuthorList><Author><LastName>a<i>b</LastName></Author></AuthorList></R>',
      '<R><AuthorList><Author><LastName>a<i>b</ i></LastName></Author></AuthorList></R>',
      '<R><AuthorList><Author><LastName>a</ LastName></Author></AuthorList></R>',
      '<R><AuthorList><Author\u00a0x/></AuthorList></R>',
      '<R><AuthorList><Author><!-- x</AuthorList></R>',
      '<R><AuthorList><Author><LastName><![CDATA[x</LastName></Author></AuthorList></R>',
      '<R><AuthorList>a < b</AuthorList></R>',
      '<R><AuthorList><Author a="1></AuthorList></R>',
      '<R><AuthorList><Author><LastName>a<i x="1>b</LastName></Author></AuthorList></R>',
      '<R><AuthorList><Author></Author></AuthorList>',
      '<R><AuthorList><Author></Author>',
      '<R><AuthorList><Author></Author></AuthorListX></R>',
      '<R><Abstract><AbstractText>x<sup>2</AbstractText></Abstract></R>',
      '<R><Abstract><AbstractText>x<sup>2</sup></AbstractText></Abstract></R> x',
    ];
    for (const xml of faulty) {
      expect(checkWellFormed(xml, TEXT_SET).fault, xml).not.toBeNull();
      expect(checkWellFormed(xml, TEXT_SET, CUT_SET, read), xml).toEqual(checkWellFormed(xml, TEXT_SET));
    }
    expect(given).toBeGreaterThan(10);
  });

  it('reports the same faults as without cutting, at the same offsets', () => {
    for (const xml of [
      '<R><ArticleTitle>a <i>b</ArticleTitle></R>',
      '<R><ArticleTitle>a</ArticleTitle></R> x',
      '<R><AuthorList><Author></AuthorList></R>',
      '<R><AuthorList><Author/></AuthorList>',
      '<R><AuthorList><Author/></R></AuthorList>',
      '<R><History><Year>1</Year></History></R> x',
    ]) {
      expect(cutOf(xml).fault).not.toBeNull();
      expect(cutOf(xml)).toEqual(checkWellFormed(xml, TEXT_SET));
      expect(checkWellFormed(xml, TEXT_SET, CUT_SET)).toEqual(checkWellFormed(xml, TEXT_SET));
    }
  });
});
