/**
 * Vacancies and matching. Places are derived on read from each household's terms of approval and
 * its placements (src/domain/matching/places.ts); matching gathers the facts for a placement request
 * and lets the pure domain (src/domain/matching) decide: hard constraints with every reason, then an
 * explained score. The households that fail a constraint the database can check (approval, kind,
 * skill level, ages, pets, places: src/domain/matching/prefilter.ts) are only counted, so that a
 * national register is not loaded whole; the domain checks the rest with every rule, reading in full
 * only the households that can still be among the best or be excluded (src/domain/matching/shortlist.ts).
 * Views are audited ('vacancy.listed', 'matching.viewed').
 *
 * The placement request is read straight from its table: its own service (placement-requests.ts)
 * is not needed to match.
 */
import { byHousehold, matchHousehold } from '../domain/matching/household-facts.ts';
import type { Db, DbOrTx } from '../data/db.ts';
import { fosteredIn } from '../domain/parent-and-child/arrangement.ts';
import { exemptionsOfHouseholds, householdsWithSupervisor, matchingStages, membersOfHouseholds, placementsInHouseholds } from '../data/repositories/households.ts';
import { adoptionApprovalsOfHouseholds } from '../data/repositories/early-permanence.ts';
import { childrenForMatching, siblingLinksTouching } from '../data/repositories/children.ts';
import { findPlacementRequest } from '../data/repositories/placement-requests.ts';
import { writeAudit } from '../audit/writer.ts';
import { ageOn, todayInEngland, type IsoDate } from '../domain/dates.ts';
import { carerNames, type PlacementKind } from '../domain/records/household.ts';
import { NEED_TAGS, type NeedTag, type RequestNeedsInput, type RequestStatus, type Urgency } from '../domain/records/placement-request.ts';
import {
  CONSTRAINT_CODES,
  DEMO_CENTROIDS,
  type ConstraintCode,
  evaluate,
  groupOf,
  placeCounts,
  placementDate,
  prefilterFor,
  PREFILTER_CODES,
  rankBest,
  type PrefilterCode,
  type Evaluation,
  type Factor,
  type MatchChild,
  type MatchContext,
  type MatchHousehold,
  type MatchRequest,
  type Reason,
} from '../domain/matching/index.ts';
import type { Ctx } from './context.ts';
import { arrangementForRequest } from './parent-and-child.ts';
import { NotFoundError, ValidationError } from './errors.ts';

export type VacancyFilter = {
  placementKind?: PlacementKind | undefined;
  /** Approved for a child of this age. */
  age?: number | undefined;
  /** At least this many places free (1 unless includeFull). */
  minPlaces?: number | undefined;
  /** Also list approved households with no place free. */
  includeFull?: boolean | undefined;
};

export type Vacancy = {
  householdId: string;
  reference: string;
  carers: string;
  town: string;
  postcode: string;
  approvedChildren: number;
  placed: number;
  placesFree: number;
  placementKinds: string[];
  ageMin: number;
  ageMax: number;
  skillLevel: number;
  supervisingSocialWorker: { id: string; name: string } | null;
};

/** A household as the matching page shows it. */
export type HouseholdSummary = Vacancy & { approvalStatus: string };

export type HouseholdMatch = {
  household: HouseholdSummary;
  eligible: boolean;
  score: number;
  factors: Factor[];
  reasons: Reason[];
};

export type RequestSummary = {
  id: string;
  reference: string;
  status: RequestStatus;
  urgency: Urgency | null;
  kind: PlacementKind;
  neededBy: IsoDate;
  /** The day the children would move in: the needed-by date, or today if that has passed. */
  placementDate: IsoDate;
  child: { id: string; reference: string; name: string; firstName: string; sex: 'M' | 'F' | 'U'; ageOnPlacementDate: number; homePostcode: string | null };
  siblings: { id: string; reference: string; name: string; ageOnPlacementDate: number }[];
  needs: Partial<RequestNeedsInput>;
};

/** Households shown of those that can be considered (the best scores), and of the nearest misses. */
export const MATCHES_SHOWN = 50;

