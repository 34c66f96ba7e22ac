import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerSections,
  checkErrorList,
  consideredRow,
  formValues,
  historyRow,
  missingList,
  pageFields,
  pageOfField,
  postedFields,
  questionErrorList,
  requestListRow,
  requestQuestions,
  requestStatusTag,
  requestSummary,
} from './placement-requests.ts';

const id = '3f1e6a52-2c41-4b7e-9d55-0a6d3c1b2e10';
const sibling = { id: '7a0d1c1e-1111-4b7e-9d55-0a6d3c1b2e10', reference: 'C00002', firstName: 'Sam', lastName: 'Jones', dateOfBirth: '2015-03-04' };
const child = { id: 'c1', reference: 'C00001', firstName: 'Ava', lastName: 'Jones', dateOfBirth: '2012-01-02', age: 14, socialWorkerId: null, socialWorkerName: null };
const request = {
  id,
  status: 'draft' as const,
  createdByName: 'Priya Officer',
  createdAt: new Date('2026-12-04T23:30:00Z'),
  child,
  urgency: 'planned' as const,
  kind: null,
  neededBy: '2027-01-15',
  siblingIds: [sibling.id],
  siblings: [sibling],
  linkedSiblings: [sibling],
  needs: { needTags: ['self_harm' as const], health: 'Asthma\nInhaler at school', keepSchool: true },
  risks: {},
  views: {},
  missing: [
    { page: 'basics' as const, field: 'neededBy', message: 'Enter the date the placement is needed by' },
    { page: 'risks' as const, field: 'riskToSelf', message: 'Describe each of the three risks, or write "none known"' },
  ],
};

test('a request is tagged by its status', () => {
  assert.deepEqual(requestStatusTag('draft'), { text: 'Draft', classes: 'govuk-tag--grey' });
  assert.deepEqual(requestStatusTag('matching'), { text: 'Matching', classes: 'govuk-tag--light-blue' });
  assert.deepEqual(requestStatusTag('withdrawn'), { text: 'Withdrawn', classes: 'govuk-tag--red' });
});

test("the questions use the child's name and offer the linked siblings", () => {
  const groups = requestQuestions('basics', { firstName: 'Ava', linkedSiblings: [sibling] });
  const siblings = groups[1]?.fields[0];
  assert.equal(siblings?.label, 'Which brothers and sisters should be placed together with Ava?');
  assert.deepEqual(siblings?.items, [{ value: sibling.id, text: 'Sam Jones (C00002), born 4 March 2015' }]);
  assert.equal(requestQuestions('risks', { firstName: 'Ava', linkedSiblings: [] })[0]?.fields[0]?.label, 'Risk to Ava themself');
});

test('with no linked siblings the page explains, yet the siblings list is still an answer and is read from a post', () => {
  const c = { firstName: 'Ava', linkedSiblings: [] };
  const groups = requestQuestions('basics', c);
  assert.equal(groups[1]?.heading, 'Brothers and sisters');
  assert.deepEqual(groups[1]?.fields, []);
  assert.deepEqual(
    pageFields('basics', c).map((f) => f.name),
    ['urgency', 'kind', 'neededBy', 'siblingIds'],
  );
  assert.deepEqual(
    postedFields('basics').map((f) => [f.name, f.type]),
    [
      ['urgency', 'radios'],
      ['kind', 'radios'],
      ['neededBy', 'date'],
      ['siblingIds', 'checkboxes'],
    ],
  );
});

test('each field is found on its page', () => {
  assert.equal(pageOfField('neededBy')?.page, 'basics');
  assert.equal(pageOfField('keepSchool')?.page, 'needs');
  assert.equal(pageOfField('riskToOthers')?.page, 'risks');
  assert.equal(pageOfField('viewsNotSoughtReason')?.page, 'views');
  assert.equal(pageOfField('form'), undefined);
});

test('error messages link to their question: a date to its day box, on its own page from check answers', () => {
  const errors = [
    { field: 'neededBy', message: 'Enter a date' },
    { field: 'riskToSelf', message: 'Describe it' },
    { field: 'form', message: 'Changed by someone else' },
  ];
  assert.deepEqual(checkErrorList(id, errors), [
    { text: 'Enter a date', href: `/requests/${id}/basics?from=check#neededBy-day` },
    { text: 'Describe it', href: `/requests/${id}/risks?from=check#riskToSelf` },
    { text: 'Changed by someone else', href: '#main-content' },
  ]);
  assert.deepEqual(questionErrorList(errors, postedFields('basics')), [
    { text: 'Enter a date', href: '#neededBy-day' },
    { text: 'Describe it', href: '#main-content' },
    { text: 'Changed by someone else', href: '#main-content' },
  ]);
  assert.deepEqual(missingList(request), [
    { text: 'Enter the date the placement is needed by', href: `/requests/${id}/basics#neededBy-day` },
    { text: 'Describe each of the three risks, or write "none known"', href: `/requests/${id}/risks#riskToSelf` },
  ]);
});

