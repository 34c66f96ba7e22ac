/**
 * The synthetic demo authority, generated: South Gloucestershire Council (demo) (LA code 803), its
 * staff, foster households, children in care and their legal and placement histories, plus a few
 * children placed there by the neighbouring authorities. The authorities, postcodes and places are
 * real (./names.ts, ./postcodes-data.ts); every person and household is synthetic.
 *
 * Pure and deterministic: the same {children, seed, today} always gives the same objects, ids
 * included (they come from the seeded generator, not from crypto). Nothing here does I/O.
 *
 * Conventions the rest of Hearth can rely on:
 * - dates are ISO 'YYYY-MM-DD' strings, never after `today`;
 * - a child's legal statuses and placements are consecutive periods: each one ends on the day the
 *   next starts (as SSDA903 episodes do), so periods are half-open [start, end) and never overlap;
 *   the last legal status is open (end null); a current placement is 'active' with end null;
 * - no household has more than three fostered children at once unless they are all siblings or a
 *   fostering limit exemption names them (Children Act 1989 Schedule 7);
 * - household H00001 is the one household at the usual fostering limit today (three unrelated
 *   children, one placed by another authority); H00002 has four children under an exemption
 *   (both scenarios need a few dozen children to draw on: tiny data sets may lack them);
 * - each placement has a kind the carers are approved for, agreeing with its SSDA903 type;
 * - what has been recorded for each child's current period of care and each household (plans,
 *   meetings, visits, reviews, carer reviews: ./events.ts) gives the statutory obligations a
 *   realistic mix of statuses, and the demo social worker, supervising social worker and IRO each
 *   have something due soon and something overdue;
 * - what the carers offer for matching (languages, faith, experience, preferences, pets, an
 *   accessible home) never contradicts the children placed with them today, and most carers have an
 *   e-mail address at carers.example.test (./profiles.ts);
 * - a few placement requests are at each stage (./requests.ts): a child is named on at most one,
 *   started after the child's latest placement began; the demo social worker has a draft and a
 *   submitted one, and each request being matched has at least one household that passes every
 *   hard constraint of matching.
 *
 * The profiles and requests are drawn last, from the same random source, so that they never shift
 * the rest of the data.
 */
import type { Role } from '../domain/access/index.ts';
import { ageOn, fromDayNumber, toDayNumber, type IsoDate } from '../domain/dates.ts';
import { PLACEMENT_KINDS, type PlacementKind } from '../domain/records/household.ts';
import type { CategoryOfNeed, EthnicityCode, LegalStatusCode, PlacementTypeCode } from '../domain/ssda903/codes.ts';
import { socialWorkerReturnId } from '../domain/records/child.ts';
import { demoId } from './ids.ts';
import { DEMO_ACCOUNTS } from './demo-accounts.ts';
import { generateEvents, type GenChildEvent, type GenHouseholdEvent } from './events.ts';
import {
  AGENCIES,
  HOME_AUTHORITY,
  NAMES,
  OTHER_AUTHORITIES,
  OTHER_RELATIVES,
  PET_NAMES,
  SHORT_FORMS,
  STREET_FIRST,
  STREET_KIND,
  familyPostcodes,
  householdPostcodes,
  localityOf,
  type Heritage,
} from './names.ts';
import type { DemoAreaCode } from './postcodes-data.ts';

import { fillHouseholdProfiles } from './profiles.ts';
import { generateRequests, type GenPlacementRequest, type GenRequestStatusChange } from './requests.ts';

import type { GenOrganisation, GenTeam, GenUser, GenContact, GenChild, GenLegalStatus, GenSiblingLink, GenHousehold, GenHouseholdMember, GenExemption, GenPlacement, GenCareEnding, GenMissingEpisode, GenSocialWorkerEpisode } from './types.ts';
export type { GenOrganisation, GenTeam, GenUser, GenContact, GenChild, GenLegalStatus, GenSiblingLink, GenHousehold, GenHouseholdMember, GenExemption, GenPlacement, GenCareEnding, GenMissingEpisode, GenSocialWorkerEpisode } from './types.ts';
export type { GenChildEvent, GenHouseholdEvent } from './events.ts';
export type { GenPlacementRequest, GenRequestStatusChange } from './requests.ts';

export const DEFAULT_SEED = 20260401;

/** The usual fostering limit (Children Act 1989 Schedule 7 para 2). */
export const USUAL_FOSTERING_LIMIT = 3;

/** The kinds of placement in household.placement_kinds (the households record's list, in its order). */
export const PLACEMENT_KIND_CODES = Object.keys(PLACEMENT_KINDS) as PlacementKind[];

export type DemoData = {
  seed: number;
  today: IsoDate;
  homeAuthorityId: string;
  organisations: GenOrganisation[];
  teams: GenTeam[];
  /** Line managers come before the people they manage. */
  users: GenUser[];
  contacts: GenContact[];
  children: GenChild[];
  legalStatuses: GenLegalStatus[];
  siblingLinks: GenSiblingLink[];
  /** Parents and other relatives as people of their own, and which children each is family of. */
  familyMembers: { id: string; name: string }[];
  childFamilyMembers: { childId: string; familyMemberId: string; relationship: string; position: number }[];
  households: GenHousehold[];
  householdMembers: GenHouseholdMember[];
  exemptions: GenExemption[];
  placements: GenPlacement[];
  /** What has been recorded as done for each child in their current period of care (src/domain/deadlines). */
  childEvents: GenChildEvent[];
  /** Foster carer reviews held. */
  householdEvents: GenHouseholdEvent[];
  /** Placement requests at every stage (./requests.ts), and each one's status history. */
  placementRequests: GenPlacementRequest[];
  placementRequestStatuses: GenRequestStatusChange[];
  /** SSDA903 records (see addReturnRecords). */
  careEndings: GenCareEnding[];
  missingEpisodes: GenMissingEpisode[];
  socialWorkerEpisodes: GenSocialWorkerEpisode[];
};

type GenFamilyPeople = Pick<DemoData, 'familyMembers' | 'childFamilyMembers'>;
export type GenerateOptions = { children: number; seed: number; today: IsoDate };

// Random numbers ------------------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit PRNG, good enough for demo data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  private readonly nextId: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
    // A separate stream for ids, so that ids never shift the rest of the data.
    this.nextId = mulberry32((seed ^ 0x9e3779b9) >>> 0);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of pairs) {
      r -= w;
      if (r < 0) return value;
    }
    const last = pairs[pairs.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
  /**
   * A version 4 UUID made from the id stream: 32 hex digits from four 32-bit numbers, with the
   * version digit (13th) set to 4 and the variant digit (17th) drawn from 8, 9, a, b. Built from
   * character codes so that the string is flat (no concatenated pieces kept alive: there are
   * millions of ids in a large authority).
   */
  uuid(): string {
    const codes = UUID_CODES;
    let at = 0;
    for (let i = 0; i < 4; i++) {
      const word = Math.floor(this.nextId() * 4294967296);
      for (let shift = 28; shift >= 0; shift -= 4) {
        if (at === 8 || at === 13 || at === 18 || at === 23) codes[at++] = DASH;
        if (at === 14) {
          codes[at++] = FOUR; // replaces the 13th hex digit
        } else if (at === 19) {
          at++; // the variant, below, replaces the 17th hex digit
        } else codes[at++] = HEX_CODES[(word >>> shift) & 15] as number;
      }
    }
    codes[19] = VARIANT_CODES[Math.floor(this.nextId() * 4)] as number;
    return String.fromCharCode.apply(null, codes);
  }
}

const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const VARIANT_CODES = [...'89ab'].map((c) => c.charCodeAt(0));
const DASH = '-'.charCodeAt(0);
const FOUR = '4'.charCodeAt(0);
const UUID_CODES: number[] = new Array<number>(36).fill(0);

// Small helpers ---------------------------------------------------------------------------------

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const emailPart = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '');

/** The area (ONS code) of the home authority (-1) or of OTHER_AUTHORITIES[la]. */
const areaOf = (la: number): DemoAreaCode => (la < 0 ? HOME_AUTHORITY.onsCode : (OTHER_AUTHORITIES[la]?.onsCode ?? HOME_AUTHORITY.onsCode));

/** Real postcodes (./postcodes-data.ts) of each area: where families lived, where carers live. */
const FAMILY_POSTCODES = new Map<DemoAreaCode, readonly string[]>();
const HOUSEHOLD_POSTCODES = new Map<DemoAreaCode, readonly string[]>();
for (const la of [-1, ...OTHER_AUTHORITIES.keys()]) {
  FAMILY_POSTCODES.set(areaOf(la), familyPostcodes(areaOf(la)));
  HOUSEHOLD_POSTCODES.set(areaOf(la), householdPostcodes(areaOf(la)));
}

/** A real postcode of the area where a family lived before care (families may share one). */
function familyPostcode(r: Random, area: DemoAreaCode): string {
  return r.pick(FAMILY_POSTCODES.get(area) ?? []);
}

/**
 * Carers' postcodes, dealt from a shuffled deck for each area: no two households share a postcode
 * until every one of the area has been used (a child's move between two households on one postcode
 * would not show in the SSDA903 return, rule 435). Only very large demo data sets reuse them.
 */
function householdPostcodeDealer(r: Random): (area: DemoAreaCode) => string {
  const decks = new Map<DemoAreaCode, string[]>();
  return (area) => {
    let deck = decks.get(area);
    if (!deck?.length) {
      deck = r.shuffle([...(HOUSEHOLD_POSTCODES.get(area) ?? [])]);
      decks.set(area, deck);
    }
    const next = deck.pop();
    if (next === undefined) throw new Error(`no postcodes for ${area}`);
    return next;
  };
}

function phone(r: Random): string {
  // Ofcom's range reserved for drama: 01632 960000 to 960999.
  return `01632 960 ${pad(r.int(0, 999), 3)}`;
}

