import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  childDocumentsTable,
  childFormValues,
  childListRow,
  childSummary,
  NAME_NOT_RECORDED,
  legalStatusTable,
  missingTable,
  placementsTable,
  childAtAGlance,
  returnCheckTable,
  rowListViews,
  siblingsTable,
  type SummaryChild,
} from './children.ts';

const CHILD = '0b7c4f5e-5d1a-4c1e-9d2b-6f0a1e2d3c4b';
const SIB = '1c8d5a6f-6e2b-4d2f-8e3c-7a1b2f3e4d5c';
const HH = '2d9e6b7a-7f3c-4e3a-9f4d-8b2c3a4f5e6d';
const PL = '5a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const LEGAL_STATUS = '5ac19e0d-ac6f-4b6d-9c7a-be5f6d7c8b9a';
const RA = '4fb08d9c-9b5e-4a5c-8b6f-ad4e5c6b7a8f';
const MISSING = '3eaf7c8b-8a4d-4f4b-8a5e-9c3d4b5a6f7e';

const child: SummaryChild = {
  reference: 'C123456',
  firstName: 'Sam',
  lastName: 'Taylor',
  nameRecorded: true,
  otherNames: [{ name: 'Sammy', kind: 'nickname' }],
  familyMembers: [],
  dateOfBirth: '2015-03-27',
  age: 11,
  sex: 'F',
  ethnicity: 'WBRI',
  upn: 'UN1',
  responsibleAuthorityName: 'Northshire',
  socialWorkerName: null,
  iroName: 'Ira Officer',
  categoryOfNeed: 'N1',
  currentLegalStatus: { id: LEGAL_STATUS, childId: CHILD, code: 'C2', startDate: '2024-01-05', endDate: null },
  homePostcode: null,
  uasc: true,
  uascCeasedOn: '2026-03-27',
  isMother: false,
  motherChildDob: null,
};

test('a row of the children list links the name and formats the date of birth', () => {
  const row = childListRow({
    id: CHILD,
    firstName: 'Sam',
    lastName: 'Taylor',
    nameRecorded: true,
    reference: 'C123456',
    dateOfBirth: '2015-03-27',
    age: 11,
    currentLegalStatus: 'C2',
    socialWorkerName: null,
    responsibleAuthorityName: 'Northshire',
  });
  assert.deepEqual(row, [
    { parts: [{ text: 'Sam Taylor', href: `/children/${CHILD}` }] },
    { text: 'C123456' },
    { text: '27 March 2015' },
    { text: '11', format: 'numeric' },
    { text: 'C2: Full care order' },
    { text: 'Not allocated' },
    { text: 'Northshire' },
  ]);
});

test('an imported child whose name is not yet recorded: the placeholder is marked in the list and on the record', () => {
  const item = { id: CHILD, firstName: 'Child', lastName: 'C000012', nameRecorded: false, reference: 'C000012', dateOfBirth: '2015-03-27', age: 11, currentLegalStatus: null, socialWorkerName: null, responsibleAuthorityName: 'Northshire' };
  assert.deepEqual(childListRow(item)[0], { parts: [{ text: 'Child C000012', href: `/children/${CHILD}` }, { tag: NAME_NOT_RECORDED, inline: true }] });
  const name = childSummary({ ...child, firstName: 'Child', lastName: 'C000012', nameRecorded: false }).find((r) => r.key.text === 'Name')?.value;
  assert.ok(name && 'parts' in name);
  assert.deepEqual(name.parts.slice(0, 2), [{ text: 'Child C000012' }, { tag: NAME_NOT_RECORDED, inline: true }]);
  assert.deepEqual(childSummary(child).find((r) => r.key.text === 'Name')?.value, { text: 'Sam Taylor' });
});

