/**
 * Matching evaluates in full only the households that can still be among the best or be excluded
 * (shortlist.ts). This property proves, for any households, placements, residents, exemptions,
 * adoption approvals and request, that what rankBest returns is exactly what evaluating every
 * household gives (rank): the same best eligible households and nearest misses, in the same order,
 * with the same factors and reasons, and the same totals; and, on the way, that no household scores
 * above its ceiling and that a household not kept for full evaluation is eligible. Fixed seed
 * (test/fast-check.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../../../test/fast-check.ts';
import { addDays } from '../dates.ts';
import { PLACEMENT_KINDS, type PlacementKind } from '../records/household.ts';
import { CARER_PREFERENCES, NEED_TAGS, type NeedTag } from '../records/placement-request.ts';
import { evaluate, firstConstraint, hardConstraints, mayStillBeExcluded, PREFILTER_CODES, rank, rankBest, scoreCeiling, type Evaluation, type MatchHousehold, type MatchRequest } from './index.ts';
import { matchHousehold } from './household-facts.ts';
import { context, TODAY } from './test-facts.ts';

const KINDS = Object.keys(PLACEMENT_KINDS) as PlacementKind[];
const TAGS = Object.keys(NEED_TAGS) as NeedTag[];
const PREFERENCES = Object.keys(CARER_PREFERENCES);
/** Postcodes with a centroid, without one in a known area, and in another area. */
const POSTCODES = ['BS37 5TA', 'BS16 1QY', 'BS32 4JT', 'BS30 8AA', 'GL12 8AB', 'BA1 1AA', 'BS99 9ZZ', 'SN14 6AA', 'CF10 1AA'];
const LANGUAGES = ['English', 'Welsh', 'Polish', 'Urdu'];
const FAITHS = ['Christian', 'Muslim', 'Sikh', 'none'];
const day = (offset: number) => addDays(TODAY, offset);

/** The children: the request's child and siblings (0–2) and others placed in households (3–7). */
const CHILD_IDS = Array.from({ length: 8 }, (_, i) => `child-${i}`);
const bornDaysAgo = fc.integer({ min: 0, max: 18 * 365 });

const requestArb = fc.record({
  kind: fc.oneof({ arbitrary: fc.constantFrom<PlacementKind>('short_term', 'long_term', 'emergency'), weight: 4 }, { arbitrary: fc.constantFrom(...KINDS), weight: 1 }),
  neededBy: fc.integer({ min: -3, max: 10 }),
  births: fc.oneof({ arbitrary: fc.tuple(fc.integer({ min: 5 * 365, max: 10 * 365 })), weight: 3 }, { arbitrary: fc.array(bornDaysAgo, { minLength: 1, maxLength: 3 }), weight: 1 }),
  sexes: fc.array(fc.constantFrom<'M' | 'F' | 'U'>('M', 'F', 'U'), { minLength: 3, maxLength: 3 }),
  homePostcode: fc.option(fc.constantFrom(...POSTCODES), { nil: null }),
  needs: fc.record({
    needTags: fc.subarray(TAGS, { maxLength: 3 }),
    keepSchool: fc.boolean(),
    schoolPostcode: fc.option(fc.constantFrom(...POSTCODES), { nil: null }),
    firstLanguage: fc.option(fc.constantFrom(...LANGUAGES), { nil: null }),
    religion: fc.option(fc.constantFrom(...FAITHS), { nil: null }),
    needsAccessibleHome: fc.boolean(),
    noYoungerChildren: fc.boolean(),
    noOtherChildren: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
    noPets: fc.boolean(),
  }),
  /** A parent-and-child request with the children placed with their parent (no place taken), sometimes. */
  notFostered: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
});

