/** Importing records as data: the dry run's or the import's report, and the placements whose household is not known. */
import { paths } from '../../http/paths.ts';
import type { ImportJob, ImportReport } from '../../services/ssda903-import.ts';
import { formatDate, linkTo, type Cell, type SummaryRow, type Table } from './common.ts';

const FILE_KINDS: Record<string, string> = {
  header: 'Header',
  episodes: 'Episodes',
  uasc: 'UASC',
  reviews: 'Reviews',
  missing: 'Missing',
  swEpisodes: 'Social worker episodes',
  register: "Carers' register",
  details: "Children's details",
};

/** What the import did, or would do: one summary row per kind of record. */
export function importSummary(r: ImportReport): SummaryRow[] {
  const c = r.children;
  const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } });
  return [
    row('Files', r.files.map((f) => `${f.name}: ${FILE_KINDS[f.kind] ?? f.kind}${f.year === 'previous' ? ' (last year)' : ''}, ${f.rows} rows`).join('; ') || 'None recognised'),
    row('Children', `${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.leftOut} left out because of errors${c.failed ? `, ${c.failed} failed` : ''}`),
    row('Names', c.namesNotRecorded ? `${c.namesNotRecorded} ${c.namesNotRecorded === 1 ? 'child' : 'children'} with no name recorded (named "Child" and their CHILD id until it is: the children's details file, or their social worker)` : 'Every child has a name recorded'),
    row('Placements', `${r.placements.created} created: ${r.placements.linkedToRegister} linked to a household in the register, ${r.placements.householdNotKnown} with the household not known (to link by hand)`),
    row('Households', `${r.households.created} created, ${r.households.updated} updated, ${r.households.unchanged} unchanged`),
    row('Social workers', `${r.socialWorkers.matched} matched by their social worker ID (SW_ID), ${r.socialWorkers.created} created as inactive staff`),
    row('Row errors', String(r.errors.length)),
  ];
}

export const errorHead: Table['head'] = [{ text: 'File' }, { text: 'Line', format: 'numeric' }, { text: 'Column' }, { text: 'Child' }, { text: 'Problem' }];

/** Every row error: file, line, column, child and the message (with the DfE rule where one applies). */
export function errorRows(r: ImportReport, limit = 500): Cell[][] {
  return r.errors.slice(0, limit).map((e) => [
    { text: e.file },
    { text: String(e.line), format: 'numeric' },
    { text: e.column ?? '' },
    { text: e.child ?? '' },
    { text: e.rule ? `${e.message} (DfE rule ${e.rule})` : e.message },
  ]);
}

export const changeHead: Table['head'] = [{ text: 'Child' }, { text: 'What' }, { text: 'Details' }];
const OUTCOMES = { created: 'Create', updated: 'Update', unchanged: 'No change', failed: 'Failed' } as const;
const DONE = { created: 'Created', updated: 'Updated', unchanged: 'No change', failed: 'Failed' } as const;

/** What happens to each child that changes (at most `limit`). */
export function changeRows(r: ImportReport, limit = 200): Cell[][] {
  return r.changes
    .filter((c) => c.outcome !== 'unchanged')
    .slice(0, limit)
    .map((c) => [{ text: c.reference }, { text: r.dryRun ? OUTCOMES[c.outcome] : DONE[c.outcome] }, { text: c.changes.join('; ') }]);
}

type Unresolved = {
  childId: string;
  childReference: string;
  startDate: string;
  endDate: string | null;
  placementType: string;
  provider: string | null;
  urn: string | null;
  plPost: string | null;
  householdId: string;
  householdReference: string;
};

export const unresolvedHead: Table['head'] = [{ text: 'Child' }, { text: 'Placement' }, { text: 'Type' }, { text: 'Postcode (PL_POST)' }, { text: 'Provider and URN' }, { text: 'Kept as' }];

/** One placement whose carers were not found in the register: the child, its dates and what the return said. */
export function unresolvedRow(p: Unresolved): Cell[] {
  return [
    { parts: [linkTo(paths.children.show(p.childId), p.childReference)] },
    { text: `${formatDate(p.startDate)} to ${p.endDate ? formatDate(p.endDate) : 'now'}` },
    { text: p.placementType },
    { text: p.plPost ?? 'Not given' },
    { text: [p.provider, p.urn].filter(Boolean).join(', ') || 'Not given' },
    { text: p.householdReference },
  ];
}

/** The households kept as not known, once each, for the link form (value: its id). */
export function notKnownItems(items: readonly Unresolved[]): { value: string; text: string }[] {
  const seen = new Map<string, string>();
  for (const p of items) if (!seen.has(p.householdId)) seen.set(p.householdId, `${p.householdReference}: ${p.childReference}, from ${formatDate(p.startDate)}${p.plPost ? `, ${p.plPost}` : ''}`);
  return [...seen].map(([value, t]) => ({ value, text: t }));
}

/** A job still running, failed or interrupted, as the progress page shows it. */
export function jobProgress(job: Pick<ImportJob, 'dryRun' | 'status' | 'done' | 'total' | 'error'>): { running: boolean; status: string; percent: number; problem: string | null } {
  const percent = job.total ? Math.floor((job.done / job.total) * 100) : 0;
  const verb = job.dryRun ? 'checked' : 'imported';
  const count = job.total ? `${job.done.toLocaleString('en-GB')} of ${job.total.toLocaleString('en-GB')} children ${verb} (${percent}%)` : 'Reading the files';
  if (job.status === 'running') return { running: true, status: count, percent, problem: null };
  if (job.status === 'interrupted')
    return { running: false, status: `Stopped: ${count}`, percent, problem: 'The server stopped while this ran. Nothing of a dry run was kept; an import keeps every child written so far. Upload the files again: importing them again carries on where it stopped and changes nothing already done.' };
  return { running: false, status: `Stopped: ${count}`, percent, problem: job.error ?? 'The import stopped.' };
}
