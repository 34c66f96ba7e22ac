import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allSiblings, hardConstraints, placementDate } from './constraints.ts';
import { aChild, aHousehold, aRequest, context, placed, TODAY } from './test-facts.ts';
import { prefilterFor, PREFILTER_CODES } from './prefilter.ts';
import { CONSTRAINT_CODES, type MatchHousehold, type MatchRequest, type Reason } from './types.ts';

const check = (request: MatchRequest, household: MatchHousehold, ctx = context()) => hardConstraints(request, household, ctx);
const codes = (reasons: Reason[]) => reasons.map((r) => r.code);

test('a plain approved household with room is eligible: no reasons', () => {
  assert.deepEqual(check(aRequest(), aHousehold()), []);
});

test('approval must be current: in assessment, on hold and deregistered each say so', () => {
  const messages = (['in_assessment', 'on_hold', 'deregistered'] as const).map((approvalStatus) => check(aRequest(), aHousehold({ approvalStatus })));
  assert.deepEqual(messages, [
    [{ code: 'approval-not-current', message: 'Still being assessed: not yet approved as foster carers.' }],
    [{ code: 'approval-not-current', message: 'Approval is on hold: no child can be placed while it is.' }],
    [{ code: 'approval-not-current', message: 'Deregistered: no longer approved as foster carers.' }],
  ]);
});

test('the kind of placement must be in the terms of approval, naming the kinds that are', () => {
  const reasons = check(aRequest({ kind: 'long_term' }), aHousehold({ placementKinds: ['emergency', 'short_term'] }));
  assert.deepEqual(reasons, [{ code: 'kind-not-approved', message: 'Approved for emergency and short-term placements, not long-term.' }]);
  const none = check(aRequest({ kind: 'short_breaks' }), aHousehold({ placementKinds: [] }));
  assert.deepEqual(none, [{ code: 'kind-not-approved', message: 'No kinds of placement are recorded in the terms of approval, so not approved for short breaks.' }]);
});

test('parent and child: only carers at skill level 4 or above (Parent and child fostering procedure), stated alongside the kind', () => {
  const request = aRequest({ kind: 'parent_and_child' });
  assert.deepEqual(check(request, aHousehold({ placementKinds: ['parent_and_child'], skillLevel: 4 })), []);
  const level3 = check(request, aHousehold({ placementKinds: ['parent_and_child'], skillLevel: 3 }));
  assert.deepEqual(level3, [
    {
      code: 'skill-level-too-low',
      message: 'Parent-and-child placements are made only with carers accredited at skill level 4 or above (Parent and child fostering procedure, 6.2); these carers are at level 3.',
    },
  ]);
  // Neither approved for the kind nor skilled enough: both facts are stated.
  assert.deepEqual(codes(check(request, aHousehold({ placementKinds: ['short_term'], skillLevel: 2 }))), ['kind-not-approved', 'skill-level-too-low']);
});

const approvedAdopters = (decisionDate = '2024-06-10') => ({ adoptionApprovals: [{ status: 'approved' as const, decisionDate, endedOn: null }], fullTimeCarer: true, returnAgreementSignedOn: '2024-07-01' });

test('fostering for adoption: dual approval is derived from an adoption approval current on the date, never from a tick on the terms', () => {
  const request = aRequest({ kind: 'fostering_for_adoption', child: aChild({ dateOfBirth: '2025-01-20' }) });
  assert.deepEqual(check(request, aHousehold({ placementKinds: ['short_term'], earlyPermanence: approvedAdopters() })), []);
  // The former tick on the terms of approval counts for nothing.
  assert.deepEqual(codes(check(request, aHousehold({ placementKinds: ['short_term', 'fostering_for_adoption'] }))), ['not-dual-approved', 'no-full-time-carer']);
  // Approved as adopters only after the day the placement is needed: not dual approved that day.
  const later = check(request, aHousehold({ earlyPermanence: approvedAdopters('2025-04-01') }));
  assert.deepEqual(codes(later), ['not-dual-approved']);
  assert.match(later[0]?.message ?? '', /Children Act 1989 s22C\(9B\)\); on 3 March 2025 these carers have no current approval as prospective adopters/);
  // Approved as adopters but the fostering approval is on hold: not dual approved either.
  assert.deepEqual(codes(check(request, aHousehold({ approvalStatus: 'on_hold', earlyPermanence: approvedAdopters() }))), ['approval-not-current', 'not-dual-approved']);
});

