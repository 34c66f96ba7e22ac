/**
 * What an API token may do. A token reads only ("read") or reads and changes ("read_write") what its
 * user's role allows; it lasts a set number of days (API_TOKEN_DAYS by default, at most a year), so a
 * forgotten integration's secret stops working by itself.
 */
export const TOKEN_SCOPES = ['read', 'read_write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const TOKEN_SCOPE_LABELS: Record<TokenScope, string> = { read: 'Read only', read_write: 'Read and change' };

/** The longest a token may last, in days. */
export const TOKEN_MAX_DAYS = 366;

export function isTokenScope(value: unknown): value is TokenScope {
  return typeof value === 'string' && (TOKEN_SCOPES as readonly string[]).includes(value);
}

/** Whether a request with this method may be made with a token of this scope: a read-only token only reads. */
export function tokenAllows(scope: TokenScope, method: string): boolean {
  return scope === 'read_write' || method === 'GET' || method === 'HEAD';
}
