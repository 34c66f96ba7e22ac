/**
 * The loader: the demo authority goes into the database with its recorded events, what its carers
 * offer and its placement requests; the obligations derived from the rows read back are those
 * derived from the generated data, and the services see the requests as the generator made them.
 * Runs on PGlite, or on PostgreSQL with TEST_DATABASE_URL.
 */
import { concurrentPlanningDemoFrom } from '../src/demo/concurrent-planning.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { freshDatabase } from './helpers.ts';
import { queryRows } from '../src/data/db.ts';
import { child, childEvent, household, householdEvent, householdMember, legalStatus, placement, placementRequest, placementRequestStatus, sufficiencySearch } from '../src/data/schema.ts';
import { englandAndWales } from '../src/domain/calendar/index.ts';
import { childFacts, householdFacts, type PlacementRecord } from '../src/domain/deadlines/facts.ts';
import { deriveHouseholdObligations, deriveObligations, status, type HouseholdFacts, type ObligationInstance } from '../src/domain/deadlines/index.ts';
import { DEMO_CENTROIDS, rank } from '../src/domain/matching/index.ts';
import { generateDemoData } from '../src/demo/generate.ts';
import { loadDemoData } from '../src/demo/load.ts';
import { planningRecordsFrom } from '../src/demo/planning.ts';
import { earlyPermanenceRecordsFrom } from '../src/demo/early-permanence.ts';
import { stabilityRecordsFrom } from '../src/demo/stability.ts';
import { parentAndChildRecordsFrom } from '../src/demo/parent-and-child-reviews.ts';
import { matchChild, matchHouseholds } from '../src/demo/requests.ts';
import { createMatchingService } from '../src/services/matching.ts';
import { OpenRequestError, createPlacementRequestService } from '../src/services/placement-requests.ts';
import { groupBy } from '../src/domain/collections.ts';

const TODAY = '2026-11-20';


/**
 * A row read back, as the generator's object: its fields only (later migrations may add columns
 * the generator does not fill), timestamps as ISO strings.
 */
function asLoaded(row: object, generated: object): Record<string, unknown> {
  const values = row as Record<string, unknown>;
  return Object.fromEntries(Object.keys(generated).map((k) => [k, values[k] instanceof Date ? (values[k] as Date).toISOString() : values[k]]));
}

/** Every obligation id with its due date, completion and status on TODAY. */
function obligations(rows: {
  children: readonly { id: string; dateOfBirth: string; courtCarePlan: boolean }[];
  legalStatuses: readonly { childId: string; code: string; startDate: string; endDate: string | null }[];
  placements: readonly PlacementRecord[];
  childEvents: readonly { id: string; childId: string; kind: string; eventDate: string; placementId: string | null; aboutChildId: string | null; periodEndsOn: string | null }[];
  households: readonly { id: string; approvalStatus: string; approvalDate: string | null }[];
  householdEvents: readonly { id: string; householdId: string; kind: string; eventDate: string; placementId: string | null }[];
}): string[] {
  const statuses = groupBy(rows.legalStatuses, (s) => s.childId);
  const placements = groupBy(rows.placements, (p) => p.childId);
  const byHousehold = groupBy(rows.placements, (p) => p.householdId);
  const childEvents = groupBy(rows.childEvents, (e) => e.childId);
  const householdEvents = groupBy(rows.householdEvents, (e) => e.householdId);
  const out: string[] = [];
  const line = (i: ObligationInstance) => `${i.id} ${i.dueOn} ${i.completedOn ?? '-'} ${status(i, TODAY, englandAndWales)}`;
  for (const c of rows.children) {
    const facts = childFacts({
      child: c,
      legalStatuses: statuses.get(c.id) ?? [],
      placements: placements.get(c.id) ?? [],
      events: childEvents.get(c.id) ?? [],
      householdPlacements: (id) => byHousehold.get(id) ?? [],
    });
    for (const i of deriveObligations(facts, englandAndWales)) out.push(line(i));
  }
  for (const h of rows.households) {
    const facts = householdFacts({
      household: { id: h.id, approvalStatus: h.approvalStatus as HouseholdFacts['approvalStatus'], approvalDate: h.approvalDate },
      placements: byHousehold.get(h.id) ?? [],
      events: householdEvents.get(h.id) ?? [],
    });
    for (const i of deriveHouseholdObligations(facts, englandAndWales)) out.push(line(i));
  }
  return out.sort();
}

