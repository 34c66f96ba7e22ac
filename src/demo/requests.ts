/**
 * The demo authority's placement requests (the Placement Request Form, src/domain/records/
 * placement-request.ts): a handful for the authority's own children who need a new placement, at every
 * stage the placement team sees day to day: two drafts (partly filled in), two submitted (one an
 * emergency), two being matched (one for a pair of siblings to be placed together) and one
 * withdrawn with its reason. Each is started by the child's social worker; its status history says
 * who moved it on and when. The demo social worker owns a draft and a submitted request (in a tiny
 * authority, whose demo caseload may have no child who could need a move, another social worker
 * does); the demo placement officer started matching. A tiny authority may have fewer requests.
 *
 * Rules kept (the tests check them):
 * - a child is named on at most one request (as its child or as a sibling), so never on two open ones;
 * - a request is started after the child's (and siblings') latest placement began, so no child has
 *   a placement starting after their request;
 * - its sections are shaped as the request service saves them (each page parsed by its schema),
 *   needs agree with the child (age, siblings), texts are neutral and name no one;
 * - a request being matched has at least one household that passes every hard constraint of
 *   matching (src/domain/matching) on its needed-by date.
 *
 * Pure and deterministic: all randomness comes from the generator's random source.
 */
import { generatedAdoptionApprovals, generatedAsDualApproved } from './dual-approval.ts';
import { ageOn, fromDayNumber, toDayNumber, type IsoDate } from '../domain/dates.ts';
import { groupOf, hardConstraints, placementDate, type MatchChild, type MatchContext, type MatchHousehold, type MatchRequest } from '../domain/matching/index.ts';
import { DEMO_CENTROIDS, outwardCode } from '../domain/matching/postcodes.ts';
import type { PlacementKind } from '../domain/records/household.ts';
import {
  NEED_TAGS,
  requestReference,
  type NeedTag,
  type RequestNeedsInput,
  type RequestRisksInput,
  type RequestStatus,
  type RequestViewsInput,
  type Urgency,
} from '../domain/records/placement-request.ts';
import type { GenChild, GenExemption, GenHousehold, GenHouseholdMember, GenLegalStatus, GenPlacement, GenSiblingLink } from './types.ts';
import { HOME_AUTHORITY, SCHOOL_NAMES, householdPostcodes } from './names.ts';
import { byHousehold, matchHousehold } from '../domain/matching/household-facts.ts';

export type GenPlacementRequest = {
  id: string;
  /** "PR00001", in the order the requests were started. */
  reference: string;
  childId: string;
  status: RequestStatus;
  urgency: Urgency | null;
  kind: PlacementKind | null;
  neededBy: IsoDate | null;
  siblingIds: string[];
  /** Each section as its page saves it, or {} while the page has not been saved. */
  needs: Partial<RequestNeedsInput>;
  risks: Partial<RequestRisksInput>;
  childViews: Partial<RequestViewsInput>;
  /** The child's social worker. */
  createdBy: string;
  /** ISO timestamps. */
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type GenRequestStatusChange = { id: string; requestId: string; status: RequestStatus; at: string; byUserId: string; note: string };

/** The part of the generator's random source the requests use. */
export type RequestRandom = {
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: T[]): T[];
  uuid(): string;
};

export type RequestsInput = {
  today: IsoDate;
  homeAuthorityId: string;
  children: readonly GenChild[];
  legalStatuses: readonly GenLegalStatus[];
  placements: readonly GenPlacement[];
  households: readonly GenHousehold[];
  householdMembers: readonly GenHouseholdMember[];
  exemptions: readonly GenExemption[];
  siblingLinks: readonly GenSiblingLink[];
  /** Households whose children stay as they are (the fostering-limit scenarios H00001 and H00002). */
  keepHouseholdIds: ReadonlySet<string>;
  demo: { socialWorkerId: string; placementOfficerId: string };
};

// ---------------------------------------------------------------------------------------------
// Matching facts from the generated data (as src/services/matching.ts gathers them from the rows)
// ---------------------------------------------------------------------------------------------

export function matchChild(c: GenChild): MatchChild {
  return { id: c.id, firstName: c.firstName, dateOfBirth: c.dateOfBirth, sex: c.sex, homePostcode: c.homePostcode };
}

