/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The search page: keeps the form and the URL in step, asks the search engine (search-engine.ts), renders
 * results with text nodes only (no innerHTML: titles are untrusted text), updates facet counts, pages,
 * exports. Works with the keyboard: "/" focuses the box, arrow keys move through results, Escape clears
 * the box.
 */

import { PAGE_SIZE, paramsFromRequest, requestFromParams } from '../search-params.ts';
import { FACETS, type SearchRequest } from '../search-request.ts';
import type { EngineReply, Question, ResultRow, SearchBoot } from './engine-protocol.ts';
import { startSearchEngine } from './search-engine.ts';

const form = document.getElementById('search-form') as HTMLFormElement;
const input = document.getElementById('q') as HTMLInputElement;
const statusLine = document.getElementById('status') as HTMLElement;
const list = document.getElementById('results') as HTMLOListElement;
const pager = document.getElementById('pager') as HTMLElement;
const sortSelect = document.getElementById('sort') as HTMLSelectElement;
const exportRis = document.getElementById('export-ris') as HTMLButtonElement;
const exportBib = document.getElementById('export-bib') as HTMLButtonElement;
const clearButton = document.getElementById('clear') as HTMLButtonElement;
const EXPORT_MAX = 500;

// The first index files, fetched by search-boot.js while the page parsed; anything it could not fetch
// (or every file, when it did not run) is fetched here.
const boot = (window as unknown as { searchBoot?: SearchBoot }).searchBoot;
const handedOver = boot?.files ?? Promise.resolve({} as Record<string, ArrayBuffer | null>);
const indexBase = new URL('../', import.meta.url);
const engine = startSearchEngine(
  {
    async bytes(path) {
      const files = await handedOver;
      const early = files[path];
      if (early) {
        // Each file is read once: let the early copy go.
        files[path] = null;
        return new Uint8Array(early);
      }
      const response = await fetch(new URL(path, indexBase));
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  },
  (reply) => receive(reply),
);
let nextId = 0;
let latest = -1;
let docCount = 0;
let request: SearchRequest = requestFromParams(new URLSearchParams(location.search));
const waiting = new Map<number, (message: EngineReply) => void>();

/** onReply hears every reply to the message up to its final one. */
function send(message: Question, onReply?: (reply: EngineReply) => void): void {
  if (onReply) waiting.set(message.id, onReply);
  engine.ask(message);
}

function receive(message: EngineReply): void {
  if (message.type === 'ready') {
    docCount = message.docCount;
    return;
  }
  if (message.type === 'error') {
    statusLine.textContent = `Search is unavailable: ${message.message}`;
    return;
  }
  const callback = waiting.get(message.id);
  if (message.type !== 'result' || message.final) waiting.delete(message.id);
  callback?.(message);
}

function readForm(): SearchRequest {
  const params = new URLSearchParams();
  const data = new FormData(form);
  for (const [name, value] of data) if (typeof value === 'string' && value !== '') params.append(name, value);
  return requestFromParams(params);
}

function writeForm(current: SearchRequest): void {
  input.value = current.q;
  for (const facet of FACETS) {
    for (const box of form.querySelectorAll<HTMLInputElement>(`input[name="${facet}"]`)) {
      box.checked = current.filters[facet].includes(box.value);
    }
  }
  (form.elements.namedItem('from') as HTMLInputElement).value = current.filters.yearFrom?.toString() ?? '';
  (form.elements.namedItem('to') as HTMLInputElement).value = current.filters.yearTo?.toString() ?? '';
  (form.elements.namedItem('retracted') as HTMLInputElement).checked = current.filters.hideRetracted;
  (form.elements.namedItem('offtopic') as HTMLInputElement).checked = current.filters.includeOffTopic;
  sortSelect.value = current.sort ?? '';
}

const activeFilters = document.getElementById('active-filters');
/** Filters set in a request: shown beside the Filters heading, since on a phone they start folded and would hide why few studies match. */
function countActiveFilters({ filters }: SearchRequest): number {
  return (
    FACETS.reduce((sum, facet) => sum + filters[facet].length, 0) +
    (filters.yearFrom !== null ? 1 : 0) +
    (filters.yearTo !== null ? 1 : 0) +
    (filters.hideRetracted ? 1 : 0) +
    (filters.includeOffTopic ? 1 : 0)
  );
}

function run(pushHistory: boolean): void {
  const active = countActiveFilters(request);
  if (activeFilters) activeFilters.textContent = active > 0 ? `(${active} active)` : '';
  const id = nextId++;
  latest = id;
  const params = paramsFromRequest(request);
  const url = `${location.pathname}${[...params].length > 0 ? `?${params}` : ''}`;
  if (url !== `${location.pathname}${location.search}`) {
    if (pushHistory) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }
  send({ type: 'query', id, request }, (reply) => {
    if (reply.type !== 'result' || id !== latest) return;
    render(reply);
  });
}

let facetsDrawn = 0;

function render(reply: Extract<EngineReply, { type: 'result' }>): void {
  const { result, rows } = reply;
  list.replaceChildren(...rows.map(renderRow));
  const from = result.total === 0 ? 0 : request.offset + 1;
  const to = request.offset + rows.length;
  const activeCount = countActiveFilters(request);
  let text =
    result.total === 0
      ? activeCount > 0
        ? `No studies match with ${activeCount === 1 ? 'the filter' : `the ${activeCount} filters`} set ("Clear all" searches everything)`
        : 'No studies match.'
      : `${from}–${to} of ${formatCount(result.total)} studies`;
  if (result.relaxed) text += ' (no study has every word; showing studies with any)';
  if (!reply.final) text += '. Searching titles, keywords and MeSH; abstracts are loading…';
  statusLine.textContent = `${text}.`.replace(/\.\.$/, '.').replace('….', '…');
  renderPager(result.total);
  exportRis.disabled = exportBib.disabled = result.total === 0;
  if (!document.body.dataset.firstResults) {
    document.body.dataset.firstResults = String(Math.round(performance.now()));
    performance.mark('first-results');
  }
  document.body.dataset.lastQueryMs = reply.ms.toFixed(2);
  document.body.dataset.lastLoadMs = reply.loadMs.toFixed(2);
  // The result list is painted first; the facet counts (some fifty labels) follow in the task after
  // that frame (a timer set from the frame's callback runs once it is painted).
  const drawing = ++facetsDrawn;
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (drawing !== facetsDrawn) return;
      for (const facet of FACETS) {
        for (const span of document.querySelectorAll<HTMLElement>(`[data-count-for^="${facet}:"]`)) {
          const id = (span.dataset.countFor ?? '').slice(facet.length + 1);
          const count = result.facets[facet][id] ?? 0;
          span.textContent = `(${formatCount(count)})`;
          span.closest('.facet-value')?.classList.toggle('is-empty', count === 0);
        }
      }
      document.body.dataset.resultsStage = String(reply.stage);
    }),
  );
}

