/**
 * What the demo authority's foster carers offer, for the soft factors of matching (src/domain/matching,
 * docs/rules/matching.md): the languages they speak, their faith, the needs they have experience of,
 * their preferences, pets and an accessible home; and the carers' e-mail addresses (they receive the
 * confirmation e-mail of a placement).
 *
 * Worked out after the placements, so that what is drawn never contradicts them: a "girls only"
 * household has no boy placed there today, a "no teenagers" one no teenager, a "no under-5s" one no
 * young child; carers who have had a parent-and-child placement have that experience.
 *
 * Pure and deterministic: all randomness comes from the generator's random source. E-mail addresses
 * are at carers.example.test, a name under the reserved .test top-level domain (RFC 2606).
 */
import { ageOn, type IsoDate } from '../domain/dates.ts';
import { CARER_PREFERENCES, NEED_TAGS, type CarerPreference, type NeedTag } from '../domain/records/placement-request.ts';
import type { GenChild, GenHousehold, GenHouseholdMember, GenPlacement } from './types.ts';
import type { Heritage } from './names.ts';

/** The part of the generator's random source the profiles use. */
export type ProfileRandom = {
  float(): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(pairs: readonly (readonly [T, number])[]): T;
  shuffle<T>(items: T[]): T[];
};

export const CARER_EMAIL_DOMAIN = 'carers.example.test';

/** Shares the demo aims at (the tests check them, with some tolerance). */
export const PROFILE_SHARES = {
  /** Of households approved up to 17. */
  noTeenagers: 0.2,
  /** Of households approved for children under 5 and over 7. */
  noUnder5s: 0.05,
  /** Girls only or boys only, of all households. */
  singleSex: 0.05,
  noSmoking: 0.4,
  pets: 0.35,
  accessibleHome: 0.08,
  /** Carers with an e-mail address. */
  carerEmail: 0.85,
} as const;

/** A second language that fits the carers' heritage (after English), and how likely they are to have one. */
const SECOND_LANGUAGES: Record<Heritage, { chance: number; languages: readonly (readonly [string, number])[] }> = {
  british: { chance: 0.05, languages: [['Welsh', 5], ['BSL', 4], ['French', 1]] },
  irish: { chance: 0.25, languages: [['Irish', 1]] },
  eastern_european: { chance: 0.6, languages: [['Polish', 10], ['Romanian', 5], ['Lithuanian', 2], ['Slovak', 2], ['Czech', 1]] },
  caribbean: { chance: 0.1, languages: [['BSL', 1]] },
  west_african: { chance: 0.4, languages: [['Yoruba', 4], ['Igbo', 3], ['Twi', 3], ['French', 1]] },
  east_african: { chance: 0.5, languages: [['Somali', 6], ['Amharic', 2], ['Tigrinya', 2]] },
  indian: { chance: 0.45, languages: [['Punjabi', 5], ['Gujarati', 4], ['Hindi', 2]] },
  pakistani: { chance: 0.5, languages: [['Urdu', 6], ['Punjabi', 4]] },
  bangladeshi: { chance: 0.5, languages: [['Bengali', 3], ['Sylheti', 2]] },
  chinese: { chance: 0.5, languages: [['Cantonese', 3], ['Mandarin', 2]] },
  middle_eastern: { chance: 0.5, languages: [['Arabic', 5], ['Kurdish', 3], ['Farsi', 2]] },
};