test("concurrent planning: dual approval, a carer full-time in the fostering phase and the carers' signed agreement to support a return home", () => {
  const request = aRequest({ kind: 'concurrent_planning', child: aChild({ dateOfBirth: '2025-01-20' }) });
  assert.deepEqual(check(request, aHousehold({ earlyPermanence: approvedAdopters() })), []);
  const unsigned = check(request, aHousehold({ earlyPermanence: { ...approvedAdopters(), fullTimeCarer: false, returnAgreementSignedOn: null } }));
  assert.deepEqual(codes(unsigned), ['no-full-time-carer', 'return-agreement-missing']);
  // Fostering for adoption does not ask for the signed agreement.
  assert.deepEqual(check(aRequest({ kind: 'fostering_for_adoption', child: aChild({ dateOfBirth: '2025-01-20' }) }), aHousehold({ earlyPermanence: { ...approvedAdopters(), returnAgreementSignedOn: null } })), []);
});

test("the child's age must be within the approved range: the message states the range and the age", () => {
  const sam = aChild({ firstName: 'Sam', dateOfBirth: '2010-05-01' }); // 14 on TODAY
  assert.deepEqual(check(aRequest({ child: sam }), aHousehold({ ageMin: 0, ageMax: 11 })), [{ code: 'age-outside-range', message: 'Approved for ages 0–11; Sam is 14.' }]);
  assert.deepEqual(check(aRequest({ child: sam }), aHousehold({ ageMin: 15, ageMax: 17 })), [{ code: 'age-outside-range', message: 'Approved for ages 15–17; Sam is 14.' }]);
  assert.deepEqual(check(aRequest({ child: sam }), aHousehold({ ageMin: 14, ageMax: 14 })), []);
  assert.deepEqual(check(aRequest({ child: sam }), aHousehold({ ageMin: 16, ageMax: 16 })), [{ code: 'age-outside-range', message: 'Approved for age 16; Sam is 14.' }]);
});

test('ages are judged on the needed-by date: a birthday before then counts', () => {
  const sam = aChild({ firstName: 'Sam', dateOfBirth: '2013-04-01' }); // 11 today, 12 on 1 April 2025
  const household = aHousehold({ ageMin: 0, ageMax: 11 });
  assert.deepEqual(check(aRequest({ child: sam, neededBy: '2025-03-31' }), household), []);
  assert.deepEqual(check(aRequest({ child: sam, neededBy: '2025-04-01' }), household), [
    { code: 'age-outside-range', message: 'Approved for ages 0–11; Sam will be 12 on 1 April 2025, when the placement is needed.' },
  ]);
});

test("each sibling's age is checked too, one reason for each child outside the range", () => {
  const request = aRequest({
    child: aChild({ firstName: 'Sam', dateOfBirth: '2016-01-01' }),
    siblings: [aChild({ firstName: 'Alex', dateOfBirth: '2009-01-01' }), aChild({ firstName: 'Jo', dateOfBirth: '2008-06-01' })],
  });
  const reasons = check(request, aHousehold({ ageMin: 5, ageMax: 12 }));
  assert.deepEqual(reasons, [
    { code: 'age-outside-range', message: 'Approved for ages 5–12; Alex is 16.' },
    { code: 'age-outside-range', message: 'Approved for ages 5–12; Jo is 16.' },
  ]);
});

