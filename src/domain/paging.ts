/**
 * Paging a list: the pages of `total` records, `size` to a page, and which of them to show. Every
 * paged list (pages and API) reads its window from here, so page 0, a page past the last and a page
 * that is not a number all mean the same everywhere.
 */

/** Records on a page of a list page. */
export const PAGE_SIZE = 50;

/** The most records one API answer may hold (its `limit`). */
export const API_LIMIT_MAX = 500;

/** Which page to read: its number, how many pages there are, and the records it skips and takes. */
export type PageWindow = { page: number; pages: number; offset: number; size: number };

/** A page of a list with its true total. */
export type PageOf<T> = { items: T[]; total: number; page: number; pages: number; pageSize: number };

/**
 * The page to show of `total` records `size` to a page: the one asked for, or the nearest that exists
 * (a page past the last shows the last; nothing, zero or nonsense shows the first). There is always
 * at least one page, empty when nothing matches.
 */
export function pageWindow(total: number, requested: number | undefined, size: number = PAGE_SIZE): PageWindow {
  const perPage = Math.max(1, Math.floor(size) || 1);
  const pages = Math.max(1, Math.ceil(Math.max(0, total) / perPage));
  const asked = requested !== undefined && Number.isFinite(requested) ? Math.floor(requested) : 1;
  const page = Math.min(Math.max(1, asked), pages);
  return { page, pages, offset: (page - 1) * perPage, size: perPage };
}
