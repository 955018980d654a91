import type { XMLParser } from 'fast-xml-parser';
import { DigestError } from '../errors.ts';
import type { DeletionEvent, StudyRecord } from '../records.ts';
import { checkWellFormed } from './check-well-formed.ts';
import { mapArticle, mapBook } from './map-record.ts';
import { createSubtreeReader } from './read-subtree.ts';
import {
  CUT_ELEMENT_SET,
  createRecordParser,
  createTextParser,
  REPEATABLE,
  type RecordParser,
  SUBTREE_ELEMENT_SET,
  TEXT_ELEMENT_SET,
} from './record-parser-options.ts';
import { type ReducedRecord, reduceRecord } from './reduce-record.ts';
import { child } from './xml-node.ts';

export interface RecordOrigin {
  file: string;
  /** Byte offset of the record in the file, so faults can be located in it. */
  offset: number;
}

let parser: RecordParser | undefined;
let textParser: XMLParser | undefined;
const subtrees = createSubtreeReader(SUBTREE_ELEMENT_SET, TEXT_ELEMENT_SET, REPEATABLE, () => {
  textParser ??= createTextParser();
  return textParser;
});

/**
 * Parses one record's XML (a PubmedArticle, PubmedBookArticle, legacy MedlineCitation or a
 * `<DeleteCitation>`), exactly as sliced from a file or the raw cache. Throws a DigestError
 * PARSE_MALFORMED_RECORD naming the file, PMID (when readable) and byte offset of the fault.
 */
export function parseRecordXml(
  xml: string,
  origin: RecordOrigin = { file: '(memory)', offset: 0 },
): StudyRecord | DeletionEvent {
  const tag = /^\s*<([A-Za-z]+)/.exec(xml)?.[1];
  const reduced = reduceRecord(xml);
  // The subtrees are read during the check, straight from the record, unless line ends must first be
  // normalised as fast-xml-parser does (CRLF files): then they are read from the cut text afterwards.
  const checked = checkWellFormed(
    reduced.text,
    TEXT_ELEMENT_SET,
    CUT_ELEMENT_SET,
    reduced.text.indexOf('\r') === -1 ? subtrees.read : undefined,
  );
  if (checked.fault !== null) throw malformed(xml, reduced, origin, checked.fault.reason, checked.fault.at);
  if (tag === 'DeleteCitation') return { kind: 'deletion', pmids: deletedPmids(reduced.text) };
  if (tag !== 'PubmedArticle' && tag !== 'PubmedBookArticle' && tag !== 'MedlineCitation') {
    throw malformed(xml, reduced, origin, `<${tag ?? '?'}> is not a PubMed record`, 0);
  }
  try {
    parser ??= createRecordParser();
    const tree = parser.parse(checked.text);
    subtrees.expandAll(tree, checked.cut);
    const root = child(tree, tag);
    if (tag === 'PubmedBookArticle')
      return mapBook(child(root, 'BookDocument'), child(root, 'PubmedBookData'));
    if (tag === 'MedlineCitation') return mapArticle(root, undefined);
    return mapArticle(child(root, 'MedlineCitation'), child(root, 'PubmedData'));
  } catch (error) {
    // InlineMarkupError (broken markup inside a text element), RecordShapeError (no PMID) or a parser error.
    throw malformed(xml, reduced, origin, error instanceof Error ? error.message : String(error), 0, error);
  }
}

/**
 * The error for a fault at `at` in the reduced record. A function of its own rather than a closure made
 * on every call: the TypeScript loader (tsx keeps function names) wraps each such closure in a call
 * that redefines its `name`, a cost paid per record whether or not anything fails.
 */
function malformed(
  xml: string,
  reduced: ReducedRecord,
  origin: RecordOrigin,
  reason: string,
  at: number,
  cause?: unknown,
): DigestError {
  const original = reduced.toOriginal(at);
  return new DigestError('PARSE_MALFORMED_RECORD', `malformed record: ${reason}`, {
    cause,
    context: {
      file: origin.file,
      ...(pmidHint(xml) === undefined ? {} : { pmid: pmidHint(xml) }),
      offset: origin.offset + Buffer.byteLength(xml.slice(0, original)),
    },
  });
}

/** The record's own PMID for error messages: the first one (references come after it). */
function pmidHint(xml: string): string | undefined {
  return /<PMID[^>]*>\s*(\d+)\s*<\/PMID>/.exec(xml)?.[1];
}

function deletedPmids(xml: string): string[] {
  return [...xml.matchAll(/<PMID[^>]*>\s*(\d+)\s*<\/PMID>/g)].map((match) => match[1] ?? '');
}