const householdArb = fc.record({
  approvalStatus: fc.constantFrom('approved', 'approved', 'approved', 'approved', 'on_hold'),
  approvedChildren: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3 }), weight: 6 }, { arbitrary: fc.integer({ min: 4, max: 5 }), weight: 1 }),
  ageMin: fc.integer({ min: 0, max: 5 }),
  ageMax: fc.integer({ min: 10, max: 18 }),
  placementKinds: fc.oneof({ arbitrary: fc.constant(KINDS), weight: 3 }, { arbitrary: fc.subarray(KINDS), weight: 1 }),
  skillLevel: fc.integer({ min: 1, max: 4 }),
  postcode: fc.constantFrom(...POSTCODES),
  languages: fc.subarray(LANGUAGES),
  faith: fc.option(fc.constantFrom(...FAITHS), { nil: null }),
  experience: fc.subarray(TAGS),
  preferences: fc.subarray(PREFERENCES, { maxLength: 2 }),
  pets: fc.boolean(),
  accessibleHome: fc.boolean(),
  placements: fc.array(
    fc.record({
      child: fc.integer({ min: 0, max: 7 }),
      status: fc.constantFrom('planned', 'active', 'ended', 'cancelled'),
      start: fc.integer({ min: -400, max: 10 }),
      length: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
      fostered: fc.oneof({ arbitrary: fc.constant(true), weight: 9 }, { arbitrary: fc.constant(false), weight: 1 }),
    }),
    { maxLength: 3 },
  ),
  residents: fc.array(fc.record({ kind: fc.constantFrom('carer_child', 'other_child', 'other_adult'), born: fc.option(fc.integer({ min: 0, max: 30 * 365 }), { nil: null }) }), { maxLength: 3 }),
  exemption: fc.option(fc.subarray(CHILD_IDS, { minLength: 1 }), { nil: null }),
  adoptionApproved: fc.boolean(),
  fullTimeCarer: fc.boolean(),
  returnAgreement: fc.boolean(),
});

const births = new Map<string, number>();
const dob = (id: string) => day(-(births.get(id) ?? 3000));

type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

function makeRequest(r: Generated<typeof requestArb>): MatchRequest {
  CHILD_IDS.forEach((id, i) => births.set(id, r.births[i] ?? 2000 + 500 * i));
  const child = (i: number) => ({ id: CHILD_IDS[i]!, firstName: `Child${i}`, dateOfBirth: dob(CHILD_IDS[i]!), sex: r.sexes[i] ?? 'F', homePostcode: i === 0 ? r.homePostcode : null });
  const group = r.births.map((_, i) => child(i));
  const kind = r.notFostered ? 'parent_and_child' : r.kind;
  return {
    kind,
    neededBy: day(r.neededBy),
    child: group[0]!,
    siblings: group.slice(1),
    needs: { ...r.needs, firstLanguage: r.needs.firstLanguage, religion: r.needs.religion, schoolPostcode: r.needs.schoolPostcode },
    ...(r.notFostered ? { parentAndChild: { notFostered: group.map((c) => c.id), arriving: [] } } : {}),
  };
}

function makeHousehold(h: Generated<typeof householdArb>, i: number): MatchHousehold {
  // Built as the matching service and the demo generator build theirs (household-facts.ts), so the test cannot drift from them.
  const { placements, exemption, residents, adoptionApproved, returnAgreement, approvalStatus, ...scalars } = h;
  return matchHousehold(
    {
      ...scalars,
      id: `household-${i}`,
      reference: `H${String(1000 + ((i * 7919) % 1000)).padStart(5, '0')}`,
      approvalStatus: approvalStatus as MatchHousehold['approvalStatus'],
      returnAgreementSignedOn: returnAgreement ? day(-50) : null,
    },
    {
      placements: placements.map((p) => {
        const id = CHILD_IDS[p.child]!;
        const startDate = day(p.start);
        return { childId: id, status: p.status as 'planned', startDate, endDate: p.length === null ? null : addDays(startDate, p.length), dateOfBirth: dob(id), ...(p.fostered ? {} : { fostered: false }) };
      }),
      exemptions: exemption ? [{ childIds: exemption, startDate: day(-30), endDate: null }] : [],
      members: residents.map((r) => ({ kind: r.kind as 'carer_child', dateOfBirth: r.born === null ? null : day(-r.born) })),
      adoptionApprovals: adoptionApproved ? [{ status: 'approved', decisionDate: day(-100), endedOn: null }] : [],
    },
  );
}

