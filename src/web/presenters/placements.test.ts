import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PlacementView } from '../../services/placements.ts';
import { gateRows, placementListRow, placementStatusTag, placementSummary, returnFields, startedWithoutAgreement } from './placements.ts';

const CHILD = '0d6f2c1a-5b3e-4c7d-9a8b-1e2f3a4b5c6d';
const HH = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const P = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

const RECORDED = new Date('2025-02-03T10:00:00Z');
const placement: PlacementView = {
  id: P,
  childId: CHILD,
  householdId: HH,
  child: { id: CHILD, firstName: 'Sam', lastName: 'Jones', reference: 'C00012' },
  household: { id: HH, reference: 'H00034', carers: 'Harriet Oakes' },
  startDate: '2025-02-03',
  endDate: null,
  placementType: 'U3',
  status: 'active',
  kind: null,
  emergency: true,
  outsideTermsOfApproval: false,
  intendedUntil18: false,
  connectedPerson: false,
  sixMonthlyVisitsAgreed: false,
  assessmentPeriodEndsOn: null,
  reasonEnded: null,
  provider: null,
  urn: null,
  emergencyAuthorisedBy: null,
  emergencyAuthorisedReason: null,
  emergencyAuthorisedAt: null,
  emergencyAuthorisedByName: null,
  waivedChecks: [],
  recordedLateReason: null,
  entryBreaches: [],
  endingBasis: null,
  moveRequestId: null,
  importedOn: null,
  plPost: null,
  version: 1,
  createdAt: RECORDED,
  updatedAt: RECORDED,
};

test("a placement's status is a GOV.UK tag", () => {
  assert.deepEqual(placementStatusTag('active'), { text: 'Active', classes: 'govuk-tag--green' });
  assert.deepEqual(placementStatusTag('cancelled'), { text: 'Cancelled', classes: 'govuk-tag--red' });
});

test('a row of the list: the child links to the placement with the reference under it, the type is shown with its meaning, the status is a tag', () => {
  assert.deepEqual(placementListRow(placement), [
    { parts: [{ text: 'Sam Jones', href: `/placements/${P}` }, { text: 'C00012', hint: true }] },
    { parts: [{ text: 'H00034', href: `/households/${HH}` }] },
    { text: '3 February 2025' },
    { text: '' },
    { text: 'U3: Foster placement with relative or friend: not long-term or Fostering for Adoption (FfA)' },
    { parts: [{ tag: { text: 'Active', classes: 'govuk-tag--green' } }] },
  ]);
});

test("the summary links the child and household, lists the ticked boxes one per line and shows the return's defaults", () => {
  const rows = placementSummary(placement, { proposalId: 'pr-1', missingAgreements: 0 });
  const value = (key: string) => rows.find((r) => r.key.text === key)?.value;
  assert.deepEqual(value('Child'), { parts: [{ text: 'Sam Jones', href: `/children/${CHILD}` }, { text: '(C00012)', inline: true }] });
  assert.deepEqual(value('Household'), { parts: [{ text: 'H00034', href: `/households/${HH}` }, { text: ': Harriet Oakes', inline: 'joined' }] });
  assert.deepEqual(value('About this placement'), { parts: [{ text: 'Placed in an emergency' }] });
  assert.deepEqual(value('Placement provider'), { text: 'From the fostering service' });
  assert.deepEqual(value('Proposal'), { parts: [{ text: 'How this placement was matched and agreed', href: '/proposals/pr-1' }] });
  assert.equal(value('Initial assessment period ends'), undefined);
  assert.equal(value('Written agreement'), undefined);
});

test('what the gate recorded: missing written agreements as a tag and a sentence, checks one per line', () => {
  const p: PlacementView = {
    ...placement,
    waivedChecks: [
      { code: 'not-considered', message: 'Check one' },
      { code: 'agreement-missing', message: 'Check <two>' },
    ],
  };
  assert.equal(startedWithoutAgreement([{ flag: 'Started without written agreement' }, { flag: null }]), 1);
  assert.deepEqual(gateRows(p, 2), [
    {
      key: { text: 'Written agreement' },
      value: {
        parts: [
          { tag: { text: 'Started without written agreement', classes: 'govuk-tag--red' } },
          { text: '2 written agreements are still to be recorded: see the obligations below', inline: true },
        ],
      },
    },
    { key: { text: 'Started before these checks were met' }, value: { parts: [{ text: 'Check one' }, { text: 'Check <two>' }] } },
  ]);
});

test('the return questions offer the codes of the collection year', () => {
  const [reason] = returnFields('2025-26');
  assert.equal(reason?.name, 'reasonEnded');
  assert.match(reason?.hint ?? '', /2025-26 codes/);
});
