/**
 * Early permanence through the services and the API: the duty to consider a placement with
 * dual-approved carers as an obligation with its recorded decision (and on the compliance
 * dashboard), a household's adoption approval with dual approval derived, its early permanence
 * facts and journey, and an early enquiry and a referral to a concurrent planning service.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { apiCaller, approvedHousehold, problemsOf, childInserter, clientsFor, testWorld, tokenFor, type TestWorld } from './helpers.ts';
import { adoptionApproval, auditEvent, child, household, legalStatus, organisation, placement } from '../src/data/schema.ts';
import type { Role } from '../src/domain/access/index.ts';
import type { Actor } from '../src/services/context.ts';
import { ForbiddenError, StaleRecordError } from '../src/services/errors.ts';
import { paths } from '../src/http/paths.ts';

// Wednesday 25 November 2026.
const TODAY = '2026-11-25';

let w: TestWorld;
let token = '';
let agencyId = '';
const ctx = (role: Role): { actor: Actor } => ({ actor: w.users[role] });
const api = apiCaller(() => w.app, () => token);
const as = clientsFor(() => w.app);
const insertChild = childInserter(() => w, (n) => ({ reference: `EP${n}`, firstName: `Early${n}`, lastName: 'Test', dateOfBirth: '2026-03-01' }));

async function lookedAfter(dateOfBirth = '2026-03-01') {
  const c = await insertChild({ dateOfBirth });
  await w.database.db.insert(legalStatus).values({ childId: c.id, code: 'C1', startDate: '2026-10-01' });
  return c.id;
}

const auditOf = async (action: string) => w.database.db.select().from(auditEvent).where(eq(auditEvent.action, action));

const yes = (evidence: string) => ({ answer: 'yes', evidence });
const CRITERIA = {
  interim_care_order: yes('Interim care order made on 2 October 2026'),
  no_extended_family: yes('Viability assessments of both grandmothers negative'),
  older_siblings_adopters: { answer: 'not_applicable', evidence: 'No older siblings' },
  rehabilitation_considered: yes('Parenting assessment under way; adoption likely'),
};

before(async () => {
  w = await testWorld({ today: TODAY });
  token = await tokenFor(w, 'social_worker');
  const [a] = await w.database.db.insert(organisation).values({ kind: 'adoption_agency', name: 'Testshire Adoption Partnership' }).returning();
  agencyId = a!.id;
});
after(async () => w.close());

async function duty(childId: string) {
  const list = await w.services.obligations.list(ctx('team_manager'), { childId });
  return list.items.filter((o) => o.obligationId === 'early-permanence-consideration').map((o) => [o.startedOn, o.dueOn, o.completedOn, o.status]);
}

test('adoption in the plan starts the duty, due 10 working days later; the recorded decision completes it; the dashboard counts it', async () => {
  const childId = await lookedAfter();
  const s = w.services.earlyPermanence;
  assert.deepEqual(await duty(childId), []);
  assert.deepEqual(await problemsOf(s.recordDecision(ctx('social_worker'), childId, { decidedOn: '2026-11-20', decidedByName: 'Sam Manager', decidedByRole: 'Team manager', outcome: 'neither', reasons: 'Too early' })), [
    "form: Record first that adoption is, or may become, the child's plan: the duty applies from then",
  ]);
  await s.recordAdoptionInPlan(ctx('social_worker'), childId, { inPlanOn: '2026-11-16', note: 'Care planning meeting: adoption may become the plan' });
  // Mon 16 Nov + 10 working days = Mon 30 Nov 2026.
  assert.deepEqual(await duty(childId), [['2026-11-16', '2026-11-30', null, 'due_soon']]);

  // The decision: every field needed, not in the future, not before adoption came into the plan.
  assert.deepEqual(await problemsOf(s.recordDecision(ctx('social_worker'), childId, {})), [
    'decidedOn: Enter the date of the decision',
    'decidedByName: Enter who made the decision',
    "decidedByRole: Enter the decision-maker's role",
    'outcome: Select the outcome',
    'reasons: Enter the reasons',
  ]);
  const decision = { decidedOn: '2026-11-24', decidedByName: 'Sam Manager', decidedByRole: 'Team manager', outcome: 'concurrent_planning', reasons: 'No connected carers; return home being assessed; adoption likely' };
  assert.deepEqual(await problemsOf(s.recordDecision(ctx('social_worker'), childId, { ...decision, decidedOn: '2026-11-26' })), ['decidedOn: The date must be today or in the past']);
  assert.deepEqual(await problemsOf(s.recordDecision(ctx('social_worker'), childId, { ...decision, decidedOn: '2026-11-13' })), ['decidedOn: The decision is made on or after the day adoption came into the plan']);
  await assert.rejects(s.recordDecision(ctx('supervising_social_worker'), childId, decision), ForbiddenError);
  const d = await s.recordDecision(ctx('social_worker'), childId, decision);
  assert.equal(d.outcome, 'concurrent_planning');
  assert.deepEqual(await duty(childId), [['2026-11-16', '2026-11-30', '2026-11-24', 'completed_on_time']]);

  const dashboard = await w.services.obligations.dashboard(ctx('team_manager'), { from: '2026-11-01', to: '2026-12-31', obligationId: 'early-permanence-consideration' });
  const group = dashboard.byObligation.find((g) => g.key === 'early-permanence-consideration');
  assert.ok(group, 'the dashboard counts the obligation');
  assert.ok(group.onTime >= 1, 'the decision recorded in time counts as on time');

  // Audited, naming the child; the view too.
  const recorded = (await auditOf('permanence.decision.recorded')).filter((a) => a.subjectId === childId);
  assert.equal(recorded.length, 1);
  const view = await s.ofChild(ctx('iro'), childId);
  assert.deepEqual(view.decisions.map((x) => x.reasons), [decision.reasons]);
  assert.equal((await auditOf('permanence.viewed')).filter((a) => a.subjectId === childId).length, 1);
});

test('the decision event cannot be recorded on its own through the general form: it needs who decided, the outcome and the reasons', async () => {
  const childId = await lookedAfter();
  await assert.rejects(w.services.obligations.recordChildEvent(ctx('social_worker'), childId, { kind: 'early_permanence_considered', eventDate: '2026-11-20', evidence: 'x' }), ForbiddenError);
});

test('a household: dual approval derived from the adoption approval and the fostering approval, both current on the day; the facts and journey recorded; stale versions refused', async () => {
  const householdId = await approvedHousehold(w, { reference: 'HEP1', addressLine1: '1 Permanence Place' });
  const s = w.services.earlyPermanence;
  const po = ctx('placement_officer');
  assert.equal((await s.ofHousehold(po, householdId)).dualApproved, false);
  assert.deepEqual(await problemsOf(s.addAdoptionApproval(po, householdId, { status: 'approved', panelDate: '2026-06-10' })), ["decisionDate: Enter the agency decision-maker's decision date"]);
  assert.deepEqual(await problemsOf(s.addAdoptionApproval(po, householdId, { status: 'approved', panelDate: '2026-06-10', decisionDate: '2026-06-01' })), ['decisionDate: The decision comes on or after the panel']);
  assert.deepEqual(await problemsOf(s.addAdoptionApproval(po, householdId, { status: 'approved', decisionDate: '2026-06-20', agencyId: householdId })), [
    'agencyId: Select the adoption agency or local authority that approved them',
  ]);
  const a = await s.addAdoptionApproval(po, householdId, { status: 'approved', panelDate: '2026-06-10', decisionDate: '2026-06-20', agencyId, reviewDate: '2027-06-20' });
  assert.equal((await s.ofHousehold(po, householdId)).dualApproved, true);
  assert.equal((await s.ofHousehold(po, householdId, '2026-06-19')).dualApproved, false, 'not before the decision');

  // On hold from 1 November: dual approval stops that day.
  await s.updateAdoptionApproval(po, householdId, a.id, { status: 'on_hold', panelDate: '2026-06-10', decisionDate: '2026-06-20', endedOn: '2026-11-01', agencyId, version: 1 });
  assert.equal((await s.ofHousehold(po, householdId, '2026-10-31')).dualApproved, true);
  assert.equal((await s.ofHousehold(po, householdId)).dualApproved, false);
  await assert.rejects(s.updateAdoptionApproval(po, householdId, a.id, { status: 'approved', decisionDate: '2026-06-20', version: 1 }), StaleRecordError);

  const { household: h } = await s.ofHousehold(po, householdId);
  await s.updateHouseholdFacts(po, householdId, { fullTimeCarer: true, returnAgreementSignedOn: '2026-07-01', cpSocialWorker: 'Avery Lund', cpSupportGroup: 'Monthly group', cpHelpline: '0300 000 0000', version: h.version });
  await assert.rejects(s.updateHouseholdFacts(po, householdId, { fullTimeCarer: false, version: h.version }), StaleRecordError);
  await s.addJourneySession(po, householdId, { kind: 'preparation', heldOn: '2026-03-02', title: 'Preparation day 1', attended: 'Both carers' });
  assert.deepEqual(await problemsOf(s.addJourneySession(po, householdId, { kind: 'training', heldOn: '2026-12-01', title: 'Attachment', attended: 'Both carers' })), ['heldOn: The date must be today or in the past']);
  const after = await s.ofHousehold(po, householdId);
  assert.equal(after.household.fullTimeCarer, true);
  assert.equal(after.household.cpHelpline, '0300 000 0000');
  assert.deepEqual(after.journey.map((j) => [j.kind, j.heldOn, j.attended]), [['preparation', '2026-03-02', 'Both carers']]);
  await assert.rejects(s.addJourneySession(ctx('social_worker'), householdId, { kind: 'preparation', heldOn: '2026-03-02', title: 'x', attended: 'y' }), ForbiddenError);
  for (const action of ['adoption-approval.added', 'adoption-approval.updated', 'household.early-permanence.updated', 'carer-journey.recorded']) {
    assert.ok((await auditOf(action)).some((r) => r.subjectId === householdId), action);
  }
});

test('an early enquiry, then a referral: criteria answered with evidence, the age worked out, sent only when met or an exception with its reason; accepted, carers identified, placed', async () => {
  const s = w.services.earlyPermanence;
  const sw = ctx('social_worker');
  const enquiry = await s.createEnquiry(sw, { expectedBirthDate: '2027-01-10', siblings: 'One older sister, adopted', circumstances: 'Pre-birth assessment', serviceId: agencyId });
  assert.equal(enquiry.status, 'enquiry');
  assert.match(enquiry.reference, /^CP\d{5}$/);
  const householdId = await approvedHousehold(w, { reference: 'HEP2', addressLine1: '2 Permanence Place' });
  await s.shortlist(sw, enquiry.id, { householdId, shortlistedOn: '2026-11-20' });
  assert.deepEqual(await problemsOf(s.shortlist(sw, enquiry.id, { householdId, shortlistedOn: '2026-11-21' })), ['householdId: These carers are already shortlisted']);

  // The baby is born and identified: the enquiry becomes a draft referral.
  const childId = await lookedAfter('2026-11-01');
  await s.updateReferral(sw, enquiry.id, 1, { childId, serviceId: agencyId, referralDate: '2026-11-23', criteria: { interim_care_order: CRITERIA.interim_care_order } });
  let view = await s.getReferral(sw, enquiry.id);
  assert.equal(view.referral.status, 'draft');
  assert.equal(view.check?.ageOnReferral, 0);
  assert.deepEqual(view.next, ['sent', 'closed']);
  // Not sent while criteria are unanswered: every problem is said.
  assert.deepEqual(await problemsOf(s.moveReferral(sw, enquiry.id, { status: 'sent', on: '2026-11-23', version: 2 })), [
    'criteria.no_extended_family: Answer: viability assessments indicate that no extended family members are available',
    'criteria.older_siblings_adopters: Answer: if older siblings have been adopted, their adopters have been explored and ruled out',
    'criteria.rehabilitation_considered: Answer: rehabilitation to the birth parents is being considered, but an adoptive placement is likely to be needed',
    'exceptionReason: Give the reason for referring as an exception (a criterion is not met)',
  ]);
  await s.updateReferral(sw, enquiry.id, 2, { childId, serviceId: agencyId, referralDate: '2026-11-23', criteria: CRITERIA });
  await assert.rejects(s.moveReferral(sw, enquiry.id, { status: 'sent', on: '2026-11-23', version: 2 }), StaleRecordError);
  await s.moveReferral(sw, enquiry.id, { status: 'sent', on: '2026-11-23', version: 3 });
  assert.deepEqual(await problemsOf(s.moveReferral(sw, enquiry.id, { status: 'declined', on: '2026-11-24', version: 4 })), ['declineReason: Give the reason the referral was declined']);
  assert.deepEqual(await problemsOf(s.moveReferral(sw, enquiry.id, { status: 'placed', on: '2026-11-24', version: 4 })), ['status: A referral that is referral sent cannot become placed']);
  await s.moveReferral(sw, enquiry.id, { status: 'accepted', on: '2026-11-24', version: 4 });
  await s.moveReferral(sw, enquiry.id, { status: 'carers_identified', on: '2026-11-24', version: 5 });

  // Placed: only with the child's concurrent planning (or fostering for adoption) placement.
  const [shortTerm] = await w.database.db.insert(placement).values({ childId, householdId, startDate: '2026-11-24', placementType: 'U6', status: 'active', kind: 'short_term' }).returning();
  assert.deepEqual(await problemsOf(s.moveReferral(sw, enquiry.id, { status: 'placed', on: '2026-11-25', placementId: shortTerm!.id, version: 6 })), ['placementId: Select a concurrent planning or fostering for adoption placement']);
  await w.database.db.update(placement).set({ kind: 'concurrent_planning', placementType: 'U5' }).where(eq(placement.id, shortTerm!.id));
  await s.moveReferral(sw, enquiry.id, { status: 'placed', on: '2026-11-25', placementId: shortTerm!.id, version: 6 });
  view = await s.getReferral(sw, enquiry.id);
  assert.equal(view.referral.status, 'placed');
  assert.equal(view.referral.placementId, shortTerm!.id);
  assert.deepEqual(view.shortlist.map((x) => x.householdReference), ['HEP2']);
  const changes = (await auditOf('cp-referral.status-changed')).filter((a) => a.subjectId === enquiry.id);
  assert.equal(changes.length, 4);
  assert.ok(changes.every((a) => a.childIds.includes(childId)), 'each change names the child');
});

test('an older child or a sibling group is referred only as an exception with its reason', async () => {
  const s = w.services.earlyPermanence;
  const sw = ctx('social_worker');
  const childId = await lookedAfter('2022-11-25'); // 4 today
  const r = await s.createReferral(sw, { childId, referralDate: TODAY, criteria: CRITERIA });
  assert.deepEqual(await problemsOf(s.moveReferral(sw, r.id, { status: 'sent', on: TODAY, version: 1 })), ['exceptionReason: Give the reason for referring as an exception (the child is 4 or older)']);
  await s.updateReferral(sw, r.id, 1, { childId, referralDate: TODAY, criteria: CRITERIA, exceptionReason: 'Brother of a baby the carers look after' });
  await s.moveReferral(sw, r.id, { status: 'sent', on: TODAY, version: 2 });
  const view = await s.getReferral(sw, r.id);
  assert.equal(view.check?.ageOnReferral, 4);
  assert.equal(view.check?.exception, true);
  assert.equal(view.serviceName, "This authority's own concurrent planning service");
});

test('the API: schemas answer as declared, bad input is problem+json and changes nothing, permissions refuse', async () => {
  const childId = await lookedAfter();
  const inPlan = await api('POST', paths.api.childAdoptionInPlan(childId), { inPlanOn: '2026-11-20', note: 'Adoption may become the plan' });
  assert.equal(inPlan.statusCode, 201, inPlan.body);
  const bad = await api('POST', paths.api.childPermanenceDecisions(childId), { decidedOn: 'soon' });
  assert.equal(bad.statusCode, 400);
  assert.match(String(bad.headers['content-type'] ?? ''), /application\/problem\+json/);
  const ok = await api('POST', paths.api.childPermanenceDecisions(childId), { decidedOn: '2026-11-24', decidedByName: 'Sam Manager', decidedByRole: 'Team manager', outcome: 'fostering_for_adoption', reasons: 'Parents consent to adoption' });
  assert.equal(ok.statusCode, 201, ok.body);
  const got = await api('GET', paths.api.childEarlyPermanence(childId));
  assert.equal(got.statusCode, 200);
  assert.deepEqual((got.json() as { decisions: { outcome: string }[] }).decisions.map((d) => d.outcome), ['fostering_for_adoption']);

  const householdId = await approvedHousehold(w, { reference: 'HEP3', addressLine1: '3 Permanence Place' });
  const sswToken = await tokenFor(w, 'supervising_social_worker');
  assert.equal((await api('POST', paths.api.householdAdoptionApprovals(householdId), { status: 'approved', decisionDate: '2026-01-10' }, sswToken)).statusCode, 201);
  assert.equal((await api('POST', paths.api.householdAdoptionApprovals(householdId), { status: 'approved', decisionDate: '2026-01-10' })).statusCode, 403, 'the child\'s social worker does not change households');
  // The carers' supervising social worker reads the household (no child of the social worker's lives there: caseload access).
  const hh = await api('GET', `${paths.api.householdEarlyPermanence(householdId)}?on=2026-01-10`, undefined, sswToken);
  assert.equal(hh.statusCode, 200, hh.body);
  assert.equal((hh.json() as { dualApproved: boolean }).dualApproved, true);
  const stale = await api('PUT', paths.api.householdEarlyPermanence(householdId), { fullTimeCarer: true, version: 99 }, sswToken);
  assert.equal(stale.statusCode, 409);

  const created = await api('POST', paths.api.cpReferrals, { childId, referralDate: '2026-11-24', criteria: CRITERIA, serviceId: agencyId });
  assert.equal(created.statusCode, 201, created.body);
  const id = (created.json() as { id: string }).id;
  const detail = await api('GET', paths.api.cpReferral(id));
  assert.equal(detail.statusCode, 200, detail.body);
  assert.equal((detail.json() as { check: { allMet: boolean } }).check.allMet, true);
  const notAnswered = await api('POST', paths.api.cpReferralStatus(id), { status: 'placed', on: '2026-11-24', version: 1 });
  assert.equal(notAnswered.statusCode, 400);
  assert.equal((await api('POST', paths.api.cpReferralStatus(id), { status: 'sent', on: '2026-11-24', version: 1 })).statusCode, 200);
  const list = await api('GET', paths.api.cpReferrals);
  assert.equal(list.statusCode, 200);
  assert.ok((list.json() as { id: string }[]).some((r) => r.id === id));
  const enq = await api('POST', paths.api.cpEnquiries, { circumstances: '' });
  assert.equal(enq.statusCode, 400);
  assert.equal((await api('POST', paths.api.cpEnquiries, { circumstances: 'Pre-birth' }, sswToken)).statusCode, 403);
  const enquiry = await api('POST', paths.api.cpEnquiries, { circumstances: 'Pre-birth assessment', expectedBirthDate: '2027-02-01' });
  assert.equal(enquiry.statusCode, 201, enquiry.body);
  const enquiryId = (enquiry.json() as { id: string; status: string }).id;
  assert.equal((enquiry.json() as { status: string }).status, 'enquiry');
  assert.equal((await api('POST', paths.api.cpReferralShortlist(enquiryId), { householdId, shortlistedOn: '2026-11-24' })).statusCode, 200);
  const drafted = await api('PUT', paths.api.cpReferral(enquiryId), { childId, referralDate: '2026-11-24', criteria: CRITERIA, version: 1 });
  assert.equal(drafted.statusCode, 200, drafted.body);
  assert.equal((await api('PUT', paths.api.cpReferral(enquiryId), { childId, referralDate: '2026-11-24', criteria: CRITERIA, version: 1 })).statusCode, 409);

  // The household's facts, the adoption approval changed, a journey session.
  const current = hh.json() as { version: number; approvals: { id: string; version: number }[] };
  const facts = await api('PUT', paths.api.householdEarlyPermanence(householdId), { fullTimeCarer: true, returnAgreementSignedOn: '2026-02-01', version: current.version }, sswToken);
  assert.equal(facts.statusCode, 200, facts.body);
  const approval = current.approvals[0]!;
  const held = await api('PUT', paths.api.householdAdoptionApproval(householdId, approval.id), { status: 'on_hold', decisionDate: '2026-01-10', endedOn: '2026-11-01', version: approval.version }, sswToken);
  assert.equal(held.statusCode, 200, held.body);
  const session = await api('POST', paths.api.householdJourney(householdId), { kind: 'training', heldOn: '2026-02-14', title: 'Contact and handovers', attended: 'Both carers' }, sswToken);
  assert.equal(session.statusCode, 201, session.body);
  const after = (await api('GET', paths.api.householdEarlyPermanence(householdId), undefined, sswToken)).json() as { dualApproved: boolean; fullTimeCarer: boolean; journey: unknown[] };
  assert.deepEqual([after.dualApproved, after.fullTimeCarer, after.journey.length], [false, true, 1]);

  // The migrated tick: nothing in this world had one; a household of the old kind is refused at the terms.
  const rows = await w.database.db.select().from(adoptionApproval).where(and(eq(adoptionApproval.householdId, householdId)));
  assert.equal(rows.length, 1);
  const [hrow] = await w.database.db.select().from(household).where(eq(household.id, householdId));
  assert.ok(!hrow!.placementKinds.includes('fostering_for_adoption'));
});

const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d!, [`${name}-month`]: m!, [`${name}-year`]: y! };
};

test('the pages: the child\'s early permanence record, its forms with the error summary, the household page, and an enquiry made into a referral and sent', async () => {
  const sw = await as('social_worker');
  const childId = await lookedAfter('2026-06-01');
  const [c] = await w.database.db.select().from(child).where(eq(child.id, childId));
  const page = await sw.get(paths.earlyPermanence.child(childId));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Children Act 1989 s22C\(9A\)–\(9B\)/);
  assert.match(page.body, /No decision recorded\./);
  assert.equal((await sw.get(paths.earlyPermanence.adoptionInPlan(childId))).statusCode, 200);
  const blank = await sw.post(paths.earlyPermanence.adoptionInPlan(childId), {});
  assert.equal(blank.statusCode, 400);
  assert.match(blank.body, /govuk-error-summary/);
  assert.match(blank.body, /Enter the date adoption came into the permanence plan/);
  const inPlan = await sw.post(paths.earlyPermanence.adoptionInPlan(childId), { ...dateFields('inPlanOn', '2026-11-18'), note: 'Adoption may become the plan' });
  assert.equal(inPlan.statusCode, 303);
  const decided = await sw.post(paths.earlyPermanence.decision(childId), { ...dateFields('decidedOn', '2026-11-24'), decidedByName: 'Sam Manager', decidedByRole: 'Team manager', outcome: 'concurrent_planning', reasons: 'No connected carers' });
  assert.equal(decided.statusCode, 303, decided.body);
  const after = await sw.get(paths.earlyPermanence.child(childId));
  assert.match(after.body, /Refer to concurrent planning/);
  assert.match(after.body, /No connected carers/);

  // An early enquiry, then made into a referral of the child, then sent.
  const enquiry = await sw.post(paths.earlyPermanence.newEnquiry, { serviceId: agencyId, ...dateFields('expectedBirthDate', '2027-01-20'), siblings: '', circumstances: 'Pre-birth assessment' });
  assert.equal(enquiry.statusCode, 303, enquiry.body);
  const shown = await sw.get(enquiry.headers.location as string);
  assert.equal(shown.statusCode, 200);
  assert.match(shown.body, /Early enquiry CP\d{5}/);
  assert.match(shown.body, /Testshire Adoption Partnership/);
  const id = (enquiry.headers.location as string).split('/').at(-1)!;
  const shortlist = await sw.post(paths.earlyPermanence.referralShortlist(id), { householdReference: 'NOPE', ...dateFields('shortlistedOn', TODAY), note: '' });
  assert.equal(shortlist.statusCode, 400);
  assert.match(shortlist.body, /Enter the household reference/);
  assert.equal((await sw.post(paths.earlyPermanence.referralShortlist(id), { householdReference: 'HEP1', ...dateFields('shortlistedOn', TODAY), note: 'Dual approved' })).statusCode, 303);
  assert.match((await sw.get(paths.earlyPermanence.referral(id))).body, />HEP1</);
  assert.equal((await sw.get(paths.earlyPermanence.referralEdit(id))).statusCode, 200);
  const unanswered = await sw.post(paths.earlyPermanence.referralEdit(id), { version: '1', childReference: c!.reference, serviceId: agencyId, ...dateFields('referralDate', TODAY), siblingGroup: 'no', answer_interim_care_order: 'yes', evidence_interim_care_order: '' });
  assert.equal(unanswered.statusCode, 303, unanswered.body);
  const draft = await sw.get(paths.earlyPermanence.referral(id));
  assert.match(draft.body, /Before it can be sent: Give the evidence for/);
  const notYet = await sw.post(paths.earlyPermanence.referralStatus(id), { version: '2', status: 'sent', ...dateFields('on', TODAY) });
  assert.equal(notYet.statusCode, 400);
  const form: Record<string, string> = { version: '2', childReference: c!.reference, serviceId: agencyId, ...dateFields('referralDate', TODAY), siblingGroup: 'no' };
  for (const [code, a] of Object.entries(CRITERIA)) {
    form[`answer_${code}`] = a.answer;
    form[`evidence_${code}`] = a.evidence;
  }
  assert.equal((await sw.post(paths.earlyPermanence.referralEdit(id), form)).statusCode, 303);
  const sent = await sw.post(paths.earlyPermanence.referralStatus(id), { version: '3', status: 'sent', ...dateFields('on', TODAY) });
  assert.equal(sent.statusCode, 303, sent.body);
  // A referral started from the page, for an older child: saved as a draft; the page says what stops it being sent.
  const older = await lookedAfter('2021-01-01');
  const [o] = await w.database.db.select().from(child).where(eq(child.id, older));
  const newForm = await sw.get(`${paths.earlyPermanence.newReferral}?child=${o!.reference}`);
  assert.match(newForm.body, new RegExp(`value="${o!.reference}"`));
  const unknown = await sw.post(paths.earlyPermanence.newReferral, { childReference: 'NOBODY', siblingGroup: 'no' });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.body, /Enter the child&#39;s reference|Enter the child's reference/);
  const started = await sw.post(paths.earlyPermanence.newReferral, { ...form, version: '', childReference: o!.reference });
  assert.equal(started.statusCode, 303, started.body);
  const olderPage = await sw.get(started.headers.location as string);
  assert.match(olderPage.body, /aged 5 on the referral date/);
  assert.match(olderPage.body, /Give the reason for referring as an exception \(the child is 4 or older\)/);

  const list = await sw.get(paths.earlyPermanence.referrals);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /govuk-tag--blue">\s*Sent/);

  // The household page, its facts form, and a session.
  const householdId = await approvedHousehold(w, { reference: 'HEP4', addressLine1: '4 Permanence Place' });
  const ssw = await as('supervising_social_worker');
  const hp = await ssw.get(paths.earlyPermanence.household(householdId));
  assert.equal(hp.statusCode, 200);
  assert.match(hp.body, /No adoption approval recorded\./);
  const facts = await ssw.get(paths.earlyPermanence.householdFacts(householdId));
  const version = /name="version" value="(\d+)"/.exec(facts.body)?.[1] ?? '';
  assert.ok(version);
  assert.equal((await ssw.post(paths.earlyPermanence.householdFacts(householdId), { version, fullTimeCarer: 'yes', ...dateFields('returnAgreementSignedOn', '2026-09-01'), cpSocialWorker: 'Avery Lund', cpSupportGroup: '', cpHelpline: '' })).statusCode, 303);
  const staleFacts = await ssw.post(paths.earlyPermanence.householdFacts(householdId), { version, fullTimeCarer: 'no' });
  assert.equal(staleFacts.statusCode, 409);
  assert.equal((await ssw.post(paths.earlyPermanence.adoptionApproval(householdId), { agencyId, status: 'approved', ...dateFields('panelDate', '2026-05-01'), ...dateFields('decisionDate', '2026-05-10') })).statusCode, 303);
  assert.equal((await ssw.post(paths.earlyPermanence.journey(householdId), { kind: 'assessment', ...dateFields('heldOn', '2026-04-01'), title: 'Assessment visit', attended: 'Both carers' })).statusCode, 303);
  const done = await ssw.get(paths.earlyPermanence.household(householdId));
  assert.match(done.body, /Yes: approved as foster carers and as prospective adopters/);
  assert.match(done.body, /Assessment visit/);
  // The household's own page says so too, derived, where the tick used to be.
  const main = await ssw.get(paths.households.show(householdId));
  assert.match(main.body, /Dual approval today/);
  assert.match(main.body, /Yes: also approved as prospective adopters/);
  // The child's social worker reads the page but has no forms.
  assert.equal((await sw.get(paths.earlyPermanence.adoptionApproval(householdId))).statusCode, 403);
});

test('migration 0030 turns the former dual-approval tick into an adoption approval (dates to be confirmed) and removes the tick; dual approval stays', async () => {
  const fs = await import('node:fs');
  const sqlText = fs.readFileSync(new URL('../src/data/migrations/0030_concurrent_planning_referral.sql', import.meta.url), 'utf8');
  const start = sqlText.indexOf('INSERT INTO adoption_approval');
  const end = sqlText.indexOf("WHERE 'fostering_for_adoption' = ANY (placement_kinds);", sqlText.indexOf('UPDATE household SET placement_kinds'));
  const conversion = sqlText.slice(start, end) + "WHERE 'fostering_for_adoption' = ANY (placement_kinds);";
  const ticked = await approvedHousehold(w, { reference: 'HEP9', addressLine1: '9 Former Tick Row' });
  await w.database.db.update(household).set({ placementKinds: ['short_term', 'fostering_for_adoption'] }).where(eq(household.id, ticked));
  await w.database.exec(conversion);
  const [h] = await w.database.db.select().from(household).where(eq(household.id, ticked));
  assert.deepEqual(h!.placementKinds, ['short_term']);
  const approvals = await w.database.db.select().from(adoptionApproval).where(eq(adoptionApproval.householdId, ticked));
  assert.deepEqual(approvals.map((a) => [a.status, a.decisionDate, a.fromFormerTick]), [['approved', null, true]]);
  assert.equal((await w.services.earlyPermanence.ofHousehold(ctx('placement_officer'), ticked)).dualApproved, true);
});
