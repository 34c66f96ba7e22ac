import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../data/db.ts';
import { insertRows } from '../data/bulk-insert.ts';
import { groupBy } from '../domain/collections.ts';
import {
  appUser,
  careEnding,
  child,
  childEvent,
  externalContact,
  fosteringLimitExemption,
  household,
  householdEvent,
  householdMember,
  legalStatus,
  missingEpisode,
  organisation,
  placement,
  placementRequest,
  placementRequestStatus,
  siblingLink,
  socialWorkerEpisode,
  team,
  planningDocument,
  planningDocumentVersion,
  placementConcern,
  virtualSchoolConsultation,
  moveRequest,
  endingMeeting,
  stabilityPanelSitting,
  stabilityPanelReferral,
  adoptionApproval,
  carerJourneySession,
  cpReferral,
  cpReferralCarer,
  earlyPermanenceDecision,
  placementTask,
  childDocument,
  rateCard,
  rateCardAllowance,
  rateCardSkillsFee,
  familyMember,
  parentChildArrangement,
  parentChildArrangementPerson,
  allowanceRequest,
  sufficiencySearch,
  sufficiencyEnquiry,
  contactPlan,
  contactSession,
  courtProceedings,
  courtHearing,
  futureContact,
  futureContactParty,
  childFamilyMember,
  parentChildReportSchedule,
  parentChildCarerReport,
  parentChildReview,
  parentChildReviewReport,
  parentChildOutcome,
  parentChildAssessmentEnd,
  pcSharingAgreement,
  pcHealthObservation,
  pcAdvocacyOffer,
  pcContingencyPlan,
} from '../data/schema.ts';
import { hashPassword } from '../services/auth.ts';
import { writeAudit } from '../audit/writer.ts';
import { DEMO_PASSWORD } from './demo-accounts.ts';
import { DEFAULT_SEED, generateDemoData, type DemoData } from './generate.ts';
import { planningRecordsFrom, type PlanningRecords } from './planning.ts';
import { stabilityRecordsFrom } from './stability.ts';
import { parentAndChildRecordsFrom, type ParentAndChildRecords } from './parent-and-child-reviews.ts';
import { formatDate } from '../domain/dates.ts';
import type { PlanVariant } from '../domain/planning/parent-and-child-plan.ts';
import { reviewPdfInput } from '../services/parent-and-child-reviews.ts';
import { insertArrangement } from '../data/repositories/parent-and-child.ts';
import { earlyPermanenceRecordsFrom } from './early-permanence.ts';
import { parentAndChildRecordsFrom as arrangementRecordsFrom } from './parent-and-child.ts';
import { moveRecordsFrom } from './moves.ts';
import { panelRecordsFrom } from './stability-panel.ts';
import { moneyDemoRecords } from './money.ts';
import { concurrentPlanningDemoFrom } from './concurrent-planning.ts';
import { planningPdfFile, planningPdfInput } from '../services/planning.ts';
import { renderPdf, type PdfDocumentInput } from '../services/pdf.ts';
import { KIND_SPECS } from '../domain/planning/kinds.ts';

export type DemoLoadOptions = {
  children: number;
  today: string;
  seed?: number;
  /** Empty the record tables first (in the same transaction). The audit log is kept. */
  reset?: boolean;
};
export type DemoSummary = {
  /** Every child on the records: those in care today and those who have left care. */
  children: number;
  /** Of them, those who have left care (a care ending recorded). */
  leftCare: number;
  households: number;
  placements: number;
  users: number;
  childEvents: number;
  householdEvents: number;
  placementRequests: number;
  seed: number;
  /** Of the children in care, those of the procedures' worked scenarios, added to the generated authority (concurrent planning, parent and child). */
  scenarioInCare: number;
};

