import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerText,
  existingTable,
  linkExpires,
  linkFields,
  noticeSentOn,
  openAgreementRows,
  openAgreementTag,
  openPlacementSummary,
  proposalStatusTag,
  proposalSummary,
  requirementStatusTag,
  requirementsTable,
  type OpenAgreementFacts,
  type ProposalFacts,
  type Requirement,
} from './proposals.ts';

const ava = { id: 'c1', firstName: 'Ava', lastName: 'Jones', reference: 'C00001' };
const sam = { id: 'c2', firstName: 'Sam', lastName: 'Jones', reference: 'C00002' };
const proposal: ProposalFacts = {
  child: ava,
  request: { id: 'r1', reference: 'PR00001' },
  household: { id: 'h1', reference: 'H00003', sswName: null, carers: [{ firstName: 'Kim', lastName: 'Lee' }, { firstName: 'Jo', lastName: 'Lee' }] },
  p: { id: 'p1', proposedStart: '2027-01-15', overrideReason: null, overrideAt: null, placementId: null, withdrawnReason: null },
  today: '2026-12-04',
  evaluation: { eligible: true, score: 7, reasons: [] },
  group: [ava, sam],
  moves: [{ id: 'pl9', childId: 'c2', householdReference: 'H00001', startDate: '2025-05-01' }],
  placements: [],
};

test('proposals and agreements are tagged by status', () => {
  assert.deepEqual(proposalStatusTag('considering'), { text: 'Being considered', classes: 'govuk-tag--blue' });
  assert.deepEqual(proposalStatusTag('confirmed'), { text: 'Confirmed', classes: 'govuk-tag--green' });
  assert.deepEqual(requirementStatusTag('agreed'), { text: 'Agreed in writing', classes: 'govuk-tag--green' });
  assert.deepEqual(requirementStatusTag('requested'), { text: 'Requested', classes: 'govuk-tag--orange' });
  assert.equal(requirementStatusTag('unknown'), undefined);
  assert.deepEqual(openAgreementTag(false), { text: 'No longer stands: the placement has ended', classes: 'govuk-tag--grey' });
});

test("the proposal's summary links the child, request and household, and says which placement ends", () => {
  const rows = proposalSummary(proposal, { canSeeHistory: true });
  const value = (key: string) => rows.find((r) => r.key.text === key)?.value;
  assert.deepEqual(value('Child'), { parts: [{ text: 'Ava Jones', href: '/children/c1' }, { text: '(C00001)', inline: true }] });
  assert.deepEqual(value('Placement request'), { parts: [{ text: 'PR00001', href: '/requests/r1' }] });
  assert.deepEqual(value('Household'), { parts: [{ text: 'H00003', href: '/households/h1' }, { text: ': Kim Lee and Jo Lee', inline: 'joined' }] });
  assert.deepEqual(value('Start date'), { text: '15 January 2027' });
  assert.deepEqual(value('Placed together'), { text: 'Ava Jones (C00001), Sam Jones (C00002)' });
  assert.deepEqual(value('Current placement that will end'), {
    parts: [
      { text: 'Sam Jones lives with household' },
      { text: 'H00001', href: '/placements/pl9', inline: true },
      { text: 'since 1 May 2025; that placement ends on 15 January 2027, the day this one starts', inline: true },
    ],
  });
  assert.deepEqual(value('History'), { parts: [{ text: 'Who has seen or changed this proposal', href: '/audit/proposal/p1' }] });
  assert.equal(value('Placement'), undefined);
  assert.equal(
    proposalSummary(proposal, { canSeeHistory: false }).find((r) => r.key.text === 'History'),
    undefined,
  );
});

test('the children already there, and what each role decided, as data', () => {
  const table = existingTable({
    there: [{ childId: 'c3', firstName: 'Max', lastName: 'Roe', reference: 'C00009', startDate: '2024-02-01' }],
    considerations: [
      { c: { existingChildId: 'c3', role: 'placement_officer', servesWellbeing: true, reasoning: 'Settled' }, userName: 'Priya Officer' },
      { c: { existingChildId: 'c3', role: 'supervising_social_worker', servesWellbeing: false, reasoning: 'Needs space' }, userName: 'Sol Worker' },
    ],
  });
  assert.deepEqual(table.rows, [
    [
      { parts: [{ text: 'Max Roe', href: '/children/c3' }, { text: 'C00009, since 1 February 2024', secondary: true }] },
      { parts: [{ text: 'Serves their well-being: Settled' }, { text: 'Priya Officer', secondary: true }] },
      { parts: [{ text: 'Does not serve their well-being:', strong: true }, { text: 'Needs space', inline: true }, { text: 'Sol Worker', secondary: true }] },
    ],
  ]);
  assert.deepEqual(existingTable({ there: [{ childId: 'c3', firstName: 'Max', lastName: 'Roe', reference: 'C00009', startDate: '2024-02-01' }], considerations: [] }).rows[0]?.[1], { text: 'Not recorded' });
});

const requirement: Requirement = {
  id: 'q1',
  existingChildLabel: 'Child aged 9',
  socialWorkerName: 'Dee Smith',
  placingAuthority: 'Northshire',
  socialWorkerEmail: 'dee@northshire.test',
  status: 'requested',
  requestedAt: new Date('2026-12-01T23:30:00Z'),
  remindersSent: 2,
  escalatedAt: null,
  method: null,
  respondedOn: null,
  responderName: null,
  onBehalfReason: null,
  informedOn: null,
  specificConsentAsked: null,
};

