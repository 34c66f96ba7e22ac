/**
 * Assembling an SSDA903 return (return-types.ts) from Hearth's records: which children are in it,
 * the facts each child's episodes are derived from, and the rows of every file. Pure: the service
 * (src/services/ssda903.ts) reads the records from the database, the benchmark (bench/ssda903.ts)
 * takes them from the synthetic-data generator, and both call assembleReturn.
 *
 * Decisions, and why:
 * - The return is the home authority's: the local authority Hearth is run for. Only children it
 *   is responsible for are returned (children placed here by other authorities are in theirs).
 *   Unless the caller names it, it is the local authority responsible for the most children
 *   (homeAuthorityOf), so a deployment needs no extra setting.
 * - A child is in the return when at least one derived episode is open at some time in the year
 *   (episodesInYear: DECOM on or before 31 March, DEC blank or on or after 1 April).
 * - Placement fields: PLACE is the placement type; PL_POST the foster household's postcode; URN
 *   and PLACE_PROVIDER as recorded on the placement, otherwise derived from the household's
 *   fostering service: the home authority's own service → PR1, another local authority's → PR2,
 *   an agency → its provider code (PR4 when none is recorded); URN the service's Ofsted URN. The
 *   derived values are left blank where the DfE wants none: no provider for T0–T4 and Z1x (rules
 *   178, 213; PR0 for P1, rule 550), no URN for the placement types that need none (218, 222).
 *   A value recorded on the placement is always sent as recorded, so validation can report it.
 * - Cancelled placements never happened and are left out.
 * - Short breaks (V3, V4): no postcodes on those episodes (rule 398), and no MOTHER for a child
 *   looked after only for short breaks (rule 399).
 * - MOTHER is given for girls (1 or 0) and left blank for boys; MC_DOB only for a mother.
 * - Reviews: each review held in the year with its participation code. Missing periods and social
 *   worker episodes overlapping the year; an end after 31 March is not yet known at 31 March and
 *   is left blank, as an open episode is (episodesInYear).
 * - Unaccompanied asylum-seeking children (UASC): a UASC row for a child who was UASC at some time
 *   in the year (status ceased on or after 1 April; rule 104 rejects an earlier date). UASC status
 *   ceases at 18 at the latest, so DUC is the date it ceased when that was on or before 31 March,
 *   and otherwise the 18th birthday, the date it will cease: rule 205B wants last year's DUC of a
 *   child UASC in both years to be the 18th birthday, and this year's to be in the year or the same
 *   date. A date recorded after 31 March is not yet known at 31 March. A child who was
 *   UASC in the year or in either of the two years before it has no HOME_POST in the return (their
 *   home was not in England, so the DfE works out no distance: rule 406; rules 392a and 392b make
 *   the same exception, looking back the same three years).
 * - Social worker episodes: see socialWorkerRows.
 * - Adoption (AD1, PlacedAdoption), from the court record (adoptionReturnRows, Concurrent planning
 *   guide): a PlacedAdoption row for a child in the return whose decision that they should be placed
 *   for adoption was made on or before 31 March; an AD1 row for a child whose adoption order was made
 *   in the year (care ended E11 or E12). See adoptionRowsInYear.
 */
import { deriveEpisodes, episodesInYear, type EpisodeProblem } from './episodes.ts';
import { NO_PROVIDER_PLACES, NO_URN_PLACES } from './return-codes.ts';
import type { Ad1Row, ChildReturnFacts, CollectionYear, EpisodeRow, PlacedAdoptionRow, HeaderRow, MissingRow, PlacementPeriod, Return903, ReviewRow, SwEpisodeRow, UascRow } from './return-types.ts';
import { toDayNumber, type IsoDate } from '../dates.ts';
import { birthday } from './validation-engine.ts';
import { adoptionReturnRows } from '../concurrent-planning/court.ts';

// ---------------------------------------------------------------------------------------------
// The records, as the return needs them
// ---------------------------------------------------------------------------------------------