/** Eligible households read and evaluated in full at a time, best ceiling first, until the best MATCHES_SHOWN are settled. */
const EVALUATED_AT_A_TIME = 2 * MATCHES_SHOWN;

export type MatchResult = {
  today: IsoDate;
  request: RequestSummary;
  /** The eligible households with the best scores, ranked: at most MATCHES_SHOWN. */
  eligible: HouseholdMatch[];
  /** How many households can be considered in all. */
  eligibleTotal: number;
  /** Households that pass the constraints checked in the database but fail another (the nearest misses), with every reason: at most MATCHES_SHOWN, fewest reasons first. */
  excluded: HouseholdMatch[];
  /** The others, counted under the first constraint checked in the database that they fail (in PREFILTER_CODES order; none with no household left out). */
  excludedFirst: { code: PrefilterCode; households: number }[];
  /** Every household excluded: those counted and the nearest misses. */
  excludedTotal: number;
  /**
   * Every household excluded counted once, by reason (in CONSTRAINT_CODES order): those left out in the
   * database under the first constraint checked there that they fail, the nearest misses under the first
   * of their reasons (firstConstraint), all of them, not only those shown.
   */
  excludedByReason: { code: ConstraintCode; households: number }[];
};

/** What another service (proposals) needs to re-check a household inside its own transaction. */
export type HouseholdEvaluation = {
  eligible: boolean;
  reasons: string[];
  /** The reasons from what the request says the child cannot live with (the rest are the placement gate's). */
  needReasons: string[];
  score: number;
  factors: { name: string; points: number; explanation: string }[];
};