test('written agreements: status tag with when it was asked, the answer, and actions for those who may record', () => {
  const table = requirementsTable({ requirements: [requirement, { ...requirement, id: 'q2', status: 'agreed', requestedAt: null, method: 'secure_link', respondedOn: '2026-12-03', responderName: 'Dee Smith' }] }, true);
  assert.deepEqual(table.head[4], { parts: [{ text: 'Actions', visuallyHidden: true }] });
  assert.deepEqual(table.rows[0], [
    { text: 'Child aged 9' },
    { text: 'Dee Smith, Northshire (dee@northshire.test)' },
    { parts: [{ tag: { text: 'Requested', classes: 'govuk-tag--orange' } }, { text: 'Requested 1 December 2026, 2 reminders', secondary: true }] },
    { text: '' },
    {
      parts: [
        { text: 'Send the request again', href: '/agreements/q1/request' },
        { text: 'Record an answer received', href: '/agreements/q1/record' },
        { text: 'In-principle agreement', href: '/agreements/q1/open' },
      ],
    },
  ]);
  assert.deepEqual(table.rows[1]?.slice(2), [{ parts: [{ tag: { text: 'Agreed in writing', classes: 'govuk-tag--green' } }] }, { text: 'Secure link, 3 December 2026, Dee Smith' }, { text: '' }]);
  assert.equal(requirementsTable({ requirements: [requirement] }, false).head.length, 4);
  const notAsked = requirementsTable({ requirements: [{ ...requirement, status: 'not_requested', requestedAt: null }] }, true).rows[0]?.at(-1);
  assert.deepEqual(notAsked && 'parts' in notAsked ? notAsked.parts[0] : undefined, { text: 'Send request', href: '/agreements/q1/request' }, 'not yet sent: "Send request"');
});

test('the answer says how, when, who and on whose behalf', () => {
  assert.equal(answerText({ ...requirement, method: 'letter_or_email', respondedOn: '2026-12-03', responderName: 'Al Boss', onBehalfReason: 'team manager' }), 'Letter or e-mail, 3 December 2026, Al Boss for Dee Smith (team manager)');
  assert.equal(
    answerText({ ...requirement, method: 'secure_link', respondedOn: '2026-12-03', responderName: 'Al Boss', responderEmail: 'al.boss@other.test', onBehalfReason: 'team manager' }),
    'Secure link, 3 December 2026, Al Boss (al.boss@other.test) for Dee Smith (team manager)',
    'an answer through the link shows the address it came from',
  );
  assert.equal(answerText({ ...requirement, method: 'open_agreement', informedOn: '2026-12-02', specificConsentAsked: true }), 'In-principle agreement, told of this placement on 2 December 2026, specific consent asked for: written agreement still needed');
});

const open: OpenAgreementFacts = {
  requirement: { existingChildLabel: 'Child aged 9', socialWorkerName: null, placingAuthority: 'Northshire', noticeSentAt: new Date('2026-12-02T10:00:00Z') },
  existingPlacement: { kind: 'long_term', startDate: '2024-02-01', endDate: null },
  proposalId: 'p1',
  proposedOn: '2026-11-30',
  household: { id: 'h1', reference: 'H00003' },
  stands: true,
  openAgreement: { givenOn: '2026-11-01', givenByName: 'Al Boss', givenByRole: 'Team manager', onBehalfReason: 'on leave', recordedAt: new Date('2026-11-02T09:00:00Z'), recordedByName: 'Sol Worker', documentId: 'd1' },
};

test('the in-principle agreement page: the placement, this proposal and the agreement as data', () => {
  const placement = openPlacementSummary(open);
  assert.deepEqual(placement[2]?.value, { text: 'Long-term, since 1 February 2024' });
  assert.deepEqual(placement[3]?.value, { parts: [{ text: 'Household H00003', href: '/proposals/p1' }, { text: ', proposed on 30 November 2026', inline: 'joined' }] });
  assert.deepEqual(openPlacementSummary({ ...open, existingPlacement: { kind: 'short_term', startDate: '2024-02-01', endDate: '2027-03-01' } })[2]?.value, {
    text: 'Not long-term (short-term), since 1 February 2024, ending 1 March 2027',
  });
  const rows = openAgreementRows(open);
  const value = (key: string) => rows.find((r) => r.key.text === key)?.value;
  assert.deepEqual(value('On behalf of the social worker'), { text: 'on leave' });
  assert.deepEqual(value('Recorded'), { text: '2 November 2026 by Sol Worker' });
  assert.deepEqual(value('Correspondence'), { parts: [{ text: 'On the carers’ file', href: '/households/h1/documents/d1' }] });
  assert.deepEqual(value('Status'), { parts: [{ tag: { text: 'Stands', classes: 'govuk-tag--green' } }] });
  assert.deepEqual(openAgreementRows({ ...open, openAgreement: null }), []);
  assert.equal(noticeSentOn(open), '2 December 2026');
});

test('the secure link page names the social worker it was sent to, and says until when it works', () => {
  const fields = linkFields('Dee Smith');
  assert.equal(fields.find((f) => f.name === 'responderName')?.hint, 'This request was sent to Dee Smith');
  assert.equal(fields.find((f) => f.name === 'onBehalfReason')?.label, 'If you are not Dee Smith: why are you answering? (optional)');
  assert.equal(linkFields(null).find((f) => f.name === 'onBehalfReason')?.label, 'Who are you, and why are you answering?');
  assert.equal(linkExpires(new Date('2026-12-18T12:00:00Z')), '18 December 2026');
});