test('a late request is judged today, not on a needed-by date in the past', () => {
  assert.equal(placementDate({ neededBy: '2025-01-01' }, TODAY), TODAY);
  assert.equal(placementDate({ neededBy: '2025-04-01' }, TODAY), '2025-04-01');
});

test('not enough places: the reason gives the approved number, the children placed and the size of the group', () => {
  const full = aHousehold({ approvedChildren: 2, placements: [placed(), placed()] });
  assert.deepEqual(check(aRequest(), full), [
    { code: 'not-enough-places', message: 'Approved for 2 children and 2 are placed, so no place is free; the request is for 1 child (Sam).' },
  ]);
  const siblings = aRequest({ siblings: [aChild({ firstName: 'Alex' }), aChild({ firstName: 'Jo' })] });
  const onePlace = aHousehold({ approvedChildren: 2, placements: [placed()] });
  const reasons = check(siblings, onePlace);
  assert.deepEqual(reasons[0], {
    code: 'not-enough-places',
    message: 'Approved for 2 children and 1 is placed, so only 1 place is free; the request is for 3 children (Sam and 2 siblings).',
  });
  // Four fostered children, not all siblings: the fostering limit is a second, separate fact.
  assert.deepEqual(codes(reasons), ['not-enough-places', 'fostering-limit']);
});

test('places are counted on the needed-by date: a placement ending before then frees its place, a planned one takes one', () => {
  const leaving = aHousehold({ approvedChildren: 1, placements: [placed({ endDate: '2025-03-20' })] });
  assert.deepEqual(codes(check(aRequest({ neededBy: '2025-03-19' }), leaving)), ['not-enough-places']);
  assert.deepEqual(check(aRequest({ neededBy: '2025-03-20' }), leaving), []);
  const planned = aHousehold({ approvedChildren: 1, placements: [placed({ status: 'planned', startDate: '2025-03-10' })] });
  assert.deepEqual(check(aRequest(), planned), []);
  assert.deepEqual(check(aRequest({ neededBy: '2025-03-10' }), planned), [
    { code: 'not-enough-places', message: 'Approved for 1 child and 1 is placed (counted on 10 March 2025, when the placement is needed), so no place is free; the request is for 1 child (Sam).' },
  ]);
});

// The usual fostering limit (Children Act 1989 Schedule 7) -----------------------------------------

const fourApproved = (overrides: Partial<MatchHousehold> = {}) => aHousehold({ approvedChildren: 5, ...overrides });

test('the fostering limit: a fourth unrelated fostered child is refused without an exemption', () => {
  const household = fourApproved({ placements: [placed(), placed(), placed()] });
  assert.deepEqual(check(aRequest(), household), [
    {
      code: 'fostering-limit',
      message:
        'Placing Sam would make 4 fostered children here, more than the usual fostering limit of three (Children Act 1989 Schedule 7 para 2); they are not all siblings of each other (para 3) and no exemption is in force today (para 4).',
    },
  ]);
  // Three in all is within the limit.
  assert.deepEqual(check(aRequest(), fourApproved({ placements: [placed(), placed()] })), []);
});

test("the carers' own children do not count towards the fostering limit", () => {
  const household = fourApproved({
    placements: [placed(), placed()],
    residents: [
      { kind: 'carer_child', dateOfBirth: '2012-01-01' },
      { kind: 'carer_child', dateOfBirth: '2016-01-01' },
    ],
  });
  assert.deepEqual(check(aRequest(), household), []);
});

test('the fostering limit may be exceeded when all the children are siblings of each other (para 3)', () => {
  const [a, b, c] = [placed(), placed(), placed()];
  const sam = aChild();
  const household = fourApproved({ placements: [a, b, c] });
  const links = [
    { childId: a.childId, siblingId: b.childId },
    { childId: c.childId, siblingId: a.childId },
    { childId: b.childId, siblingId: c.childId },
    { childId: sam.id, siblingId: a.childId },
    { childId: b.childId, siblingId: sam.id },
    { childId: sam.id, siblingId: c.childId },
  ];
  assert.deepEqual(check(aRequest({ child: sam }), household, context({ siblingLinks: links })), []);
  // One pair not linked: they are not all siblings of each other.
  assert.deepEqual(codes(check(aRequest({ child: sam }), household, context({ siblingLinks: links.slice(0, 5) }))), ['fostering-limit']);
});

