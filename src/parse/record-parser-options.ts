import { type EntityDecoderOptions, type X2jOptions, XMLParser } from 'fast-xml-parser';
import { Expression } from 'path-expression-matcher';
import { frameTree, type OrderedEntry } from './frame-tree.ts';
import type { XmlNode } from './xml-node.ts';

/**
 * Elements read as text: their inner XML is kept raw and goes through our own tokenizer, which keeps
 * mixed content in document order (the parser's object mode merges text nodes, losing what follows an
 * `<i>`) and decodes entities exactly once. Inside subtrees read-subtree.ts keeps them raw; in the
 * record's frame checkWellFormed cuts their content out before the parser runs (see CUT_ELEMENTS), and
 * a fallback parser (createTextParser) has them as stop nodes.
 */
export const TEXT_ELEMENTS = [
  // mixed content (%text; and MathML in the DTD)
  'ArticleTitle',
  'VernacularTitle',
  'AbstractText',
  'Affiliation',
  'CollectiveName',
  'Keyword',
  'Suffix',
  'BookTitle',
  'PublisherName',
  'CoiStatement',
  // plain text leaves
  'PMID',
  'LastName',
  'ForeName',
  'Initials',
  'Identifier',
  'Title',
  'ISOAbbreviation',
  'ISSN',
  'ISSNLinking',
  'Volume',
  'Issue',
  'MedlinePgn',
  'StartPage',
  'EndPage',
  'Year',
  'Month',
  'Day',
  'Season',
  'MedlineDate',
  'ELocationID',
  'ArticleId',
  'PublicationType',
  'DescriptorName',
  'QualifierName',
  'Language',
  'MedlineTA',
  'DataBankName',
  'AccessionNumber',
  'RefSource',
  'PublicationStatus',
  'PublisherLocation',
  'Edition',
  'CopyrightInformation',
  'OtherID',
];

/**
 * Regular, shallow lists and groups whose content checkWellFormed cuts out of the record before the
 * parser runs; read-subtree.ts builds from it the very tree the parser would have built in place (same
 * shape, same options), at a fraction of its per-element cost. The lists came first; the groups of
 * leaves under Article and MedlineCitation (journal, dates, pagination, abstract ...) followed, so that
 * the parser itself meets 17 elements of a fixture record on average instead of 36 (of 106): about
 * 10% less CPU per record on its own. The record's frame (MedlineCitation, Article, PubmedData
 * and their own leaves) stays with the parser.
 */
export const SUBTREE_ELEMENTS = [
  'AuthorList',
  'MeshHeadingList',
  'PublicationTypeList',
  'KeywordList',
  'History',
  'ArticleIdList',
  'CommentsCorrectionsList',
  // groups of leaves
  'Journal',
  'DateRevised',
  'Pagination',
  'Abstract',
  'ArticleDate',
  'MedlineJournalInfo',
  'OtherAbstract',
  'DataBankList',
];

/**
 * Elements whose content checkWellFormed replaces by an index into the contents it cut out, so that the
 * record parser sees `<AuthorList CompleteYN="Y">3</AuthorList>`, `<ArticleTitle>4</ArticleTitle>`:
 * read-subtree.ts puts back what the parser would have made of them. The parser then needs no stop
 * nodes at all, and fast-xml-parser pays for stop nodes on every parse() (it indexes every pattern
 * into a fresh set, then looks each element up in it) and reads a stop node's content a character at
 * a time only to hand it over: about a fifth of its time on a record.
 */
export const CUT_ELEMENTS = [...SUBTREE_ELEMENTS, ...TEXT_ELEMENTS];

/** The lists as the sets checkWellFormed and the subtree reader look elements up in. */
export const TEXT_ELEMENT_SET: ReadonlySet<string> = new Set(TEXT_ELEMENTS);
export const SUBTREE_ELEMENT_SET: ReadonlySet<string> = new Set(SUBTREE_ELEMENTS);
export const CUT_ELEMENT_SET: ReadonlySet<string> = new Set(CUT_ELEMENTS);