const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** A UPN in the DfE format: check letter, LA code, establishment, year of allocation, serial. */
export function makeUpn(laCode: string, establishment: number, year: number, serial: number): string {
  const body = `${laCode}${pad(establishment, 4)}${pad(year % 100, 2)}${pad(serial, 3)}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[i]) * (i + 2);
  return `${UPN_CHECK_LETTERS[sum % 23]}${body}`;
}

function heritageFor(r: Random, ethnicity: EthnicityCode): [Heritage, Heritage] {
  // [first-name heritage, surname heritage]
  switch (ethnicity) {
    case 'WBRI':
      return ['british', 'british'];
    case 'WIRI':
    case 'WIRT':
      return [r.chance(0.6) ? 'irish' : 'british', 'irish'];
    case 'WOTH':
    case 'WROM':
      return ['eastern_european', 'eastern_european'];
    case 'MWBC':
      return [r.pick(['british', 'caribbean'] as const), r.pick(['british', 'caribbean'] as const)];
    case 'MWBA':
      return [r.pick(['british', 'west_african'] as const), r.pick(['british', 'west_african'] as const)];
    case 'MWAS':
      return [r.pick(['british', 'indian', 'pakistani'] as const), r.pick(['british', 'indian', 'pakistani'] as const)];
    case 'MOTH':
      return [r.pick(['british', 'middle_eastern', 'chinese', 'caribbean'] as const), r.pick(['british', 'eastern_european', 'middle_eastern'] as const)];
    case 'AIND':
      return ['indian', 'indian'];
    case 'APKN':
      return ['pakistani', 'pakistani'];
    case 'ABAN':
      return ['bangladeshi', 'bangladeshi'];
    case 'AOTH': {
      const h = r.pick(['middle_eastern', 'indian', 'chinese'] as const);
      return [h, h];
    }
    case 'BCRB':
      return ['caribbean', 'caribbean'];
    case 'BAFR': {
      const h = r.pick(['west_african', 'west_african', 'east_african'] as const);
      return [h, h];
    }
    case 'BOTH':
      return [r.pick(['caribbean', 'west_african'] as const), r.pick(['caribbean', 'west_african', 'british'] as const)];
    case 'CHNE':
      return ['chinese', 'chinese'];
    case 'OOTH': {
      const h = r.pick(['middle_eastern', 'middle_eastern', 'east_african', 'eastern_european'] as const);
      return [h, h];
    }
    default:
      return ['british', 'british'];
  }
}

function firstName(r: Random, heritage: Heritage, sex: 'M' | 'F' | 'U'): string {
  const pool = NAMES[heritage];
  const s = sex === 'U' ? (r.chance(0.5) ? 'M' : 'F') : sex;
  return r.pick(s === 'M' ? pool.male : pool.female);
}

/** Ethnicity of children in care, roughly as in the national figures. */
const ETHNICITY_WEIGHTS: (readonly [EthnicityCode, number])[] = [
  ['WBRI', 620], ['WIRI', 5], ['WOTH', 55], ['WIRT', 6], ['WROM', 6],
  ['MWBC', 38], ['MWBA', 14], ['MWAS', 14], ['MOTH', 32],
  ['AIND', 7], ['APKN', 14], ['ABAN', 7], ['AOTH', 18],
  ['BCRB', 14], ['BAFR', 40], ['BOTH', 12],
  ['CHNE', 3], ['OOTH', 42], ['REFU', 2], ['NOBT', 6],
];
const CIN_WEIGHTS: (readonly [CategoryOfNeed, number])[] = [
  ['N1', 650], ['N2', 30], ['N3', 30], ['N4', 80], ['N5', 130], ['N6', 10], ['N7', 3], ['N8', 67],
];
/** Age brackets of children in care (under 1, 1-4, 5-9, 10-15, 16-17). */
const AGE_BRACKETS: (readonly [[number, number], number])[] = [
  [[0, 0], 5], [[1, 4], 13], [[5, 9], 17], [[10, 15], 38], [[16, 17], 27],
];

type LsPattern = 'V2' | 'C1C2' | 'L2C1C2' | 'L1C1C2' | 'V2C1C2' | 'C1C2E1' | 'J1' | 'C2';

function legalPattern(r: Random, eldestAgeAtStart: number, youngestAgeAtStart: number, size: number): LsPattern {
  const p = r.weighted<LsPattern>([
    ['V2', eldestAgeAtStart >= 14 ? 45 : 18],
    ['C1C2', 45],
    ['L2C1C2', 6],
    ['L1C1C2', 4],
    ['V2C1C2', 10],
    ['C1C2E1', youngestAgeAtStart < 4 ? 14 : 0],
    ['J1', size === 1 && youngestAgeAtStart >= 12 ? 6 : 0],
    ['C2', 3],
  ]);
  return p;
}

/** Absolute legal status periods from a period of care's start; the last one is open. */
function legalPeriods(r: Random, pattern: LsPattern, start: number, today: number): { code: LegalStatusCode; start: number; end: number | null }[] {
  const steps: [LegalStatusCode, number][] = [];
  switch (pattern) {
    case 'V2':
      steps.push(['V2', 0]);
      break;
    case 'C1C2':
      steps.push(['C1', r.int(90, 400)], ['C2', 0]);
      break;
    case 'L2C1C2':
      steps.push(['L2', r.int(2, 8)], ['C1', r.int(90, 400)], ['C2', 0]);
      break;
    case 'L1C1C2':
      steps.push(['L1', r.int(1, 3)], ['C1', r.int(90, 400)], ['C2', 0]);
      break;
    case 'V2C1C2':
      steps.push(['V2', r.int(30, 300)], ['C1', r.int(90, 400)], ['C2', 0]);
      break;
    case 'C1C2E1':
      steps.push(['C1', r.int(90, 300)], ['C2', r.int(60, 400)], ['E1', 0]);
      break;
    case 'J1':
      steps.push(['J1', 0]);
      break;
    case 'C2':
      steps.push(['C2', 0]);
      break;
  }
  const out: { code: LegalStatusCode; start: number; end: number | null }[] = [];
  let t = start;
  for (let i = 0; i < steps.length; i++) {
    const [code, duration] = steps[i] as [LegalStatusCode, number];
    const last = i === steps.length - 1;
    if (last || t + duration >= today) {
      out.push({ code, start: t, end: null });
      break;
    }
    out.push({ code, start: t, end: t + duration });
    t += duration;
  }
  return out;
}

// Ages, quickly: the household search asks a child's age thousands of times ---------------------

type Parts = { y: number; m: number; d: number };
const birthCache = new Map<string, Parts>();
const partsOf = (iso: IsoDate): Parts => ({ y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) });
function birthParts(dob: IsoDate): Parts {
  let p = birthCache.get(dob);
  if (!p) birthCache.set(dob, (p = partsOf(dob)));
  return p;
}
const dateParts = (day: number): Parts => partsOf(fromDayNumber(day));
/** Whole years of age, as ageOn in src/domain/dates.ts (the generator's test checks they agree). */
export function ageFromParts(b: Parts, on: Parts): number {
  return on.y - b.y - (on.m < b.m || (on.m === b.m && on.d < b.d) ? 1 : 0);
}

// Occupancy of households over time -------------------------------------------------------------

type Stay = { start: number; end: number | null; size: number };
const INFINITY = Number.MAX_SAFE_INTEGER;

/** Most children in the household at once during [start, end), from the stays already there. */
function peakOccupancy(stays: readonly Stay[], start: number, end: number | null): number {
  const e = end ?? INFINITY;
  const events: [number, number][] = [];
  for (const s of stays) {
    const se = s.end ?? INFINITY;
    if (s.start < e && start < se) {
      events.push([Math.max(s.start, start), s.size], [se, -s.size]);
    }
  }
  if (events.length === 0) return 0;
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) {
    current += delta;
    if (current > peak) peak = current;
  }
  return peak;
}

// The generator -----------------------------------------------------------------------------------

type Family = {
  index: number;
  la: number; // -1 = the home authority, else index into OTHER_AUTHORITIES
  ethnicity: EthnicityCode;
  surnameHeritage: Heritage;
  surname: string;
  cin: CategoryOfNeed;
  homePostcode: string | null;
  careStart: number;
  pattern: LsPattern;
  patternSeed: number;
  children: ChildPlan[];
  /** Children who have left care: when and how (see LEAVING_ROUTES); null while in care today. */
  leaving: Leaving | null;
};

/**
 * How a family left care. `day`: the period of care ended (the last legal status and placement end
 * that day; a care_ending row gives the REC). `a5From`: adoption only, the day the child was placed
 * for adoption with their foster carers (A5), under the placement order (E1).
 */
type LeaveRoute = 'home' | 'sgo' | 'cao' | 'adoption' | 'eighteen' | 'other';
type Leaving = { day: number; route: LeaveRoute; a5From: number | null };

/** Routes out of care, roughly in the national shares (DfE, children looked after in England: ceased). */
const LEAVING_ROUTES: (readonly [LeaveRoute, number])[] = [
  ['home', 31], ['sgo', 14], ['cao', 4], ['adoption', 9], ['eighteen', 29], ['other', 13],
];
/** Ages on the day they left care, by route (eighteen: exactly 18; adoption: from the care start). */
const LEAVING_AGES: Record<Exclude<LeaveRoute, 'eighteen' | 'adoption'>, readonly (readonly [[number, number], number])[]> = {
  home: [[[0, 4], 25], [[5, 9], 20], [[10, 17], 55]],
  sgo: [[[0, 4], 45], [[5, 11], 45], [[12, 16], 10]],
  cao: [[[1, 9], 60], [[10, 15], 40]],
  other: [[[5, 15], 40], [[16, 17], 60]],
};
/** Years in care before leaving, by route. */
const LEAVING_YEARS: Record<Exclude<LeaveRoute, 'adoption'>, readonly (readonly [[number, number], number])[]> = {
  home: [[[0.05, 0.5], 40], [[0.5, 2], 40], [[2, 6], 20]],
  sgo: [[[0.5, 2], 55], [[2, 5], 45]],
  cao: [[[0.3, 2], 70], [[2, 4], 30]],
  eighteen: [[[0.2, 2], 35], [[2, 6], 35], [[6, 11], 30]],
  other: [[[0.1, 1], 50], [[1, 3], 50]],
};
const LEAVING_PATTERNS: Record<Exclude<LeaveRoute, 'adoption'>, readonly (readonly [LsPattern, number])[]> = {
  home: [['V2', 55], ['C1C2', 25], ['L2C1C2', 5], ['V2C1C2', 10], ['C2', 5]],
  sgo: [['C1C2', 70], ['C2', 20], ['L2C1C2', 10]],
  cao: [['C1C2', 60], ['V2C1C2', 20], ['C2', 20]],
  eighteen: [['V2', 45], ['C1C2', 25], ['C2', 20], ['V2C1C2', 10]],
  other: [['V2', 60], ['C1C2', 40]],
};

type ChildPlan = {
  child: GenChild;
  dob: number;
  careStart: number;
  family: Family;
  /** Boundaries of placement periods: [b0, b1), [b1, b2) ... the last is open (current). */
  bounds: number[];
  /** Is the current period a foster placement (rather than residential care or similar)? */
  fosteredNow: boolean;
  hasE1: boolean;
};

type Unit = { children: ChildPlan[]; family: Family };

type HouseholdPlan = {
  h: GenHousehold;
  approvalDay: number | null;
  kin: boolean;
  kinFamily: number | null;
  stays: Stay[];
  /** Ended stays only (on hold / deregistered households take no current placements). */
  pastOnly: boolean;
  usable: boolean;
};

// Leaving care ----------------------------------------------------------------------------------

const EIGHTEEN_RECS: (readonly [string, number])[] = [['E5', 40], ['E6', 8], ['E13', 15], ['E17', 25], ['E8', 12]];
const OTHER_RECS: (readonly [string, number])[] = [['E8', 70], ['E3', 20], ['E16', 10]];

/**
 * The end of care for the families who left: each child's last placement ends on the day the last
 * legal status does (already so), and a care_ending row gives why (REC, rules.md §3.8):
 * - returned home (E4A as part of care planning, a few E4B);
 * - special guardianship: E45 to former foster carers who are connected people (U1/U3), otherwise
 *   E46 to former foster carers or E47/E48 to other carers;
 * - child arrangements order (E41);
 * - adoption (E11/E12) after a placement order (E1): the last placement is split on the day the
 *   child was placed for adoption with the same carers (A5; RNE T, rule 217), the carers being
 *   approved for fostering for adoption and for the child's age;
 * - at 18 (on the birthday, rule 359): E17 staying put (mostly from a long-term placement), E5/E6
 *   independent living, E13 with family without parental responsibility, or E8;
 * - otherwise E8, E3 (another authority took over) or E16 (moved abroad).
 * The last placement's reason for ending (CARPL, or OTHER when not part of the care plan) is
 * what Hearth asks when a placement is ended; the return leaves it blank on the last episode of a
 * period of care (rules 225, 233).
 */
function endCare(r: Random, d: { families: readonly Family[]; placements: GenPlacement[]; households: readonly HouseholdPlan[] }): GenCareEnding[] {
  const householdOf = new Map(d.households.map((hp) => [hp.h.id, hp]));
  const byChild = new Map<string, GenPlacement[]>();
  for (const p of d.placements) byChild.set(p.childId, [...(byChild.get(p.childId) ?? []), p]);
  const endings: GenCareEnding[] = [];
  for (const f of d.families) {
    const leaving = f.leaving;
    if (!leaving) continue;
    const endedOn = fromDayNumber(leaving.day);
    for (const c of f.children) {
      const mine = (byChild.get(c.child.id) ?? []).sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
      const last = mine.at(-1);
      if (!last || last.endDate !== endedOn) throw new Error(`${c.child.reference}: the last placement does not end with care`);
      const hp = householdOf.get(last.householdId);
      // The placement care ends from: the last one, or the placement for adoption split from it.
      let ended = last;
      let reason: string;
      switch (leaving.route) {
        case 'home':
          reason = r.chance(0.88) ? 'E4A' : 'E4B';
          break;
        case 'sgo':
          reason = hp?.kin ? 'E45' : r.weighted([['E46', 55], ['E47', 40], ['E48', 5]]);
          break;
        case 'cao':
          reason = 'E41';
          break;
        case 'adoption': {
          reason = r.chance(0.3) ? 'E11' : 'E12';
          const a5From = leaving.a5From ?? leaving.day;
          if (a5From > toDayNumber(last.startDate) && hp) {
            last.endDate = fromDayNumber(a5From);
            last.reasonEnded = 'PLACE';
            const age = ageOn(c.child.dateOfBirth, last.endDate);
            if (age > hp.h.ageMax) hp.h.ageMax = age;
            if (!hp.h.placementKinds.includes('fostering_for_adoption')) hp.h.placementKinds = PLACEMENT_KIND_CODES.filter((k) => k === 'fostering_for_adoption' || hp.h.placementKinds.includes(k));
            ended = {
              ...last,
              id: r.uuid(),
              startDate: last.endDate,
              endDate: endedOn,
              placementType: 'A5',
              status: 'ended',
              kind: 'fostering_for_adoption',
              emergency: false,
              intendedUntil18: false,
              sixMonthlyVisitsAgreed: false,
              assessmentPeriodEndsOn: null,
              reasonEnded: null,
            };
            d.placements.push(ended);
          }
          break;
        }
        case 'eighteen':
          reason = ['U1', 'U4'].includes(last.placementType) && r.chance(0.6) ? 'E17' : r.weighted(EIGHTEEN_RECS);
          break;
        case 'other':
          reason = r.weighted(OTHER_RECS);
          break;
      }
      ended.reasonEnded = reason === 'E4B' || reason === 'E16' ? 'OTHER' : 'CARPL';
      endings.push({ id: r.uuid(), childId: c.child.id, endedOn, reason });
    }
  }
  return endings;
}

// Other names and family members -------------------------------------------------------------

/** A 32-bit seed from a text (FNV-1a), for random sources that must not shift the main one. */
function stableSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/**
 * The family's parents and other relatives, recorded on each child's record (siblings share them),
 * and each child's nickname, previous name (a surname before a change) or middle name, so that the
 * anonymised summary has names to remove. Drawn from a random source seeded by the eldest child's id,
 * so that adding them shifted nothing else in the demo. Most children have their mother named, many
 * their father; about a third have a nickname.
 */
function addOtherNames(f: Family, people: GenFamilyPeople): void {
  const first = f.children[0];
  if (!first) return;
  const r = new Random(stableSeed(`other-names:${first.child.id}`));
  const pool = NAMES[f.surnameHeritage];
  const surname = () => (r.chance(0.6) ? f.surname : r.pick(pool.surnames));
  const family: GenChild['familyMembers'] = [];
  if (r.chance(0.9)) family.push({ name: `${r.pick(pool.female)} ${surname()}`, relationship: 'mother' });
  if (r.chance(0.6)) family.push({ name: `${r.pick(pool.male)} ${r.chance(0.5) ? f.surname : r.pick(pool.surnames)}`, relationship: 'father' });
  for (let n = r.chance(0.35) ? r.int(1, 2) : 0; n > 0; n--) {
    const [relationship, sex] = r.pick(OTHER_RELATIVES);
    family.push({ name: `${r.pick(sex === 'M' ? pool.male : pool.female)} ${r.pick(pool.surnames)}`, relationship });
  }
  // Each relative is one person, family of every child in the family (a parent shared by siblings). Their ids are hashed
  // from the eldest child's id (128 bits: a random source seeded with 32 bits gave two families the same ids at 20,000 children).
  const persons = family.map((m, position) => ({ id: demoId('family-people', `${first.child.id}:${position}`), name: m.name }));
  people.familyMembers.push(...persons);
  for (const { child } of f.children) {
    child.familyMembers = family.map((m) => ({ ...m }));
    family.forEach((m, position) => people.childFamilyMembers.push({ childId: child.id, familyMemberId: (persons[position] as { id: string }).id, relationship: m.relationship, position }));
    const others: GenChild['otherNames'] = [];
    if (r.chance(0.35)) others.push({ name: r.pick(SHORT_FORMS[child.firstName] ?? PET_NAMES), kind: 'nickname' });
    if (r.chance(0.08)) {
      const before = r.pick(pool.surnames);
      if (before !== child.lastName) others.push({ name: `${child.firstName} ${before}`, kind: 'previous' });
    }
    if (r.chance(0.1)) {
      const middle = r.pick(child.sex === 'M' ? pool.male : pool.female);
      if (middle !== child.firstName) others.push({ name: middle, kind: 'other' });
    }
    child.otherNames = others;
  }
}

// SSDA903 records -------------------------------------------------------------------------------

const REASON_ENDED_WEIGHTS: (readonly [string, number])[] = [
  ['CARPL', 40], ['CREQB', 12], ['CREQO', 9], ['CHILD', 6], ['LAREQ', 6], ['CLOSE', 6], ['STAND', 4], ['ALLEG', 3], ['APPRR', 2], ['OTHER', 6],
];
const PARTICIPATION_WEIGHTS: (readonly [string, number])[] = [['PN1', 48], ['PN2', 6], ['PN3', 6], ['PN4', 4], ['PN5', 8], ['PN6', 16], ['PN7', 12]];
const SW_REASON_WEIGHTS: (readonly [string, number])[] = [
  ['LEFTRL', 30], ['TSPROC', 24], ['MANAGE', 12], ['ORGRST', 8], ['CHCHAN', 7], ['ABSENC', 5], ['OTHERS', 5], ['PCCHAN', 3],
];
/** Ethnicities recorded for the unaccompanied asylum-seeking children in the demo. */
const UASC_ETHNICITIES: ReadonlySet<string> = new Set(['OOTH', 'AOTH', 'BAFR', 'BOTH', 'WOTH', 'MOTH']);

/**
 * What the SSDA903 return needs beyond the histories, drawn from its own random source (so the rest
 * of the data does not shift): SWE numbers for most social workers; why each placement followed by
 * another ended (REASON_PLACE_CHANGE); how the child took part in each review (PN0 under 4);
 * social worker episodes ending with the child's allocated worker, with the reason on each change;
 * a few missing and away periods; a few unaccompanied asylum-seeking children. For children who
 * left care (see endCare), the social worker episode and any missing period end with their care.
 */
function addReturnRecords(
  r: Random,
  d: { today: number; socialWorkers: GenUser[]; families: Family[]; placements: GenPlacement[]; childEvents: GenChildEvent[]; children: GenChild[] },
): { missingEpisodes: GenMissingEpisode[]; socialWorkerEpisodes: GenSocialWorkerEpisode[] } {
  const { today } = d;
  // Social Work England numbers: most social workers (the demo one always).
  const swe = new Set<string>();
  d.socialWorkers.forEach((u, i) => {
    if (i > 0 && !r.chance(0.88)) return;
    let n = `SW${r.int(100000, 999999)}`;
    while (swe.has(n)) n = `SW${r.int(100000, 999999)}`;
    swe.add(n);
    u.sweNumber = n;
  });

  // Why placements ended, where another followed the same day.
  const byChild = new Map<string, GenPlacement[]>();
  for (const p of d.placements) byChild.set(p.childId, [...(byChild.get(p.childId) ?? []), p]);
  for (const list of byChild.values()) {
    list.sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
    list.forEach((p, i) => {
      if (p.endDate === null || list[i + 1]?.startDate !== p.endDate) return;
      const reason = r.weighted(REASON_ENDED_WEIGHTS);
      p.reasonEnded ??= reason; // placed for adoption with the same carers: PLACE (endCare)
    });
  }

  // Reviews: how the child took part.
  const childById = new Map(d.children.map((c) => [c.id, c]));
  for (const e of d.childEvents) {
    if (e.kind !== 'review_held') continue;
    const c = childById.get(e.childId);
    if (!c) continue;
    e.participationCode = ageOn(c.dateOfBirth, e.eventDate) < 4 ? 'PN0' : r.weighted(PARTICIPATION_WEIGHTS);
  }

  // UN4 (UPN not yet obtained) only for children newly looked after at the last 31 March (rule 210):
  // by a week after it, the others' UPNs had been found.
  const todayIso = fromDayNumber(today);
  const lastYearEnd = toDayNumber(`${Number(todayIso.slice(0, 4)) - (todayIso.slice(5) < '03-31' ? 1 : 0)}-03-31`);
  const upns = new Set(d.children.map((c) => c.upn));
  for (const f of d.families) {
    for (const p of f.children) {
      if (p.child.upn !== 'UN4' || p.careStart > lastYearEnd - 7) continue;
      const laCode = f.la >= 0 ? (OTHER_AUTHORITIES[f.la]?.laCode ?? HOME_AUTHORITY.laCode) : HOME_AUTHORITY.laCode;
      const year = Number(todayIso.slice(0, 4)) - ageOn(p.child.dateOfBirth, todayIso) + 4;
      const establishment = r.int(2001, 2180);
      let serial = r.int(1, 999);
      let upn = makeUpn(laCode, establishment, year, serial);
      while (upns.has(upn)) upn = makeUpn(laCode, establishment, year, (serial = (serial % 999) + 1));
      upns.add(upn);
      p.child.upn = upn;
    }
  }

  /** The day the child's placement on `day` ends (Infinity while it goes on, or with none then). */
  const placementEndAfter = (childId: string, day: number): number => {
    for (const p of byChild.get(childId) ?? []) {
      const end = p.endDate === null ? null : toDayNumber(p.endDate);
      if (toDayNumber(p.startDate) <= day && (end === null || day < end)) return end ?? Infinity;
    }
    return Infinity;
  };
  const workers = new Map(d.socialWorkers.map((u) => [u.id, u]));
  const socialWorkerEpisodes: GenSocialWorkerEpisode[] = [];
  const missingEpisodes: GenMissingEpisode[] = [];
  for (const f of d.families) {
    if (f.la >= 0) continue; // other authorities' children are in their returns
    const current = f.children[0]?.child.socialWorkerId;
    const currentWorker = current ? workers.get(current) : undefined;
    if (!currentWorker) continue;
    // The family's social workers since care began: a change every year or two, the last today's
    // (or, for children who left care, the one they had when they left).
    const last = f.leaving?.day ?? today;
    const span = last - f.careStart;
    const changes = span < 120 ? 0 : r.int(0, Math.min(3, Math.floor(span / 300)));
    const cuts = new Set<number>();
    for (let i = 0; i < changes * 3 && cuts.size < changes; i++) cuts.add(f.careStart + r.int(60, span - 30));
    const starts = [f.careStart, ...[...cuts].sort((a, b) => a - b)];
    const who: GenUser[] = [currentWorker];
    for (let i = starts.length - 2; i >= 0; i--) {
      const after = who[0] as GenUser;
      const others = d.socialWorkers.filter((u) => u.id !== after.id);
      who.unshift(others.length > 0 ? r.pick(others) : after);
    }
    const reasons = starts.slice(1).map(() => r.weighted(SW_REASON_WEIGHTS));
    for (const p of f.children) {
      starts.forEach((from, i) => {
        const to = starts[i + 1] ?? (f.leaving ? last : null);
        if (to !== null && to <= p.careStart) return;
        const u = who[i] as GenUser;
        socialWorkerEpisodes.push({
          id: r.uuid(),
          childId: p.child.id,
          userId: u.id,
          swId: socialWorkerReturnId(u),
          startedOn: fromDayNumber(Math.max(from, p.careStart)),
          endedOn: to === null ? null : fromDayNumber(to),
          reason: to === null ? null : (reasons[i] ?? null),
        });
      });

      // A few older children go missing or away from their placement, for a day or a few.
      if (ageOn(p.child.dateOfBirth, fromDayNumber(last)) >= 11 && last - p.careStart > 60 && r.chance(0.07)) {
        let t = Math.max(p.careStart + 14, last - 540) + r.int(0, 120);
        const times = r.int(1, 3);
        for (let i = 0; i < times && t < last - 3; i++) {
          // It ends by the day the placement they went from ends (rule 575: a period cannot outlast
          // its placement; one that did would be closed and a new one opened from the next).
          const endDay = Math.min(last - 1, t + r.int(1, 4), placementEndAfter(p.child.id, t));
          missingEpisodes.push({ id: r.uuid(), childId: p.child.id, kind: r.chance(0.7) ? 'M' : 'A', startedOn: fromDayNumber(t), endedOn: fromDayNumber(endDay) });
          t = endDay + r.int(20, 150);
        }
      }
    }

    // Unaccompanied asylum-seeking children: teenagers (mostly boys) who came into care on their own, accommodated under section 20.
    const only = f.children.length === 1 ? f.children[0] : undefined;
    if (only && f.pattern === 'V2' && UASC_ETHNICITIES.has(f.ethnicity) && ageOn(only.child.dateOfBirth, fromDayNumber(only.careStart)) >= 12) {
      if (only.child.sex === 'M' || r.chance(0.3)) {
        only.child.uasc = true;
        // Some have since been granted leave to remain (before 18 and before today).
        const eighteen = toDayNumber(`${Number(only.child.dateOfBirth.slice(0, 4)) + 18}${only.child.dateOfBirth.slice(4)}`.replace('-02-29', '-03-01'));
        const latest = Math.min(last - 1, eighteen - 1);
        if (latest - only.careStart > 180 && r.chance(0.35)) only.child.uascCeasedOn = fromDayNumber(only.careStart + r.int(180, latest - only.careStart));
      }
    }
  }
  return { missingEpisodes, socialWorkerEpisodes };
}

export function generateDemoData(opts: GenerateOptions): DemoData {
  const N = Math.max(0, Math.floor(opts.children));
  const today = toDayNumber(opts.today);
  const r = new Random(opts.seed);
  const todayYear = Number(opts.today.slice(0, 4));

  // Organisations ------------------------------------------------------------------------------
  const home: GenOrganisation = { id: r.uuid(), kind: 'local_authority', name: HOME_AUTHORITY.name, laCode: HOME_AUTHORITY.laCode, ofstedUrn: HOME_AUTHORITY.ofstedUrn, providerCode: null };
  const others: GenOrganisation[] = OTHER_AUTHORITIES.map((a) => ({ id: r.uuid(), kind: 'local_authority', name: a.name, laCode: a.laCode, ofstedUrn: null, providerCode: null }));
  const agencies: GenOrganisation[] = AGENCIES.map((a) => ({ id: r.uuid(), kind: 'fostering_agency', name: a.name, laCode: null, ofstedUrn: a.ofstedUrn, providerCode: a.providerCode }));
  const organisations = [home, ...others, ...agencies];

  // Households are sized from the children; staff from both.
  const householdCount = Math.max(12, Math.round(N * 0.625));
  const laHouseholdEstimate = Math.round(householdCount * 0.76);
  const swCount = Math.max(6, Math.ceil(N / 25));
  const sswCount = Math.max(4, Math.ceil(laHouseholdEstimate / 25));
  const poCount = Math.max(2, Math.ceil(N / 150));
  const iroCount = Math.max(3, Math.ceil(N / 70));
  const cicTeamCount = Math.max(3, Math.ceil(swCount / 7));
  // Supervising social workers and IROs work in teams of at most a dozen, as in a real service: a
  // large authority has several fostering teams and reviewing teams (the first keeps the plain name;
  // the others, named with a number, come after every other team so that a smaller authority's
  // records are drawn exactly as before).
  const TEAM_OF = 12;
  const fosteringTeams = ['Fostering Support Team', ...Array.from({ length: Math.ceil(sswCount / TEAM_OF) - 1 }, (_, i) => `Fostering Support Team ${i + 2}`)];
  const reviewingTeams = ['Independent Reviewing Service', ...Array.from({ length: Math.ceil(iroCount / TEAM_OF) - 1 }, (_, i) => `Independent Reviewing Service ${i + 2}`)];

  // Teams ----------------------------------------------------------------------------------------
  const teamNames = [
    'Referral Response Team',
    ...Array.from({ length: cicTeamCount }, (_, i) => `Children in Care Team ${i + 1}`),
    'Fostering Support Team',
    'Service Management',
    'Independent Reviewing Service',
    'Business Support',
    ...fosteringTeams.slice(1),
    ...reviewingTeams.slice(1),
  ];
  const teams: GenTeam[] = teamNames.map((name) => ({ id: r.uuid(), organisationId: home.id, name }));
  const teamId = (name: string) => {
    const t = teams.find((x) => x.name === name);
    if (!t) throw new Error(`no team ${name}`);
    return t.id;
  };

  // Staff -----------------------------------------------------------------------------------------
  const users: GenUser[] = [];
  const emails = new Set<string>();
  const staffName = (): string => {
    const heritage = r.weighted<Heritage>([
      ['british', 60], ['irish', 5], ['caribbean', 6], ['west_african', 8], ['indian', 7], ['pakistani', 6], ['eastern_european', 4], ['east_african', 2], ['bangladeshi', 1], ['chinese', 1],
    ]);
    const surnameHeritage = r.chance(0.85) ? heritage : 'british';
    return `${firstName(r, heritage, r.chance(0.75) ? 'F' : 'M')} ${r.pick(NAMES[surnameHeritage].surnames)}`;
  };
  const uniqueEmail = (fullName: string, domain: string): string => {
    const parts = fullName.split(' ');
    const base = `${emailPart(parts[0] ?? 'staff')}.${emailPart(parts.slice(1).join('') || 'member')}`;
    let email = `${base}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${base}${n}@${domain}`;
    emails.add(email);
    return email;
  };
  for (const a of DEMO_ACCOUNTS) emails.add(a.email.toLowerCase());
  const demo = (role: Role) => DEMO_ACCOUNTS.find((a) => a.role === role);
  const addUser = (role: Role, team: string, lineManagerId: string | null, demoAccount = false): GenUser => {
    const d = demoAccount ? demo(role) : undefined;
    const fullName = d?.name ?? staffName();
    const u: GenUser = {
      id: r.uuid(),
      organisationId: home.id,
      teamId: teamId(d?.team ?? team),
      lineManagerId,
      email: d?.email ?? uniqueEmail(fullName, HOME_AUTHORITY.emailDomain),
      fullName,
      role,
      isDemo: d !== undefined,
      sweNumber: null,
    };
    users.push(u);
    return u;
  };

  const head = addUser('head_of_service', 'Service Management', null, true);
  const managerOf = new Map<string, GenUser>();
  for (const name of teamNames) {
    if (name === 'Service Management' || name === 'Business Support') continue;
    const isDemoManager = name === demo('team_manager')?.team;
    managerOf.set(name, addUser('team_manager', name, head.id, isDemoManager));
  }
  const mgr = (name: string) => managerOf.get(name)?.id ?? head.id;
  addUser('administrator', 'Business Support', head.id, true);
  addUser('administrator', 'Business Support', head.id);
  const placementOfficers = [addUser('placement_officer', 'Referral Response Team', mgr('Referral Response Team'), true)];
  for (let i = 1; i < poCount; i++) placementOfficers.push(addUser('placement_officer', 'Referral Response Team', mgr('Referral Response Team')));
  const socialWorkers: GenUser[] = [];
  for (let i = 0; i < swCount; i++) {
    const team = `Children in Care Team ${(i % cicTeamCount) + 1}`;
    socialWorkers.push(addUser('social_worker', team, mgr(team), i === 0));
  }
  const ssws: GenUser[] = [];
  for (let i = 0; i < sswCount; i++) {
    const team = fosteringTeams[Math.floor(i / TEAM_OF)] ?? 'Fostering Support Team';
    ssws.push(addUser('supervising_social_worker', team, mgr(team), i === 0));
  }
  const iros: GenUser[] = [];
  for (let i = 0; i < iroCount; i++) {
    const team = reviewingTeams[Math.floor(i / TEAM_OF)] ?? 'Independent Reviewing Service';
    iros.push(addUser('iro', team, mgr(team), i === 0));
  }
  const demoSw = socialWorkers[0] as GenUser;
  const demoSsw = ssws[0] as GenUser;

  // Children: families first (sibling groups share a surname, home and history) ------------------
  const otherLaChildren = N >= 8 ? Math.max(3, Math.round(N / 40)) : 0;
  const families: Family[] = [];
  const plans: ChildPlan[] = [];
  const upns = new Set<string>();
  let childNo = 0;

  const newFamily = (size: number, la: number, together = false, leaving: Leaving | null = null): Family => {
    const ethnicity = r.weighted(ETHNICITY_WEIGHTS);
    const [, surnameHeritage] = heritageFor(r, ethnicity);
    const f: Family = {
      index: families.length,
      la,
      ethnicity,
      surnameHeritage,
      surname: r.pick(NAMES[surnameHeritage].surnames),
      cin: r.weighted(CIN_WEIGHTS),
      // Every family's home postcode is known: the SSDA903 return needs one for every child looked
      // after other than an unaccompanied asylum-seeking child (rules 392a, 392b; assemble.ts leaves
      // it out for those).
      homePostcode: familyPostcode(r, areaOf(la)),
      careStart: 0,
      pattern: 'C1C2',
      patternSeed: r.int(1, 2 ** 30),
      children: [],
      leaving,
    };
    // Ages: the first child from the national brackets, siblings 1 to 4 years apart.
    const [lo, hi] = r.weighted(AGE_BRACKETS);
    let age = r.int(lo, hi);
    const ages: number[] = [];
    for (let i = 0; i < size; i++) {
      ages.push(Math.min(17, Math.max(0, age)));
      age += (age > 8 ? -1 : 1) * r.int(1, 4);
    }
    let dobs = ages.map((a) => today - Math.floor((a + r.float() * 0.98) * 365.25) - 1);
    if (leaving && leaving.route !== 'eighteen' && leaving.route !== 'adoption') {
      // Children who have left care: their ages on the day they left.
      const [llo, lhi] = r.weighted(LEAVING_AGES[leaving.route]);
      let a = r.int(llo, lhi);
      dobs = dobs.map(() => {
        const dob = leaving.day - Math.floor((Math.min(17, Math.max(0, a)) + r.float() * 0.98) * 365.25) - 1;
        a += (a > 8 ? -1 : 1) * r.int(1, 4);
        return dob;
      });
    }
    // Years in care: many recent, some long (at most 11 years, which keeps almost every child's
    // care inside the bank-holiday data the working-day deadlines need).
    const yearsInCare = r.weighted<[number, number]>([
      [[0.05, 1], 25],
      [[1, 3], 32],
      [[3, 6], 28],
      [[6, 11], 15],
    ]);
    const eldestDob = Math.min(...dobs);
    const wanted = today - Math.floor((yearsInCare[0] + r.float() * (yearsInCare[1] - yearsInCare[0])) * 365.25);
    f.careStart = Math.min(today, Math.max(wanted, eldestDob + r.int(0, 60)));
    if (leaving) {
      if (leaving.route === 'adoption') {
        // Care proceedings (C1, C2: the durations legalPeriods will draw), a placement order (E1),
        // placed for adoption with the foster carers (A5) and adopted at least ten weeks later.
        const lr = new Random(f.patternSeed);
        const untilE1 = lr.int(90, 300) + lr.int(60, 400);
        const e1For = r.int(150, 420);
        f.careStart = leaving.day - untilE1 - e1For;
        leaving.a5From = leaving.day - r.int(70, e1For - 30);
        let older = f.careStart - r.int(0, 300);
        dobs = dobs.map(() => {
          const dob = older;
          older -= r.int(400, 900);
          return dob;
        });
      } else {
        if (leaving.route === 'eighteen') {
          // Care ends on the 18th birthday.
          const left = fromDayNumber(leaving.day);
          dobs = [toDayNumber(`${Number(left.slice(0, 4)) - 18}${left.slice(4).replace('-02-29', '-02-28')}`)];
        }
        const youngestDob = Math.max(...dobs);
        const [ylo, yhi] = r.weighted(LEAVING_YEARS[leaving.route]);
        const from = leaving.day - Math.floor((ylo + r.float() * (yhi - ylo)) * 365.25);
        f.careStart = Math.max(youngestDob, Math.min(leaving.day - 14, Math.max(from, youngestDob + r.int(0, 60))));
      }
    }
    const startAges = dobs.map((d) => Math.max(0, Math.floor((Math.max(f.careStart, d) - d) / 365.25)));
    f.pattern = legalPattern(r, Math.max(...startAges), Math.min(...startAges), size);
    if (leaving) f.pattern = leaving.route === 'adoption' ? 'C1C2E1' : r.weighted(LEAVING_PATTERNS[leaving.route]);
    for (const dob of dobs) {
      // M or F: the DfE's U (unknown or indeterminate, from 2024-25) is a query in the return
      // (warning 232), for the rare child whose sex is not known, and no synthetic child needs it.
      const sex = r.weighted<'M' | 'F'>([['M', 55], ['F', 45]]);
      const [firstHeritage] = heritageFor(r, ethnicity);
      // A younger sibling born while the family was known comes into care at or soon after birth.
      const careStart = leaving ? f.careStart : Math.min(today, dob >= f.careStart ? dob + r.int(0, 21) : f.careStart);
      const laCode = la < 0 ? HOME_AUTHORITY.laCode : (OTHER_AUTHORITIES[la]?.laCode ?? HOME_AUTHORITY.laCode);
      const ageNow = ageOn(fromDayNumber(dob), opts.today);
      let upn: string;
      if (ageNow < 5) upn = 'UN1';
      else if (today - careStart < 60 && r.chance(0.5)) upn = 'UN4';
      else if (r.chance(0.01)) upn = 'UN3';
      else {
        const establishment = r.chance(0.5) ? r.int(2001, 2180) : r.int(4001, 4060);
        const yearAllocated = todayYear - ageNow + 4;
        let serial = r.int(1, 999);
        upn = makeUpn(laCode, establishment, yearAllocated, serial);
        while (upns.has(upn)) {
          serial = (serial % 999) + 1;
          upn = makeUpn(laCode, establishment, yearAllocated, serial);
        }
        upns.add(upn);
      }
      childNo += 1;
      const child: GenChild = {
        id: r.uuid(),
        reference: `C${pad(childNo, 5)}`,
        firstName: firstName(r, firstHeritage, sex),
        lastName: r.chance(0.85) ? f.surname : r.pick(NAMES[surnameHeritage].surnames),
        dateOfBirth: fromDayNumber(dob),
        sex,
        ethnicity,
        upn,
        responsibleAuthorityId: la < 0 ? home.id : (others[la]?.id ?? home.id),
        socialWorkerId: null,
        externalSocialWorkerId: null,
        categoryOfNeed: f.cin,
        homePostcode: f.homePostcode,
        iroId: null,
        courtCarePlan: false,
        uasc: false,
        uascCeasedOn: null,
        otherNames: [],
        familyMembers: [],
      };
      const plan: ChildPlan = { child, dob, careStart, family: f, bounds: [], fosteredNow: !leaving, hasE1: false };
      f.children.push(plan);
      plans.push(plan);
    }
    if (together) {
      // This group came into care on the same day (so they can be placed together throughout).
      const start = Math.max(...f.children.map((c) => c.careStart));
      for (const c of f.children) c.careStart = start;
      f.careStart = start;
    }
    families.push(f);
    return f;
  };

  // The sibling group of three that H00002 takes (under an exemption) comes first.
  let remaining = N;
  if (N >= 12) {
    newFamily(3, -1, true);
    remaining -= 3;
  }
  while (remaining > otherLaChildren) {
    const size = Math.min(remaining - otherLaChildren, r.weighted<number>([[1, 62], [2, 24], [3, 10], [4, 4]]));
    newFamily(size, -1);
    remaining -= size;
  }
  for (let i = 0; i < otherLaChildren; i++) newFamily(1, i % OTHER_AUTHORITIES.length);
  // Children of the authority who left care since the start of the last collection year (about a
  // third of those in care leave each year), on top of the N in care today.
  const thisYearStart = toDayNumber(`${todayYear - (opts.today.slice(5) < '04-01' ? 1 : 0)}-04-01`);
  const leavingFrom = toDayNumber(`${Number(fromDayNumber(thisYearStart).slice(0, 4)) - 1}-04-01`);
  let leavers = Math.round((N * 0.33 * (today - leavingFrom)) / 365.25);
  while (leavers > 0) {
    const route = r.weighted(LEAVING_ROUTES);
    const day = r.int(leavingFrom, today - 1);
    const size = route === 'eighteen' ? 1 : Math.min(leavers, route === 'adoption' ? r.weighted<number>([[1, 85], [2, 15]]) : r.weighted<number>([[1, 62], [2, 24], [3, 10], [4, 4]]));
    newFamily(size, -1, true, { day, route, a5From: null });
    leavers -= size;
  }

  // Legal statuses --------------------------------------------------------------------------------
  const legalStatuses: GenLegalStatus[] = [];
  for (const f of families) {
    const lr = new Random(f.patternSeed);
    const periods = legalPeriods(lr, f.pattern, f.careStart, f.leaving?.day ?? today);
    const lastPeriod = periods.at(-1);
    if (f.leaving && lastPeriod) lastPeriod.end = f.leaving.day; // care ended
    // Brought into care through care proceedings: for some, the plan the court considered (Children
    // Act 1989 s31A) is the care plan.
    const courtCarePlan = f.la < 0 && ['C1', 'L1', 'L2', 'C2'].includes(periods[0]?.code ?? '') && r.chance(0.35);
    for (const p of f.children) {
      p.child.courtCarePlan = courtCarePlan;
      // A child who came into care later joins the family's proceedings at their own start.
      const own = periods.filter((x) => x.end === null || x.end > p.careStart);
      own.forEach((x, i) => {
        const start = i === 0 ? p.careStart : x.start;
        legalStatuses.push({ id: r.uuid(), childId: p.child.id, code: x.code, startDate: fromDayNumber(start), endDate: x.end === null ? null : fromDayNumber(x.end) });
        if (x.code === 'E1') p.hasE1 = true;
      });
    }
  }

  // Placement periods -------------------------------------------------------------------------------
  const splitPeriod = (from: number, moves: number, to = today): number[] => {
    const span = to - from;
    const m = Math.max(0, Math.min(moves, span - 1));
    const cuts = new Set<number>();
    while (cuts.size < m) cuts.add(from + r.int(1, span));
    return [from, ...[...cuts].sort((a, b) => a - b)];
  };
  for (const f of families) {
    // Children who left care moved before they left (before being placed for adoption).
    const until = f.leaving ? (f.leaving.a5From ?? f.leaving.day) - 1 : today;
    const days = until - f.careStart;
    const moves = days < 30 ? 0 : r.weighted<number>([[0, 35], [1, 30], [2, 18], [3, 10], [4, 7]]);
    // Drawn to keep the random sequence; every child in care is fostered (Hearth holds foster placements).
    r.chance(0.92);
    const fostered = !f.leaving;
    if (f.la >= 0) {
      // Placed here by another authority: only their time with this authority's carers is known here.
      const p = f.children[0] as ChildPlan;
      const arrived = Math.max(p.careStart, today - r.int(14, 900));
      p.bounds = r.chance(0.2) && today - arrived > 60 ? splitPeriod(arrived, 1) : [arrived];
      p.fosteredNow = true;
      continue;
    }
    const shared = splitPeriod(f.careStart, moves, until);
    for (const p of f.children) {
      p.bounds = [p.careStart, ...shared.slice(1).filter((b) => b > p.careStart)];
      p.fosteredNow = fostered;
    }
  }

  // Households -------------------------------------------------------------------------------------------
  const households: HouseholdPlan[] = [];
  const householdMembers: GenHouseholdMember[] = [];
  const heritageOfHousehold = new Map<string, Heritage>();
  const street = () => `${r.int(1, 180)} ${r.pick(STREET_FIRST)} ${r.pick(STREET_KIND)}`;
  const dealHouseholdPostcode = householdPostcodeDealer(r);
  /**
   * A household. `recruited`: one approved later (from `approvalDay`, for any age, for at least
   * `size` children) for a child no other household could take, so that every day in care has a
   * placement; never on the postcode of `movesTo`, the household the child moves to next under the
   * same fostering service (rule 435: the move would not show in the return).
   */
  const addHousehold = (i: number, recruited: { approvalDay: number; size: number; movesTo: HouseholdPlan | null } | null = null): HouseholdPlan => {
    const special = i < 2;
    const isAgency = !special && !recruited && r.chance(0.24);
    const agencyIndex = isAgency ? r.int(0, agencies.length - 1) : -1;
    const outOfArea = isAgency && r.chance(0.4);
    const areaLa = outOfArea ? r.int(0, OTHER_AUTHORITIES.length - 1) : -1;
    const kin = !special && !isAgency && !recruited && r.chance(0.18);
    const status = special || recruited ? 'approved' : r.weighted<GenHousehold['approvalStatus']>([['approved', 84], ['in_assessment', 6], ['on_hold', 4], ['deregistered', 6]]);
    const approvalDay = recruited ? recruited.approvalDay : status === 'in_assessment' ? null : special ? today - r.int(3650, 5400) : today - r.int(60, 365 * 15);
    let approvedChildren = recruited ? Math.max(2, recruited.size) : special ? (i === 0 ? 3 : 4) : kin ? r.weighted<number>([[1, 55], [2, 35], [3, 10]]) : r.weighted<number>([[1, 28], [2, 42], [3, 25], [4, 5]]);
    if (status === 'in_assessment') approvedChildren = r.int(1, 2);
    const [ageMin, ageMax] = special || kin || recruited ? [0, 17] : r.weighted<[number, number]>([[[0, 17], 30], [[0, 10], 14], [[0, 5], 8], [[5, 17], 14], [[11, 17], 14], [[0, 2], 4], [[8, 17], 10], [[2, 12], 6]]);
    const skillLevel = special ? 3 : r.weighted<number>([[1, 20], [2, 40], [3, 30], [4, 10]]);
    const kinds = new Set<PlacementKind>();
    if (kin) {
      // Connected people (family and friends) are approved for the child they know.
      kinds.add(r.chance(0.5) ? 'short_term' : 'long_term');
    } else {
      kinds.add(r.chance(0.8) ? 'short_term' : 'long_term');
      if (r.chance(0.55)) kinds.add('long_term');
      if (r.chance(0.3)) kinds.add('emergency');
      if (r.chance(0.2)) kinds.add('short_breaks');
      if (skillLevel === 4 && !recruited && r.chance(0.6)) kinds.add('parent_and_child');
      if (ageMin === 0 && r.chance(0.12)) kinds.add('fostering_for_adoption');
    }
    const area = areaOf(areaLa);
    const addressLine1 = street();
    let householdPostcode = dealHouseholdPostcode(area);
    const movesTo = recruited?.movesTo?.h;
    // A recruited household is the home authority's own, as is any it could be confused with.
    for (let t = 0; t < 50 && movesTo && movesTo.fosteringServiceId === home.id && householdPostcode === movesTo.postcode; t++) householdPostcode = dealHouseholdPostcode(area);
    const h: GenHousehold = {
      id: r.uuid(),
      reference: `H${pad(i + 1, 5)}`,
      addressLine1,
      addressLine2: null,
      town: localityOf(householdPostcode, area),
      postcode: householdPostcode,
      fosteringServiceId: isAgency ? (agencies[agencyIndex]?.id ?? home.id) : home.id,
      supervisingSocialWorkerId: isAgency ? null : special ? demoSsw.id : r.pick(ssws).id,
      approvalStatus: status,
      approvalDate: approvalDay === null ? null : fromDayNumber(approvalDay),
      approvedChildren,
      ageMin,
      ageMax,
      placementKinds: PLACEMENT_KIND_CODES.filter((k) => kinds.has(k)),
      skillLevel,
      // Filled once the placements are known (./profiles.ts).
      languages: ['English'],
      faith: null,
      experience: [],
      preferences: [],
      pets: false,
      accessibleHome: false,
    };
    const plan: HouseholdPlan = { h, approvalDay, kin, kinFamily: null, stays: [], pastOnly: status === 'on_hold' || status === 'deregistered', usable: status !== 'in_assessment' };
    households.push(plan);

    // Members: one or two carers, perhaps their own children, perhaps another adult.
    const couple = r.chance(0.65);
    const carerHeritage = r.weighted<Heritage>([['british', 70], ['irish', 4], ['caribbean', 6], ['west_african', 6], ['indian', 4], ['pakistani', 4], ['eastern_european', 3], ['bangladeshi', 1], ['middle_eastern', 1], ['chinese', 1]]);
    heritageOfHousehold.set(h.id, carerHeritage);
    const surname = r.pick(NAMES[carerHeritage].surnames);
    let position = 0;
    const carerAge = r.int(28, 64);
    const carerSexes: ('M' | 'F')[] = couple ? r.weighted<('M' | 'F')[]>([[['F', 'M'], 85], [['F', 'F'], 8], [['M', 'M'], 7]]) : [r.chance(0.85) ? 'F' : 'M'];
    for (const sex of carerSexes) {
      householdMembers.push({
        id: r.uuid(),
        householdId: h.id,
        kind: 'carer',
        firstName: firstName(r, carerHeritage, sex),
        lastName: position === 0 || r.chance(0.7) ? surname : r.pick(NAMES[carerHeritage].surnames),
        dateOfBirth: fromDayNumber(today - Math.floor((carerAge + r.int(-4, 4) + r.float()) * 365.25)),
        position: position++,
        email: null,
      });
    }
    if (r.chance(0.35) && carerAge < 58) {
      const count = r.weighted<number>([[1, 55], [2, 35], [3, 10]]);
      for (let c = 0; c < count; c++) {
        const age = r.int(0, Math.min(24, carerAge - 20));
        householdMembers.push({
          id: r.uuid(),
          householdId: h.id,
          kind: 'carer_child',
          firstName: firstName(r, carerHeritage, r.chance(0.5) ? 'M' : 'F'),
          lastName: surname,
          dateOfBirth: fromDayNumber(today - Math.floor((age + r.float() * 0.98) * 365.25) - 1),
          position: position++,
          email: null,
        });
      }
    }
    if (r.chance(0.07)) {
      householdMembers.push({
        id: r.uuid(),
        householdId: h.id,
        kind: 'other_adult',
        firstName: firstName(r, carerHeritage, r.chance(0.5) ? 'M' : 'F'),
        lastName: r.chance(0.5) ? surname : r.pick(NAMES[carerHeritage].surnames),
        dateOfBirth: fromDayNumber(today - Math.floor((r.int(19, 80) + r.float()) * 365.25)),
        position,
        email: null,
      });
    }
    return plan;
  };
  for (let i = 0; i < householdCount; i++) addHousehold(i);

  // Units: who moves together. Siblings of two are usually placed together, larger groups are often
  // split; a group of three is never together today except in H00002 (which has an exemption).
  const units: Unit[] = [];
  for (const f of families) {
    const cs = f.children;
    if (cs.length === 1 || f.la >= 0) {
      for (const c of cs) units.push({ children: [c], family: f });
    } else if (f.index === 0 && N >= 12) {
      units.push({ children: cs, family: f });
    } else if (new Set(cs.map((c) => c.careStart)).size > 1) {
      // Brothers or sisters who came into care at different times were placed separately.
      for (const c of cs) units.push({ children: [c], family: f });
    } else if (cs.length === 2) {
      if (r.chance(0.7)) units.push({ children: cs, family: f });
      else for (const c of cs) units.push({ children: [c], family: f });
    } else if (cs.length === 3) {
      units.push({ children: cs.slice(0, 2), family: f }, { children: cs.slice(2), family: f });
    } else {
      if (r.chance(0.4)) units.push({ children: cs, family: f });
      else units.push({ children: cs.slice(0, 2), family: f }, { children: cs.slice(2), family: f });
    }
  }
  // A unit moves together only over the periods all of its children share.
  const unitBounds = (u: Unit): number[] => {
    const first = u.children[0] as ChildPlan;
    const start = Math.max(...u.children.map((c) => c.careStart));
    return [start, ...first.bounds.slice(1).filter((b) => b > start)];
  };

  const placements: GenPlacement[] = [];
  const place = (hp: HouseholdPlan, u: Unit, start: number, end: number | null) => {
    hp.stays.push({ start, end, size: u.children.length });
    if (hp.kin && hp.kinFamily === null) hp.kinFamily = u.family.index;
    const approved = hp.h.placementKinds;
    // A few children arrive in an emergency, out of hours (brothers and sisters together).
    const emergencyArrival = r.chance(0.05);
    // The last placement of children who left care is chosen as a current one would have been.
    const last = end === null || end === u.family.leaving?.day;
    for (const c of u.children) {
      const long = (end ?? today) - start > 365;
      let type: PlacementTypeCode;
      let kind: PlacementKind;
      if (hp.kin) {
        // Connected people: their approval is for this child (the household's kinds follow below).
        type = last && long && r.chance(0.6) ? 'U1' : 'U3';
        kind = type === 'U1' ? 'long_term' : 'short_term';
      } else if (c.hasE1 && approved.includes('fostering_for_adoption') && last) {
        type = 'U5';
        kind = 'fostering_for_adoption';
      } else {
        type = long && r.chance(last ? 0.6 : 0.25) && approved.includes('long_term') ? 'U4' : 'U6';
        // Carers approved only for long-term fostering take children long term (some of it ended early).
        if (type === 'U6' && !approved.includes('short_term') && !approved.includes('emergency')) type = 'U4';
        const shortStay = end !== null && end - start <= 60;
        if (type === 'U4') kind = 'long_term';
        else if (approved.includes('emergency') && (!approved.includes('short_term') || (shortStay && r.chance(0.4)))) kind = 'emergency';
        else kind = 'short_term';
      }
      placements.push({
        id: r.uuid(),
        childId: c.child.id,
        householdId: hp.h.id,
        startDate: fromDayNumber(start),
        endDate: end === null ? null : fromDayNumber(end),
        placementType: type,
        status: end === null ? 'active' : 'ended',
        kind,
        emergency: kind === 'emergency' || (kind === 'short_term' && emergencyArrival),
        outsideTermsOfApproval: false,
        intendedUntil18: kind === 'long_term' && r.chance(0.35),
        connectedPerson: false,
        sixMonthlyVisitsAgreed: kind === 'long_term' && ageOn(c.child.dateOfBirth, fromDayNumber(start)) >= 10 && r.chance(0.15),
        assessmentPeriodEndsOn: null,
        reasonEnded: null,
      });
    }
  };

  // Households approved later (for children no other could take) join the list as they are added.
  const planById = new Map<string, HouseholdPlan>();
  const planOf = (id: string): HouseholdPlan | undefined => {
    if (planById.size !== households.length) for (const hp of households) planById.set(hp.h.id, hp);
    return planById.get(id);
  };
  /**
   * A move between two households on one postcode under one fostering service would not show in
   * the SSDA903 return: placement type, postcode, URN and provider could all be the same, and the
   * DfE's rule 435 rejects a new placement episode (RNE P) that changes none of them. Postcodes are
   * shared only in large demo data sets (householdPostcodeDealer); such a household is not chosen
   * next to the one avoided.
   */
  const sameInTheReturn = (a: HouseholdPlan, b: HouseholdPlan | undefined): boolean => b !== undefined && a.h.postcode === b.h.postcode && a.h.fosteringServiceId === b.h.fosteringServiceId;
  const fits = (hp: HouseholdPlan, u: Unit, start: number, end: number | null, avoid: string | null): boolean => {
    if (!hp.usable || hp.h.id === avoid) return false;
    if (avoid !== null && sameInTheReturn(hp, planOf(avoid))) return false;
    if (hp.pastOnly && end === null) return false;
    if (hp.approvalDay === null || hp.approvalDay > start) return false;
    if (hp.kin && hp.kinFamily !== null && hp.kinFamily !== u.family.index) return false;
    if (u.family.la >= 0 && (hp.kin || hp.h.fosteringServiceId !== home.id)) return false;
    const on = dateParts(start);
    for (const c of u.children) {
      const age = ageFromParts(birthParts(c.child.dateOfBirth), on);
      if (age < hp.h.ageMin || age > hp.h.ageMax) return false;
    }
    const k = u.children.length;
    const peak = peakOccupancy(hp.stays, start, end);
    if (k > USUAL_FOSTERING_LIMIT) {
      // A large sibling group may exceed the limit (Schedule 7 para 3), but only on its own.
      if (peak > 0 || hp.h.approvedChildren < k) return false;
    } else if (peak + k > Math.min(hp.h.approvedChildren, USUAL_FOSTERING_LIMIT)) return false;
    if (end === null && k <= USUAL_FOSTERING_LIMIT) {
      // Only H00001 is at the usual limit today: elsewhere at most two unrelated children now.
      const now = hp.stays.reduce((s, x) => s + (x.end === null ? x.size : 0), 0);
      if (now + k > USUAL_FOSTERING_LIMIT - 1) return false;
    }
    return true;
  };

  const findHousehold = (u: Unit, start: number, end: number | null, avoid: string | null): HouseholdPlan | null => {
    const pool = households;
    for (let t = 0; t < 40; t++) {
      const hp = pool[r.int(2, pool.length - 1)];
      if (hp && fits(hp, u, start, end, avoid)) return hp;
    }
    const offset = r.int(0, pool.length - 1);
    const limit = Math.min(pool.length, 600);
    for (let t = 0; t < limit; t++) {
      const hp = pool[(offset + t) % pool.length];
      if (hp && hp.h.reference !== 'H00001' && hp.h.reference !== 'H00002' && fits(hp, u, start, end, avoid)) return hp;
    }
    return null;
  };

  // The special households first ------------------------------------------------------------------
  const h1 = households[0] as HouseholdPlan;
  const h2 = households[1] as HouseholdPlan;
  const exemptions: GenExemption[] = [];
  const currentHousehold = new Map<Unit, HouseholdPlan>();
  // Children on their own, those fostered today first.
  const singles = units.filter((u) => u.children.length === 1 && u.family.leaving === null).sort((a, b) => Number(b.children[0]?.fosteredNow) - Number(a.children[0]?.fosteredNow));
  const takeSingle = (pred: (u: Unit) => boolean): Unit | undefined => {
    const i = singles.findIndex(pred);
    if (i < 0) return undefined;
    const [u] = singles.splice(i, 1);
    for (const c of u?.children ?? []) c.fosteredNow = true;
    return u;
  };
  const currentStart = (u: Unit) => unitBounds(u).at(-1) as number;
  if (N >= 12) {
    // H00002: a sibling group of three and, before them, one long-term child: an exemption names all four.
    const trio = units.find((u) => u.family.index === 0) as Unit;
    for (const c of trio.children) c.fosteredNow = true;
    const longTerm = takeSingle((u) => u.family.la < 0 && currentStart(u) < currentStart(trio)) ?? takeSingle((u) => u.family.la < 0);
    const group = longTerm ? [longTerm, trio] : [trio];
    for (const u of group) {
      place(h2, u, currentStart(u), null);
      currentHousehold.set(u, h2);
    }
    if (longTerm) {
      const start = Math.max(...group.map(currentStart));
      exemptions.push({
        id: r.uuid(),
        householdId: h2.h.id,
        grantingAuthorityId: home.id,
        conditions:
          'Exemption from the usual fostering limit for the four children named, so that three brothers and sisters can live together ' +
          'with the child already placed here long term. No further children to be placed while it is in force. Reviewed at each annual review of the carers.',
        startDate: fromDayNumber(start),
        endDate: null,
        childIds: group.flatMap((u) => u.children.map((c) => c.child.id)),
      });
    }
  }
  if (N >= 8) {
    // H00001: three unrelated children today, one of them placed by another authority.
    const chosen: Unit[] = [];
    for (const fromElsewhere of [true, false, false]) {
      const u = takeSingle((x) => x.family.la >= 0 === fromElsewhere && !chosen.some((c) => c.family === x.family));
      if (u) chosen.push(u);
    }
    for (const u of chosen) {
      place(h1, u, currentStart(u), null);
      currentHousehold.set(u, h1);
      for (const c of u.children) if (u.family.la < 0) c.child.socialWorkerId = demoSw.id;
    }
  }
  const earliestSpecial = Math.min(...[h1, h2].flatMap((hp) => hp.stays.map((s) => s.start)), today);
  for (const hp of [h1, h2]) {
    hp.approvalDay = Math.min(hp.approvalDay ?? today, earliestSpecial - 400);
    hp.h.approvalDate = fromDayNumber(hp.approvalDay);
  }

  // Then everyone's current placement, largest groups first, then the histories, latest first.
  // Children placed here by other authorities first, so that every one of them has a home here.
  const ordered = [...units].sort((a, b) => Number(b.family.la >= 0) - Number(a.family.la >= 0) || b.children.length - a.children.length);
  for (const u of ordered) {
    if (currentHousehold.has(u) || !u.children.every((c) => c.fosteredNow)) continue;
    const hp = findHousehold(u, currentStart(u), null, null);
    if (hp) {
      place(hp, u, currentStart(u), null);
      currentHousehold.set(u, hp);
    } else {
      for (const c of u.children) c.fosteredNow = false;
    }
  }
  // Every day in care has a placement (SSDA903 rule 146): where no household can take a period,
  // the child stayed where they were, so the period joins the placement after it (when that
  // household can have had them for longer) or the one before (a move fewer).
  const extendBack = (hp: HouseholdPlan, u: Unit, from: number, to: number): boolean => {
    if (!fits(hp, u, from, to, null)) return false;
    const ids = new Set(u.children.map((c) => c.child.id));
    for (const s of hp.stays) if (s.start === to && s.size === u.children.length) s.start = from;
    for (const p of placements) if (p.householdId === hp.h.id && ids.has(p.childId) && p.startDate === fromDayNumber(to)) p.startDate = fromDayNumber(from);
    return true;
  };
  for (const u of ordered) {
    const b = unitBounds(u);
    let next: HouseholdPlan | null = currentHousehold.get(u) ?? null;
    // The end of the period still to be placed: the start of the one placed after it (null: today's).
    let end: number | null = next ? (b.at(-1) as number) : (u.family.leaving?.day ?? null);
    for (let i = next ? b.length - 2 : b.length - 1; i >= 0; i--) {
      const start = b[i] as number;
      const hp = findHousehold(u, start, end, next?.h.id ?? null);
      if (hp) {
        place(hp, u, start, end);
        if (end === null) {
          currentHousehold.set(u, hp);
          for (const c of u.children) c.fosteredNow = true;
        }
        next = hp;
        end = start;
      } else if (next && end !== null && extendBack(next, u, start, end)) {
        end = start;
      }
    }
    const first = b[0] as number;
    if (end === null || end > first) {
      // No household could take them from the start: a household approved for them then.
      const hp = addHousehold(households.length, { approvalDay: first - r.int(30, 400), size: u.children.length, movesTo: end === null ? null : next });
      place(hp, u, first, end);
      if (end === null) {
        currentHousehold.set(u, hp);
        for (const c of u.children) c.fosteredNow = true;
      }
    }
  }

  const careEndings = endCare(r, { families, placements, households });

  // Connected people are approved for the kind of placement they give the child they know.
  const kindsUsed = new Map<string, Set<PlacementKind>>();
  for (const p of placements) kindsUsed.set(p.householdId, (kindsUsed.get(p.householdId) ?? new Set()).add(p.kind));
  for (const hp of households) {
    const used = kindsUsed.get(hp.h.id);
    if (hp.kin && used) hp.h.placementKinds = PLACEMENT_KIND_CODES.filter((k) => used.has(k));
  }

  // Parent-and-child placements, only with carers approved for them: a baby placed with their
  // parent, or a young mother in care placed with her baby. They are assessments of a few months.
  const householdById = new Map(households.map((hp) => [hp.h.id, hp.h]));
  const childById = new Map(plans.map((p) => [p.child.id, p.child]));
  const passedOver: GenPlacement[] = [];
  for (const p of placements) {
    const h = householdById.get(p.householdId);
    const c = childById.get(p.childId);
    if (!h || !c || !h.placementKinds.includes('parent_and_child') || p.placementType !== 'U6') continue;
    const start = toDayNumber(p.startDate);
    const age = ageOn(c.dateOfBirth, p.startDate);
    const lasted = (p.endDate === null ? today : toDayNumber(p.endDate)) - start;
    if (!(age <= 1 || (c.sex === 'F' && age >= 15))) continue;
    if (lasted > 240 || !r.chance(0.7)) {
      passedOver.push(p);
      continue;
    }
    p.kind = 'parent_and_child';
    p.emergency = false;
    p.assessmentPeriodEndsOn = fromDayNumber(start + r.int(14, 28));
  }
  // Carers approved for parent and child have had at least one such placement, when one could be.
  const chosen = passedOver[0];
  if (chosen && !placements.some((p) => p.kind === 'parent_and_child')) {
    chosen.kind = 'parent_and_child';
    chosen.emergency = false;
    chosen.assessmentPeriodEndsOn = fromDayNumber(toDayNumber(chosen.startDate) + 21);
  }

  // Social workers: siblings share one, caseloads are kept even, and the demo social worker has a
  // normal caseload (including H00001's own authority's children).
  const caseload = new Map<string, number>(socialWorkers.map((u) => [u.id, 0]));
  for (const f of families) {
    if (f.la >= 0) continue;
    let sw = f.children.find((c) => c.child.socialWorkerId)?.child.socialWorkerId ?? undefined;
    if (!sw) {
      const offset = r.int(0, socialWorkers.length - 1);
      for (let i = 0; i < socialWorkers.length; i++) {
        const candidate = (socialWorkers[(offset + i) % socialWorkers.length] as GenUser).id;
        if (sw === undefined || (caseload.get(candidate) ?? 0) < (caseload.get(sw) ?? 0)) sw = candidate;
      }
    }
    if (!sw) continue;
    caseload.set(sw, (caseload.get(sw) ?? 0) + f.children.length);
    for (const c of f.children) c.child.socialWorkerId = sw;
  }

  // Independent reviewing officers: likewise one for each family, caseloads kept even (the demo
  // IRO's included). Children of other authorities have their own authority's IRO.
  const iroCaseload = new Map<string, number>(iros.map((u) => [u.id, 0]));
  for (const f of families) {
    if (f.la >= 0) continue;
    let iro: string | undefined;
    const offset = r.int(0, iros.length - 1);
    for (let i = 0; i < iros.length; i++) {
      const candidate = (iros[(offset + i) % iros.length] as GenUser).id;
      if (iro === undefined || (iroCaseload.get(candidate) ?? 0) < (iroCaseload.get(iro) ?? 0)) iro = candidate;
    }
    if (!iro) continue;
    iroCaseload.set(iro, (iroCaseload.get(iro) ?? 0) + f.children.length);
    for (const c of f.children) c.child.iroId = iro;
  }

  // Other authorities' social workers (and a few agency contacts) ---------------------------------
  const contacts: GenContact[] = [];
  const contactsByLa = new Map<number, GenContact[]>();
  const contactName = () => staffName();
  OTHER_AUTHORITIES.forEach((a, i) => {
    const theirs = families.filter((f) => f.la === i).length;
    const list: GenContact[] = [];
    const sws = Math.max(5, Math.ceil(theirs / 3));
    for (let n = 0; n < sws + 1; n++) {
      const fullName = contactName();
      list.push({
        id: r.uuid(),
        fullName,
        role: n === 0 ? 'Team manager' : 'Social worker',
        organisationId: others[i]?.id ?? null,
        organisationName: a.name,
        email: uniqueEmail(fullName, a.emailDomain),
        phone: phone(r),
      });
    }
    contacts.push(...list);
    contactsByLa.set(i, list.slice(1));
  });
  AGENCIES.forEach((a, i) => {
    for (let n = 0; n < 2; n++) {
      const fullName = contactName();
      contacts.push({ id: r.uuid(), fullName, role: 'Supervising social worker', organisationId: agencies[i]?.id ?? null, organisationName: a.name, email: uniqueEmail(fullName, a.emailDomain), phone: phone(r) });
    }
  });
  for (const f of families) {
    if (f.la < 0) continue;
    const list = contactsByLa.get(f.la) ?? [];
    for (const c of f.children) c.child.externalSocialWorkerId = r.pick(list).id;
  }

  // Sibling links: every pair in a family, smaller id first.
  const siblingLinks: GenSiblingLink[] = [];
  for (const f of families) {
    const ids = f.children.map((c) => c.child.id);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const [a, b] = [ids[i] as string, ids[j] as string].sort();
        siblingLinks.push({ childId: a as string, siblingId: b as string });
      }
    }
  }

  // Other names and family members, from a random source of each family's own.
  const familyPeople: GenFamilyPeople = { familyMembers: [], childFamilyMembers: [] };
  for (const f of families) addOtherNames(f, familyPeople);

  // What has been recorded: plans, meetings, visits, reviews, carer reviews (./events.ts).
  const demoIro = iros[0] as GenUser;
  const children = plans.map((p) => p.child);
  const { childEvents, householdEvents } = generateEvents(r, {
    today: opts.today,
    children,
    legalStatuses,
    placements,
    households: households.map((hp) => hp.h),
    demo: { socialWorkerId: demoSw.id, supervisingSocialWorkerId: demoSsw.id, iroId: demoIro.id },
  });

  // What the carers offer (languages, faith, experience, preferences that fit the children placed
  // there, pets, an accessible home) and their e-mail addresses (./profiles.ts).
  const householdList = households.map((hp) => hp.h);
  fillHouseholdProfiles(r, { today: opts.today, households: householdList, householdMembers, carerHeritage: heritageOfHousehold, children, placements, emails });

  // Placement requests at every stage, for children who need a new placement (./requests.ts).
  // Only for children in care today.
  const leftCare = new Set(careEndings.map((e) => e.childId));
  const { requests: placementRequests, statuses: placementRequestStatuses } = generateRequests(r, {
    today: opts.today,
    homeAuthorityId: home.id,
    children: children.filter((c) => !leftCare.has(c.id)),
    legalStatuses,
    placements,
    households: householdList,
    householdMembers,
    exemptions,
    siblingLinks,
    keepHouseholdIds: new Set([h1.h.id, h2.h.id]),
    demo: { socialWorkerId: demoSw.id, placementOfficerId: (placementOfficers[0] as GenUser).id },
  });

  // The SSDA903 records, from a random source of their own.
  const returnRecords = addReturnRecords(new Random((opts.seed ^ 0x5da903) >>> 0), { today, socialWorkers, families, placements, childEvents, children });

  return {
    seed: opts.seed,
    today: opts.today,
    homeAuthorityId: home.id,
    organisations,
    teams,
    users,
    contacts,
    children,
    legalStatuses,
    siblingLinks,
    familyMembers: familyPeople.familyMembers,
    childFamilyMembers: familyPeople.childFamilyMembers,
    households: householdList,
    householdMembers,
    exemptions,
    placements,
    childEvents,
    householdEvents,
    placementRequests,
    placementRequestStatuses,
    careEndings,
    ...returnRecords,
  };
}
