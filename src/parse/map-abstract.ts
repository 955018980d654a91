import type { AbstractSection, OtherAbstract } from '../records.ts';
import { renderInline } from './render-inline.ts';
import { attr, children, rawText, type XmlNode } from './xml-node.ts';

/** The sections of an Abstract (or OtherAbstract): one per AbstractText, Label and NlmCategory kept. */
export function mapAbstract(abstract: XmlNode | undefined): AbstractSection[] {
  return children(abstract, 'AbstractText').map((section) => {
    const { text, html } = renderInline(rawText(section));
    return {
      label: nonEmpty(attr(section, 'Label')),
      category: nonEmpty(attr(section, 'NlmCategory')),
      text,
      html,
    };
  });
}

export function mapOtherAbstracts(others: XmlNode[]): OtherAbstract[] {
  return others.map((other) => ({
    type: nonEmpty(attr(other, 'Type')),
    language: nonEmpty(attr(other, 'Language')),
    sections: mapAbstract(other),
  }));
}

function nonEmpty(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value.trim();
}