/** rankBest driven as the matching service drives it, each household evaluated in full when asked for. */
function drive(request: MatchRequest, households: readonly MatchHousehold[], shown: number, batch: number) {
  const ctx = context();
  const byId = new Map(households.map((h) => [h.id, h]));
  const asked: string[] = [];
  const it = rankBest(request, households, ctx, shown, batch);
  for (let step = it.next([]); ; ) {
    if (step.done) return { result: step.value, asked };
    asked.push(...step.value);
    step = it.next(step.value.map((id) => evaluate(request, byId.get(id)!, ctx)));
  }
}

const shape = (e: Evaluation) => [e.reference, e.eligible, e.score, e.placesFree, e.factors, e.reasons];

test('the best households and the nearest misses found by evaluating only some are those of evaluating every one', () => {
  let fewer = 0;
  fc.assert(
    fc.property(requestArb, fc.array(householdArb, { minLength: 5, maxLength: 50, size: 'max' }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 5 }), (r, hs, shown, batch) => {
      const request = makeRequest(r);
      const ctx = context();
      const all = hs.map(makeHousehold);
      // What the database lets through: none of the reasons it checks (test/matching-prefilter.property.test.ts proves it).
      const passed = all.filter((h) => !hardConstraints(request, h, ctx).some((x) => (PREFILTER_CODES as readonly string[]).includes(x.code)));
      for (const h of all) {
        const e = evaluate(request, h, ctx);
        assert.ok(e.score <= scoreCeiling(request, h, ctx), `${h.id} scores ${e.score}, above its ceiling ${scoreCeiling(request, h, ctx)}`);
      }
      for (const h of passed) {
        if (!mayStillBeExcluded(request, h, ctx.today)) assert.deepEqual(hardConstraints(request, h, ctx), [], `${h.id} passed the database's checks and was taken as eligible`);
      }
      const full = rank(request, passed, ctx);
      const { result, asked } = drive(request, passed, shown, batch);
      assert.equal(new Set(asked).size, asked.length, 'no household evaluated twice');
      assert.deepEqual(result.eligible.map(shape), full.eligible.slice(0, shown).map(shape));
      assert.deepEqual(result.excluded.map(shape), full.excluded.slice(0, shown).map(shape));
      assert.equal(result.eligibleTotal, full.eligible.length);
      assert.equal(result.excludedTotal, full.excluded.length);
      const byFirst = new Map<string, number>();
      for (const e of full.excluded) {
        const code = firstConstraint(e.reasons);
        if (code) byFirst.set(code, (byFirst.get(code) ?? 0) + 1);
      }
      assert.deepEqual(new Map(result.excludedByFirstReason), byFirst, 'every excluded household counted under its first reason');
      if (asked.length < passed.length) fewer += 1;
    }),
    { numRuns: 400 },
  );
  assert.ok(fewer > 150, `the shortlist evaluated fewer households than all in ${fewer} of 400 runs`);
});

test('a household that cannot score as high as the best already found is never evaluated', () => {
  const request = makeRequest({
    kind: 'long_term',
    neededBy: 0,
    births: [15 * 365],
    sexes: ['F', 'F', 'F'],
    homePostcode: null,
    needs: { needTags: [], keepSchool: false, schoolPostcode: null, firstLanguage: 'Welsh', religion: null, needsAccessibleHome: false, noYoungerChildren: false, noOtherChildren: false, noPets: false },
    notFostered: false,
  });
  const base = { approvalStatus: 'approved' as const, approvedChildren: 2, ageMin: 0, ageMax: 18, placementKinds: KINDS, skillLevel: 3, postcode: 'BS37 5TA', faith: null, experience: [], preferences: [], pets: false, accessibleHome: false, placements: [], residents: [], exemption: null, adoptionApproved: false, fullTimeCarer: false, returnAgreement: false };
  const households = Array.from({ length: 30 }, (_, i) => makeHousehold({ ...base, languages: i < 10 ? ['Welsh'] : ['English'] }, i));
  const { result, asked } = drive(request, households, 5, 5);
  assert.deepEqual(
    result.eligible.map((e) => e.score),
    [15, 15, 15, 15, 15],
  );
  assert.equal(result.eligibleTotal, 30);
  // The ten who speak Welsh (five are shown, the others tie with them and places free could put them first); no other can score more than 0.
  assert.equal(asked.length, 10);
});
