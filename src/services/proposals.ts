/**
 * From "this household might suit" to "the placement is confirmed" (Concurrent placement agreement procedure): a household
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
import { z } from 'zod';
import type { Db, DbOrTx } from '../data/db.ts';
import * as proposals from '../data/repositories/proposals.ts';
import { childrenToPlace, findChild, findChildName, insertChildEvent } from '../data/repositories/children.ts';
import { householdExists } from '../data/repositories/households.ts';
import { findPlacementRequest } from '../data/repositories/placement-requests.ts';
import { activeEmailsWithRole, findActiveUserEmail, findUserContact } from '../data/repositories/users.ts';
import { childrenOfRelated } from '../data/repositories/related-children.ts';
import { familyNamesOfChildren } from '../data/repositories/parent-and-child.ts';
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
import type { ExistingChildRecord } from '../domain/placements/entry.ts';
import { derivePlacementType } from '../domain/placements/placement-type.ts';
import { currentPlacements, decide, startPlacements } from './placement-entry.ts';
import type { EthnicityCode } from '../domain/ssda903/codes.ts';
import { isoDate, optionalText, text } from '../domain/records/fields.ts';
import type { PlacementRequestFacts } from '../domain/records/placement-request.ts';
import { emailAddress } from '../domain/records/user.ts';
import type { Ctx } from './context.ts';
import { ForbiddenError, NotFoundError, StaleRecordError, ValidationError, type FieldError } from './errors.ts';
import { parseInput } from './validate.ts';
import { evaluateHousehold } from './matching.ts';
import { setRequestStatus } from './placement-requests.ts';
import { fileDocument } from './documents.ts';
import { checkLinkResponder, checkResponder, openAgreementRecordIssues, openAgreementStands, openAgreementUse, startMonth } from '../domain/concurrency/index.ts';
import { optionalIsoDate } from '../domain/records/fields.ts';

/** How long a secure agreement link stays open. */
export const LINK_VALID_DAYS = 14;

export type Mailer = {
  enqueue(tx: DbOrTx, ctx: Ctx, msg: { to: string[]; subject: string; body: string; related?: { type: string; id: string }; secrets?: string[] }): Promise<string>;
  deliverPending(): Promise<number>;
};

type Options = { today?: () => IsoDate; publicUrl: string; mailer: Mailer };

const ConsiderationInput = z.object({
  existingChildId: z.uuid({ error: 'Select the child already living there' }),
  servesWellbeing: z.enum(['yes', 'no'], { error: 'Select whether this placement serves the well-being and best interests of the child' }),
  reasoning: text('your reasoning', 5000),
});

const ProposeInput = z.object({ proposedStart: isoDate('the date the placement would start') });

const onBehalfReason = optionalText('why someone other than the recorded social worker answered', 1000);

const RecordAgreementInput = z.object({
  // In-principle agreements are recorded once on the child's placement and used per proposal (OpenAgreementInput, UseOpenAgreementInput).
  method: z
    .enum(['letter_or_email'], { error: 'An in-principle ("open") agreement is recorded once on the child’s placement, then used for this proposal: see "In-principle agreement"' })
    .default('letter_or_email'),
  outcome: z.enum(['agreed', 'declined'], { error: 'Select whether they agreed or declined' }),
  respondedOn: isoDate('the date of the letter or e-mail'),
  responderName: text('the name of the person who answered'),
  responderRole: text('their role and authority'),
  onBehalfReason,
  correspondence: text('the text of the letter or e-mail', 20000),
  comments: optionalText('comments', 5000),
});

const LinkAnswerInput = z.object({
  outcome: z.enum(['agreed', 'declined'], { error: 'Select whether you agree to this placement' }),
  responderName: text('your name'),
  responderEmail: emailAddress('your email address'),
  responderRole: text('your role and authority'),
  onBehalfReason: optionalText('why you are answering instead of the social worker this request was sent to', 1000),
  comments: optionalText('comments', 5000),
});

const OpenAgreementInput = z.object({
  givenOn: isoDate('the date the in-principle agreement was given'),
  givenByName: text('the name of the person who gave it'),
  givenByRole: text('their role and authority'),
  onBehalfReason,
  correspondence: text('the text of the letter or e-mail giving it', 20000),
});

const UseOpenAgreementInput = z.object({
  informedOn: isoDate('the date the social worker was told about this placement'),
  specificConsentAsked: z.enum(['yes', 'no'], { error: 'Select whether the social worker asked to give specific consent to this placement' }),
});

const WithdrawOpenAgreementInput = z.object({
  withdrawnOn: optionalIsoDate('the date it was withdrawn'),
  reason: text('why the in-principle agreement is withdrawn', 2000),
});

const OverrideInput = z.object({ reason: text('the reason for confirming without every written agreement', 5000) });
const WithdrawInput = z.object({ reason: text('why the proposal is withdrawn', 2000) });
const ConfirmInput = z.object({
  connectedPerson: z.enum(['yes', 'no'], { error: 'Select whether the carers are a relative, friend or other connected person of the child: the SSDA903 placement type follows from it' }),
});

/**
 * For a move: the reason each child's current placement ends, posted as `reasonEnded-<placement id>`
 * (the page has one question per current placement), or through the API as
 * `currentPlacementEndReasons: { "<placement id>": "CARPL" }`. Codes are checked when used.
 */