/** Every element the DTD lets repeat: always an array, so one-vs-many never changes the shape. */
export const REPEATABLE = new Set([
  'AbstractText',
  'AccessionNumber',
  'AccessionNumberList',
  'AffiliationInfo',
  'ArticleDate',
  'ArticleId',
  'ArticleIdList',
  'Author',
  'AuthorList',
  'Chemical',
  'CitationSubset',
  'CommentsCorrections',
  'CommentsCorrectionsList',
  'DataBank',
  'DataBankList',
  'ELocationID',
  'GeneralNote',
  'GeneSymbol',
  'Grant',
  'Identifier',
  'Investigator',
  'InvestigatorList',
  'Isbn',
  'Item',
  'ItemList',
  'Keyword',
  'KeywordList',
  'Language',
  'LocationLabel',
  'MeshHeading',
  'MeshHeadingList',
  'Object',
  'OtherAbstract',
  'OtherID',
  'Param',
  'PersonalNameSubject',
  'PublicationType',
  'PublicationTypeList',
  'PubMedPubDate',
  'QualifierName',
  'Section',
  'SpaceFlightMission',
  'SupplMeshName',
]);

/**
 * fast-xml-parser builds a new entity decoder (with its tables of named entities) on every parse()
 * unless it is given one; with entity processing off it never asks it to decode, so this one does
 * nothing, and is made once.
 */
const NO_ENTITY_DECODER: EntityDecoderOptions = {
  setExternalEntities() {},
  addInputEntities() {},
  reset() {},
  decode: (text) => text,
  setXmlVersion() {},
};

/**
 * Attributes kept as `@_Name`, values never coerced, entities left alone, repeatable elements always
 * arrays. A leaf without attributes is a plain string; xml-node.ts reads both shapes.
 */
export const RECORD_PARSER_OPTIONS: X2jOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  // Entities are decoded once, by decodeEntities, when a value is read (see xml-node.ts).
  processEntities: false,
  entityDecoder: NO_ENTITY_DECODER,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Callbacks get a matcher instead of a freshly built path string for every tag: ~25% faster.
  jPath: false,
  stopNodes: TEXT_ELEMENTS.map((name) => `..${name}`),
  isArray: (name, _matcher, _isLeaf, isAttribute) => !isAttribute && REPEATABLE.has(name),
};

/** Parses a record's frame into fast-xml-parser's object tree. */
export interface RecordParser {
  parse(xml: string): XmlNode;
}

/**
 * The record parser, for a record whose CUT_ELEMENTS checkWellFormed has cut out: no stop nodes (there
 * is no content left for them to guard), and fast-xml-parser's ordered output made into its object
 * tree by frameTree.
 */
export function createRecordParser(): RecordParser {
  const parser = new XMLParser({ ...RECORD_PARSER_OPTIONS, stopNodes: [], preserveOrder: true });
  return { parse: (xml) => frameTree(parser.parse(xml) as OrderedEntry[], REPEATABLE) };
}

/**
 * A parser with the text elements as stop nodes, for XML nothing was cut out of: what the record parser
 * was before, the reference the tests compare against, and what read-subtree.ts leaves a subtree to when
 * it cannot read it itself. Stop nodes are given as compiled Expressions: fast-xml-parser otherwise
 * compiles every pattern again on each parse() call. It only recognises Expressions of its own copy of
 * path-expression-matcher, so the parser is checked once: should the copies ever differ (npm not
 * deduping), the string patterns are used instead of silently losing the stop nodes.
 */
export function createTextParser(): XMLParser {
  return parserWithStopNodes(TEXT_ELEMENTS);
}

function parserWithStopNodes(names: string[]): XMLParser {
  const compiled = names.map((name) => new Expression(`..${name}`));
  const parser = new XMLParser({ ...RECORD_PARSER_OPTIONS, stopNodes: compiled as unknown as string[] });
  const probe = parser.parse('<r><ArticleTitle>a <i>b</i></ArticleTitle></r>') as {
    r?: { ArticleTitle?: unknown };
  };
  if (probe.r?.ArticleTitle === 'a <i>b</i>') return parser;
  return new XMLParser({ ...RECORD_PARSER_OPTIONS, stopNodes: names.map((name) => `..${name}`) });
}
