import type { Db, DbOrTx } from '../data/db.ts';
import * as planning from '../data/repositories/planning.ts';
import { insertChildEvent, type NewChildEventRow } from '../data/repositories/children.ts';
import { carerNames, memberNamesOfHousehold } from '../data/repositories/households.ts';
import { activeStaff, activeUserIds, userNames as userNameRows } from '../data/repositories/users.ts';
import { writeAudit } from '../audit/writer.ts';
import { childAccessFor, keepReadable } from './readable.ts';
import { formatDate, todayInEngland, type IsoDate } from '../domain/dates.ts';
import { KIND_SPECS, mayWrite, mayWriteFor, type PlanningKind, DELEGATED_DECISIONS } from '../domain/planning/kinds.ts';
import { completedOn, completionProblems, extraFocusReasons, parseDraft, rowsOf, sameContent, textOf, type Content, type Problem } from '../domain/planning/content.ts';
import { printableSections } from '../domain/planning/printable.ts';
import { planVariant, reportScheduleOf, type PlanVariant } from '../domain/planning/parent-and-child-plan.ts';
import { otherPlacementsOfArrangement, parentsInCareOfPlacement, placementKindOf, upsertReportSchedule } from '../data/repositories/parent-and-child-reviews.ts';
import { ROLE_LABELS, isRole } from '../domain/access/index.ts';
import { z } from 'zod';
import { isoDate, optionalText, text, version as versionField } from '../domain/records/fields.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';
import { renderPdf, type PdfDocumentInput } from './pdf.ts';

export type PlanningDocumentRow = planning.PlanningDocumentRow;
export type PlanningVersionRow = planning.PlanningVersionRow;
export type TaskRow = planning.TaskRow;

/** The placement a planning record belongs to, with what its pages show about the child and carers. */
export type PlanningPlacement = {
  id: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  status: string;
  emergency: boolean;
  child: { id: string; reference: string; firstName: string; lastName: string; dateOfBirth: IsoDate; socialWorkerId: string | null };
  household: { id: string; reference: string; carers: string[]; supervisingSocialWorkerId: string | null };
  /** A parent-and-child placement's plan has the procedure's own sections, as the parent is in care or not; null for any other placement. */
  variant: PlanVariant | null;
};

export type PlanningRecord = {
  placement: PlanningPlacement;
  kind: PlanningKind;
  /** Null until someone saves a draft. */
  document: PlanningDocumentRow | null;
  /** What the form shows: the draft, or a suggested start for a new one. */
  content: Content;
  versions: PlanningVersionRow[];
  /** What still stops completion (shown before the user tries). */
  problems: Problem[];
  /** Why this child needs additional focus in the support plan. */
  extraFocusReasons: string[];
  staff: { id: string; name: string; role: string }[];
  /** Whether this person may write this record (their role and the child's allocation: mayWriteFor). */
  mayWrite: boolean;
  /** The placement request the placement was matched from, with the risks the child's social worker described (the risk assessment starts from them). */
  fromRequest: { id: string; reference: string; risks: { riskToSelf: string; riskFromOthers: string; riskToOthers: string } } | null;
};

const PDF_TYPE = 'application/pdf';

/** A cancelled placement never started: it has no first weeks to record. */
function assertNotCancelled(p: PlanningPlacement) {
  if (p.status === 'cancelled') throw new ValidationError([{ field: 'form', message: 'This placement was cancelled: there is nothing to plan for it' }]);
}

function placementOrNotFound<T>(row: T | undefined): T {
  if (!row) throw new NotFoundError('Placement');
  return row;
}

