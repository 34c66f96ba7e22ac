/**
 * Step two of matching: the soft factors. Each gives points, positive or negative, and a sentence
 * saying why; a household's score is their sum. The weights are in `WEIGHTS` and in
 * docs/rules/matching.md: change both together.
 */
import { ageOn, compareDates, formatDate } from '../dates.ts';
import { CARER_PREFERENCES, NEED_TAGS, type CarerPreference, type NeedTag } from '../records/placement-request.ts';
import { fosteredThere, groupOf, otherResidentChildren, placementDate } from './constraints.ts';
import { separation, type Separation } from './postcodes.ts';
import { listOf, lowerFirst, plural } from './text.ts';
import type { Factor, MatchContext, MatchHousehold, MatchRequest } from './types.ts';

type DistanceWeights = {
  /** Bands by straight-line miles between district centres, nearest first. */
  bands: readonly { upTo: number; points: number }[];
  /** Further than the last band. */
  beyond: number;
  /** Proxies when a postcode has no centroid (or both are in one district). */
  sameDistrict: number;
  sameArea: number;
  differentArea: number;
};

export const WEIGHTS = {
  /** Keeping the child at their school (Children Act 1989 s22C(8)(b): not disrupting education). */
  schoolDistance: {
    bands: [
      { upTo: 3, points: 20 },
      { upTo: 10, points: 10 },
      { upTo: 20, points: 0 },
    ],
    beyond: -10,
    sameDistrict: 20,
    sameArea: 5,
    differentArea: -5,
  } satisfies DistanceWeights,
  /** Living near home, family and friends (s22C(8)(a)). */
  homeDistance: {
    bands: [
      { upTo: 5, points: 10 },
      { upTo: 15, points: 5 },
      { upTo: 30, points: 0 },
    ],
    beyond: -5,
    sameDistrict: 10,
    sameArea: 3,
    differentArea: -3,
  } satisfies DistanceWeights,
  /** A carer speaks the child's first language. */
  language: 15,
  /** The carers' faith is the child's religion. */
  faith: 10,
  /** For each of the child's needs the carers have experience of. */
  experiencePerNeed: 8,
  /** An age preference of the carers goes against a child to be placed. */
  agePreferenceAgainst: -15,
  /** A girls-only or boys-only preference goes against a child to be placed. */
  sexPreferenceAgainst: -20,
  /** The child needs an accessible home: it is one, or it is not. */
  accessibleHome: 15,
  notAccessibleHome: -20,
  /** The child should not live with younger children, and younger children live there. */
  youngerChildren: -20,
} as const;

const NO_RELIGION = new Set(['none', 'no religion', 'no faith', 'not known', 'unknown', 'n/a', 'not applicable']);
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function distanceFactor(code: 'school-distance' | 'home-distance', name: string, what: string, sep: Separation, w: DistanceWeights): Factor {
  switch (sep.kind) {
    case 'measured': {
      let lower = 0;
      for (const band of w.bands) {
        if (sep.miles <= band.upTo) {
          const range = lower === 0 ? `within ${band.upTo} miles` : `${lower} to ${band.upTo} miles`;
          return { code, name, points: band.points, explanation: `About ${sep.miles} miles from ${what} (between the centres of postcode districts ${sep.toDistrict} and ${sep.fromDistrict}): ${range}.` };
        }
        lower = band.upTo;
      }
      return { code, name, points: w.beyond, explanation: `About ${sep.miles} miles from ${what} (between the centres of postcode districts ${sep.toDistrict} and ${sep.fromDistrict}): more than ${lower} miles.` };
    }
    case 'same-district':
      return { code, name, points: w.sameDistrict, explanation: `The carers live in the same postcode district as ${what} (${sep.district}).` };
    case 'same-area':
      return { code, name, points: w.sameArea, explanation: `No distance is known for these postcodes; the carers live in the same postcode area as ${what} (${sep.area}).` };
    case 'different-area':
      return { code, name, points: w.differentArea, explanation: `No distance is known for these postcodes; ${what} is in postcode area ${sep.toArea} and the carers in ${sep.fromArea}.` };
  }
}

