import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complianceBy, compliancePeriod, complianceTotals, formatShare, type ComplianceItem } from './compliance.ts';
import { englandAndWales } from '../calendar/index.ts';

const items: (ComplianceItem & { team: string })[] = [
  { status: 'completed_on_time', dueOn: '2026-01-10', team: 'A' },
  { status: 'completed_on_time', dueOn: '2026-02-10', team: 'A' },
  { status: 'completed_late', dueOn: '2026-02-11', team: 'B' },
  { status: 'overdue', dueOn: '2026-03-01', team: 'B' },
  { status: 'overdue', dueOn: '2025-06-01', team: 'A' }, // overdue, but fell due before the period
  { status: 'due_soon', dueOn: '2026-03-20', team: 'A' },
  { status: 'not_yet_due', dueOn: '2026-06-20', team: 'B' },
  { status: 'completed_on_time', dueOn: '2025-12-31', team: 'B' }, // before the period
  { status: 'not_applicable', dueOn: '2026-02-01', team: 'B' },
];

test('totals: open obligations by status; on-time share among those that fell due in the period', () => {
  const t = complianceTotals(items, '2026-01-01', '2026-03-31');
  assert.deepEqual(
    { overdue: t.overdue, dueSoon: t.dueSoon, notYetDue: t.notYetDue, onTime: t.onTime, late: t.late, missed: t.missed },
    { overdue: 2, dueSoon: 1, notYetDue: 1, onTime: 2, late: 1, missed: 1 },
  );
  assert.equal(t.onTimeShare, 0.5);
  assert.equal(formatShare(t.onTimeShare), '50%');
});

test('nothing fell due in the period: no share, shown as a dash', () => {
  const t = complianceTotals(items, '2027-01-01', '2027-03-31');
  assert.equal(t.onTimeShare, null);
  assert.equal(formatShare(null), '–');
});

test('by group: most overdue first, each with its own share', () => {
  const groups = complianceBy(items, (i) => ({ key: i.team, label: `Team ${i.team}` }), '2026-01-01', '2026-03-31');
  assert.deepEqual(
    groups.map((g) => [g.label, g.overdue, g.onTime, g.late, g.missed, g.onTimeShare]),
    [
      ['Team A', 1, 2, 0, 0, 1],
      ['Team B', 1, 0, 1, 1, 0],
    ],
  );
  assert.deepEqual(complianceBy(items, () => null, '2026-01-01', '2026-03-31'), []);
});

test('the period: by default the last three months up to today; bad or backwards dates are refused', () => {
  const months = (d: string, n: number) => englandAndWales.addCalendarMonths(d, n);
  assert.deepEqual(compliancePeriod({}, '2026-11-25', months), { ok: true, from: '2026-08-25', to: '2026-11-25' });
  assert.deepEqual(compliancePeriod({ from: '2026-01-01', to: '' }, '2026-11-25', months), { ok: true, from: '2026-01-01', to: '2026-11-25' });
  assert.deepEqual(compliancePeriod({ from: '2026-02-30' }, '2026-11-25', months), { ok: false, errors: [{ field: 'from', message: 'The start of the period must be a real date' }] });
  assert.deepEqual(compliancePeriod({ from: '2026-02-01', to: '2026-01-01' }, '2026-11-25', months), {
    ok: false,
    errors: [{ field: 'to', message: 'The end of the period must be the same as or after its start' }],
  });
});
