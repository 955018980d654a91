export interface LayoutView {
  title: string;
  description: string;
  root: string;
  siteTitle: string;
  /** Which nav item is the current page. */
  nav: { home: boolean; topics: boolean; search: boolean; about: boolean };
  topics: { label: string; url: string }[];
  dataAsOf: string;
  csp: string;
  /** Classic scripts run at once (search-boot.js fetches the first index files early); module ones deferred. */
  scripts: { src: string; module: boolean }[];
  feedUrl: string;
}

/**
 * No inline script or style anywhere, no other origin: scripts, styles and the search index come from the
 * site itself; no workers. (frame-ancestors is ignored in a meta tag; `serve` sends it as a header.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export { formatDate } from './format-count.ts';