test("the child's summary shows other names as a list, codes with their meaning and dates one way", () => {
  const rows = childSummary(child);
  const value = (key: string) => rows.find((r) => r.key.text === key)?.value;
  assert.deepEqual(value('Other names'), { parts: [{ list: ['Sammy (nickname or preferred name)'] }] });
  assert.deepEqual(value('Family members'), { text: 'None recorded' });
  assert.deepEqual(value('Date of birth'), { text: '27 March 2015 (age 11)' });
  assert.deepEqual(value('Sex'), { text: 'Female' });
  assert.deepEqual(value('UPN'), { text: 'UN1: Not of school age' });
  assert.deepEqual(value('Allocated social worker'), { text: 'Not allocated' });
  assert.deepEqual(value('Category of need'), { text: 'N1: Abuse or neglect' });
  assert.deepEqual(value('Current legal status'), { text: 'C2: Full care order, since 5 January 2024' });
  assert.deepEqual(value('Home postcode'), { text: 'Not recorded' });
  assert.deepEqual(value('Unaccompanied asylum-seeking child'), { text: 'Yes, until 27 March 2026' });
  assert.deepEqual(value('Is a mother'), { text: 'No' });
  assert.equal(childSummary({ ...child, sex: 'M' }).find((r) => r.key.text === 'Is a mother'), undefined);
});

test('legal statuses say when the period of care ended, and why', () => {
  const table = legalStatusTable({
    legalStatuses: [
      { code: 'C2', startDate: '2024-01-05', endDate: '2025-06-30' },
      { code: 'V2', startDate: '2023-10-01', endDate: null },
    ],
    careEndings: [{ endedOn: '2025-06-30', reason: 'E11' }],
  });
  assert.deepEqual(table.rows[0]!.slice(0, 3), [{ text: 'C2: Full care order' }, { text: '5 January 2024' }, { text: '30 June 2025' }]);
  assert.match((table.rows[0]![3] as { text: string }).text, /^E11: /);
  assert.deepEqual(table.rows[1]![2], { text: 'No end date' });
  assert.deepEqual(table.rows[1]![3], { text: '' });
});

test('siblings link to their records, and an unlink link (to a confirmation page) only for someone who may change them', () => {
  const siblings = [{ id: SIB, firstName: 'Alex', lastName: 'Taylor', reference: 'C654321', dateOfBirth: '2017-05-01' }];
  const readOnly = siblingsTable(CHILD, siblings);
  assert.equal(readOnly.head.length, 3);
  assert.deepEqual(readOnly.rows[0], [{ parts: [{ text: 'Alex Taylor', href: `/children/${SIB}` }] }, { text: 'C654321' }, { text: '1 May 2017' }]);
  const writable = siblingsTable(CHILD, siblings, true);
  assert.deepEqual(writable.head[3], { parts: [{ text: 'Actions', visuallyHidden: true }] });
  assert.deepEqual(writable.rows[0]![3], {
    parts: [{ text: 'Unlink', href: `/children/${CHILD}/siblings/${SIB}/unlink`, hidden: 'Alex Taylor' }],
  });
});

test('each placement links to its page first, then to the household, and spells out the placement type', () => {
  const rows = placementsTable([{ id: PL, householdId: HH, householdReference: 'H0001', startDate: '2025-02-03', endDate: null, placementType: 'U1', status: 'active' }]).rows;
  assert.deepEqual(rows[0]![0], { parts: [{ text: 'From 3 February 2025', href: `/placements/${PL}`, hidden: ': placement with household H0001' }] });
  assert.deepEqual(rows[0]![1], { text: '' });
  assert.deepEqual(rows[0]![2], { parts: [{ text: 'H0001', href: `/households/${HH}` }] });
  assert.match((rows[0]![3] as { text: string }).text, /^U1: /);
  assert.deepEqual(rows[0]![4], { text: 'Active' });
});

