import { expandPages } from './format-pages.ts';

/** "139-48" -> start 139, end 148; "e2305772120" -> start only. */
export function splitPages(pages: string): { start: string; end: string | null } {
  const first = expandPages(pages.split(/\s*,\s*/)[0] ?? pages);
  const match = /^(\S+?)-(\S+)$/.exec(first);
  return match ? { start: match[1] ?? first, end: match[2] ?? null } : { start: first, end: null };
}
