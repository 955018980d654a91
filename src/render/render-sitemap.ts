import { escapeXml } from './xml-text.ts';

/** sitemaps.org XML. Needs absolute URLs; without a site URL it lists paths (a note for the host to fill in). */
export function renderSitemap(paths: string[], siteUrl: string | null): string {
  const urls = paths
    .map((path) => `  <url><loc>${escapeXml(siteUrl ? new URL(path, siteUrl).href : path)}</loc></url>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}
