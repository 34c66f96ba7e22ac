/** A value from a parsed query string: the first when the name is repeated, trimmed, and undefined when blank. */
export function queryString(query: unknown, name: string): string | undefined {
  if (!query || typeof query !== 'object') return undefined;
  const raw: unknown = Object.getOwnPropertyDescriptor(query, name)?.value;
  const v = Array.isArray(raw) ? raw[0] : raw;
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** The `page` of a paged list page: a whole number, or undefined for anything else (the first page). */
export function queryPage(query: unknown): number | undefined {
  const raw = queryString(query, 'page');
  return raw && /^\d{1,7}$/.test(raw) ? Number(raw) : undefined;
}