/** Every household with its placements, exemptions and residents, for the matching domain. */
export function matchHouseholds(input: Pick<RequestsInput, 'children' | 'placements' | 'households' | 'householdMembers' | 'exemptions'>): MatchHousehold[] {
  const dob = new Map(input.children.map((c) => [c.id, c.dateOfBirth]));
  const placements = byHousehold(input.placements.filter((p) => p.status === 'active'));
  const exemptions = byHousehold(input.exemptions);
  const members = byHousehold(input.householdMembers);
  return input.households.map((h) =>
    matchHousehold({ ...h, fullTimeCarer: generatedAsDualApproved(h) }, {
      placements: (placements.get(h.id) ?? []).map((p) => ({ ...p, dateOfBirth: dob.get(p.childId) ?? p.startDate })),
      exemptions: exemptions.get(h.id) ?? [],
      members: members.get(h.id) ?? [],
      adoptionApprovals: generatedAdoptionApprovals(h),
    }),
  );
}

/**
 * How many households pass every hard constraint (counting stops at `enough`). Each household is
 * given the sibling links of the children concerned only, as the matching service gathers them
 * (the fostering-limit check reads every link it is given).
 */
export function eligibleHouseholds(
  request: MatchRequest,
  households: readonly MatchHousehold[],
  ctx: Omit<MatchContext, 'siblingLinks'>,
  linksOf: (childId: string) => readonly GenSiblingLink[],
  enough = Number.MAX_SAFE_INTEGER,
): number {
  let n = 0;
  const date = placementDate(request, ctx.today);
  const group = groupOf(request);
  const ages = group.map((c) => ageOn(c.dateOfBirth, date));
  for (const h of households) {
    // The cheap constraints first (a large authority has thousands of households), then all of them.
    if (h.approvalStatus !== 'approved' || !h.placementKinds.includes(request.kind) || ages.some((a) => a < h.ageMin || a > h.ageMax)) continue;
    const ids = new Set([...group.map((c) => c.id), ...h.placements.map((p) => p.childId)]);
    const siblingLinks = [...new Set([...ids].flatMap((id) => linksOf(id)))];
    if (hardConstraints(request, h, { ...ctx, siblingLinks }).length === 0 && ++n >= enough) break;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// What the form says: neutral, synthetic text chosen to fit the child
// ---------------------------------------------------------------------------------------------

type ChildInfo = { child: GenChild; age: number; siblings: GenChild[]; kind: PlacementKind };

const TEENAGE_TAGS: readonly NeedTag[] = ['self_harm', 'missing_episodes', 'exploitation', 'substance_misuse'];
const NEED_ORDER = Object.keys(NEED_TAGS) as NeedTag[];

/** The needs named on the request, from what is known of the child. */
function needTagsFor(r: RequestRandom, info: ChildInfo): NeedTag[] {
  const { child, age } = info;
  const tags = new Set<NeedTag>();
  if (child.categoryOfNeed === 'N1' || r.chance(0.3)) tags.add('trauma');
  if (age >= 4 && (child.categoryOfNeed === 'N6' || r.chance(0.4))) tags.add('emotional_behavioural');
  if (child.categoryOfNeed === 'N2') tags.add(r.chance(0.7) ? 'learning_disability' : 'disability');
  else if (age >= 3 && r.chance(0.08)) tags.add(r.chance(0.6) ? 'learning_disability' : 'disability');
  if (age >= 5 && (tags.has('learning_disability') || r.chance(0.12))) tags.add('education_support');
  if (r.chance(0.08)) tags.add('complex_health');
  if (age >= 12) {
    for (const t of TEENAGE_TAGS) if (r.chance(t === 'substance_misuse' ? 0.1 : 0.22)) tags.add(t);
  }
  if (age >= 14 && ['OOTH', 'AOTH', 'BAFR'].includes(child.ethnicity) && child.categoryOfNeed === 'N8') tags.add('unaccompanied');
  if (info.siblings.length > 0) tags.add('sibling_group');
  if (info.kind === 'parent_and_child') tags.add('parent_and_child');
  // Nearly every child in care has lived through something hard: a request names at least one need.
  if (tags.size === 0) tags.add(age >= 4 && r.chance(0.5) ? 'emotional_behavioural' : 'trauma');
  return NEED_ORDER.filter((t) => tags.has(t));
}

/** Languages some children of these backgrounds speak first (most speak English first). */
const FIRST_LANGUAGES: Partial<Record<GenChild['ethnicity'], { chance: number; languages: readonly string[] }>> = {
  WOTH: { chance: 0.3, languages: ['Polish', 'Romanian', 'Lithuanian'] },
  WROM: { chance: 0.3, languages: ['Romanian', 'Slovak'] },
  APKN: { chance: 0.15, languages: ['Urdu', 'Punjabi'] },
  ABAN: { chance: 0.15, languages: ['Bengali', 'Sylheti'] },
  AIND: { chance: 0.1, languages: ['Punjabi', 'Gujarati'] },
  BAFR: { chance: 0.15, languages: ['Somali', 'Tigrinya', 'Yoruba'] },
  OOTH: { chance: 0.3, languages: ['Arabic', 'Kurdish', 'Tigrinya'] },
  AOTH: { chance: 0.2, languages: ['Arabic', 'Farsi'] },
  CHNE: { chance: 0.2, languages: ['Cantonese', 'Mandarin'] },
};
const RELIGIONS: Partial<Record<GenChild['ethnicity'], readonly string[]>> = {
  WBRI: ['Christian', 'None'],
  WIRI: ['Roman Catholic'],
  WIRT: ['Roman Catholic'],
  WOTH: ['Roman Catholic', 'Orthodox Christian'],
  MWBC: ['Christian', 'None'],
  MWBA: ['Christian', 'Muslim'],
  MWAS: ['Muslim', 'Sikh', 'None'],
  AIND: ['Sikh', 'Hindu'],
  APKN: ['Muslim'],
  ABAN: ['Muslim'],
  AOTH: ['Muslim'],
  BCRB: ['Christian'],
  BAFR: ['Christian', 'Muslim'],
  BOTH: ['Christian'],
  CHNE: ['Buddhist', 'None'],
  OOTH: ['Muslim', 'Orthodox Christian'],
};

const sentence = (parts: readonly (string | null | false | undefined)[]): string | null => {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
  return kept.length ? kept.join(' ') : null;
};

/**
 * Schools' postcodes: real ones of the home authority's area, from the carers' share that families'
 * homes never use (./names.ts), so a school's postcode never gives away a child's home postcode.
 */
const SCHOOL_POSTCODES = householdPostcodes(HOME_AUTHORITY.onsCode);

function needsFor(r: RequestRandom, info: ChildInfo, opts: { plainNeeds: boolean }): RequestNeedsInput {
  const { age } = info;
  const tags = needTagsFor(r, info);
  const has = (t: NeedTag) => tags.includes(t);

  // School: in the child's home postcode district for most, and kept when the child is settled there.
  const homeDistrict = outwardCode(info.child.homePostcode ?? '');
  const near = SCHOOL_POSTCODES.filter((p) => outwardCode(p) === homeDistrict);
  const schoolPostcodes = near.length > 0 && r.chance(0.6) ? near : SCHOOL_POSTCODES;
  const place = r.pick(SCHOOL_NAMES);
  let school: string | null = null;
  let education: string | null = null;
  const year = age - 4;
  if (age >= 16) {
    school = `${place} College`;
    education = `Studying for a level 2 qualification in ${r.pick(['catering', 'construction', 'health and social care', 'sport', 'media'])} at college; travels there by bus.`;
  } else if (age >= 11) {
    school = `${place} ${r.pick(['Academy', 'High School', 'Community School'])}`;
    education = `In Year ${year}. ${r.pick(['Attendance has improved to over 90% this term.', 'Attendance is good; enjoys art and PE.', 'Finds maths hard and has extra help in small groups.'])} The designated teacher leads the personal education plan.`;
  } else if (age >= 5) {
    school = `${place} Primary School`;
    education = `In Year ${year}. ${r.pick(['Reading is at the expected level and the school reports good progress.', 'Settled well at school and has a small group of friends.', 'Needs help with reading; the school runs a daily catch-up group.'])}`;
  } else if (age >= 3) {
    school = `${place} Nursery School`;
    education = 'Attends nursery three mornings a week and settles well.';
  } else if (age === 2) {
    education = 'Not yet at nursery; eligible for funded childcare from the term after the third birthday.';
  }
  if (has('education_support')) {
    const support = age >= 16 ? 'the college provides learning support in lessons' : 'a teaching assistant supports in class for part of each day';
    education = sentence([education, `Has an education, health and care plan; ${support}.`]);
  }
  const keepSchool = age >= 5 && age <= 16 && r.chance(0.8);

  // Language and culture.
  const languages = FIRST_LANGUAGES[info.child.ethnicity];
  const firstLanguage = has('unaccompanied') ? r.pick(languages?.languages ?? ['Arabic']) : languages && age >= 2 && r.chance(languages.chance) ? r.pick(languages.languages) : 'English';
  const interpreter = firstLanguage !== 'English' && (has('unaccompanied') || r.chance(0.4));
  const religions = RELIGIONS[info.child.ethnicity];
  const religion = religions && r.chance(0.45) ? r.pick(religions) : null;

  const learning = has('learning_disability');
  const physical = has('disability');
  const needsAccessibleHome = physical && r.chance(0.6);
  const noPets = !opts.plainNeeds && r.chance(0.1);
  const noYoungerChildren = !opts.plainNeeds && age >= 8 && info.siblings.length === 0 && r.chance(0.15);

  return {
    needTags: tags,
    health: sentence([
      r.pick([
        'Healthy and registered with a GP near the current home. Immunisations are up to date.',
        'Mild asthma, managed with a reliever inhaler kept at home and at school.',
        'Eczema managed with creams prescribed by the GP; needs help to keep up the routine.',
        'Wears glasses; an optician review is booked. Otherwise well.',
      ]),
      has('complex_health') &&
        r.pick([
          'Epilepsy, well controlled with daily medication; carers will be trained in the seizure plan before the placement starts.',
          'Type 1 diabetes: carers need training to support insulin and carbohydrate counting; the diabetes nurse will visit in the first week.',
        ]),
      'The next health assessment is due in the spring.',
    ]),
    disability: sentence([
      learning && r.pick(['Autistic; finds loud, busy places hard and needs a predictable routine with warning of changes.', 'Moderate learning disability; needs help with reading and with travelling to new places.']),
      physical && 'Uses a wheelchair outdoors and walking sticks indoors.',
    ]),
    needsAccessibleHome,
    adaptations: needsAccessibleHome ? 'Ground-floor bedroom, level-access shower and grab rails; the occupational therapist will visit the home before the move.' : null,
    school,
    schoolPostcode: school ? r.pick(schoolPostcodes) : null,
    keepSchool: school !== null && keepSchool,
    education,
    firstLanguage,
    interpreter,
    communication:
      age < 2
        ? 'Babbling and responding to familiar voices; development is as expected.'
        : sentence([
            learning ? 'Uses short sentences and a visual timetable; check understanding by asking for things to be said back.' : r.pick(['Communicates well and likes to talk about the day.', 'Quiet with adults at first; talks more once settled.', 'Chatty and confident with adults and other children.']),
            firstLanguage !== 'English' && 'English is developing; an interpreter is needed for important conversations.',
          ]),
    religion,
    culture: r.pick([
      'Would like to keep going to the youth club and football sessions near home.',
      "Needs carers who will help keep links with the family's culture, including food, hair and skin care, and community events.",
      'Enjoys cooking family recipes and celebrating birthdays with a special meal.',
      'Would like to keep attending the community centre near home at weekends.',
    ]),
    canLiveWith: info.siblings.length
      ? 'Should live together with the siblings named on this request; gets on well with other children.'
      : noYoungerChildren
        ? 'Can live with older children.'
        : r.pick(['Can live with other children, ideally of a similar age or older.', 'Gets on well with younger children and enjoys helping.', 'Can live with other children.']),
    cannotLiveWith: noYoungerChildren ? 'Should not live with younger children for now: has struggled to share adult attention with them.' : null,
    noYoungerChildren,
    noOtherChildren: false,
    noPets,
    pets: noPets ? 'Allergic to cats and dogs, so cannot live with pets.' : r.pick([null, 'Loves dogs and would like to live with one.', 'Is nervous of large dogs; cats are fine.']),
    extraSupport: r.pick([
      'Family time with a parent once a week at the family centre, supervised; carers to provide transport.',
      'Fortnightly sessions with the child and adolescent mental health service; carers to take and collect.',
      'Would benefit from carers who can support homework and reading every evening.',
      'Needs carers who can manage family time with several relatives on different days.',
    ]),
  };
}

function risksFor(r: RequestRandom, info: ChildInfo, tags: readonly NeedTag[]): RequestRisksInput {
  const has = (t: NeedTag) => tags.includes(t);
  return {
    riskToSelf:
      sentence([
        has('self_harm') && 'Has self-harmed at times of stress in the last year; a safety plan is shared with school and the mental health worker. No incidents in the past two months.',
        has('missing_episodes') && 'Has gone missing overnight three times in the past six months, returning the next day; return home interviews were completed each time.',
        has('substance_misuse') && "Has used cannabis with friends; is working with the young people's substance misuse service.",
        info.age < 5 && 'None known beyond the usual risks for a young child; needs close supervision near roads and water.',
      ]) ?? 'None known.',
    riskFromOthers:
      sentence([
        has('exploitation') && 'Known to adults suspected of criminal exploitation in the area; a disruption plan is in place with the police. A home away from the immediate neighbourhood may help.',
        has('trauma') && r.chance(0.6) && 'Family time with a parent is supervised because of past neglect.',
      ]) ?? 'None known.',
    riskToOthers: has('emotional_behavioural') ? 'Can shout and throw things when frustrated; has not hurt anyone. Calm, consistent responses help to settle quickly.' : 'None known.',
  };
}

function viewsFor(r: RequestRandom, info: ChildInfo): RequestViewsInput {
  if (info.age < 4) {
    return {
      childViews: null,
      viewsNotSoughtReason: 'Too young to give views in words; the social worker observed them with the current carers and took account of their routines and attachments.',
    };
  }
  const together = info.siblings.length ? 'Wants to live together with the siblings named on this request.' : null;
  const views =
    info.age < 8
      ? [together, r.pick(['Said they would like a home with a garden and a pet.', 'Talked about wanting a bedroom with their own toys.']), 'Wants to keep seeing family at the same times.']
      : [
          together,
          r.pick(['Wants to stay at the same school and keep seeing friends.', 'Would like a fresh start somewhere quieter.', 'Would like carers who listen and do not rush decisions.']),
          r.pick(['Would prefer a home with a pet.', 'Would like a bedroom of their own.', 'Would like to keep going to the same clubs.']),
        ];
  return { childViews: sentence(views), viewsNotSoughtReason: null };
}

const WITHDRAWAL_REASONS = [
  'The current carers have asked to care for the child long term; the placement will be assessed as a long-term match instead.',
  'The plan changed at the looked-after review: the child will stay with the current carers while a return home is assessed.',
  'A connected person has come forward and is being assessed; a new request will follow if the assessment is not positive.',
];

// ---------------------------------------------------------------------------------------------
// The requests
// ---------------------------------------------------------------------------------------------

/** What each demo request is, in the order they are filled (the most demanding first). */
type Slot = {
  status: 'draft' | 'submitted' | 'matching' | 'withdrawn';
  /** Started by the demo social worker (a child on their caseload). */
  demo?: boolean;
  emergency?: boolean;
  siblings?: boolean;
  /** Drafts: the pages saved so far; the first leaves the needed-by date blank when 'basics-only'. */
  draft?: 'basics-only' | 'basics-and-needs';
  /** When it was started, in days before today. */
  startedDaysAgo: [number, number];
};
const SLOTS: readonly Slot[] = [
  { status: 'matching', siblings: true, startedDaysAgo: [18, 28] },
  { status: 'matching', startedDaysAgo: [12, 22] },
  { status: 'submitted', demo: true, startedDaysAgo: [6, 12] },
  { status: 'draft', demo: true, draft: 'basics-and-needs', startedDaysAgo: [2, 5] },
  { status: 'submitted', emergency: true, startedDaysAgo: [1, 1] },
  { status: 'draft', draft: 'basics-only', startedDaysAgo: [1, 3] },
  { status: 'withdrawn', startedDaysAgo: [40, 70] },
];

/** `usual`: not fostered today, or in an emergency or short-term placement for two months or more. */
type Candidate = { child: GenChild; lastStart: number; placedNow: GenPlacement | null; usual: boolean };

export function generateRequests(r: RequestRandom, input: RequestsInput): { requests: GenPlacementRequest[]; statuses: GenRequestStatusChange[] } {
  const today = toDayNumber(input.today);
  const ageOnDay = (c: GenChild, day: number) => ageOn(c.dateOfBirth, fromDayNumber(day));

  // Who may need a new placement: the authority's own children with a social worker, not turning 18 soon,
  // usually those not fostered today (in residential care or another arrangement) or in an
  // emergency or short-term placement for two months or more. A small caseload may have none of
  // those: the demo social worker's requests may then be for a child whose placement is ending.
  // The special households' children stay put.
  const lastStart = new Map<string, number>();
  const active = new Map<string, GenPlacement>();
  for (const s of input.legalStatuses) lastStart.set(s.childId, Math.max(lastStart.get(s.childId) ?? 0, toDayNumber(s.startDate)));
  for (const p of input.placements) {
    lastStart.set(p.childId, Math.max(lastStart.get(p.childId) ?? 0, toDayNumber(p.startDate)));
    if (p.status === 'active') active.set(p.childId, p);
  }
  const candidates: Candidate[] = [];
  for (const c of input.children) {
    if (c.responsibleAuthorityId !== input.homeAuthorityId || !c.socialWorkerId || ageOnDay(c, today + 120) > 17) continue;
    const now = active.get(c.id) ?? null;
    if (now && input.keepHouseholdIds.has(now.householdId)) continue;
    const usual = !now || (['emergency', 'short_term'].includes(now.kind) && today - toDayNumber(now.startDate) >= 60);
    candidates.push({ child: c, lastStart: lastStart.get(c.id) ?? today, placedNow: now, usual });
  }
  r.shuffle(candidates);
  const candidateById = new Map(candidates.map((c) => [c.child.id, c]));

  const households = matchHouseholds(input);
  const ctx = { today: input.today, centroids: DEMO_CENTROIDS };
  const linksByChild = new Map<string, GenSiblingLink[]>();
  for (const l of input.siblingLinks) {
    for (const id of [l.childId, l.siblingId]) {
      const list = linksByChild.get(id);
      if (list) list.push(l);
      else linksByChild.set(id, [l]);
    }
  }
  const linksOf = (id: string) => linksByChild.get(id) ?? [];
  const used = new Set<string>();
  const requests: GenPlacementRequest[] = [];
  const statuses: GenRequestStatusChange[] = [];

  for (const slot of SLOTS) {
    const started = today - r.int(slot.startedDaysAgo[0], slot.startedDaysAgo[1]);
    const free = (c: Candidate | undefined, usual = true, anyWorker = false): c is Candidate =>
      c !== undefined && c.usual === usual && !used.has(c.child.id) && c.lastStart < started && (!slot.demo || anyWorker || c.child.socialWorkerId === input.demo.socialWorkerId);
    // The groups this slot could take: one child, or a child and a sibling both needing a home.
    const groups: Candidate[][] = [];
    for (const c of candidates) {
      if (!free(c)) continue;
      if (!slot.siblings) groups.push([c]);
      else {
        const sib = linksOf(c.child.id).map((l) => candidateById.get(l.childId === c.child.id ? l.siblingId : l.childId)).find((s) => free(s) && s.child.socialWorkerId === c.child.socialWorkerId);
        if (sib) groups.push([c, sib]);
      }
    }
    if (slot.siblings && groups.length === 0) for (const c of candidates) if (free(c)) groups.push([c]);
    if (slot.demo && groups.length === 0) for (const c of candidates) if (free(c, false)) groups.push([c]);
    // A tiny authority: the demo social worker may have no child who could need a move.
    if (slot.demo && groups.length === 0) for (const c of candidates) if (free(c, true, true)) groups.push([c]);

    // Requests being matched show the distance factors best for a child whose home postcode is known.
    if (slot.status === 'matching') groups.sort((a, b) => Number(a[0]?.child.homePostcode === null) - Number(b[0]?.child.homePostcode === null));

    type Choice = { group: Candidate[]; kind: PlacementKind; neededBy: number | null; needs: RequestNeedsInput; info: ChildInfo };
    let chosen: Choice | null = null;
    let best = 0;
    let tries = 0;
    for (const group of groups) {
      const [main, ...rest] = group as [Candidate, ...Candidate[]];
      const age = ageOnDay(main.child, today);
      // A child in a short-term placement mostly needs a long-term home; one not fostered now, a
      // foster home for now (older teenagers) or for good.
      const kind: PlacementKind = slot.emergency ? 'emergency' : main.placedNow ? (r.chance(0.65) ? 'long_term' : 'short_term') : age >= 15 || r.chance(0.5) ? 'short_term' : 'long_term';
      const neededBy =
        slot.emergency ? today
        : slot.draft === 'basics-only' ? null
        : slot.status === 'withdrawn' ? started + r.int(21, 35)
        : Math.max(today + 7, started + r.int(21, 49));
      const info: ChildInfo = { child: main.child, age, siblings: rest.map((s) => s.child), kind };
      const needs = needsFor(r, info, { plainNeeds: slot.status === 'matching' });
      const choice: Choice = { group, kind, neededBy, needs, info };
      if (slot.status !== 'matching') {
        chosen = choice;
        break;
      }
      // Being matched: at least one household must pass every hard constraint (a few, if possible).
      const request: MatchRequest = { kind, neededBy: fromDayNumber(neededBy ?? today), child: matchChild(main.child), siblings: info.siblings.map(matchChild), needs };
      const eligible = eligibleHouseholds(request, households, ctx, linksOf, 3);
      if (eligible > best) {
        best = eligible;
        chosen = choice;
      }
      if (best >= 3 || ++tries >= 30) break;
    }
    if (!chosen) continue;
    const { group, kind, neededBy, info } = chosen;
    for (const c of group) used.add(c.child.id);
    const main = info.child;
    const sw = main.socialWorkerId as string;
    const id = r.uuid();
    const history: GenRequestStatusChange[] = [];
    const move = (status: RequestStatus, at: string, by: string, note: string) => history.push({ id: r.uuid(), requestId: id, status, at, byUserId: by, note });

    // Started, then the pages saved one after another; the clock only moves forward, and every
    // step is before today.
    const evening = slot.emergency === true;
    let clock = started * 1440 + (evening ? 16 : r.int(9, 12)) * 60 + r.int(0, 29);
    const at = () => new Date(clock * 60_000).toISOString();
    const laterDay = (min: number, max: number, fromHour: number, toHour: number) => {
      const day = Math.min(today - 1, Math.floor(clock / 1440) + r.int(min, max));
      clock = Math.max(clock + r.int(5, 20), day * 1440 + r.int(fromHour, toHour) * 60 + r.int(0, 59));
    };
    const createdAt = at();
    move('draft', createdAt, sw, 'Request started');
    let version = 1;
    const pages = slot.draft === 'basics-only' ? 1 : slot.draft === 'basics-and-needs' ? 2 : 4;
    for (let p = 0; p < pages; p++) {
      if (p > 0 && !evening && r.chance(0.4)) laterDay(1, 1, 9, 12);
      else clock += r.int(5, 25);
      version++;
    }
    let updatedAt = at();
    let status: RequestStatus = 'draft';
    const step = (to: RequestStatus, by: string, note: string) => {
      move(to, at(), by, note);
      status = to;
      updatedAt = at();
      version++;
    };
    if (slot.status !== 'draft') {
      if (evening) clock += r.int(5, 15);
      else laterDay(0, 2, 13, 16);
      step('submitted', sw, 'Submitted to the placement team');
    }
    if (slot.status === 'matching' || (slot.status === 'withdrawn' && r.chance(0.5))) {
      laterDay(1, 3, 9, 11);
      step('matching', input.demo.placementOfficerId, 'Matching started by the placement team');
    }
    if (slot.status === 'withdrawn') {
      laterDay(4, 12, 12, 16);
      step('withdrawn', sw, r.pick(WITHDRAWAL_REASONS));
    }
    const tags = chosen.needs.needTags;

    const complete = slot.draft === undefined;
    requests.push({
      id,
      reference: '',
      childId: main.id,
      status,
      urgency: slot.emergency ? 'emergency' : 'planned',
      kind,
      neededBy: neededBy === null ? null : fromDayNumber(neededBy),
      siblingIds: info.siblings.map((s) => s.id),
      needs: pages >= 2 ? chosen.needs : {},
      risks: complete ? risksFor(r, info, tags) : {},
      childViews: complete ? viewsFor(r, info) : {},
      createdBy: sw,
      createdAt,
      updatedAt,
      version,
    });
    statuses.push(...history);
  }

  // References in the order the requests were started.
  requests.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  requests.forEach((q, i) => (q.reference = requestReference(i + 1)));
  return { requests, statuses };
}
