/**
 * Parent-and-child placements once they start (Parent and child fostering procedure, 5.1 to 5.3 and
 * 7): the carers' reports (received, read by the child's social worker), the placement reviews of the
 * assessment (printed to PDF on the child's file) and the outcome with the changes it implies. Each
 * change is one transaction with its audit row, naming the children concerned.
 */
import type { Db, DbOrTx } from '../data/db.ts';
import * as repo from '../data/repositories/parent-and-child-reviews.ts';
import { endArrangement, findArrangement, type ArrangementWithPeople } from '../data/repositories/parent-and-child.ts';
import { insertRecordedChildEvent } from '../data/repositories/obligation-facts.ts';
import { insertChildDocument } from '../data/repositories/planning.ts';
import { careEndingOn, endLegalStatusOn, findChild, insertCareEnding, insertLegalStatus, legalStatusStartingOn } from '../data/repositories/children.ts';
import { writeAudit } from '../audit/writer.ts';
import { formatDate, todayInEngland, type IsoDate } from '../domain/dates.ts';
import { LEGAL_STATUS } from '../domain/ssda903/codes.ts';
import { assessmentPeriodEnd } from '../domain/deadlines/parent-and-child.ts';
import { capabilitiesOf, planVariant, type PlanVariant } from '../domain/planning/parent-and-child-plan.ts';
import { currentLegalStatus, endLegalStatusProblems, legalStatusProblems } from '../domain/records/child.ts';
import {
  CarerReportInput,
  PROGRESS_RATINGS,
  ReportReadInput,
  ReviewInput,
  carerReportProblems,
  decisionText,
  nextReportDue,
  reportReadProblems,
  reviewProblems,
} from '../domain/records/parent-and-child-review.ts';
import { InterimCareOrderInput, OutcomeInput, describeChange, interimCareOrderChanges, outcomeChanges, type OutcomeChange, type OutcomePerson } from '../domain/records/parent-and-child-outcome.ts';
import { version as versionField } from '../domain/records/fields.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';
import { renderPdf, type PdfDocumentInput } from './pdf.ts';
import { checkEnding } from './moves.ts';
import { startDraftRequestIn } from './placement-requests.ts';

export type CarerReport = repo.CarerReportRow;
export type Review = repo.ReviewRow;
export type Outcome = repo.OutcomeRow;
type PlacementRow = NonNullable<Awaited<ReturnType<typeof repo.placementForOutcome>>>;

/** What the assessment page shows of a parent-and-child placement. */
export type Assessment = {
  placement: PlacementRow;
  variant: PlanVariant | null;
  arrangement: ArrangementWithPeople | null;
  plan: { number: number; completedOn: IsoDate; capabilities: string[] } | null;
  schedule: repo.ScheduleRow | null;
  nextReportDue: IsoDate | null;
  reports: CarerReport[];
  reviews: Review[];
  currentPeriodEndsOn: IsoDate;
  outcome: Outcome | null;
};

const PDF_TYPE = 'application/pdf';
const READERS = new Set(['social_worker', 'team_manager', 'head_of_service']);
const ReadBody = ReportReadInput.extend({ version: versionField });

/** The children an arrangement (or, without one, the placement) concerns, for the audit. */
const childIdsOf = (p: PlacementRow, a: ArrangementWithPeople | null) => [...new Set([p.childId, ...(a?.people.flatMap((x) => (x.childId ? [x.childId] : [])) ?? [])])];

