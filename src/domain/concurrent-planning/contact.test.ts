import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContactSessionInput, contactSessionProblems, observationLines, observationsCsv } from './contact.ts';

const plan = { startsOn: '2026-11-02', endsOn: null };

test('a session held needs who attended, both handovers and the observations; one not held needs why, and a cancelled one who cancelled', () => {
  const held = ContactSessionInput.parse({ sessionDate: '2026-11-04', outcome: 'took_place' });
  assert.deepEqual(contactSessionProblems(held, plan, '2026-11-25').map((p) => p.field), ['whoAttended', 'handoverAtStartByCarers', 'handoverAtEndByCarers', 'observations']);
  const cancelled = ContactSessionInput.parse({ sessionDate: '2026-11-26', outcome: 'cancelled' });
  assert.deepEqual(contactSessionProblems(cancelled, plan, '2026-11-25').map((p) => p.field), ['sessionDate', 'notHeldReason', 'cancelledBy']);
  const ok = ContactSessionInput.parse({ sessionDate: '2026-11-04', outcome: 'took_place', whoAttended: 'Mother', handoverAtStartByCarers: 'yes', handoverAtEndByCarers: 'no', observations: 'Warm greeting' });
  assert.deepEqual(contactSessionProblems(ok, plan, '2026-11-25'), []);
  assert.equal(contactSessionProblems(ok, plan, '2026-11-03')[0]?.field, 'sessionDate');
});

test("the observations for the parents' assessment: oldest first, every session, as CSV with formulas defused", () => {
  const lines = observationLines([
    { sessionDate: '2026-11-11', outcome: 'cancelled', whoAttended: '', handoverAtStartByCarers: null, handoverAtEndByCarers: null, observations: '', cancelledBy: 'parents', notHeldReason: 'Mother unwell' },
    { sessionDate: '2026-11-04', outcome: 'took_place', whoAttended: 'Mother, father', handoverAtStartByCarers: true, handoverAtEndByCarers: false, observations: '=Warm, attentive', cancelledBy: null, notHeldReason: '' },
  ]);
  assert.deepEqual(lines.map((l) => l.date), ['2026-11-04', '2026-11-11']);
  assert.equal(lines[0]?.handovers, 'Start: by the carers; end: not by the carers');
  assert.equal(lines[1]?.notHeld, 'Cancelled by the parents (birth family): Mother unwell');
  const csv = observationsCsv(lines);
  assert.match(csv, /2026-11-04,Took place,"Mother, father",Start: by the carers; end: not by the carers,"'=Warm, attentive",\r\n/);
});