test('the demo authority loads with its recorded events; the obligations read back are those of the generated data', async () => {
  const database = await freshDatabase();
  try {
    const summary = await loadDemoData(database.db, { children: 60, today: TODAY, seed: 3 });
    // The loader adds the concurrent planning children (src/demo/concurrent-planning.ts) to the generated authority.
    const made = concurrentPlanningDemoFrom(generateDemoData({ children: 60, seed: 3, today: TODAY })).data;
    // The loader adds the concerns and meetings of placement stability (src/demo/stability.ts) to the recorded events.
    const stability = stabilityRecordsFrom(made, planningRecordsFrom(made));
    // …and the early permanence records (src/demo/early-permanence.ts): adoption in a plan, a decision.
    const permanence = earlyPermanenceRecordsFrom(made);
    assert.ok(permanence.events.some((e) => e.kind === 'adoption_in_plan') && permanence.decisions.length === 1);
    // Each concurrent planning child's referral, placed and linked to the placement it led to, three weeks before it.
    const placedReferrals = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from cp_referral r join placement p on p.id = r.placement_id where r.status = 'placed' and r.referral_date = p.start_date - 21`);
    assert.equal(placedReferrals[0]?.n, 3);
    // And its parent-and-child assessments, with their own household and people (src/demo/parent-and-child-reviews.ts).
    const pc = parentAndChildRecordsFrom(made);
    const generated = {
      ...made,
      childEvents: [...made.childEvents, ...stability.events, ...pc.events, ...permanence.events],
      children: [...made.children, ...pc.children],
      legalStatuses: [...made.legalStatuses, ...pc.legalStatuses],
      placements: [...made.placements, ...pc.placements],
      households: [...made.households, ...pc.households],
      householdMembers: [...made.householdMembers, ...pc.householdMembers],
      placementRequests: [...made.placementRequests, ...pc.placementRequests],
      placementRequestStatuses: [...made.placementRequestStatuses, ...pc.placementRequestStatuses],
    };
    assert.equal(summary.childEvents, generated.childEvents.length);
    assert.equal(summary.householdEvents, generated.householdEvents.length);
    assert.ok(summary.childEvents > 1000 && summary.householdEvents > 50);

    const db = database.db;
    const loaded = {
      children: await db.select().from(child),
      legalStatuses: await db.select().from(legalStatus),
      placements: await db.select().from(placement),
      childEvents: await db.select().from(childEvent),
      households: await db.select().from(household),
      householdEvents: await db.select().from(householdEvent),
    };
    assert.equal(loaded.childEvents.length, generated.childEvents.length);
    const first = generated.childEvents[0];
    const row = loaded.childEvents.find((e) => e.id === first?.id);
    assert.ok(first && row);
    assert.deepEqual(asLoaded(row, first), first, 'every generated column as generated');
    assert.equal(row.version, 1);
    assert.ok(loaded.children.some((c) => c.iroId !== null) && loaded.children.some((c) => c.courtCarePlan));
    assert.ok(loaded.placements.some((p) => p.emergency) && loaded.placements.every((p) => p.kind !== null));

    const fromDatabase = obligations(loaded);
    assert.ok(fromDatabase.length > 2000);
    assert.deepEqual(fromDatabase, obligations(generated));

    // What the carers offer and their e-mail addresses, every column as generated.
    const profile = (h: { id: string; languages: string[]; faith: string | null; experience: string[]; preferences: string[]; pets: boolean; accessibleHome: boolean }) => ({
      id: h.id,
      languages: h.languages,
      faith: h.faith,
      experience: h.experience,
      preferences: h.preferences,
      pets: h.pets,
      accessibleHome: h.accessibleHome,
    });
    const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    assert.deepEqual(byId(loaded.households).map(profile), byId(generated.households).map(profile));
    assert.ok(loaded.households.some((h) => h.languages.length > 1) && loaded.households.some((h) => h.faith !== null));
    assert.ok(loaded.households.some((h) => h.preferences.length > 0) && loaded.households.every((h) => h.experience.length > 0));
    const members = await db.select().from(householdMember);
    assert.deepEqual(
      byId(members).map((m) => [m.id, m.email]),
      byId(generated.householdMembers).map((m) => [m.id, m.email]),
    );
    assert.ok(members.filter((m) => m.email !== null).length > 40);

    // Placement requests and their status history, every column as generated.
    // (Besides them, the parent-and-child request of the search outside the area: src/demo/money.ts.)
    const generatedIds = new Set(generated.placementRequests.map((q) => q.id));
    const requests = (await db.select().from(placementRequest)).filter((q) => generatedIds.has(q.id));
    const history = (await db.select().from(placementRequestStatus)).filter((h) => generatedIds.has(h.requestId));
    assert.equal(summary.placementRequests, generated.placementRequests.length);
    assert.equal(requests.length, 7 + pc.placementRequests.length);
    assert.deepEqual(
      byId(requests).map((q, i) => asLoaded(q, byId(generated.placementRequests)[i] ?? {})),
      byId(generated.placementRequests),
    );
    assert.deepEqual(
      byId(history).map((h, i) => asLoaded(h, byId(generated.placementRequestStatuses)[i] ?? {})),
      byId(generated.placementRequestStatuses),
    );

    // The services see them as the generator made them. Matching a request being matched finds the
    // households the domain finds on the generated data.
    const ctx = { actor: null };
    const matching = createMatchingService(db, { today: () => TODAY });
    const childById = new Map(generated.children.map((c) => [c.id, c]));
    const facts = matchHouseholds(generated);
    for (const q of generated.placementRequests.filter((x) => x.status === 'matching')) {
      const result = await matching.matchRequest(ctx, q.id);
      assert.ok(result.eligible.length >= 1, `${q.reference}: households to consider`);
      const expected = rank(
        { kind: q.kind!, neededBy: q.neededBy!, child: matchChild(childById.get(q.childId)!), siblings: q.siblingIds.map((id) => matchChild(childById.get(id)!)), needs: q.needs },
        facts,
        { today: TODAY, siblingLinks: generated.siblingLinks, centroids: DEMO_CENTROIDS },
      );
      assert.deepEqual(
        result.eligible.map((e) => [e.household.reference, e.score]),
        expected.eligible.map((e) => [e.reference, e.score]),
      );
    }
    // A child with an open request cannot be given another; a new request takes the next reference.
    const requestsService = createPlacementRequestService(db, { today: () => TODAY });
    const draft = generated.placementRequests.find((q) => q.status === 'draft');
    assert.ok(draft);
    const view = await requestsService.get(ctx, draft.id);
    assert.equal(view.history.length, 1);
    assert.ok(view.missing.length > 0, 'a draft still has questions to answer');
    await assert.rejects(requestsService.create(ctx, draft.childId), (e: unknown) => e instanceof OpenRequestError);
    const named = new Set(generated.placementRequests.flatMap((q) => [q.childId, ...q.siblingIds]));
    const other = generated.children.find((c) => c.responsibleAuthorityId === generated.homeAuthorityId && !named.has(c.id));
    assert.ok(other);
    const created = await requestsService.create(ctx, other.id);
    assert.equal(created.reference, `PR${String(generated.placementRequests.length + 2).padStart(5, '0')}`);

    // A reset empties the event and request tables too (the request started above included).
    const again = await loadDemoData(database.db, { children: 20, today: TODAY, seed: 4, reset: true });
    const regeneratedData = concurrentPlanningDemoFrom(generateDemoData({ children: 20, seed: 4, today: TODAY })).data;
    const pcAgain = parentAndChildRecordsFrom(regeneratedData);
    const regenerated = {
      ...regeneratedData,
      householdMembers: [...regeneratedData.householdMembers, ...pcAgain.householdMembers],
      placementRequests: [...regeneratedData.placementRequests, ...pcAgain.placementRequests],
      placementRequestStatuses: [...regeneratedData.placementRequestStatuses, ...pcAgain.placementRequestStatuses],
    };
    const [counts] = await queryRows<{ events: number; reviews: number; requests: number; statuses: number; emails: number }>(
      db,
      sql`select (select count(*) from child_event)::int as events, (select count(*) from household_event)::int as reviews,
                 (select count(*) from placement_request where id not in (select placement_request_id from sufficiency_search))::int as requests,
                 (select count(*) from placement_request_status where request_id not in (select placement_request_id from sufficiency_search))::int as statuses,
                 (select count(*) from household_member where email is not null)::int as emails`,
    );
    assert.deepEqual(counts, {
      events: again.childEvents,
      reviews: again.householdEvents,
      requests: again.placementRequests,
      statuses: regenerated.placementRequestStatuses.length,
      emails: regenerated.householdMembers.filter((m) => m.email !== null).length,
    });
    // (Not counting the parent-and-child request searched for outside the area: src/demo/money.ts.)
    const searched = new Set((await db.select({ id: sufficiencySearch.placementRequestId }).from(sufficiencySearch)).map((x) => x.id));
    const left = (await db.select({ id: placementRequest.id }).from(placementRequest)).filter((q) => !searched.has(q.id));
    assert.deepEqual(left.map((q) => q.id).sort(), regenerated.placementRequests.map((q) => q.id).sort(), 'only the new authority’s requests');
  } finally {
    await database.close();
  }
});