export function reviewPdfInput(
  p: Pick<PlacementRow, 'childFirstName' | 'childLastName' | 'childReference' | 'childDateOfBirth' | 'householdReference' | 'startDate'>,
  r: Pick<Review, 'heldOn' | 'recordedByName' | 'attendees' | 'progress' | 'reportIds' | 'decision' | 'periodEndsOn' | 'reasons' | 'createdAt'>,
  reports: readonly Pick<CarerReport, 'id' | 'dueOn' | 'receivedOn' | 'receivedFrom' | 'summary'>[],
  today: IsoDate,
): PdfDocumentInput {
  const child = `${p.childFirstName} ${p.childLastName} (${p.childReference})`;
  const considered = reports.filter((x) => r.reportIds.includes(x.id));
  return {
    title: 'Parent-and-child placement review',
    subtitle: `${child} with household ${p.householdReference}`,
    metadata: [
      { label: 'Child', value: child },
      { label: 'Date of birth', value: formatDate(p.childDateOfBirth) },
      { label: 'Household', value: p.householdReference },
      { label: 'Placement started', value: formatDate(p.startDate) },
      { label: 'Review held', value: formatDate(r.heldOn) },
      { label: 'Recorded by', value: r.recordedByName },
    ],
    sections: [
      { heading: 'Who attended', table: { caption: 'Attendees', columns: ['Name', 'Role'], rows: r.attendees.map((a) => [a.name, a.role]) } },
      {
        heading: 'Progress against each skill or capability',
        table: { caption: 'Progress', columns: ['Skill or capability', 'Progress', 'What was seen'], rows: r.progress.map((x) => [x.capability, PROGRESS_RATINGS[x.rating as keyof typeof PROGRESS_RATINGS] ?? x.rating, x.evidence]) },
      },
      considered.length
        ? { heading: "The carers' reports considered", list: considered.map((x) => `Due ${formatDate(x.dueOn)}, received ${formatDate(x.receivedOn)} from ${x.receivedFrom}: ${x.summary}`) }
        : { heading: "The carers' reports considered", paragraphs: ['None recorded.'] },
      { heading: 'Decision', fields: [{ label: 'Decision', value: decisionText(r.decision, r.periodEndsOn) }, { label: 'Reasons', value: r.reasons }] },
    ],
    footer: `OFFICIAL-SENSITIVE · Hearth · Parent-and-child placement review · ${formatDate(r.heldOn)} · printed ${formatDate(today)}`,
    author: r.recordedByName,
    createdAt: r.createdAt,
  };
}