export function createMatchingService(db: Db, opts: { today?: () => IsoDate; now?: () => Date } = {}) {
  const today = opts.today ?? (() => todayInEngland((opts.now ?? (() => new Date()))()));

  /** Approved households and their places today, filtered; audited 'vacancy.listed'. */
  async function vacancies(ctx: Ctx, filter: VacancyFilter = {}): Promise<{ today: IsoDate; items: HouseholdSummary[] }> {
    const day = today();
    return db.transaction(async (tx) => {
      const facts = await loadHouseholds(tx, { approvedOnly: true });
      const minPlaces = filter.minPlaces ?? (filter.includeFull ? 0 : 1);
      const items = facts
        .map((f) => summarise(f, day))
        .filter((v) => !filter.placementKind || v.placementKinds.includes(filter.placementKind))
        .filter((v) => filter.age === undefined || (v.ageMin <= filter.age && filter.age <= v.ageMax))
        .filter((v) => v.placesFree >= minPlaces)
        .sort((a, b) => b.placesFree - a.placesFree || (a.reference < b.reference ? -1 : 1));
      await writeAudit(tx, ctx, { action: 'vacancy.listed', subjectType: 'household', details: { filter, count: items.length, today: day } });
      return { today: day, items };
    });
  }

  /**
   * The households for the request: the database first counts out those failing the constraints it
   * can check (approval, kind, skill level, ages, pets, places: each counted under the first it fails),
   * then the domain evaluates the rest with every rule: eligible ones ranked with their factors,
   * excluded ones (the nearest misses) with every reason.
   */
  async function matchRequest(ctx: Ctx, requestId: string): Promise<MatchResult> {
    const day = today();
    return db.transaction(async (tx) => {
      const loaded = await loadRequest(tx, requestId);
      const stages = await matchingStages(tx, prefilterFor(loaded.request, day));
      // Only the households that can still be among the best or be excluded are read and evaluated in
      // full (src/domain/matching/shortlist.ts): the others are bounded from their own columns.
      const loadedById = new Map<string, LoadedHousehold>();
      const ranking = rankBest(loaded.request, stages.passed, { today: day, siblingLinks: [], centroids: DEMO_CENTROIDS }, MATCHES_SHOWN, EVALUATED_AT_A_TIME);
      let step = ranking.next();
      while (!step.done) {
        const batch = await loadHouseholds(tx, { ids: [...step.value] });
        for (const h of batch) loadedById.set(h.facts.id, h);
        const matchCtx = await contextFor(tx, loaded.request, batch, day);
        step = ranking.next(batch.map((h) => evaluate(loaded.request, h.facts, matchCtx)));
      }
      const best = step.value;
      const date = placementDate(loaded.request, day);
      const present = (e: Evaluation): HouseholdMatch => ({
        // Places free as matching counts them (the children's own planned placements there left out).
        household: { ...summarise(loadedById.get(e.householdId)!, date), placesFree: e.placesFree },
        eligible: e.eligible,
        score: e.score,
        factors: e.factors,
        reasons: e.reasons,
      });
      const excludedFirst = PREFILTER_CODES.flatMap((code) => {
        const n = stages.stopped.find((s) => s.stage === code)?.households ?? 0;
        return n ? [{ code, households: n }] : [];
      });
      const excludedTotal = best.excludedTotal + excludedFirst.reduce((sum, e) => sum + e.households, 0);
      const byReason = new Map<ConstraintCode, number>(excludedFirst.map((e) => [e.code, e.households]));
      for (const [code, n] of best.excludedByFirstReason) byReason.set(code, (byReason.get(code) ?? 0) + n);
      const excludedByReason = CONSTRAINT_CODES.flatMap((code) => (byReason.get(code) ? [{ code, households: byReason.get(code)! }] : []));
      const result: MatchResult = {
        today: day,
        request: summaryOf(loaded, date),
        eligible: best.eligible.map(present),
        eligibleTotal: best.eligibleTotal,
        excluded: best.excluded.map(present),
        excludedFirst,
        excludedTotal,
        excludedByReason,
      };
      await writeAudit(tx, ctx, {
        action: 'matching.viewed',
        subjectType: 'request',
        subjectId: requestId,
        childIds: groupOf(loaded.request).map((c) => c.id),
        details: {
          placementDate: date,
          eligible: result.eligible.map((e) => e.household.reference),
          ...(best.eligibleTotal > MATCHES_SHOWN ? { eligibleTotal: best.eligibleTotal } : {}),
          excluded: excludedTotal,
        },
      });
      return result;
    });
  }

  /**
   * One household's places today as matching counts them: approved for (with any exemption), taken
   * by foster children, free (none unless approved). Its page's view is the audited read.
   */
  async function placesOf(householdId: string): Promise<{ approvedChildren: number; placed: number; placesFree: number } | null> {
    const day = today();
    return db.transaction(async (tx) => {
      const [loaded] = await loadHouseholds(tx, { ids: [householdId] });
      if (!loaded) return null;
      const { approvedChildren, placed, placesFree } = summarise(loaded, day);
      return { approvedChildren, placed, placesFree };
    });
  }

  return { vacancies, matchRequest, placesOf, today };
}

/**
 * Re-check one household for a request inside the caller's transaction (the proposals service does
 * before considering, proposing and confirming). Not audited here: the caller audits its own step.
 */
export async function evaluateHousehold(tx: DbOrTx, requestId: string, householdId: string, today: IsoDate): Promise<HouseholdEvaluation> {
  const loaded = await loadRequest(tx, requestId);
  const [h] = await loadHouseholds(tx, { ids: [householdId] });
  if (!h) throw new NotFoundError('Household');
  const e = evaluate(loaded.request, h.facts, await contextFor(tx, loaded.request, [h], today));
  return {
    eligible: e.eligible,
    reasons: e.reasons.map((r) => r.message),
    needReasons: e.reasons.filter((r) => NEED_CODES.has(r.code)).map((r) => r.message),
    score: e.score,
    factors: e.factors.map((f) => ({ name: f.name, points: f.points, explanation: f.explanation })),
  };
}

/** Hard constraints from the request's needs, not from the law or the terms of approval. */
const NEED_CODES: ReadonlySet<string> = new Set(['no-other-children', 'no-pets']);

/** One household as the placement gate sees it (terms, placements ended ones included, exemptions, residents), inside the caller's transaction. */
export async function householdFacts(tx: DbOrTx, householdId: string): Promise<MatchHousehold> {
  const [h] = await loadHouseholds(tx, { ids: [householdId], withEnded: true });
  if (!h) throw new NotFoundError('Household');
  return h.facts;
}

