/** Reading a list a page at a time with its true total: shared by every paged list (pages and API). */
import { API_LIMIT_MAX, pageWindow, type PageOf } from '../domain/paging.ts';

/** The page asked for and its size (at most API_LIMIT_MAX); without them, the first API_LIMIT_MAX records. */
export type Paging = { page?: number | undefined; size?: number | undefined };

/** A page of a list, its true total, and whether more come after it (`truncated`, as the API has always said). */
export type Listed<T> = PageOf<T> & { truncated: boolean };

/**
 * Count what matches, then read the page asked for (or the nearest that exists: see pageWindow),
 * `size` records from `offset` in the list's order. Both reads belong in the caller's transaction.
 */
export async function readPage<T>(paging: Paging, count: () => Promise<number>, read: (limit: number, offset: number) => Promise<T[]>): Promise<Listed<T>> {
  const total = await count();
  const w = pageWindow(total, paging.page, Math.min(paging.size ?? API_LIMIT_MAX, API_LIMIT_MAX));
  const items = total > 0 ? await read(w.size, w.offset) : [];
  // `truncated`: more records come after this page (on the last page, none do, whatever the total).
  return { items, total, page: w.page, pages: w.pages, pageSize: w.size, truncated: w.offset + items.length < total };
}

/** The same page with each record turned into what the caller gives back. */
export async function mapPage<T, U>(listed: Listed<T>, f: (items: T[]) => U[] | Promise<U[]>): Promise<Listed<U>> {
  return { ...listed, items: await f(listed.items) };
}
