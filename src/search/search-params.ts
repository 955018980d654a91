import { emptyFilters, type SearchRequest, type SearchSort } from './search-request.ts';

const LIST_FILTERS = ['topic', 'design', 'level', 'route', 'population', 'substance'] as const;
const SORTS: SearchSort[] = ['relevance', 'date', 'level'];
export const PAGE_SIZE = 20;

/**
 * The search page's URL is its state, so a search can be shared, bookmarked and linked from the evidence
 * map: ?q=...&topic=efficacy,safety&design=rct&from=2015&to=2024&retracted=hide&offtopic=show&sort=date&page=2
 */
export function requestFromParams(params: URLSearchParams, limit = PAGE_SIZE): SearchRequest {
  const filters = emptyFilters();
  for (const name of LIST_FILTERS) {
    filters[name] = params
      .getAll(name)
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter((value) => /^[\w-]{1,40}$/.test(value));
  }
  filters.yearFrom = yearOf(params.get('from'));
  filters.yearTo = yearOf(params.get('to'));
  filters.hideRetracted = params.get('retracted') === 'hide';
  filters.includeOffTopic = params.get('offtopic') === 'show';
  const sort = params.get('sort') as SearchSort | null;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  return {
    q: (params.get('q') ?? '').slice(0, 500),
    filters,
    sort: sort !== null && SORTS.includes(sort) ? sort : null,
    offset: (page - 1) * limit,
    limit,
  };
}

export function paramsFromRequest(request: SearchRequest, limit = PAGE_SIZE): URLSearchParams {
  const params = new URLSearchParams();
  if (request.q.trim() !== '') params.set('q', request.q.trim());
  for (const name of LIST_FILTERS)
    if (request.filters[name].length > 0) params.set(name, request.filters[name].join(','));
  if (request.filters.yearFrom !== null) params.set('from', String(request.filters.yearFrom));
  if (request.filters.yearTo !== null) params.set('to', String(request.filters.yearTo));
  if (request.filters.hideRetracted) params.set('retracted', 'hide');
  if (request.filters.includeOffTopic) params.set('offtopic', 'show');
  if (request.sort !== null) params.set('sort', request.sort);
  const page = Math.floor(request.offset / limit) + 1;
  if (page > 1) params.set('page', String(page));
  return params;
}

function yearOf(value: string | null): number | null {
  if (value === null || !/^\d{4}$/.test(value.trim())) return null;
  return Number(value.trim());
}