/** The carers' faith, when recorded, by heritage. */
const FAITHS: Record<Heritage, { chance: number; faiths: readonly (readonly [string, number])[] }> = {
  british: { chance: 0.42, faiths: [['Christian', 80], ['Roman Catholic', 8], ['Muslim', 5], ['Jewish', 4], ['Buddhist', 3]] },
  irish: { chance: 0.7, faiths: [['Roman Catholic', 85], ['Christian', 15]] },
  eastern_european: { chance: 0.7, faiths: [['Roman Catholic', 60], ['Orthodox Christian', 40]] },
  caribbean: { chance: 0.7, faiths: [['Christian', 95], ['Rastafari', 5]] },
  west_african: { chance: 0.75, faiths: [['Christian', 70], ['Muslim', 30]] },
  east_african: { chance: 0.8, faiths: [['Muslim', 70], ['Orthodox Christian', 30]] },
  indian: { chance: 0.75, faiths: [['Sikh', 45], ['Hindu', 45], ['Muslim', 10]] },
  pakistani: { chance: 0.85, faiths: [['Muslim', 1]] },
  bangladeshi: { chance: 0.85, faiths: [['Muslim', 1]] },
  chinese: { chance: 0.5, faiths: [['Buddhist', 50], ['Christian', 50]] },
  middle_eastern: { chance: 0.75, faiths: [['Muslim', 80], ['Christian', 20]] },
};

/** How often carers have experience of each need (parent and child: only level-4 carers, below). */
const EXPERIENCE_WEIGHTS: readonly (readonly [NeedTag, number])[] = [
  ['trauma', 60],
  ['emotional_behavioural', 50],
  ['sibling_group', 25],
  ['education_support', 20],
  ['learning_disability', 18],
  ['self_harm', 12],
  ['missing_episodes', 12],
  ['exploitation', 10],
  ['complex_health', 10],
  ['disability', 8],
  ['substance_misuse', 6],
  ['unaccompanied', 8],
];
/** Needs met mostly in teenagers: carers approved only for younger children rarely have them. */
const TEENAGE_NEEDS = new Set<NeedTag>(['self_harm', 'missing_episodes', 'exploitation', 'substance_misuse', 'unaccompanied']);

export type ProfilesInput = {
  today: IsoDate;
  /** Filled in place: languages, faith, experience, preferences, pets, accessibleHome. */
  households: readonly GenHousehold[];
  /** Carers' e-mail filled in place. */
  householdMembers: readonly GenHouseholdMember[];
  carerHeritage: ReadonlyMap<string, Heritage>;
  children: readonly GenChild[];
  placements: readonly GenPlacement[];
  /** E-mail addresses already taken (lower case); the carers' are added. */
  emails: Set<string>;
};

const NEED_ORDER = Object.keys(NEED_TAGS) as NeedTag[];
const PREFERENCE_ORDER = Object.keys(CARER_PREFERENCES) as CarerPreference[];
const emailPart = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '');