/** The tables the demo data fills (and a reset empties), with everything that refers to them. */
const RECORD_TABLES = [
  'organisation',
  'team',
  'app_user',
  'user_session',
  'api_token',
  'external_contact',
  'child',
  'legal_status',
  'sibling_link',
  'household',
  'household_member',
  'fostering_limit_exemption',
  'placement',
  'child_event',
  'household_event',
  'placement_request',
  'placement_request_status',
  'care_ending',
  'missing_episode',
  'social_worker_episode',
];
/** Never emptied: the audit log is append-only (a trigger refuses TRUNCATE), and the migrations record. */
const KEPT_TABLES = new Set(['audit_event', 'schema_migration']);

/**
 * Empties the record tables and every table that refers to them (found from the foreign keys, so
 * tables added by later migrations are included), in one TRUNCATE. Reference tables that refer to
 * none of them (code lists, bank holidays) and the audit log stay as they are.
 */
export async function clearRecords(tx: DbOrTx): Promise<string[]> {
  const existing = new Set(
    (await queryRows<{ name: string }>(tx, sql`select tablename as name from pg_tables where schemaname = current_schema()`)).map((r) => r.name),
  );
  const links = await queryRows<{ referrer: string; referred: string }>(
    tx,
    sql`select c.relname as referrer, p.relname as referred
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid
        join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = current_schema()`,
  );
  const tables = new Set(RECORD_TABLES.filter((t) => existing.has(t)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const { referrer, referred } of links) {
      if (tables.has(referred) && !tables.has(referrer)) {
        tables.add(referrer);
        grew = true;
      }
    }
  }
  const kept = [...tables].filter((t) => KEPT_TABLES.has(t));
  if (kept.length > 0) throw new Error(`Cannot reset: ${kept.join(', ')} refers to the record tables and must be kept`);
  const list = [...tables].sort();
  if (list.length > 0) await tx.execute(sql.raw(`TRUNCATE ${list.map((t) => `"${t.replace(/"/g, '""')}"`).join(', ')}`));
  return list;
}

type FiledPdf = typeof childDocument.$inferInsert;
/** A PDF to file: its row without the bytes, and what it is drawn from. */
type PdfJob = { row: Omit<FiledPdf, 'content' | 'sizeBytes'>; input: PdfDocumentInput };

/** The PDF of each completed version of a kind that is filed, as the service files it. */
function planningPdfJobs(data: DemoData, planning: PlanningRecords, variants: ReadonlyMap<string, PlanVariant> = new Map()): PdfJob[] {
  const docs = new Map(planning.documents.map((d) => [d.id, d]));
  const users = new Map(data.users.map((u) => [u.id, u.fullName]));
  const placements = new Map(data.placements.map((p) => [p.id, p]));
  const children = new Map(data.children.map((c) => [c.id, c]));
  const households = new Map(data.households.map((h) => [h.id, h]));
  const carersOf = groupBy(
    data.householdMembers.filter((m) => m.kind === 'carer'),
    (m) => m.householdId,
  );
  const out: PdfJob[] = [];
  for (const v of planning.versions) {
    const doc = docs.get(v.documentId);
    if (!doc || !KIND_SPECS[doc.kind].pdf) continue;
    const p = placements.get(doc.placementId);
    const c = children.get(doc.childId);
    const h = p ? households.get(p.householdId) : undefined;
    if (!p || !c || !h) continue;
    const carers = (carersOf.get(h.id) ?? []).map((m) => `${m.firstName} ${m.lastName}`);
    const createdAt = new Date(`${v.completedOn}T17:00:00Z`);
    out.push({
      row: {
        childId: c.id,
        placementId: p.id,
        documentVersionId: v.id,
        ...planningPdfFile(c.reference, doc.kind, v.number, v.completedOn),
        contentType: 'application/pdf',
        createdBy: v.completedBy,
        createdAt,
      },
      input: planningPdfInput({ startDate: p.startDate, child: c, household: { reference: h.reference, carers }, variant: variants.get(p.id) ?? null }, doc.kind, { ...v, createdAt }, users),
    });
  }
  return out;
}

async function renderHere(inputs: readonly PdfDocumentInput[]): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const input of inputs) out.push(await renderPdf(input));
  return out;
}

