/** The sufficiency report as CSV for the Fostering Panel: one section per part, each with its own header row. */
import { csvLine } from '../money/csv.ts';
import { SEARCH_OUTCOMES, type SufficiencyReport } from './index.ts';

export function sufficiencyCsv(r: SufficiencyReport): string {
  const out: string[] = [];
  out.push(csvLine(['section', 'item', 'value']));
  out.push(csvLine(['period', 'from', r.from]), csvLine(['period', 'to', r.to]));
  for (const [k, v] of Object.entries(r.totals)) out.push(csvLine(['totals', k, v]));
  out.push('', csvLine(['requests', 'reference', 'created_on', 'status', 'search_outside', 'enquiries', 'offers']));
  for (const q of r.requests) out.push(csvLine(['requests', q.reference, q.createdOn, q.status, q.search ? SEARCH_OUTCOMES[q.search.outcome] : 'none', q.search?.enquiries ?? 0, q.search?.offers ?? 0]));
  out.push('', csvLine(['placements', 'in_or_out_of_area', 'start_date', 'household', 'fostering_service']));
  for (const p of r.placementsInArea) out.push(csvLine(['placements', 'in area', p.startDate, p.householdReference, p.fosteringServiceName]));
  for (const p of r.placementsOutOfArea) out.push(csvLine(['placements', 'out of area', p.startDate, p.householdReference, p.fosteringServiceName]));
  out.push('', csvLine(['level_4_households', 'household', 'approved_children', 'placed', 'places_free', 'parent_and_child_in_place', 'parent_and_child_vacancy']));
  for (const h of r.households) out.push(csvLine(['level_4_households', h.reference, h.approvedChildren, h.placed, h.free, h.parentAndChildActive ? 'yes' : 'no', h.vacancy ? 'yes' : 'no']));
  return `${out.join('\r\n')}\r\n`;
}
