import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideEntry, entryReasons, isEmergency, kindReasons, roomReasons, type EntryFacts, type ExistingChildRecord } from './entry.ts';
import { aHousehold, placed, TODAY } from '../matching/test-facts.ts';
import { derivePlacementType, FOSTER_PLACEMENT_TYPE_HELP } from './placement-type.ts';

const sam = { id: 'sam', firstName: 'Sam', dateOfBirth: '2015-06-01' };

function facts(over: Partial<EntryFacts> = {}): EntryFacts {
  return { kind: 'short_term', date: TODAY, children: [sam], household: aHousehold(), siblingLinks: [], existing: [], emergency: false, authorisation: null, ...over };
}

const agreedAbout = (childId: string, over: Partial<ExistingChildRecord> = {}): ExistingChildRecord => ({
  childId,
  label: `child ${childId}`,
  considered: { placement_officer: true, supervising_social_worker: true },
  agreement: 'agreed',
  ...over,
});

const codes = (f: EntryFacts) => entryReasons(f, TODAY).map((r) => r.code);

test('an approved household with room and nobody else placed: allowed, nothing waived', () => {
  const d = decideEntry(facts(), TODAY);
  assert.deepEqual(d, { allowed: true, blocking: [], waived: [], outsideTerms: false });
});

test('every child already living there needs both considerations and their social worker\'s written agreement, each stated', () => {
  const household = aHousehold({ placements: [placed({ childId: 'ali' }), placed({ childId: 'bea' })] });
  const reasons = entryReasons(facts({ household }), TODAY);
  assert.deepEqual(
    reasons.map((r) => [r.code, r.aboutChildId]),
    [
      ['not-considered', 'ali'],
      ['not-considered', 'ali'],
      ['agreement-missing', 'ali'],
      ['not-considered', 'bea'],
      ['not-considered', 'bea'],
      ['agreement-missing', 'bea'],
    ],
  );
  assert.match(reasons[0]!.message, /placement officer \(Referral Response Team\) has not recorded/);
  assert.match(reasons[1]!.message, /supervising social worker has not recorded/);
  // With everything recorded for both, the placement may go ahead.
  assert.deepEqual(codes(facts({ household, existing: [agreedAbout('ali'), agreedAbout('bea')] })), []);
  // A child who left before the start date does not count; one who arrives the same day is not "already placed".
  const left = aHousehold({ placements: [placed({ childId: 'ali', endDate: TODAY }), placed({ childId: 'cal', status: 'planned', startDate: '2025-03-04' })] });
  assert.deepEqual(codes(facts({ household: left })), []);
});

test('an agreement asked for but not received says so; a refusal or a consideration against can never be waived', () => {
  const household = aHousehold({ placements: [placed({ childId: 'ali' })] });
  const asked = entryReasons(facts({ household, existing: [agreedAbout('ali', { agreement: 'requested' })] }), TODAY);
  assert.deepEqual(asked.map((r) => [r.code, r.waivable]), [['agreement-missing', 'emergency']]);
  assert.match(asked[0]!.message, /asked for but not received/);
  const refused = facts({
    household,
    existing: [agreedAbout('ali', { agreement: 'declined', considered: { placement_officer: true, supervising_social_worker: false } })],
    emergency: true,
    authorisation: { byHeadOfService: true, reason: 'Child at risk tonight' },
  });
  const d = decideEntry(refused, TODAY);
  assert.equal(d.allowed, false);
  assert.deepEqual(d.blocking.map((r) => r.code), ['considered-against', 'agreement-declined']);
  assert.deepEqual(d.waived, []);
});