/** What a completed version's PDF shows: the key facts, then the record's sections as printed. */
export function planningPdfInput(
  p: Pick<PlanningPlacement, 'startDate'> & { variant?: PlanVariant | null } & { child: Pick<PlanningPlacement['child'], 'firstName' | 'lastName' | 'reference' | 'dateOfBirth'>; household: Pick<PlanningPlacement['household'], 'reference' | 'carers'> },
  kind: PlanningKind,
  v: Pick<PlanningVersionRow, 'number' | 'content' | 'completedOn' | 'completedByName' | 'createdAt'>,
  userNames: ReadonlyMap<string, string>,
): PdfDocumentInput {
  const spec = KIND_SPECS[kind];
  const child = `${p.child.firstName} ${p.child.lastName} (${p.child.reference})`;
  return {
    title: spec.title,
    subtitle: `${child} with household ${p.household.reference}`,
    metadata: [
      { label: 'Child', value: child },
      { label: 'Date of birth', value: formatDate(p.child.dateOfBirth) },
      { label: 'Carers', value: p.household.carers.join(' and ') || `Household ${p.household.reference}` },
      { label: 'Placement started', value: formatDate(p.startDate) },
      { label: 'Version', value: String(v.number) },
      { label: kind === 'ppm' || kind === 'psm' ? 'Meeting held' : 'Completed', value: `${formatDate(v.completedOn)} by ${v.completedByName}` },
    ],
    sections: printableSections(kind, v.content as Content, userNames, p.variant ?? null),
    footer: `OFFICIAL-SENSITIVE · Hearth · ${spec.title} · version ${v.number}`,
    author: v.completedByName,
    createdAt: v.createdAt,
  };
}

/** The file a version's PDF is filed as on the child's record. */
export function planningPdfFile(childReference: string, kind: PlanningKind, number: number, completedOn: IsoDate) {
  return { title: `${KIND_SPECS[kind].title}, version ${number} (${formatDate(completedOn)})`, fileName: `${childReference}-${kind.replace(/_/g, '-')}-v${number}.pdf` };
}

/**
 * The records of a placement's first weeks: drafts saved and versions completed, each
 * change in one transaction with its audit row; completing a version records the event that
 * completes its obligation, turns a meeting's agreed actions into tasks and files the PDF on the
 * child's record.
 */
