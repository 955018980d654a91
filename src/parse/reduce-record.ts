/**
 * Cuts what no study-record field comes from out of a record before anything scans it: the ReferenceList
 * (up to half of a record) and elements such as chemicals, grants, investigators, citation subsets, the
 * COI statement, completion dates and the hours and minutes of history dates. Saves ~15% of the
 * parser's time beyond the ReferenceList, for ~2% spent here. Damage inside a cut part is not
 * reported: nothing is read from there.
 */
export interface ReducedRecord {
  text: string;
  /** Maps an offset in `text` back to the original record. */
  toOriginal(at: number): number;
}

const REFERENCES_OPEN = '<ReferenceList';
const REFERENCES_CLOSE = '</ReferenceList>';
const UNUSED_NAMES = [
  'ChemicalList',
  'SupplMeshList',
  'CitationSubset',
  'GeneSymbolList',
  'NumberOfReferences',
  'PersonalNameSubjectList',
  'CoiStatement',
  'SpaceFlightMission',
  'InvestigatorList',
  'GeneralNote',
  'GrantList',
  'ObjectList',
  'Sections',
  'ItemList',
  'DateCompleted',
  'DateCreated',
  'Hour',
  'Minute',
  'Second',
  'Country',
  'NlmUniqueID',
  'CopyrightInformation',
].join('|');
// An element with content (the `/` lookbehind keeps `<X a="1"/>` from running to a later `</X>`), or an
// empty one.
const UNUSED_ELEMENTS = new RegExp(
  `<(${UNUSED_NAMES})(?:\\s[^>]*)?(?<!/)>[\\s\\S]*?</\\1>|<(?:${UNUSED_NAMES})(?:\\s[^>]*)?/>`,
  'g',
);

export function reduceRecord(xml: string): ReducedRecord {
  // ReferenceLists come last in PubmedData / BookDocument and may nest: cut from the first to the last.
  const start = xml.indexOf(REFERENCES_OPEN);
  const end = start < 0 ? -1 : xml.lastIndexOf(REFERENCES_CLOSE);
  const references: [at: number, length: number] | null =
    end > start ? [start, end + REFERENCES_CLOSE.length - start] : null;
  const withoutReferences =
    references === null ? xml : xml.slice(0, start) + xml.slice(end + REFERENCES_CLOSE.length);
  // Replaced by '' (V8's fast path, no callback per match); where the cuts were is worked out again
  // only when a fault has to be located.
  const text = withoutReferences.replace(UNUSED_ELEMENTS, '');
  return {
    text,
    toOriginal(at: number): number {
      // List cuts were made in the text without references: undo them first (in order), then that one.
      let position = at;
      for (const match of withoutReferences.matchAll(UNUSED_ELEMENTS)) {
        if (match.index <= position) position += match[0].length;
      }
      if (references !== null && references[0] <= position) position += references[1];
      return position;
    },
  };
}
