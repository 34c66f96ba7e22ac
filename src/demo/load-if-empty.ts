import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../data/db.ts';
import { loadDemoData, type DemoSummary } from './load.ts';
import { todayInEngland } from '../domain/dates.ts';

/** First start: an empty database gets the synthetic demo authority. Later starts keep what users entered. */
export async function loadDemoDataIfEmpty(database: Database, opts: { children: number; env: string }): Promise<DemoSummary | null> {
  if (opts.env === 'production') return null;
  const rows = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from organisation`);
  if ((rows[0]?.n ?? 0) > 0) return null;
  return loadDemoData(database.db, { children: opts.children, today: todayInEngland(new Date()) });
}
