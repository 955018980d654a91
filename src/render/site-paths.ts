/** Permalinks (PRODUCT.md section 3). Links are relative, so the site works from any folder or host. */
export const studyPath = (pmid: string) => `studies/${pmid}/index.html`;
export const topicPath = (id: string) => `topics/${id}/index.html`;
export const searchPath = (params?: URLSearchParams) =>
  `search/index.html${params && [...params].length > 0 ? `?${params.toString()}` : ''}`;

/** '.' for the root page, '..' one folder down, '../..' two down. */
export function rootFor(path: string): string {
  const depth = path.split('/').length - 1;
  return depth === 0 ? '.' : Array.from({ length: depth }, () => '..').join('/');
}