/** 10192 -> "10,192", without waking the browser's number formatting on the way to the first results. */
function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function renderRow(row: ResultRow): HTMLLIElement {
  const item = document.createElement('li');
  item.className = `card${row.retracted ? ' is-retracted' : ''}`;
  if (row.retracted) item.append(badge('Retracted', 'badge badge-retracted'), ' ');
  if (row.concern) item.append(badge('Expression of concern', 'badge badge-concern'), ' ');
  if (row.offTopic) item.append(badge('Off-topic', 'badge badge-offtopic'), ' ');
  const link = document.createElement('a');
  link.className = 'card-title';
  link.href = `../studies/${encodeURIComponent(row.pmid)}/index.html`;
  for (const run of row.title) {
    if (run.mark) {
      const mark = document.createElement('mark');
      mark.textContent = run.text;
      link.append(mark);
    } else link.append(run.text);
  }
  const meta = document.createElement('span');
  meta.className = 'card-meta';
  meta.append(
    badge(row.level ? `Level ${row.level}` : 'No level', `badge level-${row.level || 'none'}`),
    ' ',
    badge(row.design, 'badge badge-design'),
  );
  if (row.n > 0) meta.append(' ', badge(`n = ${formatCount(row.n)}`, 'badge badge-n'));
  const source = document.createElement('span');
  source.className = 'card-source';
  source.textContent = `${row.source} PMID ${row.pmid}`;
  item.append(link, meta, source);
  return item;
}