test('stored answers fill the form: tick boxes as "true", lists as lists, blanks as empty', () => {
  const values = formValues('needs', request, pageFields('needs', { firstName: 'Ava', linkedSiblings: [] }));
  assert.equal(values.keepSchool, 'true');
  assert.equal(values.interpreter, '');
  assert.deepEqual(values.needTags, ['self_harm']);
  assert.equal(values.school, '');
});

test('check answers: each answer as data, with a Change link back to its question', () => {
  const sections = answerSections(request, { from: 'check' });
  assert.deepEqual(
    sections.map((s) => [s.id, s.title]),
    [
      ['basics', 'What is needed'],
      ['needs', "The child's needs"],
      ['risks', 'Risks'],
      ['views', "The child's views"],
    ],
  );
  const row = (page: number, key: string) => sections[page]?.rows.find((r) => r.key.text === key);
  assert.deepEqual(row(0, 'Is this an emergency or a planned placement?')?.value, { text: 'Planned' });
  assert.deepEqual(row(0, 'What kind of placement is needed?')?.value, { text: 'Not answered' });
  assert.deepEqual(row(0, 'When is the placement needed by?'), {
    key: { text: 'When is the placement needed by?' },
    value: { text: '15 January 2027' },
    actions: { items: [{ href: `/requests/${id}/basics?from=check#neededBy-day`, text: 'Change', visuallyHiddenText: 'when is the placement needed by?' }] },
  });
  assert.deepEqual(row(0, 'Which brothers and sisters should be placed together with Ava?')?.value, { parts: [{ text: 'Sam Jones (C00002)' }] });
  assert.deepEqual(row(1, 'Which of these needs does Ava have?')?.value, { parts: [{ text: 'Self-harm' }] });
  assert.deepEqual(row(1, 'Health needs')?.value, { parts: [{ text: 'Asthma' }, { text: 'Inhaler at school' }] });
  assert.deepEqual(row(1, 'Ava should keep going to this school')?.value, { text: 'Yes' });
  assert.deepEqual(row(1, 'An interpreter is needed')?.value, { text: 'No' });
  assert.equal(answerSections(request, null)[0]?.rows[0]?.actions, undefined);
});

test("the request's summary links the child and tags the status; dates in England", () => {
  assert.deepEqual(requestSummary(request), [
    { key: { text: 'Child' }, value: { parts: [{ text: 'Ava Jones', href: '/children/c1' }, { text: '(C00001), age 14', inline: true }] } },
    { key: { text: 'Social worker' }, value: { text: 'Not allocated' } },
    { key: { text: 'Status' }, value: { parts: [{ tag: { text: 'Draft', classes: 'govuk-tag--grey' } }] } },
    { key: { text: 'Started by' }, value: { text: 'Priya Officer on 4 December 2026' } },
  ]);
});

test('list, history and households considered rows', () => {
  const item = { id, reference: 'PR00001', status: 'submitted' as const, urgency: 'emergency' as const, kind: null, neededBy: '2027-01-15', createdByName: null, updatedAt: new Date('2026-12-04T12:00:00Z'), child };
  assert.deepEqual(requestListRow(item), [
    { parts: [{ text: 'PR00001', href: `/requests/${id}` }] },
    { parts: [{ text: 'Ava Jones' }, { text: 'C00001', secondary: true }] },
    { text: 'Not answered yet' },
    { text: '15 January 2027 (emergency)' },
    { parts: [{ tag: { text: 'Submitted', classes: 'govuk-tag--blue' } }] },
    { text: '4 December 2026' },
  ]);
  assert.deepEqual(historyRow({ status: 'withdrawn', at: new Date('2026-07-01T13:05:00Z'), byUserId: null, byName: null, note: 'Moved\naway' }), [
    { parts: [{ tag: { text: 'Withdrawn', classes: 'govuk-tag--red' } }] },
    { text: '1 July 2026 at 2:05pm' },
    { text: 'System' },
    { parts: [{ text: 'Moved' }, { text: 'away' }] },
  ]);
  assert.deepEqual(historyRow({ status: 'archived', at: new Date('2026-07-01T13:05:00Z'), byUserId: null, byName: 'Priya', note: '' })[0], { text: 'archived' });
  assert.deepEqual(consideredRow({ id: 'p1', householdReference: 'H00003', status: 'considering', proposedStart: null }), [
    { parts: [{ text: 'Household H00003', href: '/proposals/p1' }] },
    { text: 'Being considered' },
    { text: 'Not set' },
  ]);
});
