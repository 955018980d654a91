import { scaleBand, scaleLinear } from 'd3-scale';
import { stack } from 'd3-shape';
import { escapeHtml } from './escape-html.ts';
import { DESIGN_GROUPS } from './study-facts.ts';

export interface TimelineView {
  svg: string;
  /** The same numbers as a table: the chart's text alternative. */
  rows: { year: number; counts: number[]; total: number }[];
  series: { label: string; className: string }[];
  empty: boolean;
}

/**
 * Studies per year, stacked by design group: inline SVG computed at build time with d3-scale and
 * d3-shape (no script, no request, no inline style: colours come from CSS classes, so dark mode and
 * print restyle it). `counts[year][group]`.
 */
export function renderTimeline(counts: Map<number, number[]>, title: string): TimelineView {
  const series = DESIGN_GROUPS.map((group, i) => ({ label: group.label, className: `series-${i}` }));
  const years = [...counts.keys()].sort((a, b) => a - b);
  if (years.length === 0) return { svg: '', rows: [], series, empty: true };
  const first = years[0] as number;
  const last = years.at(-1) as number;
  const allYears = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const rows = allYears.map((year) => {
    const row = counts.get(year) ?? DESIGN_GROUPS.map(() => 0);
    return { year, counts: row, total: row.reduce((a, b) => a + b, 0) };
  });
  const width = 720;
  const height = 220;
  const margin = { top: 10, right: 10, bottom: 28, left: 40 };
  const x = scaleBand<number>()
    .domain(allYears)
    .range([margin.left, width - margin.right])
    .padding(0.15);
  const max = Math.max(1, ...rows.map((row) => row.total));
  const y = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([height - margin.bottom, margin.top]);
  const stacked = stack<{ year: number; counts: number[] }, number>()
    .keys(DESIGN_GROUPS.map((_, i) => i))
    .value((row, key) => row.counts[key] ?? 0)(rows);
  const parts: string[] = [];
  for (const tick of y.ticks(4)) {
    const ty = y(tick).toFixed(1);
    parts.push(
      `<line class="grid" x1="${margin.left}" x2="${width - margin.right}" y1="${ty}" y2="${ty}"/>`,
      `<text class="tick" x="${margin.left - 6}" y="${ty}" dy="0.32em" text-anchor="end">${tick}</text>`,
    );
  }
  stacked.forEach((layer, i) => {
    const rects = layer
      .filter((point) => point[1] > point[0])
      .map((point) => {
        const year = point.data.year;
        const top = y(point[1]);
        return `<rect x="${(x(year) ?? 0).toFixed(1)}" y="${top.toFixed(1)}" width="${x.bandwidth().toFixed(1)}" height="${(y(point[0]) - top).toFixed(1)}"><title>${year}: ${point[1] - point[0]} ${escapeHtml(DESIGN_GROUPS[i]?.label ?? '')}</title></rect>`;
      });
    parts.push(`<g class="series-${i}">${rects.join('')}</g>`);
  });
  const every = Math.max(1, Math.ceil(allYears.length / 12));
  allYears.forEach((year, i) => {
    if (i % every !== 0 && i !== allYears.length - 1) return;
    const cx = ((x(year) ?? 0) + x.bandwidth() / 2).toFixed(1);
    parts.push(
      `<text class="tick" x="${cx}" y="${height - margin.bottom + 16}" text-anchor="middle">${year}</text>`,
    );
  });
  const svg =
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}" focusable="false">` +
    `${parts.join('')}</svg>`;
  return { svg, rows: rows.filter((row) => row.total > 0), series, empty: false };
}
