/**
 * Mixed content (ArticleTitle, AbstractText ...): all text in document order as plain text and as
 * allow-listed HTML; entities decoded exactly once; MathML reduced to readable text.
 */
import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../src/parse/decode-entities.ts';
import { parseRecordXml, renderInline } from '../../src/parse/index.ts';
import { fixtureRecord } from './record-builders.ts';

const mml = (inner: string) => `<mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML">${inner}</mml:math>`;

describe('mixed content', () => {
  it('keeps the text after the first inline tag, in order (the classic bug)', () => {
    expect(renderInline('Levels of <i>TERT</i> gene and Na<sup>+</sup> after <sub>2</sub> end')).toEqual({
      text: 'Levels of TERT gene and Na+ after 2 end',
      html: 'Levels of <i>TERT</i> gene and Na<sup>+</sup> after <sub>2</sub> end',
    });
  });

  it('handles nested and adjacent tags, and <u>&lt;</u> (biopython pubmed5)', () => {
    expect(renderInline('<b><i>A</i></b><u>&lt;</u>5 <i><i>PTEN</i></i> x')).toEqual({
      text: 'A<5 PTEN x',
      html: '<b><i>A</i></b><u>&lt;</u>5 <i><i>PTEN</i></i> x',
    });
    const pubmed5 = fixtureRecord('biopython__pubmed5.xml', '28775130');
    const section = pubmed5.abstract.find((s) => s.html.includes('<u>&lt;</u>'));
    expect(section?.text).toContain('<');
    expect(section?.html).not.toMatch(/<(?!\/?(i|b|sup|sub|u)>)/);
  });

  it('collapses whitespace across tags (pretty-printed, ReCiter 32025781 style) and trims the ends', () => {
    expect(renderInline('<b>\n<i>Propionibacterium acnes</i>\n</b>\n Host  response ')).toEqual({
      text: 'Propionibacterium acnes Host response',
      html: '<b><i>Propionibacterium acnes</i> </b>Host response',
    });
    // This (hand-edited) file also holds U+2009, U+0099, U+202F and U+2008 between words: kept as they are.
    expect(fixtureRecord('ReCiter-PubMed-Retrieval-Tool__32025781.xml', '32025781')).toMatchObject({
      title:
        'Propionibacterium acnes Host Inflammatory\u2009Response During Peripro\u0099sthetic\u202fInfection Is\u2008Joint Specific.',
      titleHtml:
        '<b><i>Propionibacterium acnes</i> </b>Host Inflammatory\u2009Response During Peripro\u0099sthetic\u202fInfection Is\u2008Joint Specific.',
    });
  });

  it('decodes numeric character references exactly once', () => {
    expect(decodeEntities('Ahr&#xe9;n &#233; &amp;#x41; &amp;amp; &lt;&gt;&quot;&apos;')).toBe(
      'Ahrén é &#x41; &amp; <>"\'',
    );
    expect(renderInline('a &amp;#x3c;b&#x3e; &#x1F600;')).toEqual({
      text: 'a &#x3c;b> \u{1F600}',
      html: 'a &amp;#x3c;b&gt; \u{1F600}',
    });
    // References to characters XML forbids become U+FFFD; unknown named entities stay as text.
    expect(decodeEntities('&#0; &#xD800; &#x110000; &nbsp;')).toBe('\uFFFD \uFFFD \uFFFD &nbsp;');
  });

  it('keeps CDATA as text and drops comments and processing instructions', () => {
    expect(renderInline('a <![CDATA[<b>x</b> & y]]> b<!-- note --> c<?pi x?>')).toEqual({
      text: 'a <b>x</b> & y b c',
      html: 'a &lt;b&gt;x&lt;/b&gt; &amp; y b c',
    });
  });

  it('reduces MathML: scripts to sup/sub, fractions, roots, accents, fenced groups', () => {
    expect(
      renderInline(
        `E = ${mml('<mml:mi>m</mml:mi><mml:msup><mml:mi>c</mml:mi><mml:mn>2</mml:mn></mml:msup>')}`,
      ),
    ).toEqual({
      text: 'E = mc2',
      html: 'E = mc<sup>2</sup>',
    });
    expect(
      renderInline(
        mml(
          '<mml:mfrac><mml:mrow><mml:mi>a</mml:mi><mml:mo>+</mml:mo><mml:mi>b</mml:mi></mml:mrow><mml:mn>2</mml:mn></mml:mfrac>',
        ),
      ),
    ).toEqual({ text: '(a+b)/2', html: '(a+b)/2' });
    expect(
      renderInline(mml('<mml:msqrt><mml:mi>x</mml:mi><mml:mo>+</mml:mo><mml:mn>1</mml:mn></mml:msqrt>')),
    ).toEqual({
      text: '√(x+1)',
      html: '√(x+1)',
    });
    expect(
      renderInline(mml('<mml:mover accent="true"><mml:mi>x</mml:mi><mml:mo>&#xaf;</mml:mo></mml:mover>')),
    ).toEqual({
      text: 'x\u0304',
      html: 'x\u0304',
    });
    expect(
      renderInline(mml('<mml:msubsup><mml:mi>x</mml:mi><mml:mi>i</mml:mi><mml:mn>2</mml:mn></mml:msubsup>')),
    ).toEqual({
      text: 'xi2',
      html: 'x<sub>i</sub><sup>2</sup>',
    });
    expect(renderInline(mml('<mml:mfenced><mml:mi>a</mml:mi><mml:mi>b</mml:mi></mml:mfenced>')).text).toBe(
      '(a,b)',
    );
    expect(renderInline(`<DispFormula>${mml('<mml:mi>k</mml:mi>')}</DispFormula> done`).html).toBe('k done');
  });

  it('drops MathML annotations and never lets a MathML element or attribute through', () => {
    const out = renderInline(
      mml(
        '<mml:semantics><mml:mi>y</mml:mi><mml:annotation-xml encoding="text/html"><script>alert(1)</script></mml:annotation-xml></mml:semantics><mml:maction actiontype="statusline" href="javascript:alert(1)"><mml:mi>z</mml:mi></mml:maction>',
      ),
    );
    expect(out).toEqual({ text: 'yz', html: 'yz' });
  });

  it('throws on unbalanced markup instead of guessing', () => {
    expect(() => renderInline('<i>x')).toThrow(/not closed/);
    expect(() => renderInline('<i>x</b>')).toThrow(/does not match/);
    expect(() => renderInline('p < 0.05')).toThrow(/&lt;/);
  });

  it('indentation between elements is dropped before parsing; whitespace inside text elements is kept', () => {
    const title = '<i>a</i> <b>b</b>\n<sup>1</sup>';
    const abstract = '<sub>2</sub>\n  <i>c</i>';
    const compact = `<PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">1</PMID><Article><Journal><Title>J</Title></Journal><ArticleTitle>${title}</ArticleTitle><Abstract><AbstractText Label="A">${abstract}</AbstractText></Abstract><AuthorList CompleteYN="Y"><Author ValidYN="Y"><LastName>Roe</LastName><Suffix>Jr</Suffix></Author></AuthorList></Article></MedlineCitation></PubmedArticle>`;
    const indented = `<PubmedArticle>
  <MedlineCitation Status="MEDLINE">
    <PMID Version="1">1</PMID>
    <Article>
      <Journal>\t<Title>J</Title>\r\n</Journal>
      <ArticleTitle>${title}</ArticleTitle>
      <Abstract>
        <AbstractText Label="A">${abstract}</AbstractText>
      </Abstract>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y">
          <LastName>Roe</LastName>
          <Suffix>Jr</Suffix>
        </Author>
      </AuthorList>
    </Article>
  </MedlineCitation>
</PubmedArticle>`;
    const record = parseRecordXml(compact);
    expect(record).toMatchObject({
      titleHtml: '<i>a</i> <b>b</b> <sup>1</sup>',
      abstract: [{ label: 'A', html: '<sub>2</sub> <i>c</i>' }],
    });
    expect(parseRecordXml(indented)).toEqual(record);
  });
});