/** Recorded sibling links touching any of these children (either direction). */
export async function siblingLinksOf(tx: DbOrTx, childIds: readonly string[]): Promise<{ childId: string; siblingId: string }[]> {
  const ids = [...new Set(childIds)];
  if (!ids.length) return [];
  return siblingLinksTouching(tx, ids);
}

// ---------------------------------------------------------------------------------------------
// Gathering the facts
// ---------------------------------------------------------------------------------------------

type ChildRow = { id: string; reference: string; firstName: string; lastName: string; dateOfBirth: IsoDate; sex: 'M' | 'F' | 'U'; homePostcode: string | null };

type LoadedRequest = {
  id: string;
  reference: string;
  status: RequestStatus;
  urgency: Urgency | null;
  request: MatchRequest;
  child: ChildRow;
  siblings: ChildRow[];
};

type LoadedHousehold = {
  facts: MatchHousehold;
  carers: string;
  town: string;
  sswId: string | null;
  sswName: string | null;
};

const asMatchChild = (c: ChildRow): MatchChild => ({ id: c.id, firstName: c.firstName, dateOfBirth: c.dateOfBirth, sex: c.sex, homePostcode: c.homePostcode });

async function loadRequest(tx: DbOrTx, requestId: string): Promise<LoadedRequest> {
  const row = await findPlacementRequest(tx, requestId);
  if (!row) throw new NotFoundError('Placement request');
  if (row.status === 'draft') {
    throw new ValidationError([{ field: 'status', message: 'This request is still a draft: households can be matched once it has been submitted' }]);
  }
  const missing = [
    ...(row.kind ? [] : [{ field: 'kind', message: 'The request does not say what kind of placement is needed' }]),
    ...(row.neededBy ? [] : [{ field: 'neededBy', message: 'The request does not say when the placement is needed by' }]),
  ];
  if (missing.length || !row.kind || !row.neededBy) throw new ValidationError(missing);
  const ids = [row.childId, ...row.siblingIds.filter((s) => s !== row.childId)];
  const rows = await childrenForMatching(tx, ids);
  const main = rows.find((c) => c.id === row.childId);
  if (!main) throw new NotFoundError('Child');
  const siblings = row.siblingIds.map((id) => rows.find((c) => c.id === id)).filter((c): c is ChildRow => c !== undefined && c.id !== main.id);
  // A parent-and-child request whose children are in an arrangement: a child placed with their parent
  // takes no place, and a parent in care arriving with them takes one (counted as the gate will).
  const pc = row.kind === 'parent_and_child' ? await arrangementForRequest(tx, row.id, [main.id, ...siblings.map((c) => c.id)]) : null;
  const parentAndChild = pc ? { notFostered: [...pc.fostered].flatMap(([id, fostered]) => (fostered ? [] : [id])), arriving: pc.arriving } : null;
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    urgency: row.urgency,
    child: main,
    siblings,
    request: { kind: row.kind, neededBy: row.neededBy, child: asMatchChild(main), siblings: siblings.map(asMatchChild), needs: needsOf(row.needs), ...(parentAndChild ? { parentAndChild } : {}) },
  };
}

/** The needs matching uses, read tolerantly from the request's JSON (a draft saved page by page). */
function needsOf(raw: Record<string, unknown>): Partial<RequestNeedsInput> {
  const text = (k: string) => {
    const v = raw[k];
    return typeof v === 'string' && v.trim() ? v.trim() : null;
  };
  const yes = (k: string) => raw[k] === true || raw[k] === 'true';
  const tags = Array.isArray(raw.needTags) ? raw.needTags.filter((t): t is NeedTag => typeof t === 'string' && t in NEED_TAGS) : [];
  return {
    needTags: tags,
    needsAccessibleHome: yes('needsAccessibleHome'),
    school: text('school'),
    schoolPostcode: text('schoolPostcode'),
    keepSchool: yes('keepSchool'),
    firstLanguage: text('firstLanguage'),
    religion: text('religion'),
    noYoungerChildren: yes('noYoungerChildren'),
    noOtherChildren: yes('noOtherChildren'),
    noPets: yes('noPets'),
  };
}