test("the child's summary: where the child lives and since when, the carers, the workers, the legal status, and what is overdue or due in the next 7 days", () => {
  const placements = [
    { id: 'old', householdReference: 'H0001', startDate: '2024-01-01', endDate: '2025-02-03', status: 'ended' as const, carers: 'Ann Old' },
    { id: PL, householdReference: 'H0002', startDate: '2025-02-03', endDate: null, status: 'active' as const, carers: 'Jo Carer and Sam Carer' },
  ];
  const obligations = [
    { title: 'Placement plan', status: 'overdue', dueOn: '2025-02-10', dueText: '2 working days overdue' },
    { title: 'Visit', status: 'due_soon', dueOn: '2025-02-14', dueText: 'due in 2 working days' },
    { title: 'Review', status: 'not_yet_due', dueOn: '2025-03-30', dueText: 'due in 30 working days' },
  ];
  const rows = childAtAGlance({ socialWorkerName: 'Sam Jones', iroName: null, currentLegalStatus: { code: 'C2', startDate: '2024-01-01' } as never, placements }, obligations, '2025-02-12');
  const byKey = Object.fromEntries(rows.map((r) => [r.key.text, r.value]));
  assert.deepEqual(byKey['Lives with'], { parts: [{ text: 'Household H0002', href: `/placements/${PL}` }, { text: ', since 3 February 2025' }] });
  assert.deepEqual(byKey['Carers'], { text: 'Jo Carer and Sam Carer' });
  assert.deepEqual(byKey['Independent reviewing officer'], { text: 'Not allocated' });
  assert.deepEqual(byKey['Overdue (1)'], { parts: [{ list: ['Placement plan: 2 working days overdue'] }] });
  assert.deepEqual(byKey['Due in the next 7 days (1)'], { parts: [{ list: ['Visit: due in 2 working days'] }] });
  const away = childAtAGlance({ socialWorkerName: null, iroName: null, currentLegalStatus: null, placements: [] }, [], '2025-02-12');
  assert.deepEqual(away[0]!.value, { text: 'Not placed with carers now' });
});

test('a missing period still open offers "End or change", named for screen readers by its start', () => {
  const periods = [{ id: MISSING, kind: 'A' as const, startedOn: '2025-04-01', endedOn: null }];
  assert.deepEqual(missingTable(CHILD, periods, true).rows[0], [
    { text: 'Away from placement without authorisation' },
    { text: '1 April 2025' },
    { text: 'Not yet ended' },
    { parts: [{ text: 'End or change', href: `/children/${CHILD}/missing/${MISSING}`, hidden: 'the period from 1 April 2025' }] },
  ]);
  assert.equal(missingTable(CHILD, periods, false).rows[0]!.length, 3);
});

test("documents on the child's record are dated in England and sized for people", () => {
  const rows = childDocumentsTable(CHILD, [{ id: 'd1', title: 'Placement plan', createdAt: new Date('2025-03-30T23:30:00Z'), sizeBytes: 2048 }]).rows;
  assert.deepEqual(rows[0]!.slice(1), [{ text: '31 March 2025' }, { text: '2 KB' }]);
  assert.deepEqual((rows[0]![0] as { parts: unknown[] }).parts.length, 1);
});

test('SSDA903 checks link to where each is put right, after the advice on how', () => {
  const fix = { kind: 'child' as const, id: CHILD };
  const table = returnCheckTable({
    problems: [{ message: 'Episodes overlap', fix }],
    failures: [
      { rule: '103', severity: 'warning', message: 'Postcode missing', howToFix: 'Record the home postcode.', fix },
      { rule: '104', severity: 'error', message: 'Odd', howToFix: undefined, fix: undefined },
    ],
  });
  assert.deepEqual(table.rows[0], [{ text: 'Record' }, { text: 'Episodes overlap' }, { parts: [{ text: 'Correct it', href: `/children/${CHILD}` }] }]);
  assert.deepEqual(table.rows[1], [
    { text: 'Rule 103 (warning)' },
    { text: 'Postcode missing' },
    { parts: [{ text: 'Record the home postcode.' }, { text: 'Correct it', href: `/children/${CHILD}`, inline: true }] },
  ]);
  assert.deepEqual(table.rows[2]![2], { text: '' });
});

test("the child's form shows the rows held plus spare ones, and takes its values from the record", () => {
  const values = childFormValues({ ...child, socialWorkerId: null, iroId: null, responsibleAuthorityId: RA });
  assert.equal(values['otherNames.0.name'], 'Sammy');
  assert.equal(values.uasc, 'yes');
  assert.equal(values.socialWorkerId, '');
  assert.equal(values.responsibleAuthorityId, RA);
  assert.equal(values.reference, 'C123456');
  const [otherNames, familyMembers] = rowListViews(values, []);
  assert.equal(otherNames!.rows.length, 3);
  assert.deepEqual(otherNames!.rows[0]!.fields.map((f) => f.name), ['otherNames.0.name', 'otherNames.0.kind']);
  assert.equal(familyMembers!.rows.length, 2);
});
