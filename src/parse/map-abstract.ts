import type { AbstractSection, OtherAbstract } from '../records.ts';
import { renderInline } from './render-inline.ts';
import { attr, children, rawText, type XmlNode } from './xml-node.ts';

/** The sections of an Abstract (or OtherAbstract): one per AbstractText, Label and NlmCategory kept. */
export function mapAbstract(abstract: XmlNode | undefined): AbstractSection[] {
  const sections: AbstractSection[] = [];
  for (const section of children(abstract, 'AbstractText')) {
    const { text, html } = renderInline(rawText(section));
    sections.push({
      label: nonEmpty(attr(section, 'Label')),
      category: nonEmpty(attr(section, 'NlmCategory')),
      text,
      html,
    });
  }
  return sections;
}

export function mapOtherAbstracts(others: XmlNode[]): OtherAbstract[] {
  const abstracts: OtherAbstract[] = [];
  for (const other of others) {
    abstracts.push({
      type: nonEmpty(attr(other, 'Type')),
      language: nonEmpty(attr(other, 'Language')),
      sections: mapAbstract(other),
    });
  }
  return abstracts;
}

function nonEmpty(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value.trim();
}