/**
 * `withEnded`: ended placements count too, as the active placements they were until their end date
 * (the gate may look at a day in the past, when a placement now ended was still running).
 */
async function loadHouseholds(tx: DbOrTx, opts: { ids?: string[]; approvedOnly?: boolean; withEnded?: boolean }): Promise<LoadedHousehold[]> {
  const rows = await householdsWithSupervisor(tx, opts);
  if (!rows.length) return [];
  const ids = rows.map((r) => r.h.id);
  // One query at a time: a transaction is one connection, and pg does not run queries on it in parallel.
  const placements = await placementsInHouseholds(tx, ids, opts.withEnded ? ['active', 'planned', 'ended'] : ['active', 'planned'])
    .then((rows) =>
      rows.map(({ arrangementScenario, arrangementRole, ...r }) => ({
        ...r,
        status: r.status === 'ended' ? ('active' as const) : r.status,
        fostered: arrangementScenario && arrangementRole ? fosteredIn(arrangementScenario, arrangementRole) : true,
      })),
    );
  const exemptions = await exemptionsOfHouseholds(tx, ids);
  const members = await membersOfHouseholds(tx, ids);
  const approvals = await adoptionApprovalsOfHouseholds(tx, ids);
  const approvalsBy = byHousehold(approvals);
  const placementsBy = byHousehold(placements);
  const exemptionsBy = byHousehold(exemptions);
  const membersBy = byHousehold(members);
  return rows.map(({ h, sswName }) => {
    const people = membersBy.get(h.id) ?? [];
    return {
      carers: carerNames(people.filter((p) => p.kind === 'carer')),
      town: h.town,
      sswId: h.supervisingSocialWorkerId,
      sswName,
      facts: matchHousehold(h, { placements: placementsBy.get(h.id) ?? [], exemptions: exemptionsBy.get(h.id) ?? [], members: people, adoptionApprovals: approvalsBy.get(h.id) ?? [] }),
    };
  });
}

/** Sibling links touching the children to be placed or the children placed in these households. */
async function contextFor(tx: DbOrTx, request: MatchRequest, households: readonly LoadedHousehold[], today: IsoDate): Promise<MatchContext> {
  const ids = [...groupOf(request).map((c) => c.id), ...households.flatMap((h) => h.facts.placements.map((p) => p.childId))];
  return { today, siblingLinks: await siblingLinksOf(tx, ids), centroids: DEMO_CENTROIDS };
}

function summarise(h: LoadedHousehold, date: IsoDate): HouseholdSummary {
  const f = h.facts;
  const counts = placeCounts(f, f.placements, date);
  return {
    householdId: f.id,
    reference: f.reference,
    carers: h.carers,
    town: h.town,
    postcode: f.postcode,
    approvalStatus: f.approvalStatus,
    approvedChildren: counts.approved,
    placed: counts.placed,
    placesFree: f.approvalStatus === 'approved' ? counts.free : 0,
    placementKinds: [...f.placementKinds],
    ageMin: f.ageMin,
    ageMax: f.ageMax,
    skillLevel: f.skillLevel,
    supervisingSocialWorker: h.sswId && h.sswName ? { id: h.sswId, name: h.sswName } : null,
  };
}

function summaryOf(r: LoadedRequest, date: IsoDate): RequestSummary {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    urgency: r.urgency,
    kind: r.request.kind,
    neededBy: r.request.neededBy,
    placementDate: date,
    child: {
      id: r.child.id,
      reference: r.child.reference,
      name: `${r.child.firstName} ${r.child.lastName}`,
      firstName: r.child.firstName,
      sex: r.child.sex,
      ageOnPlacementDate: ageOn(r.child.dateOfBirth, date),
      homePostcode: r.child.homePostcode,
    },
    siblings: r.siblings.map((s) => ({ id: s.id, reference: s.reference, name: `${s.firstName} ${s.lastName}`, ageOnPlacementDate: ageOn(s.dateOfBirth, date) })),
    needs: r.request.needs,
  };
}