export function createPlanningService(db: Db, opts: { today?: () => IsoDate } = {}) {
  const today = opts.today ?? (() => todayInEngland(new Date()));

  async function loadPlacement(tx: DbOrTx, placementId: string): Promise<PlanningPlacement> {
    const row = await planning.findPlanningPlacement(tx, placementId);
    const r = placementOrNotFound(row);
    const carers = await carerNames(tx, r.h.id);
    return { ...r.p, child: r.c, household: { ...r.h, carers: carers.map((c) => `${c.firstName} ${c.lastName}`) }, variant: await variantOf(tx, placementId) };
  }

  /** Which plan a parent-and-child placement needs (Parent and child fostering procedure, 5.4). */
  async function variantOf(tx: DbOrTx, placementId: string): Promise<PlanVariant | null> {
    const kind = await placementKindOf(tx, placementId);
    return planVariant(kind, kind === 'parent_and_child' ? await parentsInCareOfPlacement(tx, placementId) : []);
  }

  async function staff(tx: DbOrTx) {
    const rows = await activeStaff(tx);
    return rows.map((r) => ({ id: r.id, name: r.name, role: isRole(r.role) ? ROLE_LABELS[r.role] : r.role }));
  }

  async function userNames(tx: DbOrTx, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter(Boolean))];
    if (!unique.length) return new Map();
    const rows = await userNameRows(tx, unique);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Placements of the child earlier in this period of care (since the last time care ended before this placement). */
  async function earlierPlacements(tx: DbOrTx, p: PlanningPlacement): Promise<number> {
    const since = await planning.lastCareEndingBefore(tx, p.child.id, p.startDate);
    const rows = await planning.otherPlacementsStartedBefore(tx, p.child.id, p.id, p.startDate);
    return rows.filter((r) => since === null || r.startDate > since).length;
  }

  async function documentOf(tx: DbOrTx, placementId: string, kind: PlanningKind, lock = false) {
    const row = await planning.findPlanningDocument(tx, placementId, kind, lock);
    return row ?? null;
  }

  async function versionsOf(tx: DbOrTx, documentId: string) {
    return planning.versionsOfDocument(tx, documentId);
  }

  /** A suggested start for a new record, from what Hearth already knows (names of the people, the usual decisions). */
  async function suggestedContent(tx: DbOrTx, p: PlanningPlacement, kind: PlanningKind, fromRequest: PlanningRecord['fromRequest'] = null): Promise<Content> {
    const names = await userNames(tx, [p.child.socialWorkerId ?? '', p.household.supervisingSocialWorkerId ?? '']);
    const sw = p.child.socialWorkerId ? (names.get(p.child.socialWorkerId) ?? '') : '';
    const ssw = p.household.supervisingSocialWorkerId ? (names.get(p.household.supervisingSocialWorkerId) ?? '') : '';
    const blankRow = (fields: Record<string, string>) => fields;
    if (kind === 'ppm') {
      return {
        venue: 'carers_home',
        chair: ssw,
        attendees: [
          ...p.household.carers.map((name) => blankRow({ name, role: 'foster_carer', attendance: '', reason: '' })),
          blankRow({ name: sw, role: 'childs_social_worker', attendance: '', reason: '' }),
          blankRow({ name: ssw, role: 'supervising_social_worker', attendance: '', reason: '' }),
          blankRow({ name: p.child.firstName, role: 'child', attendance: '', reason: '' }),
          blankRow({ name: '', role: 'birth_parent', attendance: '', reason: '' }),
        ],
      };
    }
    if (kind === 'delegated_authority') {
      return {
        occasion: 'placement_planning_meeting',
        decisions: Object.keys(DELEGATED_DECISIONS)
          .filter((k) => k !== 'other')
          .map((area) => blankRow({ area, detail: '', decider: '', namedCarer: '', reason: '', parentUnderstands: '' })),
      };
    }
    if (kind === 'risk_assessment') {
      const members = await memberNamesOfHousehold(tx, p.household.id);
      const word = { carer: 'foster carer', carer_child: "carers' child", other_child: 'child living in the home', other_adult: 'adult living in the home' } as const;
      // The three risks start from what the child's social worker wrote on the placement request (Placement planning guidance, Best Practice 7).
      const start = (said: string | undefined) => (said ? `On the placement request: ${said}` : '');
      return {
        riskToSelf: start(fromRequest?.risks.riskToSelf),
        riskFromOthers: start(fromRequest?.risks.riskFromOthers),
        riskToOthers: start(fromRequest?.risks.riskToOthers),
        people: members.map((m) => blankRow({ person: `${m.firstName} ${m.lastName} (${word[m.kind]})`, impact: '' })),
      };
    }
    return {};
  }

  /** The request this placement was confirmed from, if it came through matching. */
  async function requestOf(tx: DbOrTx, placementId: string): Promise<PlanningRecord['fromRequest']> {
    const row = await planning.requestOfPlacement(tx, placementId);
    if (!row) return null;
    const said = (k: string) => (typeof row.risks[k] === 'string' ? (row.risks[k] as string) : '');
    return { id: row.id, reference: row.reference, risks: { riskToSelf: said('riskToSelf'), riskFromOthers: said('riskFromOthers'), riskToOthers: said('riskToOthers') } };
  }

  /** The placement's latest completed initial support plan version, and whether a meeting already reviewed it. */
  async function latestSupportPlan(tx: DbOrTx, placementId: string) {
    const doc = await documentOf(tx, placementId, 'support_plan');
    if (!doc || doc.issuedVersion === 0) return null;
    const [latest] = await versionsOf(tx, doc.id);
    if (!latest) return null;
    return { id: latest.id, number: latest.number, completedOn: latest.completedOn, reviewedAtEarlierMeeting: await planning.isVersionReviewed(tx, latest.id) };
  }

  async function completionContext(tx: DbOrTx, p: PlanningPlacement) {
    const da = await documentOf(tx, p.id, 'delegated_authority');
    const plan = await latestSupportPlan(tx, p.id);
    // Held as recorded through the minutes or directly (a meeting recorded before Hearth kept minutes).
    const heldOn = await planning.firstMeetingHeld(tx, p.id);
    return {
      today: today(),
      delegatedAuthorityCompleted: !!da && da.issuedVersion > 0,
      meetingHeldOn: heldOn,
      extraFocusReasons: extraFocusReasons({ dateOfBirth: p.child.dateOfBirth, placementStart: p.startDate, earlierPlacementsThisPeriod: await earlierPlacements(tx, p) }),
      latestSupportPlan: plan ? { number: plan.number, completedOn: plan.completedOn, reviewedAtEarlierMeeting: plan.reviewedAtEarlierMeeting } : null,
    };
  }

  async function get(ctx: Ctx, placementId: string, kind: PlanningKind): Promise<PlanningRecord> {
    return db.transaction(async (tx) => {
      const p = await loadPlacement(tx, placementId);
      const document = await documentOf(tx, placementId, kind);
      const fromRequest = kind === 'risk_assessment' || kind === 'ppm' ? await requestOf(tx, placementId) : null;
      const content = document ? (document.content as Content) : await suggestedContent(tx, p, kind, fromRequest);
      const cc = await completionContext(tx, p);
      await writeAudit(tx, ctx, { action: 'planning.viewed', subjectType: 'placement', subjectId: placementId, details: { childId: p.child.id, kind } });
      return {
        placement: p,
        kind,
        document,
        content,
        versions: document ? await versionsOf(tx, document.id) : [],
        problems: completionProblems(kind, content, cc, p.variant),
        extraFocusReasons: cc.extraFocusReasons,
        staff: await staff(tx),
        fromRequest,
        mayWrite: (await writableKinds(tx, ctx, p.child.id)).includes(kind),
      };
    });
  }

  function assertMayWrite(ctx: Ctx, kind: PlanningKind) {
    if (!ctx.actor || !mayWrite(kind, ctx.actor.role)) {
      throw new ForbiddenError(`Only ${KIND_SPECS[kind].writtenBy.toLowerCase()} or a manager can write the ${KIND_SPECS[kind].title.toLowerCase()}`);
    }
  }

  /** The kinds this person may write for this child: their role's, as the allocation allows (mayWriteFor). */
  async function writableKinds(tx: DbOrTx, ctx: Ctx, childId: string): Promise<PlanningKind[]> {
    const access = await childAccessFor(tx, ctx, childId);
    if (!ctx.actor || !access) return [];
    const role = ctx.actor.role;
    return (Object.keys(KIND_SPECS) as PlanningKind[]).filter((k) => mayWriteFor(k, role, access.level));
  }

  /** Refuses a writer the allocation does not let write this child's record of this kind. */
  async function assertWriterOf(tx: DbOrTx, ctx: Ctx, kind: PlanningKind, childId: string) {
    if (!(await writableKinds(tx, ctx, childId)).includes(kind)) {
      throw new ForbiddenError(`Only ${KIND_SPECS[kind].writtenBy.toLowerCase()} (the one allocated, their team or their manager) can write this ${KIND_SPECS[kind].title.toLowerCase()}`);
    }
  }

  /** Save the draft. `version` is the draft's row version as the user opened it (0 for a new record). */
  async function saveDraft(ctx: Ctx, placementId: string, kind: PlanningKind, version: number, raw: unknown): Promise<PlanningDocumentRow> {
    const content = await checkedDraft(ctx, kind, raw, await variantOf(db, placementId));
    return db.transaction((tx) => saveDraftIn(tx, ctx, placementId, kind, version, content));
  }

  /** The draft as posted, checked: refused with every problem. */
  async function checkedDraft(ctx: Ctx, kind: PlanningKind, raw: unknown, variant: PlanVariant | null): Promise<Content> {
    assertMayWrite(ctx, kind);
    const { content, problems } = parseDraft(kind, raw, variant);
    if (problems.length) throw new ValidationError(problems);
    await checkStaff(content, kind);
    return content;
  }

  /**
   * Save what is on the page, then complete a version from it (the page's "Complete this version",
   * "Mark the meeting as held"…): one transaction, so a refused completion saves nothing and the page
   * shows the user's own text back with every reason.
   */
  async function saveAndComplete(ctx: Ctx, placementId: string, kind: PlanningKind, version: number, raw: unknown): Promise<PlanningVersionRow> {
    const content = await checkedDraft(ctx, kind, raw, await variantOf(db, placementId));
    return db.transaction(async (tx) => {
      const row = await saveDraftIn(tx, ctx, placementId, kind, version, content);
      return completeIn(tx, ctx, placementId, kind, row.version);
    });
  }

  async function saveDraftIn(tx: DbOrTx, ctx: Ctx, placementId: string, kind: PlanningKind, version: number, content: Content): Promise<PlanningDocumentRow> {
    const p = await loadPlacement(tx, placementId);
    await assertWriterOf(tx, ctx, kind, p.child.id);
    assertNotCancelled(p);
    const existing = await documentOf(tx, placementId, kind, true);
    let row: PlanningDocumentRow | undefined;
    if (!existing) {
      if (version !== 0) throw new StaleRecordError('Record');
      row = await planning.insertPlanningDocument(tx, { placementId, childId: p.child.id, kind, content, updatedBy: ctx.actor?.userId ?? null });
      if (!row) throw new StaleRecordError('Record');
    } else {
      // Back to what the latest version says: nothing is left to complete.
      const [latest] = existing.issuedVersion > 0 ? await versionsOf(tx, existing.id) : [];
      const unissued = !latest || !sameContent(latest.content as Content, content);
      const result = await planning.updatePlanningDocument(tx, existing.id, version, { content, hasUnissuedChanges: unissued, updatedBy: ctx.actor?.userId ?? null });
      if (result !== 'updated') throw new StaleRecordError('Record');
      row = (await documentOf(tx, placementId, kind))!;
    }
    const before = (existing?.content ?? {}) as Content;
    const changed = Object.keys(content).filter((k) => !sameContent({ v: content[k] ?? '' }, { v: before[k] ?? (Array.isArray(content[k]) ? [] : '') }));
    await writeAudit(tx, ctx, { action: 'planning.draft-saved', subjectType: 'placement', subjectId: placementId, details: { childId: p.child.id, kind, fields: changed } });
    return row;
  }

  /** Owners chosen from the staff list must be real, active members of staff. */
  async function checkStaff(content: Content, kind: PlanningKind) {
    if (kind !== 'ppm' && kind !== 'psm') return;
    const ids = rowsOf(content, 'actions').map((a) => a.ownerUserId ?? '').filter(Boolean);
    if (!ids.length) return;
    const found = await activeUserIds(db, ids);
    const known = new Set(found.map((f) => f.id));
    const problems = rowsOf(content, 'actions').flatMap((a, i) =>
      a.ownerUserId && !known.has(a.ownerUserId) ? [{ field: `actions.${i}.ownerUserId`, message: `Action ${i + 1}: select the owner from the list` }] : [],
    );
    if (problems.length) throw new ValidationError(problems);
  }

  /**
   * Complete a version of the record from its saved draft (for the meeting: mark it held). Refused,
   * with every reason, until the record is complete; refused as stale if the draft changed since the
   * user opened it.
   */
  async function complete(ctx: Ctx, placementId: string, kind: PlanningKind, version: number): Promise<PlanningVersionRow> {
    assertMayWrite(ctx, kind);
    return db.transaction((tx) => completeIn(tx, ctx, placementId, kind, version));
  }

  async function completeIn(tx: DbOrTx, ctx: Ctx, placementId: string, kind: PlanningKind, version: number): Promise<PlanningVersionRow> {
    const spec = KIND_SPECS[kind];
    const p = await loadPlacement(tx, placementId);
    await assertWriterOf(tx, ctx, kind, p.child.id);
    assertNotCancelled(p);
    const doc = await documentOf(tx, placementId, kind, true);
    if (!doc) throw new ValidationError([{ field: 'form', message: `Save the ${spec.title.toLowerCase()} before completing it` }]);
    if (doc.version !== version) throw new StaleRecordError('Record');
    if (!doc.hasUnissuedChanges) throw new ValidationError([{ field: 'form', message: `Version ${doc.issuedVersion} already holds every change: change the record before completing a new version` }]);
    const content = doc.content as Content;
    const problems = completionProblems(kind, content, await completionContext(tx, p), p.variant);
    if (problems.length) throw new ValidationError(problems);
    const day = completedOn(kind, content, today());
    const number = doc.issuedVersion + 1;
    const actorName = ctx.actor?.name ?? 'Hearth';
    const v = await planning.insertPlanningVersion(tx, { documentId: doc.id, number, content, completedOn: day, completedBy: ctx.actor?.userId ?? null, completedByName: actorName });
    await planning.markDocumentIssued(tx, doc, number, ctx.actor?.userId ?? null);
    const evidence = `${spec.title} version ${number}, completed in Hearth by ${actorName}`;
    // A Placement Support Meeting that agreed to meet again keeps that date on its event: the next meeting is due by it.
    const nextMeetingOn = kind === 'psm' && typeof content.nextMeetingOn === 'string' && content.nextMeetingOn ? content.nextMeetingOn : null;
    const event = async (kindOfEvent: NewChildEventRow['kind'], scope: 'placement' | 'child') =>
      insertChildEvent(tx, { childId: p.child.id, kind: kindOfEvent, eventDate: day, placementId: scope === 'placement' ? p.id : null, periodEndsOn: nextMeetingOn, evidence, recordedBy: ctx.actor?.userId ?? null });
    if (spec.event && (number === 1 || spec.versionIsMeeting)) await event(spec.event.kind, spec.event.scope);
    // One placement plan covers the parent and the child (Parent and child fostering procedure, 5.4): it completes the plan of every placement of the arrangement.
    if (kind === 'placement_plan' && p.variant && number === 1) {
      for (const other of await otherPlacementsOfArrangement(tx, p.id)) {
        await insertChildEvent(tx, { childId: other.childId, kind: 'placement_plan_completed', eventDate: day, placementId: other.placementId, evidence: `${evidence}, on ${p.child.firstName} ${p.child.lastName}'s placement: one plan covers parent and child`, recordedBy: ctx.actor?.userId ?? null });
      }
    }
    // A Placement Support Meeting reviews the initial support plan: the version reviewed at it is linked to the meeting.
    if (kind === 'psm') {
      const plan = await latestSupportPlan(tx, p.id);
      if (plan) await planning.linkReviewedVersion(tx, v.id, plan.id);
    }
    // A delegated authority record reviewed at a looked-after review completes that review's obligation.
    if (kind === 'delegated_authority' && textOf(content, 'occasion') === 'looked_after_review') await event('delegated_authority_reviewed', 'placement');
    let tasks = 0;
    if (kind === 'ppm' || kind === 'psm') tasks = await createTasks(tx, p, v, content);
    // A parent-and-child plan's reporting schedule: each carers' report due becomes an obligation (Parent and child fostering procedure, 5.1).
    const schedule = kind === 'placement_plan' && p.variant ? reportScheduleOf(content) : null;
    if (schedule) await upsertReportSchedule(tx, { placementId: p.id, childId: p.child.id, frequency: schedule.frequency, firstDueOn: schedule.firstDueOn, planVersionId: v.id });
    let filed: string | null = null;
    if (spec.pdf) filed = await filePdf(tx, ctx, p, kind, v);
    await writeAudit(tx, ctx, {
      action: 'planning.completed',
      subjectType: 'placement',
      subjectId: placementId,
      details: { childId: p.child.id, kind, versionNumber: number, completedOn: day, tasksCreated: tasks, documentId: filed },
    });
    return v;
  }

  async function createTasks(tx: DbOrTx, p: PlanningPlacement, v: PlanningVersionRow, content: Content): Promise<number> {
    const actions = rowsOf(content, 'actions');
    if (!actions.length) return 0;
    const names = await userNames(tx, actions.map((a) => a.ownerUserId ?? ''));
    await planning.insertTasks(
      tx,
      actions.map((a) => ({
        placementId: p.id,
        childId: p.child.id,
        sourceVersionId: v.id,
        description: a.description ?? '',
        ownerUserId: a.ownerUserId || null,
        ownerName: (a.ownerUserId ? names.get(a.ownerUserId) : null) ?? a.ownerName ?? '',
        dueOn: a.dueOn ?? v.completedOn,
      })),
    );
    return actions.length;
  }

  async function pdfFor(tx: DbOrTx, p: PlanningPlacement, kind: PlanningKind, v: PlanningVersionRow): Promise<Buffer> {
    const names = await userNames(tx, rowsOf(v.content as Content, 'actions').map((a) => a.ownerUserId ?? ''));
    return renderPdf(planningPdfInput(p, kind, v, names));
  }

  async function filePdf(tx: DbOrTx, ctx: Ctx, p: PlanningPlacement, kind: PlanningKind, v: PlanningVersionRow): Promise<string> {
    const pdf = await pdfFor(tx, p, kind, v);
    const row = await planning.insertChildDocument(tx, {
      childId: p.child.id,
      placementId: p.id,
      documentVersionId: v.id,
      ...planningPdfFile(p.child.reference, kind, v.number, v.completedOn),
      contentType: PDF_TYPE,
      sizeBytes: pdf.byteLength,
      content: pdf,
      createdBy: ctx.actor?.userId ?? null,
    });
    return row.id;
  }

  async function versionOf(tx: DbOrTx, placementId: string, kind: PlanningKind, number: number, lock = false) {
    const v = await planning.findPlanningVersion(tx, placementId, kind, number, lock);
    if (!v) throw new NotFoundError('Version');
    return v;
  }

  const shareSchema = z.object({ sharedOn: isoDate('the date it was shared'), sharedWith: text('who it was shared with', 500), version: versionField });
  const acknowledgeSchema = z.object({
    acknowledgedOn: isoDate('the date the carers acknowledged it'),
    acknowledgedBy: text('which carers acknowledged it'),
    acknowledgementNote: optionalText('how they acknowledged it', 500),
    version: versionField,
  });

  async function updateVersion(
    ctx: Ctx,
    placementId: string,
    kind: PlanningKind,
    number: number,
    values: Partial<PlanningVersionRow>,
    expected: number,
    action: 'planning.shared' | 'planning.acknowledged',
  ) {
    assertMayWrite(ctx, kind);
    await db.transaction(async (tx) => {
      const p = await loadPlacement(tx, placementId);
      await assertWriterOf(tx, ctx, kind, p.child.id);
      const v = await versionOf(tx, placementId, kind, number, true);
      const result = await planning.updatePlanningVersion(tx, v.id, expected, values);
      if (result === 'stale') throw new StaleRecordError('Record');
      if (result === 'missing') throw new NotFoundError('Version');
      await writeAudit(tx, ctx, { action, subjectType: 'placement', subjectId: placementId, details: { childId: p.child.id, kind, versionNumber: number, ...values } });
    });
  }

  /** Record that a version was shared (with the carers, the parent, the IRO…). */
  async function share(ctx: Ctx, placementId: string, kind: PlanningKind, number: number, raw: unknown) {
    if (!KIND_SPECS[kind].shareable) throw new NotFoundError('Record');
    const input = parseInput(shareSchema, raw);
    if (input.sharedOn > today()) throw new ValidationError([{ field: 'sharedOn', message: 'The date it was shared must be today or in the past' }]);
    await updateVersion(ctx, placementId, kind, number, { sharedOn: input.sharedOn, sharedWith: input.sharedWith }, input.version, 'planning.shared');
  }

  /** Record the carers' acknowledgement of a version of the placement plan. */
  async function acknowledge(ctx: Ctx, placementId: string, kind: PlanningKind, number: number, raw: unknown) {
    if (!KIND_SPECS[kind].acknowledged) throw new NotFoundError('Record');
    const input = parseInput(acknowledgeSchema, raw);
    if (input.acknowledgedOn > today()) throw new ValidationError([{ field: 'acknowledgedOn', message: 'The date the carers acknowledged it must be today or in the past' }]);
    await db.transaction(async (tx) => {
      const v = await versionOf(tx, placementId, kind, number);
      if (!v.sharedOn) throw new ValidationError([{ field: 'form', message: 'Record that this version was shared with the carers before recording their acknowledgement' }]);
      if (input.acknowledgedOn < v.sharedOn) throw new ValidationError([{ field: 'acknowledgedOn', message: `The carers cannot acknowledge it before it was shared on ${formatDate(v.sharedOn)}` }]);
    });
    await updateVersion(
      ctx,
      placementId,
      kind,
      number,
      { acknowledgedOn: input.acknowledgedOn, acknowledgedBy: input.acknowledgedBy, acknowledgementNote: input.acknowledgementNote },
      input.version,
      'planning.acknowledged',
    );
  }

  /** The PDF of a version as filed on the child's record. */
  async function versionPdf(ctx: Ctx, placementId: string, kind: PlanningKind, number: number) {
    if (!KIND_SPECS[kind].pdf) throw new NotFoundError('Document');
    return db.transaction(async (tx) => {
      const v = await versionOf(tx, placementId, kind, number);
      const doc = await planning.latestDocumentOfVersion(tx, v.id);
      if (!doc) throw new NotFoundError('Document');
      await writeAudit(tx, ctx, { action: 'planning.pdf.downloaded', subjectType: 'document', subjectId: doc.id, details: { childId: doc.childId, placementId, kind, versionNumber: number } });
      return doc;
    });
  }

  /** The completed versions of a placement's record of a kind, latest first (for a meeting: each one held). */
  async function versions(ctx: Ctx, placementId: string, kind: PlanningKind): Promise<PlanningVersionRow[]> {
    return db.transaction(async (tx) => {
      const p = await loadPlacement(tx, placementId);
      const doc = await documentOf(tx, placementId, kind);
      await writeAudit(tx, ctx, { action: 'planning.viewed', subjectType: 'placement', subjectId: placementId, details: { childId: p.child.id, kind, versions: true } });
      return doc ? versionsOf(tx, doc.id) : [];
    });
  }

  /** Every planning record of a placement, and its tasks: what the task list is built from. */
  async function overview(ctx: Ctx, placementId: string) {
    return db.transaction(async (tx) => {
      const p = await loadPlacement(tx, placementId);
      const docs = await planning.planningDocumentsOfPlacement(tx, placementId);
      const tasks = await planning.tasksOfPlacement(tx, placementId);
      await writeAudit(tx, ctx, { action: 'planning.viewed', subjectType: 'placement', subjectId: placementId, details: { childId: p.child.id, kind: 'overview' } });
      // Who writes: the child's allocated social worker and the carers' supervising social worker, by name.
      const names = await userNames(tx, [p.child.socialWorkerId ?? '', p.household.supervisingSocialWorkerId ?? '']);
      const writers = {
        socialWorker: p.child.socialWorkerId ? (names.get(p.child.socialWorkerId) ?? null) : null,
        supervisingSocialWorker: p.household.supervisingSocialWorkerId ? (names.get(p.household.supervisingSocialWorkerId) ?? null) : null,
      };
      return { placement: p, documents: docs, tasks, writable: await writableKinds(tx, ctx, p.child.id), writers };
    });
  }

  const taskSchema = z.object({ completedOn: isoDate('the date it was done'), note: optionalText('a note', 1000), version: versionField });

  /** Mark an agreed action done. */
  async function completeTask(ctx: Ctx, taskId: string, raw: unknown): Promise<TaskRow> {
    const input = parseInput(taskSchema, raw);
    if (input.completedOn > today()) throw new ValidationError([{ field: 'completedOn', message: 'The date it was done must be today or in the past' }]);
    return db.transaction(async (tx) => {
      const task = await planning.findTask(tx, taskId, true);
      if (!task) throw new NotFoundError('Task');
      if (task.completedOn) throw new ValidationError([{ field: 'form', message: `This action was already marked done on ${formatDate(task.completedOn)}` }]);
      const result = await planning.updateTask(tx, taskId, input.version, { completedOn: input.completedOn, completedBy: ctx.actor?.userId ?? null, note: input.note ?? '' });
      if (result === 'stale') throw new StaleRecordError('Task');
      if (result === 'missing') throw new NotFoundError('Task');
      await writeAudit(tx, ctx, { action: 'task.completed', subjectType: 'placement', subjectId: task.placementId, details: { childId: task.childId, taskId, completedOn: input.completedOn } });
      const updated = await planning.findTask(tx, taskId);
      return updated!;
    });
  }

  async function task(ctx: Ctx, taskId: string) {
    return db.transaction(async (tx) => {
      const t = await planning.findTask(tx, taskId);
      if (!t) throw new NotFoundError('Task');
      await writeAudit(tx, ctx, { action: 'task.listed', subjectType: 'placement', subjectId: t.placementId, details: { childId: t.childId, taskId } });
      return { task: t, placement: await loadPlacement(tx, t.placementId) };
    });
  }

  /** Open actions owned by a member of staff, soonest first (My work). */
  async function openTasksFor(ctx: Ctx, userId: string) {
    return db.transaction(async (tx) => {
      const rows = await keepReadable(tx, ctx, await planning.openTasksOfUser(tx, userId), (r) => r.c.id);
      await writeAudit(tx, ctx, { action: 'task.listed', subjectType: 'user', subjectId: userId, details: { count: rows.length }, childIds: rows.map((r) => r.c.id) });
      return rows.map((r) => ({ ...r.t, child: r.c }));
    });
  }

  /** Documents filed on a child's record (without their content). */
  async function childDocuments(childId: string) {
    return planning.childDocumentsOf(db, childId);
  }

  async function childDocumentContent(ctx: Ctx, childId: string, documentId: string) {
    return db.transaction(async (tx) => {
      const doc = await planning.findChildDocument(tx, childId, documentId);
      if (!doc) throw new NotFoundError('Document');
      await writeAudit(tx, ctx, { action: 'document.downloaded', subjectType: 'document', subjectId: doc.id, details: { childId } });
      return doc;
    });
  }

  return { get, versions, saveDraft, complete, saveAndComplete, share, acknowledge, versionPdf, overview, completeTask, task, openTasksFor, childDocuments, childDocumentContent, today };
}

export type PlanningService = ReturnType<typeof createPlanningService>;