test('an emergency authorised by a head of service with a reason stands in for missing considerations and agreements, and for the terms of approval (CPPCR reg 23)', () => {
  const household = aHousehold({ ageMin: 0, ageMax: 5, placements: [placed({ childId: 'ali' })] });
  const f = facts({ household, emergency: true, authorisation: { byHeadOfService: true, reason: 'Police protection at 2am' } });
  const d = decideEntry(f, TODAY);
  assert.equal(d.allowed, true);
  assert.deepEqual(d.waived.map((r) => r.code).sort(), ['age-outside-range', 'agreement-missing', 'not-considered', 'not-considered']);
  assert.equal(d.outsideTerms, true);
  // Without the emergency, the same authorisation is itself refused, and nothing is waived.
  const planned = decideEntry({ ...f, emergency: false }, TODAY);
  assert.equal(planned.allowed, false);
  assert.deepEqual(planned.waived, []);
  assert.ok(planned.blocking.some((r) => r.code === 'authorisation-needs-emergency'));
  // Only a head of service; and a reason is required.
  assert.ok(decideEntry({ ...f, authorisation: { byHeadOfService: false, reason: 'x' } }, TODAY).blocking.some((r) => r.code === 'authorisation-not-by-head-of-service'));
  assert.ok(decideEntry({ ...f, authorisation: { byHeadOfService: true, reason: '  ' } }, TODAY).blocking.some((r) => r.code === 'authorisation-reason-missing'));
});

test('nothing stands in for approval that is not current, the fostering limit, dual approval or the parent-and-child skill level', () => {
  const auth = { emergency: true, authorisation: { byHeadOfService: true, reason: 'Emergency' } };
  const onHold = decideEntry(facts({ ...auth, household: aHousehold({ approvalStatus: 'on_hold' }) }), TODAY);
  assert.deepEqual(onHold.blocking.map((r) => r.code), ['approval-not-current']);
  const ffa = decideEntry(facts({ ...auth, kind: 'fostering_for_adoption' }), TODAY);
  assert.deepEqual(ffa.blocking.map((r) => r.code), ['not-dual-approved', 'no-full-time-carer']);
  const cp = decideEntry(facts({ ...auth, kind: 'concurrent_planning' }), TODAY);
  assert.deepEqual(cp.blocking.map((r) => r.code), ['not-dual-approved', 'no-full-time-carer', 'return-agreement-missing']);
  assert.equal(cp.allowed, false);
  const pc = decideEntry(facts({ ...auth, kind: 'parent_and_child', household: aHousehold({ placementKinds: ['parent_and_child'], skillLevel: 3 }) }), TODAY);
  assert.deepEqual(pc.blocking.map((r) => r.code), ['skill-level-too-low']);
  // A fourth unrelated fostered child, with no exemption: refused even in an authorised emergency.
  const three = ['a', 'b', 'c'];
  const full = aHousehold({ approvedChildren: 4, placements: three.map((childId) => placed({ childId })) });
  const limit = decideEntry(facts({ ...auth, household: full }), TODAY);
  assert.deepEqual(limit.blocking.map((r) => r.code), ['fostering-limit']);
  assert.equal(limit.allowed, false);
});

test('the usual fostering limit: siblings of each other, or an exemption naming them all, may pass three', () => {
  const three = ['a', 'b', 'c'];
  const existing = three.map((id) => agreedAbout(id));
  const household = aHousehold({ approvedChildren: 4, placements: three.map((childId) => placed({ childId })) });
  assert.deepEqual(codes(facts({ household, existing })), ['fostering-limit']);
  const links = three.map((id) => ({ childId: 'sam', siblingId: id })).concat([
    { childId: 'a', siblingId: 'b' },
    { childId: 'a', siblingId: 'c' },
    { childId: 'b', siblingId: 'c' },
  ]);
  assert.deepEqual(codes(facts({ household, existing, siblingLinks: links })), []);
  const exempt = aHousehold({ approvedChildren: 4, placements: three.map((childId) => placed({ childId })), exemptions: [{ childIds: ['a', 'b', 'c', 'sam'], startDate: '2025-01-01', endDate: null }] });
  assert.deepEqual(codes(facts({ household: exempt, existing })), []);
});

test('a sibling group is counted together: places and the limit are for all of them', () => {
  const ben = { id: 'ben', firstName: 'Ben', dateOfBirth: '2016-01-01' };
  const reasons = entryReasons(facts({ children: [sam, ben], household: aHousehold({ approvedChildren: 1 }) }), TODAY);
  assert.deepEqual(reasons.map((r) => r.code), ['not-enough-places']);
  assert.match(reasons[0]!.message, /Sam and 1 sibling/);
  assert.deepEqual(codes(facts({ children: [sam, ben], household: aHousehold({ approvedChildren: 2 }) })), []);
});

test('a placement counts as an emergency when its kind is emergency or it was flagged so', () => {
  assert.equal(isEmergency({ kind: 'emergency', emergency: false }), true);
  assert.equal(isEmergency({ kind: 'short_term', emergency: true }), true);
  assert.equal(isEmergency({ kind: null, emergency: false }), false);
});