/** Fewer PDFs than this are drawn on this thread: starting a worker would take longer. */
const WORKER_FROM = 8;

/**
 * Draws the PDFs on a worker thread (./pdf-worker.ts) while this thread inserts the records, so that
 * on a machine with two cores the demo load takes about the longer of the two rather than their sum.
 * The bytes are those renderPdf makes here. If the worker cannot run (for example a TypeScript loader
 * that worker threads do not inherit), they are drawn on this thread instead.
 */
function renderAside(inputs: readonly PdfDocumentInput[]): Promise<Uint8Array[]> {
  if (inputs.length < WORKER_FROM) return renderHere(inputs);
  // Built (dist/), the worker is plain JavaScript; from src/ (tsx), it registers tsx first, as worker
  // threads do not inherit the loader.
  const fromSource = import.meta.url.endsWith('.ts');
  const script = new URL(fromSource ? './pdf-worker.ts' : './pdf-worker.js', import.meta.url);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (pdfs: () => Promise<Uint8Array[]> | Uint8Array[]) => {
      if (settled) return;
      settled = true;
      resolve(pdfs());
    };
    let worker: Worker;
    try {
      worker = fromSource
        ? new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`, {
            eval: true,
            workerData: inputs,
          })
        : new Worker(script, { workerData: inputs });
    } catch {
      settle(() => renderHere(inputs));
      return;
    }
    worker.once('message', (pdfs: Uint8Array[]) => settle(() => pdfs));
    // Failed, or ended without answering: draw them here.
    worker.once('error', () => settle(() => renderHere(inputs)));
    worker.once('exit', () => settle(() => renderHere(inputs)));
  });
}

/**
 * Loads a synthetic local authority in one transaction (see ./generate.ts for what it holds).
 * Every name, date and postcode is generated; none belongs to a real person. The demo accounts
 * share DEMO_PASSWORD (hashed once); the other staff have no password and cannot sign in.
 */
export async function loadDemoData(db: Db, opts: DemoLoadOptions): Promise<DemoSummary> {
  const seed = opts.seed ?? DEFAULT_SEED;
  // Concurrent planning: three young children with dually approved carers, their contact and court
  // records (one in placement, one gone home, one adopted).
  const generated = generateDemoData({ children: opts.children, seed, today: opts.today });
  const concurrent = concurrentPlanningDemoFrom(generated);
  const data = concurrent.data;
  // Recent placements' first weeks: meeting minutes, plans and agreed actions, with their PDFs filed.
  // The PDFs are drawn while the records go in (renderAside).
  // Concerns about a few of them, and their Placement Support Meetings (one held, one due).
  const stability = stabilityRecordsFrom(data, planningRecordsFrom(data));
  const permanence = earlyPermanenceRecordsFrom(data);
  const planning = stability.planning;
  // Every ending through the ending gate, with the move request that allowed it; and a move waiting
  // for the HARP panel on the placement with the first concern.
  const waiting = stability.concerns[0];
  const moves = moveRecordsFrom(data, waiting ? { placementId: waiting.placementId, requestedOn: data.today } : undefined);
  // A Placement Stability Panel sitting that decided one case with concerns, and a case waiting.
  const raised = new Map(stability.events.map((e) => [e.id, e.eventDate]));
  const latestSupportPlan = (placementId: string) => {
    const docs = new Set(planning.documents.filter((doc) => doc.placementId === placementId && doc.kind === 'support_plan').map((doc) => doc.id));
    return planning.versions.filter((v) => docs.has(v.documentId)).sort((a, b) => b.number - a.number)[0]?.id ?? null;
  };
  const panel = panelRecordsFrom(data, stability.concerns.map((c) => ({ ...c, raisedOn: raised.get(c.eventId) ?? data.today })), latestSupportPlan);
  // Parent and child money (a rate card with its history, an allowance requested and agreed) and a search outside the area.
  // Parent-and-child assessments (./parent-and-child-reviews.ts): their own household, people, plans, reports, reviews and outcomes.
  const pc = parentAndChildRecordsFrom(data);
  // Its request numbers follow the assessments' requests.
  const pcMoney = moneyDemoRecords({ ...data, placementRequests: [...data.placementRequests, ...pc.placementRequests] });
  const withPc: DemoData = {
    ...data,
    households: [...data.households, ...pc.households],
    householdMembers: [...data.householdMembers, ...pc.householdMembers],
    children: [...data.children, ...pc.children],
    placements: [...data.placements, ...pc.placements],
  };
  const pcVariants = new Map(pc.arrangements.flatMap((a) => a.people.flatMap((x) => (x.placementId ? [[x.placementId, a.people.some((y) => y.role === 'parent' && y.inCare) ? 'parent_in_care' : 'parent_not_in_care'] as const] : []))));
  const pdfJobs = [
    ...planningPdfJobs(withPc, { ...planning, documents: [...planning.documents, ...pc.planningDocuments], versions: [...planning.versions, ...pc.planningVersions] }, pcVariants),
    ...parentAndChildReviewPdfJobs(withPc, pc),
  ];
  const pdfs = renderAside(pdfJobs.map((j) => j.input));
  pdfs.catch(() => undefined); // awaited below; not an unhandled rejection if the records fail first
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const cleared = opts.reset ? await clearRecords(tx) : [];
    await insertRows(tx, organisation, [...data.organisations, stability.virtualSchool, permanence.agency]);
    await insertRows(tx, team, data.teams);
    // Users are ordered managers first, so each chunk's line managers already exist.
    await insertRows(
      tx,
      appUser,
      data.users.map((u) => ({ ...u, passwordHash: u.isDemo ? passwordHash : null })),
    );
    await insertRows(tx, externalContact, [...data.contacts, ...stability.virtualSchoolContacts]);
    await insertRows(tx, child, [...data.children, ...pc.children]);
    await insertRows(tx, legalStatus, [...data.legalStatuses, ...pc.legalStatuses]);
    await insertRows(tx, siblingLink, data.siblingLinks);
    // Parent and child arrangements, one per legal scenario (./parent-and-child.ts), on the family members made here.
    const arrangements = arrangementRecordsFrom(data);
    await insertRows(tx, familyMember, [...data.familyMembers.map((m) => ({ ...m, ...arrangements.memberChanges.get(m.id) })), ...arrangements.newFamilyMembers]);
    await insertRows(tx, childFamilyMember, [...data.childFamilyMembers, ...arrangements.newLinks]);
    await insertRows(tx, household, [...permanence.households, ...pc.households]);
    await insertRows(tx, adoptionApproval, permanence.approvals);
    await insertRows(tx, carerJourneySession, permanence.journey.map((j) => ({ ...j, recordedAt: new Date(j.recordedAt) })));
    await insertRows(tx, householdMember, [...data.householdMembers, ...pc.householdMembers]);
    await insertRows(tx, fosteringLimitExemption, data.exemptions);
    await insertRows(tx, placement, [...data.placements.map((p) => ({ ...p, ...moves.endings.get(p.id) })), ...pc.placements]);
    await insertRows(tx, parentChildArrangement, arrangements.arrangements);
    await insertRows(tx, parentChildArrangementPerson, arrangements.people);
    await insertRows(tx, pcSharingAgreement, arrangements.agreements);
    await insertRows(tx, pcHealthObservation, arrangements.observations);
    await insertRows(tx, pcAdvocacyOffer, arrangements.advocacy);
    await insertRows(tx, pcContingencyPlan, arrangements.contingencies);
    await insertRows(tx, moveRequest, moves.requests.map((m) => ({ ...m, requestedAt: new Date(m.requestedAt), decidedAt: m.decidedAt ? new Date(m.decidedAt) : null })));
    await insertRows(tx, endingMeeting, moves.endingMeetings.map((m) => ({ ...m, recordedAt: new Date(m.recordedAt) })));
    // What has been recorded (plans, meetings, visits, reviews): the facts the obligations come from.
    await insertRows(tx, childEvent, [...data.childEvents, ...stability.events, ...pc.events, ...permanence.events].map((e) => ({ ...e, recordedAt: new Date(e.recordedAt) })));
    await insertRows(tx, earlyPermanenceDecision, permanence.decisions.map((x) => ({ ...x, recordedAt: new Date(x.recordedAt) })));
    await insertRows(tx, cpReferral, permanence.referrals);
    await insertRows(tx, cpReferralCarer, permanence.shortlist);
    await insertRows(tx, placementConcern, stability.concerns.map((c) => ({ ...c, recordedAt: new Date(c.recordedAt) })));
    await insertRows(tx, virtualSchoolConsultation, stability.consultations.map((c) => ({ ...c, recordedAt: new Date(c.recordedAt) })));
    await insertRows(tx, householdEvent, data.householdEvents.map((e) => ({ ...e, recordedAt: new Date(e.recordedAt) })));
    // Placement requests at every stage, with who moved each one on and when.
    await insertRows(
      tx,
      placementRequest,
      [...data.placementRequests, ...pc.placementRequests].map((q) => ({ ...q, createdAt: new Date(q.createdAt), updatedAt: new Date(q.updatedAt) })),
    );
    await insertRows(tx, placementRequestStatus, [...data.placementRequestStatuses, ...pc.placementRequestStatuses].map((h) => ({ ...h, at: new Date(h.at) })));
    await insertRows(tx, rateCard, pcMoney.cards);
    await insertRows(tx, rateCardAllowance, pcMoney.allowances);
    await insertRows(tx, rateCardSkillsFee, pcMoney.fees);
    await insertRows(tx, familyMember, pcMoney.familyMembers);
    await insertRows(tx, parentChildArrangement, pcMoney.arrangements);
    await insertRows(tx, parentChildArrangementPerson, pcMoney.people);
    await insertRows(tx, allowanceRequest, pcMoney.allowanceRequests);
    await insertRows(tx, placementRequest, pcMoney.requests);
    await insertRows(tx, placementRequestStatus, pcMoney.statuses);
    await insertRows(tx, sufficiencySearch, pcMoney.searches);
    await insertRows(tx, sufficiencyEnquiry, pcMoney.enquiries);
    // What the SSDA903 return needs beyond the histories.
    await insertRows(tx, careEnding, [...data.careEndings, ...pc.careEndings]);
    await insertRows(tx, missingEpisode, data.missingEpisodes);
    await insertRows(tx, socialWorkerEpisode, data.socialWorkerEpisodes);
    // Recent placements' first weeks: meeting minutes, plans and agreed actions, with their PDFs filed.
    await insertRows(tx, planningDocument, [...planning.documents, ...pc.planningDocuments]);
    await insertRows(tx, planningDocumentVersion, [...planning.versions, ...pc.planningVersions].map((v) => ({ ...v, createdAt: new Date(`${v.completedOn}T17:00:00Z`) })));
    await insertRows(tx, placementTask, planning.tasks);
    await insertRows(tx, stabilityPanelSitting, panel.sittings.map((x) => ({ ...x, recordedAt: new Date(x.recordedAt) })));
    await insertRows(tx, stabilityPanelReferral, panel.referrals);
    await insertRows(tx, placementTask, panel.tasks);
    await insertRows(tx, contactPlan, concurrent.records.contactPlans);
    await insertRows(tx, contactSession, concurrent.records.contactSessions);
    await insertRows(tx, courtProceedings, concurrent.records.proceedings);
    await insertRows(tx, courtHearing, concurrent.records.hearings);
    await insertRows(tx, futureContact, concurrent.records.futureContacts);
    await insertRows(tx, futureContactParty, concurrent.records.parties);
    await insertRows(tx, cpReferral, concurrent.records.referrals);
    const drawn = await pdfs;
    for (const [i, { row }] of pdfJobs.entries()) {
      const pdf = drawn[i];
      if (!pdf) throw new Error('a demo PDF was not drawn');
      await tx.insert(childDocument).values({ ...row, sizeBytes: pdf.byteLength, content: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength) });
    }
    await loadParentAndChildRecords(tx, pc);
    const summary: DemoSummary = {
      // Everything loaded: the generated authority and the procedures' worked scenarios with it.
      children: data.children.length + pc.children.length,
      leftCare: new Set([...data.careEndings, ...pc.careEndings].map((e) => e.childId)).size,
      households: data.households.length + pc.households.length,
      placements: data.placements.length + pc.placements.length,
      users: data.users.length,
      childEvents: data.childEvents.length + stability.events.length + pc.events.length + permanence.events.length,
      householdEvents: data.householdEvents.length,
      placementRequests: data.placementRequests.length + pc.placementRequests.length,
      seed,
      scenarioInCare: 0,
    };
    const inCare = (children: readonly { id: string }[], endings: readonly { childId: string }[]) => children.length - new Set(endings.map((e) => e.childId)).size;
    summary.scenarioInCare = summary.children - summary.leftCare - inCare(generated.children, generated.careEndings);
    await writeAudit(tx, { actor: null }, { action: 'seed.loaded', subjectType: 'system', details: { ...summary, reset: opts.reset === true, cleared } });
    return summary;
  });
}

/** The PDF of each parent-and-child review, as the service files it. */
function parentAndChildReviewPdfJobs(data: DemoData, pc: ParentAndChildRecords): PdfJob[] {
  const placements = new Map(data.placements.map((p) => [p.id, p]));
  const children = new Map(data.children.map((c) => [c.id, c]));
  const households = new Map(data.households.map((h) => [h.id, h]));
  return pc.reviews.flatMap((r): PdfJob[] => {
    const p = placements.get(r.placementId);
    const c = children.get(r.childId);
    const h = p ? households.get(p.householdId) : undefined;
    if (!p || !c || !h) return [];
    const createdAt = new Date(`${r.heldOn}T17:00:00Z`);
    const shown = { childFirstName: c.firstName, childLastName: c.lastName, childReference: c.reference, childDateOfBirth: c.dateOfBirth, householdReference: h.reference, startDate: p.startDate };
    return [
      {
        row: {
          id: r.documentId,
          childId: c.id,
          placementId: p.id,
          title: `Parent-and-child placement review (${formatDate(r.heldOn)})`,
          fileName: `${c.reference}-parent-and-child-review-${r.heldOn}.pdf`,
          contentType: 'application/pdf',
          createdBy: r.recordedBy,
          createdAt,
        },
        input: reviewPdfInput(shown, { ...r, createdAt }, pc.reports, r.heldOn),
      },
    ];
  });
}

/** The parent-and-child records that refer to the rows loaded before them (the review PDFs included). */
async function loadParentAndChildRecords(tx: DbOrTx, pc: ParentAndChildRecords): Promise<void> {
  if (pc.familyMembers.length) {
    await insertRows(tx, familyMember, pc.familyMembers.map((m) => ({ id: m.id, name: m.name, dateOfBirth: m.dateOfBirth })));
    await insertRows(tx, childFamilyMember, pc.familyMembers.map((m) => ({ childId: m.childId, familyMemberId: m.id, relationship: m.relationship })));
  }
  for (const a of pc.arrangements) {
    const { people, ...values } = a;
    await insertArrangement(tx, values, people);
  }
  await insertRows(tx, parentChildReportSchedule, pc.schedules);
  await insertRows(tx, parentChildCarerReport, pc.reports);
  await insertRows(tx, parentChildReview, pc.reviews.map(({ reportIds: _r, ...r }) => r));
  await insertRows(tx, parentChildReviewReport, pc.reviews.flatMap((r) => r.reportIds.map((reportId) => ({ reviewId: r.id, reportId }))));
  await insertRows(tx, parentChildOutcome, pc.outcomes);
  await insertRows(tx, parentChildAssessmentEnd, pc.assessmentEnds);
}
