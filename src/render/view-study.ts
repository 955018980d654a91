import type { NoticeType } from '../records.ts';
import { type DigestStudy, isRetracted } from '../search/index.ts';
import type { TagEvidence } from '../tag/index.ts';
import { externalLinks } from './external-links.ts';
import { formatCount } from './format-count.ts';
import { formatDate } from './layout-view.ts';
import { pageLayout } from './page-context.ts';
import { allowListedHtml, generatedHtml } from './safe-markup.ts';
import type { SiteFacts } from './site-facts.ts';
import type { SiteInput } from './site-input.ts';
import { searchPath, studyPath, topicPath } from './site-paths.ts';
import { studyCard } from './study-card.ts';
import { type StudyCitations, studyCitations } from './study-citations.ts';
import {
  comparatorLabel,
  designLabel,
  populationLabel,
  regimenLabel,
  routeLabel,
  substanceLabel,
  topicLabel,
} from './study-facts.ts';

const AUTHORS_SHOWN = 12;
const FIELD_NAMES: Record<string, string> = {
  title: 'title',
  abstract: 'abstract',
  keywords: 'keywords',
  mesh: 'MeSH',
  publicationTypes: 'publication type',
  retraction: 'retraction notice',
};

/** One study: everything a clinician checks and a writer cites, with the reason behind every tag. */
export function viewStudy(
  input: Pick<SiteInput, 'siteTitle'>,
  facts: Pick<SiteFacts, 'topicIds' | 'byPmid' | 'inSite'>,
  study: DigestStudy,
  similar: string[],
  cited: Pick<StudyCitations, 'styles'> = studyCitations(study.record),
) {
  const { record, tags } = study;
  const path = studyPath(record.pmid);
  // "Data as of" on a study page is when its record was fetched: a refresh that leaves the record alone
  // leaves its page alone too, so an incremental build can keep it.
  const layout = pageLayout(input, { topicIds: facts.topicIds, dataAsOf: study.fetchedAt }, path, {
    title: `${record.title.slice(0, 120)}: ${input.siteTitle}`,
    description: record.abstract[0]?.text.slice(0, 200) ?? record.title,
    nav: null,
    scripts: ['assets/site.js'],
  });
  const root = layout.root;
  const notices = (type: NoticeType) =>
    record.retraction.notices
      .filter((notice) => notice.type === type)
      .map((notice) => ({
        pmid: notice.pmid,
        url:
          notice.pmid && facts.inSite.has(notice.pmid)
            ? `${root}/${studyPath(notice.pmid)}`
            : notice.pmid && /^\d+$/.test(notice.pmid)
              ? `https://pubmed.ncbi.nlm.nih.gov/${notice.pmid}/`
              : null,
      }));
  const citations = (['ama', 'apa', 'vancouver'] as const).map((style) => ({
    id: style,
    label: style === 'ama' ? 'AMA' : style === 'apa' ? 'APA' : 'Vancouver',
    html: generatedHtml(cited.styles[style].html),
    text: cited.styles[style].text,
  }));
  const why = (family: string, tag: string, evidence: TagEvidence) => ({
    family,
    tag,
    rule: evidence.rule,
    field: evidence.field === null ? 'default' : (FIELD_NAMES[evidence.field] ?? evidence.field),
    match: evidence.match,
  });
  const level = tags.evidenceLevel.level;
  const date = record.published;
  return {
    layout,
    pmid: record.pmid,
    titleHtml: allowListedHtml(record.titleHtml),
    vernacularTitle: record.vernacularTitle,
    retracted: isRetracted(study),
    retractionNoticed: study.retractionNoticedAt ? formatDate(study.retractionNoticedAt) : null,
    withdrawn: study.withdrawn
      ? { at: formatDate(study.withdrawn.at), reason: study.withdrawn.reason }
      : null,
    retractedIn: notices('RetractionIn'),
    retractionOf: notices('RetractionOf'),
    concern: notices('ExpressionOfConcernIn'),
    errata: notices('ErratumIn'),
    updates: [...notices('UpdateIn'), ...notices('RetractedandRepublishedIn')],
    offTopic: tags.relevance.id === 'off-topic' ? tags.relevance.reason : null,
    authors: record.authors.slice(0, AUTHORS_SHOWN).map(authorName),
    moreAuthors:
      record.authors.length > AUTHORS_SHOWN ? record.authors.slice(AUTHORS_SHOWN).map(authorName) : null,
    journal: record.journal?.title ?? record.book?.title ?? null,
    source: citations[0]?.text ?? '',
    published: date?.text || (date?.year ? String(date.year) : null),
    entered: record.dates.entrez ? formatDate(record.dates.entrez) : null,
    publicationTypes: record.publicationTypes.map((type) => type.name).join(', '),
    language: record.language.join(', '),
    status: record.status,
    facts: {
      design: designLabel(tags.design.id),
      designUrl: `${root}/${searchPath(new URLSearchParams({ design: tags.design.id }))}`,
      level: level === null ? 'No level' : `Level ${level}`,
      levelClass: level === null ? 'level-none' : `level-${level}`,
      levelReason: tags.evidenceLevel.reason,
      n: tags.n ? formatCount(tags.n.value) : null,
      nMatch: tags.n?.evidence.match ?? null,
      routes: tags.routes.map((r) => routeLabel(r.id)).join(', '),
      regimen: regimenLabel(tags.regimen.id),
      substances: tags.substances.map((s) => substanceLabel(s.id)).join(', ') || 'Not stated',
      populations: tags.populations.map((p) => populationLabel(p.id)).join(', ') || 'Not specified',
      comparator: comparatorLabel(tags.comparator.id),
      topics: tags.topics.map((t) => ({ label: topicLabel(t.id), url: `${root}/${topicPath(t.id)}` })),
    },
    why: [
      ...tags.relevance.evidence.map((e) => why('relevance', tags.relevance.id, e)),
      why('design', designLabel(tags.design.id), tags.design.evidence),
      ...tags.topics.map((t) => why('topic', topicLabel(t.id), t.evidence)),
      ...tags.routes.map((t) => why('route', routeLabel(t.id), t.evidence)),
      ...tags.substances.map((t) => why('substance', substanceLabel(t.id), t.evidence)),
      ...tags.populations.map((t) => why('population', populationLabel(t.id), t.evidence)),
      why('comparator', comparatorLabel(tags.comparator.id), tags.comparator.evidence),
      why('regimen', regimenLabel(tags.regimen.id), tags.regimen.evidence),
      ...(tags.n ? [why('sample size', `n = ${tags.n.value}`, tags.n.evidence)] : []),
      ...tags.flags.map((f) => why('flag', f.id, f.evidence)),
    ],
    abstract: record.abstract.map((section) => ({
      label: section.label,
      html: allowListedHtml(section.html),
    })),
    otherAbstracts: record.otherAbstracts.map((other) => ({
      language: other.language,
      sections: other.sections.map((section) => ({
        label: section.label,
        html: allowListedHtml(section.html),
      })),
    })),
    mesh: record.mesh.map((heading) => ({
      name: heading.descriptor,
      major: heading.major || heading.qualifiers.some((q) => q.major),
      qualifiers: heading.qualifiers.map((q) => q.name).join(', '),
      url: `${root}/${searchPath(new URLSearchParams({ q: `"${heading.descriptor}"` }))}`,
    })),
    keywords: record.keywords.map((keyword) => ({
      name: keyword,
      url: `${root}/${searchPath(new URLSearchParams({ q: `"${keyword}"` }))}`,
    })),
    links: externalLinks(record),
    similar: similar
      .map((pmid) => facts.byPmid.get(pmid))
      .filter((s) => s !== undefined)
      .map((s) => studyCard(s, root)),
    citations,
    downloads: [
      { label: 'RIS', file: 'citation.ris', name: `pmid-${record.pmid}.ris` },
      { label: 'BibTeX', file: 'citation.bib', name: `pmid-${record.pmid}.bib` },
      { label: 'MEDLINE (.nbib)', file: 'citation.nbib', name: `pmid-${record.pmid}.nbib` },
      { label: 'CSL-JSON', file: 'citation.json', name: `pmid-${record.pmid}.json` },
    ],
  };
}

function authorName(author: DigestStudy['record']['authors'][number]): {
  name: string;
  orcid: string | null;
} {
  const name =
    author.collectiveName ??
    [author.foreName ?? author.initials, author.lastName, author.suffix].filter(Boolean).join(' ');
  const orcid =
    author.orcid && /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(author.orcid)
      ? `https://orcid.org/${author.orcid}`
      : null;
  return { name, orcid };
}