function badge(text: string, className: string): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}

function renderPager(total: number): void {
  const pages = Math.ceil(total / PAGE_SIZE);
  const current = Math.floor(request.offset / PAGE_SIZE) + 1;
  pager.replaceChildren();
  if (pages <= 1) return;
  const add = (label: string, page: number, disabled: boolean, aria?: string) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.disabled = disabled;
    if (aria) button.setAttribute('aria-label', aria);
    if (page === current) button.setAttribute('aria-current', 'page');
    button.addEventListener('click', () => {
      request = { ...request, offset: (page - 1) * PAGE_SIZE };
      run(true);
      list.querySelector('a')?.focus();
    });
    pager.append(button);
  };
  add('Previous', current - 1, current === 1, 'Previous page');
  const first = Math.max(1, Math.min(current - 2, pages - 4));
  for (let page = first; page <= Math.min(pages, first + 4); page++)
    add(String(page), page, false, `Page ${page}`);
  add('Next', current + 1, current === pages, 'Next page');
}

let typing: ReturnType<typeof setTimeout> | undefined;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  request = readForm();
  run(true);
});
input.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    request = { ...readForm(), offset: 0 };
    run(false);
  }, 120);
});
form.addEventListener('change', (event) => {
  if (event.target === input) return;
  request = { ...readForm(), offset: 0 };
  run(true);
});
clearButton.addEventListener('click', () => {
  request = requestFromParams(new URLSearchParams());
  writeForm(request);
  run(true);
  input.focus();
});
window.addEventListener('popstate', () => {
  request = requestFromParams(new URLSearchParams(location.search));
  writeForm(request);
  run(false);
});
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  const editing = target.matches('input, select, textarea');
  if (event.key === '/' && !editing) {
    event.preventDefault();
    input.focus();
    input.select();
  } else if (event.key === 'Escape' && target === input && input.value !== '') {
    input.value = '';
    input.dispatchEvent(new Event('input'));
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    const links = [...list.querySelectorAll<HTMLAnchorElement>('a.card-title')];
    const at = links.indexOf(target as HTMLAnchorElement);
    if (target === input && event.key === 'ArrowDown' && links[0]) {
      event.preventDefault();
      links[0].focus();
    } else if (at >= 0) {
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? links[at + 1] : (links[at - 1] ?? input);
      next?.focus();
    }
  }
});

async function exportResults(kind: 'ris' | 'bib'): Promise<void> {
  const id = nextId++;
  const reply = await new Promise<EngineReply>((resolve) =>
    send({ type: 'pmids', id, request, max: EXPORT_MAX }, resolve),
  );
  if (reply.type !== 'pmids') return;
  statusLine.textContent = `Preparing ${reply.pmids.length} citations…`;
  const texts: string[] = new Array(reply.pmids.length);
  let next = 0;
  // A few requests at a time: a static host serves each study's citation file.
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < reply.pmids.length) {
        const i = next++;
        const response = await fetch(
          `../studies/${encodeURIComponent(reply.pmids[i] as string)}/citation.${kind}`,
        );
        texts[i] = response.ok ? await response.text() : '';
      }
    }),
  );
  const blob = new Blob([texts.join(kind === 'bib' ? '\n' : '')], {
    type: kind === 'ris' ? 'application/x-research-info-systems' : 'application/x-bibtex',
  });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `search-results.${kind}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  statusLine.textContent = `Exported ${reply.pmids.length} of ${reply.total} studies as ${kind === 'ris' ? 'RIS' : 'BibTeX'}${reply.total > EXPORT_MAX ? ` (the first ${EXPORT_MAX}; narrow the search for the rest)` : ''}.`;
}
exportRis.addEventListener('click', () => void exportResults('ris'));
exportBib.addEventListener('click', () => void exportResults('bib'));

writeForm(request);
statusLine.textContent = docCount > 0 ? statusLine.textContent : 'Loading the search index…';
// Asked at once: answered as soon as the index is open and the query's shards are in.
run(false);
// On a phone the filters would push every result below the fold: start them folded.
const filters = document.getElementById('facets') as HTMLDetailsElement | null;
if (filters && matchMedia('(max-width: 48rem)').matches) filters.open = false;