/** Every soft factor that applies to the request, for this household. */
export function softFactors(request: MatchRequest, household: MatchHousehold, ctx: MatchContext): Factor[] {
  const factors: Factor[] = [];
  const date = placementDate(request, ctx.today);
  const today = compareDates(date, ctx.today) === 0;
  const who = request.child.firstName;
  const needs = request.needs;
  const group = groupOf(request);
  const ageText = (firstName: string, age: number) => (today ? `${firstName} is ${age}` : `${firstName} will be ${age} on ${formatDate(date)}`);

  // Distance from the school the child is to keep, and from home.
  if (needs.keepSchool && needs.schoolPostcode) {
    const sep = separation(household.postcode, needs.schoolPostcode, ctx.centroids);
    if (sep) factors.push(distanceFactor('school-distance', 'Distance from school', `${who}'s school`, sep, WEIGHTS.schoolDistance));
  }
  if (request.child.homePostcode) {
    const sep = separation(household.postcode, request.child.homePostcode, ctx.centroids);
    if (sep) factors.push(distanceFactor('home-distance', 'Distance from home', `${who}'s home postcode`, sep, WEIGHTS.homeDistance));
  }

  // Language.
  const firstLanguage = needs.firstLanguage?.trim();
  if (firstLanguage) {
    const spoken = household.languages.some((l) => same(l, firstLanguage));
    factors.push({
      code: 'language',
      name: 'Language',
      points: spoken ? WEIGHTS.language : 0,
      explanation: spoken
        ? `The carers speak ${firstLanguage}, ${who}'s first language.`
        : household.languages.length
          ? `The carers speak ${listOf([...household.languages])}, not ${firstLanguage} (${who}'s first language).`
          : `The carers' languages are not recorded; ${who}'s first language is ${firstLanguage}.`,
    });
  }

  // Religion and faith.
  const religion = needs.religion?.trim();
  if (religion && !NO_RELIGION.has(religion.toLowerCase())) {
    const shared = !!household.faith && same(household.faith, religion);
    factors.push({
      code: 'faith',
      name: 'Religion',
      points: shared ? WEIGHTS.faith : 0,
      explanation: shared
        ? `The carers share ${who}'s religion (${religion}).`
        : household.faith
          ? `${who}'s religion is ${religion}; the carers' faith is recorded as ${household.faith}.`
          : `${who}'s religion is ${religion}; no faith is recorded for the carers.`,
    });
  }

  // Experience of each of the child's needs.
  for (const tag of new Set(needs.needTags ?? [])) {
    const label = NEED_TAGS[tag as NeedTag] ?? tag;
    const has = household.experience.includes(tag);
    factors.push({
      code: 'experience',
      name: `Experience: ${label}`,
      points: has ? WEIGHTS.experiencePerNeed : 0,
      explanation: has ? `The carers have experience of ${lowerFirst(label)}.` : `No experience of ${lowerFirst(label)} is recorded for the carers.`,
    });
  }

  // The carers' preferences, against each child to be placed.
  const prefs = new Set(household.preferences as CarerPreference[]);
  const ages = group.map((c) => ({ c, age: ageOn(c.dateOfBirth, date) }));
  const preference = (p: CarerPreference, points: number, against: string[]) =>
    factors.push({ code: 'preference', name: `Carers' preference: ${lowerFirst(CARER_PREFERENCES[p])}`, points, explanation: `${CARER_PREFERENCES[p]}; ${listOf(against)}.` });
  if (prefs.has('no_under_5s')) {
    const young = ages.filter((x) => x.age < 5);
    if (young.length) preference('no_under_5s', WEIGHTS.agePreferenceAgainst, young.map((x) => ageText(x.c.firstName, x.age)));
  }
  if (prefs.has('no_teenagers')) {
    const teens = ages.filter((x) => x.age >= 13);
    if (teens.length) preference('no_teenagers', WEIGHTS.agePreferenceAgainst, teens.map((x) => ageText(x.c.firstName, x.age)));
  }
  if (prefs.has('girls_only')) {
    const boys = group.filter((c) => c.sex === 'M');
    if (boys.length) preference('girls_only', WEIGHTS.sexPreferenceAgainst, boys.map((c) => `${c.firstName} is a boy`));
  }
  if (prefs.has('boys_only')) {
    const girls = group.filter((c) => c.sex === 'F');
    if (girls.length) preference('boys_only', WEIGHTS.sexPreferenceAgainst, girls.map((c) => `${c.firstName} is a girl`));
  }

  // An accessible home.
  if (needs.needsAccessibleHome) {
    factors.push({
      code: 'accessible-home',
      name: 'Accessible home',
      points: household.accessibleHome ? WEIGHTS.accessibleHome : WEIGHTS.notAccessibleHome,
      explanation: household.accessibleHome ? `The home is accessible, as ${who} needs.` : `${who} needs an accessible home; this home is not recorded as accessible.`,
    });
  }

  // Younger children in the house.
  if (needs.noYoungerChildren) {
    const groupIds = new Set(group.map((c) => c.id));
    const dobs = [
      ...fosteredThere(household, date, groupIds).map((p) => p.dateOfBirth),
      ...otherResidentChildren(household, date).flatMap((r) => (r.dateOfBirth ? [r.dateOfBirth] : [])),
    ];
    const younger = dobs
      .filter((d) => compareDates(d, request.child.dateOfBirth) > 0)
      .map((d) => ageOn(d, date))
      .sort((a, b) => a - b);
    factors.push({
      code: 'younger-children',
      name: 'Younger children',
      points: younger.length ? WEIGHTS.youngerChildren : 0,
      explanation: younger.length
        ? `The request says ${who} should not live with younger children; ${plural(younger.length, 'younger child lives', 'younger children live')} here (aged ${listOf(younger.map(String))}).`
        : `No child younger than ${who} lives here.`,
    });
  }

  return factors;
}
