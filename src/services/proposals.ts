/**
 * From "this household might suit" to "the placement is confirmed" (issue 4; seed 000): a household
 * is considered for a placement request, the placement officer and the supervising social worker
 * record their consideration of each child already living there, the household is proposed, the
 * social worker of each child already placed is asked for written agreement (by a secure link, or a
 * letter or e-mail recorded here, or an in-principle agreement plus notice of this placement),
 * unanswered requests are chased and escalated, and the placement officer confirms the placement
 * once every gate holds (or a head of service overrides the agreement requirement with a reason).
 *
 * Every use case is one transaction with its audit row. E-mails are queued in the same transaction
 * and delivered after it commits; correspondence is filed on the carers' file as it happens.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../data/db.ts';
import {
  agreementLink,
  agreementRequirement,
  appUser,
  child,
  childEvent,
  externalContact,
  household,
  householdMember,
  organisation,
  placement,
  placementProposal,
  placementRequest,
  proposalConsideration,
  siblingLink,
} from '../data/schema.ts';
import { updateVersioned } from '../data/repositories/versioned.ts';
import { writeAudit } from '../audit/writer.ts';
import { englandAndWales } from '../domain/calendar/index.ts';
import { addDays, ageOn, compareDates, formatDate, todayInEngland, type IsoDate } from '../domain/dates.ts';
import {
  CONSIDERATION_ROLES,
  chaseAction,
  confirmationBlockers,
  considerationRoleOf,
  mayRecordAgreements,
  proposalBlockers,
  type Consideration,
  type ExistingChild,
} from '../domain/concurrency/index.ts';
import { anonymisedSummary } from '../domain/anonymise/index.ts';
import { PLACEMENT_TYPES, keysOf, type EthnicityCode } from '../domain/ssda903/codes.ts';
import { isoDate, oneOf, optionalText, text } from '../domain/records/fields.ts';
import type { PlacementRequestFacts } from '../domain/records/placement-request.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError } from './errors.ts';
import { parseInput } from './validate.ts';
import { evaluateHousehold } from './matching.ts';
import { setRequestStatus } from './placement-requests.ts';
import { fileDocument } from './documents.ts';

/** How long a secure agreement link stays open. */
export const LINK_VALID_DAYS = 14;

export type Mailer = {
  enqueue(tx: DbOrTx, ctx: Ctx, msg: { to: string[]; subject: string; body: string; related?: { type: string; id: string } }): Promise<string>;
  deliverPending(): Promise<number>;
};

type Options = { today?: () => IsoDate; publicUrl: string; mailer: Mailer };

const ConsiderationInput = z.object({
  existingChildId: z.uuid({ error: 'Select the child already living there' }),
  servesWellbeing: z.enum(['yes', 'no'], { error: 'Select whether this placement serves the well-being and best interests of the child' }),
  reasoning: text('your reasoning', 5000),
});

const ProposeInput = z.object({ proposedStart: isoDate('the date the placement would start') });

const RecordAgreementInput = z
  .object({
    method: z.enum(['letter_or_email', 'open_agreement'], { error: 'Select how the agreement was given' }),
    outcome: z.enum(['agreed', 'declined'], { error: 'Select whether the social worker agreed or declined' }),
    respondedOn: isoDate('the date of the letter or e-mail'),
    responderName: text("the social worker's name"),
    responderRole: text("the social worker's role"),
    correspondence: text('the text of the letter or e-mail, or a note of the in-principle agreement', 20000),
    comments: optionalText('comments', 5000),
    informedOn: z
      .string()
      .optional()
      .nullable()
      .transform((v) => (v ? v : null)),
    specificConsentRequired: z
      .string({ error: 'Select whether the social worker asked for specific consent to this placement' })
      .optional()
      .nullable()
      .refine((v) => v === undefined || v === null || ['yes', 'no', ''].includes(v), { error: 'Select whether the social worker asked for specific consent to this placement' })
      .transform((v) => (v === 'yes' ? true : v === 'no' ? false : null)),
  })
  .superRefine((v, ctx) => {
    if (v.method !== 'open_agreement') return;
    if (!v.informedOn) ctx.addIssue({ code: 'custom', path: ['informedOn'], message: 'Enter the date the social worker was told about this placement' });
    if (v.specificConsentRequired === null) ctx.addIssue({ code: 'custom', path: ['specificConsentRequired'], message: 'Select whether the social worker asked for specific consent to this placement' });
  });

const LinkAnswerInput = z.object({
  outcome: z.enum(['agreed', 'declined'], { error: 'Select whether you agree to this placement' }),
  responderName: text('your name'),
  responderRole: text('your role and authority'),
  comments: optionalText('comments', 5000),
});

const OverrideInput = z.object({ reason: text('the reason for confirming without every written agreement', 5000) });
const WithdrawInput = z.object({ reason: text('why the proposal is withdrawn', 2000) });
const ConfirmInput = z.object({ placementType: oneOf(keysOf(PLACEMENT_TYPES), 'the SSDA903 placement type') });

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type ProposalView = Awaited<ReturnType<ReturnType<typeof createProposalService>['get']>>;

