/**
 * Hostile text in titles and abstracts stays text: script tags, event-handler attributes, `javascript:`
 * URLs and allow-listed tags carrying attributes come out escaped in `html` fields, whether PubMed sent
 * them escaped (`&lt;script&gt;`, the realistic case) or as elements.
 */
import { describe, expect, it } from 'vitest';
import { parseArticleSet, renderInline } from '../../src/parse/index.ts';

const onlyAllowedTags = (html: string) =>
  (html.match(/<[^>]*>/g) ?? []).every((tag) => /^<\/?(i|b|sup|sub|u)>$/.test(tag));

function record(title: string, abstract: string, affiliation = 'Somewhere'): string {
  return `<PubmedArticleSet><PubmedArticle><MedlineCitation Status="MEDLINE"><PMID Version="1">1</PMID><Article><Journal><Title>J</Title></Journal><ArticleTitle>${title}</ArticleTitle><Abstract><AbstractText Label="X&quot;&gt;&lt;script&gt;">${abstract}</AbstractText></Abstract><AuthorList><Author><LastName>Doe</LastName><AffiliationInfo><Affiliation>${affiliation}</Affiliation></AffiliationInfo></Author></AuthorList><Language>eng</Language></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>`;
}

describe('hostile text', () => {
  it('escaped markup from PubMed (&lt;script&gt;) is text, escaped again for HTML', () => {
    expect(
      renderInline('&lt;script&gt;alert("x")&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;'),
    ).toEqual({
      text: '<script>alert("x")</script> <img src=x onerror=alert(1)>',
      html: '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;',
    });
  });

  it('a script element inside a title shows as escaped source, not as a tag', () => {
    expect(renderInline('A <script>alert(1)</script> B')).toEqual({
      text: 'A <script>alert(1)</script> B',
      html: 'A &lt;script&gt;alert(1)&lt;/script&gt; B',
    });
  });

  it('allow-listed tags with attributes (event handlers) are escaped, not trusted', () => {
    expect(renderInline('<i onclick="alert(1)">x</i> and <b><i onmouseover=\'steal()\'>y</i></b>')).toEqual({
      text: '<i onclick="alert(1)">x</i> and <i onmouseover=\'steal()\'>y</i>',
      html: '&lt;i onclick=&quot;alert(1)&quot;&gt;x&lt;/i&gt; and <b>&lt;i onmouseover=&#39;steal()&#39;&gt;y&lt;/i&gt;</b>',
    });
  });

  it('javascript: links, images, svg and style elements are escaped', () => {
    const payloads = [
      '<a href="javascript:alert(1)">click</a>',
      '<img src="x" onerror="alert(1)"/>',
      '<svg onload="alert(1)"><circle/></svg>',
      '<style>body{background:url(javascript:alert(1))}</style>',
      '<iframe src="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
      '<I>upper-case I is not the allow-listed i</I>',
      '<sup onload="x">1</sup>',
      '<i/>empty<b/>',
      '&lt;/textarea&gt;&lt;/script&gt;"\'&amp;',
      'javascript:alert(document.cookie)',
    ];
    for (const payload of payloads) {
      const { html } = renderInline(`Title ${payload} end`);
      expect(onlyAllowedTags(html), html).toBe(true);
      expect(html).not.toMatch(/<(a|img|svg|style|iframe|I|script)\b/);
      expect(html.endsWith(' end')).toBe(true);
    }
  });

  it('through a whole record: title, abstract and its label stay text; plain fields are never HTML', () => {
    const result = parseArticleSet(
      record(
        'Risk &lt;b onmouseover=alert(1)&gt; <i onclick="x()">y</i> <script>alert(1)</script>',
        'Before <a href="javascript:alert(1)">link</a> after <sup>2</sup> tail',
        'Dept &lt;script&gt;alert(1)&lt;/script&gt;',
      ),
      { file: 'hostile.xml' },
    );
    expect(result.problems).toEqual([]);
    const [study] = result.records;
    expect(study?.titleHtml).toBe(
      'Risk &lt;b onmouseover=alert(1)&gt; &lt;i onclick=&quot;x()&quot;&gt;y&lt;/i&gt; &lt;script&gt;alert(1)&lt;/script&gt;',
    );
    expect(study?.abstract).toEqual([
      {
        label: 'X"><script>',
        category: null,
        text: 'Before <a href="javascript:alert(1)">link</a> after 2 tail',
        html: 'Before &lt;a href=&quot;javascript:alert(1)&quot;&gt;link&lt;/a&gt; after <sup>2</sup> tail',
      },
    ]);
    // Plain-text fields carry the decoded characters; escaping them is the renderer's job (and it does).
    expect(study?.authors[0]?.affiliations).toEqual(['Dept <script>alert(1)</script>']);
  });

  it('markup that is not even well-formed makes the record a reported problem, never output', () => {
    const result = parseArticleSet(record('x <img src=x onerror=alert(1)> y', 'z'), { file: 'hostile.xml' });
    expect(result.records).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({
      code: 'PARSE_MALFORMED_RECORD',
      file: 'hostile.xml',
      pmid: '1',
    });
  });
});
