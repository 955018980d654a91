import { createVocabulary, FACETS } from '../search/index.ts';
import { pageLayout } from './page-context.ts';
import type { SiteFacts } from './site-facts.ts';
import type { SiteInput } from './site-input.ts';

const FACET_TITLES: Record<string, string> = {
  topic: 'Topic',
  design: 'Study design',
  level: 'Evidence level',
  route: 'Route',
  population: 'Population',
  substance: 'Substance',
};

/**
 * The search page's shell: the form with every facet is in the HTML (it works as a plain GET form and
 * reads well before the script runs); assets/search.js fills in results and counts.
 */
export function viewSearch(input: SiteInput, facts: SiteFacts) {
  const layout = pageLayout(input, facts, 'search/index.html', {
    title: `Search: ${input.siteTitle}`,
    description: 'Search the studies by words, synonyms and filters; export the results.',
    nav: 'search',
    scripts: ['assets/search-boot.js', 'assets/search.js'],
  });
  const vocabulary = createVocabulary(facts.topicIds);
  const years = facts.entries.map((entry) => entry.year).filter((year) => year > 0);
  return {
    layout,
    facets: FACETS.map((facet) => ({
      id: facet,
      title: FACET_TITLES[facet] ?? facet,
      values: vocabulary[facet].map((value) => ({
        id: value.id,
        label: value.label,
        inputId: `f-${facet}-${value.id}`,
      })),
    })),
    minYear: years.length > 0 ? Math.min(...years) : 1950,
    maxYear: years.length > 0 ? Math.max(...years) : 2030,
  };
}