test('the SSDA903 placement type follows from whether the carers are connected and the kind; unknown when either is', () => {
  const table = (['long_term', 'fostering_for_adoption', 'short_term', 'emergency', 'parent_and_child', 'short_breaks'] as const).map((kind) => [
    kind,
    derivePlacementType({ kind, connectedPerson: true }),
    derivePlacementType({ kind, connectedPerson: false }),
  ]);
  assert.deepEqual(table, [
    ['long_term', 'U1', 'U4'],
    ['fostering_for_adoption', 'U2', 'U5'],
    ['short_term', 'U3', 'U6'],
    ['emergency', 'U3', 'U6'],
    ['parent_and_child', 'U3', 'U6'],
    ['short_breaks', 'U3', 'U6'],
  ]);
  assert.equal(derivePlacementType({ kind: null, connectedPerson: true }), null);
  assert.equal(derivePlacementType({ kind: 'long_term', connectedPerson: null }), null);
  for (const help of Object.values(FOSTER_PLACEMENT_TYPE_HELP)) assert.ok(help.length > 40);
});

test('a change of kind must still fit the approval; more time in a household needs room', () => {
  const reasons = [
    { code: 'kind-not-approved' as const, message: 'k' },
    { code: 'skill-level-too-low' as const, message: 's' },
    { code: 'not-enough-places' as const, message: 'p' },
    { code: 'fostering-limit' as const, message: 'f' },
    { code: 'age-outside-range' as const, message: 'a' },
  ];
  assert.deepEqual(kindReasons(reasons, false).map((r) => r.code), ['kind-not-approved', 'skill-level-too-low']);
  assert.deepEqual(kindReasons(reasons, true).map((r) => r.code), ['skill-level-too-low'], 'an emergency flagged outside the terms may be another kind (CPPCR reg 23)');
  assert.deepEqual(roomReasons(reasons).map((r) => r.code), ['not-enough-places', 'fostering-limit']);
});

test('parent and child: the information-sharing agreement and the contingency plans are part of the gate, and nothing stands in for them', () => {
  const household = aHousehold({ placementKinds: ['parent_and_child'], skillLevel: 4 });
  const beforePlacing = { agreement: null, contingencies: [], anyChildInCare: true, anyChildNotInCare: false, parentsNeedingAdvocacy: [] };
  const f = facts({ kind: 'parent_and_child', household, beforePlacing, emergency: true, authorisation: { byHeadOfService: true, reason: 'Out of hours' } });
  assert.deepEqual(codes(f), ['sharing-agreement-missing', 'contingency-missing', 'contingency-missing']);
  const d = decideEntry(f, TODAY);
  assert.equal(d.allowed, false);
  assert.deepEqual(d.waived, []);
  // Another kind of placement is not asked for them.
  assert.deepEqual(codes(facts({ beforePlacing })), []);
});

test('parent and child 2.2: the child placed with their parent takes no place and does not count towards the fostering limit', () => {
  const mum = { id: 'mum', firstName: 'Kayla', dateOfBirth: '2009-05-01' };
  const baby = { id: 'baby', firstName: 'Ava', dateOfBirth: '2025-01-20', fostered: false };
  // One place left, and two foster children already there: the parent makes three.
  const household = aHousehold({ placementKinds: ['parent_and_child'], skillLevel: 4, approvedChildren: 3, placements: [placed({ childId: 'x' }), placed({ childId: 'y' })] });
  const existing = [agreedAbout('x'), agreedAbout('y')];
  assert.deepEqual(codes(facts({ kind: 'parent_and_child', household, children: [mum, baby], existing })), []);
  assert.deepEqual(codes(facts({ kind: 'parent_and_child', household, children: [mum, { ...baby, fostered: true }], existing })), ['not-enough-places', 'fostering-limit']);
  // Already there, not fostered: no place taken.
  const withBaby = aHousehold({ placementKinds: ['parent_and_child', 'short_term'], skillLevel: 4, approvedChildren: 2, placements: [placed({ childId: 'mum2' }), placed({ childId: 'baby2', fostered: false })] });
  assert.deepEqual(codes(facts({ household: withBaby, existing: [agreedAbout('mum2')], children: [sam] })), []);
});