export function createParentAndChildReviewService(db: Db, opts: { today?: () => IsoDate } = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  async function loadPlacement(tx: DbOrTx, placementId: string): Promise<PlacementRow> {
    const p = await repo.placementForOutcome(tx, placementId);
    if (!p) throw new NotFoundError('Placement');
    if (p.kind !== 'parent_and_child') throw new NotFoundError('Parent-and-child placement');
    return p;
  }

  async function arrangementOf(tx: DbOrTx, placementId: string): Promise<ArrangementWithPeople | null> {
    const id = await repo.arrangementIdOfPlacement(tx, placementId);
    return id ? ((await findArrangement(tx, id)) ?? null) : null;
  }

  async function load(tx: DbOrTx, placementId: string, day: IsoDate): Promise<Assessment> {
    const p = await loadPlacement(tx, placementId);
    const arrangement = await arrangementOf(tx, placementId);
    const plan = await repo.latestPlanContent(tx, placementId);
    const schedule = (await repo.reportScheduleOf(tx, placementId)) ?? null;
    const reports = await repo.carerReportsOf(tx, placementId);
    const events = await repo.reviewEventsOf(tx, placementId);
    return {
      placement: p,
      variant: planVariant(p.kind, arrangement?.people.filter((x) => x.role === 'parent').map((x) => x.inCare) ?? []),
      arrangement,
      plan: plan ? { number: plan.number, completedOn: plan.completedOn, capabilities: capabilitiesOf(plan.content) } : null,
      schedule,
      nextReportDue: schedule ? nextReportDue(schedule, reports.map((r) => r.dueOn)) : null,
      reports,
      reviews: await repo.reviewsOf(tx, placementId),
      currentPeriodEndsOn: assessmentPeriodEnd({ start: p.startDate, assessmentPeriodEndsOn: p.assessmentPeriodEndsOn }, events, day),
      outcome: (await repo.outcomeOf(tx, placementId)) ?? null,
    };
  }

  /** The assessment of a parent-and-child placement (audited as a view of each child's record). */
  async function get(ctx: Ctx, placementId: string): Promise<Assessment> {
    return db.transaction(async (tx) => {
      const a = await load(tx, placementId, today());
      await writeAudit(tx, ctx, {
        action: 'parent-and-child.assessment.viewed',
        subjectType: 'placement',
        subjectId: placementId,
        childIds: childIdsOf(a.placement, a.arrangement),
        details: { childId: a.placement.childId, childIds: childIdsOf(a.placement, a.arrangement), reports: a.reports.length, reviews: a.reviews.length },
      });
      return a;
    });
  }

  /** Record a carers' report received, against one of the days the plan's schedule gives. */
  async function recordReport(ctx: Ctx, placementId: string, raw: unknown): Promise<CarerReport> {
    const input = parseInput(CarerReportInput, raw);
    return db.transaction(async (tx) => {
      await repo.lockPlacement(tx, placementId);
      const a = await load(tx, placementId, today());
      const problems = carerReportProblems(input, { today: today(), placementStart: a.placement.startDate, schedule: a.schedule, receivedDueDays: a.reports.map((r) => r.dueOn) });
      if (problems.length) throw new ValidationError(problems);
      const id = await repo.insertCarerReport(tx, { placementId, childId: a.placement.childId, ...input, recordedBy: ctx.actor?.userId ?? null });
      await writeAudit(tx, ctx, {
        action: 'parent-and-child.report.recorded',
        subjectType: 'placement',
        subjectId: placementId,
        childIds: childIdsOf(a.placement, a.arrangement),
        details: { childId: a.placement.childId, childIds: childIdsOf(a.placement, a.arrangement), reportId: id, dueOn: input.dueOn, receivedOn: input.receivedOn },
      });
      return (await repo.findCarerReport(tx, id))!;
    });
  }

  /** Record that the child's social worker (or a manager) read a carers' report. */
  async function markRead(ctx: Ctx, placementId: string, reportId: string, raw: unknown): Promise<CarerReport> {
    if (!ctx.actor || !READERS.has(ctx.actor.role)) throw new ForbiddenError("Only the child's social worker or a manager can record a carers' report as read");
    const input = parseInput(ReadBody, raw);
    return db.transaction(async (tx) => {
      const p = await loadPlacement(tx, placementId);
      const report = await repo.findCarerReport(tx, reportId);
      if (!report || report.placementId !== placementId) throw new NotFoundError("Carers' report");
      if (report.version !== input.version) throw new StaleRecordError("Carers' report");
      const problems = reportReadProblems(input, report, today());
      if (problems.length) throw new ValidationError(problems);
      const result = await repo.markCarerReportRead(tx, reportId, input.version, { readOn: input.readOn, readBy: ctx.actor?.userId ?? null });
      if (result === 'stale') throw new StaleRecordError("Carers' report");
      if (result === 'missing') throw new NotFoundError("Carers' report");
      await writeAudit(tx, ctx, { action: 'parent-and-child.report.read', subjectType: 'placement', subjectId: placementId, details: { childId: p.childId, reportId, readOn: input.readOn } });
      return (await repo.findCarerReport(tx, reportId))!;
    });
  }

  /**
   * Record a placement review: records the event parent_and_child_review_held (with the new end when it
   * extends the assessment, so the next review's due date follows), links the reports considered and
   * files the review's PDF on the child's record.
   */
  async function recordReview(ctx: Ctx, placementId: string, raw: unknown): Promise<Review> {
    const input = parseInput(ReviewInput, raw);
    const day = today();
    return db.transaction(async (tx) => {
      await repo.lockPlacement(tx, placementId);
      const a = await load(tx, placementId, input.heldOn);
      const problems = reviewProblems(input, {
        today: day,
        placement: { start: a.placement.startDate, end: a.placement.endDate },
        currentPeriodEndsOn: a.currentPeriodEndsOn,
        capabilities: a.plan?.capabilities ?? [],
        reports: a.reports,
        outcomeRecorded: a.outcome !== null,
      });
      if (problems.length) throw new ValidationError(problems);
      const name = ctx.actor?.name ?? 'Hearth';
      const event = await insertRecordedChildEvent(tx, {
        childId: a.placement.childId,
        kind: 'parent_and_child_review_held',
        eventDate: input.heldOn,
        placementId,
        periodEndsOn: input.decision === 'extend' ? input.periodEndsOn : null,
        evidence: `Parent-and-child placement review recorded in Hearth by ${name}: ${decisionText(input.decision, input.periodEndsOn)}`,
        recordedBy: ctx.actor?.userId ?? null,
      });
      // The review is of the arrangement: it counts for every placement of it (the parent's own, when in care).
      for (const other of await repo.otherPlacementsOfArrangement(tx, placementId)) {
        await insertRecordedChildEvent(tx, {
          childId: other.childId,
          kind: 'parent_and_child_review_held',
          eventDate: input.heldOn,
          placementId: other.placementId,
          periodEndsOn: input.decision === 'extend' ? input.periodEndsOn : null,
          evidence: `Parent-and-child placement review recorded in Hearth by ${name}, on ${a.placement.childFirstName} ${a.placement.childLastName}'s placement: ${decisionText(input.decision, input.periodEndsOn)}`,
          recordedBy: ctx.actor?.userId ?? null,
        });
      }
      const id = await repo.insertReview(
        tx,
        {
          placementId,
          childId: a.placement.childId,
          heldOn: input.heldOn,
          attendees: input.attendees,
          progress: input.progress,
          decision: input.decision,
          periodEndsOn: input.decision === 'extend' ? input.periodEndsOn : null,
          reasons: input.reasons,
          eventId: event.id,
          recordedBy: ctx.actor?.userId ?? null,
          recordedByName: name,
        },
        [...new Set(input.reportIds)],
      );
      const review = (await repo.reviewsOf(tx, placementId)).find((r) => r.id === id)!;
      const pdf = await renderPdf(reviewPdfInput(a.placement, review, a.reports, day));
      const doc = await insertChildDocument(tx, {
        childId: a.placement.childId,
        placementId,
        title: `Parent-and-child placement review (${formatDate(input.heldOn)})`,
        fileName: `${a.placement.childReference}-parent-and-child-review-${input.heldOn}.pdf`,
        contentType: PDF_TYPE,
        sizeBytes: pdf.byteLength,
        content: pdf,
        createdBy: ctx.actor?.userId ?? null,
      });
      await repo.setReviewDocument(tx, id, doc.id);
      await writeAudit(tx, ctx, {
        action: 'parent-and-child.review.recorded',
        subjectType: 'placement',
        subjectId: placementId,
        childIds: childIdsOf(a.placement, a.arrangement),
        details: { childId: a.placement.childId, childIds: childIdsOf(a.placement, a.arrangement), reviewId: id, heldOn: input.heldOn, decision: input.decision, periodEndsOn: input.periodEndsOn, documentId: doc.id },
      });
      return { ...review, documentId: doc.id };
    });
  }

  /** The people the outcome concerns: the arrangement's, or without one the placement's child alone, in care. */
  async function outcomePeople(tx: DbOrTx, a: Assessment, day: IsoDate): Promise<OutcomePerson[]> {
    const statusOf = async (childId: string) => {
      const statuses = await repo.legalStatusesOf(tx, childId);
      const s = currentLegalStatus(statuses, day);
      return s ? { id: s.id, code: s.code } : null;
    };
    if (!a.arrangement) {
      return [{ role: 'child', name: `${a.placement.childFirstName} ${a.placement.childLastName}`, childId: a.placement.childId, dateOfBirth: a.placement.childDateOfBirth, inCare: true, placementId: a.placement.id, legalStatus: await statusOf(a.placement.childId) }];
    }
    const out: OutcomePerson[] = [];
    for (const x of a.arrangement.people) {
      out.push({ role: x.role, name: x.name, childId: x.childId, dateOfBirth: x.dateOfBirth, inCare: x.inCare, placementId: x.placementId, legalStatus: x.childId ? await statusOf(x.childId) : null });
    }
    return out;
  }

  /** Apply one change the outcome implies, each audited in its own right. */
  async function apply(tx: DbOrTx, ctx: Ctx, c: OutcomeChange, day: IsoDate): Promise<{ change: OutcomeChange; requestId?: string; requestReference?: string }> {
    if (c.kind === 'end_legal_status') {
      const statuses = await repo.legalStatusesOf(tx, c.childId);
      const period = statuses.find((s) => s.id === c.legalStatusId);
      if (!period) throw new NotFoundError('Legal status');
      const problems = endLegalStatusProblems(period, c.endOn, day);
      if (problems.length) throw new ValidationError(problems.map((p) => ({ field: 'decidedOn', message: `The legal status ${period.code}: ${p.message.charAt(0).toLowerCase()}${p.message.slice(1)}` })));
      await endLegalStatusOn(tx, period.id, c.endOn);
      await writeAudit(tx, ctx, { action: 'child.legal-status.ended', subjectType: 'child', subjectId: c.childId, details: { legalStatusId: period.id, code: period.code, endDate: c.endOn } });
      if (!(await legalStatusStartingOn(tx, c.childId, c.endOn)) && !(await careEndingOn(tx, c.childId, c.endOn))) {
        const ending = await insertCareEnding(tx, { childId: c.childId, endedOn: c.endOn, reason: c.careEndedReason, recordedBy: ctx.actor?.userId ?? null });
        await writeAudit(tx, ctx, { action: 'care-ending.recorded', subjectType: 'child', subjectId: c.childId, details: { careEndingId: ending.id, endedOn: ending.endedOn, reason: ending.reason } });
      }
      return { change: c };
    }
    if (c.kind === 'end_placement') {
      const p = await repo.placementForOutcome(tx, c.placementId);
      if (!p) throw new NotFoundError('Placement');
      if (p.endDate && p.endDate <= c.endOn) return { change: c };
      // The one ending gate: the child leaving care that day allows it (src/domain/placements/moves.ts).
      const e = await checkEnding(tx, { id: p.id, childId: p.childId, placementType: p.placementType }, c.endOn, c.reasonEnded, 'decidedOn');
      const status = c.endOn <= day ? 'ended' : 'active';
      await repo.endPlacementOn(tx, p.id, { endDate: c.endOn, reasonEnded: c.reasonEnded, status, endingBasis: e.basis, moveRequestId: e.moveRequestId });
      await writeAudit(tx, ctx, { action: 'placement.updated', subjectType: 'placement', subjectId: p.id, details: { childId: p.childId, fields: ['endDate', 'reasonEnded', 'status'], status, reasonEnded: c.reasonEnded, endingBasis: e.basis } });
      return { change: c };
    }
    if (c.kind === 'start_legal_status') {
      const existing = await repo.legalStatusesOf(tx, c.childId);
      const who = await findChild(tx, c.childId);
      if (!who) throw new NotFoundError('Child');
      const problems = legalStatusProblems({ code: c.code, startDate: c.startOn, endDate: null }, existing, { dateOfBirth: who.dateOfBirth }, day);
      if (problems.length) throw new ValidationError(problems.map((x) => ({ field: c.code === 'V2' ? 's20AgreedOn' : 'interimCareOrderOn', message: `${LEGAL_STATUS[c.code]}: ${x.message}` })));
      const row = await insertLegalStatus(tx, { childId: c.childId, code: c.code, startDate: c.startOn, endDate: null });
      await writeAudit(tx, ctx, { action: 'child.legal-status.added', subjectType: 'child', subjectId: c.childId, details: { legalStatusId: row.id, code: row.code, startDate: row.startDate, endDate: row.endDate } });
      return { change: c };
    }
    const r = await startDraftRequestIn(tx, ctx, c.childId, `Started by the outcome of a parent-and-child placement: ${c.why}`);
    return { change: c, requestId: r.id, requestReference: r.reference };
  }

  /** Record the outcome (7.1 to 7.5) and make every change it implies, in one transaction. */
  async function recordOutcome(ctx: Ctx, placementId: string, raw: unknown): Promise<Outcome> {
    const input = parseInput(OutcomeInput, raw);
    const day = today();
    return db.transaction(async (tx) => {
      await repo.lockPlacement(tx, placementId);
      const a = await load(tx, placementId, input.decidedOn);
      if (a.outcome) throw new ValidationError([{ field: 'form', message: `The outcome of this placement was already recorded on ${formatDate(a.outcome.decidedOn)}` }]);
      const people = await outcomePeople(tx, a, input.decidedOn);
      const { problems, changes } = outcomeChanges(input, people, { today: day, placementStart: a.placement.startDate });
      if (problems.length) throw new ValidationError(problems);
      const applied = [];
      for (const c of changes) applied.push(await apply(tx, ctx, c, day));
      const names = new Map(people.flatMap((x) => (x.childId ? [[x.childId, x.name] as const] : [])));
      const lastReview = a.reviews[a.reviews.length - 1];
      const { outcome, decidedOn, reasons, ...rest } = input;
      const id = await repo.insertOutcome(tx, {
        placementId,
        childId: a.placement.childId,
        reviewId: lastReview && lastReview.decision !== 'extend' ? lastReview.id : null,
        outcome,
        decidedOn,
        details: Object.fromEntries(Object.entries({ reasons, ...rest }).filter(([, v]) => v !== null && v !== '')) as Record<string, string>,
        changes: applied.map((x) => ({ ...x.change, text: describeChange(x.change, names), ...(x.requestId ? { requestId: x.requestId, requestReference: x.requestReference } : {}) })),
        placementRequestId: applied.find((x) => x.requestId && x.change.childId === a.placement.childId)?.requestId ?? applied.find((x) => x.requestId)?.requestId ?? null,
        recordedBy: ctx.actor?.userId ?? null,
        recordedByName: ctx.actor?.name ?? 'Hearth',
      });
      // The assessment is over: no further review of it is due, on any placement of the arrangement.
      const others = await repo.otherPlacementsOfArrangement(tx, placementId);
      await repo.insertAssessmentEnds(tx, [{ placementId, childId: a.placement.childId, outcomeId: id, endedOn: decidedOn }, ...others.map((o) => ({ ...o, outcomeId: id, endedOn: decidedOn }))]);
      // The outcome ends the arrangement too (7.1 to 7.5): whatever follows is a new placement or none.
      const arrangementEnded = a.arrangement ? await endArrangement(tx, a.arrangement.id, decidedOn) : false;
      await writeAudit(tx, ctx, {
        action: 'parent-and-child.outcome.recorded',
        subjectType: 'placement',
        subjectId: placementId,
        childIds: childIdsOf(a.placement, a.arrangement),
        details: { childId: a.placement.childId, childIds: childIdsOf(a.placement, a.arrangement), outcomeId: id, outcome, decidedOn, changes: changes.map((c) => c.kind), ...(arrangementEnded && a.arrangement ? { arrangementEnded: { id: a.arrangement.id, endDate: decidedOn } } : {}) },
      });
      return (await repo.outcomeOf(tx, placementId))!;
    });
  }

  /**
   * An interim care order granted after an unsuccessful outcome recorded with a court order only sought
   * (7.5): the child becomes looked after under it (C1) from that day, and a placement request starts.
   */
  async function recordInterimCareOrder(ctx: Ctx, placementId: string, raw: unknown): Promise<Outcome> {
    const input = parseInput(InterimCareOrderInput, raw);
    const day = today();
    return db.transaction(async (tx) => {
      await repo.lockPlacement(tx, placementId);
      const a = await load(tx, placementId, input.interimCareOrderOn);
      if (!a.outcome) throw new ValidationError([{ field: 'interimCareOrderOn', message: 'Record the outcome of the placement first' }]);
      const people = await outcomePeople(tx, a, input.interimCareOrderOn);
      const { problems, changes } = interimCareOrderChanges(a.outcome, input.interimCareOrderOn, people, { today: day, placementStart: a.placement.startDate });
      if (problems.length) throw new ValidationError(problems);
      const applied = [];
      for (const c of changes) applied.push(await apply(tx, ctx, c, day));
      const names = new Map(people.flatMap((x) => (x.childId ? [[x.childId, x.name] as const] : [])));
      await repo.updateOutcome(tx, a.outcome.id, {
        details: { ...a.outcome.details, interimCareOrderOn: input.interimCareOrderOn },
        changes: [...a.outcome.changes, ...applied.map((x) => ({ ...x.change, text: describeChange(x.change, names), ...(x.requestId ? { requestId: x.requestId, requestReference: x.requestReference } : {}) }))],
        placementRequestId: a.outcome.placementRequestId ?? applied.find((x) => x.requestId)?.requestId ?? null,
      });
      await writeAudit(tx, ctx, {
        action: 'parent-and-child.interim-care-order.recorded',
        subjectType: 'placement',
        subjectId: placementId,
        childIds: childIdsOf(a.placement, a.arrangement),
        details: { childId: a.placement.childId, outcomeId: a.outcome.id, interimCareOrderOn: input.interimCareOrderOn, changes: changes.map((c) => c.kind) },
      });
      return (await repo.outcomeOf(tx, placementId))!;
    });
  }

  return { get, recordReport, markRead, recordReview, recordOutcome, recordInterimCareOrder, today };
}

export type ParentAndChildReviewService = ReturnType<typeof createParentAndChildReviewService>;
export const ReportReadBody = ReadBody;
