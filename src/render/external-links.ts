import type { StudyRecord } from '../records.ts';

export interface ExternalLink {
  label: string;
  url: string;
}

/**
 * Links out, each built from a fixed https prefix and a value checked against its identifier's shape:
 * a hostile DOI or trial id can never become a javascript: URL or leave the intended host.
 */
export function externalLinks(record: StudyRecord): ExternalLink[] {
  const links: ExternalLink[] = [];
  if (/^\d{1,9}$/.test(record.pmid)) {
    links.push({ label: `PubMed ${record.pmid}`, url: `https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/` });
  }
  if (record.doi && /^10\.\d{4,9}\/\S+$/.test(record.doi)) {
    links.push({
      label: `DOI ${record.doi}`,
      url: `https://doi.org/${record.doi.split('/').map(encodeURIComponent).join('/')}`,
    });
  }
  if (record.pmcid && /^PMC\d+$/.test(record.pmcid)) {
    links.push({
      label: `Full text in PMC (${record.pmcid})`,
      url: `https://pmc.ncbi.nlm.nih.gov/articles/${record.pmcid}/`,
    });
  }
  if (record.book?.accession && /^NBK\d+$/.test(record.book.accession)) {
    links.push({
      label: `NCBI Bookshelf ${record.book.accession}`,
      url: `https://www.ncbi.nlm.nih.gov/books/${record.book.accession}/`,
    });
  }
  const seen = new Set<string>();
  for (const trial of record.trialIds) {
    const id = trial.id.trim().toUpperCase();
    if (seen.has(id)) continue;
    seen.add(id);
    if (/^NCT\d{8}$/.test(id))
      links.push({ label: `ClinicalTrials.gov ${id}`, url: `https://clinicaltrials.gov/study/${id}` });
    else if (/^ISRCTN\d{8}$/.test(id))
      links.push({ label: `ISRCTN ${id}`, url: `https://www.isrctn.com/${id}` });
    else if (/^ACTRN\d{14}$/.test(id))
      links.push({
        label: `ANZCTR ${id}`,
        url: `https://www.anzctr.org.au/TrialSearch.aspx?searchTxt=${id}`,
      });
    else if (/^\d{4}-\d{6}-\d{2}$/.test(id))
      links.push({
        label: `EU CTR ${id}`,
        url: `https://www.clinicaltrialsregister.eu/ctr-search/search?query=${id}`,
      });
    else if (/^CHICTR[-\w]{4,30}$/.test(id))
      links.push({
        label: `ChiCTR ${trial.id}`,
        url: `https://www.chictr.org.cn/searchprojEN.html?regno=${encodeURIComponent(trial.id)}`,
      });
  }
  return links;
}
