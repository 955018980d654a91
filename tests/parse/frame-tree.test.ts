/**
 * frameTree makes fast-xml-parser's ordered output (preserveOrder) into the object tree its default mode
 * gives: the record parser relies on the two being the same. Checked against the parser in object mode
 * on frames that exercise each rule (the read-subtree tests compare whole records too).
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { frameTree, type OrderedEntry } from '../../src/parse/frame-tree.ts';
import { RECORD_PARSER_OPTIONS, REPEATABLE } from '../../src/parse/record-parser-options.ts';

const objectMode = new XMLParser({ ...RECORD_PARSER_OPTIONS, stopNodes: [] });
const ordered = new XMLParser({ ...RECORD_PARSER_OPTIONS, stopNodes: [], preserveOrder: true });
const both = (xml: string) => ({
  tree: frameTree(ordered.parse(xml) as OrderedEntry[], REPEATABLE),
  reference: objectMode.parse(xml) as unknown,
});

describe('frameTree', () => {
  const cases: [string, string][] = [
    [
      'attributes after the content, leaves as text, empty elements as empty strings',
      '<MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">0</PMID><Article PubModel="Print"><Journal>1</Journal><Pagination/><Language>2</Language><ArticleDate DateType="Electronic"/></Article></MedlineCitation>',
    ],
    [
      'repeatable names always arrays, other names arrays once repeated, first place kept',
      '<R><ELocationID>a</ELocationID><Journal>1</Journal><ELocationID EIdType="doi">b</ELocationID><Journal>2</Journal><Journal>3</Journal><OtherID>x</OtherID></R>',
    ],
    [
      'text beside elements, texts joined across comments, CDATA (empty too), processing instructions',
      '<R>a<X>1</X>b<!-- c -->c<Y><![CDATA[]]></Y><Z><![CDATA[d]]>e</Z><?pi x?><W a="1">t<!-- -->u</W></R>',
    ],
    [
      'names Object.prototype has, and a name that is only digits',
      '<R><constructorX>1</constructorX><hasOwnProperty>h</hasOwnProperty><toString/><valueOf>v</valueOf><valueOf>w</valueOf><123>n</123><isPrototypeOf>i</isPrototypeOf></R>',
    ],
    ['an element named `:@`', '<R><:@>x</:@><Y>y</Y></R>'],
    ['an empty record element', '<R/>'],
    ['a record element with attributes only', '<R a="1" b=\'2\' c = "3"/>'],
  ];
  for (const [name, xml] of cases) {
    it(`gives fast-xml-parser's object tree: ${name}`, () => {
      const { tree, reference } = both(xml);
      expect(tree).toEqual(reference);
      // Same keys in the same order (the mapping code does not care; the tests of whole records do).
      expect(JSON.stringify(tree)).toBe(JSON.stringify(reference));
    });
  }

  it('refuses what fast-xml-parser refuses, with the same message', () => {
    for (const xml of [
      '<R><__proto__/></R>',
      '<R><constructor>x</constructor></R>',
      '<R><#text>x</#text></R>',
    ]) {
      let message = '';
      try {
        objectMode.parse(xml);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toBe('');
      expect(() => ordered.parse(xml)).toThrow(message);
    }
  });
});
