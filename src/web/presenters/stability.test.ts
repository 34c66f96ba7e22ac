import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childConcernsSection, concernFields, concernsTable, consultationFields, consultationsSection, consultationsTable, meetingStatusRows, stabilitySection, type ConcernFacts } from './stability.ts';

const P = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const CHILD = '0d6f2c1a-5b3e-4c7d-9a8b-1e2f3a4b5c6d';
const concern: ConcernFacts = {
  id: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  raisedOn: '2026-11-23',
  whatWasSeen: 'Came home late twice',
  raisedByRole: 'foster_carer',
  raisedByName: 'Jo Carer',
  seriousness: 'high',
  recordedByName: 'Sally Supervisor',
  recordedAt: new Date('2026-11-23T14:05:00Z'),
};

test('a concern as a table row: when, how serious as a tag, what was seen, who raised it and who recorded it (in England’s time)', () => {
  const t = concernsTable([concern]);
  assert.deepEqual(t.head, [{ text: 'Raised' }, { text: 'How serious' }, { text: 'What was seen' }, { text: 'Raised by' }, { text: 'Recorded by' }]);
  assert.deepEqual(t.rows[0], [
    { text: '23 November 2026' },
    { parts: [{ tag: { text: 'High', classes: 'govuk-tag--red' } }] },
    { text: 'Came home late twice' },
    { parts: [{ text: 'Jo Carer' }, { text: 'The foster carers (through their supervising social worker)', hint: true }] },
    { parts: [{ text: 'Sally Supervisor' }, { text: '23 November 2026 at 2:05pm', hint: true }] },
  ]);
  const child = childConcernsSection([{ ...concern, householdReference: 'H00012', placementId: P }]);
  assert.deepEqual(child.table.rows[0]?.[4], { parts: [{ text: 'Household H00012', href: `/placements/${P}` }] });
});

test('where the meetings stand: the one due, with the concern that started it; meetings held; the link to record a concern for those who may', () => {
  const open = [{ id: 'x', status: 'not_yet_due', statusLabel: 'Not yet due', dueOn: '2026-11-30', dueText: 'due in 3 working days', startedOn: '2026-11-23', completedOn: null }];
  const rows = meetingStatusRows(P, open, [{ number: 1, completedOn: '2026-10-01', completedByName: 'Sally' }], { canRecordConcern: true });
  assert.deepEqual(rows[0]?.value, { parts: [{ text: 'Due by 30 November 2026 (due in 3 working days)' }, { text: 'Started by the concern raised on 23 November 2026', hint: true }] });
  assert.deepEqual(rows[0]?.actions?.items[0], { href: `/placements/${P}/planning/psm`, text: 'Record the meeting', visuallyHiddenText: 'of the Placement Support Meeting' });
  assert.deepEqual(rows[1]?.value, { parts: [{ text: '1 (latest on 1 October 2026)' }, { text: 'View the latest minutes', href: `/placements/${P}/planning/psm/versions/1` }] });
  assert.deepEqual(rows[2]?.value, { parts: [{ text: 'Record a concern about this placement', href: `/placements/${P}/concerns/new` }] });
  const none = meetingStatusRows(P, [{ ...open[0]!, completedOn: '2026-11-24' }], [], { canRecordConcern: false });
  assert.deepEqual(none[0]?.value, { text: 'None due: a concern about the placement starts one' });
  assert.deepEqual(none[1]?.value, { text: 'None yet' });
  assert.equal(none.length, 2);
  const section = stabilitySection(P, [], [], [], { canRecordConcern: false });
  assert.equal(section.id, 'stability');
  assert.equal(section.empty, 'No concerns recorded about this placement.');
});

test('the concern form: seriousness as radios with what each level means', () => {
  const fields = concernFields();
  assert.deepEqual(fields.map((f) => f.name), ['raisedOn', 'whatWasSeen', 'raisedByRole', 'raisedByName', 'seriousness']);
  const s = fields.find((f) => f.name === 'seriousness');
  assert.deepEqual(s?.items?.map((i) => i.value), ['low', 'medium', 'high']);
  assert.match(s?.items?.[2]?.hint?.text ?? '', /may end without support now/);
});

test('consultations with the Virtual School: who, the question and the advice; the form lists each school’s contacts', () => {
  const t = consultationsTable([
    { consultedOn: '2026-11-24', virtualSchoolName: 'Testford Virtual School', consultedName: 'Pat Virtual', question: 'A change of school?', advice: 'Keep the place', recordedByName: 'Sam', recordedAt: new Date('2026-11-24T10:00:00Z') },
  ]);
  assert.deepEqual(t.rows[0], [
    { text: '24 November 2026' },
    { parts: [{ text: 'Pat Virtual' }, { text: 'Testford Virtual School', hint: true }] },
    { text: 'A change of school?' },
    { text: 'Keep the place' },
    { parts: [{ text: 'Sam' }, { text: '24 November 2026 at 10am', hint: true }] },
  ]);
  const fields = consultationFields([{ id: 'vs-1', name: 'Testford Virtual School', contacts: [{ id: 'c-1', fullName: 'Pat Virtual', role: 'Head' }] }]);
  assert.deepEqual(fields.find((f) => f.name === 'contactId')?.items, [
    { value: '', text: 'Not listed' },
    { value: 'c-1', text: 'Pat Virtual, Head (Testford Virtual School)' },
  ]);
  const section = consultationsSection(CHILD, [], { canRecord: true });
  assert.deepEqual(section.summary?.[0]?.value, { parts: [{ text: 'Record a consultation with the Virtual School', href: `/children/${CHILD}/consultations/new` }] });
  assert.equal(consultationsSection(CHILD, [], { canRecord: false }).summary, undefined);
});