function endReasonsFrom(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw || typeof raw !== 'object') return out;
  const body = raw as Record<string, unknown>;
  for (const [k, v] of Object.entries(body)) {
    const m = /^reasonEnded-([0-9a-f-]{36})$/i.exec(k);
    if (m && typeof v === 'string' && v.trim()) out[m[1]!.toLowerCase()] = v.trim().toUpperCase();
  }
  const api = body.currentPlacementEndReasons;
  if (api && typeof api === 'object' && !Array.isArray(api)) {
    for (const [k, v] of Object.entries(api as Record<string, unknown>)) if (typeof v === 'string' && v.trim()) out[k.toLowerCase()] = v.trim().toUpperCase();
  }
  return out;
}

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
    const p = await proposals.findProposal(tx, id, true);
    if (!p) throw new NotFoundError('Proposal');
    return p;
  }

  async function requestFacts(tx: DbOrTx, requestId: string) {
    const r = await findPlacementRequest(tx, requestId);
    if (!r) throw new NotFoundError('Placement request');
    const c = await findChild(tx, r.childId);
    if (!c) throw new NotFoundError('Child');
    return { request: r, child: c };
  }

  /** Fostered children living with the household on a day (other than the child being placed). */
  async function childrenThere(tx: DbOrTx, householdId: string, on: IsoDate, exceptChildId: string) {
    const rows = await proposals.livePlacementsInHousehold(tx, householdId);
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
      if (!(await householdExists(tx, householdId))) throw new ValidationError([{ field: 'householdId', message: 'Select a household' }]);
      const open = await proposals.openProposalsFor(tx, requestId, householdId);
      if (open[0]) return open[0];
      const evaluation = await evaluateHousehold(tx, requestId, householdId, day);
      if (!evaluation.eligible) throw new ValidationError(evaluation.reasons.map((message) => ({ field: 'householdId', message })));
      const row = await proposals.insertProposal(tx, { requestId, householdId });
      await writeAudit(tx, ctx, { action: 'proposal.created', subjectType: 'proposal', subjectId: row.id, details: { requestId, householdId, score: evaluation.score } });
      return row;
    });
  }

  async function load(tx: DbOrTx, id: string) {
    const p = await proposals.findProposal(tx, id);
    if (!p) throw new NotFoundError('Proposal');
    const { request, child: c } = await requestFacts(tx, p.requestId);
    const h = await proposals.householdWithSupervisor(tx, p.householdId);
    if (!h) throw new NotFoundError('Household');
    const carers = await proposals.carersWithEmail(tx, h.id);
    const on = p.proposedStart ?? request.neededBy ?? today();
    const there = await childrenThere(tx, h.id, on, c.id);
    const considerations = await proposals.considerationsOf(tx, id);
    const reqs = await proposals.requirementsOf(tx, id);
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

  /**
   * The proposal as the placement gate sees it: the children to be placed together (the request's
   * child and siblings), what is recorded about each child already living there (the
   * considerations and the written agreements), whether it is an emergency and any head of
   * service's authorisation, and each child's current placement that the move would end.
   */
  async function entryFor(tx: DbOrTx, v: Awaited<ReturnType<typeof load>>, day: IsoDate) {
    const groupIds = [v.child.id, ...v.request.siblingIds.filter((x) => x !== v.child.id)];
    const rows = await childrenToPlace(tx, groupIds);
    const group = groupIds.map((id) => rows.find((r) => r.id === id)).filter((r): r is (typeof rows)[number] => r !== undefined);
    const start = v.p.proposedStart ?? (v.request.neededBy && compareDates(v.request.neededBy, day) > 0 ? v.request.neededBy : day);
    const existing: ExistingChildRecord[] = v.existing.map((e) => {
      const req = v.requirements.find((r) => r.existingChildId === e.id);
      return {
        childId: e.id,
        label: e.label,
        considered: Object.fromEntries(v.considerationFacts.filter((c) => c.existingChildId === e.id).map((c) => [c.role, c.servesWellbeing])),
        agreement: req?.status ?? 'not_requested',
      };
    });
    const emergency = v.request.urgency === 'emergency' || v.request.kind === 'emergency';
    const kind = v.request.kind ?? 'short_term';
    const authorisation = v.p.overrideReason ? { byHeadOfService: true, reason: v.p.overrideReason } : null;
    const decision = await decide(tx, { householdId: v.p.householdId, startDate: start, kind, emergency, existing, children: group, authorisation }, day);
    const moves = await currentPlacements(tx, groupIds, start);
    return { group, start, kind, existing, emergency, decision, moves };
  }

  async function get(ctx: Ctx, id: string) {
    const day = today();
    return db.transaction(async (tx) => {
      const v = await load(tx, id);
      const evaluation = await evaluateHousehold(tx, v.p.requestId, v.p.householdId, day);
      const entry = await entryFor(tx, v, day);
      const blockers = {
        propose: v.p.status === 'considering' ? proposalBlockers(v.existing, v.considerationFacts) : [],
        confirm: confirmationBlockers(
          {
            requestStatus: v.request.status,
            proposalStatus: v.p.status,
            proposedStart: v.p.proposedStart,
            gate: [...entry.decision.blocking.map((r) => r.message), ...evaluation.needReasons],
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
      await writeAudit(tx, ctx, { action: 'proposal.viewed', subjectType: 'proposal', subjectId: id, details: { childId: v.child.id, householdId: v.household.id }, childIds: v.existing.map((e) => e.id) });
      return {
        ...v,
        evaluation,
        blockers,
        may,
        today: day,
        /** The children to be placed together (the request's child first, then siblings). */
        group: entry.group,
        /** Each child's current placement elsewhere, which ends the day the new one starts. */
        moves: entry.moves,
        emergency: entry.emergency,
        /** Once confirmed: the placement of each child placed together. */
        placements:
          v.p.status === 'confirmed' && v.p.proposedStart
            ? await proposals.placementsStartedWith(
                tx,
                v.p.householdId,
                v.p.proposedStart,
                entry.group.map((c) => c.id),
              )
            : [],
        /** The SSDA903 placement type for each answer to "are the carers connected to the child?". */
        placementTypes: { yes: derivePlacementType({ kind: v.request.kind, connectedPerson: true }), no: derivePlacementType({ kind: v.request.kind, connectedPerson: false }) },
      };
    });
  }

  async function listForRequest(ctx: Ctx, requestId: string) {
    return db.transaction(async (tx) => {
      const rows = await proposals.proposalsOfRequest(tx, requestId);
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
      const h = await proposals.householdWithSupervisor(tx, p.householdId);
      const role = considerationRoleOf(actor, h?.sswId ?? null);
      if (!role) throw new ForbiddenError("Only a placement officer or the household's own supervising social worker records this consideration");
      const v = await load(tx, proposalId);
      if (!v.existing.some((e) => e.id === input.existingChildId)) throw new ValidationError([{ field: 'existingChildId', message: 'Select a child who lives with these carers' }]);
      await proposals.upsertConsideration(tx, { proposalId, existingChildId: input.existingChildId, role, userId: actor.userId, servesWellbeing: input.servesWellbeing === 'yes', reasoning: input.reasoning });
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
   * reminded (by e-mail) to obtain them (Concurrent placement agreement procedure: "The agency RRT officer will contact the relevant
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
      await proposals.setProposedStart(tx, proposalId, input.proposedStart);
      const v = await load(tx, proposalId);
      const blockers = proposalBlockers(v.existing, v.considerationFacts);
      const evaluation = await evaluateHousehold(tx, p.requestId, p.householdId, day);
      const all = [...blockers, ...evaluation.reasons];
      if (all.length) throw new ValidationError(all.map((message) => ({ field: 'proposedStart', message })));
      for (const t of v.there) {
        await proposals.insertRequirement(tx, {
          proposalId,
          existingChildId: t.childId,
          existingPlacementId: t.placementId,
          placingAuthorityId: t.responsibleAuthorityId,
          socialWorkerUserId: t.socialWorkerId,
          socialWorkerContactId: t.socialWorkerId ? null : t.externalSocialWorkerId,
        });
      }
      const result = await proposals.updateProposal(tx, proposalId, version, { status: 'proposed', proposedBy: ctx.actor?.userId ?? null, proposedAt: new Date() });
      if (result !== 'updated') throw new StaleRecordError('Proposal');
      await setRequestStatus(tx, ctx, p.requestId, 'proposed', `Household ${v.household.reference} proposed to start on ${formatDate(input.proposedStart)}`);
      const ssw = v.household.sswId ? await findUserContact(tx, v.household.sswId) : undefined;
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
    const r = await proposals.lockRequirement(tx, requirementId);
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
      ? await proposals.childrenToRedact(tx, v.request.siblingIds)
      : [];
    // Linked siblings: a link is stored once, the smaller id first, so look both ways.
    const linked = await proposals.linkedSiblingsToRedact(tx, v.child.id);
    const previousCarers = await proposals.previousCarersOf(tx, v.child.id);
    const sw = v.child.socialWorkerId ? await findUserContact(tx, v.child.socialWorkerId) : undefined;
    const familyNames = await familyNamesOfChildren(tx, [v.child.id, ...siblingRows.map((c) => c.id), ...linked.map((c) => c.id)]);
    const summary = anonymisedSummary(
      {
        child: {
          firstName: v.child.firstName,
          lastName: v.child.lastName,
          // nicknames, preferred and previous names: removed whole and word by word, as the name is
          otherNames: v.child.otherNames.map((n) => n.name),
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
        siblings: siblingRows.map((sib) => ({ firstName: sib.firstName, lastName: sib.lastName, dateOfBirth: sib.dateOfBirth, otherNames: sib.otherNames.map((n) => n.name) })),
        // parents and other relatives of the child and of their siblings: each first name and surname too
        familyNames,
        otherNames: [...linked.flatMap((l) => [`${l.firstName} ${l.lastName}`, ...l.otherNames.map((n) => n.name)]), ...previousCarers.map((c) => `${c.firstName} ${c.lastName}`), ...(sw ? [sw.name] : [])],
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
      await writeAudit(tx, ctx, { action: 'proposal.viewed', subjectType: 'agreement', subjectId: requirementId, details: { preview: true }, childIds: [v.child.id, req.existingChildId] });
      return { requirement: req, proposalId: v.p.id, household: v.household.reference, summary };
    });
  }

  async function sswLineManager(tx: DbOrTx, householdSswId: string | null): Promise<string | null> {
    if (!householdSswId) return null;
    const ssw = await findUserContact(tx, householdSswId);
    return ssw?.lineManagerId ?? null;
  }

  /** The supervising social worker of the household or their line manager (the procedure "Concurrent Placement Agreement"); nobody else. */
  async function assertMayRecordAgreements(tx: DbOrTx, ctx: Ctx, householdSswId: string | null) {
    if (!ctx.actor) throw new ForbiddenError();
    if (!mayRecordAgreements(ctx.actor, householdSswId, await sswLineManager(tx, householdSswId))) {
      throw new ForbiddenError("Only the household's supervising social worker, or their line manager, asks for and records these agreements");
    }
  }

  type RequirementContext = Awaited<ReturnType<typeof requirementContext>>;

  /** The child already placed, by first and last name only (for the e-mails to their social worker). */
  const childName = (req: RequirementContext['req']) => req.existingChildLabel.replace(/\s*\(.*\)$/, '');

  /** One piece of concurrency correspondence, filed on the carers' file ("The agency RRT team will save all correspondence in the carers' file"). */
  async function fileCorrespondence(tx: DbOrTx, ctx: Ctx, c: { householdId: string; title: string; fileName: string; text: string; related: { type: string; id: string } }): Promise<string> {
    return fileDocument(tx, ctx, {
      householdId: c.householdId,
      category: 'concurrency',
      title: c.title.length > 200 ? `${c.title.slice(0, 199)}…` : c.title,
      fileName: c.fileName,
      contentType: 'text/plain',
      content: new TextEncoder().encode(c.text),
      related: c.related,
    });
  }

  /** An e-mail as it is kept on the carers' file: who it went to, when, its subject and its text. */
  const filedEmail = (to: string[], subject: string, body: string, day: IsoDate) => `To: ${to.join(', ')}\nDate: ${formatDate(day)}\nSubject: ${subject}\n\n${body}\n`;

  /** The placement officers (the agency placement team, the Referral Response Team). */
  async function placementTeamEmails(tx: DbOrTx): Promise<string[]> {
    const rows = await activeEmailsWithRole(tx, 'placement_officer');
    return [...new Set(rows.map((m) => m.email))];
  }

  /** Set on a requirement when an answer arrives: it waits on the placement officers' My work until one of them marks it seen. */
  const answerArrived = () => ({ answeredAt: new Date(), answerSeenAt: null, answerSeenBy: null });

  /**
   * An answer has arrived (agreed or declined, through the secure link or recorded by the SSW): the
   * placement team is e-mailed ("All correspondence about concurrency … MUST be emailed by the SSW to
   * the agency placement team") and it waits on their My work until one of them marks it seen.
   */
  async function tellPlacementTeam(
    tx: DbOrTx,
    ctx: Ctx,
    a: { c: RequirementContext; outcome: 'agreed' | 'declined'; how: string; responderName: string; responderRole: string | null; onBehalfReason: string | null; documentId: string },
  ) {
    const to = await placementTeamEmails(tx);
    if (!to.length) return;
    const { v, req, r } = a.c;
    await mailer.enqueue(tx, ctx, {
      to,
      subject: `${a.outcome === 'agreed' ? 'Agreement received' : 'Placement declined'}: ${req.existingChildLabel}, household ${v.household.reference}`,
      body:
        `${a.responderName}${a.responderRole ? ` (${a.responderRole})` : ''} ${a.outcome === 'agreed' ? 'agreed to' : 'declined'} the proposed placement of ${v.child.firstName} ${v.child.lastName} with household ${v.household.reference}, ` +
        `as the social worker of ${req.existingChildLabel} (${req.placingAuthority}), ${a.how}.\n` +
        (a.onBehalfReason ? `They answered instead of ${req.socialWorkerName ?? 'the recorded social worker'}: ${a.onBehalfReason}\n` : '') +
        `\nThe correspondence is filed on the carers' file: ${opts.publicUrl}/households/${v.household.id}/documents/${a.documentId}\n` +
        `The proposal: ${opts.publicUrl}/proposals/${v.p.id}\n\nMark it seen on My work: ${opts.publicUrl}/my-work`,
      related: { type: 'agreement', id: r.id },
    });
  }

  /**
   * Send the request for written agreement through a secure link: the sender has read the
   * anonymised summary. The e-mail gives the month of the proposed start, not the date. The link's
   * token goes only to the recipient: the outbox shows it masked, and the copy filed on the carers'
   * file leaves it out.
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
      // Sent again (the e-mail was lost, or the link expired): only the newest link works.
      const replaced = await proposals.expireLiveLinks(tx, requirementId);
      const token = randomBytes(32).toString('base64url');
      const expires = new Date(Date.now() + LINK_VALID_DAYS * 86_400_000);
      await proposals.insertAgreementLink(tx, { requirementId, tokenHash: hashToken(token), summary, expiresAt: expires, createdBy: ctx.actor?.userId ?? null });
      const subject = 'Agreement needed: a proposed placement with the carers of a child you are responsible for';
      const body =
        `Dear ${req.socialWorkerName ?? 'colleague'},\n\n` +
        `We propose to place a child with the foster carers of ${childName(req)}, whom you are the social worker for (${req.placingAuthority}), ` +
        `from ${startMonth(v.p.proposedStart)}. We need your written agreement before the placement begins; any delay could mean the placement is lost.\n\n` +
        `About the child we propose to place (anonymised):\n\n${summary}\n\n` +
        `Please answer, agree or decline, at this secure link (valid until ${formatDate(addDays(day, LINK_VALID_DAYS))}, for you only):\n${opts.publicUrl}/agreement/${token}\n\n` +
        `Or reply in writing to the supervising social worker${v.household.sswName ? `, ${v.household.sswName}` : ''}.`;
      await mailer.enqueue(tx, ctx, { to: [req.socialWorkerEmail], subject, body, secrets: [token], related: { type: 'agreement', id: requirementId } });
      await fileCorrespondence(tx, ctx, {
        householdId: v.household.id,
        title: `Request for agreement sent to ${req.socialWorkerName ?? 'the social worker'} about ${req.existingChildLabel}`,
        fileName: `agreement-request-${day}.txt`,
        // The secure link is not filed: only its recipient may use it.
        text: filedEmail([req.socialWorkerEmail], subject, body.split(token).join('[link sent to the recipient]'), day),
        related: { type: 'agreement', id: requirementId },
      });
      const result = await proposals.updateRequirement(tx, requirementId, version, { status: 'requested', requestedAt: new Date(), requestedBy: ctx.actor?.userId ?? null });
      if (result !== 'updated') throw new StaleRecordError('Agreement');
      await writeAudit(tx, ctx, {
        action: 'agreement.requested',
        subjectType: 'agreement',
        subjectId: requirementId,
        details: { proposalId: v.p.id, existingChildId: r.existingChildId, method: 'secure_link', ...(replaced ? { linksReplaced: replaced } : {}) },
      });
    });
    await afterCommit(undefined);
  }

  /**
   * Record an answer received in writing (a letter or an e-mail, its text pasted and filed on the
   * carers' file). The person who wrote is compared with the social worker recorded for the child
   * already placed; anyone else needs the reason they answered (for example their team manager, on
   * their behalf). The placement team hears of the answer. In-principle agreements are recorded on
   * the child's placement and used per proposal (recordOpenAgreement, useOpenAgreement).
   */
  async function recordAgreement(ctx: Ctx, requirementId: string, version: number, raw: unknown): Promise<void> {
    const day = today();
    await db.transaction(async (tx) => {
      const c = await requirementContext(tx, requirementId);
      const { r, v, req } = c;
      await assertMayRecordAgreements(tx, ctx, v.household.sswId);
      const input = parseInput(RecordAgreementInput, raw);
      if (r.version !== version) throw new StaleRecordError('Agreement');
      if (v.p.status !== 'proposed') throw new ValidationError([{ field: 'outcome', message: 'The household is not proposed' }]);
      const who = checkResponder(req.socialWorkerName, input.responderName, input.onBehalfReason);
      const issues = [...who.issues];
      if (compareDates(input.respondedOn, day) > 0) issues.push({ field: 'respondedOn', message: 'The date must be today or in the past' });
      if (issues.length) throw new ValidationError(issues);
      const onBehalfReason = who.samePerson ? null : input.onBehalfReason;
      const documentId = await fileCorrespondence(tx, ctx, {
        householdId: v.household.id,
        title: `${input.outcome === 'agreed' ? 'Agreement' : 'Refusal'} from ${input.responderName} about ${req.existingChildLabel}`,
        fileName: `agreement-${input.respondedOn}.txt`,
        text:
          `From: ${input.responderName}, ${input.responderRole}\nDate: ${formatDate(input.respondedOn)}\nAnswer: ${input.outcome}\n` +
          (onBehalfReason ? `On behalf of ${req.socialWorkerName ?? 'the social worker'}: ${onBehalfReason}\n` : '') +
          `\n${input.correspondence}\n` +
          (input.comments ? `\nComments: ${input.comments}\n` : ''),
        related: { type: 'agreement', id: requirementId },
      });
      const result = await proposals.updateRequirement(tx, requirementId, version, {
        status: input.outcome,
        method: 'letter_or_email',
        respondedOn: input.respondedOn,
        responderName: input.responderName,
        responderRole: input.responderRole,
        onBehalfReason,
        comments: input.comments,
        documentId,
        openAgreementId: null,
        recordedBy: ctx.actor?.userId ?? null,
        recordedAt: new Date(),
        ...answerArrived(),
      });
      if (result !== 'updated') throw new StaleRecordError('Agreement');
      await tellPlacementTeam(tx, ctx, { c, outcome: input.outcome, how: `in a letter or e-mail of ${formatDate(input.respondedOn)} recorded by ${ctx.actor?.name ?? 'the supervising social worker'}`, responderName: input.responderName, responderRole: input.responderRole, onBehalfReason, documentId });
      await writeAudit(tx, ctx, {
        action: 'agreement.recorded',
        subjectType: 'agreement',
        subjectId: requirementId,
        details: { proposalId: v.p.id, existingChildId: r.existingChildId, method: 'letter_or_email', status: input.outcome, responderName: input.responderName, onBehalf: onBehalfReason !== null, documentId },
      });
    });
    await afterCommit(undefined);
  }

  async function linkByToken(tx: DbOrTx, token: string) {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const l = await proposals.lockLinkByTokenHash(tx, hashToken(token));
    return l ?? null;
  }

  /** The social worker recorded for the child already placed: an app user, or the other authority's named contact. */
  async function recordedSocialWorker(tx: DbOrTx, requirementId: string): Promise<string | null> {
    const who = await proposals.requirementSocialWorker(tx, requirementId);
    return who?.user ?? who?.contact ?? null;
  }

  /**
   * What the other social worker sees at the secure link; null when the link is unknown. A used or
   * expired link shows nothing of the child. `socialWorkerName` is the person the request was sent
   * to: anyone else answering says why.
   */
  async function viewLink(ctx: Ctx, token: string): Promise<{ summary: string; expiresAt: Date; answered: boolean; socialWorkerName: string | null } | null> {
    return db.transaction(async (tx) => {
      const l = await linkByToken(tx, token);
      if (!l) return null;
      const usable = !l.usedAt && l.expiresAt.getTime() > Date.now();
      // A usable link shows the proposed child's (anonymised) summary, about the child already placed.
      const shown = usable ? await childrenOfRelated(tx, [{ relatedType: 'agreement', relatedId: l.requirementId }]) : [];
      await writeAudit(tx, ctx, { action: 'agreement.link.viewed', subjectType: 'agreement', subjectId: l.requirementId, details: { usable }, childIds: shown });
      if (!usable) return { summary: '', expiresAt: l.expiresAt, answered: Boolean(l.usedAt), socialWorkerName: null };
      return { summary: l.summary, expiresAt: l.expiresAt, answered: false, socialWorkerName: await recordedSocialWorker(tx, l.requirementId) };
    });
  }

  /**
   * The other social worker's answer through the secure link. Someone other than the social worker
   * it was sent to says why they answer. The link then stops working; the answer is filed on the
   * carers' file, and the supervising social worker and the placement team are told.
   */
  async function answerLink(ctx: Ctx, token: string, raw: unknown): Promise<'agreed' | 'declined'> {
    const input = parseInput(LinkAnswerInput, raw);
    const day = today();
    const outcome = await db.transaction(async (tx) => {
      const l = await linkByToken(tx, token);
      if (!l || l.usedAt || l.expiresAt.getTime() <= Date.now()) throw new NotFoundError('Agreement link');
      const c = await requirementContext(tx, l.requirementId);
      const { r, v, req } = c;
      if (r.status === 'agreed' || r.status === 'declined' || v.p.status !== 'proposed') throw new NotFoundError('Agreement link');
      const who = checkLinkResponder({ name: req.socialWorkerName, email: req.socialWorkerEmail }, { name: input.responderName, email: input.responderEmail }, input.onBehalfReason);
      if (who.issues.length) throw new ValidationError(who.issues);
      const onBehalfReason = who.samePerson ? null : input.onBehalfReason;
      await proposals.markLinkUsed(tx, l.id);
      const documentId = await fileCorrespondence(tx, ctx, {
        householdId: v.household.id,
        title: `${input.outcome === 'agreed' ? 'Agreement' : 'Refusal'} from ${input.responderName} about ${req.existingChildLabel} (secure link)`,
        fileName: `agreement-${day}.txt`,
        text:
          `From: ${input.responderName} <${input.responderEmail}>, ${input.responderRole}\nDate: ${formatDate(day)}\nAnswer: ${input.outcome}\n` +
          (onBehalfReason ? `On behalf of ${req.socialWorkerName ?? 'the social worker'}: ${onBehalfReason}\n` : '') +
          `\n${input.comments ?? ''}\n`,
        related: { type: 'agreement', id: r.id },
      });
      await proposals.setRequirementCountingVersion(tx, r.id, {
        status: input.outcome,
        method: 'secure_link',
        respondedOn: day,
        responderName: input.responderName,
        responderEmail: input.responderEmail,
        responderRole: input.responderRole,
        onBehalfReason,
        comments: input.comments,
        documentId,
        openAgreementId: null,
        recordedAt: new Date(),
        ...answerArrived(),
      });
      if (v.household.sswId) {
        const ssw = await findUserContact(tx, v.household.sswId);
        if (ssw) {
          await mailer.enqueue(tx, ctx, {
            to: [ssw.email],
            subject: `${input.outcome === 'agreed' ? 'Agreement received' : 'Placement declined'}: ${req.existingChildLabel}`,
            body:
              `${input.responderName} (${input.responderRole}) ${input.outcome} the proposed placement with household ${v.household.reference} through the secure link on ${formatDate(day)}.\n` +
              (onBehalfReason ? `They answered instead of ${req.socialWorkerName ?? 'the recorded social worker'}: ${onBehalfReason}\n` : '') +
              `\n${input.comments ?? ''}\n\n${opts.publicUrl}/proposals/${v.p.id}`,
            related: { type: 'agreement', id: r.id },
          });
        }
      }
      await tellPlacementTeam(tx, ctx, { c, outcome: input.outcome, how: `through the secure link on ${formatDate(day)}`, responderName: input.responderName, responderRole: input.responderRole, onBehalfReason, documentId });
      await writeAudit(tx, ctx, {
        action: 'agreement.link.answered',
        subjectType: 'agreement',
        subjectId: r.id,
        details: { outcome: input.outcome, responderName: input.responderName, responderEmail: input.responderEmail, responderRole: input.responderRole, onBehalf: onBehalfReason !== null, documentId },
      });
      return input.outcome;
    });
    return afterCommit(outcome);
  }

  // ---- In-principle ("open") agreements ------------------------------------------------------

  /** The existing placement of a requirement (locked) and the in-principle agreement recorded on it that has not been withdrawn. */
  async function openAgreementContext(tx: DbOrTx, existingPlacementId: string) {
    const p = await proposals.lockPlacementTerms(tx, existingPlacementId);
    if (!p) throw new NotFoundError('Placement');
    const oa = await proposals.standingOpenAgreement(tx, p.id);
    const open = oa ? { ...oa.oa, recordedByName: oa.recordedByName } : null;
    return { placement: p, open, stands: openAgreementStands(open, p, today()) };
  }

  /** The day this proposal was made (the household proposed). */
  const proposedOn = (p: RequirementContext['v']['p']): IsoDate => (p.proposedAt ? todayInEngland(p.proposedAt) : today());

  /**
   * Everything about one requirement's in-principle agreement, for its page and the API: the existing
   * placement, the agreement standing on it (if any), the day this proposal was made, and what the
   * actor may do.
   */
  async function openAgreementView(ctx: Ctx, requirementId: string) {
    return db.transaction(async (tx) => {
      const { r, v, req } = await requirementContext(tx, requirementId);
      const o = await openAgreementContext(tx, r.existingPlacementId);
      const mayRecord = ctx.actor ? mayRecordAgreements(ctx.actor, v.household.sswId, await sswLineManager(tx, v.household.sswId)) : false;
      const open = v.p.status === 'proposed' && r.status !== 'agreed' && r.status !== 'declined';
      await writeAudit(tx, ctx, { action: 'proposal.viewed', subjectType: 'agreement', subjectId: requirementId, details: { openAgreement: o.open?.id ?? null }, childIds: [v.child.id, req.existingChildId] });
      return {
        requirement: req,
        proposalId: v.p.id,
        proposalStatus: v.p.status,
        proposedStart: v.p.proposedStart,
        proposedOn: proposedOn(v.p),
        household: { id: v.household.id, reference: v.household.reference },
        existingPlacement: o.placement,
        openAgreement: o.open,
        stands: o.stands,
        may: {
          record: mayRecord && o.open === null && o.placement.kind === 'long_term',
          use: mayRecord && open && o.stands,
          notice: mayRecord && open && o.stands && Boolean(req.socialWorkerEmail),
          withdraw: mayRecord && o.open !== null,
        },
      };
    });
  }

  /**
   * Record an in-principle agreement on the existing placement, once: only for a child in a
   * long-term placement that goes on ("For some longer-term placements … an in-principle agreement"),
   * given by the child's recorded social worker or someone answering for them with the reason. The
   * correspondence is filed on the carers' file. It is then used by this and later proposals.
   */
  async function recordOpenAgreement(ctx: Ctx, requirementId: string, version: number, raw: unknown): Promise<{ id: string }> {
    const day = today();
    return db.transaction(async (tx) => {
      const { r, v, req } = await requirementContext(tx, requirementId);
      await assertMayRecordAgreements(tx, ctx, v.household.sswId);
      const input = parseInput(OpenAgreementInput, raw);
      if (r.version !== version) throw new StaleRecordError('Agreement');
      const o = await openAgreementContext(tx, r.existingPlacementId);
      const who = checkResponder(req.socialWorkerName, input.givenByName, input.onBehalfReason);
      const issues = [...openAgreementRecordIssues(o.placement, input.givenOn, day, o.open !== null), ...who.issues.map((i) => ({ ...i, message: i.message.replace(/say why they answered instead/, 'say why they gave it instead') }))];
      if (issues.length) throw new ValidationError(issues);
      const onBehalfReason = who.samePerson ? null : input.onBehalfReason;
      const documentId = await fileCorrespondence(tx, ctx, {
        householdId: v.household.id,
        title: `In-principle agreement from ${input.givenByName} about ${req.existingChildLabel}`,
        fileName: `in-principle-agreement-${input.givenOn}.txt`,
        text:
          `In-principle ("open") agreement to other children being placed with these carers\n` +
          `From: ${input.givenByName}, ${input.givenByRole}\nDate: ${formatDate(input.givenOn)}\nAbout: ${req.existingChildLabel} (${req.placingAuthority}), in a long-term placement since ${formatDate(o.placement.startDate)}\n` +
          (onBehalfReason ? `On behalf of ${req.socialWorkerName ?? 'the social worker'}: ${onBehalfReason}\n` : '') +
          `\n${input.correspondence}\n`,
        related: { type: 'agreement', id: requirementId },
      });
      const row = await proposals.insertOpenAgreement(tx, {
        existingPlacementId: o.placement.id,
        existingChildId: r.existingChildId,
        householdId: v.household.id,
        givenOn: input.givenOn,
        givenByName: input.givenByName,
        givenByRole: input.givenByRole,
        onBehalfReason,
        documentId,
        recordedBy: ctx.actor?.userId ?? null,
      });
      await writeAudit(tx, ctx, {
        action: 'agreement.open.recorded',
        subjectType: 'open_agreement',
        subjectId: row.id,
        details: { requirementId, existingPlacementId: o.placement.id, existingChildId: r.existingChildId, givenOn: input.givenOn, givenByName: input.givenByName, onBehalf: onBehalfReason !== null, documentId },
      });
      return row;
    });
  }

  /**
   * Use the standing in-principle agreement for this proposal: the SSW records only the day the
   * social worker was told of this proposal (on or after the day it was made) and whether they asked
   * to give specific consent. Without that request the agreement is complete ('agreed', and the
   * placement team hears of it); with it, their specific written agreement is still needed
   * ('requested': ask for it by secure link or record their letter). Filed on the carers' file.
   */
  async function useOpenAgreement(ctx: Ctx, requirementId: string, version: number, raw: unknown): Promise<'agreed' | 'requested'> {
    // Every problem at once: what is missing from the form and, for a date given, what the rule says of it.
    let input: z.output<typeof UseOpenAgreementInput> | null = null;
    let inputErrors: FieldError[] = [];
    try {
      input = parseInput(UseOpenAgreementInput, raw);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      inputErrors = err.errors;
    }
    const rawInformedOn = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).informedOn : undefined;
    const informedOn = input?.informedOn ?? (typeof rawInformedOn === 'string' && !inputErrors.some((e) => e.field === 'informedOn') ? rawInformedOn : null);
    const day = today();
    const status = await db.transaction(async (tx) => {
      const c = await requirementContext(tx, requirementId);
      const { r, v, req } = c;
      await assertMayRecordAgreements(tx, ctx, v.household.sswId);
      if (r.version !== version) throw new StaleRecordError('Agreement');
      if (v.p.status !== 'proposed') throw new ValidationError([{ field: 'informedOn', message: 'The household is not proposed' }]);
      if (r.status === 'agreed' || r.status === 'declined') throw new ValidationError([{ field: 'informedOn', message: 'This agreement has already been answered' }]);
      const o = await openAgreementContext(tx, r.existingPlacementId);
      const specific = input?.specificConsentAsked === 'yes';
      const use = informedOn ? openAgreementUse({ stands: o.stands, proposedOn: proposedOn(v.p), informedOn, specificConsentAsked: specific }, day) : null;
      const issues = [...inputErrors, ...(use?.issues ?? []).filter((i) => !inputErrors.some((e) => e.field === i.field))];
      if (issues.length || !input || !use || !o.open) throw new ValidationError(issues);
      const oa = o.open;
      const agreed = use.status === 'agreed';
      const documentId = await fileCorrespondence(tx, ctx, {
        householdId: v.household.id,
        title: `In-principle agreement ${agreed ? 'used' : 'noted, specific consent asked for'}: ${req.existingChildLabel}`,
        fileName: `in-principle-agreement-used-${input.informedOn}.txt`,
        text:
          `In-principle agreement given on ${formatDate(oa.givenOn)} by ${oa.givenByName}, ${oa.givenByRole}` +
          (oa.onBehalfReason ? ` (on behalf of ${req.socialWorkerName ?? 'the social worker'}: ${oa.onBehalfReason})` : '') +
          `.\nThe social worker of ${req.existingChildLabel} was told on ${formatDate(input.informedOn)} that a child is proposed to join household ${v.household.reference} from ${startMonth(v.p.proposedStart)}.\n` +
          `Did they ask to give specific consent to this placement? ${specific ? 'Yes: their specific written agreement is still needed.' : 'No.'}\n` +
          `Recorded by ${ctx.actor?.name ?? 'Hearth'} on ${formatDate(day)}.\n`,
        related: { type: 'agreement', id: requirementId },
      });
      const result = await proposals.updateRequirement(tx, requirementId, version, {
        status: use.status,
        method: 'open_agreement',
        openAgreementId: oa.id,
        informedOn: input.informedOn,
        specificConsentAsked: specific,
        respondedOn: agreed ? input.informedOn : null,
        responderName: agreed ? oa.givenByName : null,
        responderRole: agreed ? oa.givenByRole : null,
        onBehalfReason: agreed ? oa.onBehalfReason : null,
        documentId,
        recordedBy: ctx.actor?.userId ?? null,
        recordedAt: new Date(),
        ...(agreed ? answerArrived() : {}),
        ...(!agreed && !r.requestedAt ? { requestedAt: new Date(), requestedBy: ctx.actor?.userId ?? null } : {}),
      });
      if (result !== 'updated') throw new StaleRecordError('Agreement');
      if (agreed) {
        await tellPlacementTeam(tx, ctx, {
          c,
          outcome: 'agreed',
          how: `by the in-principle agreement of ${formatDate(oa.givenOn)}, told of this placement on ${formatDate(input.informedOn)} and not asking for specific consent`,
          responderName: oa.givenByName,
          responderRole: oa.givenByRole,
          onBehalfReason: oa.onBehalfReason,
          documentId,
        });
      }
      await writeAudit(tx, ctx, {
        action: 'agreement.recorded',
        subjectType: 'agreement',
        subjectId: requirementId,
        details: { proposalId: v.p.id, existingChildId: r.existingChildId, method: 'open_agreement', openAgreementId: oa.id, informedOn: input.informedOn, specificConsentAsked: specific, status: use.status, documentId },
      });
      return use.status;
    });
    return afterCommit(status);
  }

  /**
   * The notice to the holder of a standing in-principle agreement: "we still have a duty to inform
   * the social worker … that another child will be placed". E-mailed with the anonymised summary and
   * the month of the proposed start; filed on the carers' file.
   */
  async function sendOpenAgreementNotice(ctx: Ctx, requirementId: string, version: number): Promise<void> {
    const day = today();
    await db.transaction(async (tx) => {
      const { r, v, req } = await requirementContext(tx, requirementId);
      await assertMayRecordAgreements(tx, ctx, v.household.sswId);
      if (r.version !== version) throw new StaleRecordError('Agreement');
      if (v.p.status !== 'proposed') throw new ValidationError([{ field: 'notice', message: 'The household is not proposed' }]);
      const o = await openAgreementContext(tx, r.existingPlacementId);
      if (!o.stands || !o.open) throw new ValidationError([{ field: 'notice', message: 'No in-principle agreement stands for this child’s placement' }]);
      if (!req.socialWorkerEmail) throw new ValidationError([{ field: 'notice', message: `No e-mail address is recorded for the social worker of ${req.existingChildLabel}: tell them another way and record the date` }]);
      const summary = await summaryFor(tx, v);
      const subject = 'Notice: another child is proposed to join the carers of a child you are responsible for';
      const body =
        `Dear ${req.socialWorkerName ?? 'colleague'},\n\n` +
        `On ${formatDate(o.open.givenOn)} you gave an in-principle agreement to other children being placed with the foster carers of ${childName(req)}, whom you are the social worker for (${req.placingAuthority}). ` +
        `We are letting you know, as we must, that we propose to place a child with them from ${startMonth(v.p.proposedStart)}.\n\n` +
        `About the child we propose to place (anonymised):\n\n${summary}\n\n` +
        `If you wish to give your specific written consent to this placement, or you no longer agree, please tell the supervising social worker${v.household.sswName ? `, ${v.household.sswName},` : ''} straight away: any delay could mean the placement is lost.`;
      await mailer.enqueue(tx, ctx, { to: [req.socialWorkerEmail], subject, body, related: { type: 'agreement', id: requirementId } });
      const documentId = await fileCorrespondence(tx, ctx, {
        householdId: v.household.id,
        title: `Notice of this placement sent to ${req.socialWorkerName ?? 'the social worker'} about ${req.existingChildLabel} (in-principle agreement)`,
        fileName: `in-principle-agreement-notice-${day}.txt`,
        text: filedEmail([req.socialWorkerEmail], subject, body, day),
        related: { type: 'agreement', id: requirementId },
      });
      const result = await proposals.updateRequirement(tx, requirementId, version, { noticeSentAt: new Date() });
      if (result !== 'updated') throw new StaleRecordError('Agreement');
      await writeAudit(tx, ctx, { action: 'agreement.notice.sent', subjectType: 'agreement', subjectId: requirementId, details: { proposalId: v.p.id, openAgreementId: o.open.id, documentId } });
    });
    await afterCommit(undefined);
  }

  /**
   * Withdraw an in-principle agreement (the social worker took it back, or it was recorded in error).
   * Proposals not yet confirmed that were agreed by it need written agreement again: their
   * requirements return to 'not requested' and the placement team is told. Filed and audited.
   */
  async function withdrawOpenAgreement(ctx: Ctx, openAgreementId: string, version: number, raw: unknown): Promise<void> {
    const day = today();
    await db.transaction(async (tx) => {
      const oa = await proposals.lockOpenAgreement(tx, openAgreementId);
      if (!oa) throw new NotFoundError('In-principle agreement');
      const h = await proposals.householdWithSupervisor(tx, oa.householdId);
      await assertMayRecordAgreements(tx, ctx, h?.sswId ?? null);
      const input = parseInput(WithdrawOpenAgreementInput, raw);
      if (oa.version !== version) throw new StaleRecordError('In-principle agreement');
      if (oa.withdrawnOn) throw new ValidationError([{ field: 'reason', message: 'This in-principle agreement has already been withdrawn' }]);
      const withdrawnOn = input.withdrawnOn ?? day;
      if (compareDates(withdrawnOn, day) > 0) throw new ValidationError([{ field: 'withdrawnOn', message: 'The date it was withdrawn must be today or in the past' }]);
      if (compareDates(withdrawnOn, oa.givenOn) < 0) throw new ValidationError([{ field: 'withdrawnOn', message: `The date it was withdrawn must be on or after the day it was given (${formatDate(oa.givenOn)})` }]);
      const result = await proposals.updateOpenAgreement(tx, openAgreementId, version, { withdrawnOn, withdrawnReason: input.reason, withdrawnBy: ctx.actor?.userId ?? null });
      if (result !== 'updated') throw new StaleRecordError('In-principle agreement');
      const relying = await proposals.requirementsRelyingOn(tx, openAgreementId);
      for (const x of relying) {
        await proposals.setRequirementCountingVersion(tx, x.id, { status: 'not_requested', method: null, respondedOn: null, responderName: null, responderRole: null, onBehalfReason: null, answeredAt: null, answerSeenAt: null, answerSeenBy: null });
      }
      const c = await findChildName(tx, oa.existingChildId);
      const label = c ? childLabel(c) : 'the child';
      const text = `In-principle agreement given on ${formatDate(oa.givenOn)} by ${oa.givenByName}, ${oa.givenByRole}, about ${label}: withdrawn on ${formatDate(withdrawnOn)}.\nReason: ${input.reason}\nRecorded by ${ctx.actor?.name ?? 'Hearth'} on ${formatDate(day)}.\n`;
      const documentId = await fileCorrespondence(tx, ctx, {
        householdId: oa.householdId,
        title: `In-principle agreement from ${oa.givenByName} about ${label} withdrawn`,
        fileName: `in-principle-agreement-withdrawn-${withdrawnOn}.txt`,
        text,
        related: { type: 'open_agreement', id: openAgreementId },
      });
      if (relying.length) {
        const to = await placementTeamEmails(tx);
        if (to.length) {
          await mailer.enqueue(tx, ctx, {
            to,
            subject: `In-principle agreement withdrawn: written agreement needed again for household ${h?.reference ?? ''}`.trim(),
            body: `${text}\nThe written agreement of the social worker of ${label} is needed again for:\n${relying.map((x) => `- ${opts.publicUrl}/proposals/${x.proposalId}`).join('\n')}\n`,
            related: { type: 'open_agreement', id: openAgreementId },
          });
        }
      }
      await writeAudit(tx, ctx, {
        action: 'agreement.open.withdrawn',
        subjectType: 'open_agreement',
        subjectId: openAgreementId,
        details: { withdrawnOn, reason: input.reason, requirementsReopened: relying.map((x) => x.id), documentId },
      });
    });
    await afterCommit(undefined);
  }

  // ---- The placement team hears back --------------------------------------------------------

  /** Answers (agreed or declined) the placement team has not yet marked seen, oldest first: for the placement officers' My work. */
  async function answersToAcknowledge(ctx: Ctx) {
    return db.transaction(async (tx) => {
      const rows = await proposals.unseenAnswers(tx);
      await writeAudit(tx, ctx, { action: 'agreement.answers.listed', subjectType: 'agreement', details: { count: rows.length }, childIds: rows.map((x) => x.existingChildId) });
      return rows.map((x) => ({ ...x, status: x.status as 'agreed' | 'declined', answeredAt: x.answeredAt! }));
    });
  }

  /** A placement officer marks an answer seen: it leaves the placement team's My work. Marking one already seen changes nothing. */
  async function acknowledgeAnswer(ctx: Ctx, requirementId: string, version: number): Promise<void> {
    if (ctx.actor?.role !== 'placement_officer') throw new ForbiddenError('Only a placement officer marks an answer as seen');
    await db.transaction(async (tx) => {
      const r = await proposals.lockRequirement(tx, requirementId);
      if (!r) throw new NotFoundError('Agreement');
      if (!r.answeredAt || (r.status !== 'agreed' && r.status !== 'declined')) throw new ValidationError([{ field: 'form', message: 'There is no answer to mark as seen' }]);
      if (r.answerSeenAt) return;
      const result = await proposals.updateRequirement(tx, requirementId, version, { answerSeenAt: new Date(), answerSeenBy: ctx.actor?.userId ?? null });
      if (result !== 'updated') throw new StaleRecordError('Agreement');
      await writeAudit(tx, ctx, { action: 'agreement.answer.acknowledged', subjectType: 'agreement', subjectId: requirementId, details: { proposalId: r.proposalId, status: r.status } });
    });
  }

  /**
   * Chase every unanswered agreement request (or those of one proposal, from its page): remind the other social worker and the SSW after a
   * working day, then escalate to the SSW's line manager and the placement team. Each reminder and
   * escalation is filed on the carers' file. Run by the server every hour and from the proposal page.
   *
   * Several Hearth processes may chase at the same moment (each server runs it; anyone may press the
   * button): each unanswered request is locked (FOR UPDATE SKIP LOCKED) before it is looked at, so a
   * request being chased elsewhere is left to that chase, and one chased a moment ago is read again
   * after the lock with its new reminder date, when there is nothing more to do. Each reminder and
   * escalation is therefore sent once, and since a skipped lock is never waited for, two chases cannot
   * deadlock.
   */
  async function chaseAgreements(ctx: Ctx, scope: { proposalId?: string } = {}): Promise<{ reminded: number; escalated: number }> {
    const day = today();
    const counts = await db.transaction(async (tx) => {
      const open = await proposals.lockRequestedAgreements(tx, scope.proposalId);
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
        const ssw = v.household.sswId ? await findUserContact(tx, v.household.sswId) : undefined;
        const link = `${opts.publicUrl}/proposals/${v.p.id}`;
        const related = { type: 'agreement', id: r.id };
        if (action === 'remind') {
          const to = [req.socialWorkerEmail, ssw?.email].filter((x): x is string => Boolean(x));
          const subject = `Reminder: agreement still needed for a placement with the carers of ${childName(req)}`;
          const body = `The written agreement asked for on ${formatDate(r.requestedAt ? todayInEngland(r.requestedAt) : day)} has not been received. The placement is due to start in ${startMonth(v.p.proposedStart)} and may be lost without it.\n\nSupervising social worker: ${link}`;
          if (to.length) await mailer.enqueue(tx, ctx, { to, subject, body, related });
          await fileCorrespondence(tx, ctx, {
            householdId: v.household.id,
            title: `Reminder ${r.remindersSent + 1} about the agreement for ${req.existingChildLabel}${to.length ? '' : ' (no address to send it to)'}`,
            fileName: `agreement-reminder-${day}.txt`,
            text: filedEmail(to, subject, body, day),
            related,
          });
          await proposals.setRequirementChased(tx, r.id, { remindersSent: r.remindersSent + 1, lastReminderAt: new Date() });
          await writeAudit(tx, ctx, { action: 'agreement.reminded', subjectType: 'agreement', subjectId: r.id, details: { reminder: r.remindersSent + 1 } });
          reminded++;
        } else {
          const team = await placementTeamEmails(tx);
          const manager = ssw?.lineManagerId ? await findActiveUserEmail(tx, ssw.lineManagerId) : undefined;
          const to = [...new Set([...(manager ? [manager.email] : []), ...team])];
          const subject = `Escalation: no agreement yet for a placement with household ${v.household.reference}`;
          const body = `The social worker of ${req.existingChildLabel} (${req.placingAuthority}) has not answered after ${r.remindersSent} reminders. The placement is due to start on ${formatDate(v.p.proposedStart)}.\n\n${link}`;
          if (to.length) await mailer.enqueue(tx, ctx, { to, subject, body, related });
          await fileCorrespondence(tx, ctx, {
            householdId: v.household.id,
            title: `Escalation about the agreement for ${req.existingChildLabel}`,
            fileName: `agreement-escalation-${day}.txt`,
            text: filedEmail(to, subject, body, day),
            related,
          });
          await proposals.setRequirementChased(tx, r.id, { escalatedAt: new Date() });
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
      if (p.status !== 'proposed') throw new ValidationError([{ field: 'reason', message: 'Only a proposed household can be authorised' }]);
      const v = await load(tx, proposalId);
      if (!(v.request.urgency === 'emergency' || v.request.kind === 'emergency')) {
        throw new ValidationError([{ field: 'reason', message: 'Only an emergency placement can start before every written agreement is in: this request is for a planned placement, which waits for them' }]);
      }
      const declined = v.requirements.filter((r) => r.status === 'declined');
      if (declined.length) {
        throw new ValidationError(declined.map((r) => ({ field: 'reason', message: `The social worker of ${r.existingChildLabel} declined this placement in writing: nothing can override a recorded refusal` })));
      }
      const result = await proposals.updateProposal(tx, proposalId, version, { overrideBy: ctx.actor?.userId ?? null, overrideAt: new Date(), overrideReason: input.reason });
      if (result === 'stale') throw new StaleRecordError('Proposal');
      await writeAudit(tx, ctx, { action: 'agreement.overridden', subjectType: 'proposal', subjectId: proposalId, details: { reason: input.reason } });
    });
  }

  async function withdraw(ctx: Ctx, proposalId: string, version: number, raw: unknown): Promise<void> {
    const input = parseInput(WithdrawInput, raw);
    await db.transaction(async (tx) => {
      const p = await lockProposal(tx, proposalId);
      if (p.status === 'confirmed' || p.status === 'withdrawn') throw new ValidationError([{ field: 'reason', message: `This proposal is already ${p.status}` }]);
      const result = await proposals.updateProposal(tx, proposalId, version, { status: 'withdrawn', withdrawnReason: input.reason });
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
  async function confirm(ctx: Ctx, proposalId: string, version: number, raw: unknown): Promise<{ placementId: string; placementIds: string[] }> {
    // Every missing answer is reported at once: the connected-person question and each move's reason.
    let inputErrors: FieldError[] = [];
    let input: z.output<typeof ConfirmInput> | null = null;
    try {
      input = parseInput(ConfirmInput, raw);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      inputErrors = err.errors;
    }
    const endReasons = endReasonsFrom(raw);
    const day = today();
    const out = await db.transaction(async (tx) => {
      const p = await lockProposal(tx, proposalId);
      if (p.version !== version) throw new StaleRecordError('Proposal');
      const v = await load(tx, proposalId);
      const evaluation = await evaluateHousehold(tx, p.requestId, p.householdId, day);
      const entry = await entryFor(tx, v, day);
      // Every unmet condition at once: the proposal's state, the gate's reasons, and the answers missing from the form.
      const stateBlockers = confirmationBlockers(
        { requestStatus: v.request.status, proposalStatus: p.status, proposedStart: p.proposedStart, gate: [...entry.decision.blocking.map((r) => r.message), ...evaluation.needReasons] },
        day,
      );
      const start = p.proposedStart;
      const unanswered = entry.moves
        .filter((m) => !endReasons[m.id])
        .map((m) => {
          const c = entry.group.find((g) => g.id === m.childId);
          return { field: `reasonEnded-${m.id}`, message: `${c ? `${c.firstName} ${c.lastName}` : 'The child'} lives with household ${m.householdReference} until this placement starts: select the reason that placement ends` };
        });
      if (stateBlockers.length || !start || !input || unanswered.length) {
        throw new ValidationError([...stateBlockers.map((message) => ({ field: 'confirm', message })), ...inputErrors, ...unanswered]);
      }
      const placementType = derivePlacementType({ kind: entry.kind, connectedPerson: input.connectedPerson === 'yes' });
      if (!placementType) throw new ValidationError([{ field: 'connectedPerson', message: 'The placement type cannot be worked out: the request does not say what kind of placement is needed' }]);
      // One gate, one transaction: the moves, the check and every sibling's placement, or nothing.
      const { ids } = await startPlacements(
        tx,
        ctx,
        {
          householdId: p.householdId,
          startDate: start,
          kind: entry.kind,
          emergency: entry.emergency,
          children: entry.group.map((c) => ({ childId: c.id, values: { placementType } })),
          existing: entry.existing,
          authorisation: p.overrideReason && p.overrideBy ? { userId: p.overrideBy, byHeadOfService: true, reason: p.overrideReason, at: p.overrideAt ?? new Date() } : null,
          endReasons,
          mode: 'new',
          field: 'confirm',
        },
        day,
      );
      const created = entry.group.map((c, i) => ({ child: c, placementId: ids[i]! }));
      for (const { child: c, placementId } of created) {
        for (const a of v.requirements.filter((x) => x.status === 'agreed' && x.respondedOn)) {
          await insertChildEvent(tx, {
            childId: c.id,
            kind: 'agreement_recorded',
            eventDate: a.respondedOn!,
            placementId,
            aboutChildId: a.existingChildId,
            evidence: `Written agreement from ${a.responderName ?? 'the social worker'} (${a.responderRole ?? ''}) by ${a.method === 'secure_link' ? 'secure link' : a.method === 'open_agreement' ? 'in-principle agreement' : 'letter or e-mail'}; filed on the carers' file`,
            recordedBy: ctx.actor?.userId ?? null,
          });
        }
      }
      const first = created[0]!;
      const result = await proposals.updateProposal(tx, proposalId, version, { status: 'confirmed', confirmedBy: ctx.actor?.userId ?? null, confirmedAt: new Date(), placementId: first.placementId });
      if (result !== 'updated') throw new StaleRecordError('Proposal');
      const names = created.map((x) => `${x.child.firstName} ${x.child.lastName} (${x.child.reference}, age ${ageOn(x.child.dateOfBirth, start)})`);
      await setRequestStatus(tx, ctx, p.requestId, 'confirmed', `Placement${created.length > 1 ? 's' : ''} with household ${v.household.reference} confirmed from ${formatDate(start)}`);
      const sw = v.child.socialWorkerId ? await findUserContact(tx, v.child.socialWorkerId) : undefined;
      const ssw = v.household.sswId ? await findUserContact(tx, v.household.sswId) : undefined;
      const carerEmails = v.household.carers.map((c) => c.email).filter((e): e is string => Boolean(e));
      const to = [...new Set([ssw?.email, sw?.email, ...carerEmails].filter((e): e is string => Boolean(e)))];
      if (to.length) {
        await mailer.enqueue(tx, ctx, {
          to,
          subject: `Placement confirmed: ${entry.group.map((c) => c.firstName).join(' and ')} with household ${v.household.reference} from ${formatDate(start)}`,
          body:
            `The placement of ${names.join(' and ')} with ` +
            `${v.household.carers.map((c) => `${c.firstName} ${c.lastName}`).join(' and ') || `household ${v.household.reference}`} is confirmed from ${formatDate(start)}.\n\n` +
            (entry.moves.length ? `${entry.moves.map((m) => `The placement with household ${m.householdReference} ends on ${formatDate(start)}.`).join('\n')}\n\n` : '') +
            `Next: the Placement Planning Meeting (supervising social worker) and the placement plan (child's social worker) are due before or within 5 working days of the start; the care plan within 10 working days of the first placement.\n\n` +
            (p.overrideReason ? `An emergency placement authorised by a head of service before every written agreement was in: ${p.overrideReason}. Each missing agreement is still to be obtained.\n\n` : '') +
            created.map((x) => `${opts.publicUrl}/placements/${x.placementId}`).join('\n'),
          related: { type: 'proposal', id: proposalId },
        });
      }
      await writeAudit(tx, ctx, {
        action: 'proposal.confirmed',
        subjectType: 'proposal',
        subjectId: proposalId,
        details: {
          placementId: first.placementId,
          placementIds: ids,
          childIds: entry.group.map((c) => c.id),
          householdId: p.householdId,
          start,
          placementType,
          moves: entry.moves.map((m) => m.id),
          overridden: Boolean(p.overrideReason),
          emailedTo: to.length,
        },
      });
      return { placementId: first.placementId, placementIds: ids };
    });
    return afterCommit(out);
  }

  /** The proposal that led to a placement, if any (for the placement page: overrides are shown there). */
  async function forPlacement(placementId: string) {
    const p = await proposals.proposalOfPlacement(db, placementId);
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
    openAgreementView,
    recordOpenAgreement,
    useOpenAgreement,
    sendOpenAgreementNotice,
    withdrawOpenAgreement,
    answersToAcknowledge,
    acknowledgeAnswer,
    override,
    withdraw,
    confirm,
    forPlacement,
    considerationRoles: CONSIDERATION_ROLES,
  };
}

export type ProposalService = ReturnType<typeof createProposalService>;