export type OrganisationRecord = { id: string; kind: 'local_authority' | 'fostering_agency' | 'virtual_school' | 'adoption_agency'; ofstedUrn: string | null; providerCode?: string | null };
export type HouseholdRecord = { id: string; postcode: string; fosteringServiceId: string };
export type ChildRecord = {
  id: string;
  reference: string;
  responsibleAuthorityId: string;
  sex: string;
  dateOfBirth: IsoDate;
  ethnicity: string;
  upn: string;
  categoryOfNeed: string;
  homePostcode: string | null;
  uasc?: boolean;
  uascCeasedOn?: IsoDate | null;
  isMother?: boolean;
  motherChildDob?: IsoDate | null;
  /** For a child imported from a return: the first episode Hearth holds continued care that began earlier (its DECOM and RNE). */
  historyStartOn?: IsoDate | null;
  historyStartRne?: string | null;
};
export type LegalStatusRecord = { childId: string; code: string; startDate: IsoDate; endDate: IsoDate | null };
export type PlacementRecord = {
  id: string;
  childId: string;
  householdId: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  placementType: string;
  status: string;
  reasonEnded?: string | null;
  provider?: string | null;
  urn?: string | null;
  /** Imported from a return (ssda903/import-plan.ts): PLACE_PROVIDER, URN and PL_POST are as returned, never derived. */
  importedOn?: IsoDate | null;
  /** PL_POST as returned, for an imported placement. */
  plPost?: string | null;
};
export type CareEndingRecord = { childId: string; endedOn: IsoDate; reason: string };
/** A looked-after review held (child_event kind review_held). */
export type ReviewRecord = { childId: string; eventDate: IsoDate; participationCode: string | null };
export type MissingRecord = { childId: string; kind: 'M' | 'A'; startedOn: IsoDate; endedOn: IsoDate | null };
export type SocialWorkerEpisodeRecord = {
  childId: string;
  swId: string;
  startedOn: IsoDate;
  endedOn: IsoDate | null;
  reason: string | null;
  /** For an imported episode that followed one Hearth was not given: its SW_REASON as returned (import-plan.ts). */
  startReason?: string | null;
};

/** A child's court record, as the adoption files need it (court_proceedings). */
export type AdoptionRecord = { childId: string; shouldBePlacedOn: IsoDate | null; matchedOn: IsoDate | null; adoptionOrderOn: IsoDate | null; adoptersCount: number | null; adoptersSex?: string | null; adoptersLegalStatus?: string | null };

export type ReturnRecords = {
  organisations: readonly OrganisationRecord[];
  households: readonly HouseholdRecord[];
  children: readonly ChildRecord[];
  legalStatuses: readonly LegalStatusRecord[];
  placements: readonly PlacementRecord[];
  careEndings: readonly CareEndingRecord[];
  reviews: readonly ReviewRecord[];
  missing: readonly MissingRecord[];
  socialWorkerEpisodes: readonly SocialWorkerEpisodeRecord[];
  /** The court records with the adoption decisions; absent (the generator, an import) means none. */
  adoptions?: readonly AdoptionRecord[];
};

/** A child in the return: its record id and its reference (CHILD in the files). */
export type ReturnedChild = { id: string; reference: string };

export type AssembledReturn = {
  ret: Return903;
  /** The children in the return, in the order of the header file. */
  children: ReturnedChild[];
  /** Each episode's placement (the one in force on its DECOM), by index in ret.episodes; null when none. */
  episodePlacementIds: (string | null)[];
  /** What stopped episodes being derived as recorded, per child (record id). */
  problems: { childId: string; problem: EpisodeProblem }[];
};

// ---------------------------------------------------------------------------------------------
// The home authority
// ---------------------------------------------------------------------------------------------