test('a sibling group of four placed together in an empty household is within para 3', () => {
  const request = aRequest({ siblings: [aChild({ firstName: 'Alex' }), aChild({ firstName: 'Jo' }), aChild({ firstName: 'Max' })] });
  assert.deepEqual(check(request, fourApproved()), []);
  // With an unrelated child already there, the five are not all siblings.
  const reasons = check(request, fourApproved({ approvedChildren: 6, placements: [placed()] }));
  assert.deepEqual(codes(reasons), ['fostering-limit']);
  assert.match(reasons[0]!.message, /^Placing Sam and 3 siblings would make 5 fostered children here/);
});

test('an exemption in force on the placement date that names every child allows the fourth (para 4)', () => {
  const [a, b, c] = [placed(), placed(), placed()];
  const sam = aChild();
  const named = { childIds: [a.childId, b.childId, c.childId, sam.id], startDate: '2025-01-01', endDate: null };
  const household = fourApproved({ placements: [a, b, c], exemptions: [named] });
  assert.deepEqual(check(aRequest({ child: sam }), household), []);
});

test('an exemption that does not name the new child, or is not in force that day, does not', () => {
  const [a, b, c] = [placed(), placed(), placed()];
  const sam = aChild({ firstName: 'Sam' });
  const existingOnly = { childIds: [a.childId, b.childId, c.childId], startDate: '2025-01-01', endDate: null };
  const reasons = check(aRequest({ child: sam }), fourApproved({ placements: [a, b, c], exemptions: [existingOnly] }));
  assert.deepEqual(reasons, [
    {
      code: 'fostering-limit',
      message:
        'Placing Sam would make 4 fostered children here, more than the usual fostering limit of three (Children Act 1989 Schedule 7 para 2); they are not all siblings of each other (para 3) and the exemption in force today does not name Sam (para 4).',
    },
  ]);
  const all = [a.childId, b.childId, c.childId, sam.id];
  const ended = { childIds: all, startDate: '2024-01-01', endDate: '2025-02-28' };
  assert.deepEqual(codes(check(aRequest({ child: sam }), fourApproved({ placements: [a, b, c], exemptions: [ended] }))), ['fostering-limit']);
  const starting = { childIds: all, startDate: '2025-03-10', endDate: null };
  const household = fourApproved({ placements: [a, b, c], exemptions: [starting] });
  assert.deepEqual(codes(check(aRequest({ child: sam }), household)), ['fostering-limit']);
  // Judged on the needed-by date: from 10 March the exemption is in force.
  assert.deepEqual(check(aRequest({ child: sam, neededBy: '2025-03-10' }), household), []);
});

test('an exemption naming the new child but not a child already there says so', () => {
  const [a, b, c] = [placed(), placed(), placed()];
  const sam = aChild({ firstName: 'Sam' });
  const partial = { childIds: [a.childId, b.childId, sam.id], startDate: '2025-01-01', endDate: null };
  const [reason] = check(aRequest({ child: sam }), fourApproved({ placements: [a, b, c], exemptions: [partial] }));
  assert.match(reason!.message, /the exemption in force today does not name 1 child already placed there \(para 4\)\.$/);
});

test('the limit counts children placed on the placement date, including planned placements', () => {
  const household = fourApproved({ placements: [placed(), placed(), placed({ status: 'planned', startDate: '2025-03-05' })] });
  assert.deepEqual(check(aRequest(), household), []);
  assert.deepEqual(codes(check(aRequest({ neededBy: '2025-03-05' }), household)), ['fostering-limit']);
});

