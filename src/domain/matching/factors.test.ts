import { test } from 'node:test';
import assert from 'node:assert/strict';
import { softFactors, WEIGHTS } from './factors.ts';
import { aChild, aHousehold, aRequest, context, placed } from './test-facts.ts';
import type { Factor, MatchHousehold, MatchRequest } from './types.ts';
import type { Centroids } from './postcodes.ts';

const factors = (request: MatchRequest, household: MatchHousehold, centroids?: Centroids) => softFactors(request, household, context(centroids ? { centroids } : {}));
const one = (fs: Factor[], code: Factor['code']) => {
  const found = fs.filter((f) => f.code === code);
  assert.equal(found.length, 1, `one ${code} factor`);
  return found[0]!;
};

test('no needs, no postcodes: no factors and a score of nothing', () => {
  assert.deepEqual(factors(aRequest(), aHousehold()), []);
});

// Distance -------------------------------------------------------------------------------------------

const grid: Centroids = new Map([
  ['AA1', { easting: 100_000, northing: 100_000 }],
  ['AA2', { easting: 103_000, northing: 100_000 }], // 1.9 miles from AA1
  ['AA3', { easting: 110_000, northing: 100_000 }], // 6.2 miles
  ['AA4', { easting: 125_000, northing: 100_000 }], // 15.5 miles
  ['AA5', { easting: 150_000, northing: 100_000 }], // 31.1 miles
]);
const keepingSchool = (schoolPostcode: string) => aRequest({ needs: { keepSchool: true, schoolPostcode } });

test('distance from school, by band of straight-line miles between district centres', () => {
  const household = aHousehold({ postcode: 'AA1 1AA' });
  const at = (pc: string) => one(factors(keepingSchool(pc), household, grid), 'school-distance');
  assert.deepEqual(at('AA2 2BB'), {
    code: 'school-distance',
    name: 'Distance from school',
    points: 20,
    explanation: "About 1.9 miles from Sam's school (between the centres of postcode districts AA2 and AA1): within 3 miles.",
  });
  assert.equal(at('AA3 2BB').points, 10);
  assert.match(at('AA3 2BB').explanation, /About 6.2 miles .*: 3 to 10 miles\.$/);
  assert.equal(at('AA4 2BB').points, 0);
  assert.match(at('AA4 2BB').explanation, /10 to 20 miles\.$/);
  assert.equal(at('AA5 2BB').points, -10);
  assert.match(at('AA5 2BB').explanation, /About 31.1 miles .*: more than 20 miles\.$/);
});

test('distance from school counts only when the child is to keep the school and its postcode is known', () => {
  const household = aHousehold({ postcode: 'AA1 1AA' });
  assert.deepEqual(factors(aRequest({ needs: { keepSchool: false, schoolPostcode: 'AA2 2BB' } }), household, grid), []);
  assert.deepEqual(factors(aRequest({ needs: { keepSchool: true, schoolPostcode: null } }), household, grid), []);
});

test('without centroids, the proxy: same district, same area, or another area, each said plainly', () => {
  const none: Centroids = new Map();
  const household = aHousehold({ postcode: 'ZZ4 1AA' });
  assert.deepEqual(one(factors(keepingSchool('ZZ4 9XY'), household, none), 'school-distance'), {
    code: 'school-distance',
    name: 'Distance from school',
    points: WEIGHTS.schoolDistance.sameDistrict,
    explanation: "The carers live in the same postcode district as Sam's school (ZZ4).",
  });
  assert.deepEqual(one(factors(keepingSchool('ZZ9 9XY'), household, none), 'school-distance'), {
    code: 'school-distance',
    name: 'Distance from school',
    points: WEIGHTS.schoolDistance.sameArea,
    explanation: "No distance is known for these postcodes; the carers live in the same postcode area as Sam's school (ZZ).",
  });
  assert.deepEqual(one(factors(keepingSchool('YY1 9XY'), household, none), 'school-distance'), {
    code: 'school-distance',
    name: 'Distance from school',
    points: WEIGHTS.schoolDistance.differentArea,
    explanation: "No distance is known for these postcodes; Sam's school is in postcode area YY and the carers in ZZ.",
  });
});

test("distance from the child's home postcode has its own, smaller bands", () => {
  const request = (homePostcode: string) => aRequest({ child: aChild({ homePostcode }) });
  const household = aHousehold({ postcode: 'AA1 1AA' });
  const at = (pc: string) => one(factors(request(pc), household, grid), 'home-distance');
  assert.equal(at('AA2 1AA').points, 10);
  assert.equal(at('AA3 1AA').points, 5);
  assert.equal(at('AA4 1AA').points, 0);
  assert.equal(at('AA5 1AA').points, -5);
  assert.equal(at('AA5 1AA').explanation, "About 31.1 miles from Sam's home postcode (between the centres of postcode districts AA5 and AA1): more than 30 miles.");
  assert.equal(at('AA1 7ZZ').points, WEIGHTS.homeDistance.sameDistrict);
});