/** Fills what the carers offer and their e-mail addresses (see the module comment). */
export function fillHouseholdProfiles(r: ProfileRandom, input: ProfilesInput): void {
  const { today, households } = input;
  const childById = new Map(input.children.map((c) => [c.id, c]));
  const placedNow = new Map<string, GenChild[]>();
  const hadKinds = new Map<string, Set<string>>();
  const hadSiblingsTogether = new Set<string>();
  const startsByHousehold = new Map<string, Map<string, string[]>>();
  for (const p of input.placements) {
    hadKinds.set(p.householdId, (hadKinds.get(p.householdId) ?? new Set()).add(p.kind));
    const starts = startsByHousehold.get(p.householdId) ?? new Map<string, string[]>();
    starts.set(p.startDate, [...(starts.get(p.startDate) ?? []), p.childId]);
    startsByHousehold.set(p.householdId, starts);
    const c = childById.get(p.childId);
    if (p.status === 'active' && c) placedNow.set(p.householdId, [...(placedNow.get(p.householdId) ?? []), c]);
  }
  // Children arriving together on one day are a sibling group placed together.
  for (const [householdId, starts] of startsByHousehold) {
    if ([...starts.values()].some((ids) => ids.length > 1)) hadSiblingsTogether.add(householdId);
  }

  for (const h of households) {
    const heritage = input.carerHeritage.get(h.id) ?? 'british';
    // Languages: English, and for some a second language of their heritage.
    const second = SECOND_LANGUAGES[heritage];
    h.languages = r.chance(second.chance) ? ['English', r.weighted(second.languages)] : ['English'];
    // Faith: recorded for about half.
    const faith = FAITHS[heritage];
    h.faith = r.chance(faith.chance) ? r.weighted(faith.faiths) : null;
    // Experience: 1 to 4 needs, those of the children they have cared for among them.
    const wanted = r.weighted<number>([[1, 25], [2, 35], [3, 25], [4, 15]]);
    const chosen = new Set<NeedTag>();
    if (h.skillLevel >= 4 && (h.placementKinds.includes('parent_and_child') || hadKinds.get(h.id)?.has('parent_and_child'))) chosen.add('parent_and_child');
    if (hadSiblingsTogether.has(h.id) && r.chance(0.6)) chosen.add('sibling_group');
    const pool = EXPERIENCE_WEIGHTS.filter(([tag]) => h.ageMax >= 11 || !TEENAGE_NEEDS.has(tag));
    while (chosen.size < wanted) {
      const left = pool.filter(([tag]) => !chosen.has(tag));
      if (left.length === 0) break;
      chosen.add(r.weighted(left));
    }
    h.experience = NEED_ORDER.filter((t) => chosen.has(t));
    h.pets = r.chance(PROFILE_SHARES.pets);
    h.accessibleHome = r.chance(PROFILE_SHARES.accessibleHome);
    h.preferences = r.chance(PROFILE_SHARES.noSmoking) ? ['no_smoking_household'] : [];
  }

  // Preferences that must not contradict the children placed there today: chosen among the
  // households they fit, as many as the share asks for.
  const ageNow = (c: GenChild) => ageOn(c.dateOfBirth, today);
  const add = (h: GenHousehold, p: CarerPreference) => {
    const set = new Set([...h.preferences, p]);
    h.preferences = PREFERENCE_ORDER.filter((x) => set.has(x));
  };
  const choose = (eligible: GenHousehold[], count: number, apply: (h: GenHousehold) => void) => {
    for (const h of r.shuffle([...eligible]).slice(0, count)) apply(h);
  };
  const now = (h: GenHousehold) => placedNow.get(h.id) ?? [];
  const upTo17 = households.filter((h) => h.ageMax === 17);
  choose(
    upTo17.filter((h) => h.ageMin < 13 && now(h).every((c) => ageNow(c) < 13)),
    Math.round(upTo17.length * PROFILE_SHARES.noTeenagers),
    (h) => add(h, 'no_teenagers'),
  );
  const youngAndOld = households.filter((h) => h.ageMin < 5 && h.ageMax >= 8);
  choose(
    youngAndOld.filter((h) => !h.preferences.includes('no_teenagers') && now(h).every((c) => ageNow(c) >= 5)),
    Math.round(youngAndOld.length * PROFILE_SHARES.noUnder5s),
    (h) => add(h, 'no_under_5s'),
  );
  // Girls only or boys only (never both): no child of the other sex, or of unknown sex, placed there.
  // Parent-and-child carers are left out (a parent may come with a baby of either sex).
  choose(
    households.filter((h) => !h.placementKinds.includes('parent_and_child') && new Set(now(h).map((c) => c.sex)).size <= 1 && now(h).every((c) => c.sex !== 'U')),
    Math.round(households.length * PROFILE_SHARES.singleSex),
    (h) => {
      const sex = now(h)[0]?.sex ?? (r.chance(0.55) ? 'F' : 'M');
      add(h, sex === 'F' ? 'girls_only' : 'boys_only');
    },
  );

  // Carers' e-mail addresses: most have one, at a reserved domain.
  for (const m of input.householdMembers) {
    if (m.kind !== 'carer' || !r.chance(PROFILE_SHARES.carerEmail)) continue;
    const base = `${emailPart(m.firstName) || 'carer'}.${emailPart(m.lastName) || 'household'}`;
    let email = `${base}@${CARER_EMAIL_DOMAIN}`;
    for (let n = 2; input.emails.has(email); n++) email = `${base}${n}@${CARER_EMAIL_DOMAIN}`;
    input.emails.add(email);
    m.email = email;
  }
}