/** The local authority responsible for the most children (ties: the lowest id, for a stable answer); null when there is none. */
export function homeAuthorityOf(children: readonly Pick<ChildRecord, 'responsibleAuthorityId'>[], organisations: readonly Pick<OrganisationRecord, 'id' | 'kind'>[]): string | null {
  const authorities = new Set(organisations.filter((o) => o.kind === 'local_authority').map((o) => o.id));
  const counts = new Map<string, number>();
  for (const c of children) if (authorities.has(c.responsibleAuthorityId)) counts.set(c.responsibleAuthorityId, (counts.get(c.responsibleAuthorityId) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [id, n] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (n > bestCount) [best, bestCount] = [id, n];
  }
  return best ?? (authorities.size === 1 ? ([...authorities][0] ?? null) : null);
}

// ---------------------------------------------------------------------------------------------
// Placement fields
// ---------------------------------------------------------------------------------------------

const SHORT_BREAKS: ReadonlySet<string> = new Set(['V3', 'V4']);

/** PLACE_PROVIDER derived from who runs the household's fostering service (see the decisions above). */
export function derivedProvider(placeType: string, service: OrganisationRecord | undefined, homeAuthorityId: string): string | null {
  if (NO_PROVIDER_PLACES.has(placeType)) return null;
  if (placeType === 'P1') return 'PR0';
  if (!service) return null;
  if (service.kind === 'local_authority') return service.id === homeAuthorityId ? 'PR1' : 'PR2';
  return service.providerCode ?? 'PR4';
}

/** URN derived from the household's fostering service, blank for the placement types that need none. */
export function derivedUrn(placeType: string, service: OrganisationRecord | undefined): string | null {
  if (NO_URN_PLACES.has(placeType)) return null;
  return service?.ofstedUrn ?? null;
}

/**
 * Records grouped by child, each group in the records' order (as groupBy groups them). A child's
 * records nearly always come one after another (the database and the generator list them so), so
 * the group of the record before is tried first: at 100,000 children, looking every record's child
 * up in the Map (hashing its id afresh, since every record holds its own copy) took 2 s.
 */
function byChild<T extends { childId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  let lastId: string | null = null;
  let last: T[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    if (item.childId !== lastId) {
      lastId = item.childId;
      const group = groups.get(lastId);
      if (group) last = group;
      else groups.set(lastId, (last = []));
    }
    last.push(item);
  }
  return groups;
}

const overlapsYear = (start: IsoDate, end: IsoDate | null, year: CollectionYear) => start <= year.end && (end === null || end >= year.start);
/** Plain string order (ISO dates, references). */
const byDate = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The list sorted in place by a stable sort, which leaves a list already in order as it is: so it
 * is first checked, once through, and sorted only when out of order (the generator's 154,000
 * children come in order of reference, and sorting them anyway cost about a quarter of a second).
 */
function inOrder<T>(list: T[], order: (a: T, b: T) => number): T[] {
  for (let i = 1; i < list.length; i++) if (order(list[i - 1] as T, list[i] as T) > 0) return list.sort(order);
  return list;
}
const endAsAt31March = (end: IsoDate | null, year: CollectionYear) => (end !== null && end > year.end ? null : end);

/** When a UASC child's status ceased or will cease: the date recorded, or the 18th birthday if that is earlier or none is recorded. */
const uascEnds = (child: ChildRecord): IsoDate => {
  const eighteenth = birthday(child.dateOfBirth, 18);
  const ceased = child.uascCeasedOn ?? null;
  return ceased !== null && ceased < eighteenth ? ceased : eighteenth;
};
/** DUC for the year: the date status ceased when that was on or before 31 March, else the 18th birthday. */
const uascDuc = (child: ChildRecord, year: CollectionYear): IsoDate => {
  const ends = uascEnds(child);
  return ends <= year.end ? ends : birthday(child.dateOfBirth, 18);
};
/** 1 April two years before the collection year starts: the three years rules 392a, 392b and 406 look at. */
const threeYearsFrom = (year: CollectionYear): IsoDate => `${Number(year.start.slice(0, 4)) - 2}${year.start.slice(4)}`;

/** A social worker episode that starts more than this many days after the previous one ended is a new first contact (SW10STG2). */
const SW_CONTINUITY_DAYS = 7;

/**
 * The social worker episode rows of one child for a collection year.
 *
 * SW_REASON is why an episode started (why the child's social worker changed to this one), given
 * on that episode: the DfE's validation reads it on the current episode against the previous
 * episode's SW_DEC (SW10STG2) and wants it on every episode starting on or after 1 April 2023
 * (SW01bSTG1, SW13STG1 from 2024-25). Hearth records why a social worker stopped on the episode
 * that ends, so each episode carries the reason recorded when the one before it ended. An episode
 * with no episode before it, or starting more than 7 days after the previous one ended, is a first
 * contact: FCONTA (for the first episode of an imported history, the SW_REASON it was returned
 * with, since Hearth was not given the episode before it). FCONTA is the one reason SW10STG2 lets start away from the previous SW_DEC ("If
 * the current social worker episode SW_REASON is not = 'FCONTA' then SW_DECOM of current episode
 * must be >= (SW_DEC +/- 7 days) of previous episode if present", the DfE condition quoted in
 * data-to-insight/csc-validator-be-903, lac2024_25/rule_SW10STG2.py); the code list and what is
 * and is not confirmed about each code's meaning are in return-codes.ts.
 *
 * SW_DEC is the day the child's social worker changed. The child's latest episode in the return
 * is reported open, also when Hearth records that the worker's involvement ended with the child's
 * care: SW17STG2 (2025-26) requires "for the last SW episode (i.e. the episode with the latest
 * SW_DECOM), SW_DEC must be NULL", and SW11bSTG2 rejects an episode ending in the last days of
 * March with no later one. An end after 31 March is not yet known at 31 March either.
 */
export function socialWorkerRows(CHILD: string, DOB: IsoDate, records: readonly SocialWorkerEpisodeRecord[], year: CollectionYear): SwEpisodeRow[] {
  const all = inOrder(records.slice(), (a, b) => byDate(a.startedOn, b.startedOn));
  const rows: SwEpisodeRow[] = [];
  all.forEach((s, i) => {
    if (!overlapsYear(s.startedOn, s.endedOn, year)) return;
    const prev = all[i - 1];
    const gap = prev?.endedOn ? toDayNumber(s.startedOn) - toDayNumber(prev.endedOn) : null;
    const firstContact = prev === undefined || (gap !== null && gap > SW_CONTINUITY_DAYS);
    rows.push({ CHILD, DOB, SW_ID: s.swId, SW_DECOM: s.startedOn, SW_DEC: endAsAt31March(s.endedOn, year), SW_REASON: firstContact ? (prev === undefined && s.startReason ? s.startReason : 'FCONTA') : (prev?.reason ?? null) });
  });
  const last = rows[rows.length - 1];
  if (last) last.SW_DEC = null;
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The return
// ---------------------------------------------------------------------------------------------

/** One child's facts for the episode derivation, from the records. */
export function childReturnFacts(
  child: ChildRecord,
  records: { legalStatuses: readonly LegalStatusRecord[]; placements: readonly PlacementRecord[]; careEndings: readonly CareEndingRecord[] },
  lookups: { household: (id: string) => HouseholdRecord | undefined; organisation: (id: string) => OrganisationRecord | undefined; homeAuthorityId: string },
): ChildReturnFacts {
  const placements: PlacementPeriod[] = records.placements
    .filter((p) => p.status !== 'cancelled')
    .map((p) => {
      const household = lookups.household(p.householdId);
      const service = household ? lookups.organisation(household.fosteringServiceId) : undefined;
      if (p.importedOn) {
        const asReturned = { provider: p.provider ?? null, urn: p.urn ?? null, postcode: p.plPost ?? null };
        return { id: p.id, start: p.startDate, end: p.endDate, placeType: p.placementType, ...asReturned, carerId: p.householdId, reasonEnded: p.reasonEnded ?? null };
      }
      return {
        id: p.id,
        start: p.startDate,
        end: p.endDate,
        placeType: p.placementType,
        provider: p.provider ?? derivedProvider(p.placementType, service, lookups.homeAuthorityId),
        postcode: household?.postcode ?? null,
        urn: p.urn ?? derivedUrn(p.placementType, service),
        carerId: p.householdId,
        reasonEnded: p.reasonEnded ?? null,
      };
    });
  const facts: ChildReturnFacts = {
    childId: child.reference,
    categoryOfNeed: child.categoryOfNeed,
    homePostcode: child.homePostcode,
    legalStatuses: records.legalStatuses.map((s) => ({ code: s.code, start: s.startDate, end: s.endDate })),
    placements,
    careEndings: records.careEndings.map((e) => ({ date: e.endedOn, reason: e.reason })),
  };
  if (child.historyStartOn && child.historyStartRne) facts.historyStart = { date: child.historyStartOn, rne: child.historyStartRne as EpisodeRow['RNE'] };
  return facts;
}

/** The placement in force on a day: the latest-starting one covering it. */
function placementOn(placements: readonly PlacementPeriod[], day: IsoDate): string | null {
  let found: PlacementPeriod | null = null;
  for (const p of placements) {
    if (p.start <= day && (p.end === null || day < p.end) && (found === null || p.start >= found.start)) found = p;
  }
  return found?.id ?? null;
}

/**
 * The return for a collection year: every child of the home authority looked after at any time in
 * the year, with their episodes, UASC, reviews, missing and social worker episode rows.
 */
export function assembleReturn(records: ReturnRecords, year: CollectionYear, homeAuthorityId: string): AssembledReturn {
  const organisations = new Map(records.organisations.map((o) => [o.id, o]));
  const households = new Map(records.households.map((h) => [h.id, h]));
  const lookups = { household: (id: string) => households.get(id), organisation: (id: string) => organisations.get(id), homeAuthorityId };
  const statusesOf = byChild(records.legalStatuses);
  const placementsOf = byChild(records.placements);
  const endingsOf = byChild(records.careEndings);
  const reviewsOf = byChild(records.reviews);
  const missingOf = byChild(records.missing);
  const swOf = byChild(records.socialWorkerEpisodes);
  const adoptionsOf = byChild(records.adoptions ?? []);

  const ret: Return903 = { year, header: [], episodes: [], uasc: [], reviews: [], missing: [], swEpisodes: [], ad1: [], placedAdoption: [] };
  const formerlyUasc: string[] = [];
  const children: ReturnedChild[] = [];
  const episodePlacementIds: (string | null)[] = [];
  const problems: AssembledReturn['problems'] = [];

  const ordered = inOrder(
    records.children.filter((c) => c.responsibleAuthorityId === homeAuthorityId),
    (a, b) => byDate(a.reference, b.reference),
  );
  for (const child of ordered) {
    const statuses = statusesOf.get(child.id) ?? [];
    if (!statuses.some((s) => overlapsYear(s.startDate, s.endDate, year))) continue;
    const facts = childReturnFacts(child, { legalStatuses: statuses, placements: placementsOf.get(child.id) ?? [], careEndings: endingsOf.get(child.id) ?? [] }, lookups);
    const derived = deriveEpisodes(facts);
    const noHomePostcode = child.uasc === true && uascEnds(child) >= threeYearsFrom(year);
    const episodes: EpisodeRow[] = episodesInYear(derived.episodes, year).map((e) =>
      SHORT_BREAKS.has(e.LS) ? { ...e, HOME_POST: null, PL_POST: null } : noHomePostcode ? { ...e, HOME_POST: null } : e,
    );
    if (episodes.length === 0) continue;

    const CHILD = child.reference;
    const DOB = child.dateOfBirth;
    const shortBreaksOnly = episodes.every((e) => SHORT_BREAKS.has(e.LS));
    const girl = child.sex === 'F' || child.sex === '2';
    const mother = child.isMother === true;
    const header: HeaderRow = {
      CHILD,
      SEX: child.sex,
      DOB,
      ETHNIC: child.ethnicity,
      UPN: child.upn,
      MOTHER: shortBreaksOnly ? null : mother ? '1' : girl ? '0' : null,
      MC_DOB: mother && !shortBreaksOnly ? (child.motherChildDob ?? null) : null,
    };
    children.push({ id: child.id, reference: CHILD });
    ret.header.push(header);
    for (const e of episodes) {
      ret.episodes.push(e);
      episodePlacementIds.push(placementOn(facts.placements, e.DECOM));
    }
    for (const problem of derived.problems) problems.push({ childId: child.id, problem });

    if (child.uasc === true && uascEnds(child) >= year.start) {
      const uasc: UascRow = { CHILD, SEX: child.sex, DOB, DUC: uascDuc(child, year) };
      ret.uasc.push(uasc);
    } else if (noHomePostcode) formerlyUasc.push(CHILD);
    const reviews = (reviewsOf.get(child.id) ?? []).filter((r) => r.eventDate >= year.start && r.eventDate <= year.end).sort((a, b) => byDate(a.eventDate, b.eventDate));
    for (const r of reviews) ret.reviews.push({ CHILD, DOB, REVIEW: r.eventDate, REVIEW_CODE: r.participationCode ?? '' } satisfies ReviewRow);
    const missing = (missingOf.get(child.id) ?? []).filter((m) => overlapsYear(m.startedOn, m.endedOn, year)).sort((a, b) => byDate(a.startedOn, b.startedOn));
    for (const m of missing) ret.missing.push({ CHILD, DOB, MISSING: m.kind, MIS_START: m.startedOn, MIS_END: endAsAt31March(m.endedOn, year) } satisfies MissingRow);
    ret.swEpisodes.push(...socialWorkerRows(CHILD, DOB, swOf.get(child.id) ?? [], year));
    const adoption = adoptionRowsInYear({ reference: CHILD, dateOfBirth: DOB }, adoptionsOf.get(child.id) ?? [], year);
    ret.placedAdoption!.push(...adoption.placedAdoption);
    ret.ad1!.push(...adoption.ad1);
  }
  ret.formerlyUasc = formerlyUasc;
  return { ret, children, episodePlacementIds, problems };
}

/**
 * A child's AD1 and PlacedAdoption rows for the year, from their court records (the rows themselves
 * are made by adoptionReturnRows, the one rule the court record page shows too): PlacedAdoption when
 * the decision that the child should be placed for adoption was made on or before 31 March; AD1 when
 * the adoption order was made in the year (1 April to 31 March). Later decisions are not yet known at
 * 31 March.
 */
export function adoptionRowsInYear(child: { reference: string; dateOfBirth: IsoDate }, adoptions: readonly AdoptionRecord[], year: CollectionYear): { placedAdoption: PlacedAdoptionRow[]; ad1: Ad1Row[] } {
  const placedAdoption: PlacedAdoptionRow[] = [];
  const ad1: Ad1Row[] = [];
  const sorted = [...adoptions].sort((a, b) => byDate(a.shouldBePlacedOn ?? '', b.shouldBePlacedOn ?? ''));
  for (const a of sorted) {
    const rows = adoptionReturnRows(child, a);
    if (rows.placedAdoption && rows.placedAdoption.DATE_PLACED <= year.end) placedAdoption.push(rows.placedAdoption);
    if (rows.ad1 && a.adoptionOrderOn && a.adoptionOrderOn >= year.start && a.adoptionOrderOn <= year.end) ad1.push(rows.ad1);
  }
  return { placedAdoption, ad1 };
}