test('the demo centroids give real distances: a home in Chippenham is about 15 miles from a school in Yate', () => {
  const f = one(factors(keepingSchool('BS37 6AA'), aHousehold({ postcode: 'SN15 1AA' })), 'school-distance');
  assert.equal(f.points, 0);
  assert.match(f.explanation, /^About 14\.9 miles from Sam's school \(between the centres of postcode districts BS37 and SN15\): 10 to 20 miles\.$/);
});

// Language, religion, experience ------------------------------------------------------------------

test("language: a carer speaks the child's first language (any case), or the sentence says what they do speak", () => {
  const request = aRequest({ needs: { firstLanguage: 'Polish' } });
  assert.deepEqual(one(factors(request, aHousehold({ languages: ['English', 'polish'] })), 'language'), {
    code: 'language',
    name: 'Language',
    points: WEIGHTS.language,
    explanation: "The carers speak Polish, Sam's first language.",
  });
  assert.deepEqual(one(factors(request, aHousehold({ languages: ['English', 'Urdu'] })), 'language'), {
    code: 'language',
    name: 'Language',
    points: 0,
    explanation: "The carers speak English and Urdu, not Polish (Sam's first language).",
  });
  assert.equal(one(factors(request, aHousehold({ languages: [] })), 'language').explanation, "The carers' languages are not recorded; Sam's first language is Polish.");
});

test("religion: the carers' faith is the child's religion, or not; no religion gives no factor", () => {
  const request = aRequest({ needs: { religion: 'Muslim' } });
  assert.deepEqual(one(factors(request, aHousehold({ faith: 'muslim' })), 'faith'), {
    code: 'faith',
    name: 'Religion',
    points: WEIGHTS.faith,
    explanation: "The carers share Sam's religion (Muslim).",
  });
  assert.equal(one(factors(request, aHousehold({ faith: 'Christian' })), 'faith').explanation, "Sam's religion is Muslim; the carers' faith is recorded as Christian.");
  assert.equal(one(factors(request, aHousehold({ faith: 'Christian' })), 'faith').points, 0);
  assert.equal(one(factors(request, aHousehold({ faith: null })), 'faith').explanation, "Sam's religion is Muslim; no faith is recorded for the carers.");
  assert.deepEqual(factors(aRequest({ needs: { religion: 'None' } }), aHousehold({ faith: 'Christian' })), []);
});

test("experience: one factor for each of the child's needs, points where the carers have that experience", () => {
  const request = aRequest({ needs: { needTags: ['self_harm', 'trauma', 'education_support'] } });
  const fs = factors(request, aHousehold({ experience: ['trauma', 'self_harm', 'disability'] }));
  assert.deepEqual(fs, [
    { code: 'experience', name: 'Experience: Self-harm', points: WEIGHTS.experiencePerNeed, explanation: 'The carers have experience of self-harm.' },
    { code: 'experience', name: 'Experience: Trauma, abuse or neglect', points: WEIGHTS.experiencePerNeed, explanation: 'The carers have experience of trauma, abuse or neglect.' },
    {
      code: 'experience',
      name: 'Experience: Special educational needs (EHC plan)',
      points: 0,
      explanation: 'No experience of special educational needs (EHC plan) is recorded for the carers.',
    },
  ]);
});

// Preferences ------------------------------------------------------------------------------------

test('no teenagers against a 14-year-old: negative, naming the child and the age', () => {
  const request = aRequest({ child: aChild({ firstName: 'Sam', dateOfBirth: '2010-05-01' }) });
  assert.deepEqual(factors(request, aHousehold({ preferences: ['no_teenagers'] })), [
    {
      code: 'preference',
      name: "Carers' preference: prefer not to care for teenagers",
      points: WEIGHTS.agePreferenceAgainst,
      explanation: 'Prefer not to care for teenagers; Sam is 14.',
    },
  ]);
  // A 12-year-old is not a teenager.
  assert.deepEqual(factors(aRequest({ child: aChild({ dateOfBirth: '2012-05-01' }) }), aHousehold({ preferences: ['no_teenagers'] })), []);
});

test('no under-5s against a sibling who is 3: the preference names each child it goes against', () => {
  const request = aRequest({
    neededBy: '2025-04-01',
    child: aChild({ firstName: 'Sam', dateOfBirth: '2015-01-01' }),
    siblings: [aChild({ firstName: 'Jo', dateOfBirth: '2021-06-01' }), aChild({ firstName: 'Max', dateOfBirth: '2022-01-01' })],
  });
  assert.deepEqual(one(factors(request, aHousehold({ preferences: ['no_under_5s'] })), 'preference'), {
    code: 'preference',
    name: "Carers' preference: prefer not to care for children under 5",
    points: WEIGHTS.agePreferenceAgainst,
    explanation: 'Prefer not to care for children under 5; Jo will be 3 on 1 April 2025 and Max will be 3 on 1 April 2025.',
  });
});

test('girls only against a boy, boys only against a girl; a child whose sex is not known is neither', () => {
  assert.deepEqual(one(factors(aRequest({ child: aChild({ sex: 'M' }) }), aHousehold({ preferences: ['girls_only'] })), 'preference'), {
    code: 'preference',
    name: "Carers' preference: girls only",
    points: WEIGHTS.sexPreferenceAgainst,
    explanation: 'Girls only; Sam is a boy.',
  });
  assert.equal(one(factors(aRequest({ child: aChild({ firstName: 'Ava', sex: 'F' }) }), aHousehold({ preferences: ['boys_only'] })), 'preference').explanation, 'Boys only; Ava is a girl.');
  assert.deepEqual(factors(aRequest({ child: aChild({ sex: 'F' }) }), aHousehold({ preferences: ['girls_only', 'no_smoking_household'] })), []);
  assert.deepEqual(factors(aRequest({ child: aChild({ sex: 'U' }) }), aHousehold({ preferences: ['girls_only'] })), []);
});

// Accessible home, younger children ---------------------------------------------------------------

test('accessible home when the child needs one: positive if it is, negative if not; nothing if not needed', () => {
  const request = aRequest({ needs: { needsAccessibleHome: true } });
  assert.deepEqual(factors(request, aHousehold({ accessibleHome: true })), [
    { code: 'accessible-home', name: 'Accessible home', points: WEIGHTS.accessibleHome, explanation: 'The home is accessible, as Sam needs.' },
  ]);
  assert.deepEqual(factors(request, aHousehold({ accessibleHome: false })), [
    { code: 'accessible-home', name: 'Accessible home', points: WEIGHTS.notAccessibleHome, explanation: 'Sam needs an accessible home; this home is not recorded as accessible.' },
  ]);
  assert.deepEqual(factors(aRequest(), aHousehold({ accessibleHome: true })), []);
});

test('younger children in the house when the child should not live with them: fostered and the carers\' own both count', () => {
  const request = aRequest({ child: aChild({ dateOfBirth: '2012-01-01' }), needs: { noYoungerChildren: true } });
  const household = aHousehold({
    placements: [placed({ dateOfBirth: '2018-01-01' }), placed({ dateOfBirth: '2010-01-01' })],
    residents: [
      { kind: 'carer_child', dateOfBirth: '2020-06-01' },
      { kind: 'other_adult', dateOfBirth: '1980-01-01' },
    ],
  });
  assert.deepEqual(factors(request, household), [
    {
      code: 'younger-children',
      name: 'Younger children',
      points: WEIGHTS.youngerChildren,
      explanation: 'The request says Sam should not live with younger children; 2 younger children live here (aged 4 and 7).',
    },
  ]);
  assert.deepEqual(factors(request, aHousehold({ placements: [placed({ dateOfBirth: '2010-01-01' })] })), [
    { code: 'younger-children', name: 'Younger children', points: 0, explanation: 'No child younger than Sam lives here.' },
  ]);
});

test('a fuller picture: every applicable factor, each with its points', () => {
  const request = aRequest({
    child: aChild({ firstName: 'Sam', dateOfBirth: '2010-05-01', homePostcode: 'BS37 5UA' }),
    needs: { keepSchool: true, schoolPostcode: 'BS37 6AA', firstLanguage: 'Polish', religion: 'Catholic', needTags: ['trauma'], needsAccessibleHome: true },
  });
  const household = aHousehold({ postcode: 'BS37 8YA', languages: ['Polish', 'English'], faith: 'Catholic', experience: ['trauma'], preferences: ['no_teenagers'], accessibleHome: true });
  const fs = factors(request, household);
  assert.deepEqual(
    fs.map((f) => [f.code, f.points]),
    [
      ['school-distance', 20],
      ['home-distance', 10],
      ['language', 15],
      ['faith', 10],
      ['experience', 8],
      ['preference', -15],
      ['accessible-home', 15],
    ],
  );
});
