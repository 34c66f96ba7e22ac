/**
 * CSV for finance: one row per line of each arrangement's weekly amount, with the budget that pays it
 * (the fostering budget, or the child-care team with the budget code it gave), for a chosen week.
 */
import type { IsoDate } from '../dates.ts';
import { ALLOWANCE_REQUEST_STATUSES, PAYERS, type WeeklyAmount } from './parent-and-child.ts';

/** Spreadsheet programs run cells that start with these as formulas: prefix them so they stay text. */
const safeCell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const cell = (v: string | number | null) => {
  const s = safeCell(v === null ? '' : String(v));
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
export const csvLine = (cells: readonly (string | number | null)[]) => cells.map(cell).join(',');

const pounds = (pence: number) => (pence / 100).toFixed(2);

export type FinanceCsvRow = { reference: string; householdReference: string; weekly: WeeklyAmount };

export function financeCsv(weekStarting: IsoDate, rows: readonly FinanceCsvRow[]): string {
  const header = ['week_starting', 'arrangement', 'household', 'priced_on', 'rate_card_from', 'line', 'age', 'age_band', 'skill_level', 'budget', 'budget_code', 'request_status', 'weekly_amount_gbp'];
  const out = [csvLine(header)];
  for (const r of rows) {
    for (const l of r.weekly.lines) {
      out.push(
        csvLine([
          weekStarting,
          r.reference,
          r.householdReference,
          r.weekly.day,
          r.weekly.cardEffectiveFrom,
          l.description,
          l.age,
          l.band,
          l.level,
          PAYERS[l.payer],
          l.budgetCode,
          l.requestStatus ? ALLOWANCE_REQUEST_STATUSES[l.requestStatus] : null,
          pounds(l.weeklyPence),
        ]),
      );
    }
    for (const p of r.weekly.problems) out.push(csvLine([weekStarting, r.reference, r.householdReference, r.weekly.day, r.weekly.cardEffectiveFrom, `Not priced: ${p}`, null, null, null, null, null, null, null]));
  }
  return `${out.join('\r\n')}\r\n`;
}