test('allSiblings: request children are siblings of each other; others need a link in either direction', () => {
  const group = new Set(['s1', 's2']);
  assert.equal(allSiblings(['s1', 's2'], group, []), true);
  assert.equal(allSiblings(['s1', 's2', 'x'], group, [{ childId: 'x', siblingId: 's1' }]), false);
  assert.equal(
    allSiblings(['s1', 's2', 'x'], group, [
      { childId: 'x', siblingId: 's1' },
      { childId: 's2', siblingId: 'x' },
    ]),
    true,
  );
});

// What the request says the child cannot live with -------------------------------------------------

test('"cannot live with other children": fostered children or other children living there exclude', () => {
  const request = aRequest({ needs: { noOtherChildren: true } });
  assert.deepEqual(check(request, aHousehold()), []);
  assert.deepEqual(check(request, aHousehold({ placements: [placed(), placed()] })), [
    { code: 'no-other-children', message: 'The request says Sam cannot live with other children; 2 fostered children are placed here.' },
  ]);
  assert.deepEqual(check(request, aHousehold({ placements: [placed()], residents: [{ kind: 'carer_child', dateOfBirth: '2018-02-02' }] })), [
    { code: 'no-other-children', message: 'The request says Sam cannot live with other children; 1 fostered child is placed here and 1 other child lives here.' },
  ]);
  // Adults and grown-up children of the carers are not children.
  assert.deepEqual(check(request, aHousehold({ residents: [{ kind: 'other_adult', dateOfBirth: null }, { kind: 'carer_child', dateOfBirth: '2000-01-01' }] })), []);
});

test('"cannot live with other children" does not count the siblings to be placed with the child', () => {
  const request = aRequest({ needs: { noOtherChildren: true }, siblings: [aChild({ firstName: 'Alex' })] });
  assert.deepEqual(check(request, aHousehold()), []);
});

test('"cannot live with pets" excludes carers with pets', () => {
  assert.deepEqual(check(aRequest({ needs: { noPets: true } }), aHousehold({ pets: true })), [
    { code: 'no-pets', message: 'The request says Sam cannot live with pets; these carers have pets.' },
  ]);
  assert.deepEqual(check(aRequest({ needs: { noPets: true } }), aHousehold({ pets: false })), []);
  assert.deepEqual(check(aRequest({ needs: { noPets: false } }), aHousehold({ pets: true })), []);
});

test('every failing constraint is reported, not just the first', () => {
  const request = aRequest({ kind: 'parent_and_child', child: aChild({ dateOfBirth: '2008-01-01' }), needs: { noPets: true, noOtherChildren: true } });
  const household = aHousehold({
    approvalStatus: 'on_hold',
    placementKinds: ['short_term'],
    skillLevel: 2,
    ageMin: 0,
    ageMax: 10,
    approvedChildren: 3,
    pets: true,
    placements: [placed(), placed(), placed()],
  });
  assert.deepEqual(codes(check(request, household)), [
    'approval-not-current',
    'kind-not-approved',
    'skill-level-too-low',
    'age-outside-range',
    'not-enough-places',
    'fostering-limit',
    'no-other-children',
    'no-pets',
  ]);
});

test("re-checking after the child's own placement there is planned: it takes none of the places and adds nothing to the limit", () => {
  const sam = aChild();
  const own = placed({ childId: sam.id, status: 'planned', startDate: TODAY });
  assert.deepEqual(check(aRequest({ child: sam }), aHousehold({ approvedChildren: 1, placements: [own] })), []);
  const three = fourApproved({ approvedChildren: 3, placements: [placed(), placed(), own] });
  assert.deepEqual(check(aRequest({ child: sam }), three), []);
});

test('"cannot live with other children" is counted on the placement date when that is later than today', () => {
  const request = aRequest({ neededBy: '2025-03-10', needs: { noOtherChildren: true } });
  assert.deepEqual(check(request, aHousehold({ placements: [placed({ status: 'planned', startDate: '2025-03-08' })] })), [
    {
      code: 'no-other-children',
      message: 'The request says Sam cannot live with other children; 1 fostered child is placed here (counted on 10 March 2025, when the placement is needed).',
    },
  ]);
});