export function createProposalService(db: Db, opts: Options) {
  const today = opts.today ?? (() => todayInEngland(new Date()));
  const mailer = opts.mailer;

  /** Deliver queued e-mails once the transaction that queued them has committed. */
  async function afterCommit<T>(result: T): Promise<T> {
    await mailer.deliverPending();
    return result;
  }

  async function lockProposal(tx: DbOrTx, id: string) {
    const [p] = await tx.select().from(placementProposal).where(eq(placementProposal.id, id)).for('update');
    if (!p) throw new NotFoundError('Proposal');
    return p;
  }

  async function requestFacts(tx: DbOrTx, requestId: string) {
    const [r] = await tx.select().from(placementRequest).where(eq(placementRequest.id, requestId));
    if (!r) throw new NotFoundError('Placement request');
    const [c] = await tx.select().from(child).where(eq(child.id, r.childId));
    if (!c) throw new NotFoundError('Child');
    return { request: r, child: c };
  }

  /** Fostered children living with the household on a day (other than the child being placed). */
  async function childrenThere(tx: DbOrTx, householdId: string, on: IsoDate, exceptChildId: string) {
    const rows = await tx
      .select({
        placementId: placement.id,
        childId: child.id,
        reference: child.reference,
        firstName: child.firstName,
        lastName: child.lastName,
        dateOfBirth: child.dateOfBirth,
        sex: child.sex,
        responsibleAuthorityId: child.responsibleAuthorityId,
        socialWorkerId: child.socialWorkerId,
        externalSocialWorkerId: child.externalSocialWorkerId,
        startDate: placement.startDate,
        endDate: placement.endDate,
      })
      .from(placement)
      .innerJoin(child, eq(child.id, placement.childId))
      .where(and(eq(placement.householdId, householdId), inArray(placement.status, ['planned', 'active'])))
      .orderBy(asc(child.reference));
    return rows.filter(
      (r) => r.childId !== exceptChildId && compareDates(r.startDate, on) <= 0 && (r.endDate === null || compareDates(r.endDate, on) > 0),
    );
  }

  const childLabel = (c: { firstName: string; lastName: string; reference: string }) => `${c.firstName} ${c.lastName} (${c.reference})`;

  async function createProposal(ctx: Ctx, requestId: string, householdId: string): Promise<{ id: string }> {
    const day = today();
    return db.transaction(async (tx) => {
      const { request } = await requestFacts(tx, requestId);
      if (request.status !== 'matching') throw new ValidationError([{ field: 'householdId', message: `A household can be considered only while the request is being matched (it is ${request.status})` }]);
      const [h] = await tx.select({ id: household.id }).from(household).where(eq(household.id, householdId));
      if (!h) throw new ValidationError([{ field: 'householdId', message: 'Select a household' }]);
      const open = await tx
        .select({ id: placementProposal.id })
        .from(placementProposal)
        .where(and(eq(placementProposal.requestId, requestId), eq(placementProposal.householdId, householdId), inArray(placementProposal.status, ['considering', 'proposed'])));
      if (open[0]) return open[0];
      const evaluation = await evaluateHousehold(tx, requestId, householdId, day);
      if (!evaluation.eligible) throw new ValidationError(evaluation.reasons.map((message) => ({ field: 'householdId', message })));
      const [row] = await tx.insert(placementProposal).values({ requestId, householdId }).returning({ id: placementProposal.id });
      if (!row) throw new Error('insert returned nothing');
      await writeAudit(tx, ctx, { action: 'proposal.created', subjectType: 'proposal', subjectId: row.id, details: { requestId, householdId, score: evaluation.score } });
      return row;
    });
  }

  async function load(tx: DbOrTx, id: string) {
    const [p] = await tx.select().from(placementProposal).where(eq(placementProposal.id, id));
    if (!p) throw new NotFoundError('Proposal');
    const { request, child: c } = await requestFacts(tx, p.requestId);
    const [h] = await tx
      .select({ id: household.id, reference: household.reference, sswId: household.supervisingSocialWorkerId, sswName: appUser.fullName })
      .from(household)
      .leftJoin(appUser, eq(appUser.id, household.supervisingSocialWorkerId))
      .where(eq(household.id, p.householdId));
    if (!h) throw new NotFoundError('Household');
    const carers = await tx
      .select({ firstName: householdMember.firstName, lastName: householdMember.lastName, email: householdMember.email })
      .from(householdMember)
      .where(and(eq(householdMember.householdId, h.id), eq(householdMember.kind, 'carer')))
      .orderBy(asc(householdMember.position));
    const on = p.proposedStart ?? request.neededBy ?? today();
    const there = await childrenThere(tx, h.id, on, c.id);
    const considerations = await tx
      .select({ c: proposalConsideration, userName: appUser.fullName })
      .from(proposalConsideration)
      .innerJoin(appUser, eq(appUser.id, proposalConsideration.userId))
      .where(eq(proposalConsideration.proposalId, id));
    const reqs = await tx
      .select({
        r: agreementRequirement,
        childRef: child.reference,
        childFirst: child.firstName,
        childLast: child.lastName,
        authority: organisation.name,
        swName: appUser.fullName,
        swEmail: appUser.email,
        contactName: externalContact.fullName,
        contactEmail: externalContact.email,
      })
      .from(agreementRequirement)
      .innerJoin(child, eq(child.id, agreementRequirement.existingChildId))
      .innerJoin(organisation, eq(organisation.id, agreementRequirement.placingAuthorityId))
      .leftJoin(appUser, eq(appUser.id, agreementRequirement.socialWorkerUserId))
      .leftJoin(externalContact, eq(externalContact.id, agreementRequirement.socialWorkerContactId))
      .where(eq(agreementRequirement.proposalId, id))
      .orderBy(asc(child.reference));
    const requirements = reqs.map((x) => ({
      ...x.r,
      existingChildLabel: childLabel({ firstName: x.childFirst, lastName: x.childLast, reference: x.childRef }),
      placingAuthority: x.authority,
      socialWorkerName: x.swName ?? x.contactName ?? null,
      socialWorkerEmail: x.swEmail ?? x.contactEmail ?? null,
    }));
    const existing: ExistingChild[] = there.map((t) => ({ id: t.childId, label: childLabel(t) }));
    const considerationFacts: Consideration[] = considerations.map((x) => ({ existingChildId: x.c.existingChildId, role: x.c.role, servesWellbeing: x.c.servesWellbeing }));
    return { p, request, child: c, household: { ...h, carers }, there, existing, considerations, considerationFacts, requirements };
  }

  async function get(ctx: Ctx, id: string) {
    const day = today();
    return db.transaction(async (tx) => {
      const v = await load(tx, id);
      const evaluation = await evaluateHousehold(tx, v.p.requestId, v.p.householdId, day);
      const blockers = {
        propose: v.p.status === 'considering' ? proposalBlockers(v.existing, v.considerationFacts) : [],
        confirm: confirmationBlockers(
          {
            requestStatus: v.request.status,
            proposalStatus: v.p.status,
            proposedStart: v.p.proposedStart,
            householdReasons: evaluation.reasons,
            existing: v.existing,
            considerations: v.considerationFacts,
            requirements: v.requirements.map((r) => ({ id: r.id, existingChildLabel: r.existingChildLabel, status: r.status })),
            override: v.p.overrideReason ? { reason: v.p.overrideReason } : null,
          },
          day,
        ),
      };
      const may = ctx.actor
        ? {
            consider: v.p.status === 'considering' && considerationRoleOf(ctx.actor, v.household.sswId) !== null,
            recordAgreements: v.p.status === 'proposed' && mayRecordAgreements(ctx.actor, v.household.sswId, await sswLineManager(tx, v.household.sswId)),
          }
        : { consider: false, recordAgreements: false };
      await writeAudit(tx, ctx, { action: 'proposal.viewed', subjectType: 'proposal', subjectId: id, details: { childId: v.child.id, householdId: v.household.id } });
      return { ...v, evaluation, blockers, may, today: day };
    });
  }

  async function listForRequest(ctx: Ctx, requestId: string) {
    return db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: placementProposal.id, status: placementProposal.status, householdId: household.id, householdReference: household.reference, proposedStart: placementProposal.proposedStart })
        .from(placementProposal)
        .innerJoin(household, eq(household.id, placementProposal.householdId))
        .where(eq(placementProposal.requestId, requestId))
        .orderBy(asc(placementProposal.createdAt));
      await writeAudit(tx, ctx, { action: 'proposal.viewed', subjectType: 'request', subjectId: requestId, details: { proposals: rows.length } });
      return rows;
    });
  }

  /**
   * Record the actor's consideration of one child already living with the carers. The role comes
   * from the actor: a placement officer records the RRT's view; the household's supervising social
   * worker records theirs.
   */
  async function consider(ctx: Ctx, proposalId: string, raw: unknown): Promise<void> {
    const input = parseInput(ConsiderationInput, raw);
    const actor = ctx.actor;
    if (!actor) throw new ForbiddenError();
    await db.transaction(async (tx) => {
      const p = await lockProposal(tx, proposalId);
      if (p.status !== 'considering') throw new ValidationError([{ field: 'existingChildId', message: 'The household has already been proposed: considerations can no longer change' }]);
      const [h] = await tx.select({ sswId: household.supervisingSocialWorkerId }).from(household).where(eq(household.id, p.householdId));
      const role = considerationRoleOf(actor, h?.sswId ?? null);
      if (!role) throw new ForbiddenError("Only a placement officer or the household's own supervising social worker records this consideration");
      const v = await load(tx, proposalId);
      if (!v.existing.some((e) => e.id === input.existingChildId)) throw new ValidationError([{ field: 'existingChildId', message: 'Select a child who lives with these carers' }]);
      await tx
        .insert(proposalConsideration)
        .values({ proposalId, existingChildId: input.existingChildId, role, userId: actor.userId, servesWellbeing: input.servesWellbeing === 'yes', reasoning: input.reasoning })
        .onConflictDoUpdate({
          target: [proposalConsideration.proposalId, proposalConsideration.existingChildId, proposalConsideration.role],
          set: { userId: actor.userId, servesWellbeing: input.servesWellbeing === 'yes', reasoning: input.reasoning, at: new Date() },
        });
      await writeAudit(tx, ctx, {
        action: 'proposal.considered',
        subjectType: 'proposal',
        subjectId: proposalId,
        details: { existingChildId: input.existingChildId, role, servesWellbeing: input.servesWellbeing === 'yes' },
      });
    });
  }

  /**
   * Propose the household: the considerations are complete and favourable and the household still
   * meets the hard constraints. One agreement requirement is created for each child already placed,
   * naming that child's social worker and placing authority, and the supervising social worker is
   * reminded (by e-mail) to obtain them (seed 000: "The agency RRT officer will contact the relevant
   * SSW to remind them").
   */
  async function propose(ctx: Ctx, proposalId: string, version: number, raw: unknown): Promise<void> {
    const input = parseInput(ProposeInput, raw);
    const day = today();
    await db.transaction(async (tx) => {
      const p = await lockProposal(tx, proposalId);
      if (p.version !== version) throw new StaleRecordError('Proposal');
      if (p.status !== 'considering') throw new ValidationError([{ field: 'proposedStart', message: `This household is already ${p.status}` }]);
      if (compareDates(input.proposedStart, day) < 0) throw new ValidationError([{ field: 'proposedStart', message: 'The start date must be today or later' }]);
      await tx.update(placementProposal).set({ proposedStart: input.proposedStart }).where(eq(placementProposal.id, proposalId));
      const v = await load(tx, proposalId);
      const blockers = proposalBlockers(v.existing, v.considerationFacts);
      const evaluation = await evaluateHousehold(tx, p.requestId, p.householdId, day);
      const all = [...blockers, ...evaluation.reasons];
      if (all.length) throw new ValidationError(all.map((message) => ({ field: 'proposedStart', message })));
      for (const t of v.there) {
        await tx.insert(agreementRequirement).values({
          proposalId,
          existingChildId: t.childId,
          existingPlacementId: t.placementId,
          placingAuthorityId: t.responsibleAuthorityId,
          socialWorkerUserId: t.socialWorkerId,
          socialWorkerContactId: t.socialWorkerId ? null : t.externalSocialWorkerId,
        });
      }
      const result = await updateVersioned(tx, placementProposal, proposalId, version, { status: 'proposed', proposedBy: ctx.actor?.userId ?? null, proposedAt: new Date() });
      if (result !== 'updated') throw new StaleRecordError('Proposal');
      await setRequestStatus(tx, ctx, p.requestId, 'proposed', `Household ${v.household.reference} proposed to start on ${formatDate(input.proposedStart)}`);
      const ssw = v.household.sswId ? (await tx.select({ email: appUser.email, name: appUser.fullName }).from(appUser).where(eq(appUser.id, v.household.sswId)))[0] : undefined;
      if (ssw && v.there.length) {
        await mailer.enqueue(tx, ctx, {
          to: [ssw.email],
          subject: `Urgent: written agreement needed before placing with household ${v.household.reference}`,
          body:
            `Dear ${ssw.name},\n\nA child is proposed to join household ${v.household.reference} on ${formatDate(input.proposedStart)}. ` +
            `Before the placement can start, the written agreement of the social worker of each child already living there is needed:\n\n` +
            v.there.map((t) => `- ${childLabel(t)}`).join('\n') +
            `\n\nPlease request it now through Hearth (${opts.publicUrl}/proposals/${proposalId}): any delay could lose the placement.\n\nHearth, on behalf of the placement team`,
          related: { type: 'proposal', id: proposalId },
        });
      }
      await writeAudit(tx, ctx, { action: 'proposal.proposed', subjectType: 'proposal', subjectId: proposalId, details: { proposedStart: input.proposedStart, requirements: v.there.length } });
    });
    await afterCommit(undefined);
  }

  async function requirementContext(tx: DbOrTx, requirementId: string) {
    const [r] = await tx.select().from(agreementRequirement).where(eq(agreementRequirement.id, requirementId)).for('update');
    if (!r) throw new NotFoundError('Agreement');
    const v = await load(tx, r.proposalId);
    const req = v.requirements.find((x) => x.id === requirementId);
    if (!req) throw new NotFoundError('Agreement');
    return { r, v, req };
  }

  /**
   * The anonymised summary of the proposed child, as the other social worker would see it. Besides
   * the child's own identifiers, the names of their linked siblings, their social worker and their
   * previous carers, and their case and household references, are redacted from the free text.
   */
  async function summaryFor(tx: DbOrTx, v: Awaited<ReturnType<typeof load>>): Promise<string> {
    const siblingRows = v.request.siblingIds.length
      ? await tx.select({ firstName: child.firstName, lastName: child.lastName, dateOfBirth: child.dateOfBirth }).from(child).where(inArray(child.id, v.request.siblingIds))
      : [];
    const linked = await tx
      .select({ firstName: child.firstName, lastName: child.lastName, reference: child.reference })
      .from(siblingLink)
      .innerJoin(child, eq(child.id, siblingLink.siblingId))
      .where(eq(siblingLink.childId, v.child.id));
    const previousCarers = await tx
      .select({ firstName: householdMember.firstName, lastName: householdMember.lastName, reference: household.reference })
      .from(placement)
      .innerJoin(household, eq(household.id, placement.householdId))
      .innerJoin(householdMember, eq(householdMember.householdId, household.id))
      .where(eq(placement.childId, v.child.id));
    const sw = v.child.socialWorkerId ? (await tx.select({ name: appUser.fullName }).from(appUser).where(eq(appUser.id, v.child.socialWorkerId)))[0] : undefined;
    const summary = anonymisedSummary(
      {
        child: {
          firstName: v.child.firstName,
          lastName: v.child.lastName,
          dateOfBirth: v.child.dateOfBirth,
          sex: v.child.sex,
          ethnicity: v.child.ethnicity as EthnicityCode,
          upn: v.child.upn,
          homePostcode: v.child.homePostcode,
        },
        request: {
          urgency: v.request.urgency,
          kind: v.request.kind,
          neededBy: v.request.neededBy,
          needs: v.request.needs as PlacementRequestFacts['needs'],
          risks: v.request.risks as PlacementRequestFacts['risks'],
          views: v.request.childViews as PlacementRequestFacts['views'],
        },
        siblings: siblingRows,
        otherNames: [...linked.map((l) => `${l.firstName} ${l.lastName}`), ...previousCarers.map((c) => `${c.firstName} ${c.lastName}`), ...(sw ? [sw.name] : [])],
        otherIdentifiers: [v.child.reference, ...linked.map((l) => l.reference), ...previousCarers.map((c) => c.reference)],
      },
      today(),
    );
    return summary.text;
  }

  /** What will be sent: the recipient and the anonymised summary, for the sender to read first. */
  async function agreementPreview(ctx: Ctx, requirementId: string) {
    return db.transaction(async (tx) => {
      const { v, req } = await requirementContext(tx, requirementId);
      const summary = await summaryFor(tx, v);
      await writeAudit(tx, ctx, { action: 'proposal.viewed', subjectType: 'agreement', subjectId: requirementId, details: { preview: true } });
      return { requirement: req, proposalId: v.p.id, household: v.household.reference, summary };
    });
  }

  async function sswLineManager(tx: DbOrTx, householdSswId: string | null): Promise<string | null> {
    if (!householdSswId) return null;
    const [ssw] = await tx.select({ lineManagerId: appUser.lineManagerId }).from(appUser).where(eq(appUser.id, householdSswId));
    return ssw?.lineManagerId ?? null;
  }

  async function assertMayRecordAgreements(tx: DbOrTx, ctx: Ctx, householdSswId: string | null) {
    if (!ctx.actor) throw new ForbiddenError();
    if (!mayRecordAgreements(ctx.actor, householdSswId, await sswLineManager(tx, householdSswId))) {
      throw new ForbiddenError("Only the household's supervising social worker, or their line manager, asks for and records these agreements");
    }
  }

  /**
   * Send the request for written agreement through a secure link: the sender has read the
   * anonymised summary (`summarySeen` must match what is sent). The e-mail is filed on the carers'
   * file.
   */
  async function requestAgreement(ctx: Ctx, requirementId: string, version: number, raw: unknown): Promise<void> {
    parseInput(z.object({ confirm: z.string({ error: 'Confirm you have read the anonymised summary' }).refine((v) => v === 'yes', { error: 'Confirm you have read the anonymised summary' }) }), raw);
    const day = today();
    await db.transaction(async (tx) => {
      const { r, v, req } = await requirementContext(tx, requirementId);
      await assertMayRecordAgreements(tx, ctx, v.household.sswId);
      if (r.version !== version) throw new StaleRecordError('Agreement');
      if (v.p.status !== 'proposed') throw new ValidationError([{ field: 'confirm', message: 'The household is not proposed' }]);
      if (r.status === 'agreed' || r.status === 'declined') throw new ValidationError([{ field: 'confirm', message: 'This agreement has already been answered' }]);
      if (!req.socialWorkerEmail) {
        throw new ValidationError([{ field: 'confirm', message: `No e-mail address is recorded for the social worker of ${req.existingChildLabel}: add one to their contact record, or record a letter or e-mail received` }]);
      }
      const summary = await summaryFor(tx, v);
      const token = randomBytes(32).toString('base64url');
      const expires = new Date(Date.now() + LINK_VALID_DAYS * 86_400_000);
      await tx.insert(agreementLink).values({ requirementId, tokenHash: hashToken(token), summary, expiresAt: expires, createdBy: ctx.actor?.userId ?? null });
      const body =
        `Dear ${req.socialWorkerName ?? 'colleague'},\n\n` +
        `We propose to place a child with the foster carers of ${req.existingChildLabel.replace(/\s*\(.*\)$/, '')}, whom you are the social worker for (${req.placingAuthority}), ` +
        `from ${formatDate(v.p.proposedStart)}. We need your written agreement before the placement begins; any delay could mean the placement is lost.\n\n` +
        `About the child we propose to place (anonymised):\n\n${summary}\n\n` +
        `Please answer, agree or decline, at this secure link (valid until ${formatDate(addDays(day, LINK_VALID_DAYS))}, for you only):\n${opts.publicUrl}/agreement/${token}\n\n` +
        `Or reply in writing to the supervising social worker${v.household.sswName ? `, ${v.household.sswName}` : ''}.`;
      await mailer.enqueue(tx, ctx, { to: [req.socialWorkerEmail], subject: `Agreement needed: a proposed placement with the carers of a child you are responsible for`, body, related: { type: 'agreement', id: requirementId } });
      await fileDocument(tx, ctx, {
        householdId: v.household.id,
        category: 'concurrency',
        title: `Request for agreement sent to ${req.socialWorkerName ?? 'the social worker'} about ${req.existingChildLabel}`,
        fileName: `agreement-request-${day}.txt`,
        contentType: 'text/plain',
        // The secure link is not filed: only its recipient may use it.
        content: new TextEncoder().encode(body.replace(/\/agreement\/[A-Za-z0-9_-]+/, '/agreement/[link sent to the recipient]')),
        related: { type: 'agreement', id: requirementId },
      });
      const result = await updateVersioned(tx, agreementRequirement, requirementId, version, { status: 'requested', requestedAt: new Date(), requestedBy: ctx.actor?.userId ?? null });
      if (result !== 'updated') throw new StaleRecordError('Agreement');
      await writeAudit(tx, ctx, { action: 'agreement.requested', subjectType: 'agreement', subjectId: requirementId, details: { proposalId: v.p.id, existingChildId: r.existingChildId, method: 'secure_link' } });
    });
    await afterCommit(undefined);
  }

  /**
   * Record an answer received in writing (a letter or an e-mail, its text pasted and filed on the
   * carers' file), or an in-principle ("open") agreement with the date the social worker was told of
   * this placement. An open agreement counts only when the social worker did not ask for specific
   * consent to this placement (seed 000).
   */
  async function recordAgreement(ctx: Ctx, requirementId: string, version: number, raw: unknown): Promise<void> {
    const input = parseInput(RecordAgreementInput, raw);
    const day = today();
    await db.transaction(async (tx) => {
      const { r, v, req } = await requirementContext(tx, requirementId);
      await assertMayRecordAgreements(tx, ctx, v.household.sswId);
      if (r.version !== version) throw new StaleRecordError('Agreement');
      if (v.p.status !== 'proposed') throw new ValidationError([{ field: 'method', message: 'The household is not proposed' }]);
      if (compareDates(input.respondedOn, day) > 0) throw new ValidationError([{ field: 'respondedOn', message: 'The date must be today or in the past' }]);
      if (input.informedOn && compareDates(input.informedOn, day) > 0) throw new ValidationError([{ field: 'informedOn', message: 'The date must be today or in the past' }]);
      const open = input.method === 'open_agreement';
      const stillNeeded = open && input.specificConsentRequired === true;
      const status = stillNeeded ? 'requested' : input.outcome;
      const documentId = await fileDocument(tx, ctx, {
        householdId: v.household.id,
        category: 'concurrency',
        title: `${open ? 'In-principle agreement' : input.outcome === 'agreed' ? 'Agreement' : 'Refusal'} from ${input.responderName} about ${req.existingChildLabel}`,
        fileName: `agreement-${input.respondedOn}.txt`,
        contentType: 'text/plain',
        content: new TextEncoder().encode(
          `From: ${input.responderName}, ${input.responderRole}\nDate: ${formatDate(input.respondedOn)}\n` +
            (open ? `Told of this placement on: ${formatDate(input.informedOn)}\nSpecific consent asked for: ${input.specificConsentRequired ? 'yes' : 'no'}\n` : '') +
            `\n${input.correspondence}\n`,
        ),
        related: { type: 'agreement', id: requirementId },
      });
      const result = await updateVersioned(tx, agreementRequirement, requirementId, version, {
        status,
        method: input.method,
        respondedOn: stillNeeded ? null : input.respondedOn,
        responderName: input.responderName,
        responderRole: input.responderRole,
        comments: input.comments,
        documentId,
        recordedBy: ctx.actor?.userId ?? null,
        recordedAt: new Date(),
        ...(stillNeeded && !r.requestedAt ? { requestedAt: new Date(), requestedBy: ctx.actor?.userId ?? null } : {}),
      });
      if (result !== 'updated') throw new StaleRecordError('Agreement');
      await writeAudit(tx, ctx, {
        action: 'agreement.recorded',
        subjectType: 'agreement',
        subjectId: requirementId,
        details: { proposalId: v.p.id, existingChildId: r.existingChildId, method: input.method, status, documentId },
      });
    });
  }

  async function linkByToken(tx: DbOrTx, token: string) {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const [l] = await tx.select().from(agreementLink).where(eq(agreementLink.tokenHash, hashToken(token))).for('update');
    return l ?? null;
  }

  /** What the other social worker sees at the secure link; null when the link is unknown, used or expired. */
  async function viewLink(ctx: Ctx, token: string): Promise<{ summary: string; expiresAt: Date; answered: boolean } | null> {
    return db.transaction(async (tx) => {
      const l = await linkByToken(tx, token);
      if (!l) return null;
      const usable = !l.usedAt && l.expiresAt.getTime() > Date.now();
      await writeAudit(tx, ctx, { action: 'agreement.link.viewed', subjectType: 'agreement', subjectId: l.requirementId, details: { usable } });
      if (!usable) return { summary: '', expiresAt: l.expiresAt, answered: Boolean(l.usedAt) };
      return { summary: l.summary, expiresAt: l.expiresAt, answered: false };
    });
  }

  /** The other social worker's answer through the secure link. The link then stops working. */
  async function answerLink(ctx: Ctx, token: string, raw: unknown): Promise<'agreed' | 'declined'> {
    const input = parseInput(LinkAnswerInput, raw);
    const day = today();
    const outcome = await db.transaction(async (tx) => {
      const l = await linkByToken(tx, token);
      if (!l || l.usedAt || l.expiresAt.getTime() <= Date.now()) throw new NotFoundError('Agreement link');
      const { r, v, req } = await requirementContext(tx, l.requirementId);
      if (r.status === 'agreed' || r.status === 'declined' || v.p.status !== 'proposed') throw new NotFoundError('Agreement link');
      await tx.update(agreementLink).set({ usedAt: new Date() }).where(eq(agreementLink.id, l.id));
      const documentId = await fileDocument(tx, ctx, {
        householdId: v.household.id,
        category: 'concurrency',
        title: `${input.outcome === 'agreed' ? 'Agreement' : 'Refusal'} from ${input.responderName} about ${req.existingChildLabel} (secure link)`,
        fileName: `agreement-${day}.txt`,
        contentType: 'text/plain',
        content: new TextEncoder().encode(`From: ${input.responderName}, ${input.responderRole}\nDate: ${formatDate(day)}\nAnswer: ${input.outcome}\n\n${input.comments ?? ''}\n`),
        related: { type: 'agreement', id: r.id },
      });
      await tx
        .update(agreementRequirement)
        .set({
          status: input.outcome,
          method: 'secure_link',
          respondedOn: day,
          responderName: input.responderName,
          responderRole: input.responderRole,
          comments: input.comments,
          documentId,
          recordedAt: new Date(),
          version: sql`${agreementRequirement.version} + 1`,
        })
        .where(eq(agreementRequirement.id, r.id));
      if (v.household.sswId) {
        const [ssw] = await tx.select({ email: appUser.email }).from(appUser).where(eq(appUser.id, v.household.sswId));
        if (ssw) {
          await mailer.enqueue(tx, ctx, {
            to: [ssw.email],
            subject: `${input.outcome === 'agreed' ? 'Agreement received' : 'Placement declined'}: ${req.existingChildLabel}`,
            body: `${input.responderName} (${input.responderRole}) ${input.outcome} the proposed placement with household ${v.household.reference} through the secure link on ${formatDate(day)}.\n\n${input.comments ?? ''}\n\n${opts.publicUrl}/proposals/${v.p.id}`,
            related: { type: 'agreement', id: r.id },
          });
        }
      }
      await writeAudit(tx, ctx, {
        action: 'agreement.link.answered',
        subjectType: 'agreement',
        subjectId: r.id,
        details: { outcome: input.outcome, responderName: input.responderName, responderRole: input.responderRole, documentId },
      });
      return input.outcome;
    });
    return afterCommit(outcome);
  }

  /**
   * Chase every unanswered agreement request: remind the other social worker and the SSW after a
   * working day, then escalate to the SSW's line manager and the placement team. Run by the server
   * every hour and from the proposal page.
   */
  async function chaseAgreements(ctx: Ctx): Promise<{ reminded: number; escalated: number }> {
    const day = today();
    const counts = await db.transaction(async (tx) => {
      const open = await tx
        .select({ id: agreementRequirement.id, proposalId: agreementRequirement.proposalId })
        .from(agreementRequirement)
        .innerJoin(placementProposal, eq(placementProposal.id, agreementRequirement.proposalId))
        .where(and(eq(agreementRequirement.status, 'requested'), eq(placementProposal.status, 'proposed')));
      let reminded = 0;
      let escalated = 0;
      for (const o of open) {
        const { r, v, req } = await requirementContext(tx, o.id);
        const lastChased = r.lastReminderAt ?? r.escalatedAt;
        const action = chaseAction(
          {
            status: r.status,
            requestedOn: r.requestedAt ? todayInEngland(r.requestedAt) : null,
            lastChasedOn: lastChased ? todayInEngland(lastChased) : null,
            remindersSent: r.remindersSent,
            escalated: r.escalatedAt !== null,
          },
          day,
          englandAndWales,
        );
        if (action === 'none') continue;
        const ssw = v.household.sswId ? (await tx.select({ email: appUser.email, lineManagerId: appUser.lineManagerId }).from(appUser).where(eq(appUser.id, v.household.sswId)))[0] : undefined;
        const link = `${opts.publicUrl}/proposals/${v.p.id}`;
        if (action === 'remind') {
          const to = [req.socialWorkerEmail, ssw?.email].filter((x): x is string => Boolean(x));
          if (to.length) {
            await mailer.enqueue(tx, ctx, {
              to,
              subject: `Reminder: agreement still needed for a placement with the carers of ${req.existingChildLabel.replace(/\s*\(.*\)$/, '')}`,
              body: `The written agreement asked for on ${formatDate(r.requestedAt ? todayInEngland(r.requestedAt) : day)} has not been received. The placement is due to start on ${formatDate(v.p.proposedStart)} and may be lost without it.\n\nSupervising social worker: ${link}`,
              related: { type: 'agreement', id: r.id },
            });
          }
          await tx.update(agreementRequirement).set({ remindersSent: r.remindersSent + 1, lastReminderAt: new Date() }).where(eq(agreementRequirement.id, r.id));
          await writeAudit(tx, ctx, { action: 'agreement.reminded', subjectType: 'agreement', subjectId: r.id, details: { reminder: r.remindersSent + 1 } });
          reminded++;
        } else {
          const managers = await tx
            .select({ email: appUser.email })
            .from(appUser)
            .where(and(eq(appUser.active, true), or(eq(appUser.role, 'placement_officer'), ssw?.lineManagerId ? eq(appUser.id, ssw.lineManagerId) : sql`false`)));
          const to = [...new Set(managers.map((m) => m.email))];
          if (to.length) {
            await mailer.enqueue(tx, ctx, {
              to,
              subject: `Escalation: no agreement yet for a placement with household ${v.household.reference}`,
              body: `The social worker of ${req.existingChildLabel} (${req.placingAuthority}) has not answered after ${r.remindersSent} reminders. The placement is due to start on ${formatDate(v.p.proposedStart)}.\n\n${link}`,
              related: { type: 'agreement', id: r.id },
            });
          }
          await tx.update(agreementRequirement).set({ escalatedAt: new Date() }).where(eq(agreementRequirement.id, r.id));
          await writeAudit(tx, ctx, { action: 'agreement.escalated', subjectType: 'agreement', subjectId: r.id, details: { to } });
          escalated++;
        }
      }
      return { reminded, escalated };
    });
    return afterCommit(counts);
  }

  /** A head of service confirms that the placement may go ahead without every written agreement, with the reason. */
  async function override(ctx: Ctx, proposalId: string, version: number, raw: unknown): Promise<void> {
    const input = parseInput(OverrideInput, raw);
    await db.transaction(async (tx) => {
      const p = await lockProposal(tx, proposalId);
      if (p.status !== 'proposed') throw new ValidationError([{ field: 'reason', message: 'Only a proposed household can be overridden' }]);
      const result = await updateVersioned(tx, placementProposal, proposalId, version, { overrideBy: ctx.actor?.userId ?? null, overrideAt: new Date(), overrideReason: input.reason });
      if (result === 'stale') throw new StaleRecordError('Proposal');
      await writeAudit(tx, ctx, { action: 'agreement.overridden', subjectType: 'proposal', subjectId: proposalId, details: { reason: input.reason } });
    });
  }

  async function withdraw(ctx: Ctx, proposalId: string, version: number, raw: unknown): Promise<void> {
    const input = parseInput(WithdrawInput, raw);
    await db.transaction(async (tx) => {
      const p = await lockProposal(tx, proposalId);
      if (p.status === 'confirmed' || p.status === 'withdrawn') throw new ValidationError([{ field: 'reason', message: `This proposal is already ${p.status}` }]);
      const result = await updateVersioned(tx, placementProposal, proposalId, version, { status: 'withdrawn', withdrawnReason: input.reason });
      if (result === 'stale') throw new StaleRecordError('Proposal');
      if (p.status === 'proposed') await setRequestStatus(tx, ctx, p.requestId, 'matching', `Proposal withdrawn: ${input.reason}`);
      await writeAudit(tx, ctx, { action: 'proposal.withdrawn', subjectType: 'proposal', subjectId: proposalId, details: { reason: input.reason } });
    });
  }

  /**
   * Confirm the placement when every gate holds: the placement is created with its start date, the
   * written agreements are recorded on the child's record (so the concurrent-placement obligation
   * shows them), the request is confirmed, and the confirmation e-mail goes to the supervising social
   * worker, the child's social worker and the carers. The placement's obligations (Placement Planning
   * Meeting, placement plan, care plan, visits) follow from the new placement.
   */
  async function confirm(ctx: Ctx, proposalId: string, version: number, raw: unknown): Promise<{ placementId: string }> {
    const input = parseInput(ConfirmInput, raw);
    const day = today();
    const out = await db.transaction(async (tx) => {
      const p = await lockProposal(tx, proposalId);
      if (p.version !== version) throw new StaleRecordError('Proposal');
      // Lock the child so no other placement is made for them meanwhile.
      const [r] = await tx.select({ childId: placementRequest.childId }).from(placementRequest).where(eq(placementRequest.id, p.requestId));
      if (r) await tx.select({ id: child.id }).from(child).where(eq(child.id, r.childId)).for('update');
      const v = await load(tx, proposalId);
      const evaluation = await evaluateHousehold(tx, p.requestId, p.householdId, day);
      const blockers = confirmationBlockers(
        {
          requestStatus: v.request.status,
          proposalStatus: p.status,
          proposedStart: p.proposedStart,
          householdReasons: evaluation.reasons,
          existing: v.existing,
          considerations: v.considerationFacts,
          requirements: v.requirements.map((x) => ({ id: x.id, existingChildLabel: x.existingChildLabel, status: x.status })),
          override: p.overrideReason ? { reason: p.overrideReason } : null,
        },
        day,
      );
      const start = p.proposedStart;
      if (blockers.length || !start) throw new ValidationError(blockers.map((message) => ({ field: 'confirm', message })));
      const clash = await tx
        .select({ id: placement.id })
        .from(placement)
        .where(and(eq(placement.childId, v.child.id), inArray(placement.status, ['planned', 'active']), or(sql`${placement.endDate} is null`, sql`${placement.endDate} > ${start}`)));
      if (clash.length) throw new ValidationError([{ field: 'confirm', message: 'The child already has a planned or active placement over these dates: end it first' }]);
      const [created] = await tx
        .insert(placement)
        .values({
          childId: v.child.id,
          householdId: p.householdId,
          startDate: start,
          placementType: input.placementType,
          status: compareDates(start, day) <= 0 ? 'active' : 'planned',
          kind: v.request.kind,
          emergency: v.request.urgency === 'emergency' || v.request.kind === 'emergency',
        })
        .returning({ id: placement.id });
      if (!created) throw new Error('insert returned nothing');
      for (const a of v.requirements.filter((x) => x.status === 'agreed' && x.respondedOn)) {
        await tx.insert(childEvent).values({
          childId: v.child.id,
          kind: 'agreement_recorded',
          eventDate: a.respondedOn!,
          placementId: created.id,
          aboutChildId: a.existingChildId,
          evidence: `Written agreement from ${a.responderName ?? 'the social worker'} (${a.responderRole ?? ''}) by ${a.method === 'secure_link' ? 'secure link' : a.method === 'open_agreement' ? 'in-principle agreement' : 'letter or e-mail'}; filed on the carers' file`,
          recordedBy: ctx.actor?.userId ?? null,
        });
      }
      const result = await updateVersioned(tx, placementProposal, proposalId, version, { status: 'confirmed', confirmedBy: ctx.actor?.userId ?? null, confirmedAt: new Date(), placementId: created.id });
      if (result !== 'updated') throw new StaleRecordError('Proposal');
      await setRequestStatus(tx, ctx, p.requestId, 'confirmed', `Placement with household ${v.household.reference} confirmed from ${formatDate(start)}`);
      const sw = v.child.socialWorkerId ? (await tx.select({ email: appUser.email }).from(appUser).where(eq(appUser.id, v.child.socialWorkerId)))[0] : undefined;
      const ssw = v.household.sswId ? (await tx.select({ email: appUser.email }).from(appUser).where(eq(appUser.id, v.household.sswId)))[0] : undefined;
      const carerEmails = v.household.carers.map((c) => c.email).filter((e): e is string => Boolean(e));
      const to = [...new Set([ssw?.email, sw?.email, ...carerEmails].filter((e): e is string => Boolean(e)))];
      if (to.length) {
        await mailer.enqueue(tx, ctx, {
          to,
          subject: `Placement confirmed: ${v.child.firstName} with household ${v.household.reference} from ${formatDate(start)}`,
          body:
            `The placement of ${v.child.firstName} ${v.child.lastName} (${v.child.reference}, age ${ageOn(v.child.dateOfBirth, start)}) with ` +
            `${v.household.carers.map((c) => `${c.firstName} ${c.lastName}`).join(' and ') || `household ${v.household.reference}`} is confirmed from ${formatDate(start)}.\n\n` +
            `Next: the Placement Planning Meeting (supervising social worker) and the placement plan (child's social worker) are due before or within 5 working days of the start; the care plan within 10 working days of the first placement.\n\n` +
            (p.overrideReason ? `Confirmed by a head of service without every written agreement: ${p.overrideReason}\n\n` : '') +
            `${opts.publicUrl}/placements/${created.id}`,
          related: { type: 'proposal', id: proposalId },
        });
      }
      await writeAudit(tx, ctx, {
        action: 'proposal.confirmed',
        subjectType: 'proposal',
        subjectId: proposalId,
        details: { placementId: created.id, childId: v.child.id, householdId: p.householdId, start, overridden: Boolean(p.overrideReason), emailedTo: to.length },
      });
      return { placementId: created.id };
    });
    return afterCommit(out);
  }

  /** The proposal that led to a placement, if any (for the placement page: overrides are shown there). */
  async function forPlacement(placementId: string) {
    const [p] = await db
      .select({ id: placementProposal.id, overrideReason: placementProposal.overrideReason, overrideAt: placementProposal.overrideAt, overrideByName: appUser.fullName })
      .from(placementProposal)
      .leftJoin(appUser, eq(appUser.id, placementProposal.overrideBy))
      .where(eq(placementProposal.placementId, placementId));
    return p ?? null;
  }

  return {
    today,
    createProposal,
    get,
    listForRequest,
    consider,
    propose,
    agreementPreview,
    requestAgreement,
    recordAgreement,
    viewLink,
    answerLink,
    chaseAgreements,
    override,
    withdraw,
    confirm,
    forPlacement,
    considerationRoles: CONSIDERATION_ROLES,
  };
}

export type ProposalService = ReturnType<typeof createProposalService>;
