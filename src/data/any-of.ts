import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * `column = ANY (ids)` with the ids sent as one parameter. `inArray` sends one parameter per id, and
 * PostgreSQL refuses a statement with more than 65,535: a large authority has more households than
 * that. No ids matches nothing.
 */
export function anyOf(column: PgColumn | SQL, ids: readonly string[]): SQL {
  if (!ids.length) return sql`false`;
  return sql`${column} = ANY (string_to_array(${ids.join(',')}, ',')::uuid[])`;
}