test('parent and child: a parent in care arriving with their baby takes a place too, named as the parent, not as a sibling', () => {
  const baby = aChild({ id: 'baby', firstName: 'Mia', dateOfBirth: '2025-01-10' });
  const jade = { id: 'jade', firstName: 'Jade', dateOfBirth: '2009-06-01', role: 'parent' as const };
  const request = aRequest({ kind: 'parent_and_child', child: baby, parentAndChild: { notFostered: [], arriving: [jade] } });
  const pcHousehold = (over: Partial<MatchHousehold> = {}) => aHousehold({ placementKinds: ['parent_and_child'], skillLevel: 4, ...over });
  // One free place: enough for the baby alone, not for the baby and the parent arriving with her.
  assert.deepEqual(check({ ...request, parentAndChild: undefined } as MatchRequest, pcHousehold({ approvedChildren: 2, placements: [placed()] })), []);
  assert.deepEqual(check(request, pcHousehold({ approvedChildren: 2, placements: [placed()] })), [
    { code: 'not-enough-places', message: 'Approved for 2 children and 1 is placed, so only 1 place is free; the request is for 2 children (Mia and the parent Jade, who arrives too).' },
  ]);
  assert.deepEqual(check(request, pcHousehold({ approvedChildren: 2 })), [], 'two free places take both');
  // The parent's age is within the terms too.
  assert.deepEqual(codes(check(request, pcHousehold({ approvedChildren: 2, ageMin: 0, ageMax: 11 }))), ['age-outside-range']);
  // A baby not in care placed with their parent who is (2.2) takes no place: the parent takes the only one.
  const withParent = { ...request, parentAndChild: { notFostered: ['baby'], arriving: [jade] } };
  assert.deepEqual(check(withParent, pcHousehold({ approvedChildren: 2, placements: [placed()] })), []);
  // The fostering limit counts the parent as a fostered child, not a sibling of the baby.
  const three = pcHousehold({ approvedChildren: 5, placements: [placed(), placed()] });
  const limit = check(request, three);
  assert.deepEqual(codes(limit), ['fostering-limit']);
  assert.match(limit[0]!.message, /^Placing Mia and the parent Jade, who arrives too would make 4 fostered children here/);
  assert.doesNotMatch(limit[0]!.message, /\d+ siblings?/);
});

test('the prefilter counts the places the arriving parent needs and checks their age, like the constraints', () => {
  const baby = aChild({ id: 'baby', firstName: 'Mia', dateOfBirth: '2025-01-10' });
  const jade = { id: 'jade', firstName: 'Jade', dateOfBirth: '2009-06-01', role: 'parent' as const };
  const f = prefilterFor(aRequest({ kind: 'parent_and_child', child: baby, parentAndChild: { notFostered: [], arriving: [jade] } }), TODAY);
  assert.deepEqual([f.placesNeeded, f.youngest, f.oldest, f.childIds], [2, 0, 15, ['baby', 'jade']]);
  const notFostered = prefilterFor(aRequest({ kind: 'parent_and_child', child: baby, parentAndChild: { notFostered: ['baby'], arriving: [jade] } }), TODAY);
  assert.deepEqual([notFostered.placesNeeded, notFostered.youngest, notFostered.oldest], [1, 15, 15]);
  assert.equal(prefilterFor(aRequest(), TODAY).placesNeeded, 1);
});

test('the reasons the database checks before matching come first, in the order a household is counted under its first reason', () => {
  // A household the database stops is counted under the first prefilter reason it fails; the domain counts a
  // household under the first of CONSTRAINT_CODES it fails. They agree only if the one list begins the other.
  assert.deepEqual(CONSTRAINT_CODES.slice(0, PREFILTER_CODES.length), [...PREFILTER_CODES]);
});
